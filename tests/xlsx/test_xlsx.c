/*
 * test_xlsx.c - the workbook writer's contract outside the spreadsheet:
 * reproducible bytes, SOURCE_DATE_EPOCH, and errors as diagnostics.
 *
 * SPDX-License-Identifier: MIT
 *
 * What the workbook computes is proven in LibreOffice by
 * check_workbook.py; this covers what a recalculation cannot see.
 * ABG_SOURCE_DIR is the repository root.
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
#include "abg/xlsx.h"

/* A loaded and computed allocation. */
typedef struct fixture {
    abg_model *model;
    abg_result *result;
    char dir[64];
} fixture;

/* Loads FILE (relative to the repository) and computes it. */
static fixture *load(const char *file)
{
    fixture *fx = calloc(1, sizeof *fx);
    char path[1024];
    abg_diag diag = {0};

    assert_non_null(fx);
    snprintf(path, sizeof path, "%s/%s", ABG_SOURCE_DIR, file);
    assert_int_equal(abg_model_load(&fx->model, path, &diag), ABG_OK);
    assert_int_equal(abg_alloc_compute(&fx->result, fx->model, &diag), ABG_OK);
    strcpy(fx->dir, "/tmp/abg-xlsx-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    return fx;
}

/* Removes the fixture's files and frees it. */
static void unload(fixture *fx, const char *const *names, size_t n)
{
    char path[128];

    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", fx->dir, names[i]);
        unlink(path);
    }
    rmdir(fx->dir);
    abg_result_free(fx->result);
    abg_model_free(fx->model);
    free(fx);
}

/* Writes the workbook to DIR/name; returns the error. */
static abg_error write_book(fixture *fx, const char *name, abg_diag *diag)
{
    char path[128];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    return abg_xlsx_write(path, fx->model, fx->result, diag);
}

/* The whole of DIR/name; *size gets its length (caller frees). */
static char *slurp(const fixture *fx, const char *name, long *size)
{
    char path[128], *buf;
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    rewind(f);
    buf = malloc((size_t)*size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)*size, f), (size_t)*size);
    fclose(f);
    return buf;
}

/* True when two files of the fixture hold the same bytes. */
static bool same_bytes(const fixture *fx, const char *a, const char *b)
{
    long na = 0, nb = 0;
    char *x = slurp(fx, a, &na), *y = slurp(fx, b, &nb);
    bool same = x && y && na == nb && memcmp(x, y, (size_t)na) == 0;

    free(x);
    free(y);
    return same;
}

static void reproducible(void **state)
{
    static const char *const names[] = {"a.xlsx", "b.xlsx"};
    fixture *fx = load("allocations/leicestershire-abg-2010-11.ini");
    abg_diag diag = {0};
    long size = 0;
    char *bytes;

    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(write_book(fx, "a.xlsx", &diag), ABG_OK);
    assert_int_equal(write_book(fx, "b.xlsx", &diag), ABG_OK);
    assert_true(same_bytes(fx, "a.xlsx", "b.xlsx"));
    bytes = slurp(fx, "a.xlsx", &size);
    assert_non_null(bytes);
    assert_true(size > 4096);
    assert_memory_equal(bytes, "PK\x03\x04", 4); /* a zip, as xlsx is */
    free(bytes);
    unload(fx, names, 2);
}

static void source_date_epoch(void **state)
{
    static const char *const names[] = {"date.xlsx", "e1.xlsx", "e2.xlsx",
                                        "bad.xlsx"};
    static const char *const bad[] = {"12x", "-5", " 7", "1e9",
                                      "99999999999999999999999"};
    fixture *fx = load("allocations/leicestershire-abg-2010-11.ini");
    abg_diag diag = {0};
    long size;

    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(write_book(fx, "date.xlsx", &diag), ABG_OK);
    setenv("SOURCE_DATE_EPOCH", "1270080000", 1); /* 2010-04-01 */
    assert_int_equal(write_book(fx, "e1.xlsx", &diag), ABG_OK);
    /* The model's date is 2010-04-01: midnight UTC is that epoch. */
    assert_true(same_bytes(fx, "date.xlsx", "e1.xlsx"));
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    assert_int_equal(write_book(fx, "e2.xlsx", &diag), ABG_OK);
    assert_false(same_bytes(fx, "e1.xlsx", "e2.xlsx"));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        abg_diag d = {0};
        setenv("SOURCE_DATE_EPOCH", bad[i], 1);
        assert_int_equal(write_book(fx, "bad.xlsx", &d), ABG_ERROR_VALUE);
        assert_string_equal(d.file, "SOURCE_DATE_EPOCH");
        assert_non_null(strstr(d.message, "is not a number of seconds"));
        assert_null(slurp(fx, "bad.xlsx", &size)); /* nothing written */
    }
    unsetenv("SOURCE_DATE_EPOCH");
    unload(fx, names, 4);
}

