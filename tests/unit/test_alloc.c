/*
 * test_alloc.c - the arithmetic: the published 2010/11 table cell by cell,
 * each rounding case, each component form, overflow, and thousands of
 * random allocations against an independent exact computation.
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

#include "abg/abg.h"

/* Builds a model from INI text, failing the test on any error. */
static abg_model *model_from(const char *text)
{
    abg_config *config = NULL;
    abg_model *model = NULL;
    abg_diag diag = {0};

    if (abg_config_load_text(&config, "test.ini", text, strlen(text), &diag) ||
        abg_config_build(&model, config, &diag))
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    abg_config_free(config);
    return model;
}

static abg_result *compute(const abg_model *model)
{
    abg_result *result = NULL;
    abg_diag diag = {0};

    if (abg_alloc_compute(&result, model, &diag))
        fail_msg("%s", diag.message);
    return result;
}

/* Counts findings of one kind. */
static size_t count(const abg_result *r, abg_finding_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < r->n_findings; i++)
        n += r->findings[i].kind == kind;
    return n;
}

static bool has_area_finding(const abg_result *r, const abg_model *m,
                             abg_finding_kind kind, const char *area)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (r->findings[i].kind == kind &&
            strcmp(m->areas[r->findings[i].area].name, area) == 0)
            return true;
    return false;
}

/* Appendix 3 as printed, in pence: total, even, population, crime. */
static const struct {
    const char *name;
    int64_t total, even, population, crime;
} APPENDIX3[] = {
    {"Blaby", 5955100, 2500000, 1371112, 2084041},
    {"Charnwood", 9635100, 2500000, 2407228, 4727877},
    {"Harborough", 5161800, 2500000, 1205096, 1456684},
    {"Hinckley & Bosworth", 6520900, 2500000, 1538610, 2482260},
    {"Melton", 4370200, 2500000, 724837, 1145329},
    {"North West Leics", 6414400, 2500000, 1328126, 2586284},
    {"Oadby & Wigston", 4542500, 2500000, 837490, 1205026},
};

static void leicestershire_2010_11(void **state)
{
    abg_model *m = NULL;
    abg_result *r;
    abg_diag diag = {0};
    char buf[64];

    (void)state;
    if (abg_model_load(&m, ABG_SOURCE_DIR
                       "/allocations/leicestershire-abg-2010-11.ini", &diag))
        fail_msg("%s:%d: %s", diag.file, diag.line, diag.message);
    r = compute(m);
    assert_int_equal(m->n_areas, 7);
    assert_int_equal(m->n_components, 3);
    for (size_t a = 0; a < 7; a++) {
        assert_string_equal(m->areas[a].name, APPENDIX3[a].name);
        assert_int_equal(r->areas[a].total, APPENDIX3[a].total);
        assert_int_equal(r->cells[a * 3 + 0], APPENDIX3[a].even);
        assert_int_equal(r->cells[a * 3 + 1], APPENDIX3[a].population);
        assert_int_equal(r->cells[a * 3 + 2], APPENDIX3[a].crime);
    }
    /* What the published rounding shows (reference/appendix3.md). */
    assert_int_equal(r->column_sums[0], 17500000);
    assert_int_equal(r->column_sums[1], 9412499);
    assert_int_equal(r->column_sums[2], 15687501);
    assert_int_equal(r->nearest_sum, 42600100);
    assert_int_equal(r->floor_sum, 42599700);
    assert_int_equal(r->units, 3);
    assert_int_equal(count(r, ABG_FINDING_COLUMN_SUM), 2);
    assert_int_equal(count(r, ABG_FINDING_NEAREST_SUM), 1);
    assert_int_equal(count(r, ABG_FINDING_LIFTED), 3);
    assert_int_equal(count(r, ABG_FINDING_LEFT_DOWN), 1);
    assert_int_equal(count(r, ABG_FINDING_TIE), 0);
    assert_int_equal(count(r, ABG_FINDING_UNALLOCATED), 0);
    assert_true(has_area_finding(r, m, ABG_FINDING_LIFTED, "Harborough"));
    assert_true(has_area_finding(r, m, ABG_FINDING_LIFTED,
                                 "Hinckley & Bosworth"));
    assert_true(has_area_finding(r, m, ABG_FINDING_LIFTED, "Melton"));
    assert_true(has_area_finding(r, m, ABG_FINDING_LEFT_DOWN, "Blaby"));
    abg_result_exact(r, ABG_EXACT_TOTAL, 0, 0, 4, buf, sizeof buf);
    assert_string_equal(buf, "59551.5288");
    abg_result_exact(r, ABG_EXACT_QUOTA, 0, 1, -1, buf, sizeof buf);
    assert_string_equal(buf, "3482625/254"); /* 92500/635000 x 94125 */
    abg_result_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, 2, -1, buf, sizeof buf);
    assert_string_equal(buf, "43885");
    assert_int_equal(r->areas[2].rank, 1); /* Harborough .80 */
    assert_int_equal(r->areas[0].rank, 4); /* Blaby .53 */
    assert_string_equal(r->findings[1].text,
                        "The crime column's penny figures add up to "
                        "\xC2\xA3" "156,875.01, \xC2\xA3" "0.01 more than "
                        "its amount \xC2\xA3" "156,875.00.");
    /* The budget footer adds up exactly. */
    assert_int_equal(m->budget_total, 74097700);
    assert_int_equal(m->n_streams, 2);
    assert_int_equal(m->pot + m->streams[0].amount + m->streams[1].amount,
                     m->budget_total);
    abg_result_free(r);
    abg_model_free(m);
}

