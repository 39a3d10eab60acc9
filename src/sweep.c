/*
 * sweep.c - ranges of values for one key, and the tables of a sweep.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "abg/output.h"
#include "abg/sweep.h"
#include "text.h"

/* A bound of a range: an exact decimal with the key's own dressing. */
typedef struct bound {
    abg_decimal value;  /* signed: units < 0 for a leading minus */
    bool percent;       /* written with a trailing % */
    bool sign;          /* written with a leading - or + */
} bound;

static abg_error parse_bound(bound *out, const char *text, size_t len,
                             const char **reason)
{
    char buf[64];

    if (len == 0 || len >= sizeof buf) {
        *reason = "is empty or too long";
        return ABG_ERROR_VALUE;
    }
    abg_error err;
    const char *digits = buf;
    bool minus;

    memcpy(buf, text, len);
    buf[len] = '\0';
    /* A key such as damping.floor takes signed changes (-10%, +2%), so a
     * range may cross zero. */
    out->sign = buf[0] == '-' || buf[0] == '+';
    minus = buf[0] == '-';
    digits += out->sign;
    out->percent = buf[len - 1] == '%';
    if (out->percent)
        err = abg_percent_parse(&out->value, digits, reason);
    else if (strncmp(digits, "\xC2\xA3", 2) == 0)
        err = abg_decimal_parse(&out->value, digits + 2, reason);
    else
        err = abg_decimal_parse(&out->value, digits, reason);
    if (!err && minus)
        out->value.units = -out->value.units;
    return err;
}

/* Brings a decimal to `scale` places (scale >= its own). */
static __int128 at_scale(abg_decimal d, int scale)
{
    __int128 v = d.units;

    for (int i = d.scale; i < scale; i++)
        v *= 10;
    return v;
}

/* One value of a range as the key takes it; with sign, a value above
 * zero gets a leading + (a signed key refuses a bare 2%). */
static char *format_value(__int128 v, int scale, bool percent, bool sign)
{
    char digits[64], out[80];
    __int128 p = 1, mag = v < 0 ? -v : v;

    for (int i = 0; i < scale; i++)
        p *= 10;
    if (scale)
        snprintf(digits, sizeof digits, "%lld.%0*lld", (long long)(mag / p),
                 scale & 15, (long long)(mag % p));
    else
        snprintf(digits, sizeof digits, "%lld", (long long)mag);
    snprintf(out, sizeof out, "%s%s%s",
             v < 0 ? "-" : (sign && v > 0 ? "+" : ""), digits,
             percent ? "%" : "");
    return strdup(out);
}

