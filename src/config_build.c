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
#include "config_internal.h"

/* Where a build is: the config, the model being filled, the diagnostic. */
typedef struct builder {
    const abg_config *config;
    abg_model *model;
    abg_diag *diag;
    const char *file;
} builder;

static const char *const SECTION_KINDS[] = {
    "allocation", "component", "area", "budget", "stream", "output",
    "scenario", "damping", NULL};
static const char *const DAMPING_KEYS[] = {"pace", "floor", "ceiling",
                                           "minimum", NULL};
static const char *const ALLOCATION_KEYS[] = {
    "title", "source", "currency", "pot", "round_to", "ties",
    "component_rounding", "published", "date", NULL};
static const char *const COMPONENT_KEYS[] = {
    "title", "method", "indicator", "amount", "share", "per_area", "note",
    "published", NULL};
static const char *const BUDGET_KEYS[] = {"title", "total", "pot_title",
    "approximate", "pot_approximate", "approximate_to", NULL};
static const char *const STREAM_KEYS[] = {"title", "amount", "approximate",
    "approximate_to", NULL};
static const char *const APPROX_KEYS[] = {"approximate", "pot_approximate",
    "approximate_to", NULL};
static const char *const OUTPUT_KEYS[] = {"workbook", NULL};
static const char *const TIE_RULES[] = {"file_order", "refuse", NULL};
static const char *const ROUNDING_RULES[] = {"nearest", "preserve", NULL};

/* Levenshtein distance, capped: only small distances matter here. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];

    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* Writes "did you mean X?" into hint when a candidate is close to word,
 * else `fallback`. Candidates are a NULL-terminated list. */
const char *abg_config_suggest(char *hint, size_t size, const char *word,
                               const char *const *candidates,
                               const char *fallback)
{
    const char *best = NULL;
    size_t best_d = 3;

    for (size_t i = 0; candidates && candidates[i]; i++) {
        size_t d = distance(word, candidates[i]);
        if (d < best_d)
            best_d = d, best = candidates[i];
    }
    if (best)
        snprintf(hint, size, "did you mean \"%s\"?", best);
    else
        snprintf(hint, size, "%s", fallback);
    return hint;
}

/* Joins a NULL-terminated list as "a, b, c" for hints. */
static const char *join(char *buf, size_t size, const char *const *words)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; words[i] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i ? ", " : "", words[i]);
    return buf;
}

static abg_error fail(builder *b, abg_error err, int line, const char *hint,
                      const char *message)
{
    return abg_diag_set(b->diag, err, b->file, line, hint, "%s", message);
}

static abg_error unknown_key(builder *b, const abg_entry *e,
                             const abg_section *s, const char *const *keys)
{
    char hint[256], all[256], fallback[300];

    snprintf(fallback, sizeof fallback, "[%s] takes: %s", s->kind,
             join(all, sizeof all, keys));
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                        abg_config_suggest(hint, sizeof hint, e->key, keys, fallback),
                        "unknown key \"%s\" in [%s]", e->key, s->text);
}

