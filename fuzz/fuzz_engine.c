/*
 * fuzz_engine.c - libFuzzer target: a random valid model built from the
 * input bytes, computed, and checked against the invariants.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abg/abg.h"
#include "invariants.h"
#include "random_model.h"

/* The input bytes, read as a stream of numbers; zeros once used up. */
typedef struct bytes {
    const uint8_t *data;
    size_t size, pos;
} bytes;

static uint64_t take(void *source, uint64_t n)
{
    bytes *b = source;
    uint64_t v = 0;

    for (int i = 0; i < 8 && b->pos < b->size; i++)
        v = (v << 8) | b->data[b->pos++];
    return v % n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const abg_test_limits limits = {300, 8, INT64_C(1000000000000000000),
                                    INT64_C(1000000000000000000)};
    bytes b = {data, size, 0};
    abg_model *model = abg_test_random_model(take, &b, &limits);
    abg_result *result = NULL;
    abg_diag diag = {0};

    if (!model)
        return 0;
    if (abg_alloc_compute(&result, model, &diag) != ABG_OK)
        abort(); /* a valid model must always compute */
    abg_fuzz_check(model, result);
    abg_result_free(result);
    abg_model_free(model);
    return 0;
}