static void unwritable(void **state)
{
    fixture *fx = load("allocations/leicestershire-abg-2010-11.ini");
    abg_diag diag = {0};
    const char *path = "/nonexistent-abg-dir/x.xlsx";

    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(abg_xlsx_write(path, fx->model, fx->result, &diag),
                     ABG_ERROR_WRITE);
    assert_string_equal(diag.file, path);
    assert_non_null(strstr(diag.message, "cannot write the workbook: "));
    unload(fx, NULL, 0);
}

/* More areas than a worksheet has rows for: refused before anything is
 * written, saying what to do instead. The check comes first, so the
 * model's area count alone is raised for it. */
static void too_many_rows(void **state)
{
    fixture *fx = load("examples/tie.ini");
    abg_diag diag = {0};
    char path[128];
    size_t n = fx->model->n_areas;

    (void)state;
    snprintf(path, sizeof path, "%s/big.xlsx", fx->dir);
    fx->model->n_areas = 1048576 - 100 + 1;
    assert_int_equal(abg_xlsx_write(path, fx->model, fx->result, &diag),
                     ABG_ERROR_VALUE);
    fx->model->n_areas = n;
    assert_string_equal(diag.message,
                        "a workbook cannot hold 1048477 areas: a worksheet "
                        "has at most 1,048,576 rows (Excel's limit), and "
                        "100 of them go to headings and totals");
    assert_string_equal(diag.hint,
                        "split the areas into several files (by region, "
                        "say), or write the figures with --csv or --json "
                        "instead of a workbook");
    assert_int_equal(access(path, F_OK), -1);
    unload(fx, NULL, 0);
}

/* Formula-like names, colliding component names, a currency without a
 * symbol and penny totals all make a workbook. */
static void odd_names(void **state)
{
    static const char *const names[] = {"odd.xlsx", "odd2.xlsx"};
    fixture *fx = load("tests/xlsx/odd-names.ini");
    abg_diag diag = {0};

    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(write_book(fx, "odd.xlsx", &diag), ABG_OK);
    assert_int_equal(write_book(fx, "odd2.xlsx", &diag), ABG_OK);
    assert_true(same_bytes(fx, "odd.xlsx", "odd2.xlsx"));
    unload(fx, names, 2);
}

/* Writes an allocation of n areas (A00001 ..., need 1 + i * 7919 mod
 * 100,003) to path. */
static void write_areas_ini(const char *path, size_t n)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fprintf(f,
            "[allocation]\ntitle = National\npot = 100000000\n"
            "round_to = 1\n\n[component base]\nmethod = even\n"
            "amount = 40000000\n\n[component need]\nmethod = "
            "proportional\nindicator = need\namount = 60000000\n\n");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "[area A%05zu]\nneed = %zu\n", i + 1,
                1 + i * 7919 % 100003);
    assert_int_equal(fclose(f), 0);
}

/* The text of member `part` of DIR/name (caller frees); NULL when the
 * workbook has no such member. */
