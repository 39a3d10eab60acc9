/*
 * table_read.c - a CSV file to rows of text cells, with libcsv, refusing
 * the encodings and separators spreadsheets write by mistake.
 *
 * SPDX-License-Identifier: MIT
 *
 * libcsv does the quoting (RFC 4180, strict). It does not count lines, so
 * the text is fed one line at a time: a row starts on the line being fed
 * when the parser is between rows, which also holds for quoted cells that
 * run over several lines.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "abg/table.h"
#include "utf8.h"

struct abg_table {
    char *file;
    char *text; /* every cell, each followed by a NUL */
    size_t text_len, text_cap;
    size_t *cells; /* offsets into text: header first, then each row */
    size_t n_cells, cap_cells;
    int *lines; /* where each row starts */
    size_t n_rows, cap_rows;
    size_t n_cols;
    bool has_header;
};

/* The parser's callbacks' state. */
typedef struct feed {
    abg_table *t;
    abg_diag *diag;
    abg_error error;
    size_t row_first;  /* index into cells of the current row's first cell */
    bool row_has_text; /* a cell of the current row is not empty */
    int row_line;      /* where the current row started */
} feed;

/* Writes what byte b (0x80 to 0xFF) stands for in Windows-1252, as
 * UTF-8, into buf; "?" where Windows-1252 has no character. */
static const char *cp1252(char buf[5], unsigned char b)
{
    /* 0x80 to 0x9F differ from Latin-1; the rest are the code points. */
    static const unsigned short low[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
        0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    unsigned cp = b < 0xA0 ? low[b - 0x80] : b;

    if (cp == 0)
        snprintf(buf, 5, "?");
    else if (cp < 0x800)
        snprintf(buf, 5, "%c%c", 0xC0 | (cp >> 6), 0x80 | (cp & 0x3F));
    else
        snprintf(buf, 5, "%c%c%c", 0xE0 | (cp >> 12),
                 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
    return buf;
}

/* Refuses UTF-16, NUL bytes and bytes that are not UTF-8. Windows-1252,
 * what Excel's "CSV (Comma delimited)" writes, is the usual cause of the
 * last: £ is 0xA3 and é 0xE9 there, neither valid UTF-8 alone. */
static abg_error check_encoding(const char *name, const unsigned char *t,
                                size_t n, abg_diag *diag)
{
    int line = 1, column = 1;
    char c[5];

    if (n >= 2 &&
        ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF) ||
         ((t[0] == 0) != (t[1] == 0))))
        return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, 1,
                            "in Excel, Save As \"CSV UTF-8 (Comma "
                            "delimited) (*.csv)\"",
                            "the file is UTF-16 (Excel's \"Unicode Text\"), "
                            "not UTF-8 CSV");
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned cp;

        /* ASCII other than NUL, the most of any file, at once. */
        if (t[i] > 0 && t[i] < 0x80) {
            column++;
            if (t[i] == '\n')
                line++, column = 1;
            i++;
            continue;
        }
        if (t[i] == '\0')
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "save the table as CSV UTF-8",
                                "the line has a NUL byte; the file is not "
                                "a CSV text file");
        len = abg_utf8_decode(t + i, n - i, &cp);
        if (len == 0)
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "in Excel, Save As \"CSV UTF-8 (Comma "
                                "delimited) (*.csv)\", not \"CSV (Comma "
                                "delimited)\"",
                                "byte 0x%02X at column %d is not UTF-8 (%s "
                                "in Windows-1252, which Excel's \"CSV "
                                "(Comma delimited)\" writes)",
                                t[i], column,
                                t[i] >= 0x80 ? cp1252(c, t[i]) : "?");
        /* A C1 control (CSI, U+009B, starts a terminal's escape
         * sequence) or a bidirectional control has no place in data. */
        if ((cp >= 0x80 && cp <= 0x9F) || abg_utf8_bidi_name(cp)) {
            const char *bidi = abg_utf8_bidi_name(cp);
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "delete it and retype the cell around it",
                                "the line has a %scontrol character (U+%04X "
                                "%s) at column %d",
                                bidi ? "bidirectional " : "", cp,
                                bidi ? bidi : "C1 control", column);
        }
        column++;
        if (t[i] == '\n')
            line++, column = 1;
        i += len;
    }
    return ABG_OK;
}