static bool is_one_of(const char *key, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static abg_error copy_text(builder *b, char **out, const abg_entry *e)
{
    free(*out);
    *out = strdup(e->value);
    if (!*out)
        return fail(b, ABG_ERROR_MEMORY, e->line, NULL, "out of memory");
    return ABG_OK;
}

/* The largest pot: twice it must fit in int64_t pence, because shown
 * figures rounded up can add up to at most twice what they divide. */
#define MAX_POT INT64_C(1000000000000000000)
#define MAX_POT_TEXT "\xC2\xA3" "10,000,000,000,000,000"

/* Parses e's value as money; `hint` (NULL for the usual one) tells how to
 * fix a value that is not money. */
static abg_error parse_money_as(builder *b, int64_t *out, const abg_entry *e,
                                const char *hint)
{
    const char *reason = NULL;
    abg_error err = abg_money_parse(out, e->value, &reason);

    if (err == ABG_ERROR_OVERFLOW)
        hint = "check for extra digits: abgcalc divides at most "
               MAX_POT_TEXT;
    else if (!hint)
        hint = "write money as 94125, 94125.00 or \xC2\xA3" "94,125.00";
    if (err)
        return abg_diag_set(b->diag, err, b->file, e->line, hint,
                            "%s \"%s\" %s", e->key, e->value, reason);
    return ABG_OK;
}

static abg_error parse_money(builder *b, int64_t *out, const abg_entry *e)
{
    return parse_money_as(b, out, e, NULL);
}

static abg_error parse_decimal(builder *b, abg_decimal *out,
                               const abg_entry *e)
{
    const char *reason = NULL;
    abg_error err = abg_decimal_parse(out, e->value, &reason);
    char hint[256];

    if (!err)
        return ABG_OK;
    /* Scaling every area's value alike leaves each share as it was. */
    if (err == ABG_ERROR_OVERFLOW)
        snprintf(hint, sizeof hint, "divide every area's %s by the same "
                 "number, which leaves the split unchanged (at most "
                 "9,223,372,036,854,775,807, decimals counted as digits)",
                 e->key);
    else
        snprintf(hint, sizeof hint, "write a number such as 92500, 92,500 "
                 "or 23.75");
    return abg_diag_set(b->diag, err, b->file, e->line, hint,
                        "%s \"%s\" %s", e->key, e->value, reason);
}

/* Checks that a name (a component or indicator) can head a CSV column
 * and be written in a dotted key. */
static bool is_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

static long find_component(const abg_model *m, const char *name)
{
    for (size_t i = 0; i < m->n_components; i++)
        if (strcmp(m->components[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long find_indicator(const abg_model *m, const char *name)
{
    for (size_t i = 0; i < m->n_indicators; i++)
        if (strcmp(m->indicators[i], name) == 0)
            return (long)i;
    return -1;
}

/* Adds an indicator name unless known; returns its index or -1. */
static long add_indicator(abg_model *m, const char *name)
{
    long found = find_indicator(m, name);
    char **grown;

    if (found >= 0)
        return found;
    grown = realloc(m->indicators, (m->n_indicators + 1) * sizeof *grown);
    if (!grown)
        return -1;
    m->indicators = grown;
    if (!(m->indicators[m->n_indicators] = strdup(name)))
        return -1;
    return (long)m->n_indicators++;
}

/* Checks YYYY-MM-DD strictly: digits and dashes in place, a year from
 * 1900, a month, and a day that month has (no 30 February). Returns
 * false when v is a date, else true with why it is not in `why`. */
static bool date_problem(char *why, size_t size, const char *v)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                               31};
    static const char *const months[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
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
    snprintf(why, size, "does not exist: %s %d has %d days", months[mo - 1],
             y, max);
    return d < 1 || d > max;
}

static abg_error build_allocation(builder *b, const abg_section *s,
                                  size_t si, bool *has_pot)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    char hint[256];
    abg_error err = ABG_OK;

    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = copy_text(b, &m->title, e);
        } else if (strcmp(e->key, "source") == 0) {
            err = copy_text(b, &m->source, e);
        } else if (strcmp(e->key, "currency") == 0) {
            const char *v = e->value;
            if (strlen(v) != 3 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' ||
                v[1] > 'Z' || v[2] < 'A' || v[2] > 'Z')
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line, "write a three-letter ISO 4217 "
                                    "code such as GBP",
                                    "currency \"%s\" is not a currency code",
                                    v);
            err = copy_text(b, &m->currency, e);
        } else if (strcmp(e->key, "pot") == 0) {
            err = parse_money(b, &m->pot, e);
            m->pot_line = e->line;
            *has_pot = true;
        } else if (strcmp(e->key, "round_to") == 0) {
            int64_t unit = 0, p = 1;
            err = parse_money_as(b, &unit, e, "use a power of ten: 0.01, "
                                 "1, 10, 100, 1000 ...");
            if (err)
                return err;
            while (p < unit && p <= INT64_MAX / 10)
                p *= 10;
            if (unit == 0 || p != unit)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line, "use a power of ten: 0.01, 1, "
                                    "10, 100, 1000 ...",
                                    "round_to \"%s\" is not a power of ten "
                                    "of at least 0.01", e->value);
            m->round_to = unit;
        } else if (strcmp(e->key, "ties") == 0) {
            m->ties_line = e->line;
            if (strcmp(e->value, "file_order") == 0)
                m->ties = ABG_TIES_FILE_ORDER;
            else if (strcmp(e->value, "refuse") == 0)
                m->ties = ABG_TIES_REFUSE;
            else
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line,
                                    abg_config_suggest(hint, sizeof hint, e->value,
                                            TIE_RULES, "write file_order or "
                                            "refuse"),
                                    "ties \"%s\" is not a tie rule",
                                    e->value);
        } else if (strcmp(e->key, "component_rounding") == 0) {
            if (strcmp(e->value, "nearest") == 0)
                m->component_rounding = ABG_COMPONENT_ROUNDING_EACH;
            else if (strcmp(e->value, "preserve") == 0)
                m->component_rounding = ABG_COMPONENT_ROUNDING_PRESERVE;
            else
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line,
                                    abg_config_suggest(hint, sizeof hint, e->value,
                                            ROUNDING_RULES, "write nearest "
                                            "or preserve"),
                                    "component_rounding \"%s\" is not a "
                                    "rounding rule", e->value);
        } else if (strcmp(e->key, "published") == 0) {
            err = parse_money(b, &m->published, e);
            m->has_published = true;
            m->published_line = e->line;
        } else if (strcmp(e->key, "date") == 0) {
            char why[64];
            if (date_problem(why, sizeof why, e->value))
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line, "write the date as YYYY-MM-DD, "
                                    "like 2011-04-01",
                                    "date \"%s\" %s", e->value, why);
            err = copy_text(b, &m->date, e);
        } else {
            return unknown_key(b, e, s, ALLOCATION_KEYS);
        }
    }
    return err;
}

