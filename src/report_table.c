/*
 * report_table.c - the allocation table and the rounding findings, laid
 * out for a terminal or a board paper.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/compare.h"
#include "abg/report.h"
#include "text.h"
#include "text_out.h"

/* Most lines a heading wraps into; longer headings keep their last words
 * on the last line. */
#define MAX_HEAD_LINES 6

static const char *sym(const abg_model *m)
{
    return abg_money_symbol(m->currency);
}

/* Money with pence, grouped: £13,711.12. */
static const char *cash(char *buf, size_t size, const abg_model *m,
                        int64_t pence)
{
    return abg_money_format(buf, size, pence, sym(m), true, false, false);
}

/* A total: whole units when the unit is a pound or more. */
static const char *total(char *buf, size_t size, const abg_model *m,
                         int64_t pence)
{
    return abg_money_format(buf, size, pence, sym(m), true, m->round_to >= 100,
                            false);
}

/* A change in whole units (or pence), always signed: +£522, -£69. */
static const char *change(char *buf, size_t size, const abg_model *m,
                          int64_t pence)
{
    return abg_money_format(buf, size, pence, sym(m), true, m->round_to >= 100,
                            true);
}

/* Writes prefix then text, wrapped at wrap columns (0: one line) with each
 * later line indented by indent spaces. Words longer than a line stand
 * alone on theirs. */
static void prose(FILE *out, const char *prefix, const char *text, size_t wrap,
                  size_t indent)
{
    size_t col = abg_text_width(prefix);
    bool first = true;

    fputs(prefix, out);
    if (wrap == 0) {
        fprintf(out, "%s\n", text);
        return;
    }
    while (*text) {
        size_t len = strcspn(text, " "), w;
        char word[1024];

        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, text, len);
        word[len] = '\0';
        w = abg_text_width(word);
        if (!first && col + 1 + w > wrap) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', out);
            col++;
        }
        fputs(word, out);
        col += w;
        first = false;
        text += len;
        while (*text == ' ')
            text++;
    }
    fputc('\n', out);
}

/* A ratio as a signed percentage: -5/100 as "-5%", 225/1000 as "+22.5%". */
static const char *percent(char *buf, size_t size, abg_ratio q, bool plus)
{
    int64_t den = q.den / 100, mag = q.num < 0 ? -q.num : q.num;
    bool places = den > 1;
    if (places) {
        char frac[24];
        /* den + remainder prints as 1 followed by the zero-padded digits. */
        snprintf(frac, sizeof frac, "%lld", (long long)(den + mag % den));
        snprintf(buf, size, "%s%lld.%s%%", q.num < 0 ? "-" : (plus ? "+" : ""),
                 (long long)(mag / den), frac + 1);
    } else
        snprintf(buf, size, "%s%lld%%", q.num < 0 ? "-" : (plus ? "+" : ""),
                 (long long)mag);
    return buf;
}

/* One line per damping step the file sets, in the order they apply. */
static void damping_lines(FILE *out, const abg_model *m, const abg_result *r,
                          size_t wrap)
{
    const abg_damping *d = &m->damping;
    char a[48], b[48], line[512];

    if (!r->damped)
        return;
    prose(out, "", "Damping against last year's figures, in this order:", wrap,
          0);
    if (d->has_pace) {
        snprintf(line, sizeof line,
                 "pace %s: each area moves that far from "
                 "last year towards its formula figure, then all are scaled "
                 "to the pot",
                 percent(a, sizeof a, d->pace, false));
        prose(out, "- ", line, wrap, 2);
    }
    if (d->has_floor) {
        abg_result_exact(r, ABG_EXACT_FLOOR_FACTOR, 0, 0, 4, b, sizeof b);
        /* A floor above zero is a guaranteed gain: said in words, so
         * that it is not read as a limit on losses. */
        snprintf(line, sizeof line,
                 "floor %s: %s; gains above the floor "
                 "keep %s of their excess to pay for it",
                 percent(a, sizeof a, d->floor, true),
                 d->floor.num > 0 ? "every area GAINS at least this much on "
                                    "last year"
                                  : "no area changes by less",
                 b);
        prose(out, "- ", line, wrap, 2);
    }
    if (d->has_ceiling) {
        snprintf(line, sizeof line,
                 "ceiling %s: %s; what it frees goes "
                 "to the others by formula share",
                 percent(a, sizeof a, d->ceiling, true),
                 d->ceiling.num < 0 ? "every area LOSES at least this much "
                                      "on last year"
                                    : "no area gains more");
        prose(out, "- ", line, wrap, 2);
    }
    if (d->has_minimum) {
        snprintf(line, sizeof line,
                 "minimum %s: no area gets less; the "
                 "others share the rest",
                 total(a, sizeof a, m, d->minimum));
        prose(out, "- ", line, wrap, 2);
    }
    fputc('\n', out);
}

