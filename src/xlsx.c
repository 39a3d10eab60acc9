/*
 * xlsx.c - abg_xlsx_write: the workbook's sheets, names, properties and
 * page setup, and turning libxlsxwriter's errors into an abg_diag.
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

/* Month names for the footer's date. */
static const char *const MONTHS[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

void abg_xlsx_method_text(const abg_model *m, size_t c, char *buf, size_t size)
{
    const abg_component *comp = &m->components[c];

    if (comp->method == ABG_METHOD_EVEN)
        snprintf(buf, size, "even split");
    else
        snprintf(buf, size, "in proportion to %s",
                 m->indicators[comp->indicator]);
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil): timegm() is not standard C. */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
    int64_t era, yoe, doy, doe;

    y -= mo <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The document's creation time: SOURCE_DATE_EPOCH (reproducible-builds.org)
 * when set, else the data's date at midnight UTC, else 2000-01-01, so that
 * the same inputs always give the same bytes. */
abg_error abg_xlsx_creation_time(time_t *out, const abg_model *m,
                                 abg_diag *diag)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    int y, mo, d;

    if (env && *env) {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(env, &end, 10);
        if (!isdigit((unsigned char)env[0]) || *end || errno ||
            (long long)(time_t)v != v)
            return abg_diag_set(diag, ABG_ERROR_VALUE, "SOURCE_DATE_EPOCH", 0,
                                "set it to a number of seconds since "
                                "1970, or unset it",
                                "\"%s\" is not a number of seconds", env);
        *out = (time_t)v;
        return ABG_OK;
    }
    if (m->date && sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
        *out = (time_t)(days_from_civil(y, mo, d) * 86400);
        return ABG_OK;
    }
    *out = (time_t)(days_from_civil(2000, 1, 1) * 86400);
    return ABG_OK;
}

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

/* Appends text to a header/footer string with '&' doubled (a lone '&'
 * starts a control code), cut to leave `keep` bytes of room. */
static void footer_text(char *buf, size_t size, const char *text, size_t keep)
{
    static const char ZWSP[] = "\xE2\x80\x8B"; /* U+200B, prints as nothing */
    size_t n = strlen(buf);

    for (const char *p = text; *p && n + 2 + keep < size; p++) {
        /* Cut only at the start of a UTF-8 character. */
        if (((unsigned char)*p & 0xC0) != 0x80 && n + 9 + keep >= size)
            break;
        if (*p == '&')
            buf[n++] = '&';
        buf[n++] = *p;
        /* libxlsxwriter 1.1.4 takes "&G" (even in "&&G") and "[Picture]"
         * for image placeholders and crashes when no image comes: an
         * invisible space keeps a title such as "R&G Grants" plain text. */
        if ((*p == '&' && (p[1] == 'G' || p[1] == 'g')) ||
            (*p == '[' && strncmp(p + 1, "Picture]", 8) == 0)) {
            memcpy(buf + n, ZWSP, 3);
            n += 3;
        }
    }
    buf[n] = '\0';
}

void abg_xlsx_page_setup(abg_xlsx *x, abg_xlsx_sheet *s)
{
    const abg_model *m = x->m;
    char footer[LXW_HEADER_FOOTER_MAX + 1] = "&L&8", right[64] = "";
    int y, mo, d;

    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.7);
    if (m->date && sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
        mo >= 1 && mo <= 12)
        snprintf(right, sizeof right, "&R&8Data as at %d %s %d", d,
                 MONTHS[mo - 1], y);
    /* The title is cut, never the page number or the date. */
    footer_text(footer, sizeof footer, m->title,
                strlen("&C&8Page &P of &N") + strlen(right));
    strcat(footer, "&C&8Page &P of &N");
    strcat(footer, right);
    abg_xlsx_check(x, worksheet_set_footer(s->ws, footer), "%s: footer",
                   s->name);
}

/* Adds the sheets in tab order. */
static bool add_sheets(abg_xlsx *x)
{
    static const char *const names[ABG_XLSX_N_SHEETS] = {
        ABG_XLSX_ALLOCATION, ABG_XLSX_INPUTS, ABG_XLSX_ROUNDING,
        ABG_XLSX_CHECKS, ABG_XLSX_CHART};

    for (size_t i = 0; i < ABG_XLSX_N_SHEETS; i++) {
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

abg_error abg_xlsx_write(const char *path, const abg_model *m,
                         const abg_result *r, abg_diag *diag)
{
    abg_xlsx x;
    time_t created = 0;
    abg_error err;

    memset(&x, 0, sizeof x);
    /* The live formulas cover the formula and its rounding; damping and
     * shares of last year are not in them yet, so such a workbook holds
     * abgcalc's figures as values (and the damping waterfall) rather than
     * formulas that would disagree with abgcalc. */
    if (r->damped)
        return abg_xlsx_write_values_book(path, m, r, diag);
    for (size_t c = 0; c < m->n_components; c++)
        if (m->components[c].method == ABG_METHOD_PREVIOUS)
            return abg_xlsx_write_values_book(path, m, r, diag);
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
    x.wb = workbook_new(path);
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
        abg_xlsx_write_rounding(&x);
        abg_xlsx_write_allocation(&x);
        abg_xlsx_write_checks(&x);
        abg_xlsx_write_chart(&x);
        abg_xlsx_finish_sizes(&x);
    }
out:
    return abg_xlsx_close_book(&x, path, err, diag);
}
