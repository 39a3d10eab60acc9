/*
 * engine.c - times abg_alloc_compute() alone on a generated in-memory
 * model (no INI, no output): the engine's share of a run.
 *
 * SPDX-License-Identifier: MIT
 *
 * Usage: bench_engine [AREAS [RUNS]]   (defaults 35000 and 5)
 * Prints the median wall and CPU time of abg_alloc_compute() and, apart,
 * of abg_csv_write() to /dev/null (the CSV writer's share of a run).
 * The model is the benchmark's: a £100m pot = £40m even + £25m by
 * population + £35m by crime, totals to £1; population 1,000 to 300,000
 * skewed towards small areas, crime 10 to 100 per 1,000 population. The
 * numbers come from splitmix64, not from Python's generator, so the
 * figures differ from bench/gen_areas.py's file but not their shape.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "abg/abg.h"

/* A uniform number in [0, 1) from splitmix64 (53 bits). */
static double uniform(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

/* Adds one component to m. */
static void component(abg_model *m, const char *name, abg_method method,
                      size_t indicator, int64_t amount)
{
    abg_component *c = &m->components[m->n_components++];

    c->name = strdup(name);
    c->title = strdup(name);
    c->method = method;
    c->indicator = indicator;
    c->amount = amount;
}

/* Builds the benchmark model with n areas. */
static abg_model *build(size_t n)
{
    abg_model *m = calloc(1, sizeof *m);
    uint64_t seed = 1;

    m->file = strdup("bench");
    m->title = strdup("bench");
    m->currency = strdup("GBP");
    m->round_to = 100;
    m->pot = 10000000000LL;
    m->indicators = calloc(2, sizeof *m->indicators);
    m->indicators[0] = strdup("population");
    m->indicators[1] = strdup("crime");
    m->n_indicators = 2;
    m->components = calloc(3, sizeof *m->components);
    component(m, "even", ABG_METHOD_EVEN, 0, 4000000000LL);
    component(m, "population", ABG_METHOD_PROPORTIONAL, 0, 2500000000LL);
    component(m, "crime", ABG_METHOD_PROPORTIONAL, 1, 3500000000LL);
    m->areas = calloc(n, sizeof *m->areas);
    for (size_t i = 0; i < n; i++) {
        abg_area *a = &m->areas[i];
        char name[24];
        double u = uniform(&seed), v = uniform(&seed);
        int64_t pop = 1000 + (int64_t)(299000 * (u * u * u));
        int64_t crime = (int64_t)((double)pop * (0.01 + 0.09 * v));
        snprintf(name, sizeof name, "A%07zu", i + 1);
        a->name = strdup(name);
        a->values = calloc(2, sizeof *a->values);
        a->values[0] = (abg_decimal){pop, 0};
        a->values[1] = (abg_decimal){crime < 10 ? 10 : crime > 30000 ? 30000
                                                                     : crime,
                                     0};
        a->has_published_cell = calloc(3, sizeof(bool));
        a->published_cell = calloc(3, sizeof(int64_t));
        a->published_cell_line = calloc(3, sizeof(int));
        m->n_areas++;
    }
    return m;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 35000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    abg_model *m = build(n);
    double *secs = calloc((size_t)(runs > 0 ? runs : 1), sizeof *secs);
    double *cpu = calloc((size_t)(runs > 0 ? runs : 1), sizeof *cpu);
    double *csv = calloc((size_t)(runs > 0 ? runs : 1), sizeof *csv);
    FILE *null = fopen("/dev/null", "w");
    struct rusage ru;
    int64_t check = 0;

    if (!m || !secs || !cpu || !csv || !null || runs < 1) {
        fprintf(stderr, "usage: bench_engine [AREAS [RUNS]]\n");
        return 2;
    }
    for (int k = 0; k < runs; k++) {
        struct timespec t0, t1, c0, c1;
        abg_result *r = NULL;
        abg_diag diag = {0};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (abg_alloc_compute(&r, m, &diag)) {
            fprintf(stderr, "bench_engine: %s\n", diag.message);
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
        cpu[k] = (double)(c1.tv_sec - c0.tv_sec) +
                 (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
        secs[k] = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        abg_csv_write(null, m, r);
        fflush(null);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        csv[k] = (double)(t1.tv_sec - t0.tv_sec) +
                 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        check = 0;
        for (size_t i = 0; i < n; i++)
            check += r->areas[i].total;
        abg_result_free(r);
    }
    qsort(secs, (size_t)runs, sizeof *secs, by_value);
    qsort(cpu, (size_t)runs, sizeof *cpu, by_value);
    qsort(csv, (size_t)runs, sizeof *csv, by_value);
    getrusage(RUSAGE_SELF, &ru);
    printf("engine areas=%zu runs=%d median_s=%.4f min_s=%.4f max_s=%.4f "
           "median_cpu_s=%.4f csv_write_median_s=%.4f peak_rss_mib=%.1f "
           "sum_ok=%s\n", n, runs, secs[runs / 2], secs[0], secs[runs - 1],
           cpu[runs / 2], csv[runs / 2],
           (double)ru.ru_maxrss / 1024.0,
           check == m->pot ? "yes" : "NO");
    {
        int status = check == m->pot ? 0 : 1;
        abg_model_free(m);
        free(secs);
        free(cpu);
        free(csv);
        fclose(null);
        return status;
    }
}