#define THREE_EVEN(pot, unit)                                               \
    "[allocation]\npot = " pot "\nround_to = " unit "\n"                    \
    "[component even]\nmethod = even\namount = " pot "\n"                   \
    "[area A]\n[area B]\n[area C]\n"

static void rounding_penny_tie(void **state)
{
    abg_model *m = model_from(THREE_EVEN("1000", "0.01"));
    abg_result *r = compute(m);

    (void)state;
    /* 1000/3 = 333.333...: the odd penny goes to A, first in the file. */
    assert_int_equal(r->areas[0].total, 33334);
    assert_int_equal(r->areas[1].total, 33333);
    assert_int_equal(r->areas[2].total, 33333);
    assert_int_equal(count(r, ABG_FINDING_TIE), 1);
    assert_non_null(strstr(r->findings[r->n_findings - 1].text,
                           "A, B and C have exactly the same remainder"));
    assert_non_null(strstr(r->findings[r->n_findings - 1].text,
                           "1 unit went to A"));
    abg_result_free(r);
    abg_model_free(m);
}

static void rounding_pound_and_thousand(void **state)
{
    abg_model *m = model_from(THREE_EVEN("1000", "1"));
    abg_result *r = compute(m);

    (void)state;
    assert_int_equal(r->areas[0].total, 33400);
    assert_int_equal(r->areas[1].total, 33300);
    assert_int_equal(r->areas[2].total, 33300);
    abg_result_free(r);
    abg_model_free(m);

    m = model_from(THREE_EVEN("10000", "1000"));
    r = compute(m);
    /* 3,333.33 each: floors 3,000 x 3, one unit of 1,000 left, to A. */
    assert_int_equal(r->areas[0].total, 400000);
    assert_int_equal(r->areas[1].total, 300000);
    assert_int_equal(r->areas[2].total, 300000);
    assert_int_equal(r->units, 1);
    assert_int_equal(r->floor_sum, 900000);
    assert_int_equal(r->nearest_sum, 900000);
    assert_int_equal(count(r, ABG_FINDING_NEAREST_SUM), 1);
    abg_result_free(r);
    abg_model_free(m);
}

