/*
 * approx.h - figures an allocation's source prints only approximately
 * (`approximate` in [budget] and [stream]), checked against the exact ones.
 *
 * SPDX-License-Identifier: MIT
 *
 * A document may give the same split twice: exactly in a table, and "on
 * an approximate basis" in its text. Such a figure is not compared to the
 * penny: it must be the exact figure to the nearest `approximate_to`, and
 * the check says that the source calls it approximate.
 */
#ifndef ABG_APPROX_H
#define ABG_APPROX_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

/* Compares each approximate figure of the model with the exact one.
 * Writes `FILE:LINE: ...` for each that is not the exact figure to the
 * nearest unit, and, when `details`, a line for each that is, saying the
 * source calls it approximate. *checked and *differing get the counts;
 * returns ABG_ERROR_WRITE when out fails. */
abg_error abg_approx_check(FILE *out, const abg_model *model, bool details,
                           size_t *checked, size_t *differing);

#endif /* ABG_APPROX_H */