abg_error abg_sweep_parse(char **key, char ***values, size_t *n,
                          const char *spec, abg_diag *diag)
{
    const char *eq = strchr(spec, '='), *c1, *c2, *reason = "";
    bound lo, step, hi;
    __int128 a, b, s;
    int scale;
    size_t count;
    char **list;

    *key = NULL, *values = NULL, *n = 0;
    c1 = eq ? strchr(eq + 1, ':') : NULL;
    c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!eq || eq == spec || !c1 || !c2 || strchr(c2 + 1, ':'))
        return abg_diag_set(diag, ABG_ERROR_VALUE, "--vary", 0,
                            "write KEY=START:END:STEP, such as "
                            "component.crime.share=20%:60%:5%",
                            "\"%s\" is not a range", spec);
    if (parse_bound(&lo, eq + 1, (size_t)(c1 - eq - 1), &reason) ||
        parse_bound(&hi, c1 + 1, (size_t)(c2 - c1 - 1), &reason) ||
        parse_bound(&step, c2 + 1, strlen(c2 + 1), &reason))
        return abg_diag_set(diag, ABG_ERROR_VALUE, "--vary", 0,
                            "write each bound as the key takes it: 20% for "
                            "a share, 400000 for money",
                            "a bound of \"%s\" %s", spec, reason);
    if (lo.percent != hi.percent || lo.percent != step.percent)
        return abg_diag_set(diag, ABG_ERROR_VALUE, "--vary", 0,
                            "write all three with % or none",
                            "\"%s\" mixes percentages and plain numbers",
                            spec);
    scale = lo.value.scale;
    if (hi.value.scale > scale)
        scale = hi.value.scale;
    if (step.value.scale > scale)
        scale = step.value.scale;
    a = at_scale(lo.value, scale);
    b = at_scale(hi.value, scale);
    s = at_scale(step.value, scale);
    if (s <= 0 || b < a || (b - a) / s + 1 > ABG_SWEEP_MAX_STEPS)
        return abg_diag_set(diag, ABG_ERROR_VALUE, "--vary", 0,
                            "give a positive step, START at most END, and "
                            "at most 1000 steps",
                            "\"%s\" is not a usable range", spec);
    count = (size_t)((b - a) / s) + 1;
    list = calloc(count, sizeof *list);
    *key = strndup(spec, (size_t)(eq - spec));
    if (!list || !*key) {
        free(list), free(*key);
        *key = NULL;
        return abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                            "out of memory");
    }
    for (size_t i = 0; i < count; i++)
        if (!(list[i] = format_value(a + (__int128)i * s, scale,
                                     lo.percent, lo.sign || hi.sign))) {
            for (size_t k = 0; k < i; k++)
                free(list[k]);
            free(list), free(*key);
            *key = NULL;
            return abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                                "out of memory");
        }
    *values = list;
    *n = count;
    return ABG_OK;
}

/* Returns true when the step models' i-th change is the same in every
 * step: a --set, not a varied key (a key with one value counts as set). */
static bool fixed_change(const abg_sweep_step *steps, size_t n, size_t i)
{
    for (size_t k = 1; k < n; k++)
        if (i >= steps[k].model->n_sets ||
            strcmp(steps[k].model->sets[i], steps[0].model->sets[i]) != 0)
            return false;
    return true;
}

/* What produced a sweep, in one line: the file, each --set and the keys
 * that vary. */
static void sweep_from(FILE *out, const abg_sweep_step *steps, size_t n,
                       const char *varied)
{
    const abg_model *m = steps[0].model;

    fprintf(out, "From: %s", m->file ? m->file : "(no file)");
    for (size_t i = 0; i < m->n_sets; i++)
        if (fixed_change(steps, n, i))
            fprintf(out, ", --set %s", m->sets[i]);
    fprintf(out, ", varying %s\n", varied);
}

/* Lowest and highest total of one area over the steps. */
static void range_of(const abg_sweep_step *steps, size_t n, size_t a,
                     int64_t *lo, int64_t *hi)
{
    *lo = *hi = steps[0].result->areas[a].total;
    for (size_t k = 1; k < n; k++) {
        int64_t t = steps[k].result->areas[a].total;
        if (t < *lo)
            *lo = t;
        if (t > *hi)
            *hi = t;
    }
}