static void ties_refuse_is_an_error(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 1000\nround_to = 1\nties = refuse\n"
        "[component even]\nmethod = even\namount = 1000\n"
        "[area A]\n[area B]\n[area C]\n");
    abg_result *r = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_ERROR_TIE);
    assert_null(r);
    assert_string_equal(diag.message,
                        "area totals: A, B and C have exactly equal "
                        "remainders and only 1 of them can get a unit");
    abg_model_free(m);
}

static void pot_divides_exactly(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 600\nround_to = 1\n"
        "[component w]\nmethod = proportional\nindicator = n\namount = 600\n"
        "[area A]\nn = 1\n[area B]\nn = 2\n[area C]\nn = 3\n");
    abg_result *r = compute(m);

    (void)state;
    assert_int_equal(r->areas[0].total, 10000);
    assert_int_equal(r->areas[1].total, 20000);
    assert_int_equal(r->areas[2].total, 30000);
    assert_int_equal(r->units, 0);
    assert_int_equal(r->n_findings, 0);
    abg_result_free(r);
    abg_model_free(m);
}

static void one_area(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 123.45\nround_to = 0.01\n"
        "[component w]\nmethod = proportional\nindicator = n\namount = rest\n"
        "[area Only]\nn = 7\n");
    abg_result *r = compute(m);

    (void)state;
    assert_int_equal(r->areas[0].total, 12345);
    assert_int_equal(r->cells[0], 12345);
    assert_int_equal(r->n_findings, 0);
    abg_result_free(r);
    abg_model_free(m);
}

static void many_areas(void **state)
{
    char *text = malloc(200000);
    size_t used;
    abg_model *m;
    abg_result *r;
    int64_t sum = 0;

    (void)state;
    used = (size_t)sprintf(text,
                           "[allocation]\npot = 1000000\nround_to = 10\n"
                           "[component w]\nmethod = proportional\n"
                           "indicator = n\namount = 1000000\n");
    for (int i = 0; i < 1000; i++)
        used += (size_t)sprintf(text + used, "[area A%d]\nn = %d\n", i,
                                i * 7 + 1);
    m = model_from(text);
    r = compute(m);
    assert_int_equal(m->n_areas, 1000);
    for (size_t a = 0; a < 1000; a++) {
        sum += r->areas[a].total;
        assert_int_equal(r->areas[a].total % 1000, 0);
        assert_true(r->areas[a].total == r->areas[a].floor ||
                    r->areas[a].total == r->areas[a].floor + 1000);
    }
    assert_int_equal(sum, 100000000);
    abg_result_free(r);
    abg_model_free(m);
    free(text);
}

static void component_forms(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 426000\nround_to = 1\n"
        "[component even]\nmethod = even\nper_area = 25000\n"
        "[component population]\nmethod = proportional\n"
        "indicator = population\nshare = 22.1%\n"
        "[component crime]\nmethod = proportional\nindicator = crime\n"
        "amount = rest\n"
        "[area A]\npopulation = 1\ncrime = 1\n"
        "[area B]\npopulation = 1\ncrime = 3\n");

    (void)state;
    assert_int_equal(m->components[0].size, ABG_SIZE_PER_AREA);
    assert_int_equal(m->components[0].amount, 5000000);
    assert_int_equal(m->components[1].size, ABG_SIZE_SHARE);
    assert_int_equal(m->components[1].amount, 9414600);
    assert_int_equal(m->components[2].size, ABG_SIZE_REST);
    assert_int_equal(m->components[2].amount, 42600000 - 5000000 - 9414600);
    abg_model_free(m);
}

static void build_error(const char *text, abg_error want, int line,
                        const char *message)
{
    abg_config *config = NULL;
    abg_model *model = NULL;
    abg_diag diag = {0};
    abg_error err = abg_config_load_text(&config, "t.ini", text, strlen(text),
                                         &diag);

    if (!err)
        err = abg_config_build(&model, config, &diag);
    abg_config_free(config);
    abg_model_free(model);
    assert_int_equal(err, want);
    assert_int_equal(diag.line, line);
    assert_string_equal(diag.message, message);
}