static abg_error build_component(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_component *comp = &m->components[m->n_components];
    const abg_entry *method = NULL, *indicator = NULL, *size = NULL;
    char hint[256];
    abg_error err = ABG_OK;

    memset(comp, 0, sizeof *comp);
    comp->line = s->line;
    if (!s->name[0])
        return fail(b, ABG_ERROR_VALUE, s->line,
                    "name the component, like [component population]",
                    "component has no name");
    if (!is_identifier(s->name))
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name it with letters, digits, - and _ only, "
                            "like [component population]",
                            "component name \"%s\" is not a plain name",
                            s->name);
    /* The CSV's first and last columns are area and total: a component
     * of either name would make two columns with one heading. */
    if (strcasecmp(s->name, "area") == 0 || strcasecmp(s->name, "total") == 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "choose another name, like [component base]; "
                            "title = sets the heading",
                            "component name \"%s\" is taken: the CSV has "
                            "its own %s column", s->name,
                            strcasecmp(s->name, "area") == 0 ? "area"
                                                             : "total");
    if (find_component(m, s->name) >= 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "give each component its own name",
                            "duplicate component \"%s\"", s->name);
    if (!(comp->name = strdup(s->name)))
        return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
    m->n_components++;
    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = copy_text(b, &comp->title, e);
        } else if (strcmp(e->key, "note") == 0) {
            err = copy_text(b, &comp->note, e);
        } else if (strcmp(e->key, "method") == 0) {
            method = e;
        } else if (strcmp(e->key, "indicator") == 0) {
            indicator = e;
        } else if (strcmp(e->key, "amount") == 0 ||
                   strcmp(e->key, "share") == 0 ||
                   strcmp(e->key, "per_area") == 0) {
            if (size)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    e->line, "keep one of amount, share and "
                                    "per_area",
                                    "component %s has both %s (line %d) and "
                                    "%s", comp->name, size->key, size->line,
                                    e->key);
            size = e;
        } else if (strcmp(e->key, "published") == 0) {
            err = parse_money(b, &comp->published, e);
            comp->has_published = true;
            comp->published_line = e->line;
        } else {
            return unknown_key(b, e, s, COMPONENT_KEYS);
        }
    }
    if (err)
        return err;
    if (!comp->title && !(comp->title = strdup(comp->name)))
        return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
    if (!method)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add method = even or method = proportional",
                            "component %s has no method", comp->name);
    if (strcmp(method->value, "even") == 0) {
        comp->method = ABG_METHOD_EVEN;
        if (indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line, "remove the indicator, or "
                                "write method = proportional",
                                "component %s has method = even, which "
                                "takes no indicator", comp->name);
    } else if (strcmp(method->value, "proportional") == 0) {
        long index;
        comp->method = ABG_METHOD_PROPORTIONAL;
        if (!indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                method->line, "add indicator = NAME, the "
                                "key the areas carry (such as population)",
                                "component %s is proportional but names no "
                                "indicator", comp->name);
        if (!is_identifier(indicator->value))
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line, "use letters, digits, - "
                                "and _ only",
                                "indicator \"%s\" is not a plain name",
                                indicator->value);
        /* In an area, published is the printed total and previous last
         * year's allocation, not indicators. */
        if (strcmp(indicator->value, "published") == 0 ||
            strcmp(indicator->value, "previous") == 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line, "name the indicator after "
                                "what it counts, like population",
                                "indicator \"%s\" is taken: in an area, %s",
                                indicator->value,
                                indicator->value[1] == 'u'
                                    ? "published is the printed total"
                                    : "previous is last year's allocation");
        index = add_indicator(m, indicator->value);
        if (index < 0)
            return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
        comp->indicator = (size_t)index;
    } else if (strcmp(method->value, "previous") == 0) {
        /* "Maintained at last year's level": shares of the previous
         * allocation, scaled to this component's amount. */
        comp->method = ABG_METHOD_PREVIOUS;
        if (indicator)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                indicator->line, "remove the indicator: the "
                                "areas' previous figures are the weights",
                                "component %s has method = previous, which "
                                "takes no indicator", comp->name);
    } else {
        static const char *const methods[] = {"even", "proportional",
                                              "previous", NULL};
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, method->line,
                            abg_config_suggest(hint, sizeof hint, method->value, methods,
                                    "write even, proportional or previous"),
                            "method \"%s\" is not a method", method->value);
    }
    if (!size)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add amount = 94125, share = 22.1%, amount = "
                            "rest, or (even only) per_area = 25000",
                            "component %s has no amount", comp->name);
    if (strcmp(size->key, "amount") == 0) {
        if (strcmp(size->value, "rest") == 0) {
            comp->size = ABG_SIZE_REST;
        } else {
            comp->size = ABG_SIZE_AMOUNT;
            err = parse_money_as(b, &comp->amount, size,
                                 strcasecmp(size->value, "rest") == 0
                                     ? "did you mean \"rest\"?"
                                     : NULL);
        }
    } else if (strcmp(size->key, "share") == 0) {
        const char *reason = NULL;
        comp->size = ABG_SIZE_SHARE;
        err = abg_percent_parse(&comp->share, size->value, &reason);
        if (err)
            return abg_diag_set(b->diag, err, b->file, size->line,
                                "write a percentage with its % sign, such "
                                "as 22.1%",
                                "share \"%s\" %s", size->value, reason);
        /* More than 100% would leave the other components negative. */
        if (comp->share.units == 0 || abg_decimal_compare_int(comp->share,
                                                              100) > 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                size->line, "write a share above 0% and at "
                                "most 100%",
                                "share \"%s\" is %s", size->value,
                                comp->share.units == 0
                                    ? "zero, which gives the component "
                                      "nothing"
                                    : "more than the whole pot");
    } else {
        comp->size = ABG_SIZE_PER_AREA;
        if (comp->method != ABG_METHOD_EVEN)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                size->line, "use amount or share for a "
                                "proportional component",
                                "component %s is proportional; per_area is "
                                "only for method = even", comp->name);
        err = parse_money(b, &comp->per_area, size);
    }
    comp->line = size->line; /* sums are fixed on the line giving the size */
    return err;
}