abg_error abg_sweep_table(FILE *out, const char *varied,
                          const abg_sweep_step *steps, size_t n)
{
    const abg_model *m = steps[0].model;
    const char *sym = abg_money_symbol(m->currency);
    bool whole = m->round_to >= 100;
    size_t w0 = abg_text_width("Area"), w = abg_text_width("Range");
    char buf[64];

    for (size_t a = 0; a < m->n_areas; a++)
        if (abg_text_width(m->areas[a].name) > w0)
            w0 = abg_text_width(m->areas[a].name);
    if (abg_text_width(abg_money_format(buf, sizeof buf, m->pot, sym, true, whole,
                               false)) > w)
        w = abg_text_width(buf);
    for (size_t k = 0; k < n; k++)
        if (abg_text_width(steps[k].label) > w)
            w = abg_text_width(steps[k].label);
    fprintf(out, "%s: each area's allocation as %s varies\n", m->title,
            varied);
    sweep_from(out, steps, n, varied);
    fputc('\n', out);
    fprintf(out, "%-*s", (int)w0, "Area");
    for (size_t k = 0; k < n; k++)
        abg_text_cell(out, steps[k].label, w);
    abg_text_cell(out, "Lowest", w);
    abg_text_cell(out, "Highest", w);
    abg_text_cell(out, "Range", w);
    fputc('\n', out);
    for (size_t a = 0; a < m->n_areas; a++) {
        int64_t lo, hi;
        fputs(m->areas[a].name, out);
        for (size_t k = abg_text_width(m->areas[a].name); k < w0; k++)
            fputc(' ', out);
        for (size_t k = 0; k < n; k++)
            abg_text_cell(out, abg_money_format(buf, sizeof buf,
                                       steps[k].result->areas[a].total, sym,
                                       true, whole, false), w);
        range_of(steps, n, a, &lo, &hi);
        abg_text_cell(out, abg_money_format(buf, sizeof buf, lo, sym, true, whole,
                                   false), w);
        abg_text_cell(out, abg_money_format(buf, sizeof buf, hi, sym, true, whole,
                                   false), w);
        abg_text_cell(out, abg_money_format(buf, sizeof buf, hi - lo, sym, true,
                                   whole, false), w);
        fputc('\n', out);
    }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_sweep_csv_write(FILE *out, const abg_sweep_step *steps,
                              size_t n)
{
    const abg_model *m = steps[0].model;
    size_t col = 0;

    abg_text_csv_cell(out, col++, "area");
    for (size_t k = 0; k < n; k++)
        abg_text_csv_cell(out, col++, steps[k].label);
    abg_text_csv_cell(out, col++, "lowest");
    abg_text_csv_cell(out, col++, "highest");
    abg_text_csv_cell(out, col, "range");
    abg_text_csv_end(out);
    for (size_t a = 0; a < m->n_areas; a++) {
        int64_t lo, hi;

        col = 0;
        abg_text_csv_cell(out, col++, m->areas[a].name);
        for (size_t k = 0; k < n; k++)
            abg_text_csv_money(out, col++, steps[k].result->areas[a].total);
        range_of(steps, n, a, &lo, &hi);
        abg_text_csv_money(out, col++, lo);
        abg_text_csv_money(out, col++, hi);
        abg_text_csv_money(out, col, hi - lo);
        abg_text_csv_end(out);
    }
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_sweep_json_write(FILE *out, const abg_sweep_step *steps,
                               size_t n)
{
    const abg_model *m = steps[0].model;
    char buf[40];

    bool first = true;

    /* What produced the figures: the file and the --set changes every
     * step shares (each step's label gives the varied values). */
    fputs("{\n  \"title\": ", out);
    abg_json_string(out, m->title);
    fputs(", \"file\": ", out);
    abg_json_string(out, m->file);
    fputs(", \"sets\": [", out);
    for (size_t i = 0; i < m->n_sets; i++)
        if (fixed_change(steps, n, i)) {
            fputs(first ? "" : ", ", out);
            abg_json_string(out, m->sets[i]);
            first = false;
        }
    fputs("],\n  \"areas\": [", out);
    for (size_t a = 0; a < m->n_areas; a++) {
        fputs(a ? ", " : "", out);
        abg_json_string(out, m->areas[a].name);
    }
    fputs("],\n  \"steps\": [", out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",\n    {\"label\": " : "\n    {\"label\": ", out);
        abg_json_string(out, steps[k].label);
        fputs(", \"totals\": [", out);
        for (size_t a = 0; a < m->n_areas; a++)
            fprintf(out, "%s%s", a ? ", " : "",
                    abg_money_format(buf, sizeof buf,
                                     steps[k].result->areas[a].total, NULL,
                                     false, false, false));
        fputs("]}", out);
    }
    fputs("\n  ]\n}\n", out);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
