/*
 * target_output.c - a target table or budget statement as CSV (one row per
 * area, figure and year) and JSON (every cell, rule and sum, exact).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "target_internal.h"

/* The widest explanation of a rule. */
#define TEXT_MAX 200

/* Writes a CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* Writes a JSON string with the escapes RFC 8259 requires. */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Writes pence as a plain decimal with two places. */
static void plain_money(FILE *out, int64_t pence)
{
    fprintf(out, "%lld.%02lld", (long long)(pence / 100),
            (long long)(pence % 100));
}

/* What a cell is: given, follows its rule, differs, or not printed. */
static const char *cell_status(const abg_target *t, size_t y,
                               const abg_target_cell *c)
{
    if (!t->years[y].is_step)
        return c->has_published ? "given" : "absent";
    if (!c->has_rule)
        return c->has_published ? "no_base" : "absent";
    if (!c->has_published)
        return "not_printed";
    return c->differs ? "differs" : "follows_rule";
}

static const char *const ROUNDING_NAMES[] = {"down", "nearest", "up"};

/* Writes one CSV row per area, figure and year with a figure. */
abg_error abg_target_csv_write(FILE *out, const abg_target *t)
{
    char b[48], text[TEXT_MAX];

    if (t->is_budget) {
        fputs("line,title,amount\n", out);
        for (size_t i = 0; i < t->n_lines; i++) {
            csv_field(out, t->lines[i].name);
            fputc(',', out);
            csv_field(out, t->lines[i].title);
            fputc(',', out);
            plain_money(out, t->lines[i].amount);
            fputc('\n', out);
        }
        fputs("not_itemised,Not itemised,", out);
        plain_money(out, t->not_itemised);
        fputs("\ntotal,Total,", out);
        plain_money(out, t->budget_total);
        fputc('\n', out);
        return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
    }
    fputs("area,figure,year,base_year,base,change_percent,exact,rounding,"
          "places,rule,published,status\n",
          out);
    for (size_t a = 0; a < t->n_areas; a++)
        for (size_t f = 0; f < t->n_figures; f++)
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                const abg_target_year *yr = &t->years[y];
                const abg_target_number *base =
                    yr->is_step ? abg_target_base(t, a, f, y) : NULL;
                if (!c->has_published && !c->has_rule)
                    continue;
                csv_field(out, t->areas[a].name);
                fputc(',', out);
                csv_field(out, t->figures[f].name);
                fputc(',', out);
                csv_field(out, yr->name);
                fputc(',', out);
                if (yr->is_step) {
                    csv_field(out, t->years[yr->base].name);
                    fprintf(out, ",%s,",
                            base ? abg_target_number_format(b, sizeof b, *base)
                                 : "");
                    fprintf(out, "%s,%s,%s,%d,",
                            abg_target_number_format(b, sizeof b, yr->change),
                            c->exact ? c->exact : "",
                            ROUNDING_NAMES[t->figures[f].rounding],
                            t->figures[f].places);
                    if (c->has_rule)
                        fputs(abg_target_number_format(text, sizeof text,
                                                       c->rule),
                              out);
                } else {
                    fputs(",,,,,,", out);
                }
                fprintf(out, ",%s,%s\n",
                        c->has_published ? abg_target_number_format(
                                               b, sizeof b, c->published)
                                         : "",
                        cell_status(t, y, c));
            }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* Writes "key": "number" or "key": null. */
static void json_number(FILE *out, const char *key, bool given,
                        abg_target_number n)
{
    char b[48];

    fprintf(out, "\"%s\": ", key);
    if (given)
        json_string(out, abg_target_number_format(b, sizeof b, n));
    else
        fputs("null", out);
}

/* Writes a budget statement as JSON. */
static void json_budget(FILE *out, const abg_target *t)
{
    fputs(",\n  \"total\": ", out);
    plain_money(out, t->budget_total);
    fputs(",\n  \"lines\": [", out);
    for (size_t i = 0; i < t->n_lines; i++) {
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        json_string(out, t->lines[i].name);
        fputs(", \"title\": ", out);
        json_string(out, t->lines[i].title);
        fputs(", \"amount\": ", out);
        plain_money(out, t->lines[i].amount);
        fputc('}', out);
    }
    fputs("\n  ],\n  \"not_itemised\": ", out);
    plain_money(out, t->not_itemised);
    fputs("\n}\n", out);
}

