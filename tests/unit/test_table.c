/*
 * test_table.c - CSV files as spreadsheets write them (table_read.c) and
 * their expansion into areas (config_table.c): values, order, lines,
 * joins, overrides, --set by name and code, and the errors' lines.
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
#include "abg/table.h"

static void export_forms_are_read(void **state)
{
    /* A byte-order mark, CRLF, a quoted number with a thousands separator,
     * a quoted comma, a doubled quote, a cell over two lines, a blank line
     * and a row of empty cells (both skipped), spaces around a cell, and
     * no line ending at the end. */
    static const char text[] =
        "\xEF\xBB\xBF"
        "code,name,population,note\r\n"
        "E1,Blaby,\"92,500\",plain\r\n"
        "E2,\"Bristol, City of\",9305,\"the \"\"old\"\" figure\"\r\n"
        "\r\n"
        "E3,Melton,  12.5 ,\"two\r\nlines\"\r\n"
        ",,,\r\n"
        "E4,Rutland,1,last";
    abg_table *t = NULL;
    abg_diag diag = {0};

    (void)state;
    assert_int_equal(
        abg_table_parse(&t, "t.csv", text, sizeof text - 1, &diag), ABG_OK);
    assert_string_equal(abg_table_file(t), "t.csv");
    assert_int_equal(abg_table_columns(t), 4);
    assert_int_equal(abg_table_rows(t), 4);
    assert_string_equal(abg_table_header(t, 0), "code");
    assert_int_equal(abg_table_find(t, "population"), 2);
    assert_int_equal(abg_table_find(t, "Population"), -1);
    assert_string_equal(abg_table_cell(t, 0, 2), "92,500");
    assert_string_equal(abg_table_cell(t, 1, 1), "Bristol, City of");
    assert_string_equal(abg_table_cell(t, 1, 3), "the \"old\" figure");
    assert_string_equal(abg_table_cell(t, 2, 2), "12.5");
    assert_string_equal(abg_table_cell(t, 2, 3), "two\r\nlines");
    assert_string_equal(abg_table_cell(t, 3, 3), "last");
    assert_int_equal(abg_table_line(t, 0), 2);
    assert_int_equal(abg_table_line(t, 1), 3);
    assert_int_equal(abg_table_line(t, 2), 5);
    assert_int_equal(abg_table_line(t, 3), 8);
    abg_table_free(t);
}

static void bad_files_name_their_line(void **state)
{
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        {"a,b\n1,2\n\xA3"
         "3,4\n",
         3,
         "byte 0xA3 at column 1 is not UTF-8 (\xC2\xA3 in Windows-1252, "
         "which Excel's \"CSV (Comma delimited)\" writes)"},
        {"a;b\n1;2\n", 1, "the file is separated by semicolons, not commas"},
        {"a\tb\n1\t2\n", 1, "the file is separated by tabs, not commas"},
        {"a,b\n1,2\n3\n", 3, "the row has 1 cells; the header has 2"},
        {"a,b\n1,2\n\"3,4\n", 3,
         "a quote is out of place or never closed in the row starting "
         "here"},
        {"a,b,a\n1,2,3\n", 1,
         "two columns are headed \"a\" (columns 1 and 3)"},
        {"\n\n", 0, "the file is empty"},
        {"a,b\r1,2\r", 1,
         "the file ends its lines with a carriage return alone (old Mac "
         "text)"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        abg_table *t = NULL;
        abg_diag diag = {0};
        assert_int_not_equal(abg_table_parse(&t, "t.csv", cases[i].text,
                                             strlen(cases[i].text), &diag),
                             ABG_OK);
        assert_null(t);
        assert_string_equal(diag.message, cases[i].message);
        assert_int_equal(diag.line, cases[i].line);
        assert_string_equal(diag.file, "t.csv");
    }
}

/* A folder of its own with the INI and CSV files of one test. */
typedef struct folder {
    char dir[64];
    char ini[128];
} folder;

static void put(const folder *f, const char *name, const char *text)
{
    char path[160];
    FILE *out;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    out = fopen(path, "wb");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

static void make(folder *f, const char *ini, const char *areas,
                 const char *crime)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/abg-table-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    put(f, "t.ini", ini);
    put(f, "areas.csv", areas);
    put(f, "crime.csv", crime);
    /* Run inside it, so that messages name the files as the INI does. */
    assert_int_equal(chdir(f->dir), 0);
    snprintf(f->ini, sizeof f->ini, "t.ini");
}

static void clean(const folder *f)
{
    char path[160];

    snprintf(path, sizeof path, "%s/t.ini", f->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/areas.csv", f->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/crime.csv", f->dir);
    unlink(path);
    assert_int_equal(chdir("/tmp"), 0);
    rmdir(f->dir);
}

#define INI                                                                   \
    "[allocation]\npot = 1000\n"                                              \
    "[areas]\nfile = areas.csv\ncode = code\nname = name\n"                   \
    "[table crime]\nfile = crime.csv\n"                                       \
    "[component pop]\nmethod = proportional\nindicator = population\n"        \
    "amount = 600\n"                                                          \
    "[component crime]\nmethod = proportional\nindicator = crime\n"           \
    "amount = 400\n"