/* The table as text cells: row 0 the headings, row 1 the amounts under
 * them, then one row per area and the totals row; column 0 is the area.
 * Only the headings, amounts and totals are kept; an area's row is
 * formatted when it is measured and again when it is written, so that a
 * million areas need no million strings. */
typedef struct grid {
    size_t rows, cols;
    char **cell; /* the kept rows: headings, amounts, totals; owned */
    size_t *w;   /* one width per column */
    const abg_model *m;
    const abg_result *r;
    bool prev;
    size_t tot, first_comp; /* the total's column, the first component's */
    char (*scratch)[64];    /* one per column: an area row's cells */
    const char *sym;        /* the currency's symbol, its bytes and */
    size_t sym_len;         /* its columns */
    size_t sym_width;
} grid;

/* The index into cell of a kept row: 0, 1 or the last row. */
static size_t kept(size_t row)
{
    return row < 2 ? row : 2;
}

/* Sets cell (row, col) of a kept row to a copy of s; false when memory
 * runs out. */
static bool put(grid *g, size_t row, size_t col, const char *s)
{
    char **at = &g->cell[kept(row) * g->cols + col];

    free(*at);
    *at = strdup(s);
    return *at != NULL;
}

/* A kept row's cell ("" when not set). */
/* The columns abg_money_format's text takes, worked out without writing
 * it: sign, symbol, digits with a comma per three, and the pence. */
static size_t money_width(int64_t pence, size_t sym_width, bool whole,
                          bool plus)
{
    uint64_t mag = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    uint64_t pounds = mag / 100;
    size_t digits = 1;

    while (pounds >= 10)
        pounds /= 10, digits++;
    return (pence < 0 || (plus && pence > 0)) + sym_width + digits +
        (digits - 1) / 3 + (whole && mag % 100 == 0 ? 0 : 3);
}

/* Widens widths[k] to area a's cell in column k where it is wider: the
 * figures measured by money_width, as area_row would write them. */
static void area_widths(const grid *g, size_t a, size_t *widths)
{
    const abg_model *m = g->m;
    const abg_result *r = g->r;
    size_t nc = m->n_components;
    int64_t t = r->areas[a].total;
    bool whole = m->round_to >= 100;

#define WIDEN(k, n)                                                           \
    do {                                                                      \
        size_t n_ = (n);                                                      \
        if (n_ > widths[k])                                                   \
            widths[k] = n_;                                                   \
    } while (0)
    WIDEN(0, abg_text_width(m->areas[a].name));
    WIDEN(g->tot, money_width(t, g->sym_width, whole, false));
    if (g->prev) {
        int64_t p = m->areas[a].previous;
        WIDEN(g->tot - 1, money_width(p, g->sym_width, whole, false));
        WIDEN(g->tot + 1, money_width(t - p, g->sym_width, whole, true));
        WIDEN(g->tot + 2,
              abg_text_width(
                  abg_percent_change(g->scratch[g->tot + 2], 64, p, t - p)));
    }
    for (size_t c = 0; c < nc; c++)
        WIDEN(g->first_comp + c,
              money_width(r->cells[a * nc + c], g->sym_width, false, false));
    if (r->damped)
        WIDEN(g->cols - 1,
              money_width(r->adjustments[a], g->sym_width, false, true));
#undef WIDEN
}

static const char *get(const grid *g, size_t row, size_t col)
{
    const char *s = g->cell[kept(row) * g->cols + col];
    return s ? s : "";
}