/* Appends a cell's text and its offset; returns false when out of memory. */
static bool add_cell(abg_table *t, const char *s, size_t n)
{
    if (t->text_cap - t->text_len < n + 1) {
        size_t cap = t->text_cap ? t->text_cap : 4096;
        char *grown;
        while (cap - t->text_len < n + 1)
            cap *= 2;
        if (!(grown = realloc(t->text, cap)))
            return false;
        t->text = grown, t->text_cap = cap;
    }
    if (t->n_cells == t->cap_cells) {
        size_t cap = t->cap_cells ? t->cap_cells * 2 : 256;
        size_t *grown = realloc(t->cells, cap * sizeof *grown);
        if (!grown)
            return false;
        t->cells = grown, t->cap_cells = cap;
    }
    t->cells[t->n_cells++] = t->text_len;
    if (n)
        memcpy(t->text + t->text_len, s, n);
    t->text[t->text_len + n] = '\0';
    t->text_len += n + 1;
    return true;
}

/* libcsv's end-of-cell callback. */
static void on_cell(void *s, size_t n, void *data)
{
    feed *f = data;

    if (f->error)
        return;
    if (!add_cell(f->t, s ? s : "", s ? n : 0)) {
        f->error = ABG_ERROR_MEMORY;
        return;
    }
    f->row_has_text = f->row_has_text || n > 0;
}

/* Checks the header once it is read: one cell holding the separators of
 * another dialect means the file is not comma-separated. */
static void check_header(feed *f)
{
    abg_table *t = f->t;
    const char *h = t->text + t->cells[0];

    if (t->n_cols == 1 && strchr(h, ';'))
        f->error = abg_diag_set(
            f->diag, ABG_ERROR_SYNTAX, t->file, f->row_line,
            "save it again as \"CSV UTF-8 (Comma delimited) (*.csv)\" "
            "with a comma as the list separator (Windows: Region, "
            "Additional settings, List separator)",
            "the file is separated by semicolons, not commas");
    else if (t->n_cols == 1 && strchr(h, '\t'))
        f->error = abg_diag_set(
            f->diag, ABG_ERROR_SYNTAX, t->file, f->row_line,
            "save it as \"CSV UTF-8 (Comma delimited) (*.csv)\", not as "
            "tab-separated text",
            "the file is separated by tabs, not commas");
    for (size_t c = 0; c < t->n_cols && !f->error; c++) {
        h = t->text + t->cells[c];
        for (size_t k = 0; k < c && h[0]; k++)
            if (strcmp(h, t->text + t->cells[k]) == 0) {
                f->error = abg_diag_set(
                    f->diag, ABG_ERROR_VALUE, t->file, f->row_line,
                    "rename one of the two columns",
                    "two columns are headed \"%s\" (columns %zu and %zu)", h,
                    k + 1, c + 1);
                break;
            }
    }
}

/* libcsv's end-of-row callback. */
static void on_row(int c, void *data)
{
    feed *f = data;
    abg_table *t = f->t;
    size_t n = t->n_cells - f->row_first;

    (void)c;
    if (f->error)
        return;
    if (!f->row_has_text) { /* a blank row, such as ",,,": skipped */
        t->n_cells = f->row_first;
        return;
    }
    if (!t->has_header) {
        t->has_header = true;
        t->n_cols = n;
        check_header(f);
    } else if (n != t->n_cols) {
        f->error = abg_diag_set(
            f->diag, ABG_ERROR_SYNTAX, t->file, f->row_line,
            "give every row one cell per column; put a cell holding a "
            "comma in double quotes, like \"9,305\"",
            "the row has %zu cells; the header has %zu", n, t->n_cols);
        return;
    } else {
        if (t->n_rows == t->cap_rows) {
            size_t cap = t->cap_rows ? t->cap_rows * 2 : 256;
            int *grown = realloc(t->lines, cap * sizeof *grown);
            if (!grown) {
                f->error = ABG_ERROR_MEMORY;
                return;
            }
            t->lines = grown, t->cap_rows = cap;
        }
        t->lines[t->n_rows++] = f->row_line;
    }
    f->row_first = t->n_cells;
    f->row_has_text = false;
}

