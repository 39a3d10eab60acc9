/*
 * test_compare_fast.c - compare's fast path (src/cli/compare_fast.c)
 * against building every scenario from the file: a generated table of
 * 2,000 areas with scenarios that change the pot, amounts, shares and
 * per_area (the fast path) and scenarios that change an area's value,
 * add damping or choose a derived indicator (built from the file); the figures,
 * labels and every written output must be the same bytes, and the fast
 * path must be taken exactly where it should. Without --set the fast path
 * also answers for the scenarios it computes when the file's scenarios
 * are checked at load (abg_config_build_vouched), so a bad scenario must
 * still be refused with the builder's message.
 *
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli_internal.h"

#define N_AREAS 2000

/* The scenarios the fast path takes: only numbers of the model. */
static const char *const FAST[] = {
    "pot = 90000000\ncomponent.even.amount = 36000000\n",
    "pot = 110000000\n",
    "component.population.share = 30%\n",
    "component.population.share = 12.5%\n",
    "component.even.amount = 20000000\n",
    "component.even.per_area = 25000\n",
    "component.crime.share = 50%\ncomponent.population.amount = rest\n",
    "component.crime.share = 37%\ncomponent.even.amount = rest\n",
    "pot = 99999000\ncomponent.population.amount = 33333333.33\n",
    "component.population.amount = 1\n",
    "component.even.amount = 0\n",
    "pot = 60000000\n",
    "allocation.pot = 123456000\ncomponent.population.share = 40%\n",
    "component.population.share = 100%\ncomponent.even.amount = 0\n",
    "component.even.per_area = 0.01\n",
    "pot = 100001000\n",
    "component.population.amount = 25000500.07\n",
    "component.crime.amount = 36000000\ncomponent.even.amount = rest\n",
    "pot = 250000000\ncomponent.population.share = 1%\n",
    "component.population.share = 24.99%\n",
};

/* The scenarios built from the file. */
static const char *const SLOW[] = {
    "area.A0007.population = 123456\n",
    "damping.floor = -2%\n",
    "component.crime.indicator = crime_rate\n",
    "pot = 95000000\narea.A1999.crime = 5\n",
    "round_to = 1000\n",
    "damping.floor = -1%\ndamping.ceiling = +3%\n",
};

#define N_FAST (sizeof FAST / sizeof *FAST)
#define N_SLOW (sizeof SLOW / sizeof *SLOW)

/* The next of a fixed sequence of pseudo-random numbers. */
static uint64_t next(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return *state >> 33;
}

/* The generated file's text (the caller frees it): a £100m pot = £40m
 * even + 25% population + the rest by crime, round_to £1, previous for
 * every area, then the fast and slow scenarios interleaved. */
static char *generate(size_t *length)
{
    size_t cap = 256 * N_AREAS + 16384, at = 0;
    char *s = malloc(cap);
    uint64_t state = 42;

    assert_non_null(s);
    at += (size_t)snprintf(s + at, cap - at,
                           "[allocation]\ntitle = Generated\npot = "
                           "100000000\nround_to = 1\n\n"
                           "[component even]\nmethod = even\namount = "
                           "40000000\n\n"
                           "[component population]\nmethod = "
                           "proportional\nindicator = population\nshare = "
                           "25%%\n\n"
                           "[component crime]\nmethod = proportional\n"
                           "indicator = crime\namount = rest\n\n"
                           "[indicator crime_rate]\nformula = crime / "
                           "population * 1000\n\n");
    for (size_t a = 0; a < N_AREAS; a++) {
        /* Skewed towards small areas: the square of a uniform number. */
        uint64_t u = next(&state) % 1000;
        uint64_t pop = 1000 + u * u * 299 / 1000;
        uint64_t crime = pop * (10 + next(&state) % 91) / 1000;
        at += (size_t)snprintf(
            s + at, cap - at,
            "[area A%04zu]\npopulation = %llu\ncrime = "
            "%llu\nprevious = %llu\n\n",
            a, (unsigned long long)pop, (unsigned long long)crime,
            (unsigned long long)(30000 + next(&state) % 40000));
    }
    for (size_t k = 0, f = 0, w = 0; k < N_FAST + N_SLOW; k++) {
        bool slow = (k % 4 == 3 && w < N_SLOW) || f == N_FAST;
        at += (size_t)snprintf(s + at, cap - at,
                               "[scenario s%02zu]\ntitle = Scenario %zu\n%s\n",
                               k, k, slow ? SLOW[w++] : FAST[f++]);
    }
    assert_true(at < cap - 1);
    *length = at;
    return s;
}

/* Everything the comparison writes, in one text (the caller frees it):
 * the table, the CSV, the JSON and the HTML. */