static char *member(const fixture *fx, const char *name, const char *part)
{
    char cmd[256];
    size_t used = 0, cap = 1 << 16, n;
    char *buf = malloc(cap);
    FILE *p;

    assert_non_null(buf);
    snprintf(cmd, sizeof cmd, "unzip -p %s/%s %s 2>/dev/null", fx->dir, name,
             part);
    p = popen(cmd, "r");
    assert_non_null(p);
    while ((n = fread(buf + used, 1, cap - used - 1, p)) > 0) {
        used += n;
        if (cap - used < 4096) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[used] = '\0';
    if (pclose(p) != 0 || used == 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* True when the rows of a worksheet's XML are numbered strictly upwards
 * (constant memory writes them in order, or fails). */
static bool rows_in_order(const char *xml)
{
    long last = 0;

    for (const char *p = strstr(xml, "<row r=\""); p;
         p = strstr(p + 1, "<row r=\"")) {
        long r = strtol(p + 8, NULL, 10);
        if (r <= last)
            return false;
        last = r;
    }
    return last > 0;
}

/* From ABG_XLSX_CONSTANT_MEMORY_AREAS (10,000) areas the workbook is
 * written in constant memory: every sheet complete and in row order,
 * strings inline, the same bytes twice; and past 200 areas the chart
 * draws the 20 largest totals, from a table on its sheet. Below the
 * threshold a workbook keeps its shared strings. */
static void constant_memory(void **state)
{
    static const char *const names[] = {"national.ini", "n1.xlsx", "n2.xlsx"};
    static const char *const sheets[] = {
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml",
        "xl/worksheets/sheet5.xml"};
    fixture *small = load("examples/tie.ini"), *fx;
    abg_diag diag = {0};
    char path[128], want[128], *xml, *strings;
    size_t best = 0;

    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    /* A small workbook: shared strings, its chart of every area. */
    assert_int_equal(write_book(small, "s.xlsx", &diag), ABG_OK);
    strings = member(small, "s.xlsx", "xl/sharedStrings.xml");
    assert_non_null(strings);
    free(strings);
    xml = member(small, "s.xlsx", "xl/charts/chart1.xml");
    assert_non_null(xml);
    assert_non_null(strstr(xml, "Allocation!$A$6:$A$9"));
    free(xml);
    {
        static const char *const s_names[] = {"s.xlsx"};
        unload(small, s_names, 1);
    }

    fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    strcpy(fx->dir, "/tmp/abg-xlsx-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(path, sizeof path, "%s/national.ini", fx->dir);
    write_areas_ini(path, 12000);
    assert_int_equal(abg_model_load(&fx->model, path, &diag), ABG_OK);
    assert_int_equal(abg_alloc_compute(&fx->result, fx->model, &diag), ABG_OK);
    assert_int_equal(write_book(fx, "n1.xlsx", &diag), ABG_OK);
    assert_int_equal(write_book(fx, "n2.xlsx", &diag), ABG_OK);
    assert_true(same_bytes(fx, "n1.xlsx", "n2.xlsx"));
    assert_null(member(fx, "n1.xlsx", "xl/sharedStrings.xml"));
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        xml = member(fx, "n1.xlsx", sheets[i]);
        assert_non_null(xml);
        assert_true(rows_in_order(xml));
        assert_non_null(strstr(xml, "t=\"inlineStr\""));
        free(xml);
    }
    /* The Rounding sheet's last area and its totals row are there. */
    xml = member(fx, "n1.xlsx", "xl/worksheets/sheet3.xml");
    assert_non_null(strstr(xml, "<is><t>A12000</t></is>"));
    free(xml);
    /* The chart: the 20 largest totals, from the Chart sheet's table,
     * the largest first (the earlier area of equal ones). */
    xml = member(fx, "n1.xlsx", "xl/charts/chart1.xml");
    assert_non_null(xml);
    assert_non_null(
        strstr(xml, "The 20 areas with the largest totals (of 12000)"));
    assert_non_null(strstr(xml, "Chart!$A$4:$A$23"));
    assert_null(strstr(xml, "Allocation!$A$"));
    free(xml);
    for (size_t a = 1; a < fx->model->n_areas; a++)
        if (fx->result->areas[a].total > fx->result->areas[best].total)
            best = a;
    xml = member(fx, "n1.xlsx", "xl/worksheets/sheet5.xml");
    assert_non_null(xml);
    snprintf(want, sizeof want, "<c r=\"A4\"");
    assert_non_null(strstr(xml, want));
    snprintf(want, sizeof want, "<f>Allocation!A%zu</f><v>%s</v>", best + 6,
             fx->model->areas[best].name);
    assert_non_null(strstr(xml, want));
    free(xml);
    unload(fx, names, 3);
}

/* Replaces *field (owned by the model) with a copy of text. */
static void replace(char **field, const char *text)
{
    free(*field);
    *field = strdup(text);
    assert_non_null(*field);
}

/* A model given by a library caller, with control bytes and a cut
 * character in its texts (the INI reader refuses them; the writer must
 * not depend on that): the workbook's XML holds U+FFFD for each bad byte
 * and no byte XML refuses. */
static void control_bytes(void **state)
{
    static const char *const names[] = {"ctl.xlsx"};
    fixture *fx = load("examples/starter.ini");
    abg_diag diag = {0};
    char cmd[256], buf[4096];
    size_t n, bad = 0, marks = 0;
    FILE *p;

    (void)state;
    replace(&fx->model->title, "Bell\a and \x1B]0;title\x07 esc");
    replace(&fx->model->areas[0].name, "Cut \xF0\x9F\x98");
    assert_int_equal(write_book(fx, "ctl.xlsx", &diag), ABG_OK);
    snprintf(cmd, sizeof cmd,
             "unzip -p %s/ctl.xlsx xl/sharedStrings.xml "
             "docProps/core.xml",
             fx->dir);
    p = popen(cmd, "r");
    assert_non_null(p);
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            bad += c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            marks += i + 2 < n && memcmp(buf + i, "\xEF\xBF\xBD", 3) == 0;
        }
    assert_int_equal(pclose(p), 0);
    assert_int_equal(bad, 0);
    /* BEL, ESC and BEL in the title (twice: sheet text and properties),
     * and the three bytes of the cut emoji. */
    assert_true(marks >= 6);
    unload(fx, names, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reproducible),    cmocka_unit_test(source_date_epoch),
        cmocka_unit_test(unwritable),      cmocka_unit_test(too_many_rows),
        cmocka_unit_test(odd_names),       cmocka_unit_test(control_bytes),
        cmocka_unit_test(constant_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
