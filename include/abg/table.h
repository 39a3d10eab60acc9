/*
 * table.h - reading a CSV file (a spreadsheet export) into rows of text.
 *
 * SPDX-License-Identifier: MIT
 *
 * The file is read whole with libcsv: RFC 4180 quoting, LF or CRLF line
 * endings, UTF-8 with or without a byte-order mark. Files that a
 * spreadsheet wrote in another form are refused with a hint on how to
 * save them again: Windows-1252 ("CSV (Comma delimited)" in Excel), UTF-16
 * ("Unicode Text"), semicolon- or tab-separated. The first row is the
 * header. Rows whose cells are all empty are skipped; every other row must
 * have as many cells as the header. Cells are kept as text, spaces around
 * them trimmed. The table owns every string it returns; abg_table_free()
 * releases them.
 */
#ifndef ABG_TABLE_H
#define ABG_TABLE_H

#include <stddef.h>

#include "error.h"

/* The rows of one CSV file. */
typedef struct abg_table abg_table;

/* Reads the CSV file at path; `shown` (path when NULL) names the file in
 * messages and is what abg_table_file() returns. */
abg_error abg_table_read(abg_table **out, const char *path, const char *shown,
                         abg_diag *diag);

/* Same as abg_table_read(), from text; `name` names it in messages. */
abg_error abg_table_parse(abg_table **out, const char *name, const char *text,
                          size_t length, abg_diag *diag);

/* Returns the name given when the table was read. */
const char *abg_table_file(const abg_table *table);

/* Returns the number of columns (cells in the header). */
size_t abg_table_columns(const abg_table *table);

/* Returns the number of rows below the header. */
size_t abg_table_rows(const abg_table *table);

/* Returns the header of column col. */
const char *abg_table_header(const abg_table *table, size_t col);

/* Returns the index of the column headed name, or -1 when there is none
 * (headers are compared exactly). */
long abg_table_find(const abg_table *table, const char *name);

/* Returns the text of a cell ("" when empty); row 0 is the first row
 * below the header. */
const char *abg_table_cell(const abg_table *table, size_t row, size_t col);

/* Returns the line of the file on which a row starts (the header is on
 * line 1 unless blank lines come first). */
int abg_table_line(const abg_table *table, size_t row);

/* Frees a table; accepts NULL. */
void abg_table_free(abg_table *table);

#endif /* ABG_TABLE_H */