static void overflow_is_refused(void **state)
{
    (void)state;
    /* Each amount fits in int64_t pence; their sum does not. */
    build_error("[allocation]\npot = 90000000000000000\n"
                "[component a]\nmethod = even\namount = 90000000000000000\n"
                "[component b]\nmethod = even\namount = 90000000000000000\n"
                "[area A]\n",
                ABG_ERROR_OVERFLOW, 8,
                "components add up to more than can be held exactly");
    build_error("[allocation]\npot = 90000000000000000\n"
                "[component a]\nmethod = even\nper_area = 90000000000000000\n"
                "[area A]\n[area B]\n",
                ABG_ERROR_OVERFLOW, 5,
                "per_area times 2 areas is too large to hold exactly");
}

static void sums_must_match_pot(void **state)
{
    (void)state;
    build_error("[allocation]\npot = 100\n"
                "[component a]\nmethod = even\namount = 100.01\n[area A]\n",
                ABG_ERROR_MODEL, 2,
                "components add up to \xC2\xA3" "100.01, \xC2\xA3" "0.01 more "
                "than the pot \xC2\xA3" "100.00");
    build_error("[allocation]\npot = 100\n"
                "[component a]\nmethod = even\namount = rest\n"
                "[component b]\nmethod = even\namount = rest\n[area A]\n",
                ABG_ERROR_VALUE, 8, "components a and b are both rest");
}

/* Huge indicators and a pot of 10^15 pounds stay exact (GMP). */
static void huge_values_exact(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 1000000000000000\nround_to = 0.01\n"
        "[component w]\nmethod = proportional\nindicator = n\n"
        "amount = 1000000000000000\n"
        "[area A]\nn = 1000000000000000000\n[area B]\nn = 2000000000000000000\n"
        "[area C]\nn = 1\n");
    abg_result *r = compute(m);

    (void)state;
    /* Exact shares in pence: A 33,333,333,333,333,333.322..., B
     * 66,666,666,666,666,666.644..., C 0.0333...; the floors leave one
     * penny and B's remainder is the largest. */
    assert_int_equal(r->areas[0].total, 33333333333333333LL);
    assert_int_equal(r->areas[1].total, 66666666666666667LL);
    assert_int_equal(r->areas[2].total, 0);
    assert_int_equal(r->units, 1);
    abg_result_free(r);
    abg_model_free(m);
}

/* Remainders from different components, over different denominators,
 * that are exactly equal: a tie (file order), found exactly; and a sum of
 * fractions that is exactly a whole penny (no remainder). */
static void tie_across_denominators(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 0.03\nround_to = 0.01\n"
        "[component x]\nmethod = proportional\nindicator = x\n"
        "amount = 0.01\n"
        "[component y]\nmethod = proportional\nindicator = y\n"
        "amount = 0.02\n"
        "[area A]\nx = 1\ny = 0\n[area B]\nx = 0\ny = 1\n"
        "[area C]\nx = 1\ny = 3\n");
    abg_result *r = compute(m);
    char text[64];

    (void)state;
    /* A: 1/2 of a penny from x (over 2); B: 2/4 from y (over 4); C: 1/2 +
     * 6/4 = 2 pence exactly. One penny is left; A and B tie, A is first. */
    assert_int_equal(r->areas[0].total, 1);
    assert_int_equal(r->areas[1].total, 0);
    assert_int_equal(r->areas[2].total, 2);
    assert_int_equal(r->areas[2].floor, 2);
    assert_int_equal(r->units, 1);
    assert_int_equal(abg_result_compare_remainders(r, 0, 1), 0);
    assert_int_equal(abg_result_compare_remainders(r, 0, 2), 1);
    assert_int_equal(count(r, ABG_FINDING_TIE), 1);
    assert_non_null(strstr(r->findings[r->n_findings - 1].text,
                           "A and B have exactly the same remainder"));
    abg_result_exact(r, ABG_EXACT_REMAINDER, 1, 0, -1, text, sizeof text);
    assert_string_equal(text, "1/200");
    abg_result_exact(r, ABG_EXACT_REMAINDER, 2, 0, -1, text, sizeof text);
    assert_string_equal(text, "0");
    abg_result_exact(r, ABG_EXACT_QUOTA, 2, 1, 4, text, sizeof text);
    assert_string_equal(text, "0.0150");
    abg_result_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, 1, -1, text,
                     sizeof text);
    assert_string_equal(text, "4");
    abg_result_free(r);
    abg_model_free(m);
}