abg_error abg_table_parse(abg_table **out, const char *name, const char *text,
                          size_t length, abg_diag *diag)
{
    abg_table *t = calloc(1, sizeof *t);
    struct csv_parser p;
    feed f = {0};
    bool parser = false;
    int line = 0;
    abg_error err;

    *out = NULL;
    if (!t || !(t->file = strdup(name))) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    err = check_encoding(name, (const unsigned char *)text, length, diag);
    if (err)
        goto out;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, length -= 3;
    /* Rows ended by CR alone would all be counted as line 1. */
    if (memchr(text, '\r', length) && !memchr(text, '\n', length)) {
        err = abg_diag_set(diag, ABG_ERROR_SYNTAX, name, 1,
                           "save the table as \"CSV UTF-8 (Comma "
                           "delimited) (*.csv)\", which ends lines with "
                           "CRLF",
                           "the file ends its lines with a carriage return "
                           "alone (old Mac text)");
        goto out;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    parser = true;
    f.t = t, f.diag = diag;
    for (size_t pos = 0; pos < length && !f.error;) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : length - pos;

        line++;
        if (p.pstate == 0) /* between rows: the next row starts here */
            f.row_line = line;
        if (csv_parse(&p, text + pos, n, on_cell, on_row, &f) != n)
            break;
        pos += n;
    }
    if (!f.error && csv_error(&p) == CSV_SUCCESS)
        csv_fini(&p, on_cell, on_row, &f);
    err = f.error;
    if (!err && csv_error(&p) == CSV_ENOMEM)
        err = ABG_ERROR_MEMORY;
    else if (!err && csv_error(&p) != CSV_SUCCESS)
        err = abg_diag_set(diag, ABG_ERROR_SYNTAX, name,
                           f.row_line ? f.row_line : 1,
                           "put a cell that holds a quote in double quotes "
                           "and double the quote inside, like \"5\"\" "
                           "rule\"",
                           "a quote is out of place or never closed in the "
                           "row starting here");
    else if (!err && !t->has_header)
        err = abg_diag_set(diag, ABG_ERROR_VALUE, name, 0,
                           "export the table with its header row",
                           "the file is empty");
out:
    if (parser)
        csv_free(&p);
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, name, 0, NULL, "out of memory");
    if (err) {
        abg_table_free(t);
        return err;
    }
    *out = t;
    return ABG_OK;
}

abg_error abg_table_read(abg_table **out, const char *path, const char *shown,
                         abg_diag *diag)
{
    FILE *f;
    char *text = NULL;
    long size;
    size_t got;
    abg_error err;

    *out = NULL;
    if (!shown)
        shown = path;
    f = fopen(path, "rb");
    if (!f)
        return abg_diag_set(diag, ABG_ERROR_READ, shown, 0,
                            "check the file name, which is relative to the "
                            "INI file's folder",
                            "cannot open: %s", strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        err = abg_diag_set(diag, ABG_ERROR_READ, shown, 0, NULL,
                           "cannot read: %s", strerror(errno));
        fclose(f);
        return err;
    }
    text = malloc((size_t)size + 1);
    if (!text) {
        fclose(f);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, shown, 0, NULL,
                            "out of memory");
    }
    got = fread(text, 1, (size_t)size, f);
    if (got != (size_t)size || ferror(f)) {
        err = abg_diag_set(diag, ABG_ERROR_READ, shown, 0, NULL,
                           "cannot read: %s", strerror(errno));
        free(text);
        fclose(f);
        return err;
    }
    fclose(f);
    err = abg_table_parse(out, shown, text, got, diag);
    free(text);
    return err;
}

const char *abg_table_file(const abg_table *t)
{
    return t->file;
}

size_t abg_table_columns(const abg_table *t)
{
    return t->n_cols;
}

size_t abg_table_rows(const abg_table *t)
{
    return t->n_rows;
}

const char *abg_table_header(const abg_table *t, size_t col)
{
    return t->text + t->cells[col];
}

long abg_table_find(const abg_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->text + t->cells[c], name) == 0)
            return (long)c;
    return -1;
}

const char *abg_table_cell(const abg_table *t, size_t row, size_t col)
{
    return t->text + t->cells[(row + 1) * t->n_cols + col];
}

int abg_table_line(const abg_table *t, size_t row)
{
    return t->lines[row];
}

void abg_table_free(abg_table *t)
{
    if (!t)
        return;
    free(t->file);
    free(t->text);
    free(t->cells);
    free(t->lines);
    free(t);
}
