/*
 * config_build.c - entries to model: every section, key and value checked,
 * component sizes resolved, sums checked against the pot and the budget.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abg/alloc.h"
#include "config_builder.h"

static const char *const SECTION_KINDS[] = {
    "allocation", "component", "area",    "budget",    "stream",
    "output",     "scenario",  "damping", "indicator", NULL};
static const char *const ALLOCATION_KEYS[] = {
    "title",    "source", "currency",           "pot",
    "round_to", "ties",   "component_rounding", "published",
    "date",     NULL};
/* SECTION_KINDS' indexes, for builder.kinds. */
enum {
    K_ALLOCATION,
    K_COMPONENT,
    K_AREA,
    K_BUDGET,
    K_STREAM,
    K_OUTPUT,
    K_SCENARIO,
    K_DAMPING,
    K_INDICATOR,
    K_UNKNOWN
};
static const char *const OUTPUT_KEYS[] = {"workbook", NULL};
static const char *const TIE_RULES[] = {"file_order", "refuse", NULL};
static const char *const ROUNDING_RULES[] = {"nearest", "preserve", NULL};

/* Checks YYYY-MM-DD strictly: digits and dashes in place, a year from
 * 1900, a month, and a day that month has (no 30 February). Returns
 * false when v is a date, else true with why it is not in `why`. */
static bool date_problem(char *why, size_t size, const char *v)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    int y, mo, d, max;

    snprintf(why, size, "is not a date in the form YYYY-MM-DD");
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return true;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
            return true;
    y = atoi(v), mo = atoi(v + 5), d = atoi(v + 8);
    if (y < 1900) {
        snprintf(why, size, "is before 1900");
        return true;
    }
    if (mo < 1 || mo > 12) {
        snprintf(why, size, "does not exist: there is no month %d", mo);
        return true;
    }
    max = days[mo - 1];
    if (mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        max = 29;
    snprintf(why, size, "does not exist: %s %d has %d days", months[mo - 1], y,
             max);
    return d < 1 || d > max;
}

/* Builds [allocation]: title, pot, rounding, ties and the rest. */
static abg_error build_allocation(builder *b, const abg_section *s,
                                  bool *has_pot)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    char hint[256];
    abg_error err = ABG_OK;

    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_build_copy_text(b, &m->title, e);
        } else if (strcmp(e->key, "source") == 0) {
            err = abg_build_copy_text(b, &m->source, e);
        } else if (strcmp(e->key, "currency") == 0) {
            const char *v = e->value;
            if (strlen(v) != 3 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' ||
                v[1] > 'Z' || v[2] < 'A' || v[2] > 'Z')
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "write a three-letter ISO 4217 "
                                    "code such as GBP",
                                    "currency \"%s\" is not a currency code",
                                    v);
            err = abg_build_copy_text(b, &m->currency, e);
        } else if (strcmp(e->key, "pot") == 0) {
            err = abg_build_money(b, &m->pot, e);
            m->pot_line = e->line;
            *has_pot = true;
        } else if (strcmp(e->key, "round_to") == 0) {
            int64_t unit = 0, p = 1;
            err = abg_build_money_as(b, &unit, e,
                                     "use a power of ten: 0.01, "
                                     "1, 10, 100, 1000 ...");
            if (err)
                return err;
            while (p < unit && p <= INT64_MAX / 10)
                p *= 10;
            if (unit == 0 || p != unit)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "use a power of ten: 0.01, 1, "
                                    "10, 100, 1000 ...",
                                    "round_to \"%s\" is not a power of ten "
                                    "of at least 0.01",
                                    e->value);
            m->round_to = unit;
        } else if (strcmp(e->key, "ties") == 0) {
            m->ties_line = e->line;
            if (strcmp(e->value, "file_order") == 0)
                m->ties = ABG_TIES_FILE_ORDER;
            else if (strcmp(e->value, "refuse") == 0)
                m->ties = ABG_TIES_REFUSE;
            else
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    abg_config_suggest(hint, sizeof hint,
                                                       e->value, TIE_RULES,
                                                       "write file_order or "
                                                       "refuse"),
                                    "ties \"%s\" is not a tie rule", e->value);
        } else if (strcmp(e->key, "component_rounding") == 0) {
            if (strcmp(e->value, "nearest") == 0)
                m->component_rounding = ABG_COMPONENT_ROUNDING_EACH;
            else if (strcmp(e->value, "preserve") == 0)
                m->component_rounding = ABG_COMPONENT_ROUNDING_PRESERVE;
            else
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    abg_config_suggest(hint, sizeof hint,
                                                       e->value,
                                                       ROUNDING_RULES,
                                                       "write nearest "
                                                       "or preserve"),
                                    "component_rounding \"%s\" is not a "
                                    "rounding rule",
                                    e->value);
        } else if (strcmp(e->key, "published") == 0) {
            err = abg_build_money(b, &m->published, e);
            m->has_published = true;
            m->published_line = e->line;
        } else if (strcmp(e->key, "date") == 0) {
            char why[64];
            if (date_problem(why, sizeof why, e->value))
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "write the date as YYYY-MM-DD, "
                                    "like 2011-04-01",
                                    "date \"%s\" %s", e->value, why);
            err = abg_build_copy_text(b, &m->date, e);
        } else {
            return abg_build_unknown_key(b, e, s, ALLOCATION_KEYS);
        }
    }
    return err;
}

