/*
 * output.c - CSV and JSON writers.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/compare.h"
#include "abg/output.h"
#include "derived.h"
#include "text.h"

/* Pence as a plain decimal with two places: 59551.00. */
static void plain(FILE *out, int64_t pence)
{
    char buf[40];

    fputs(abg_money_format(buf, sizeof buf, pence, NULL, false, false, false),
          out);
}

abg_error abg_csv_write(FILE *out, const abg_model *m, const abg_result *r)
{
    size_t col = 0;
    bool prev = abg_model_all_previous(m);
    abg_text_out o = {.out = out};

    abg_text_out_csv_cell(&o, col++, "area");
    for (size_t c = 0; c < m->n_components; c++)
        abg_text_out_csv_cell(&o, col++, m->components[c].name);
    /* A damped file has one more column: what damping moved each area
     * by, so that each row still reads formula figures then total. */
    if (r->damped)
        abg_text_out_csv_cell(&o, col++, "damping");
    /* Last year beside this year, only where every area has previous:
     * last year's figure and the change in money and in per cent, before
     * the total so that each row still ends with it. */
    if (prev) {
        abg_text_out_csv_cell(&o, col++, "previous");
        abg_text_out_csv_cell(&o, col++, "change");
        abg_text_out_csv_cell(&o, col++, "change_percent");
    }
    abg_text_out_csv_cell(&o, col, "total");
    abg_text_out_char(&o, '\n');
    for (size_t a = 0; a < m->n_areas; a++) {
        col = 0;
        abg_text_out_csv_cell(&o, col++, m->areas[a].name);
        for (size_t c = 0; c < m->n_components; c++)
            abg_text_out_csv_money(&o, col++,
                                   r->cells[a * m->n_components + c]);
        if (r->damped)
            abg_text_out_csv_money(&o, col++, r->adjustments[a]);
        if (prev) {
            int64_t p = m->areas[a].previous, d = r->areas[a].total - p;
            char pct[32];

            abg_text_out_csv_money(&o, col++, p);
            abg_text_out_csv_money(&o, col++, d);
            /* A plain decimal with one place: "-4.8", "n/a" when last
             * year was zero. */
            abg_percent_change(pct, sizeof pct, p, d);
            pct[strcspn(pct, "%")] = '\0';
            abg_text_out_csv_cell(&o, col++, pct);
        }
        abg_text_out_csv_money(&o, col, r->areas[a].total);
        abg_text_out_char(&o, '\n');
    }
    if (!abg_text_out_finish(&o))
        return ABG_ERROR_MEMORY;
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

void abg_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = abg_text_char_bytes((const char *)p);

        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else if (n == 0)
            fputs("\\ufffd", out); /* not UTF-8: JSON text must be */
        else
            fwrite(p, 1, n, out);
        p += n ? n : 1;
    }
    fputc('"', out);
}

static void jstr(FILE *out, const char *s)
{
    abg_json_string(out, s);
}

/* An exact value as "fraction" and a decimal string pair, never cut: the
 * decimal to six places, or more where six would show a non-zero value
 * as zero (or a remainder as a whole unit); false when memory runs out. */
static bool jexact(FILE *out, const char *key, const abg_result *r,
                   abg_exact_what what, size_t a, size_t c)
{
    int places = abg_text_places(r, what, a, c,
                                 what == ABG_EXACT_REMAINDER ? r->unit : 0, 6);
    /* A fraction that would run past ABG_EXACT_LONG digits (a quota over
     * a derived rate) is null: it is the amount times the area's value
     * over the indicator total, each written exactly. */
    bool is_long = abg_result_exact_long(r, what, a, c);
    char *frac = is_long ? NULL : abg_text_exact(r, what, a, c, -1);
    char *dec = abg_text_exact(r, what, a, c,
                               places < 0 ? ABG_TEXT_MAX_PLACES : places);
    bool ok = (frac || is_long) && dec;

    if (ok) {
        fprintf(out, "\"%s\": ", key);
        if (is_long)
            fputs("null", out);
        else
            jstr(out, frac);
        fprintf(out, ", \"%s_decimal\": ", key);
        jstr(out, dec);
    }
    free(frac);
    free(dec);
    return ok;
}

