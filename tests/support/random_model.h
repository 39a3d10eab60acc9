/*
 * random_model.h - builds abg_model values directly (no INI) for the
 * property test and the engine fuzzer, from any source of random bytes.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_TEST_RANDOM_MODEL_H
#define ABG_TEST_RANDOM_MODEL_H

#include <stdint.h>

#include "abg/model.h"

/* Returns a number in [0, n) from the caller's source; n > 0. */
typedef uint64_t (*abg_test_rand)(void *source, uint64_t n);

/* Limits of the generated models. */
typedef struct abg_test_limits {
    int max_areas;        /* 1 .. */
    int max_components;   /* 1 .. 8 */
    int64_t max_pot;      /* pence */
    int64_t max_value;    /* largest indicator value */
} abg_test_limits;

/* Builds a valid model: components that add up to the pot, a power-of-ten
 * unit from 1p to £1,000 dividing the pot, indicators never all zero, and
 * on purpose many areas copied from earlier ones so that remainders tie.
 * Returns NULL when out of memory; free with abg_model_free(). */
abg_model *abg_test_random_model(abg_test_rand rand, void *source,
                                 const abg_test_limits *limits);

#endif /* ABG_TEST_RANDOM_MODEL_H */
