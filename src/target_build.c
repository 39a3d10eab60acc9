/*
 * target_build.c - a target file's entries to a target table: [targets],
 * [figure], [step], [area] and [sum] sections, every key and value checked.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abg/target.h"
#include "config_internal.h"
#include "target_internal.h"

static const char *const TARGET_KINDS[] = {"targets", "figure", "step",
                                           "area",    "sum",    NULL};
static const char *const TARGETS_KEYS[] = {"title", "source", "years", NULL};
static const char *const FIGURE_KEYS[] = {"title", "rounding", "places", NULL};
static const char *const STEP_KEYS[] = {"base", "change", NULL};
static const char *const SUM_KEYS[] = {"figure", "total", "years", NULL};
static const char *const RULES[] = {"down", "nearest", "up", NULL};

/* Counts the sections of one kind. */
static size_t count_kind(const abg_config *c, const char *kind)
{
    size_t n = 0;

    for (size_t i = 0; i < c->n_sections; i++)
        n += strcmp(c->sections[i].kind, kind) == 0;
    return n;
}

/* A target file has [targets]; a budget statement [budget] alone. */
bool abg_target_is_target(const abg_config *c)
{
    return count_kind(c, "targets") > 0 ||
        (count_kind(c, "budget") > 0 && count_kind(c, "allocation") == 0);
}

/* Parses a signed decimal such as 519, 7.16 or -6 (commas between
 * thousands allowed) into n. */
static abg_error parse_number(abg_target_build_state *b, abg_target_number *n,
                              const abg_entry *e, const char *text,
                              bool percent)
{
    const char *reason = NULL;
    bool negative = text[0] == '-';
    abg_decimal d;
    abg_error err;

    if (text[0] == '-' || text[0] == '+')
        text++;
    err = percent ? abg_percent_parse(&d, text, &reason)
                  : abg_decimal_parse(&d, text, &reason);
    if (err)
        return abg_diag_set(b->diag, err, b->file, e->line,
                            percent ? "write a change such as -3% or +7%"
                                    : "write a figure such as 519, 1,150 "
                                      "or 7.16",
                            "%s \"%s\" %s", e->key, e->value, reason);
    if (negative && !percent)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                            "targets are counts and rates, never below 0",
                            "%s \"%s\" is negative", e->key, e->value);
    n->units = negative ? -d.units : d.units;
    n->scale = d.scale;
    return ABG_OK;
}

