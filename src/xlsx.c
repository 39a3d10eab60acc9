/*
 * xlsx.c - abg_xlsx_write, the allocation's workbook (an entry point):
 * its sheets in order, names and properties; a damped allocation's or a
 * method = previous one's as values with the Waterfall sheet.
 *
 * SPDX-License-Identifier: MIT
 *
 * The sheets are written by xlsx_inputs.c, xlsx_rounding.c,
 * xlsx_allocation.c, xlsx_checks.c and xlsx_chart.c, in that order, since
 * each refers to cells the ones before it placed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "abg/xlsx.h"
#include "xlsx_internal.h"

/* True when name is taken (case-insensitively, as Excel compares names):
 * by one of the first n components' names, or, for a suffixed name, by a
 * later component's plain name, which that component will want. */
static bool name_taken(const abg_xlsx *x, const char *name, size_t n,
                       const char *const *plain)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(x->names[i], name) == 0)
            return true;
    for (size_t i = n + 1; i < x->m->n_components; i++)
        if (strcmp(name, plain[n]) != 0 && strcasecmp(plain[i], name) == 0)
            return true;
    return false;
}

/* Gives each component the suffix of its defined names: its name with
 * '-' as '_' (Excel names allow no '-'), made unique when two names
 * differ only by '-' and '_' or by case ("_2", "_3" ...). */
static bool make_names(abg_xlsx *x)
{
    size_t nc = x->m->n_components;
    char **plain = calloc(nc ? nc : 1, sizeof *plain);
    bool ok = plain != NULL;

    x->names = calloc(nc ? nc : 1, sizeof *x->names);
    if (!x->names)
        ok = false;
    for (size_t c = 0; ok && c < nc; c++) {
        plain[c] = strdup(x->m->components[c].name);
        if (!plain[c])
            ok = false;
        else
            for (char *p = plain[c]; *p; p++)
                if (*p == '-')
                    *p = '_';
    }
    for (size_t c = 0; ok && c < nc; c++) {
        size_t len = strlen(plain[c]) + 24;
        char *name = malloc(len);
        if (!name) {
            ok = false;
            break;
        }
        snprintf(name, len, "%s", plain[c]);
        for (unsigned k = 2;
             name_taken(x, name, c, (const char *const *)plain); k++)
            snprintf(name, len, "%s_%u", plain[c], k);
        x->names[c] = name;
    }
    for (size_t c = 0; plain && c < nc; c++)
        free(plain[c]);
    free(plain);
    return ok;
}

/* The most decimals any area gives each indicator, for its format. */
static bool indicator_scales(abg_xlsx *x)
{
    const abg_model *m = x->m;

    x->indicator_scale = calloc(m->n_indicators ? m->n_indicators : 1,
                                sizeof *x->indicator_scale);
    if (!x->indicator_scale)
        return false;
    for (size_t i = 0; i < m->n_indicators; i++)
        for (size_t a = 0; a < m->n_areas; a++) {
            int s = m->areas[a].values[i].scale;
            if (s > x->indicator_scale[i] && s <= ABG_DECIMAL_MAX_SCALE)
                x->indicator_scale[i] = s;
        }
    return true;
}

/* Adds the sheets in tab order; the Waterfall sheet only when damped. */
static bool add_sheets(abg_xlsx *x)
{
    static const char *const names[ABG_XLSX_N_SHEETS] = {
        ABG_XLSX_ALLOCATION, ABG_XLSX_INPUTS, ABG_XLSX_ROUNDING,
        ABG_XLSX_CHECKS,     ABG_XLSX_CHART,  ABG_XLSX_WATERFALL};

    for (size_t i = 0; i < ABG_XLSX_N_SHEETS; i++) {
        if (i == ABG_XLSX_SHEET_WATERFALL && !x->r->damped)
            continue;
        x->sheets[i].name = names[i];
        x->sheets[i].ws = workbook_add_worksheet(x->wb, names[i]);
        if (!x->sheets[i].ws)
            return false;
    }
    return true;
}

/* Title, subject, author, comments (the source) and keywords. */
static void set_properties(abg_xlsx *x, time_t created)
{
    const abg_model *m = x->m;
    lxw_doc_properties p = {0};
    char *title, *comments, *subj;
    char subject[256], pot[64];

    snprintf(subject, sizeof subject, "Allocation of %s among %zu areas",
             abg_xlsx_money(x, pot, sizeof pot, m->pot, x->whole), m->n_areas);
    p.title = m->title;
    p.subject = subject;
    p.author = "abgcalc";
    p.comments = m->source;
    p.keywords = "allocation, largest remainder, Hamilton method, abgcalc";
    p.created = created;
    /* Title and source as valid XML whatever they hold. */
    p.title = (char *)abg_xlsx_xml(x, p.title, &title);
    p.comments = (char *)abg_xlsx_xml(x, p.comments, &comments);
    p.subject = (char *)abg_xlsx_xml(x, p.subject, &subj);
    abg_xlsx_check(x, workbook_set_properties(x->wb, &p),
                   "document properties");
    free(title);
    free(comments);
    free(subj);
}

