/*
 * config_budget.c - [budget] and [stream NAME]: the budget the pot belongs
 * to, and the pot and streams checked against its total.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_builder.h"

static const char *const BUDGET_KEYS[] = {
    "title",           "total",          "pot_title", "approximate",
    "pot_approximate", "approximate_to", NULL};
static const char *const STREAM_KEYS[] = {"title", "amount", "approximate",
                                          "approximate_to", NULL};
static const char *const APPROX_KEYS[] = {"approximate", "pot_approximate",
                                          "approximate_to", NULL};

/* Checks whether key is one of a NULL-terminated list. */
static bool is_one_of(const char *key, const char *const *keys)
{
    for (; *keys; keys++)
        if (strcmp(key, *keys) == 0)
            return true;
    return false;
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
        return abg_build_money(b, &a->figure, e);
    }
    err = abg_build_money(b, &figure->to, e);
    if (!err && figure->to == 0)
        return abg_build_fail(
            b, ABG_ERROR_VALUE, e->line,
            "write the unit the figures are rounded to, such as "
            "1000",
            "approximate_to must be more than 0");
    if (pot)
        pot->to = figure->to;
    return err;
}

/* An approximate figure needs its unit, and the unit a figure. */
static abg_error check_approx(builder *b, const abg_section *s,
                              const abg_approx *figure, const abg_approx *pot)
{
    bool given = figure->given || (pot && pot->given);

    if (given && figure->to == 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add approximate_to = the unit the printed "
                            "figure is rounded to, such as 1000",
                            "[%s] has an approximate figure but no "
                            "approximate_to",
                            s->text);
    if (!given && figure->to != 0)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add approximate = the printed figure, or "
                            "remove approximate_to",
                            "[%s] has approximate_to but no approximate "
                            "figure",
                            s->text);
    return ABG_OK;
}

/* Builds [budget]: its total and titles. */
abg_error abg_build_budget(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    bool has_total = false;
    abg_error err = ABG_OK;

    m->has_budget = true;
    m->budget_line = s->line;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_build_copy_text(b, &m->budget_title, e);
        } else if (strcmp(e->key, "pot_title") == 0) {
            err = abg_build_copy_text(b, &m->pot_title, e);
        } else if (strcmp(e->key, "total") == 0) {
            err = abg_build_money(b, &m->budget_total, e);
            m->budget_line = e->line;
            has_total = true;
        } else if (is_one_of(e->key, APPROX_KEYS)) {
            err = parse_approx(b, e, &m->budget_approx, &m->pot_approx);
        } else {
            return abg_build_unknown_key(b, e, s, BUDGET_KEYS);
        }
    }
    if (!err)
        err = check_approx(b, s, &m->budget_approx, &m->pot_approx);
    if (!err && !has_total)
        return abg_build_fail(b, ABG_ERROR_VALUE, s->line,
                              "add total = the whole budget, such as 740977",
                              "[budget] has no total");
    return err;
}

/* Builds one [stream NAME] of the budget. */
abg_error abg_build_stream(builder *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_model *m = b->model;
    abg_stream *st = &m->streams[m->n_streams];
    bool has_amount = false;
    abg_error err = ABG_OK;

    memset(st, 0, sizeof *st);
    st->line = s->line;
    if (!s->name[0])
        return abg_build_fail(b, ABG_ERROR_VALUE, s->line,
                              "name the stream, like [stream countywide]",
                              "stream has no name");
    for (size_t i = 0; i < m->n_streams; i++) /* few: a scan will do */
        if (abg_name_equal(m->streams[i].name, s->name))
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                "give each stream its own name",
                                "duplicate stream \"%s\"", s->name);
    if (!(st->name = strdup(s->name)))
        return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                              "out of memory");
    m->n_streams++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_build_copy_text(b, &st->title, e);
        } else if (strcmp(e->key, "amount") == 0) {
            err = abg_build_money(b, &st->amount, e);
            st->line = e->line;
            has_amount = true;
        } else if (is_one_of(e->key, STREAM_KEYS) &&
                   is_one_of(e->key, APPROX_KEYS)) {
            err = parse_approx(b, e, &st->approx, NULL);
        } else {
            return abg_build_unknown_key(b, e, s, STREAM_KEYS);
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
        return abg_build_fail(b, ABG_ERROR_MEMORY, s->line, NULL,
                              "out of memory");
    return ABG_OK;
}

/* The pot and the other streams must fit in the budget's total. */
abg_error abg_build_check_budget(builder *b)
{
    abg_model *m = b->model;
    const char *sym = abg_money_symbol(m->currency);
    int64_t sum = m->pot;
    char s1[40], s2[40], s3[40];

    if (!m->has_budget) {
        for (size_t i = 0; i < b->config->n_sections; i++)
            if (strcmp(b->config->sections[i].kind, "stream") == 0)
                return abg_build_fail(b, ABG_ERROR_VALUE,
                                      b->config->sections[i].line,
                                      "add a [budget] section with its total",
                                      "[stream] sections need a [budget]");
        return ABG_OK;
    }
    for (size_t i = 0; i < m->n_streams; i++)
        if (__builtin_add_overflow(sum, m->streams[i].amount, &sum))
            return abg_build_fail(
                b, ABG_ERROR_OVERFLOW, m->streams[i].line, NULL,
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
            abg_money_format(s3, sizeof s3, m->budget_total, sym, true, false,
                             false));
    return ABG_OK;
}