/* Returns true for keys an area carries that are not indicators. */
static bool is_area_figure(const char *key)
{
    return strcmp(key, "published") == 0 ||
           strncmp(key, "published.", 10) == 0;
}

/* Checks that an area has every indicator a component needs. */
static abg_error check_indicators(builder *b, const abg_area *a,
                                  const bool *seen, size_t n_seen)
{
    abg_model *m = b->model;

    if (n_seen == 0 && m->n_indicators > 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, a->line,
                            "add the indicator values the components need",
                            "area %s has no indicator values", a->name);
    for (size_t ci = 0; ci < m->n_components; ci++) {
        const abg_component *comp = &m->components[ci];
        char hint[256];
        if (comp->method != ABG_METHOD_PROPORTIONAL || seen[comp->indicator])
            continue;
        snprintf(hint, sizeof hint, "add %s = ... to [area %s]",
                 m->indicators[comp->indicator], a->name);
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, a->line, hint,
                            "area %s has no %s, which component %s needs",
                            a->name, m->indicators[comp->indicator],
                            comp->name);
    }
    return ABG_OK;
}

/* Refuses published.NAME where NAME is no component. */
static abg_error unknown_component(builder *b, const abg_entry *e,
                                   const char *name)
{
    const abg_model *m = b->model;
    const char **list = calloc(m->n_components + 1, sizeof *list);
    char hint[256], names[256], fallback[300];

    if (!list)
        return fail(b, ABG_ERROR_MEMORY, e->line, NULL, "out of memory");
    for (size_t k = 0; k < m->n_components; k++)
        list[k] = m->components[k].name;
    snprintf(fallback, sizeof fallback, "the components are: %s",
             join(names, sizeof names, list));
    abg_config_suggest(hint, sizeof hint, name, list, fallback);
    free(list);
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line, hint,
                        "%s names no component \"%s\"", e->key, name);
}

/* Refuses an area key that is neither a figure nor an indicator any
 * component uses: most likely a misspelling. */
static abg_error unknown_indicator(builder *b, const abg_entry *e,
                                   const abg_section *s)
{
    const abg_model *m = b->model;
    const char **list = calloc(m->n_indicators + 3, sizeof *list);
    char hint[256];

    if (!list)
        return fail(b, ABG_ERROR_MEMORY, e->line, NULL, "out of memory");
    for (size_t k = 0; k < m->n_indicators; k++)
        list[k] = m->indicators[k];
    list[m->n_indicators] = "published";
    list[m->n_indicators + 1] = "previous";
    abg_config_suggest(hint, sizeof hint, e->key, list,
            "areas carry the indicators their components name, and "
            "published figures");
    free(list);
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line, hint,
                        "unknown key \"%s\" in [%s]: no component uses it",
                        e->key, s->text);
}

static abg_error build_area(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_area *a = &m->areas[m->n_areas];
    size_t nc = m->n_components, n_seen = 0;
    bool *seen = NULL;
    abg_error err = ABG_OK;

    memset(a, 0, sizeof *a);
    a->line = s->line;
    if (!s->name[0])
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name the area, like [area Blaby]",
                            "area has no name");
    /* Blaby and BLABY are one area typed twice: dividing the pot between
     * both would print wrong figures for every area. */
    for (size_t i = 0; i < m->n_areas; i++) {
        const abg_area *other = &m->areas[i];
        if (strcmp(other->name, s->name) == 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                "give each area one section",
                                "duplicate area \"%s\", first at line %d",
                                s->name, other->line);
        if (strcasecmp(other->name, s->name) == 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                "give each area one section, spelt the same "
                                "way",
                                "area \"%s\" differs from area \"%s\" "
                                "(line %d) only in capitals",
                                s->name, other->name, other->line);
    }
    a->name = strdup(s->name);
    a->values = calloc(m->n_indicators ? m->n_indicators : 1,
                       sizeof *a->values);
    a->has_published_cell = calloc(nc ? nc : 1, sizeof(bool));
    a->published_cell = calloc(nc ? nc : 1, sizeof(int64_t));
    a->published_cell_line = calloc(nc ? nc : 1, sizeof(int));
    seen = calloc(m->n_indicators + 1, sizeof *seen);
    m->n_areas++;
    if (!a->name || !a->values || !a->has_published_cell ||
        !a->published_cell || !a->published_cell_line || !seen) {
        free(seen);
        return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
    }
    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "published") == 0) {
            err = parse_money(b, &a->published, e);
            a->has_published = true;
            a->published_line = e->line;
        } else if (strcmp(e->key, "previous") == 0) {
            err = parse_money(b, &a->previous, e);
            a->has_previous = true;
            a->previous_line = e->line;
        } else if (is_area_figure(e->key)) {
            long ci = find_component(m, e->key + 10);
            if (ci < 0) {
                err = unknown_component(b, e, e->key + 10);
                break;
            }
            err = parse_money(b, &a->published_cell[ci], e);
            a->has_published_cell[ci] = true;
            a->published_cell_line[ci] = e->line;
        } else {
            long ii = find_indicator(m, e->key);
            if (ii < 0) {
                err = unknown_indicator(b, e, s);
                break;
            }
            err = parse_decimal(b, &a->values[ii], e);
            seen[ii] = true;
            n_seen++;
        }
    }
    if (!err)
        err = check_indicators(b, a, seen, n_seen);
    free(seen);
    return err;
}