static void preserve_columns(void **state)
{
    abg_model *m = model_from(
        "[allocation]\npot = 100\nround_to = 1\ncomponent_rounding = preserve\n"
        "[component a]\nmethod = proportional\nindicator = n\namount = 100\n"
        "[area A]\nn = 1\n[area B]\nn = 1\n[area C]\nn = 1\n");
    abg_result *r = compute(m);

    (void)state;
    assert_int_equal(r->column_sums[0], 10000);
    assert_int_equal(r->cells[0], 3334);
    assert_int_equal(r->cells[1], 3333);
    assert_int_equal(count(r, ABG_FINDING_COLUMN_SUM), 0);
    abg_result_free(r);
    abg_model_free(m);
}

/*
 * The independent check: totals and cells recomputed with 128-bit
 * integers over a common denominator, and the units handed out by
 * repeated selection of the largest remainder (earliest on ties) rather
 * than by sorting. Inputs are kept small enough that nothing overflows.
 */
#define MAX_AREAS 40
#define MAX_COMPONENTS 3

typedef struct {
    int n, nc;
    int64_t pot, unit, amount[MAX_COMPONENTS];
    bool even[MAX_COMPONENTS];
    int64_t w[MAX_AREAS][MAX_COMPONENTS];
} small_case;

static uint64_t rng_state;
static uint64_t rnd(uint64_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (rng_state >> 33) % n;
}

static void slow_exact(const small_case *k, int64_t *totals, int64_t *cells)
{
    __int128 W[MAX_COMPONENTS], D = 1, num[MAX_AREAS], rem[MAX_AREAS];
    int64_t floor_sum = 0, units;
    bool taken[MAX_AREAS] = {0};

    for (int c = 0; c < k->nc; c++) {
        W[c] = 0;
        for (int a = 0; a < k->n; a++)
            W[c] += k->even[c] ? 1 : k->w[a][c];
        D *= W[c];
    }
    for (int a = 0; a < k->n; a++) {
        num[a] = 0;
        for (int c = 0; c < k->nc; c++) {
            __int128 wa = k->even[c] ? 1 : k->w[a][c];
            num[a] += (__int128)k->amount[c] * wa * (D / W[c]);
            cells[a * k->nc + c] =
                (int64_t)((2 * k->amount[c] * wa + W[c]) / (2 * W[c]));
        }
        totals[a] = (int64_t)(num[a] / (D * k->unit)) * k->unit;
        rem[a] = num[a] - (__int128)totals[a] * D;
        floor_sum += totals[a];
    }
    units = (k->pot - floor_sum) / k->unit;
    for (int64_t u = 0; u < units; u++) {
        int best = -1;
        for (int a = 0; a < k->n; a++)
            if (!taken[a] && (best < 0 || rem[a] > rem[best]))
                best = a;
        taken[best] = true;
        totals[best] += k->unit;
    }
}

