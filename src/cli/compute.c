/*
 * compute.c - one allocation from the loaded file: a scenario, the --set
 * changes, then the arithmetic.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "cli_internal.h"

abg_error cli_compute(abg_model **model, abg_result **result,
                      const abg_config *base, const char *scenario,
                      char *const *sets, size_t n_sets, abg_diag *diag)
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
    if (!err)
        err = abg_alloc_compute(result, *model, diag);
    abg_config_free(changed);
    return err;
}
