/*
 * test_config.c - reading INI text: what must work (BOM, CRLF, indents,
 * long names) and what must be refused with the right line.
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

#include <unistd.h>

#include "abg/abg.h"
#include "abg/name.h"

#define BASE                                                                \
    "[allocation]\r\npot = 300\r\n"                                         \
    "[component even]\r\nmethod = even\r\namount = 100\r\n"                 \
    "[component w]\r\nmethod = proportional\r\nindicator = pop\r\n"         \
    "amount = \xC2\xA3" "200.00\r\n"

static abg_error load(abg_model **out, const char *text, size_t len,
                      abg_diag *diag)
{
    abg_config *config = NULL;
    abg_error err = abg_config_load_text(&config, "t.ini", text, len, diag);

    *out = NULL;
    if (!err)
        err = abg_config_build(out, config, diag);
    abg_config_free(config);
    return err;
}

static void bom_crlf_and_indents_work(void **state)
{
    static const char text[] = "\xEF\xBB\xBF" BASE
                               "[area Hinckley & Bosworth]\r\n"
                               "    pop = 1,000\r\n"
                               "\tpublished = 100\r\n"
                               "[area B]\r\npop = 3000 ; a comment\r\n";
    abg_model *m;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(load(&m, text, sizeof text - 1, &diag), ABG_OK);
    assert_int_equal(m->n_areas, 2);
    assert_string_equal(m->areas[0].name, "Hinckley & Bosworth");
    assert_int_equal(m->areas[0].values[0].units, 1000);
    assert_true(m->areas[0].has_published);
    assert_int_equal(m->areas[0].published, 10000);
    assert_int_equal(m->areas[1].values[0].units, 3000);
    assert_int_equal(m->components[1].amount, 20000);
    abg_model_free(m);
}

/* inih keeps only 49 characters of a section name; ours keeps them all. */
static void long_area_names_are_whole(void **state)
{
    static const char text[] =
        BASE "[area A partnership whose name is longer than forty-nine "
             "characters in all]\npop = 1\n";
    abg_model *m;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(load(&m, text, sizeof text - 1, &diag), ABG_OK);
    assert_string_equal(m->areas[0].name,
                        "A partnership whose name is longer than forty-nine "
                        "characters in all");
    abg_model_free(m);
}

static void long_line_is_refused(void **state)
{
    char text[1024];
    abg_model *m;
    abg_diag diag = {0};
    int n = snprintf(text, sizeof text, "%s[area A]\npop = 1\nnote = ", BASE);

    (void)state;
    /* 197 bytes fit; 198 do not, and nothing is cut silently. */
    memset(text + n, 'x', 190);
    text[n + 190] = '\0';
    strcat(text, "\n");
    assert_int_equal(load(&m, text, strlen(text), &diag), ABG_ERROR_VALUE);
    assert_string_equal(diag.message, "unknown key \"note\" in [area A]: "
                                      "no component uses it");
    memset(text + n, 'x', 191);
    text[n + 191] = '\0';
    strcat(text, "\n");
    memset(&diag, 0, sizeof diag);
    assert_int_equal(load(&m, text, strlen(text), &diag), ABG_ERROR_SYNTAX);
    assert_int_equal(diag.line, 12);
    assert_string_equal(diag.message, "line is 198 bytes long; the INI reader "
                                      "takes at most 197");
}