static const char *finding_kind(abg_finding_kind k)
{
    switch (k) {
    case ABG_FINDING_COLUMN_SUM: return "column_sum";
    case ABG_FINDING_NEAREST_SUM: return "nearest_sum";
    case ABG_FINDING_LIFTED: return "lifted";
    case ABG_FINDING_LEFT_DOWN: return "left_down";
    case ABG_FINDING_TIE: return "tie";
    case ABG_FINDING_UNALLOCATED: return "unallocated";
    }
    return "other";
}

static void jmoney(FILE *out, const char *key, int64_t pence)
{
    fprintf(out, "\"%s\": ", key);
    plain(out, pence);
}

/* An area's derived indicators as decimals: six places, or more where
 * six would hide the first two significant figures. */
static bool jderived(FILE *out, const abg_model *m, size_t a)
{
    bool first = true;
    char buf[128];
    mpq_t q;

    mpq_init(q);
    fputs(", \"indicators_decimal\": {", out);
    for (size_t i = 0; i < m->n_indicators; i++) {
        int places;
        if (!abg_model_is_derived(m, i))
            continue;
        abg_derived_value(q, m, a, i);
        places = abg_derived_places(m, i, q);
        fputs(first ? "" : ", ", out);
        first = false;
        jstr(out, m->indicators[i]);
        fputs(": ", out);
        jstr(out,
             abg_derived_decimal(buf, sizeof buf, q, places > 6 ? places : 6));
    }
    fputs("}", out);
    mpq_clear(q);
    return true;
}

/* The derived indicators' formulas, after the components. */
static void jformulas(FILE *out, const abg_model *m)
{
    bool first = true;

    fputs(",\n  \"derived\": [", out);
    for (size_t i = 0; m->derived && i < m->n_indicators; i++) {
        if (!abg_model_is_derived(m, i))
            continue;
        fputs(first ? "\n    {\"name\": " : ",\n    {\"name\": ", out);
        first = false;
        jstr(out, m->indicators[i]);
        fputs(", \"formula\": ", out);
        jstr(out, m->derived[i].formula);
        fprintf(out, ", \"line\": %d, \"decimal_exact\": %s}",
                m->derived[i].line, m->derived[i].exact ? "true" : "false");
    }
    fputs(first ? "]" : "\n  ]", out);
}

