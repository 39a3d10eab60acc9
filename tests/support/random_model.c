/*
 * random_model.c - random valid models for the property test and fuzzer.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random_model.h"

static char *name(const char *prefix, int i)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%s%d", prefix, i);
    return strdup(buf);
}

abg_model *abg_test_random_model(abg_test_rand rand, void *src,
                                 const abg_test_limits *lim)
{
    static const int64_t units[] = {1, 10, 100, 1000, 10000, 100000};
    abg_model *m = calloc(1, sizeof *m);
    int n, nc;
    int64_t left;

    if (!m)
        return NULL;
    /* Mostly small, sometimes up to the limit: cheap but still wide. */
    n = 1 + (int)rand(src, (uint64_t)(rand(src, 10) == 0 ? lim->max_areas
                                                         : 20 < lim->max_areas
                                                               ? 20
                                                               : lim->max_areas));
    nc = 1 + (int)rand(src, (uint64_t)lim->max_components);
    m->file = strdup("random");
    m->title = strdup("random");
    m->currency = strdup("GBP");
    m->round_to = units[rand(src, 6)];
    m->pot = m->round_to *
             (int64_t)rand(src, (uint64_t)(lim->max_pot / m->round_to) + 1);
    m->components = calloc((size_t)nc, sizeof *m->components);
    m->areas = calloc((size_t)n, sizeof *m->areas);
    m->indicators = calloc((size_t)nc, sizeof *m->indicators);
    if (!m->file || !m->title || !m->currency || !m->components ||
        !m->areas || !m->indicators) {
        abg_model_free(m);
        return NULL;
    }
    left = m->pot;
    for (int c = 0; c < nc; c++) {
        abg_component *comp = &m->components[c];
        comp->name = name("c", c);
        comp->title = name("c", c);
        comp->method = rand(src, 4) == 0 ? ABG_METHOD_EVEN
                                         : ABG_METHOD_PROPORTIONAL;
        comp->indicator = (size_t)c;
        comp->amount = c + 1 == nc ? left
                                   : (int64_t)rand(src, (uint64_t)left + 1);
        left -= comp->amount;
        m->indicators[c] = name("i", c);
        m->n_components++;
        m->n_indicators++;
    }
    for (int a = 0; a < n; a++) {
        abg_area *area = &m->areas[a];
        bool copy = a > 0 && rand(src, 3) == 0;
        int from = copy ? (int)rand(src, (uint64_t)a) : 0;
        area->name = name("a", a);
        area->values = calloc((size_t)nc, sizeof *area->values);
        area->has_published_cell = calloc((size_t)nc, sizeof(bool));
        area->published_cell = calloc((size_t)nc, sizeof(int64_t));
        area->published_cell_line = calloc((size_t)nc, sizeof(int));
        m->n_areas++;
        if (!area->name || !area->values || !area->has_published_cell ||
            !area->published_cell || !area->published_cell_line) {
            abg_model_free(m);
            return NULL;
        }
        for (int c = 0; c < nc; c++) {
            /* A copied area ties with its original on purpose. */
            if (copy)
                area->values[c] = m->areas[from].values[c];
            else
                area->values[c] = (abg_decimal){
                    (int64_t)rand(src, (uint64_t)lim->max_value + 1),
                    (int)rand(src, 3)};
        }
    }
    for (int c = 0; c < nc; c++)
        m->areas[rand(src, (uint64_t)n)].values[c].units += 1;
    return m;
}
