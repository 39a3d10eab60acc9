/*
 * html.c - the board paper's frame: escaping, print styles, page size,
 * what produced the figures, and the inline SVG chart.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"
#include "abg/abg.h"
#include "text.h"

/* Replacement for a byte that cannot be shown (U+FFFD). */
#define REPLACEMENT "\xEF\xBF\xBD"

void html_text(FILE *out, const char *s)
{
    if (!s)
        return;
    while (*s) {
        size_t n = abg_text_char_bytes(s);
        unsigned char c = (unsigned char)*s;

        if (n == 0 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            fputs(REPLACEMENT, out);
            s++;
            continue;
        }
        if (c == '&')
            fputs("&amp;", out);
        else if (c == '<')
            fputs("&lt;", out);
        else if (c == '>')
            fputs("&gt;", out);
        else if (c == '"')
            fputs("&quot;", out);
        else
            fwrite(s, 1, n, out);
        s += n;
    }
}

void html_widths_cell(html_widths *w, size_t k, const char *s)
{
    size_t n = abg_text_width(s);

    if (k < w->cols && n > w->chars[k])
        w->chars[k] = n;
}

void html_widths_heading(html_widths *w, size_t k, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, " ");
        char word[256];

        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, s, len);
        word[len] = '\0';
        html_widths_cell(w, k, word);
        s += len;
        while (*s == ' ')
            s++;
    }
}

/* Points a table needs at a type size: each character about 0.64em (the
 * advance of a digit in DejaVu Sans, the widest common glyph in figures)
 * and 0.9em of padding per cell, plus a bold allowance of 5%. */
static double needed_pt(const html_widths *w, int font_pt)
{
    double sum = 0;

    for (size_t k = 0; k < w->cols; k++)
        sum += ((double)w->chars[k] * 0.64 + 0.9) * font_pt;
    return sum * 1.05;
}

html_layout html_fit(const html_widths *w)
{
    /* A4 less 12mm margins each side: 186mm and 273mm, in points. */
    const double portrait = 186 / 25.4 * 72, landscape = 273 / 25.4 * 72;
    html_layout l = {false, 10};

    if (needed_pt(w, 10) <= portrait)
        return l;
    l.landscape = true;
    while (l.font_pt > 6 && needed_pt(w, l.font_pt) > landscape)
        l.font_pt--;
    return l;
}

void html_begin(FILE *out, const char *title, const html_layout *l)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width\">\n"
          "<meta name=\"generator\" content=\"abgcalc " ABG_VERSION "\">\n"
          "<title>",
          out);
    html_text(out, title);
    fprintf(out,
            "</title>\n<style>\n"
            "@page { size: A4 %s; margin: 12mm; }\n"
            "html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial,"
            " sans-serif; font-size: %dpt; color: #000; background: #fff; }\n"
            "body { margin: 0; }\n"
            "@media screen { body { margin: 12mm auto; max-width: %s; } }\n"
            "h1 { font-size: 1.6em; margin: 0 0 .3em; }\n"
            "h2 { font-size: 1.2em; margin: 1.2em 0 .4em; "
            "break-after: avoid; page-break-after: avoid; }\n"
            "p { margin: .2em 0; }\n"
            "p.from { color: #333; }\n"
            "p.whatif { font-weight: bold; color: #a00; }\n"
            "table.board { border-collapse: collapse; width: 100%%; "
            "margin: .6em 0; }\n"
            "table.board th, table.board td { padding: .25em .45em; "
            "vertical-align: bottom; }\n"
            "table.board th { text-align: right; border-bottom: 1pt solid "
            "#000; }\n"
            "table.board tr.amounts th { font-weight: normal; }\n"
            "table.board td { text-align: right; white-space: nowrap; "
            "border-bottom: .5pt solid #bbb; "
            "font-variant-numeric: tabular-nums; }\n"
            "table.board th.area, table.board td.area { text-align: left; "
            "white-space: normal; }\n"
            "table.board tr.total td { font-weight: bold; border-top: 1pt "
            "solid #000; border-bottom: 2pt double #000; }\n"
            "thead { display: table-header-group; }\n"
            "tr { break-inside: avoid; page-break-inside: avoid; }\n"
            "ul { margin: .3em 0; padding-left: 1.4em; }\n"
            "li { margin: .15em 0; }\n"
            "figure { margin: 1em 0; break-inside: avoid; "
            "page-break-inside: avoid; }\n"
            "figcaption { font-weight: bold; margin-bottom: .3em; }\n"
            "svg { width: 100%%; height: auto; }\n"
            "</style>\n</head>\n<body>\n<h1>",
            l->landscape ? "landscape" : "portrait", l->font_pt,
            l->landscape ? "277mm" : "190mm");
    html_text(out, title);
    fputs("</h1>\n", out);
}