/* Returns the index of the year called name, or -1. */
static long find_year(const abg_target *t, const char *name)
{
    for (size_t i = 0; i < t->n_years; i++)
        if (strcmp(t->years[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Returns the index of the figure called name, or -1. */
static long find_figure(const abg_target *t, const char *name)
{
    for (size_t i = 0; i < t->n_figures; i++)
        if (strcmp(t->figures[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Returns the index of the area called name (ignoring case), or -1. */
static long find_area(const abg_target *t, const char *name)
{
    for (size_t i = 0; i < t->n_areas; i++)
        if (strcasecmp(t->areas[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Writes the year names as "2008/09, 2009/10" for hints. */
static const char *year_list(char *buf, size_t size, const abg_target *t)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < t->n_years && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i ? ", " : "", t->years[i].name);
    return buf;
}

/* Splits a comma-separated list in place into trimmed words; returns how
 * many (at most max), or max + 1 when there are more. */
static size_t split_list(char *text, char **words, size_t max)
{
    size_t n = 0;

    for (char *p = text; p;) {
        char *comma = strchr(p, ',');
        char *end;
        if (comma)
            *comma = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        end = p + strlen(p);
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (n == max)
            return max + 1;
        words[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

/* The most years a table has. */
#define MAX_YEARS 64

/* Reads [targets]: the title, the source and the years in column order. */
static abg_error build_targets(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_error err = ABG_OK;
    bool has_years = false;

    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_target_copy(b, &t->title, e);
        } else if (strcmp(e->key, "source") == 0) {
            err = abg_target_copy(b, &t->source, e);
        } else if (strcmp(e->key, "years") == 0) {
            char *copy = strdup(e->value), *words[MAX_YEARS + 1];
            size_t n = copy ? split_list(copy, words, MAX_YEARS) : 0;
            has_years = true;
            if (!copy)
                return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file,
                                    e->line, NULL, "out of memory");
            t->years = calloc(n ? n : 1, sizeof *t->years);
            for (size_t y = 0; t->years && y < n && !err; y++) {
                if (n > MAX_YEARS)
                    err = abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                       e->line, "split the table in two",
                                       "more than %d years", MAX_YEARS);
                else if (!words[y][0])
                    err = abg_diag_set(
                        b->diag, ABG_ERROR_VALUE, b->file, e->line,
                        "list the columns as years = 2008/09, 2009/10",
                        "an empty year in the list");
                else if (find_year(t, words[y]) >= 0)
                    err =
                        abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                     e->line, "name each year once",
                                     "year \"%s\" is listed twice", words[y]);
                else if (!(t->years[y].name = strdup(words[y])))
                    err = ABG_ERROR_MEMORY;
                else
                    t->years[y].line = e->line, t->n_years++;
            }
            free(copy);
            if (!t->years || err == ABG_ERROR_MEMORY)
                return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file,
                                    e->line, NULL, "out of memory");
        } else {
            return abg_target_unknown_key(b, e, s, TARGETS_KEYS);
        }
    }
    if (!err && !has_years)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add years = the table's columns in order, "
                            "such as 2008/09, 2009/10, 2010/11",
                            "[targets] has no years");
    return err;
}

/* Checks that a figure's name can be written before a dot in a key. */
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

/* Reads [figure NAME]: a kind of figure with its rounding rule. */
static abg_error build_figure(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_target_figure *f = &t->figures[t->n_figures];
    abg_error err = ABG_OK;

    if (!is_identifier(s->name))
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name it with letters, digits, - and _, like "
                            "[figure count]",
                            "figure name \"%s\" is not a plain word", s->name);
    if (find_figure(t, s->name) >= 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "give each figure its own name",
                            "duplicate figure \"%s\"", s->name);
    f->line = s->line;
    if (!(f->name = strdup(s->name)))
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                            "out of memory");
    t->n_figures++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_target_copy(b, &f->title, e);
        } else if (strcmp(e->key, "rounding") == 0) {
            size_t r = 0;
            while (RULES[r] && strcmp(RULES[r], e->value) != 0)
                r++;
            if (!RULES[r])
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "write rounding = down, nearest or up",
                                    "unknown rounding \"%s\"", e->value);
            f->rounding = (abg_target_rounding)r;
        } else if (strcmp(e->key, "places") == 0) {
            const char *v = e->value;
            if (!(v[0] >= '0' && v[0] <= '9' && v[1] == '\0'))
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "write places = 0 for whole numbers, "
                                    "2 for hundredths (at most 9)",
                                    "places \"%s\" is not 0 to 9", v);
            f->places = v[0] - '0';
        } else {
            return abg_target_unknown_key(b, e, s, FIGURE_KEYS);
        }
    }
    if (!err && !f->title && !(f->title = strdup(f->name)))
        err = abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                           "out of memory");
    return err;
}