#define AREAS                                                                 \
    "code,name,population,region,previous\n"                                  \
    "E2,Blaby,\"92,500\",East,100\n"                                          \
    "E1,Charnwood,162400,,200\n"                                              \
    "E3,Melton,48900,East,300.50\n"
#define CRIME "code,crime\nE1,\"13,226\"\nE3,3204\nE2,5830\n"

static void tables_become_areas(void **state)
{
    folder f;
    abg_config *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    make(&f, INI "[area Melton]\ncrime = 3300\n", AREAS, CRIME);
    assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    /* The areas file's order, not the crime file's. */
    assert_int_equal(m->n_areas, 3);
    assert_string_equal(m->areas[0].name, "Blaby");
    assert_string_equal(m->areas[1].name, "Charnwood");
    assert_string_equal(m->areas[2].name, "Melton");
    assert_int_equal(m->areas[0].line, 2);
    assert_int_equal(m->areas[0].values[0].units, 92500);
    assert_int_equal(m->areas[1].values[1].units, 13226);
    /* The [area Melton] section wins over the crime file. */
    assert_int_equal(m->areas[2].values[1].units, 3300);
    assert_int_equal(m->areas[2].previous, 30050);
    assert_int_equal(m->areas[2].previous_line, 4);
    abg_model_free(m);
    m = NULL;

    /* --set by name and by code. */
    assert_int_equal(
        abg_config_set(c, "area.Charnwood.population", "1000", 0, &diag),
        ABG_OK);
    assert_int_equal(abg_config_set(c, "area.E2.crime", "7", 0, &diag),
                     ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->areas[1].values[0].units, 1000);
    assert_int_equal(m->areas[0].values[1].units, 7);
    abg_model_free(m);
    abg_config_free(c);
    clean(&f);
}

/* A [scenario] changes table areas by code and by name (any capitals),
 * a --set on its copy then replaces the scenario's value, and the base
 * is left as it was. */
static void scenarios_change_table_areas(void **state)
{
    folder f;
    abg_config *c = NULL, *s = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    make(&f,
         INI "[scenario s]\narea.E3.population = 10\n"
             "area.blaby.crime = 20\n",
         AREAS, CRIME);
    assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_OK);
    assert_int_equal(abg_config_scenario(&s, c, "s", &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, s, &diag), ABG_OK);
    assert_int_equal(m->areas[2].values[0].units, 10);     /* Melton */
    assert_int_equal(m->areas[0].values[1].units, 20);     /* Blaby */
    assert_int_equal(m->areas[1].values[0].units, 162400); /* Charnwood */
    abg_model_free(m);
    m = NULL;
    assert_int_equal(
        abg_config_set(s, "area.Melton.population", "11", 0, &diag), ABG_OK);
    assert_int_equal(abg_config_set(s, "area.E3.population", "12", 0, &diag),
                     ABG_OK);
    assert_int_equal(abg_config_build(&m, s, &diag), ABG_OK);
    assert_int_equal(m->areas[2].values[0].units, 12);
    assert_int_equal(m->areas[0].values[1].units, 20);
    abg_model_free(m);
    m = NULL;
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->areas[2].values[0].units, 48900);
    assert_int_equal(m->areas[0].values[1].units, 5830);
    /* No area has published.NAME: every area reads none. */
    for (size_t a = 0; a < m->n_areas; a++)
        for (size_t k = 0; k < m->n_components; k++) {
            assert_false(m->areas[a].has_published_cell[k]);
            assert_int_equal(m->areas[a].published_cell[k], 0);
        }
    abg_model_free(m);
    abg_config_free(s);
    abg_config_free(c);
    clean(&f);
}

/* A published.NAME column: each area's own figure, empty cells none. */
static void published_cells_are_each_areas_own(void **state)
{
    folder f;
    abg_config *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    make(&f, INI,
         "code,name,population,published.crime\nE1,Blaby,1,5\n"
         "E2,Melton,2,\nE3,Rutland,3,7.25\n",
         "code,crime\nE1,1\nE2,2\nE3,3\n");
    assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->n_areas, 3);
    assert_false(m->areas[0].has_published_cell[0]);
    assert_true(m->areas[0].has_published_cell[1]);
    assert_int_equal(m->areas[0].published_cell[1], 500);
    assert_false(m->areas[1].has_published_cell[1]);
    assert_int_equal(m->areas[1].published_cell[1], 0);
    assert_true(m->areas[2].has_published_cell[1]);
    assert_int_equal(m->areas[2].published_cell[1], 725);
    assert_int_equal(m->areas[2].published_cell_line[1], 4);
    abg_model_free(m);
    abg_config_free(c);
    clean(&f);
}