/* Formats area a's cells into the scratch buffers and points cells[k] at
 * column k's text, with its bytes in lens[k] and its columns in
 * widths[k]. */
static void area_row(const grid *g, size_t a, const char **cells, size_t *lens,
                     size_t *widths)
{
    const abg_model *m = g->m;
    const abg_result *r = g->r;
    size_t nc = m->n_components, extra = g->sym_len - g->sym_width;
    int64_t t = r->areas[a].total;
    bool whole = m->round_to >= 100; /* as total() and change() */

    /* abg_money_text writes what cash(), total() and change() would, with
     * the symbol looked up once for the table; the symbol is the only
     * character of a figure wider than a byte. */
#define MONEY(k, pence, w, p)                                                 \
    do {                                                                      \
        lens[k] = abg_money_text(g->scratch[k], (pence), g->sym, g->sym_len,  \
                                 true, (w), (p));                             \
        widths[k] = lens[k] - extra;                                          \
        cells[k] = g->scratch[k];                                             \
    } while (0)
    cells[0] = m->areas[a].name;
    lens[0] = strlen(cells[0]);
    widths[0] = abg_text_width(cells[0]);
    MONEY(g->tot, t, whole, false);
    if (g->prev) {
        int64_t p = m->areas[a].previous;
        MONEY(g->tot - 1, p, whole, false);
        MONEY(g->tot + 1, t - p, whole, true);
        cells[g->tot + 2] =
            abg_percent_change(g->scratch[g->tot + 2], 64, p, t - p);
        lens[g->tot + 2] = strlen(cells[g->tot + 2]);
        widths[g->tot + 2] = abg_text_width(cells[g->tot + 2]);
    }
    for (size_t c = 0; c < nc; c++)
        MONEY(g->first_comp + c, r->cells[a * nc + c], false, false);
    if (r->damped)
        MONEY(g->cols - 1, r->adjustments[a], false, true);
#undef MONEY
}

/* The width of the longest word of s. */
static size_t longest_word(const char *s)
{
    size_t best = 0;

    while (*s) {
        size_t len = strcspn(s, " "), w;
        char word[1024];

        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, s, len);
        word[len] = '\0';
        w = abg_text_width(word);
        if (w > best)
            best = w;
        s += len;
        while (*s == ' ')
            s++;
    }
    return best;
}

/* Splits heading s into at most MAX_HEAD_LINES lines of width w (the last
 * takes what is left); returns how many, each line malloc'd into lines,
 * or 0 when memory runs out. */
static size_t split(char **lines, const char *s, size_t w)
{
    size_t n = 0;

    while (*s == ' ')
        s++;
    do {
        size_t len = 0, used = 0, end = 0;
        /* Take words while they fit (the first always). */
        while (s[len]) {
            size_t word = strcspn(s + len, " "), ww;
            char buf[1024];

            if (word >= sizeof buf)
                word = sizeof buf - 1;
            memcpy(buf, s + len, word);
            buf[word] = '\0';
            ww = abg_text_width(buf);
            if (end && n + 1 < MAX_HEAD_LINES && used + 1 + ww > w)
                break;
            used += (end ? 1 : 0) + ww;
            end = len + word;
            len = end;
            while (s[len] == ' ')
                len++;
        }
        if (!(lines[n] = strndup(s, end))) {
            while (n--)
                free(lines[n]);
            return 0;
        }
        n++;
        s += len;
    } while (*s);
    return n;
}

