/*
 * damping.h - limits on each area's change against last year, applied to
 * exact figures (private to the library: it works on GMP rationals).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_DAMPING_H
#define ABG_DAMPING_H

#include <gmp.h>

#include "abg/alloc.h"

/*
 * Applies the model's [damping] to `figures` (exact pence per area, adding
 * up to the pot) in place, in the documented order: pace, floor, ceiling,
 * minimum. `stages` receives the figures after each step, as
 * stages[step * n_areas + area] for the ABG_STAGE_* steps after the
 * formula; `floor_factor` the factor by which gains above the floor were
 * scaled (1 when the floor cost nothing). Returns ABG_ERROR_MODEL with
 * the shortfall in diag when a limit cannot be met.
 */
abg_error abg_damping_apply(const abg_model *model, mpq_t *figures,
                            mpq_t *stages, mpq_t floor_factor, abg_diag *diag);

#endif /* ABG_DAMPING_H */