/* Resolves share, per_area and rest into amounts and checks the sum. */
static abg_error resolve_amounts(builder *b)
{
    abg_model *m = b->model;
    abg_component *rest = NULL;
    int64_t sum = 0;
    char a[40], p[40], d[40];
    const char *sym = abg_money_symbol(m->currency);

    for (size_t i = 0; i < m->n_components; i++) {
        abg_component *comp = &m->components[i];
        switch (comp->size) {
        case ABG_SIZE_AMOUNT:
            break;
        case ABG_SIZE_SHARE:
            if (abg_money_share(&comp->amount, m->pot, comp->share))
                return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                    comp->line, NULL,
                                    "share of the pot is too large");
            break;
        case ABG_SIZE_PER_AREA:
            if (__builtin_mul_overflow(comp->per_area, (int64_t)m->n_areas,
                                       &comp->amount))
                return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                    comp->line, "check per_area for extra "
                                    "digits",
                                    "per_area times %zu areas is too large "
                                    "to hold exactly", m->n_areas);
            break;
        case ABG_SIZE_REST:
            if (rest)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                    comp->line, "give one component amount = "
                                    "rest and the others an amount or share",
                                    "components %s and %s are both rest",
                                    rest->name, comp->name);
            rest = comp;
            continue;
        }
        if (__builtin_add_overflow(sum, comp->amount, &sum))
            return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                comp->line, NULL,
                                "components add up to more than can be held "
                                "exactly");
    }
    if (rest) {
        if (sum > m->pot)
            return abg_diag_set(
                b->diag, ABG_ERROR_MODEL, b->file, rest->line,
                "lower the other components or raise the pot",
                "components other than %s add up to %s, %s more than the "
                "pot %s, leaving nothing for it", rest->name,
                abg_money_format(a, sizeof a, sum, sym, true, false, false),
                abg_money_format(d, sizeof d, sum - m->pot, sym, true, false,
                                 false),
                abg_money_format(p, sizeof p, m->pot, sym, true, false,
                                 false));
        rest->amount = m->pot - sum;
        return ABG_OK;
    }
    if (sum != m->pot)
        return abg_diag_set(
            b->diag, ABG_ERROR_MODEL, b->file, m->pot_line,
            "change an amount, or give one component amount = rest",
            "components add up to %s, %s %s than the pot %s",
            abg_money_format(a, sizeof a, sum, sym, true, false, false),
            abg_money_format(d, sizeof d, sum > m->pot ? sum - m->pot
                                                       : m->pot - sum,
                             sym, true, false, false),
            sum > m->pot ? "more" : "less",
            abg_money_format(p, sizeof p, m->pot, sym, true, false, false));
    return ABG_OK;
}

/* Returns the line of `key` in the section [kind name], or 0. */
static int key_line(const builder *b, const char *kind, const char *name,
                    const char *key)
{
    const abg_config *c = b->config;

    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_section *s = &c->sections[c->entries[i].section];
        if (strcmp(s->kind, kind) == 0 && strcmp(s->name, name) == 0 &&
            strcmp(c->entries[i].key, key) == 0)
            return c->entries[i].line;
    }
    return 0;
}

/* Checks what the arithmetic needs: a pot small enough that sums of
 * rounded figures fit, a divisible pot, non-zero indicators. */
static abg_error check_divisible(builder *b)
{
    abg_model *m = b->model;
    const char *sym = abg_money_symbol(m->currency);
    char p[40], u[40];

    if (m->pot > MAX_POT)
        return abg_diag_set(
            b->diag, ABG_ERROR_OVERFLOW, b->file, m->pot_line,
            "check the pot for extra digits",
            "pot %s is more than abgcalc can divide exactly (at most "
            MAX_POT_TEXT ")",
            abg_money_format(p, sizeof p, m->pot, sym, true, true, false));
    if (m->pot % m->round_to != 0)
        return abg_diag_set(
            b->diag, ABG_ERROR_MODEL, b->file, m->pot_line,
            "choose a smaller round_to, or a pot that is a multiple of it",
            "pot %s is not a multiple of round_to %s, so rounded totals "
            "cannot add up to it",
            abg_money_format(p, sizeof p, m->pot, sym, true, true, false),
            abg_money_format(u, sizeof u, m->round_to, sym, true, true,
                             false));
    for (size_t ci = 0; ci < m->n_components; ci++) {
        const abg_component *comp = &m->components[ci];
        bool nonzero = false;
        if (comp->method != ABG_METHOD_PROPORTIONAL)
            continue;
        for (size_t ai = 0; ai < m->n_areas && !nonzero; ai++)
            nonzero = m->areas[ai].values[comp->indicator].units != 0;
        if (!nonzero && comp->amount != 0)
            return abg_diag_set(b->diag, ABG_ERROR_MODEL, b->file,
                                key_line(b, "component", comp->name,
                                         "indicator"),
                                "give at least one area a non-zero value, "
                                "or make the component even",
                                "indicator %s is zero in every area, so "
                                "component %s cannot be divided by it",
                                m->indicators[comp->indicator], comp->name);
    }
    return ABG_OK;
}