/* Fills the grid from the allocation; false when memory runs out. */
static bool fill(grid *g, const abg_model *m, const abg_result *r, bool prev,
                 size_t first_comp)
{
    size_t nc = m->n_components, na = m->n_areas, col;
    size_t tot = first_comp - (prev ? 3 : 1);
    int64_t sum = 0, sum_prev = 0, sum_adjust = 0;
    char buf[256];
    bool ok = true;

    ok &= put(g, 0, tot, "Total");
    ok &= put(g, 1, tot, total(buf, sizeof buf, m, m->pot));
    if (prev) {
        ok &= put(g, 0, tot - 1, "Previous");
        ok &= put(g, 0, tot + 1, "Change");
        ok &= put(g, 0, tot + 2, "%");
    }
    for (size_t c = 0; c < nc; c++) {
        snprintf(buf, sizeof buf, "%s%s", m->components[c].title,
                 abg_model_note_mark(m, c));
        ok &= put(g, 0, first_comp + c, buf);
        ok &= put(g, 1, first_comp + c,
                  cash(buf, sizeof buf, m, m->components[c].amount));
    }
    if (r->damped)
        ok &= put(g, 0, g->cols - 1, "Damping");
    for (size_t a = 0; a < na; a++) {
        sum += r->areas[a].total;
        if (prev)
            sum_prev += m->areas[a].previous;
        if (r->damped)
            sum_adjust += r->adjustments[a];
    }
    col = 2 + na;
    ok &= put(g, col, 0, "Total");
    ok &= put(g, col, tot, total(buf, sizeof buf, m, sum));
    if (prev) {
        ok &= put(g, col, tot - 1, total(buf, sizeof buf, m, sum_prev));
        ok &= put(g, col, tot + 1, change(buf, sizeof buf, m, sum - sum_prev));
        ok &=
            put(g, col, tot + 2,
                abg_percent_change(buf, sizeof buf, sum_prev, sum - sum_prev));
    }
    /* The totals row adds up what is shown; a column whose shown figures
     * miss its amount is marked (see the findings). */
    for (size_t c = 0; c < nc; c++) {
        cash(buf, sizeof buf, m, r->column_sums[c]);
        if (r->column_sums[c] != m->components[c].amount)
            strcat(buf, "!");
        ok &= put(g, col, first_comp + c, buf);
    }
    if (r->damped) {
        /* Damping only moves money between areas: its exact figures add
         * up to zero, its figures to the penny may miss by a penny or so,
         * and such a total is marked like a component's. */
        abg_money_format(buf, sizeof buf, sum_adjust, sym(m), true, false,
                         true);
        if (sum_adjust != 0)
            strcat(buf, "!");
        ok &= put(g, col, g->cols - 1, buf);
    }
    return ok;
}

/* Sets each column's width: its widest figure and its heading, or when
 * that makes the table wider than fit, its widest figure and its longest
 * heading word (the heading then wraps). */
static bool widths(grid *g, size_t fit)
{
    size_t sum = 0, *body = calloc(g->cols, sizeof *body);

    if (!body)
        return false;
    /* The widest of each column below the headings. */
    for (size_t k = 0; k < g->cols; k++) {
        size_t a = abg_text_width(get(g, 1, k)),
               b = abg_text_width(get(g, g->rows - 1, k));
        body[k] = a > b ? a : b;
    }
    for (size_t a = 0; a < g->m->n_areas; a++)
        area_widths(g, a, body);
    for (size_t k = 0; k < g->cols; k++) {
        size_t n = abg_text_width(get(g, 0, k));
        g->w[k] = n > body[k] ? n : body[k];
        sum += g->w[k] + (k ? 2 : 0);
    }
    if (fit != 0 && sum > fit)
        for (size_t k = 0; k < g->cols; k++) {
            size_t n = longest_word(get(g, 0, k));
            g->w[k] = n > body[k] ? n : body[k];
        }
    free(body);
    return true;
}

/* Writes one row of cells padded to the widths, without trailing
 * spaces; cells[k] is column k's text, lens[k] and widths[k] its bytes
 * and columns (both NULL: measured here). */
static void row_out(abg_text_out *o, const grid *g, const char *const *cells,
                    const size_t *lens, const size_t *widths)
{
    size_t pending = 0;

    for (size_t k = 0; k < g->cols; k++) {
        const char *c = cells[k] ? cells[k] : "";
        size_t n = widths ? widths[k] : abg_text_width(c),
               pad = g->w[k] > n ? g->w[k] - n : 0, len;
        char *at;

        pending += k ? 2 : 0;
        if (!*c) {
            pending += pad;
            continue;
        }
        if (k > 0)
            pending += pad;
        len = lens ? lens[k] : strlen(c);
        if ((at = abg_text_out_room(o, pending + len))) {
            memset(at, ' ', pending);
            memcpy(at + pending, c, len);
            abg_text_out_commit(o, pending + len);
        }
        pending = k > 0 ? 0 : pad;
    }
    abg_text_out_char(o, '\n');
}

