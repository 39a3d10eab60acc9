/*
 * config_damping.c - [damping]: pace, floor, ceiling and minimum, and the
 * previous figures they need.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_builder.h"

static const char *const DAMPING_KEYS[] = {"pace", "floor", "ceiling",
                                           "minimum", NULL};

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

/* A floor or a ceiling is a change on last year, so it carries its sign:
 * `floor = 5%` could mean "lose at most 5%" (-5%) or "gain at least 5%"
 * (+5%), and is refused rather than guessed. Zero needs none. */
static abg_error need_sign(builder *b, const abg_entry *e, abg_ratio q)
{
    char hint[160];

    if (q.num == 0 || e->value[0] == '-' || e->value[0] == '+')
        return ABG_OK;
    if (strcmp(e->key, "floor") == 0)
        snprintf(hint, sizeof hint,
                 "write -%s to let each area lose at "
                 "most %s, or +%s to give each a gain of at least %s",
                 e->value, e->value, e->value, e->value);
    else
        snprintf(hint, sizeof hint,
                 "write +%s to let each area gain at "
                 "most %s, or -%s to make each lose at least %s",
                 e->value, e->value, e->value, e->value);
    return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, e->line, hint,
                        "%s \"%s\" has no sign, so it is unclear whether "
                        "it is a loss or a gain",
                        e->key, e->value);
}

/* Builds [damping]: pace, floor, ceiling and minimum. */
abg_error abg_build_damping(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_damping *d = &b->model->damping;
    abg_error err = ABG_OK;

    b->model->has_damping = true;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "pace") == 0) {
            err = parse_change(b, &d->pace, e);
            d->has_pace = true, d->pace_line = e->line;
            if (!err && (d->pace.num <= 0 || d->pace.num > d->pace.den))
                err = abg_build_fail(
                    b, ABG_ERROR_VALUE, e->line,
                    "write a pace above 0% and at most 100%",
                    "pace must move areas part of the way, above 0% "
                    "and at most 100%");
        } else if (strcmp(e->key, "floor") == 0) {
            err = parse_change(b, &d->floor, e);
            if (!err)
                err = need_sign(b, e, d->floor);
            d->has_floor = true, d->floor_line = e->line;
            if (!err && d->floor.num <= -d->floor.den)
                err =
                    abg_build_fail(b, ABG_ERROR_VALUE, e->line,
                                   "write a floor above -100%, such as -5%",
                                   "a floor of -100% or less limits nothing");
        } else if (strcmp(e->key, "ceiling") == 0) {
            err = parse_change(b, &d->ceiling, e);
            if (!err)
                err = need_sign(b, e, d->ceiling);
            d->has_ceiling = true, d->ceiling_line = e->line;
        } else if (strcmp(e->key, "minimum") == 0) {
            err = abg_build_money(b, &d->minimum, e);
            d->has_minimum = true, d->minimum_line = e->line;
        } else {
            return abg_build_unknown_key(b, e, s, DAMPING_KEYS);
        }
    }
    /* An empty [damping] would print a Damping heading over a column of
     * zeros: refused, so that a section always limits something. */
    if (!err && !d->has_pace && !d->has_floor && !d->has_ceiling &&
        !d->has_minimum)
        err = abg_build_fail(
            b, ABG_ERROR_VALUE, s->line,
            "add floor = -5%, ceiling = +10%, pace = 50% or minimum "
            "= 30000, or remove the section",
            "[damping] sets no limit");
    if (!err && d->has_floor && d->has_ceiling &&
        (__int128)d->floor.num * d->ceiling.den >=
            (__int128)d->ceiling.num * d->floor.den)
        err = abg_build_fail(
            b, ABG_ERROR_VALUE, d->ceiling_line,
            "set the ceiling above the floor",
            "the ceiling is not above the floor, so no figure can "
            "meet both");
    return err;
}

/* Areas need last year's figure wherever something is measured against
 * it: pace, floor, ceiling, or a component with method = previous. */
abg_error abg_build_check_previous(builder *b)
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
            const char *file = b->file;
            /* A table's area: name its CSV file (a lookup, not a scan). */
            long s =
                abg_config_find_section(b->config, "area", m->areas[a].name);
            snprintf(hint, sizeof hint,
                     "add previous = last year's allocation to [area %s]",
                     m->areas[a].name);
            char where[32];
            if (s >= 0 && b->config->sections[s].source) {
                file = abg_config_source(b->config,
                                         b->config->sections[s].source);
                snprintf(hint, sizeof hint,
                         "fill in the area's cell in a "
                         "column headed previous");
            }
            /* A change from the command line has no line. */
            if (line > 0)
                snprintf(where, sizeof where, "line %d", line);
            else
                snprintf(where, sizeof where, "set by --set");
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, file,
                                m->areas[a].line, hint,
                                "area %s has no previous figure, which %s "
                                "(%s) needs",
                                m->areas[a].name, needs, where);
        }
    return ABG_OK;
}