abg_error html_provenance(FILE *out, const abg_model *m)
{
    char *from = abg_model_provenance(m);

    if (!from)
        return ABG_ERROR_MEMORY;
    fputs(m->n_sets ? "<p class=\"from whatif\">What-if, not the file's own "
                      "figures: from "
                    : "<p class=\"from\">From: ",
          out);
    html_text(out, from);
    fputs("</p>\n", out);
    free(from);
    if (m->source) {
        fputs("<p class=\"from\">Source: ", out);
        html_text(out, m->source);
        fputs("</p>\n", out);
    }
    return ABG_OK;
}

void html_end(FILE *out)
{
    fputs("<p class=\"from\">Produced by abgcalc " ABG_VERSION
          " (exact arithmetic: every figure to the penny).</p>\n"
          "</body>\n</html>\n",
          out);
}

/* A round step for an axis up to max pence: 1, 2 or 5 times a power of
 * ten pounds, at most six ticks. */
static int64_t tick_step(int64_t max)
{
    int64_t p = 100;

    for (;;) {
        if (max / p <= 5)
            return p;
        if (max / (2 * p) <= 5)
            return 2 * p;
        if (max / (5 * p) <= 5)
            return 5 * p;
        if (p > INT64_MAX / 10)
            return p;
        p *= 10;
    }
}

void html_chart(FILE *out, const char *caption, const char *const *rows,
                size_t n_rows, const char *const *series, size_t n_series,
                const int64_t *values, const abg_model *m)
{
    static const char *const COLOURS[] = {"#1f4e79", "#c55a11", "#548235",
                                          "#7f6000", "#7030a0", "#2e75b6",
                                          "#bf9000", "#843c0c"};
    const int width = 720, left = 170, right = 45, bar = 11;
    /* The legend takes a line per series above the bars. */
    const int top = 16 * (int)n_series + 14;
    const int group = (int)n_series * bar + 9;
    const int height = top + (int)n_rows * group + 30;
    const int plot = width - left - right;
    const char *sym = abg_money_symbol(m->currency);
    int64_t max = 1, step;
    char buf[64];

    for (size_t i = 0; i < n_rows * n_series; i++)
        if (values[i] > max)
            max = values[i];
    step = tick_step(max);
    max = (max + step - 1) / step * step;
    fputs("<figure>\n<figcaption>", out);
    html_text(out, caption);
    fprintf(out,
            "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" font-size=\"11\" "
            "font-family=\"DejaVu Sans, Arial, sans-serif\">\n",
            width, height);
    /* The legend, one swatch per series. */
    for (size_t s = 0; s < n_series; s++) {
        int y = 4 + 16 * (int)s;
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
                "fill=\"%s\"/><text x=\"%d\" y=\"%d\">",
                left, y, COLOURS[s % 8], left + 14, y + 9);
        html_text(out, series[s]);
        fputs("</text>\n", out);
    }
    /* Grid lines and the axis in whole units. */
    for (int64_t v = 0; v <= max; v += step) {
        int x = left + (int)((double)v / (double)max * plot);
        fprintf(out,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                "stroke=\"#ccc\" stroke-width=\"0.5\"/>"
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                "fill=\"#333\">%s</text>\n",
                x, top - 2, x, height - 24, x, height - 10,
                abg_money_format(buf, sizeof buf, v, sym, true, true, false));
    }
    for (size_t r = 0; r < n_rows; r++) {
        int y = top + (int)r * group;
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6,
                y + group / 2 + 3);
        html_text(out, rows[r]);
        fputs("</text>\n", out);
        for (size_t s = 0; s < n_series; s++) {
            int64_t v = values[r * n_series + s];
            int w = v > 0 ? (int)((double)v / (double)max * plot) : 0;
            fprintf(out,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    "fill=\"%s\"><title>",
                    left, y + 4 + (int)s * bar, w, bar - 2, COLOURS[s % 8]);
            html_text(out, rows[r]);
            fputs(", ", out);
            html_text(out, series[s]);
            fprintf(
                out, ": %s</title></rect>\n",
                abg_money_format(buf, sizeof buf, v, sym, true, false, false));
        }
    }
    fputs("</svg>\n</figure>\n", out);
}
