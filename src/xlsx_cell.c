/*
 * xlsx_cell.c - writing cells for the workbook: first-error bookkeeping,
 * A1 references, and column widths and row heights that fit the text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

/* Points per line of 11-point text, as Excel sizes its default rows. */
#define LINE_HEIGHT 15.0
/* Padding added to the widest content of a column, in characters. */
#define COLUMN_PAD 2.0

bool abg_xlsx_check(abg_xlsx *x, lxw_error e, const char *what, ...)
{
    va_list args;

    if (e == LXW_NO_ERROR)
        return false;
    if (x->err == LXW_NO_ERROR) {
        x->err = e;
        va_start(args, what);
        vsnprintf(x->where, sizeof x->where, what, args);
        va_end(args);
    }
    return true;
}

abg_error abg_xlsx_fits(const abg_model *m, const char *sheet, size_t cols,
                        size_t count, const char *what, abg_diag *diag)
{
    /* Every workbook has a sheet with a row per area, below headings and
     * above totals and notes. */
    if (m->n_areas > (size_t)LXW_ROW_MAX - ABG_XLSX_SPARE_ROWS)
        return abg_diag_set(diag, ABG_ERROR_VALUE, m->file, 0,
                            "split the areas into several files (by "
                            "region, say), or write the figures with --csv "
                            "or --json instead of a workbook",
                            "a workbook cannot hold %zu areas: a worksheet "
                            "has at most 1,048,576 rows (Excel's limit), "
                            "and %d of them go to headings and totals",
                            m->n_areas, ABG_XLSX_SPARE_ROWS);
    if (cols <= LXW_COL_MAX)
        return ABG_OK;
    return abg_diag_set(diag, ABG_ERROR_VALUE, m->file, 0,
                        "write the figures with --csv or --json instead of "
                        "a workbook",
                        "a workbook cannot hold %zu %s: its %s sheet would "
                        "need %zu columns, and a worksheet has at most "
                        "16,384",
                        count, what, sheet, cols);
}

void abg_xlsx_no_memory(abg_xlsx *x)
{
    x->out_of_memory = true;
}

bool abg_xlsx_append(char **buf, size_t *size, const char *fmt, ...)
{
    size_t used = *buf ? strlen(*buf) : 0;
    va_list args;
    int n;

    /* One pass when it fits (it nearly always does: buffers are reused),
     * a second after growing. */
    if (*buf) {
        va_start(args, fmt);
        n = vsnprintf(*buf + used, *size - used, fmt, args);
        va_end(args);
        if (n < 0)
            return false;
        if (used + (size_t)n < *size)
            return true;
    } else {
        va_start(args, fmt);
        n = vsnprintf(NULL, 0, fmt, args);
        va_end(args);
        if (n < 0)
            return false;
    }
    {
        size_t want = (used + (size_t)n + 1) * 2;
        char *p = realloc(*buf, want < 256 ? 256 : want);
        if (!p)
            return false;
        p[used] = '\0';
        *buf = p;
        *size = want < 256 ? 256 : want;
    }
    va_start(args, fmt);
    vsnprintf(*buf + used, *size - used, fmt, args);
    va_end(args);
    return true;
}

bool abg_xlsx_scratch(abg_xlsx *x)
{
    for (int i = 0; i < 2; i++) {
        if (!x->scratch[i] &&
            !abg_xlsx_append(&x->scratch[i], &x->scratch_size[i], "%s", ""))
            return false;
        x->scratch[i][0] = '\0';
    }
    return true;
}

/* True once anything failed: later writes are skipped. */
static bool failed(const abg_xlsx *x)
{
    return x->err != LXW_NO_ERROR || x->out_of_memory || x->dry;
}