/* Reads `approximate`, `pot_approximate` (pot may be NULL where it is not
 * taken) or `approximate_to`: a figure the source prints only roughly, and
 * the unit it is rounded to (docs/format.md, "Approximate figures"). */
static abg_error parse_approx(builder *b, const abg_entry *e,
                              abg_approx *figure, abg_approx *pot)
{
    abg_approx *a = strcmp(e->key, "pot_approximate") == 0 ? pot : figure;
    abg_error err;

    if (strcmp(e->key, "approximate_to") != 0) {
        a->given = true, a->line = e->line;
        return parse_money(b, &a->figure, e);
    }
    err = parse_money(b, &figure->to, e);
    if (!err && figure->to == 0)
        return fail(b, ABG_ERROR_VALUE, e->line,
                    "write the unit the figures are rounded to, such as "
                    "1000", "approximate_to must be more than 0");
    if (pot)
        pot->to = figure->to;
    return err;
}

/* An approximate figure needs its unit, and the unit a figure. */
static abg_error check_approx(builder *b, const abg_section *s,
                              const abg_approx *figure,
                              const abg_approx *pot)
{
    bool given = figure->given || (pot && pot->given);

    if (given && figure->to == 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add approximate_to = the unit the printed "
                            "figure is rounded to, such as 1000",
                            "[%s] has an approximate figure but no "
                            "approximate_to", s->text);
    if (!given && figure->to != 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add approximate = the printed figure, or "
                            "remove approximate_to",
                            "[%s] has approximate_to but no approximate "
                            "figure", s->text);
    return ABG_OK;
}

static abg_error build_budget(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    bool has_total = false;
    abg_error err = ABG_OK;

    m->has_budget = true;
    m->budget_line = s->line;
    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = copy_text(b, &m->budget_title, e);
        } else if (strcmp(e->key, "pot_title") == 0) {
            err = copy_text(b, &m->pot_title, e);
        } else if (strcmp(e->key, "total") == 0) {
            err = parse_money(b, &m->budget_total, e);
            m->budget_line = e->line;
            has_total = true;
        } else if (is_one_of(e->key, APPROX_KEYS)) {
            err = parse_approx(b, e, &m->budget_approx, &m->pot_approx);
        } else {
            return unknown_key(b, e, s, BUDGET_KEYS);
        }
    }
    if (!err)
        err = check_approx(b, s, &m->budget_approx, &m->pot_approx);
    if (!err && !has_total)
        return fail(b, ABG_ERROR_VALUE, s->line,
                    "add total = the whole budget, such as 740977",
                    "[budget] has no total");
    return err;
}

static abg_error build_stream(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_stream *st = &m->streams[m->n_streams];
    bool has_amount = false;
    abg_error err = ABG_OK;

    memset(st, 0, sizeof *st);
    st->line = s->line;
    if (!s->name[0])
        return fail(b, ABG_ERROR_VALUE, s->line,
                    "name the stream, like [stream countywide]",
                    "stream has no name");
    for (size_t i = 0; i < m->n_streams; i++)
        if (strcmp(m->streams[i].name, s->name) == 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                "give each stream its own name",
                                "duplicate stream \"%s\"", s->name);
    if (!(st->name = strdup(s->name)))
        return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
    m->n_streams++;
    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = copy_text(b, &st->title, e);
        } else if (strcmp(e->key, "amount") == 0) {
            err = parse_money(b, &st->amount, e);
            st->line = e->line;
            has_amount = true;
        } else if (is_one_of(e->key, STREAM_KEYS) &&
                   is_one_of(e->key, APPROX_KEYS)) {
            err = parse_approx(b, e, &st->approx, NULL);
        } else {
            return unknown_key(b, e, s, STREAM_KEYS);
        }
    }
    if (!err)
        err = check_approx(b, s, &st->approx, NULL);
    if (err)
        return err;
    if (!has_amount)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add amount = the stream's money, such as "
                            "233930",
                            "stream %s has no amount", st->name);
    if (!st->title && !(st->title = strdup(st->name)))
        return fail(b, ABG_ERROR_MEMORY, s->line, NULL, "out of memory");
    return ABG_OK;
}