/* A file may choose its workbook's name but not replace other files:
 * the path must be relative, stay inside the INI file's folder and end in
 * .xlsx. */
static abg_error check_workbook(builder *b, const abg_entry *e)
{
    const char *v = e->value, *why = NULL;
    size_t n = strlen(v);

    if (v[0] == '/')
        why = "is an absolute path";
    /* Each component between slashes: none may be "..". */
    for (const char *p = v; p && !why;) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
            why = "has a .. that leaves the INI file's folder";
        p = strchr(p, '/');
        if (p)
            p++;
    }
    if (!why &&
        (n < 6 || strcasecmp(v + n - 5, ".xlsx") != 0 || v[n - 6] == '/'))
        why = "does not name a .xlsx file";
    if (!why)
        return ABG_OK;
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                        "name a workbook in the INI file's folder, such as "
                        "allocation.xlsx or out/allocation.xlsx; -o PATH "
                        "writes anywhere",
                        "workbook \"%s\" %s", v, why);
}

/* Builds [output]: the workbook --workbook writes. */
static abg_error build_output(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;

    ABG_FOR_ENTRIES(e, c, s)
    {
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "workbook") == 0) {
            abg_error err = check_workbook(b, e);
            if (!err)
                err = abg_build_copy_text(b, &b->model->output, e);
            if (err)
                return err;
        } else {
            return abg_build_unknown_key(b, e, s, OUTPUT_KEYS);
        }
    }
    return ABG_OK;
}

/* Counts the sections of one kind (builder.kinds). */
static size_t count_kind(const builder *b, unsigned char kind)
{
    size_t n = 0;

    for (size_t i = 0; i < b->config->n_sections; i++)
        n += b->kinds[i] == kind;
    return n;
}

/* Notes each section's kind once as its index in SECTION_KINDS
 * (K_UNKNOWN when none), so that the loops below, each over every
 * section, compare a byte instead of a string. */
static bool note_kinds(builder *b)
{
    const abg_config *c = b->config;

    if (!(b->kinds = malloc(c->n_sections + 1)))
        return false;
    for (size_t i = 0; i < c->n_sections; i++) {
        const char *kind = c->sections[i].kind;
        unsigned char k = K_UNKNOWN;
        /* Most sections of a large file are areas. */
        if (strcmp(kind, "area") == 0)
            k = K_AREA;
        else
            for (unsigned char j = 0; SECTION_KINDS[j]; j++)
                if (strcmp(kind, SECTION_KINDS[j]) == 0) {
                    k = j;
                    break;
                }
        b->kinds[i] = k;
    }
    return true;
}

/* Runs the section builders in dependency order: allocation, components,
 * indicators seen in areas, areas, budget, streams. */