/* Reads [step YEAR]: the year's figures are a change from a base year. */
static abg_error build_step(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    long y = find_year(t, s->name), base = -1;
    bool has_change = false;
    abg_target_year *year;
    abg_error err = ABG_OK;
    char years[300];

    if (y < 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add the year to [targets] years, or correct "
                            "the heading",
                            "step \"%s\" is not one of [targets] years (%s)",
                            s->name, year_list(years, sizeof years, t));
    year = &t->years[y];
    year->is_step = true;
    year->line = s->line;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "base") == 0) {
            base = find_year(t, e->value);
            if (base < 0 || base >= y)
                return abg_diag_set(
                    b->diag, ABG_ERROR_VALUE, b->file, e->line,
                    "a step changes an earlier year of [targets] years",
                    "base \"%s\" is not a year before %s (the years: %s)",
                    e->value, s->name, year_list(years, sizeof years, t));
            year->base = (size_t)base;
        } else if (strcmp(e->key, "change") == 0) {
            err = parse_number(b, &year->change, e, e->value, true);
            has_change = true;
            if (!err && year->change.units < 0 &&
                -year->change.units >
                    100 * abg_target_pow10(year->change.scale))
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "a cut is at most -100%",
                                    "change \"%s\" would make the target "
                                    "negative",
                                    e->value);
        } else {
            return abg_target_unknown_key(b, e, s, STEP_KEYS);
        }
    }
    if (!err && (base < 0 || !has_change))
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "a step needs base = YEAR and change = -3%",
                            "step %s has no %s", s->name,
                            base < 0 ? "base" : "change");
    return err;
}

/* Reads [area NAME]: FIGURE.YEAR = the printed figure. */
static abg_error build_area(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_target_area *a = &t->areas[t->n_areas];
    abg_error err = ABG_OK;
    char hint[300];

    if (!s->name[0])
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name the area, like [area Blaby]",
                            "area has no name");
    if (find_area(t, s->name) >= 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "give each area one section",
                            "duplicate area \"%s\"", s->name);
    a->line = s->line;
    a->name = strdup(s->name);
    a->cells = calloc(t->n_figures * t->n_years + 1, sizeof *a->cells);
    if (!a->name || !a->cells) {
        free(a->name), free(a->cells);
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                            "out of memory");
    }
    t->n_areas++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        const char *dot;
        char name[128];
        long f, y;
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        dot = strchr(e->key, '.');
        if (!dot || (size_t)(dot - e->key) >= sizeof name)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                "write FIGURE.YEAR = value, such as "
                                "count.2009/10 = 310",
                                "key \"%s\" is not FIGURE.YEAR", e->key);
        memcpy(name, e->key, (size_t)(dot - e->key));
        name[dot - e->key] = '\0';
        if ((f = find_figure(t, name)) < 0) {
            const char *names[65];
            size_t n = 0;
            for (; n < t->n_figures && n < 64; n++)
                names[n] = t->figures[n].name;
            names[n] = NULL;
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                abg_config_suggest(hint, sizeof hint, name,
                                                   names,
                                                   "add a [figure] section "
                                                   "for it"),
                                "no [figure %s] for key \"%s\"", name, e->key);
        }
        if ((y = find_year(t, dot + 1)) < 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                "the years are the [targets] years",
                                "year \"%s\" is not one of %s", dot + 1,
                                year_list(hint, sizeof hint, t));
        {
            abg_target_cell *cell =
                &a->cells[(size_t)f * t->n_years + (size_t)y];
            err = parse_number(b, &cell->published, e, e->value, false);
            cell->has_published = true;
            cell->line = e->line;
        }
    }
    return err;
}