abg_error abg_json_write(FILE *out, const abg_model *m, const abg_result *r)
{
    size_t nc = m->n_components;
    char buf[128];
    bool ok = true;

    fputs("{\n  \"title\": ", out);
    jstr(out, m->title);
    fputs(",\n  \"source\": ", out);
    jstr(out, m->source);
    fputs(",\n  \"currency\": ", out);
    jstr(out, m->currency);
    fputs(",\n  \"file\": ", out);
    jstr(out, m->file);
    /* What produced the figures: the scenario and every --set. */
    fputs(",\n  \"scenario\": ", out);
    jstr(out, m->scenario);
    fputs(", \"scenario_title\": ", out);
    jstr(out, m->scenario_title);
    fputs(", \"sets\": [", out);
    for (size_t i = 0; i < m->n_sets; i++) {
        fputs(i ? ", " : "", out);
        jstr(out, m->sets[i]);
    }
    fputs("], \"produced_from\": ", out);
    {
        char *from = abg_model_provenance(m);
        if (!from)
            return ABG_ERROR_MEMORY;
        jstr(out, from);
        free(from);
    }
    fputs(",\n  ", out);
    jmoney(out, "pot", m->pot);
    fputs(",\n  ", out);
    jmoney(out, "round_to", m->round_to);
    fprintf(out,
            ",\n  \"ties\": \"%s\",\n  \"component_rounding\": \"%s\","
            "\n  \"components\": [",
            m->ties == ABG_TIES_REFUSE ? "refuse" : "file_order",
            m->component_rounding == ABG_COMPONENT_ROUNDING_PRESERVE
                ? "preserve"
                : "nearest");
    for (size_t c = 0; c < nc; c++) {
        const abg_component *comp = &m->components[c];
        fputs(c ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        jstr(out, comp->name);
        fputs(", \"title\": ", out);
        jstr(out, comp->title);
        fprintf(out, ", \"method\": \"%s\", \"size\": \"%s\", \"indicator\": ",
                comp->method == ABG_METHOD_EVEN           ? "even"
                    : comp->method == ABG_METHOD_PREVIOUS ? "previous"
                                                          : "proportional",
                comp->size == ABG_SIZE_SHARE          ? "share"
                    : comp->size == ABG_SIZE_REST     ? "rest"
                    : comp->size == ABG_SIZE_PER_AREA ? "per_area"
                                                      : "amount");
        if (comp->method == ABG_METHOD_PROPORTIONAL) {
            jstr(out, m->indicators[comp->indicator]);
            fputs(", ", out);
            ok &= jexact(out, "indicator_total", r, ABG_EXACT_INDICATOR_TOTAL,
                         0, c);
        } else {
            fputs("null", out);
        }
        fputs(", ", out);
        jmoney(out, "amount", comp->amount);
        fputs(", ", out);
        jmoney(out, "column_sum", r->column_sums[c]);
        fputs(", \"note\": ", out);
        jstr(out, comp->note);
        fputc('}', out);
    }
    fputs("\n  ]", out);
    jformulas(out, m);
    fputs(",\n  \"areas\": [", out);
    for (size_t a = 0; a < m->n_areas; a++) {
        const abg_area *area = &m->areas[a];
        const abg_area_rounding *ar = &r->areas[a];
        fputs(a ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
        jstr(out, area->name);
        fputs(", \"indicators\": {", out);
        for (size_t i = 0; i < m->n_indicators; i++) {
            fputs(i ? ", " : "", out);
            jstr(out, m->indicators[i]);
            fputs(": ", out);
            /* As a string: indicators may have more digits than a double.
             * A derived one: its exact fraction (decimal below). */
            if (abg_model_is_derived(m, i)) {
                jstr(out, m->derived[i].fraction[a]);
                continue;
            }
            abg_decimal_format(buf, sizeof buf, area->values[i]);
            {
                char plain_digits[128];
                size_t k = 0;
                for (const char *p = buf; *p && k + 1 < sizeof plain_digits;
                     p++)
                    if (*p != ',')
                        plain_digits[k++] = *p;
                plain_digits[k] = '\0';
                jstr(out, plain_digits);
            }
        }
        fputs("}", out);
        if (m->derived)
            ok &= jderived(out, m, a);
        fputs(",\n     \"components\": {", out);
        for (size_t c = 0; c < nc; c++) {
            fputs(c ? ",\n       " : "\n       ", out);
            jstr(out, m->components[c].name);
            fputs(": {", out);
            ok &= jexact(out, "exact", r, ABG_EXACT_QUOTA, a, c);
            fputs(", ", out);
            jmoney(out, "shown", r->cells[a * nc + c]);
            fputc('}', out);
        }
        fputs("},\n     ", out);
        if (area->has_previous) {
            jmoney(out, "previous", area->previous);
            fputs(", ", out);
            jmoney(out, "change", ar->total - area->previous);
            fprintf(out, ", \"change_percent\": \"%s\", ",
                    abg_percent_change(buf, sizeof buf, area->previous,
                                       ar->total - area->previous));
        }
        if (r->damped) {
            static const char *const steps[] = {"formula", "after_pace",
                                                "after_floor", "after_ceiling",
                                                "after_minimum"};
            fputs("\"waterfall\": {", out);
            for (int k = 0; k < ABG_STAGE_COUNT; k++) {
                fputs(k ? ", " : "", out);
                ok &= jexact(out, steps[k], r, ABG_EXACT_STAGE, a, (size_t)k);
            }
            fputs("},\n     ", out);
        }
        ok &= jexact(out, "exact_total", r, ABG_EXACT_TOTAL, a, 0);
        fputs(",\n     ", out);
        jmoney(out, "floor", ar->floor);
        fputs(", ", out);
        ok &= jexact(out, "remainder", r, ABG_EXACT_REMAINDER, a, 0);
        fprintf(out, ", \"rank\": %zu, ", ar->rank);
        jmoney(out, "added", ar->added);
        fputs(", ", out);
        jmoney(out, "nearest", ar->nearest);
        fputs(", ", out);
        jmoney(out, "total", ar->total);
        fputc('}', out);
    }
    fputs("\n  ],\n  \"sums\": {", out);
    {
        int64_t total = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            total += r->areas[a].total;
        jmoney(out, "totals", total);
        if (abg_model_all_previous(m)) {
            int64_t prev = 0;
            for (size_t a = 0; a < m->n_areas; a++)
                prev += m->areas[a].previous;
            fputs(", ", out);
            jmoney(out, "previous", prev);
            fputs(", ", out);
            jmoney(out, "change", total - prev);
            fprintf(out, ", \"change_percent\": \"%s\"",
                    abg_percent_change(buf, sizeof buf, prev, total - prev));
        }
    }
    fputs(", ", out);
    jmoney(out, "floors", r->floor_sum);
    fputs(", ", out);
    jmoney(out, "nearest", r->nearest_sum);
    fprintf(out,
            ", \"units_added\": %lld},\n  \"budget\": ", (long long)r->units);
    if (m->has_budget) {
        int64_t sum = m->pot;
        fputs("{\"title\": ", out);
        jstr(out, m->budget_title);
        fputs(", ", out);
        jmoney(out, "total", m->budget_total);
        fputs(", \"streams\": [{\"name\": \"pot\", \"title\": ", out);
        jstr(out, m->pot_title ? m->pot_title : m->title);
        fputs(", ", out);
        jmoney(out, "amount", m->pot);
        fputc('}', out);
        for (size_t s = 0; s < m->n_streams; s++) {
            fputs(", {\"name\": ", out);
            jstr(out, m->streams[s].name);
            fputs(", \"title\": ", out);
            jstr(out, m->streams[s].title);
            fputs(", ", out);
            jmoney(out, "amount", m->streams[s].amount);
            fputc('}', out);
            sum += m->streams[s].amount;
        }
        fputs("], ", out);
        jmoney(out, "unallocated", m->budget_total - sum);
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"findings\": [", out);
    for (size_t i = 0; i < r->n_findings; i++) {
        const abg_finding *f = &r->findings[i];
        fprintf(out, "%s\n    {\"kind\": \"%s\", ", i ? "," : "",
                finding_kind(f->kind));
        if (f->kind == ABG_FINDING_COLUMN_SUM) {
            fputs("\"component\": ", out);
            jstr(out, m->components[f->component].name);
            fputs(", ", out);
        } else if (f->kind != ABG_FINDING_NEAREST_SUM &&
                   f->kind != ABG_FINDING_UNALLOCATED) {
            fputs("\"area\": ", out);
            jstr(out, m->areas[f->area].name);
            fputs(", ", out);
        }
        jmoney(out, "shown", f->shown);
        fputs(", ", out);
        jmoney(out, "expected", f->expected);
        fputs(", \"text\": ", out);
        jstr(out, f->text);
        fputc('}', out);
    }
    fputs("\n  ]\n}\n", out);
    if (!ok)
        return ABG_ERROR_MEMORY;
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
