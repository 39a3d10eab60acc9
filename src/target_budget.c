/*
 * target_budget.c - a budget statement's entries to its total and named
 * lines: [budget] and [stream NAME] sections without an [allocation].
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target_internal.h"

static const char *const BUDGET_KEYS[] = {"title", "source", "total", NULL};
static const char *const LINE_KEYS[] = {"title", "amount", NULL};

/* Parses e's value as money into *out. */
static abg_error parse_money(abg_target_build_state *b, int64_t *out,
                             const abg_entry *e)
{
    const char *reason = NULL;
    abg_error err = abg_money_parse(out, e->value, &reason);

    if (err)
        return abg_diag_set(b->diag, err, b->file, e->line,
                            "write money as 450000, 6500.00 or "
                            "\xC2\xA3"
                            "4,200,000",
                            "%s \"%s\" %s", e->key, e->value, reason);
    return ABG_OK;
}

/* Reads [budget]: its title, source and total. */
static abg_error read_budget(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    bool has_total = false;
    abg_error err = ABG_OK;

    t->budget_line = s->line;
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
        } else if (strcmp(e->key, "total") == 0) {
            err = parse_money(b, &t->budget_total, e);
            t->budget_line = e->line;
            has_total = true;
        } else {
            return abg_target_unknown_key(b, e, s, BUDGET_KEYS);
        }
    }
    if (!err && !has_total)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add total = the whole budget, such as 4200000",
                            "[budget] has no total");
    return err;
}

/* Reads [stream NAME]: one named line of the budget. */
static abg_error read_line(abg_target_build_state *b, const abg_section *s)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    abg_target_line *l = &t->lines[t->n_lines];
    bool has_amount = false;
    abg_error err = ABG_OK;

    if (!s->name[0])
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "name the stream, like [stream youth-commission]",
                            "stream has no name");
    for (size_t i = 0; i < t->n_lines; i++)
        if (strcmp(t->lines[i].name, s->name) == 0)
            return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                                "give each stream its own name",
                                "duplicate stream \"%s\"", s->name);
    l->line = s->line;
    if (!(l->name = strdup(s->name)))
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                            "out of memory");
    t->n_lines++;
    ABG_FOR_ENTRIES(e, c, s)
    {
        if (err)
            break;
        if (!e->key[0]) /* dropped by a scenario */
            continue;
        if (strcmp(e->key, "title") == 0) {
            err = abg_target_copy(b, &l->title, e);
        } else if (strcmp(e->key, "amount") == 0) {
            err = parse_money(b, &l->amount, e);
            l->line = e->line;
            has_amount = true;
        } else {
            return abg_target_unknown_key(b, e, s, LINE_KEYS);
        }
    }
    if (!err && !has_amount)
        return abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                            "add amount = the line's money, such as 15000",
                            "stream %s has no amount", l->name);
    if (!err && !l->title && !(l->title = strdup(l->name)))
        err = abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, s->line, NULL,
                           "out of memory");
    return err;
}

/* Builds a budget statement: the total, its lines, what they leave. */
abg_error abg_target_build_budget(abg_target_build_state *b)
{
    const abg_config *c = b->config;
    abg_target *t = b->target;
    int64_t sum = 0;
    abg_error err = ABG_OK;
    size_t n = 0;

    t->is_budget = true;
    for (size_t i = 0; i < c->n_sections; i++)
        n += strcmp(c->sections[i].kind, "stream") == 0;
    if (!(t->lines = calloc(n + 1, sizeof *t->lines)))
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, 0, NULL,
                            "out of memory");
    for (size_t i = 0; i < c->n_sections && !err; i++) {
        const abg_section *s = &c->sections[i];
        if (strcmp(s->kind, "budget") == 0)
            err = read_budget(b, s);
        else if (strcmp(s->kind, "stream") == 0)
            err = read_line(b, s);
        else
            err = abg_diag_set(b->diag, ABG_ERROR_VALUE, b->file, s->line,
                               "a budget statement takes [budget] and "
                               "[stream NAME]; an allocation needs "
                               "[allocation]",
                               "unknown section [%s] in a budget statement",
                               s->text);
    }
    if (err)
        return err;
    for (size_t i = 0; i < t->n_lines; i++)
        if (__builtin_add_overflow(sum, t->lines[i].amount, &sum))
            return abg_diag_set(b->diag, ABG_ERROR_OVERFLOW, b->file,
                                t->lines[i].line, "check for extra digits",
                                "the streams add up to more than can be "
                                "held exactly");
    if (sum > t->budget_total) {
        char s1[40], s2[40];
        return abg_diag_set(b->diag, ABG_ERROR_MODEL, b->file, t->budget_line,
                            "lower a line or raise the budget's total",
                            "the streams add up to %s, more than the total %s",
                            abg_money_format(s1, sizeof s1, sum, "\xC2\xA3",
                                             true, true, false),
                            abg_money_format(s2, sizeof s2, t->budget_total,
                                             "\xC2\xA3", true, true, false));
    }
    t->not_itemised = t->budget_total - sum;
    return ABG_OK;
}