static abg_error build(builder *b)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    bool has_pot = false;
    abg_error err;
    char hint[256], all[256];
    size_t n_alloc;

    if (!note_kinds(b))
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    n_alloc = count_kind(b, K_ALLOCATION);
    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        unsigned char k = b->kinds[i];
        if (k == K_AREA) /* the most of a large file, and fine */
            continue;
        if (k == K_UNKNOWN) {
            char fallback[300];
            snprintf(fallback, sizeof fallback, "sections are: %s",
                     abg_build_join(all, sizeof all, SECTION_KINDS));
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                abg_config_suggest(hint, sizeof hint, s->kind,
                                                   SECTION_KINDS, fallback),
                                "unknown section [%s]", s->text);
        }
        if ((k == K_ALLOCATION || k == K_BUDGET || k == K_DAMPING ||
             k == K_OUTPUT) &&
            s->name[0]) {
            snprintf(hint, sizeof hint, "write the heading as [%s]%s", s->kind,
                     strcmp(s->kind, "output") == 0
                         ? ""
                         : " and give the name as title = ...");
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                hint, "[%s] takes no name", s->kind);
        }
    }
    if (n_alloc == 0)
        return abg_build_fail(b, ABG_ERROR_VALUE, 0,
                              "add an [allocation] section with title and pot",
                              "no [allocation] section");
    m->components =
        calloc(count_kind(b, K_COMPONENT) + 1, sizeof *m->components);
    m->areas = calloc(count_kind(b, K_AREA) + 1, sizeof *m->areas);
    m->streams = calloc(count_kind(b, K_STREAM) + 1, sizeof *m->streams);
    if (!m->components || !m->areas || !m->streams)
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    m->round_to = 1;
    if ((err = abg_config_copy_sources(&m->tables, &m->n_tables, c)))
        return abg_build_fail(b, err, 0, NULL, "out of memory");
    for (size_t i = 0; i < c->n_sections; i++)
        if (b->kinds[i] == K_ALLOCATION &&
            (err = build_allocation(b, &c->sections[i], &has_pot)))
            return err;
    if (!has_pot)
        for (size_t i = 0; i < c->n_sections; i++)
            if (b->kinds[i] == K_ALLOCATION)
                return abg_build_fail(
                    b, ABG_ERROR_VALUE, c->sections[i].line,
                    "add pot = the money to divide, such as 426000",
                    "[allocation] has no pot");
    if (!m->currency && !(m->currency = strdup("GBP")))
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    if (!m->title && !(m->title = strdup("Allocation")))
        return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    for (size_t i = 0; i < c->n_sections; i++)
        if (b->kinds[i] == K_COMPONENT &&
            (err = abg_build_component(b, &c->sections[i])))
            return err;
    if (m->n_components == 0)
        return abg_build_fail(
            b, ABG_ERROR_VALUE, 0,
            "add [component NAME] sections, such as [component even] "
            "with method = even",
            "no [component] sections");
    if ((err = abg_build_indicators(b)) || (err = abg_build_area_blocks(b)))
        return err;
    for (size_t i = 0; i < c->n_sections; i++)
        if (b->kinds[i] == K_AREA &&
            (err = abg_build_area(b, &c->sections[i])))
            return err;
    for (size_t i = 0; i < m->n_indicators; i++)
        if ((err = abg_indicator_check(&b->uses[i], c, m->indicators[i],
                                       b->diag)))
            return err;
    if (m->n_areas == 0)
        return abg_build_fail(
            b, ABG_ERROR_VALUE, 0,
            "add an [area NAME] section for each area that receives "
            "money",
            "no [area] sections");
    if ((err = abg_build_evaluate(b)))
        return err;
    if ((err = abg_build_resolve_amounts(b)))
        return err;
    if ((err = abg_build_check_divisible(b)))
        return err;
    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        if (b->kinds[i] == K_BUDGET)
            err = abg_build_budget(b, s);
        else if (b->kinds[i] == K_STREAM)
            err = abg_build_stream(b, s);
        else if (b->kinds[i] == K_OUTPUT)
            err = build_output(b, s);
        else if (b->kinds[i] == K_DAMPING)
            err = abg_build_damping(b, s);
        if (err)
            return err;
    }
    if ((err = abg_build_check_budget(b)) ||
        (err = abg_build_check_previous(b)))
        return err;
    if (c->scenario) {
        m->scenario = strdup(c->scenario);
        m->scenario_title = strdup(c->scenario_title);
        if (!m->scenario || !m->scenario_title)
            return abg_build_fail(b, ABG_ERROR_MEMORY, 0, NULL,
                                  "out of memory");
    }
    return ABG_OK;
}

/* Builds the model without checking scenarios (config_internal.h). */
abg_error abg_config_build_model(abg_model **out, const abg_config *config,
                                 abg_diag *diag)
{
    builder b = {.config = config,
                 .model = calloc(1, sizeof(abg_model)),
                 .diag = diag,
                 .file = config->file,
                 .names = abg_names_new()};
    abg_error err;

    *out = NULL;
    if (!b.model || !b.names || !(b.model->file = strdup(config->file))) {
        free(b.model);
        abg_names_free(b.names);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, config->file, 0, NULL,
                            "out of memory");
    }
    err = build(&b);
    abg_build_formulas_free(&b);
    abg_names_free(b.names);
    free(b.kinds);
    free(b.uses);
    free(b.seen);
    if (err) {
        if (err == ABG_ERROR_MEMORY)
            abg_diag_set(diag, err, config->file, 0, NULL, "out of memory");
        abg_model_free(b.model);
        return err;
    }
    *out = b.model;
    return ABG_OK;
}