/* Writes one cell as a JSON object. */
static void json_cell(FILE *out, const abg_target *t, size_t a, size_t f,
                      size_t y)
{
    const abg_target_cell *c = &t->areas[a].cells[f * t->n_years + y];
    char text[TEXT_MAX];

    fputs("{\"figure\": ", out);
    json_string(out, t->figures[f].name);
    fputs(", \"year\": ", out);
    json_string(out, t->years[y].name);
    fputs(", ", out);
    json_number(out, "published", c->has_published, c->published);
    fputs(", ", out);
    json_number(out, "rule", c->has_rule, c->rule);
    fputs(", \"exact\": ", out);
    if (c->exact)
        json_string(out, c->exact);
    else
        fputs("null", out);
    fprintf(out, ", \"status\": \"%s\", \"line\": %d", cell_status(t, y, c),
            c->line);
    if (c->has_rule) {
        fputs(", \"explanation\": ", out);
        json_string(out, abg_target_rule_text(text, sizeof text, t, a, f, y));
    }
    fputc('}', out);
}

/* Writes every cell, rule and sum as JSON, figures as exact strings. */
abg_error abg_target_json_write(FILE *out, const abg_target *t)
{
    char b[48];
    bool first = true;

    fputs("{\n  \"kind\": ", out);
    fputs(t->is_budget ? "\"budget\"" : "\"targets\"", out);
    fputs(",\n  \"title\": ", out);
    json_string(out, t->title);
    fputs(",\n  \"source\": ", out);
    if (t->source)
        json_string(out, t->source);
    else
        fputs("null", out);
    fputs(",\n  \"file\": ", out);
    json_string(out, t->file);
    if (t->is_budget) {
        json_budget(out, t);
        return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
    }
    fputs(",\n  \"figures\": [", out);
    for (size_t f = 0; f < t->n_figures; f++) {
        fputs(f ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        json_string(out, t->figures[f].name);
        fputs(", \"title\": ", out);
        json_string(out, t->figures[f].title);
        fprintf(out, ", \"rounding\": \"%s\", \"places\": %d}",
                ROUNDING_NAMES[t->figures[f].rounding], t->figures[f].places);
    }
    fputs("\n  ],\n  \"years\": [", out);
    for (size_t y = 0; y < t->n_years; y++) {
        fputs(y ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        json_string(out, t->years[y].name);
        if (t->years[y].is_step) {
            fputs(", \"base\": ", out);
            json_string(out, t->years[t->years[y].base].name);
            fputs(", \"change_percent\": ", out);
            json_string(
                out,
                abg_target_number_format(b, sizeof b, t->years[y].change));
        }
        fputc('}', out);
    }
    fputs("\n  ],\n  \"areas\": [", out);
    for (size_t a = 0; a < t->n_areas; a++) {
        fputs(a ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        json_string(out, t->areas[a].name);
        fputs(", \"cells\": [", out);
        first = true;
        for (size_t f = 0; f < t->n_figures; f++)
            for (size_t y = 0; y < t->n_years; y++) {
                const abg_target_cell *c =
                    &t->areas[a].cells[f * t->n_years + y];
                if (!c->has_published && !c->has_rule)
                    continue;
                fputs(first ? "\n      " : ",\n      ", out);
                first = false;
                json_cell(out, t, a, f, y);
            }
        fputs("]}", out);
    }
    fputs("\n  ],\n  \"sums\": [", out);
    first = true;
    for (size_t i = 0; i < t->n_sums; i++)
        for (size_t k = 0; k < t->sums[i].n_years; k++) {
            const abg_target_sum *s = &t->sums[i];
            const abg_target_cell *tc =
                &t->areas[s->total]
                     .cells[s->figure * t->n_years + s->years[k]];
            fputs(first ? "\n    {\"name\": " : ",\n    {\"name\": ", out);
            first = false;
            json_string(out, s->name);
            fputs(", \"figure\": ", out);
            json_string(out, t->figures[s->figure].name);
            fputs(", \"year\": ", out);
            json_string(out, t->years[s->years[k]].name);
            fputs(", \"total_area\": ", out);
            json_string(out, t->areas[s->total].name);
            fputs(", ", out);
            json_number(out, "total", tc->has_published || tc->has_rule,
                        tc->has_published ? tc->published : tc->rule);
            fputs(", ", out);
            json_number(out, "parts", true, s->parts[k]);
            fprintf(out, ", \"adds_up\": %s}",
                    s->differs[k] ? "false" : "true");
        }
    fputs("\n  ]\n}\n", out);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