static void random_against_independent(void **state)
{
    static const int64_t units[] = {1, 10, 100, 1000, 10000, 100000};
    char *text = malloc(1 << 16);
    size_t cases = 3000, with_ties = 0;

    (void)state;
    rng_state = 20101101;
    for (size_t i = 0; i < cases; i++) {
        small_case k = {0};
        int64_t totals[MAX_AREAS], cells[MAX_AREAS * MAX_COMPONENTS];
        int64_t left, sum = 0;
        size_t used;
        abg_model *m;
        abg_result *r;

        k.n = 1 + (int)rnd(MAX_AREAS);
        k.nc = 1 + (int)rnd(MAX_COMPONENTS);
        k.unit = units[rnd(6)];
        k.pot = k.unit * (int64_t)(1 + rnd(100000000 / (uint64_t)k.unit));
        left = k.pot;
        for (int c = 0; c < k.nc; c++) {
            k.even[c] = rnd(3) == 0;
            k.amount[c] = c + 1 == k.nc ? left : (int64_t)rnd((uint64_t)left + 1);
            left -= k.amount[c];
            for (int a = 0; a < k.n; a++)
                /* Copying an earlier area forces exactly equal remainders. */
                k.w[a][c] = a > 0 && rnd(4) == 0 ? k.w[rnd((uint64_t)a)][c]
                                                  : (int64_t)rnd(1001);
            k.w[rnd((uint64_t)k.n)][c] += 1; /* never all zero */
        }
        used = (size_t)sprintf(text, "[allocation]\npot = %lld.%02lld\n"
                               "round_to = %lld.%02lld\n",
                               (long long)(k.pot / 100), (long long)(k.pot % 100),
                               (long long)(k.unit / 100), (long long)(k.unit % 100));
        for (int c = 0; c < k.nc; c++)
            used += (size_t)sprintf(
                text + used,
                "[component c%d]\nmethod = %s\n%s%s\namount = %lld.%02lld\n",
                c, k.even[c] ? "even" : "proportional",
                k.even[c] ? "" : "indicator = i", k.even[c] ? "" : (char[]){(char)('0' + c), 0},
                (long long)(k.amount[c] / 100), (long long)(k.amount[c] % 100));
        for (int a = 0; a < k.n; a++) {
            used += (size_t)sprintf(text + used, "[area a%d]\n", a);
            for (int c = 0; c < k.nc; c++)
                if (!k.even[c])
                    used += (size_t)sprintf(text + used, "i%d = %lld\n", c,
                                            (long long)k.w[a][c]);
        }
        m = model_from(text);
        r = compute(m);
        slow_exact(&k, totals, cells);
        for (int a = 0; a < k.n; a++) {
            if (r->areas[a].total != totals[a])
                fail_msg("case %zu area %d: total %lld, independent %lld\n%s",
                         i, a, (long long)r->areas[a].total,
                         (long long)totals[a], text);
            /* Within one unit of the exact quota: floor <= total <= floor+unit. */
            assert_true(r->areas[a].total - r->areas[a].floor == 0 ||
                        r->areas[a].total - r->areas[a].floor == k.unit);
            for (int c = 0; c < k.nc; c++)
                assert_int_equal(r->cells[a * k.nc + c], cells[a * k.nc + c]);
            sum += r->areas[a].total;
        }
        assert_int_equal(sum, k.pot);
        with_ties += count(r, ABG_FINDING_TIE) > 0;
        abg_result_free(r);
        abg_model_free(m);
    }
    /* The generator must really produce ties, or the tie rule is untested. */
    print_message("%zu random allocations, %zu with a deciding tie\n", cases,
                  with_ties);
    assert_true(with_ties > 50);
    free(text);
}

/* Three areas weighted by a derived rate, mean(c1, c2) / population *
 * 1000: worked independently with Python fractions, the rates are
 * 2234/185, 16 and 10, A's crime quota 11,170,000/587 pence, the totals
 * 56,990,000/1,761, 67,880,000/1,761 and 51,230,000/1,761 pence, and C's
 * remainder is the largest, so C takes the penny the floors leave. */
static const char DERIVED[] =
    "[allocation]\ntitle = T\npot = 1000\n"
    "[component base]\nmethod = even\namount = 400\n"
    "[component crime]\nmethod = proportional\nindicator = crime_rate\n"
    "amount = rest\n"
    "[indicator crime_rate]\n"
    "formula = mean(c1, c2) / population * 1000\n"
    "[area A]\npopulation = 92500\nc1 = 1234\nc2 = 1000\n"
    "[area B]\npopulation = 50000\nc1 = 900\nc2 = 700\n"
    "[area C]\npopulation = 30000\nc1 = 100\nc2 = 500\n";