/* Writes the headings, wrapped into their widths and aligned to the
 * bottom line; false when memory runs out. */
static bool headings(abg_text_out *out, const grid *g)
{
    char **lines = calloc(g->cols * MAX_HEAD_LINES, sizeof *lines);
    const char **cells = calloc(g->cols, sizeof *cells);
    size_t *n = calloc(g->cols, sizeof *n), most = 1;
    bool ok = lines && cells && n;

    for (size_t k = 0; ok && k < g->cols; k++) {
        n[k] = split(lines + k * MAX_HEAD_LINES, get(g, 0, k), g->w[k]);
        ok = n[k] > 0;
        if (n[k] > most)
            most = n[k];
    }
    for (size_t line = 0; ok && line < most; line++) {
        for (size_t k = 0; k < g->cols; k++) {
            size_t skip = most - n[k];
            cells[k] =
                line >= skip ? lines[k * MAX_HEAD_LINES + line - skip] : "";
        }
        row_out(out, g, cells, NULL, NULL);
    }
    if (lines)
        for (size_t i = 0; i < g->cols * MAX_HEAD_LINES; i++)
            free(lines[i]);
    free(lines);
    free(cells);
    free(n);
    return ok;
}

/* The footnotes under the table. */
static void footnotes(FILE *out, const abg_model *m, const abg_result *r,
                      const grid *g, size_t wrap)
{
    bool any = false;
    char buf[512], a[64], b[64];

    for (size_t c = 0; c < m->n_components; c++) {
        if (!m->components[c].note)
            continue;
        if (!any)
            fputc('\n', out);
        any = true;
        snprintf(buf, sizeof buf, "%s ", abg_model_note_mark(m, c));
        prose(out, buf, m->components[c].note, wrap, strlen(buf));
    }
    for (size_t c = 0; c < m->n_components; c++)
        if (r->column_sums[c] != m->components[c].amount) {
            if (!any)
                fputc('\n', out);
            any = true;
            prose(out, "! ",
                  "shown figures that do not add up to the "
                  "column's amount; see the rounding findings",
                  wrap, 2);
            break;
        }
    if (r->damped && strchr(get(g, g->rows - 1, g->cols - 1), '!')) {
        int64_t sum = 0;
        for (size_t k = 0; k < m->n_areas; k++)
            sum += r->adjustments[k];
        if (!any)
            fputc('\n', out);
        snprintf(buf, sizeof buf,
                 "Damping: each figure is rounded to the "
                 "penny on its own, so they add up to %s; exactly, damping "
                 "moves money between areas and adds up to %s",
                 abg_money_format(a, sizeof a, sum, sym(m), true, false, true),
                 cash(b, sizeof b, m, 0));
        prose(out, "! ", buf, wrap, 2);
    }
}

/* The budget the pot belongs to, stream by stream. */
static void budget(FILE *out, const abg_model *m)
{
    int64_t sum = m->pot;
    size_t tw = abg_text_width(m->pot_title ? m->pot_title : "Pot");
    char buf[64];

    for (size_t s = 0; s < m->n_streams; s++)
        if (abg_text_width(m->streams[s].title) > tw)
            tw = abg_text_width(m->streams[s].title);
    if (abg_text_width("Unallocated") > tw)
        tw = abg_text_width("Unallocated");
    fprintf(out, "\n%s\n", m->budget_title ? m->budget_title : "Budget");
    abg_text_pad(out, m->pot_title ? m->pot_title : "Pot", tw, false);
    fprintf(out, "  %s\n", total(buf, sizeof buf, m, m->pot));
    for (size_t s = 0; s < m->n_streams; s++) {
        abg_text_pad(out, m->streams[s].title, tw, false);
        fprintf(out, "  %s\n",
                total(buf, sizeof buf, m, m->streams[s].amount));
        sum += m->streams[s].amount;
    }
    if (sum != m->budget_total) {
        abg_text_pad(out, "Unallocated", tw, false);
        fprintf(out, "  %s\n",
                total(buf, sizeof buf, m, m->budget_total - sum));
    }
    abg_text_pad(out, "Total", tw, false);
    fprintf(out, "  %s\n", total(buf, sizeof buf, m, m->budget_total));
}

