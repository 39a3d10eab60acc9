/*
 * fuzz_config.c - libFuzzer target: INI text (money parsing included) to
 * model, and the model to an allocation whose invariants must hold.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>

#include "abg/abg.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    abg_config *config = NULL;
    abg_model *model = NULL;
    abg_result *result = NULL;
    abg_diag diag = {0};

    if (abg_config_load_text(&config, "fuzz.ini", (const char *)data, size,
                             &diag) == ABG_OK &&
        abg_config_build(&model, config, &diag) == ABG_OK &&
        abg_alloc_compute(&result, model, &diag) == ABG_OK)
        abg_fuzz_check(model, result);
    /* A refusal must always say why. */
    if (!result && !diag.message[0])
        abort();
    abg_result_free(result);
    abg_model_free(model);
    abg_config_free(config);
    return 0;
}