static void errors_name_their_line(void **state)
{
    static const struct {
        const char *text;
        int line;
        const char *message;
        const char *hint;
    } cases[] = {
        {BASE "[area A]\npop = 1\npop = 2\n", 12,
         "duplicate key \"pop\" in [area A], first at line 11", NULL},
        {BASE "[area A]\npopp = 1\n", 11,
         "unknown key \"popp\" in [area A]: no component uses it",
         "did you mean \"pop\"?"},
        {BASE "[area A]\npop = 1\n[aera B]\n", 12, "unknown section [aera B]",
         "did you mean \"area\"?"},
        {BASE "[area A]\npop = 1\n[area A]\npop = 2\n", 12,
         "duplicate section [area A], first at line 10", NULL},
        {BASE "[area A]\npop = 12,34\n", 11,
         "pop \"12,34\" has a comma that is not a thousands separator", NULL},
        {BASE "[area A]\n[area B]\npop = 1\n", 10,
         "area A has no indicator values", NULL},
        {"\xFF\xFE[\0a\0", 1, "the file is UTF-16, not UTF-8", NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        abg_model *m = NULL;
        abg_diag diag = {0};
        size_t len = i == 6 ? 6 : strlen(cases[i].text);
        assert_int_not_equal(load(&m, cases[i].text, len, &diag), ABG_OK);
        assert_null(m);
        assert_string_equal(diag.message, cases[i].message);
        assert_int_equal(diag.line, cases[i].line);
        if (cases[i].hint)
            assert_string_equal(diag.hint, cases[i].hint);
    }
}

/* One normalisation: spaces of every kind collapsed and trimmed, capitals
 * folded in Latin, Greek and Cyrillic. */
static void names_normalise(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  Blaby  ", "blaby"},
        {"North\t \tWest", "north west"},
        {"A\xC2\xA0", "a"},                                /* no-break space */
        {"A\xE2\x80\xAF" "B\xE3\x80\x80" "C", "a b c"},    /* U+202F, U+3000 */
        {"\xC3\x89" "COLE", "\xC3\xA9" "cole"},            /* ÉCOLE */
        {"\xC5\x81\xC3\x93" "D\xC5\xB9", "\xC5\x82\xC3\xB3" "d\xC5\xBA"}, /* ŁÓDŹ */
        {"\xC5\xB8", "\xC3\xBF"},                          /* Ÿ */
        {"\xCE\xA3\xCE\x86", "\xCF\x83\xCE\xAC"},          /* ΣΆ */
        {"\xD0\x81\xD0\x96", "\xD1\x91\xD0\xB6"},          /* ЁЖ */
        {"Stra\xC3\x9F" "e", "stra\xC3\x9F" "e"},          /* ß kept */
        {"\xE2\x80\x83", ""},                              /* only a space */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        size_t n = abg_name_normalise(out, sizeof out, cases[i].in);
        assert_string_equal(out, cases[i].out);
        assert_int_equal(n, strlen(cases[i].out));
    }
    assert_true(abg_name_equal("\xC3\xA9" "cole", "\xC3\x89" "COLE"));
    assert_false(abg_name_equal("Blaby", "Blaby North"));
}

/* The table finds a name however it is spaced or capitalised, within its
 * scope only, and keeps the first value. */
static void names_table(void **state)
{
    abg_names *t = abg_names_new();
    size_t v = 0;
    char name[32];

    (void)state;
    assert_non_null(t);
    for (size_t i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "Area %zu", i);
        assert_int_equal(abg_names_add(&v, t, 7, name, i), ABG_OK);
        assert_int_equal(v, i);
    }
    assert_int_equal(abg_names_add(&v, t, 7, "  AREA   42 ", 99), ABG_OK);
    assert_int_equal(v, 42);
    assert_true(abg_names_find(&v, t, 7, "area 9999"));
    assert_int_equal(v, 9999);
    assert_false(abg_names_find(&v, t, 8, "area 9999"));
    assert_false(abg_names_find(&v, t, 7, "area 10000"));
    assert_int_equal(abg_names_set(t, 7, "AREA 5", 55), ABG_OK);
    assert_true(abg_names_find(&v, t, 7, "area 5"));
    assert_int_equal(v, 55);
    abg_names_free(t);
    abg_names_free(NULL);
}

/* Scenarios, --set paths and explain find names as the file writes them
 * or otherwise spaced and capitalised. */