char *abg_xlsx_col(char *buf, size_t size, lxw_col_t col)
{
    char rev[8];
    size_t n = 0;
    unsigned long c = (unsigned long)col + 1;

    while (c && n < sizeof rev) {
        rev[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    if (size == 0)
        return buf;
    for (size_t i = 0; i < n && i + 1 < size; i++)
        buf[i] = rev[n - 1 - i];
    buf[n < size ? n : size - 1] = '\0';
    return buf;
}

char *abg_xlsx_ref(char *buf, size_t size, lxw_row_t row, lxw_col_t col,
                   bool abs_row, bool abs_col)
{
    /* By hand: the writer makes a few references per cell. */
    char text[32], letters[8], digits[12];
    size_t n = 0, k = 0;
    unsigned long r = (unsigned long)row + 1;

    if (abs_col)
        text[n++] = '$';
    abg_xlsx_col(letters, sizeof letters, col);
    for (const char *p = letters; *p; p++)
        text[n++] = *p;
    if (abs_row)
        text[n++] = '$';
    do {
        digits[k++] = (char)('0' + r % 10);
        r /= 10;
    } while (r);
    while (k)
        text[n++] = digits[--k];
    if (size == 0)
        return buf;
    if (n >= size)
        n = size - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return buf;
}

size_t abg_xlsx_chars(const char *text)
{
    size_t n = 0;

    for (; *text; text++)
        n += ((unsigned char)*text & 0xC0) != 0x80;
    return n;
}

void abg_xlsx_fit(abg_xlsx *x, abg_xlsx_sheet *s, lxw_col_t col, double chars)
{
    if (col >= s->n_width) {
        size_t n = (size_t)col + 16;
        double *grown = realloc(s->width, n * sizeof *grown);
        if (!grown) {
            abg_xlsx_no_memory(x);
            return;
        }
        for (size_t i = s->n_width; i < n; i++)
            grown[i] = 0;
        s->width = grown;
        s->n_width = n;
    }
    if (chars > s->width[col])
        s->width[col] = chars;
}

const char *abg_xlsx_xml(abg_xlsx *x, const char *text, char **copy)
{
    *copy = NULL;
    if (!text || abg_text_xml_ok(text))
        return text;
    *copy = abg_text_xml_clean(text);
    if (!*copy)
        abg_xlsx_no_memory(x);
    return *copy ? *copy : "";
}

/* Every string cell goes through here: worksheet_write_string never reads
 * a formula (a name such as "=SUM(A1)" or "-Blaby" stays text), and the
 * text is made valid XML first. */
static void write_string(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                         lxw_col_t col, const char *text, lxw_format *f,
                         const char *what)
{
    char *copy;
    const char *valid = abg_xlsx_xml(x, text, &copy);

    abg_xlsx_check(x, worksheet_write_string(s->ws, row, col, valid, f),
                   "%s!%lu,%u: %s", s->name, (unsigned long)row + 1, col,
                   what);
    free(copy);
}

void abg_xlsx_text(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                   lxw_col_t col, const char *text, lxw_format *f)
{
    if (failed(x))
        return;
    write_string(x, s, row, col, text, f, "text");
    abg_xlsx_fit(x, s, col, (double)abg_xlsx_chars(text));
}

void abg_xlsx_label(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                    lxw_col_t col, const char *text, lxw_format *f)
{
    if (failed(x))
        return;
    write_string(x, s, row, col, text, f, "text");
}

static int wrapped_lines(const char *text, double width, double factor);
static double column_width(const abg_xlsx_sheet *s, lxw_col_t col);

/* Lines a wrapped cell takes at the widths its columns have now. */
static int wrap_lines(const abg_xlsx_sheet *s, const abg_xlsx_wrap *wr)
{
    double width = 0;

    for (lxw_col_t c = wr->first; c <= wr->last; c++)
        width += column_width(s, c);
    /* Cell margins take about a character. */
    return wrapped_lines(wr->text, width - 1, wr->factor);
}

/* In constant memory, sizes a wrapped cell's row now, while it is the row
 * being written: the tallest wrapped cell of the row so far wins. */
static void size_now(abg_xlsx *x, abg_xlsx_sheet *s, const abg_xlsx_wrap *wr)
{
    int lines = wrap_lines(s, wr);

    if (s->cm_lines > 0 && s->cm_row == wr->row && s->cm_lines > lines)
        lines = s->cm_lines;
    s->cm_row = wr->row;
    s->cm_lines = lines;
    abg_xlsx_check(
        x, worksheet_set_row(s->ws, wr->row, LINE_HEIGHT * lines, NULL),
        "%s: row height", s->name);
}

/* Remembers a wrapped cell so that its row can be sized at the end (or
 * sizes it now, in constant memory). */
static void add_wrap(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                     lxw_col_t first, lxw_col_t last, const char *text,
                     double factor)
{
    abg_xlsx_wrap *grown = realloc(s->wraps, (s->n_wraps + 1) * sizeof *grown);
    char *copy = strdup(text);

    if (grown)
        s->wraps = grown;
    if (!grown || !copy) {
        free(copy);
        abg_xlsx_no_memory(x);
        return;
    }
    s->wraps[s->n_wraps++] = (abg_xlsx_wrap){row, first, last, copy, factor};
    if (x->constant_memory)
        size_now(x, s, &s->wraps[s->n_wraps - 1]);
}

void abg_xlsx_wrapped(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t first, lxw_col_t last, const char *text,
                      lxw_format *f, double factor)
{
    if (failed(x))
        return;
    if (last > first) {
        char *copy;

        abg_xlsx_check(x,
                       worksheet_merge_range(s->ws, row, first, row, last,
                                             abg_xlsx_xml(x, text, &copy), f),
                       "%s!%lu: merged text", s->name, (unsigned long)row + 1);
        free(copy);
    } else {
        write_string(x, s, row, first, text, f, "text");
    }
    add_wrap(x, s, row, first, last, text, factor);
}

/* The longest run of characters without a space. */
static size_t longest_word(const char *text)
{
    size_t best = 0, n = 0;

    for (const char *p = text;; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\0') {
            if (n > best)
                best = n;
            n = 0;
            if (*p == '\0')
                break;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            n++;
        }
    }
    return best;
}

void abg_xlsx_heading(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t col, const char *text, lxw_format *f,
                      int lines)
{
    /* Bold text is about a tenth wider than the digits widths count. */
    double factor = 1.1, chars = (double)abg_xlsx_chars(text) * factor;
    double word = (double)longest_word(text) * factor;
    double want = chars / (lines > 0 ? lines : 1) + 1;

    if (failed(x))
        return;
    write_string(x, s, row, col, text, f, "heading");
    abg_xlsx_fit(x, s, col, want > word ? want : word);
    /* Fitted generously, sized for rows at the plain width. */
    add_wrap(x, s, row, col, col, text, 1.0);
}

void abg_xlsx_number(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                     lxw_col_t col, double value, lxw_format *f, size_t chars)
{
    if (failed(x))
        return;
    abg_xlsx_check(x, worksheet_write_number(s->ws, row, col, value, f),
                   "%s!%lu,%u: number", s->name, (unsigned long)row + 1, col);
    abg_xlsx_fit(x, s, col, (double)chars);
}

/* Formats a formula into small (of ABG_XLSX_SMALL bytes) when it fits,
 * else into a new string; NULL when memory runs out. */
#define ABG_XLSX_SMALL 512
static char *format_formula(abg_xlsx *x, char *small, const char *formula,
                            va_list args)
{
    va_list copy;
    int len;
    char *text;

    va_copy(copy, args);
    len = vsnprintf(small, ABG_XLSX_SMALL, formula, copy);
    va_end(copy);
    if (len >= 0 && len < ABG_XLSX_SMALL)
        return small;
    text = len < 0 ? NULL : malloc((size_t)len + 1);
    if (!text) {
        abg_xlsx_no_memory(x);
        return NULL;
    }
    vsnprintf(text, (size_t)len + 1, formula, args);
    return text;
}

void abg_xlsx_formula(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t col, lxw_format *f, double value, size_t chars,
                      const char *formula, ...)
{
    va_list args;
    char small[ABG_XLSX_SMALL], *text;

    if (failed(x))
        return;
    va_start(args, formula);
    text = format_formula(x, small, formula, args);
    va_end(args);
    if (!text)
        return;
    abg_xlsx_check(
        x, worksheet_write_formula_num(s->ws, row, col, text, f, value),
        "%s!%lu,%u: formula %.80s", s->name, (unsigned long)row + 1, col,
        text);
    if (text != small)
        free(text);
    abg_xlsx_fit(x, s, col, (double)chars);
}

void abg_xlsx_formula_text(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           lxw_col_t col, lxw_format *f, const char *value,
                           const char *formula, ...)
{
    va_list args;
    char small[ABG_XLSX_SMALL], *text, *copy;

    if (failed(x))
        return;
    va_start(args, formula);
    text = format_formula(x, small, formula, args);
    va_end(args);
    if (!text)
        return;
    abg_xlsx_check(x,
                   worksheet_write_formula_str(s->ws, row, col, text, f,
                                               abg_xlsx_xml(x, value, &copy)),
                   "%s!%lu,%u: formula %.80s", s->name, (unsigned long)row + 1,
                   col, text);
    free(copy);
    if (text != small)
        free(text);
    abg_xlsx_fit(x, s, col, (double)abg_xlsx_chars(value));
}

void abg_xlsx_define(abg_xlsx *x, const char *name, const abg_xlsx_sheet *s,
                     lxw_row_t row, lxw_col_t col)
{
    char ref[32], formula[64];

    if (failed(x))
        return;
    snprintf(formula, sizeof formula, "=%s!%s", s->name,
             abg_xlsx_ref(ref, sizeof ref, row, col, true, true));
    /* workbook_define_name refuses some names and sheet names: checked. */
    abg_xlsx_check(x, workbook_define_name(x->wb, name, formula),
                   "defined name %s", name);
}

const char *abg_xlsx_money(const abg_xlsx *x, char *buf, size_t size,
                           int64_t pence, bool whole)
{
    if (x->symbol[0]) {
        abg_money_format(buf, size, pence, x->symbol, true, whole, false);
    } else {
        char digits[48];
        abg_money_format(digits, sizeof digits, pence, NULL, true, whole,
                         false);
        snprintf(buf, size, "%s %s", digits, x->m->currency);
    }
    return buf;
}

size_t abg_xlsx_money_chars(const abg_xlsx *x, int64_t pence, bool whole)
{
    /* Counted rather than formatted (the writer sizes nearly every cell):
     * what abg_xlsx_money writes, sign, digits, commas and decimals. */
    uint64_t mag = pence < 0 ? 0 - (uint64_t)pence : (uint64_t)pence;
    uint64_t pounds = mag / 100;
    size_t digits = 1, n;

    while (pounds >= 10) {
        pounds /= 10;
        digits++;
    }
    n = digits + (digits - 1) / 3 + (pence < 0 ? 1 : 0);
    if (!whole || mag % 100 != 0)
        n += 3;
    if (x->symbol[0])
        return n + abg_xlsx_chars(x->symbol);
    return n + 1 + abg_xlsx_chars(x->m->currency);
}

double abg_xlsx_pounds(int64_t pence)
{
    return (double)pence / 100;
}

double abg_xlsx_exact(const abg_xlsx *x, abg_exact_what what, size_t area,
                      size_t component)
{
    char buf[128];

    abg_result_exact(x->r, what, area, component, 12, buf, sizeof buf);
    return strtod(buf, NULL);
}

/* Lines that text takes when wrapped at width characters. */
static int wrapped_lines(const char *text, double width, double factor)
{
    int lines = 1;
    double used = 0;
    const char *p = text;

    if (width < 1)
        width = 1;
    while (*p) {
        size_t len = 0;
        double w;
        const char *q = p;
        if (*p == '\n') {
            lines++;
            used = 0;
            p++;
            continue;
        }
        while (*q && *q != ' ' && *q != '\n') {
            len += ((unsigned char)*q & 0xC0) != 0x80;
            q++;
        }
        w = (double)len * factor;
        if (used > 0 && used + 1 + w > width) {
            lines++;
            used = 0;
        }
        used += (used > 0 ? 1 : 0) + w;
        /* A word longer than the line wraps inside itself. */
        while (used > width) {
            lines++;
            used -= width;
        }
        p = q;
        while (*p == ' ')
            p++;
    }
    return lines;
}

/* The width a column ends up with. */
static double column_width(const abg_xlsx_sheet *s, lxw_col_t col)
{
    if (col < s->n_width && s->width[col] > 0)
        return s->width[col] + COLUMN_PAD;
    return LXW_DEF_COL_WIDTH;
}

void abg_xlsx_finish_sizes(abg_xlsx *x)
{
    for (size_t i = 0; i < ABG_XLSX_N_SHEETS && !failed(x); i++) {
        abg_xlsx_sheet *s = &x->sheets[i];
        for (size_t c = 0; c < s->n_width; c++)
            if (s->width[c] > 0)
                abg_xlsx_check(
                    x,
                    worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
                                         column_width(s, (lxw_col_t)c), NULL),
                    "%s: column width", s->name);
        /* In constant memory each row was sized as it was written. */
        for (size_t w = 0; w < s->n_wraps && !x->constant_memory; w++) {
            const abg_xlsx_wrap *wr = &s->wraps[w];
            int lines = 1;
            /* Several wrapped cells can share a row: the tallest wins. */
            for (size_t v = 0; v < s->n_wraps; v++) {
                int n;
                if (s->wraps[v].row != wr->row)
                    continue;
                n = wrap_lines(s, &s->wraps[v]);
                if (n > lines)
                    lines = n;
            }
            abg_xlsx_check(
                x,
                worksheet_set_row(s->ws, wr->row, LINE_HEIGHT * lines, NULL),
                "%s: row height", s->name);
        }
    }
}

void abg_xlsx_free_state(abg_xlsx *x)
{
    for (size_t i = 0; i < ABG_XLSX_N_SHEETS; i++) {
        abg_xlsx_sheet *s = &x->sheets[i];
        for (size_t w = 0; w < s->n_wraps; w++)
            free(s->wraps[w].text);
        free(s->wraps);
        free(s->width);
        s->wraps = NULL;
        s->width = NULL;
        s->n_wraps = s->n_width = 0;
    }
    if (x->names)
        for (size_t c = 0; c < x->m->n_components; c++)
            free(x->names[c]);
    free(x->names);
    free(x->indicator_scale);
    for (int i = 0; i < 2; i++) {
        free(x->scratch[i]);
        x->scratch[i] = NULL;
        x->scratch_size[i] = 0;
    }
    x->names = NULL;
    x->indicator_scale = NULL;
}

int64_t abg_xlsx_limit(const abg_model *m, int64_t prev, abg_ratio change,
                       bool up)
{
    __int128 n = (__int128)prev * (change.den + change.num);
    __int128 d = (__int128)change.den * m->round_to;
    __int128 q = n / d;

    if (n % d != 0 && (n > 0) == up)
        q += up ? 1 : -1;
    return (int64_t)(q * m->round_to);
}
