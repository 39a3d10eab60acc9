/*
 * compute.c - one allocation from the loaded file: a scenario, the --set
 * changes, then the arithmetic.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "cli_internal.h"

/* cli_compute, freeing *owned (the base, when the caller gives it up)
 * once the model is built. */
static abg_error compute(abg_model **model, abg_result **result,
                         const abg_config *base, abg_config **owned,
                         const char *scenario, char *const *sets,
                         size_t n_sets, abg_diag *diag)
{
    abg_config *changed = NULL;
    const abg_config *config = base;
    abg_error err = ABG_OK;

    if (scenario) {
        err = abg_config_scenario(&changed, base, scenario, diag);
        config = changed;
    }
    for (size_t i = 0; i < n_sets && !err; i++) {
        char *eq = strchr(sets[i], '=');
        if (!changed && (err = abg_config_copy(&changed, base)) != ABG_OK) {
            abg_diag_set(diag, err, NULL, 0, NULL, "out of memory");
            break;
        }
        config = changed;
        *eq = '\0';
        err = abg_config_set(changed, sets[i], eq + 1, 0, diag);
        *eq = '=';
    }
    if (!err)
        err = abg_config_build(model, config, diag);
    /* The model remembers the changes, so that every output can say
     * what produced its figures. */
    if (!err && !abg_model_set_changes(*model, sets, n_sets))
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, NULL, 0, NULL,
                           "out of memory");
    /* The model owns all it needs: the files' entries go before the
     * arithmetic, so that they and the result are never held at once. */
    abg_config_free(changed);
    if (owned) {
        abg_config_free(*owned);
        *owned = NULL;
    }
    if (!err)
        err = abg_alloc_compute(result, *model, diag);
    return err;
}

abg_error cli_compute(abg_model **model, abg_result **result,
                      const abg_config *base, const char *scenario,
                      char *const *sets, size_t n_sets, abg_diag *diag)
{
    return compute(model, result, base, NULL, scenario, sets, n_sets, diag);
}

abg_error cli_compute_last(abg_model **model, abg_result **result,
                           abg_config **base, const char *scenario,
                           char *const *sets, size_t n_sets, abg_diag *diag)
{
    return compute(model, result, *base, base, scenario, sets, n_sets, diag);
}