static void lookups_normalise(void **state)
{
    static const char text[] = BASE "[area Blaby]\npop = 1000\n"
                               "[area \xC3\x89" "cole]\npop = 3000\n"
                               "[scenario Cut Ten]\npot = 270\n"
                               "component.even.amount = 70\n";
    abg_config *base = NULL, *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(abg_config_load_text(&base, "t.ini", text,
                                          sizeof text - 1, &diag), ABG_OK);
    assert_int_equal(abg_config_scenario(&c, base, "  cut TEN", &diag),
                     ABG_OK);
    assert_int_equal(abg_config_set(c, "area.\xC3\xA9" "COLE.pop", "5000", 0,
                                    &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_string_equal(m->scenario, "Cut Ten");
    assert_int_equal(m->pot, 27000);
    assert_int_equal(m->areas[1].values[0].units, 5000);
    assert_int_equal(abg_model_find_area(m, "\xC3\xA9" "COLE "), 1);
    assert_int_equal(abg_model_find_area(m, "BLABY"), 0);
    assert_int_equal(abg_model_find_area(m, "Melton"), -1);
    abg_model_free(m);
    abg_config_free(c);
    abg_config_free(base);
}

/* A size given by a change replaces the old one, and the old one comes
 * back when changed again: amount -> share -> amount. */
static void size_keys_swap(void **state)
{
    static const char text[] = BASE "[area A]\npop = 1\n";
    abg_config *base = NULL, *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(abg_config_load_text(&base, "t.ini", text,
                                          sizeof text - 1, &diag), ABG_OK);
    assert_int_equal(abg_config_copy(&c, base), ABG_OK);
    assert_int_equal(abg_config_set(c, "component.even.share", "50%", 0,
                                    &diag), ABG_OK);
    assert_int_equal(abg_config_set(c, "component.w.amount", "rest", 0,
                                    &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->components[0].amount, 15000);
    abg_model_free(m);
    assert_int_equal(abg_config_set(c, "component.even.amount", "120", 0,
                                    &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->components[0].amount, 12000);
    assert_int_equal(m->components[1].amount, 18000);
    abg_model_free(m);
    abg_config_free(c);
    abg_config_free(base);
}

/* 128.450 among whole numbers is refused as a likely separator, unless
 * [indicator] says the values have three decimals. */
static void thousands_full_stop(void **state)
{
    static const char refused[] = BASE "[area A]\npop = 1000\n"
                                  "[area B]\npop = 128.450\n";
    static const char meant[] = BASE "[indicator pop]\ndecimals = 3\n"
                                "[area A]\npop = 1000\n"
                                "[area B]\npop = 128.450\n";
    static const char real[] = BASE "[area A]\npop = 12.5\n"
                               "[area B]\npop = 128.450\n[area C]\npop = 7\n";
    static const char fraction[] = BASE "[area A]\npop = 1000\n"
                                   "[area B]\npop = 0.125\n";
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(load(&m, refused, sizeof refused - 1, &diag),
                     ABG_ERROR_VALUE);
    assert_int_equal(diag.line, 13);
    assert_string_equal(diag.message, "pop \"128.450\" looks like 128,450 "
                        "with a full stop for the thousands separator: "
                        "every other pop is a whole number");
    assert_int_equal(load(&m, meant, sizeof meant - 1, &diag), ABG_OK);
    assert_int_equal(m->areas[1].values[0].units, 128450);
    assert_int_equal(m->areas[1].values[0].scale, 3);
    abg_model_free(m);
    assert_int_equal(load(&m, real, sizeof real - 1, &diag), ABG_OK);
    abg_model_free(m);
    assert_int_equal(load(&m, fraction, sizeof fraction - 1, &diag), ABG_OK);
    assert_int_equal(m->areas[1].values[0].units, 125);
    abg_model_free(m);
}

/* A file larger than ABG_CONFIG_MAX_SIZE is refused before it is read. */
static void large_file_is_refused(void **state)
{
    char path[] = "/tmp/abg-test-large-XXXXXX";
    int fd = mkstemp(path);
    abg_config *c = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)ABG_CONFIG_MAX_SIZE + 1), 0);
    close(fd);
    assert_int_equal(abg_config_load(&c, path, &diag), ABG_ERROR_VALUE);
    assert_null(c);
    assert_string_equal(diag.message, "the file is larger than 256 MiB");
    unlink(path);
}

/* A section with more keys than a scan serves (ABG_SMALL_SECTION) still
 * finds duplicates, and a change still replaces its key. */
static void long_sections(void **state)
{
    static const char dup[] = "[allocation]\ntitle = T\nsource = S\n"
                              "currency = GBP\npot = 300\nround_to = 1\n"
                              "ties = refuse\ncomponent_rounding = nearest\n"
                              "published = 300\ndate = 2011-04-01\n"
                              "Round_To = 10\n";
    static const char text[] = "[allocation]\ntitle = T\nsource = S\n"
                               "currency = GBP\nround_to = 1\n"
                               "ties = refuse\ncomponent_rounding = nearest\n"
                               "published = 300\ndate = 2011-04-01\n"
                               "pot = 300\n"
                               "[component even]\nmethod = even\n"
                               "amount = rest\n[area A]\n[area B]\n";
    abg_config *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(abg_config_load_text(&c, "t.ini", dup, sizeof dup - 1,
                                          &diag), ABG_ERROR_VALUE);
    assert_int_equal(diag.line, 11);
    assert_string_equal(diag.message, "duplicate key \"Round_To\" in "
                        "[allocation]: the same as \"round_to\" at line 6 "
                        "once capitals and spaces are ignored");
    memset(&diag, 0, sizeof diag);
    assert_int_equal(abg_config_load_text(&c, "t.ini", text,
                                          sizeof text - 1, &diag), ABG_OK);
    assert_int_equal(abg_config_set(c, "pot", "500", 0, &diag), ABG_OK);
    assert_int_equal(abg_config_set(c, "published", "500", 0, &diag),
                     ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->pot, 50000);
    assert_int_equal(m->published, 50000);
    abg_model_free(m);
    abg_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bom_crlf_and_indents_work),
        cmocka_unit_test(long_area_names_are_whole),
        cmocka_unit_test(long_line_is_refused),
        cmocka_unit_test(errors_name_their_line),
        cmocka_unit_test(names_normalise),
        cmocka_unit_test(names_table),
        cmocka_unit_test(lookups_normalise),
        cmocka_unit_test(size_keys_swap),
        cmocka_unit_test(thousands_full_stop),
        cmocka_unit_test(large_file_is_refused),
        cmocka_unit_test(long_sections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
