/*
 * invariants.h - what every computed allocation must satisfy; the fuzz
 * targets abort() when it does not, so libFuzzer keeps the input.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_FUZZ_INVARIANTS_H
#define ABG_FUZZ_INVARIANTS_H

#include <stdlib.h>

#include "abg/abg.h"

/* Totals add up to the pot exactly; each total is its exact quota's floor
 * or one unit more (so within one unit of it); each column's shown figures
 * are within half a penny per area of its amount. */
static inline void abg_fuzz_check(const abg_model *m, const abg_result *r)
{
    int64_t sum = 0;

    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area_rounding *ar = &r->areas[a];
        if (ar->total != ar->floor && ar->total != ar->floor + m->round_to)
            abort();
        if (ar->floor % m->round_to != 0 || ar->floor < 0)
            abort();
        sum += ar->total;
    }
    if (sum != m->pot)
        abort();
    for (size_t c = 0; c < m->n_components; c++) {
        int64_t diff = r->column_sums[c] - m->components[c].amount;
        if (diff < 0)
            diff = -diff;
        if ((uint64_t)diff * 2 > m->n_areas)
            abort();
    }
}

#endif /* ABG_FUZZ_INVARIANTS_H */