static char *written(const cli_compared *c)
{
    abg_comparison cmp = {c->n,
                          c->models[0],
                          c->names,
                          c->titles,
                          (const char *const *)c->headings,
                          c->pots,
                          c->totals,
                          NULL,
                          NULL};
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    assert_non_null(f);
    assert_int_equal(abg_compare_table(f, &cmp), ABG_OK);
    assert_int_equal(abg_compare_csv_write(f, &cmp), ABG_OK);
    assert_int_equal(abg_compare_json_write(f, &cmp), ABG_OK);
    assert_int_equal(abg_html_write_comparison(f, &cmp), ABG_OK);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Gathers the comparison both ways (keep = true builds every scenario)
 * and checks that the fast way took n_fast scenarios and that the two
 * agree figure for figure and byte for byte. */
static void both_ways(const abg_config *config, const char *const *names,
                      size_t n, char *const *sets, size_t n_sets,
                      size_t n_fast)
{
    cli_compared fast, full;
    abg_diag diag = {0};
    char *a, *b;
    size_t na;

    if (cli_compare_gather(&fast, config, "gen.ini", names, n, sets, n_sets,
                           false, &diag) != ABG_OK)
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    if (cli_compare_gather(&full, config, "gen.ini", names, n, sets, n_sets,
                           true, &diag) != ABG_OK)
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    assert_int_equal(fast.n, n + 1);
    assert_int_equal(full.n, n + 1);
    assert_int_equal(fast.n_fast, n_fast);
    assert_int_equal(full.n_fast, 0);
    na = full.models[0]->n_areas;
    assert_int_equal(na, N_AREAS);
    for (size_t k = 0; k <= n; k++) {
        assert_int_equal(fast.pots[k], full.pots[k]);
        if (k)
            assert_string_equal(fast.names[k], full.names[k]);
        assert_string_equal(fast.titles[k], full.titles[k]);
        assert_string_equal(fast.headings[k], full.headings[k]);
        for (size_t x = 0; x < na; x++)
            if (fast.totals[k * na + x] != full.totals[k * na + x])
                fail_msg("allocation %zu, area %zu: %lld, built %lld", k, x,
                         (long long)fast.totals[k * na + x],
                         (long long)full.totals[k * na + x]);
    }
    /* Without --set every scenario differs from the base (a --set may
     * override a scenario's only change). */
    for (size_t k = 1; k <= n && n_sets == 0; k++)
        if (!memcmp(full.totals, full.totals + k * na,
                    na * sizeof *full.totals))
            fail_msg("%s gives the base's figures", full.names[k]);
    a = written(&fast);
    b = written(&full);
    assert_string_equal(a, b);
    free(a), free(b);
    cli_compared_free(&fast);
    cli_compared_free(&full);
}

/* The generated file with extra text at its end, loaded. */
static abg_config *load_with(const char *extra)
{
    size_t length;
    char *text = generate(&length), *all = malloc(length + strlen(extra) + 1);
    abg_config *config = NULL;
    abg_diag diag = {0};

    assert_non_null(all);
    memcpy(all, text, length);
    memcpy(all + length, extra, strlen(extra) + 1);
    if (abg_config_load_text(&config, "gen.ini", all, strlen(all), &diag))
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    free(text);
    free(all);
    return config;
}

/* The generated file, loaded (and its scenarios checked by building). */
static abg_config *load(void)
{
    abg_config *config = load_with("");
    abg_model *m = NULL;
    abg_diag diag = {0};

    if (abg_config_build(&m, config, &diag))
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    abg_model_free(m);
    return config;
}

/* Every scenario of the file, in file order. */
static void test_all_scenarios(void **state)
{
    abg_config *config = load();
    const char *names[N_FAST + N_SLOW];

    (void)state;
    assert_int_equal(abg_config_scenario_names(config, names, N_FAST + N_SLOW),
                     N_FAST + N_SLOW);
    both_ways(config, names, N_FAST + N_SLOW, NULL, 0, N_FAST);
    abg_config_free(config);
}

/* Scenarios asked for by other spellings and in another order, one
 * twice: the file's spelling is shown either way. */
static void test_named_scenarios(void **state)
{
    abg_config *config = load();
    const char *names[] = {"S01", "s03", "S 0 2", "s01", "s00"};

    (void)state;
    /* s03 is slow (every fourth); "S 0 2" is not a scenario's name. */
    {
        const char *ok[] = {"S01", "s03", "s01", "s00", "s04"};
        both_ways(config, ok, 5, NULL, 0, 4);
    }
    {
        cli_compared c;
        abg_diag diag = {0};
        assert_int_equal(cli_compare_gather(&c, config, "gen.ini", names, 5,
                                            NULL, 0, false, &diag),
                         ABG_ERROR_NOT_FOUND);
        assert_string_equal(diag.message, "no scenario called \"S 0 2\"");
        cli_compared_free(&c);
    }
    abg_config_free(config);
}

/* The file's scenarios but those named in `but`. */
static size_t all_but(const char **out, const abg_config *config,
                      const char *const *but, size_t n_but)
{
    const char *names[N_FAST + N_SLOW];
    size_t n = 0;

    abg_config_scenario_names(config, names, N_FAST + N_SLOW);
    for (size_t k = 0; k < N_FAST + N_SLOW; k++) {
        bool skip = false;
        for (size_t i = 0; i < n_but; i++)
            skip = skip || strcmp(names[k], but[i]) == 0;
        if (!skip)
            out[n++] = names[k];
    }
    return n;
}

/* --set changes: a scenario comes first and --set after, so a --set of
 * a number the scenario also changes wins; a --set of an area's value
 * leaves the fast path open; a number spelt so that the fast path
 * cannot tell which it is closes it. */
static void test_with_sets(void **state)
{
    abg_config *config = load();
    const char *names[N_FAST + N_SLOW];
    /* With the even component at £30m these no longer add up. */
    const char *const misfits[] = {"s09", "s17", "s22"};
    char s1[] = "component.even.amount=30000000";
    char s2[] = "area.A0003.crime=77";
    char s3[] = "pot=100500000";
    char s4[] = "component.EVEN.amount=30000000";
    char *ordered[] = {s1, s2};
    char *pot[] = {s3, s2};
    char *spelt[] = {s4};
    size_t n;

    (void)state;
    n = all_but(names, config, misfits, 3);
    assert_int_equal(n, N_FAST + N_SLOW - 3);
    both_ways(config, names, n, ordered, 2, N_FAST - 3);
    both_ways(config, names, n, spelt, 1, 0);
    n = all_but(names, config, NULL, 0);
    both_ways(config, names, n, pot, 2, N_FAST);
    abg_config_free(config);
}

/* A scenario the fast path declines because it does not add up gets
 * the builder's message, as when every scenario is built. */
static void test_misfit_message(void **state)
{
    abg_config *config = load();
    const char *names[] = {"s00", "s09"};
    char s1[] = "component.even.amount=30000000";
    char *sets[] = {s1};
    cli_compared fast, full;
    abg_diag d1 = {0}, d2 = {0};

    (void)state;
    assert_int_equal(cli_compare_gather(&fast, config, "gen.ini", names, 2,
                                        sets, 1, false, &d1),
                     ABG_ERROR_MODEL);
    assert_int_equal(cli_compare_gather(&full, config, "gen.ini", names, 2,
                                        sets, 1, true, &d2),
                     ABG_ERROR_MODEL);
    assert_int_equal(fast.n_fast, 1); /* s00 */
    assert_string_equal(d1.message, d2.message);
    assert_string_equal(d1.message,
                        "components add up to £92,000,000.00, "
                        "£8,000,000.00 less than the pot £100,000,000.00");
    assert_int_equal(d1.line, d2.line);
    cli_compared_free(&fast);
    cli_compared_free(&full);
    abg_config_free(config);
}

/* A scenario that does not add up, after scenarios the fast path
 * answers for: compare refuses the file as loading it does, with the
 * same message, whether the scenario is asked for or not. */
static void test_bad_scenario(void **state)
{
    abg_config *config = load_with("[scenario bad]\npot = 10000000\n\n"
                                   "[scenario after]\npot = 99000000\n");
    const char *asked[][2] = {{"s00", "s01"}, {"bad", "s00"}};
    abg_model *m = NULL;
    abg_diag built = {0};

    (void)state;
    assert_int_equal(abg_config_build(&m, config, &built), ABG_ERROR_MODEL);
    assert_null(m);
    assert_string_equal(built.message,
                        "scenario bad: components other than crime add up "
                        "to £42,500,000.00, £32,500,000.00 more than the "
                        "pot £10,000,000.00, leaving nothing for it");
    for (size_t i = 0; i < 2; i++)
        for (int keep = 0; keep < 2; keep++) {
            cli_compared c;
            abg_diag diag = {0};
            assert_int_equal(cli_compare_gather(&c, config, "gen.ini",
                                                asked[i], 2, NULL, 0, keep,
                                                &diag),
                             ABG_ERROR_MODEL);
            assert_string_equal(diag.message, built.message);
            assert_int_equal(diag.line, built.line);
            cli_compared_free(&c);
        }
    abg_config_free(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_scenarios),
        cmocka_unit_test(test_named_scenarios),
        cmocka_unit_test(test_with_sets),
        cmocka_unit_test(test_misfit_message),
        cmocka_unit_test(test_bad_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