/* Reads [sum NAME]: the other areas' FIGURE adds up to the total's. */
static abg_error build_sum(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_target_sum *sum = &t->sums[t->n_sums];
    long f = -1, total = -1;
    abg_error err = ABG_OK;
    char hint[300];

    sum->line = s->line;
    if (!(sum->name = strdup(s->name)))
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                            "out of memory");
    t->n_sums++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "figure") == 0) {
            if ((f = find_figure(t, e->value)) < 0)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "name a [figure] section",
                                    "no [figure %s]", e->value);
            sum->figure = (size_t)f;
        } else if (strcmp(e->key, "total") == 0) {
            if ((total = find_area(t, e->value)) < 0)
                return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line,
                                    "name the area that holds the total, "
                                    "such as County",
                                    "no [area %s]", e->value);
            sum->total = (size_t)total;
        } else if (strcmp(e->key, "years") == 0) {
            char *copy = strdup(e->value), *words[MAX_YEARS + 1];
            size_t n = copy ? split_list(copy, words, MAX_YEARS) : 0;
            free(sum->years);
            sum->years = calloc(n + 1, sizeof *sum->years);
            sum->n_years = 0;
            for (size_t k = 0; copy && sum->years && k < n && !err; k++) {
                long y = find_year(t, words[k]);
                if (y < 0)
                    err = abg_diag_set(
                        b->diag, ABG_ERROR_VALUE, b->file, e->line,
                        "the years are the [targets] years",
                        "year \"%s\" is not one of %s", words[k],
                        year_list(hint, sizeof hint, t));
                else
                    sum->years[sum->n_years++] = (size_t)y;
            }
            free(copy);
            if (!copy || !sum->years)
                return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file,
                                    e->line, NULL, "out of memory");
        } else {
            return abg_target_unknown_key(b, e, s, SUM_KEYS);
        }
    }
    if (!err && (f < 0 || total < 0 || sum->n_years == 0))
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "a sum needs figure = NAME, total = AREA and "
                            "years = YEAR, ...",
                            "[%s] has no %s", s->text,
                            f < 0           ? "figure"
                                : total < 0 ? "total"
                                            : "years");
    if (!err && t->n_areas < 2)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add the areas whose figures add up",
                            "[%s] needs the total's area and its parts",
                            s->text);
    sum->parts = calloc(sum->n_years, sizeof *sum->parts);
    sum->differs = calloc(sum->n_years, sizeof *sum->differs);
    if (!err && (!sum->parts || !sum->differs))
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                            "out of memory");
    return err;
}

/* Every step's figures need a base: each area that has a figure in the
 * step year, or in its base year, must have both sides (published base, or
 * a base that is itself a step). */
static abg_error check_cells(abg_target_build_state *b)
{
    abg_target *t = b->target;

    for (size_t y = 0; y < t->n_years; y++) {
        const abg_target_year *year = &t->years[y];
        if (!year->is_step)
            continue;
        for (size_t a = 0; a < t->n_areas; a++)
            for (size_t f = 0; f < t->n_figures; f++) {
                const abg_target_cell *cell =
                    &t->areas[a].cells[f * t->n_years + y];
                size_t base = year->base;
                /* A step builds on its base step's rule, never on the
                 * base's printed figure: follow the chain to a given year. */
                while (t->years[base].is_step)
                    base = t->years[base].base;
                if (cell->has_published &&
                    !t->areas[a].cells[f * t->n_years + base].has_published)
                    return abg_diag_set(
                        b->diag, ABG_ERROR_MODEL, b->file, cell->line,
                        "give the base figure in the area's section",
                        "%s %s %s has no base: the area has no %s.%s",
                        t->areas[a].name, year->name, t->figures[f].name,
                        t->figures[f].name, t->years[base].name);
            }
    }
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++)
            for (size_t a = 0; a < t->n_areas; a++) {
                size_t y = t->sums[i].years[k];
                const abg_target_cell *cell =
                    &t->areas[a].cells[t->sums[i].figure * t->n_years + y];
                if (!cell->has_published && !t->years[y].is_step)
                    return abg_diag_set(
                        b->diag, ABG_ERROR_MODEL, b->file, t->sums[i].line,
                        "give every area the figure, or leave the year "
                        "out of the sum",
                        "[sum %s] adds %s %s, which %s does not have",
                        t->sums[i].name, t->figures[t->sums[i].figure].name,
                        t->years[y].name, t->areas[a].name);
            }
    return ABG_OK;
}