/* The workbook of an allocation the live formulas do not cover
 * (method = previous, or damping with component_rounding = preserve): its
 * figures as values, and for damping the Waterfall sheet (its pace and
 * floor live). */
static abg_error write_values_book(const char *path, const abg_model *m,
                                   const abg_result *r, abg_diag *diag)
{
    abg_xlsx x;
    char subject[256];
    abg_error err;

    memset(&x, 0, sizeof x);
    /* Area, total, each component, damping. */
    err = abg_xlsx_fits(m, "Allocation", m->n_components + 3, m->n_components,
                        "components", diag);
    if (err)
        return err;
    snprintf(subject, sizeof subject, "%.*s%s", abg_text_fit(m->title, 200),
             m->title, r->damped ? ", damped against last year" : "");
    err =
        abg_xlsx_open_book(&x, path, m, r, m->round_to >= 100, subject, diag);
    if (err)
        return abg_xlsx_close_book(&x, path, err, diag);
    if (abg_xlsx_next_sheet(&x, "Allocation")) {
        abg_xlsx_write_values(&x, m, r);
        /* Said on the sheet, under the totals row (the values sheet's
         * table starts on row 5): never a silently smaller workbook. */
        abg_xlsx_label(&x, &x.sheets[0], (lxw_row_t)(m->n_areas + 6), 0,
                       r->damped
                           ? "This workbook holds abgcalc's figures as "
                             "values: the live Inputs, Rounding, Checks and "
                             "Chart sheets do not cover damping with "
                             "component_rounding = preserve yet. Only the "
                             "Waterfall sheet's pace and floor recalculate."
                           : "This workbook holds abgcalc's figures as "
                             "values: the live Inputs, Rounding, Checks and "
                             "Chart sheets do not cover method = previous "
                             "yet, so a changed input here recalculates "
                             "nothing.",
                       x.f.warning);
    }
    if (r->damped && abg_xlsx_next_sheet(&x, "Waterfall"))
        abg_xlsx_write_waterfall(&x, m, r);
    abg_xlsx_next_sheet(&x, NULL);
    return abg_xlsx_close_book(&x, path, ABG_OK, diag);
}

abg_error abg_xlsx_write(const char *path, const abg_model *m,
                         const abg_result *r, abg_diag *diag)
{
    abg_xlsx x;
    lxw_workbook_options options = {0};
    time_t created = 0;
    abg_error err;

    memset(&x, 0, sizeof x);
    /* The live formulas cover the formula, damping and the rounding;
     * shares of last year, and damping with each component rounded on its
     * own, are not in them yet, so such a workbook holds abgcalc's figures
     * as values (and the damping waterfall) rather than formulas that
     * would disagree with abgcalc. */
    if (r->damped && m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE)
        return write_values_book(path, m, r, diag);
    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].method == ABG_METHOD_PREVIOUS)
            return write_values_book(path, m, r, diag);
    /* The Rounding sheet is the widest: area, the exact shares, six
     * columns of the totals' rounding, and with preserve five more per
     * component. */
    err = abg_xlsx_fits(
        m, ABG_XLSX_ROUNDING,
        m->n_components *
                (m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE
                     ? 1 + ABG_XLSX_GROUP_COLS
                     : 1) +
            7,
        m->n_components, "components", diag);
    if (!err)
        err = abg_xlsx_creation_time(&created, m, diag);
    if (err)
        return err;
    x.m = m;
    x.r = r;
    x.symbol = abg_money_symbol(m->currency);
    x.whole = m->round_to >= 100;
    if (!make_names(&x) || !indicator_scales(&x)) {
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                           "out of memory");
        goto out;
    }
    /* A national workbook keeps one row of each sheet in memory rather
     * than every cell (its sheets write their rows in order). */
    x.constant_memory = m->n_areas >= ABG_XLSX_CONSTANT_MEMORY_AREAS;
    options.constant_memory = x.constant_memory;
    x.wb = workbook_new_opt(path, &options);
    if (!x.wb) {
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                           "out of memory");
        goto out;
    }
    if (!add_sheets(&x))
        abg_xlsx_no_memory(&x);
    else
        abg_xlsx_formats_create(&x);
    if (!x.out_of_memory) {
        set_properties(&x, created);
        abg_xlsx_write_inputs(&x);
        /* The Rounding sheet's exact totals are the Waterfall sheet's last
         * damped figures, and the Waterfall's Formula column sums the
         * Rounding sheet's shares: its place is known first. */
        x.at.wf_live = r->damped;
        if (r->damped)
            abg_xlsx_waterfall_layout(&x, m);
        abg_xlsx_write_rounding(&x);
        if (r->damped)
            abg_xlsx_write_waterfall(&x, m, r);
        abg_xlsx_write_allocation(&x);
        abg_xlsx_write_checks(&x);
        abg_xlsx_write_chart(&x);
        abg_xlsx_finish_sizes(&x);
    }
out:
    return abg_xlsx_close_book(&x, path, err, diag);
}