static void scenario_copies_keep_the_cells_files(void **state)
{
    folder f;
    abg_config *c = NULL, *s = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    make(&f, INI "[scenario bad]\ncomponent.crime.amount = 300\n",
         "code,name,population,published.nope\nE1,Blaby,1,5\n",
         "code,crime\nE1,1\n");
    assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_OK);
    assert_int_equal(abg_config_scenario(&s, c, "bad", &diag), ABG_OK);
    assert_int_not_equal(abg_config_build(&m, s, &diag), ABG_OK);
    assert_null(m);
    assert_string_equal(diag.file, "areas.csv");
    assert_int_equal(diag.line, 2);
    assert_string_equal(diag.message,
                        "published.nope names no component \"nope\"");
    abg_config_free(s);
    abg_config_free(c);
    clean(&f);
}

static void joined_by_name_when_there_is_no_code(void **state)
{
    folder f;
    abg_config *c = NULL;
    abg_model *m = NULL;
    abg_diag diag = {0};

    (void)state;
    /* The table names its join column; an empty published cell is no
     * published figure, not an error. */
    make(&f,
         "[allocation]\npot = 1000\n"
         "[areas]\nfile = areas.csv\nname = Name\n"
         "[table crime]\nfile = crime.csv\nname = Area\n"
         "[component pop]\nmethod = proportional\n"
         "indicator = population\namount = 600\n"
         "[component crime]\nmethod = proportional\nindicator = crime\n"
         "amount = 400\n",
         "Name,population,published\nBlaby,1,316.02\nMelton,3,\n",
         "Area,crime\nMelton,5\nBlaby,7\n");
    assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_OK);
    assert_int_equal(abg_config_build(&m, c, &diag), ABG_OK);
    assert_int_equal(m->n_areas, 2);
    assert_string_equal(m->areas[1].name, "Melton");
    assert_int_equal(m->areas[1].values[1].units, 5);
    assert_true(m->areas[0].has_published);
    assert_string_equal(m->areas[0].file, "areas.csv");
    assert_int_equal(m->areas[0].published_line, 2);
    assert_false(m->areas[1].has_published);
    abg_model_free(m);
    abg_config_free(c);
    clean(&f);
}

static void joins_are_checked(void **state)
{
    static const struct {
        const char *areas, *crime;
        const char *file; /* the file the error names */
        int line;
        const char *message;
    } cases[] = {
        {AREAS, "code,crime\nE1,1\n", "t.ini", 8,
         "crime.csv: 2 areas have no row: E2 Blaby, E3 Melton"},
        {AREAS, CRIME "E9,1\nE8,2\nE7,3\nE6,4\n", "crime.csv", 5,
         "4 code values match no area of areas.csv: E9 (line 5), E8 (line "
         "6), E7 (line 7), ..."},
        {AREAS, CRIME "E1,1\n", "crime.csv", 5,
         "1 code value appears twice: E1 (lines 2 and 5)"},
        {AREAS "E1,Rutland,1,,1\n", CRIME, "areas.csv", 5,
         "1 code appears twice: E1 (lines 3 and 5)"},
        {AREAS, "code,population\nE1,1\nE2,2\nE3,3\n", "t.ini", 8,
         "column \"population\" is in both areas.csv and crime.csv"},
        {AREAS, "code,crime\nE1,\nE3,3204\nE2,5830\n", "crime.csv", 2,
         "empty cell in column crime (area E1 Charnwood)"},
        {AREAS ",All areas,1,,1\n", CRIME, "areas.csv", 5,
         "\"All areas\" is a totals row, not an area"},
        {AREAS, CRIME "TOTAL,1\n", "crime.csv", 5,
         "\"TOTAL\" is a totals row, not an area"},
        /* Every word of a totals row, in any capitals (the check passes
         * over other cells by their first two letters). */
        {AREAS, CRIME "Totals,1\n", "crime.csv", 5,
         "\"Totals\" is a totals row, not an area"},
        {AREAS, CRIME "GRAND TOTAL,1\n", "crime.csv", 5,
         "\"GRAND TOTAL\" is a totals row, not an area"},
        {AREAS, CRIME "ALL,1\n", "crime.csv", 5,
         "\"ALL\" is a totals row, not an area"},
        {AREAS, CRIME "sUm,1\n", "crime.csv", 5,
         "\"sUm\" is a totals row, not an area"},
        {AREAS, CRIME "Total (England),1\n", "crime.csv", 5,
         "\"Total (England)\" is a totals row, not an area"},
        {AREAS, CRIME "tOTAL: all,1\n", "crime.csv", 5,
         "\"tOTAL: all\" is a totals row, not an area"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        folder f;
        abg_config *c = NULL;
        abg_diag diag = {0};
        make(&f, INI, cases[i].areas, cases[i].crime);
        assert_int_equal(abg_config_load(&c, f.ini, &diag), ABG_ERROR_VALUE);
        assert_null(c);
        assert_string_equal(diag.file, cases[i].file);
        assert_string_equal(diag.message, cases[i].message);
        assert_int_equal(diag.line, cases[i].line);
        clean(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_forms_are_read),
        cmocka_unit_test(scenarios_change_table_areas),
        cmocka_unit_test(published_cells_are_each_areas_own),
        cmocka_unit_test(bad_files_name_their_line),
        cmocka_unit_test(tables_become_areas),
        cmocka_unit_test(scenario_copies_keep_the_cells_files),
        cmocka_unit_test(joined_by_name_when_there_is_no_code),
        cmocka_unit_test(joins_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