static void derived_rate_weights(void **state)
{
    abg_model *m = model_from(DERIVED);
    abg_result *r = compute(m);
    char buf[64];

    (void)state;
    assert_true(abg_model_is_derived(m, m->components[1].indicator));
    assert_false(m->derived[m->components[1].indicator].exact);
    assert_string_equal(m->derived[m->components[1].indicator].fraction[0],
                        "2234/185");
    assert_string_equal(m->derived[m->components[1].indicator].fraction[1],
                        "16");
    abg_result_exact(r, ABG_EXACT_QUOTA, 0, 1, -1, buf, sizeof buf);
    assert_string_equal(buf, "111700/587");
    abg_result_exact(r, ABG_EXACT_INDICATOR_TOTAL, 0, 1, -1, buf,
                     sizeof buf);
    assert_string_equal(buf, "7044/185");
    abg_result_exact(r, ABG_EXACT_TOTAL, 2, 0, -1, buf, sizeof buf);
    assert_string_equal(buf, "512300/1761");
    assert_int_equal(r->cells[0 * 2 + 1], 19029);
    assert_int_equal(r->cells[1 * 2 + 1], 25213);
    assert_int_equal(r->cells[2 * 2 + 1], 15758);
    assert_int_equal(r->areas[0].total, 32362);
    assert_int_equal(r->areas[1].total, 38546);
    assert_int_equal(r->areas[2].total, 29092);
    abg_result_free(r);
    abg_model_free(m);
}

/* A derived indicator whose values are all short decimals (a mean of two
 * counts) stays on the fast path and gives what the same values typed
 * in give. */
static void derived_decimals_match_typed(void **state)
{
    abg_model *derived = model_from(
        "[allocation]\ntitle = T\npot = 1000\n"
        "[component crime]\nmethod = proportional\nindicator = crime\n"
        "amount = 1000\n"
        "[indicator crime]\nformula = mean(c1, c2)\n"
        "[area A]\nc1 = 1234\nc2 = 1001\n"
        "[area B]\nc1 = 900\nc2 = 703\n"
        "[area C]\nc1 = 100\nc2 = 500\n");
    abg_model *typed = model_from(
        "[allocation]\ntitle = T\npot = 1000\n"
        "[component crime]\nmethod = proportional\nindicator = crime\n"
        "amount = 1000\n"
        "[area A]\ncrime = 1117.5\n[area B]\ncrime = 801.5\n"
        "[area C]\ncrime = 300\n");
    abg_result *a = compute(derived), *b = compute(typed);

    (void)state;
    assert_true(derived->derived[0].exact);
    assert_int_equal(derived->areas[0].values[0].units, 11175);
    assert_int_equal(derived->areas[0].values[0].scale, 1);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(a->areas[i].total, b->areas[i].total);
    /* 100,000 * 1117.5 / 2219 = 50,360.52... pence; C's .60 is the
     * largest remainder and takes the one penny left (13,520). */
    assert_int_equal(a->areas[0].total, 50360);
    assert_int_equal(a->areas[2].total, 13520);
    abg_result_free(a);
    abg_result_free(b);
    abg_model_free(derived);
    abg_model_free(typed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leicestershire_2010_11),
        cmocka_unit_test(rounding_penny_tie),
        cmocka_unit_test(rounding_pound_and_thousand),
        cmocka_unit_test(ties_refuse_is_an_error),
        cmocka_unit_test(pot_divides_exactly),
        cmocka_unit_test(one_area),
        cmocka_unit_test(many_areas),
        cmocka_unit_test(component_forms),
        cmocka_unit_test(overflow_is_refused),
        cmocka_unit_test(sums_must_match_pot),
        cmocka_unit_test(huge_values_exact),
        cmocka_unit_test(tie_across_denominators),
        cmocka_unit_test(preserve_columns),
        cmocka_unit_test(random_against_independent),
        cmocka_unit_test(derived_rate_weights),
        cmocka_unit_test(derived_decimals_match_typed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
