/*
 * test_output.c - CSV quoting and formula neutralising, JSON escapes, and
 * outputs that replace a file only when complete.
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
#include <unistd.h>

#include <cmocka.h>

#include "abg/abg.h"
#include "../../src/text.h"

/* Writes through fn into memory and returns the text (caller frees). */
static char *capture_field(const char *field)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    abg_text_csv_cell(f, 0, field);
    fclose(f);
    return buf;
}

/* As capture_field, through the buffered writer (text_out.h). */
static char *capture_buffered(const char *field)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    abg_text_out o = {.out = f};

    abg_text_out_csv_cell(&o, 0, field);
    assert_true(abg_text_out_finish(&o));
    fclose(f);
    return buf;
}

static void csv_fields(void **state)
{
    static const char *const cases[][2] = {
        {"Blaby", "Blaby"},
        {"Hinckley & Bosworth", "Hinckley & Bosworth"},
        {"Oadby, Wigston", "\"Oadby, Wigston\""},
        {"The \"Vale\"", "\"The \"\"Vale\"\"\""},
        {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
        {"+44", "'+44"},
        {"-1+2", "'-1+2"},
        {"-", "'-"},
        {"-1.", "'-1."},
        {"-.5", "'-.5"},
        {"-12.50", "-12.50"},
        {"-1", "-1"},
        {"\rCR", "\"'\rCR\""},
        {"x,=cmd|' /C calc'!A0,_change", "\"x,=cmd|' /C calc'!A0,_change\""},
        {"=cmd,x", "\"'=cmd,x\""},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tTab", "'\tTab"},
        {"", ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = capture_field(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
        /* The buffered writer writes the very same bytes. */
        got = capture_buffered(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

/* A cell after the first takes a comma; money is a plain number, even
 * when negative (no quote, no neutralising). */
static void csv_row(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    (void)state;
    abg_text_csv_cell(f, 0, "area");
    abg_text_csv_cell(f, 1, "@x_change");
    abg_text_csv_money(f, 2, -500);
    abg_text_csv_money(f, 3, 1371112);
    abg_text_csv_end(f);
    fclose(f);
    assert_string_equal(buf, "area,'@x_change,-5.00,13711.12\n");
    free(buf);
}

/* The buffered writer against the unbuffered one over a row of every
 * kind of cell, many times over, so that it crosses its block size. */
static void csv_buffered_rows(void **state)
{
    static const char *const names[] = {
        "Blaby", "Oadby, Wigston", "The \"Vale\"", "=cmd", "-12.50", ""};
    static const int64_t figures[] = {0,    -1,      7,         100,
                                      -500, 1371112, INT64_MAX, INT64_MIN};
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    FILE *fa = open_memstream(&a, &la), *fb = open_memstream(&b, &lb);
    abg_text_out o = {.out = fb};
    size_t rows = 0;

    (void)state;
    for (size_t k = 0; k < 20000; k++) {
        size_t col = 0;
        const char *name = names[k % (sizeof names / sizeof names[0])];
        abg_text_csv_cell(fa, col, name);
        abg_text_out_csv_cell(&o, col++, name);
        for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
            int64_t v = figures[i] == INT64_MIN || figures[i] == INT64_MAX
                ? figures[i]
                : figures[i] * (int64_t)(k + 1);
            abg_text_csv_money(fa, col, v);
            abg_text_out_csv_money(&o, col++, v);
        }
        abg_text_csv_end(fa);
        abg_text_out_char(&o, '\n');
        rows++;
    }
    assert_true(abg_text_out_finish(&o));
    fclose(fa);
    fclose(fb);
    assert_true(la > 2 * ABG_TEXT_OUT_BLOCK);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    assert_int_equal(rows, 20000);
    free(a);
    free(b);
}

/* JSON strings: the escapes RFC 8259 requires, and U+FFFD for bytes that
 * are not UTF-8 (JSON text must be). */
static void json_strings(void **state)
{
    static const char *const cases[][2] = {
        {"Zo\xC3\xAB \"q\" \\", "\"Zo\xC3\xAB \\\"q\\\" \\\\\""},
        {"a\nb\x1B", "\"a\\nb\\u001b\""},
        {"cut \xF0\x9F\x98", "\"cut \\ufffd\\ufffd\\ufffd\""},
        {"\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        abg_json_string(f, cases[i][0]);
        fclose(f);
        assert_string_equal(buf, cases[i][1]);
        free(buf);
    }
}

/* UTF-8 checks and cuts for the workbook: characters are never split,
 * and only what an XML part can hold passes. */
static void xml_text(void **state)
{
    static const char emoji[] = "ab\xF0\x9F\x98\x80";
    char *clean;

    (void)state;
    assert_int_equal(abg_text_char_bytes("\xC3\xA9"), 2);
    assert_int_equal(abg_text_char_bytes(emoji + 2), 4);
    assert_int_equal(abg_text_char_bytes("\xF0\x9F\x98"), 0); /* cut */
    assert_int_equal(abg_text_char_bytes("\xC0\xAF"), 0);     /* overlong */
    assert_int_equal(abg_text_char_bytes("\xED\xA0\x80"), 0); /* surrogate */
    assert_int_equal(abg_text_fit(emoji, 5), 2);
    assert_int_equal(abg_text_fit(emoji, 6), 6);
    assert_true(abg_text_xml_ok("Zo\xC3\xAB\tline\nx"));
    assert_false(abg_text_xml_ok("bell\a"));
    assert_false(abg_text_xml_ok("esc\x1B[2J"));
    assert_false(abg_text_xml_ok("\xEF\xBF\xBF")); /* U+FFFF */
    assert_false(abg_text_xml_ok("ab\xF0\x9F\x98"));
    clean = abg_text_xml_clean("a\a\xF0\x9F");
    assert_string_equal(clean, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    free(clean);
}

static void file_commit_and_abort(void **state)
{
    char dir[] = "/tmp/abg-test-XXXXXX", path[256], line[64];
    abg_file *f = NULL;
    abg_diag diag = {0};
    FILE *check;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.csv", dir);
    check = fopen(path, "w");
    fputs("old\n", check);
    fclose(check);

    /* Abandoned: the old file stays, no temporary file is left. */
    assert_int_equal(abg_file_open(&f, path, &diag), ABG_OK);
    fputs("half", abg_file_stream(f));
    abg_file_abort(f);
    check = fopen(path, "r");
    assert_non_null(fgets(line, sizeof line, check));
    fclose(check);
    assert_string_equal(line, "old\n");

    /* Committed: replaced whole. */
    assert_int_equal(abg_file_open(&f, path, &diag), ABG_OK);
    fputs("new\n", abg_file_stream(f));
    assert_int_equal(abg_file_commit(f, &diag), ABG_OK);
    check = fopen(path, "r");
    assert_non_null(fgets(line, sizeof line, check));
    fclose(check);
    assert_string_equal(line, "new\n");

    /* A directory or a missing folder is refused before anything is made. */
    assert_int_equal(abg_file_open(&f, dir, &diag), ABG_ERROR_WRITE);
    assert_string_equal(diag.message, "cannot write: it is a directory");
    memset(&diag, 0, sizeof diag);
    snprintf(path, sizeof path, "%s/missing/out.csv", dir);
    assert_int_equal(abg_file_open(&f, path, &diag), ABG_ERROR_WRITE);
    assert_string_equal(diag.message,
                        "cannot write: No such file or directory");
    snprintf(path, sizeof path, "rm -r %s", dir);
    assert_int_equal(system(path), 0);
}

/* /dev/full accepts the open and fails the write: the error must show. */
static void disk_full_is_reported(void **state)
{
    FILE *full = fopen("/dev/full", "w");
    abg_model *m = NULL;
    abg_result *r = NULL;
    abg_diag diag = {0};

    (void)state;
    if (!full)
        skip();
    assert_int_equal(
        abg_model_load(
            &m, ABG_SOURCE_DIR "/allocations/leicestershire-abg-2010-11.ini",
            &diag),
        ABG_OK);
    assert_int_equal(abg_alloc_compute(&r, m, &diag), ABG_OK);
    setvbuf(full, NULL, _IONBF, 0);
    assert_int_equal(abg_csv_write(full, m, r), ABG_ERROR_WRITE);
    assert_int_equal(abg_json_write(full, m, r), ABG_ERROR_WRITE);
    fclose(full);
    abg_result_free(r);
    abg_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_fields),
        cmocka_unit_test(csv_row),
        cmocka_unit_test(csv_buffered_rows),
        cmocka_unit_test(xml_text),
        cmocka_unit_test(json_strings),
        cmocka_unit_test(file_commit_and_abort),
        cmocka_unit_test(disk_full_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
