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

#include "abg/abg.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bom_crlf_and_indents_work),
        cmocka_unit_test(long_area_names_are_whole),
        cmocka_unit_test(long_line_is_refused),
        cmocka_unit_test(errors_name_their_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