/* The pot and the other streams must fit in the budget's total. */
static abg_error check_budget(builder *b)
{
    abg_model *m = b->model;
    const char *sym = abg_money_symbol(m->currency);
    int64_t sum = m->pot;
    char s1[40], s2[40], s3[40];

    if (!m->has_budget) {
        for (size_t i = 0; i < b->config->n_sections; i++)
            if (strcmp(b->config->sections[i].kind, "stream") == 0)
                return fail(b, ABG_ERROR_VALUE,
                            b->config->sections[i].line,
                            "add a [budget] section with its total",
                            "[stream] sections need a [budget]");
        return ABG_OK;
    }
    for (size_t i = 0; i < m->n_streams; i++)
        if (__builtin_add_overflow(sum, m->streams[i].amount, &sum))
            return fail(b, ABG_ERROR_OVERFLOW, m->streams[i].line, NULL,
                        "budget streams add up to more than can be held "
                        "exactly");
    if (sum > m->budget_total)
        return abg_diag_set(
            b->diag, ABG_ERROR_MODEL, b->file, m->budget_line,
            "lower a stream or raise the budget's total",
            "the pot and streams add up to %s, %s more than the budget "
            "total %s",
            abg_money_format(s1, sizeof s1, sum, sym, true, false, false),
            abg_money_format(s2, sizeof s2, sum - m->budget_total, sym, true,
                             false, false),
            abg_money_format(s3, sizeof s3, m->budget_total, sym, true,
                             false, false));
    return ABG_OK;
}

/* Reads a signed percentage such as -5% or +10% into a ratio. */
static abg_error parse_change(builder *b, abg_ratio *out, const abg_entry *e)
{
    const char *text = e->value, *reason = NULL;
    bool negative = text[0] == '-';
    abg_decimal d;
    abg_error err;

    if (text[0] == '-' || text[0] == '+')
        text++;
    err = abg_percent_parse(&d, text, &reason);
    if (err)
        return abg_diag_set(b->diag, err, b->file, e->line,
                            "write a change such as -5% or +10%",
                            "%s \"%s\" %s", e->key, e->value, reason);
    out->den = 100;
    for (int i = 0; i < d.scale; i++)
        out->den *= 10;
    out->num = negative ? -d.units : d.units;
    return ABG_OK;
}

static abg_error build_damping(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;
    abg_damping *d = &b->model->damping;
    abg_error err = ABG_OK;

    b->model->has_damping = true;
    for (size_t i = 0; i < c->n_entries && !err; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "pace") == 0) {
            err = parse_change(b, &d->pace, e);
            d->has_pace = true, d->pace_line = e->line;
            if (!err && (d->pace.num <= 0 || d->pace.num > d->pace.den))
                err = fail(b, ABG_ERROR_VALUE, e->line,
                           "write a pace above 0% and at most 100%",
                           "pace must move areas part of the way, above 0% "
                           "and at most 100%");
        } else if (strcmp(e->key, "floor") == 0) {
            err = parse_change(b, &d->floor, e);
            d->has_floor = true, d->floor_line = e->line;
            if (!err && d->floor.num <= -d->floor.den)
                err = fail(b, ABG_ERROR_VALUE, e->line,
                           "write a floor above -100%, such as -5%",
                           "a floor of -100% or less limits nothing");
        } else if (strcmp(e->key, "ceiling") == 0) {
            err = parse_change(b, &d->ceiling, e);
            d->has_ceiling = true, d->ceiling_line = e->line;
        } else if (strcmp(e->key, "minimum") == 0) {
            err = parse_money(b, &d->minimum, e);
            d->has_minimum = true, d->minimum_line = e->line;
        } else {
            return unknown_key(b, e, s, DAMPING_KEYS);
        }
    }
    if (!err && d->has_floor && d->has_ceiling &&
        (__int128)d->floor.num * d->ceiling.den >=
            (__int128)d->ceiling.num * d->floor.den)
        err = fail(b, ABG_ERROR_VALUE, d->ceiling_line,
                   "set the ceiling above the floor",
                   "the ceiling is not above the floor, so no figure can "
                   "meet both");
    return err;
}

/* Areas need last year's figure wherever something is measured against
 * it: pace, floor, ceiling, or a component with method = previous. */
static abg_error check_previous(builder *b)
{
    const abg_model *m = b->model;
    const abg_damping *d = &m->damping;
    const char *needs = NULL;
    int line = 0;

    for (size_t c = 0; c < m->n_components && !needs; c++)
        if (m->components[c].method == ABG_METHOD_PREVIOUS)
            needs = "method = previous", line = m->components[c].line;
    if (!needs && d->has_pace)
        needs = "pace", line = d->pace_line;
    if (!needs && d->has_floor)
        needs = "the floor", line = d->floor_line;
    if (!needs && d->has_ceiling)
        needs = "the ceiling", line = d->ceiling_line;
    if (!needs)
        return ABG_OK;
    for (size_t a = 0; a < m->n_areas; a++)
        if (!m->areas[a].has_previous) {
            char hint[256];
            snprintf(hint, sizeof hint,
                     "add previous = last year's allocation to [area %s]",
                     m->areas[a].name);
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                m->areas[a].line, hint,
                                "area %s has no previous figure, which %s "
                                "(line %d) needs", m->areas[a].name, needs,
                                line);
        }
    return ABG_OK;
}

static abg_error build_output(builder *b, const abg_section *s, size_t si)
{
    const abg_config *c = b->config;

    for (size_t i = 0; i < c->n_entries; i++) {
        const abg_entry *e = &c->entries[i];
        if (e->section != si || !e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "workbook") == 0) {
            abg_error err = copy_text(b, &b->model->output, e);
            if (err)
                return err;
        } else {
            return unknown_key(b, e, s, OUTPUT_KEYS);
        }
    }
    return ABG_OK;
}