/* Builds a target table from every section, in file order. */
static abg_error build_table(abg_target_build_state *b)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_error err = ABG_OK;
    char hint[256];

    t->figures = calloc(count_kind(c, "figure") + 1, sizeof *t->figures);
    t->areas = calloc(count_kind(c, "area") + 1, sizeof *t->areas);
    t->sums = calloc(count_kind(c, "sum") + 1, sizeof *t->sums);
    if (!t->figures || !t->areas || !t->sums)
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, 0, NULL,
                            "out of memory");
    /* [targets] and [figure] first: areas, steps and sums refer to them
     * wherever they are written. */
    for (size_t i = 0; i < c->n_sections && !err; i++) {
        const abg_section *s = &c->sections[i];
        size_t k = 0;
        while (TARGET_KINDS[k] && strcmp(TARGET_KINDS[k], s->kind) != 0)
            k++;
        if (!TARGET_KINDS[k])
            return abg_diag_set(
                b->diag, ABG_ERROR_VALUE, b->file, s->line,
                abg_config_suggest(hint, sizeof hint, s->kind, TARGET_KINDS,
                                   "a target file takes [targets], "
                                   "[figure], [step], [area] and [sum]"),
                "unknown section [%s] in a target file", s->text);
        if (strcmp(s->kind, "targets") == 0)
            err = s->name[0] ? abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file,
                                            s->line, "write [targets] alone",
                                            "[targets] takes no name")
                             : build_targets(b, s);
    }
    for (size_t i = 0; i < c->n_sections && !err; i++)
        if (strcmp(c->sections[i].kind, "figure") == 0)
            err = build_figure(b, &c->sections[i]);
    for (size_t i = 0; i < c->n_sections && !err; i++)
        if (strcmp(c->sections[i].kind, "step") == 0)
            err = build_step(b, &c->sections[i]);
    for (size_t i = 0; i < c->n_sections && !err; i++)
        if (strcmp(c->sections[i].kind, "area") == 0)
            err = build_area(b, &c->sections[i]);
    for (size_t i = 0; i < c->n_sections && !err; i++)
        if (strcmp(c->sections[i].kind, "sum") == 0)
            err = build_sum(b, &c->sections[i]);
    if (err)
        return err;
    if (t->n_figures == 0 || t->n_areas == 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, 0,
                            "add [figure NAME] and [area NAME] sections",
                            "the target file has no %s",
                            t->n_figures ? "areas" : "figures");
    return check_cells(b);
}

/* Builds a target table or a budget statement from the entries. */
abg_error abg_target_build(abg_target **out, const abg_config *config,
                           abg_diag *diag)
{
    abg_target *t = calloc(1, sizeof *t);
    abg_target_build_state b = {config, t, diag, config->file};
    abg_error err;

    *out = NULL;
    if (!t || !(t->file = strdup(config->file))) {
        free(t);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, config->file, 0, NULL,
                            "out of memory");
    }
    if (count_kind(config, "targets") > 0)
        err = build_table(&b);
    else
        err = abg_target_build_budget(&b);
    if (!err && !t->title &&
        !(t->title = strdup(t->is_budget ? "Budget" : "Targets")))
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, config->file, 0, NULL,
                           "out of memory");
    if (err) {
        abg_target_free(t);
        return err;
    }
    *out = t;
    return ABG_OK;
}

/* Frees a target and everything it owns; accepts NULL. */
void abg_target_free(abg_target *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_figures; i++)
        free(t->figures[i].name), free(t->figures[i].title);
    for (size_t i = 0; i < t->n_years; i++)
        free(t->years[i].name);
    for (size_t i = 0; i < t->n_areas; i++) {
        for (size_t k = 0; k < t->n_figures * t->n_years; k++)
            free(t->areas[i].cells[k].exact);
        free(t->areas[i].name), free(t->areas[i].cells);
    }
    for (size_t i = 0; i < t->n_sums; i++)
        free(t->sums[i].name), free(t->sums[i].years), free(t->sums[i].parts),
            free(t->sums[i].differs);
    for (size_t i = 0; i < t->n_lines; i++)
        free(t->lines[i].name), free(t->lines[i].title);
    free(t->figures), free(t->years), free(t->areas), free(t->sums);
    free(t->lines), free(t->file), free(t->title), free(t->source);
    free(t);
}
