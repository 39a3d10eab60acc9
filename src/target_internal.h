/*
 * target_internal.h - what the target builders share (private to the
 * library): the build state and small helpers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_TARGET_INTERNAL_H
#define ABG_TARGET_INTERNAL_H

#include <stdint.h>

#include "abg/target.h"
#include "config_internal.h"

/* Where a build is: the config, the target being filled, the diagnostic. */
typedef struct abg_target_build_state {
    const abg_config *config;
    abg_target *target;
    abg_diag *diag;
    const char *file;
} abg_target_build_state;

/* Returns 10^n for n from 0 to 18. */
static inline int64_t abg_target_pow10(int n)
{
    int64_t p = 1;

    while (n-- > 0)
        p *= 10;
    return p;
}

/* Reports a key the section does not take, with a "did you mean". */
abg_error abg_target_unknown_key(abg_target_build_state *b, const abg_entry *e,
                                 const abg_section *s,
                                 const char *const *keys);

/* Copies e's value into *out (replacing what was there). */
abg_error abg_target_copy(abg_target_build_state *b, char **out,
                          const abg_entry *e);

/* Builds a budget statement: [budget] and its [stream] lines
 * (target_budget.c). */
abg_error abg_target_build_budget(abg_target_build_state *b);

/* Writes how figure f is rounded: "rounded down", "rounded to 2 places"
 * (target_report.c). */
const char *abg_target_rounding_text(char *buf, size_t size,
                                     const abg_target_figure *f);

/* The figure step year y of area a builds on: the base step's rule, or
 * the given year's printed figure; NULL when there is none. */
const abg_target_number *abg_target_base(const abg_target *t, size_t a,
                                         size_t f, size_t y);

/* Writes how the rule reaches a cell: "519 less 6% = 487.86, rounded
 * down". */
const char *abg_target_rule_text(char *buf, size_t size, const abg_target *t,
                                 size_t a, size_t f, size_t y);

#endif /* ABG_TARGET_INTERNAL_H */