static size_t count_kind(const abg_config *c, const char *kind)
{
    size_t n = 0;

    for (size_t i = 0; i < c->n_sections; i++)
        n += strcmp(c->sections[i].kind, kind) == 0;
    return n;
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
    size_t n_alloc = count_kind(c, "allocation");

    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        if (!is_one_of(s->kind, SECTION_KINDS)) {
            char fallback[300];
            snprintf(fallback, sizeof fallback, "sections are: %s",
                     join(all, sizeof all, SECTION_KINDS));
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                abg_config_suggest(hint, sizeof hint, s->kind,
                                        SECTION_KINDS, fallback),
                                "unknown section [%s]", s->text);
        }
        if ((strcmp(s->kind, "allocation") == 0 ||
             strcmp(s->kind, "budget") == 0 ||
             strcmp(s->kind, "damping") == 0 ||
             strcmp(s->kind, "output") == 0) && s->name[0]) {
            snprintf(hint, sizeof hint, "write the heading as [%s]%s",
                     s->kind, strcmp(s->kind, "output") == 0
                                  ? "" : " and give the name as title = ...");
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                hint, "[%s] takes no name", s->kind);
        }
    }
    if (n_alloc == 0)
        return fail(b, ABG_ERROR_VALUE, 0,
                    "add an [allocation] section with title and pot",
                    "no [allocation] section");
    m->components = calloc(count_kind(c, "component") + 1,
                           sizeof *m->components);
    m->areas = calloc(count_kind(c, "area") + 1, sizeof *m->areas);
    m->streams = calloc(count_kind(c, "stream") + 1, sizeof *m->streams);
    if (!m->components || !m->areas || !m->streams)
        return fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    m->round_to = 1;
    for (size_t i = 0; i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, "allocation") == 0 &&
            (err = build_allocation(b, &c->sections[i], i, &has_pot)))
            return err;
    if (!has_pot)
        for (size_t i = 0; i < c->n_sections; i++)
            if (strcmp(c->sections[i].kind, "allocation") == 0)
                return fail(b, ABG_ERROR_VALUE, c->sections[i].line,
                            "add pot = the money to divide, such as 426000",
                            "[allocation] has no pot");
    if (!m->currency && !(m->currency = strdup("GBP")))
        return fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    if (!m->title && !(m->title = strdup("Allocation")))
        return fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    for (size_t i = 0; i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, "component") == 0 &&
            (err = build_component(b, &c->sections[i], i)))
            return err;
    if (m->n_components == 0)
        return fail(b, ABG_ERROR_VALUE, 0,
                    "add [component NAME] sections, such as [component even] "
                    "with method = even",
                    "no [component] sections");
    for (size_t i = 0; i < c->n_sections; i++)
        if (strcmp(c->sections[i].kind, "area") == 0 &&
            (err = build_area(b, &c->sections[i], i)))
            return err;
    if (m->n_areas == 0)
        return fail(b, ABG_ERROR_VALUE, 0,
                    "add an [area NAME] section for each area that receives "
                    "money", "no [area] sections");
    if ((err = resolve_amounts(b)))
        return err;
    if ((err = check_divisible(b)))
        return err;
    for (size_t i = 0; i < c->n_sections; i++) {
        const abg_section *s = &c->sections[i];
        if (strcmp(s->kind, "budget") == 0)
            err = build_budget(b, s, i);
        else if (strcmp(s->kind, "stream") == 0)
            err = build_stream(b, s, i);
        else if (strcmp(s->kind, "output") == 0)
            err = build_output(b, s, i);
        else if (strcmp(s->kind, "damping") == 0)
            err = build_damping(b, s, i);
        if (err)
            return err;
    }
    if ((err = check_budget(b)) || (err = check_previous(b)))
        return err;
    if (c->scenario) {
        m->scenario = strdup(c->scenario);
        m->scenario_title = strdup(abg_config_scenario_title(c, c->scenario));
        if (!m->scenario || !m->scenario_title)
            return fail(b, ABG_ERROR_MEMORY, 0, NULL, "out of memory");
    }
    return abg_config_check_scenarios(c, b->diag);
}

abg_error abg_config_build(abg_model **out, const abg_config *config,
                           abg_diag *diag)
{
    builder b = {config, calloc(1, sizeof(abg_model)), diag, config->file};
    abg_error err;

    *out = NULL;
    if (!b.model || !(b.model->file = strdup(config->file))) {
        free(b.model);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, config->file, 0, NULL,
                            "out of memory");
    }
    err = build(&b);
    if (err) {
        if (err == ABG_ERROR_MEMORY)
            abg_diag_set(diag, err, config->file, 0, NULL, "out of memory");
        abg_model_free(b.model);
        return err;
    }
    *out = b.model;
    return ABG_OK;
}

abg_error abg_model_load(abg_model **out, const char *path, abg_diag *diag)
{
    abg_config *config = NULL;
    abg_error err = abg_config_load(&config, path, diag);

    *out = NULL;
    if (!err)
        err = abg_config_build(out, config, diag);
    abg_config_free(config);
    return err;
}