abg_error abg_report_table(FILE *out, const abg_model *m, const abg_result *r)
{
    return abg_report_table_with(out, m, r, NULL);
}

abg_error abg_report_table_with(FILE *out, const abg_model *m,
                                const abg_result *r,
                                const abg_report_layout *layout)
{
    abg_report_layout def = {.fit = 80};
    bool prev = abg_model_all_previous(m);
    size_t first_comp = prev ? 5 : 2;
    grid g = {.rows = m->n_areas + 3,
              .cols = first_comp + m->n_components + (r->damped ? 1 : 0),
              .m = m,
              .r = r,
              .prev = prev,
              .tot = first_comp - (prev ? 3 : 1),
              .first_comp = first_comp,
              .sym = sym(m),
              .sym_len = strlen(sym(m)),
              .sym_width = abg_text_width(sym(m))};
    char head[512], buf[64], unit[64], *from = abg_model_provenance(m);
    const char **cells = NULL;
    size_t *lens = NULL; /* an area row's bytes, then its columns */
    abg_text_out o = {.out = out};
    abg_error err = ABG_ERROR_MEMORY;

    if (!layout)
        layout = &def;
    g.cell = calloc(3 * g.cols, sizeof *g.cell);
    g.w = calloc(g.cols, sizeof *g.w);
    g.scratch = calloc(g.cols, sizeof *g.scratch);
    cells = calloc(g.cols, sizeof *cells);
    lens = calloc(2 * g.cols, sizeof *lens);
    if (!from || !g.cell || !g.w || !g.scratch || !cells || !lens ||
        !fill(&g, m, r, prev, first_comp) || !widths(&g, layout->fit))
        goto out;

    prose(out, "", m->title, layout->wrap, 0);
    /* What produced the figures: a what-if (--set) is never mistaken for
     * the file's own allocation. */
    prose(out, m->n_sets ? "What-if from: " : "From: ", from, layout->wrap, 2);
    if (m->source)
        prose(out, "Source: ", m->source, layout->wrap, 2);
    snprintf(head, sizeof head,
             "Pot %s; area totals rounded to the "
             "nearest %s by the largest-remainder method",
             total(buf, sizeof buf, m, m->pot),
             total(unit, sizeof unit, m, m->round_to));
    prose(out, "", head, layout->wrap, 0);
    fputc('\n', out);
    damping_lines(out, m, r, layout->wrap);

    /* The rows go through one buffer, written out in large blocks. */
    if (!headings(&o, &g)) {
        abg_text_out_finish(&o);
        goto out;
    }
    row_out(&o, &g, (const char *const *)&g.cell[1 * g.cols], NULL, NULL);
    for (size_t a = 0; a < m->n_areas; a++) {
        area_row(&g, a, cells, lens, lens + g.cols);
        row_out(&o, &g, cells, lens, lens + g.cols);
    }
    row_out(&o, &g, (const char *const *)&g.cell[2 * g.cols], NULL, NULL);
    if (!abg_text_out_finish(&o))
        goto out;
    footnotes(out, m, r, &g, layout->wrap);
    if (m->has_budget)
        budget(out, m);
    err = ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
out:
    if (g.cell)
        for (size_t i = 0; i < 3 * g.cols; i++)
            free(g.cell[i]);
    free(g.cell);
    free(g.w);
    free(g.scratch);
    free(cells);
    free(lens);
    free(from);
    return err;
}

abg_error abg_report_damping(FILE *out, const abg_model *m,
                             const abg_result *r)
{
    damping_lines(out, m, r, 0);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_report_findings(FILE *out, const abg_model *m,
                              const abg_result *r)
{
    return abg_report_findings_wrapped(out, m, r, 0);
}

abg_error abg_report_findings_wrapped(FILE *out, const abg_model *m,
                                      const abg_result *r, size_t wrap)
{
    (void)m;
    fputs("\nRounding findings:\n", out);
    if (r->n_findings == 0)
        prose(out, "- ",
              "Every shown figure adds up; no rounding "
              "adjustments.",
              wrap, 2);
    for (size_t i = 0; i < r->n_findings; i++)
        prose(out, "- ", r->findings[i].text, wrap, 2);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
