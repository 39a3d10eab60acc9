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
    abg_decimal value; /* signed: units < 0 for a leading minus */
    bool percent;      /* written with a trailing % */
    bool sign;         /* written with a leading - or + */
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
        if (!(list[i] = format_value(a + (__int128)i * s, scale, lo.percent,
                                     lo.sign || hi.sign))) {
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

/* What produced a sweep, in one line: the file, each --set and the keys
 * that vary. */
static void sweep_from(FILE *out, const abg_sweep_results *s,
                       const char *varied)
{
    const abg_model *m = s->model;

    fprintf(out, "From: %s", m->file ? m->file : "(no file)");
    for (size_t i = 0; i < s->n_fixed_sets; i++)
        fprintf(out, ", --set %s", m->sets[i]);
    fprintf(out, ", varying %s\n", varied);
}

/* "00" to "99", two characters each. */
static const char PAIRS[201] = "0001020304050607080910111213141516171819"
                               "2021222324252627282930313233343536373839"
                               "4041424344454647484950515253545556575859"
                               "6061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

/* abg_money_format(buf, size, pence, sym, group, whole, false) written
 * straight into buf (at least 48 bytes), three digits at a time, for the
 * sweep's many figures; returns the length. tests/cli compares the
 * tables with golden files, and cli/sweep-paths the JSON with run's CSV,
 * so a difference from abg_money_format shows there. */
static size_t money_text(char *buf, int64_t pence, const char *sym,
                         size_t sym_len, bool group, bool whole)
{
    uint64_t mag = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    uint64_t units = mag / 100;
    unsigned cents = (unsigned)(mag % 100);
    char tmp[48], *end = tmp + sizeof tmp, *p = end;
    size_t o = 0;

    if (!whole || cents != 0) {
        p -= 3;
        p[0] = '.', p[1] = PAIRS[2 * cents], p[2] = PAIRS[2 * cents + 1];
    }
    while (units >= 1000) {
        unsigned g = (unsigned)(units % 1000);
        units /= 1000;
        p -= 3;
        p[0] = (char)('0' + g / 100);
        p[1] = PAIRS[2 * (g % 100)], p[2] = PAIRS[2 * (g % 100) + 1];
        if (group)
            *--p = ',';
    }
    if (units >= 100) {
        p -= 3;
        p[0] = (char)('0' + units / 100);
        p[1] = PAIRS[2 * (units % 100)], p[2] = PAIRS[2 * (units % 100) + 1];
    } else if (units >= 10) {
        p -= 2;
        p[0] = PAIRS[2 * units], p[1] = PAIRS[2 * units + 1];
    } else {
        *--p = (char)('0' + units);
    }
    /* Byte by byte: a call to memcpy costs more than these few bytes. */
    if (pence < 0)
        buf[o++] = '-';
    for (size_t i = 0; i < sym_len; i++)
        buf[o++] = sym[i];
    while (p < end)
        buf[o++] = *p++;
    buf[o] = '\0';
    return o;
}

/* Appends abg_text_cell(out, money, w)'s text to row at *at: two spaces,
 * then the figure right-aligned to w characters. */
static void money_cell(char *row, size_t *at, int64_t pence, const char *sym,
                       size_t sym_len, size_t sym_width, bool whole, size_t w)
{
    char buf[64];
    size_t len = money_text(buf, pence, sym, sym_len, true, whole);
    size_t width = len - sym_len + sym_width;

    row[(*at)++] = ' ';
    row[(*at)++] = ' ';
    for (; width < w; width++)
        row[(*at)++] = ' ';
    for (size_t i = 0; i < len; i++)
        row[(*at)++] = buf[i];
}

/* Allocates the ranges' arrays (sweep.h). */
abg_error abg_sweep_ranges_init(abg_sweep_ranges *r, size_t n_areas)
{
    r->lowest = malloc((n_areas + 1) * sizeof *r->lowest);
    r->highest = malloc((n_areas + 1) * sizeof *r->highest);
    r->lowest_step = malloc((n_areas + 1) * sizeof *r->lowest_step);
    r->highest_step = malloc((n_areas + 1) * sizeof *r->highest_step);
    return r->lowest && r->highest && r->lowest_step && r->highest_step
        ? ABG_OK
        : ABG_ERROR_MEMORY;
}

/* Frees the ranges' arrays (sweep.h). */
void abg_sweep_ranges_free(abg_sweep_ranges *r)
{
    free(r->lowest), free(r->highest);
    free(r->lowest_step), free(r->highest_step);
}

/* Folds one step's totals into the ranges (sweep.h). */
void abg_sweep_ranges_add(abg_sweep_ranges *r, size_t step,
                          const int64_t *totals, size_t n_areas)
{
    int64_t *restrict lowest = r->lowest, *restrict highest = r->highest;
    uint16_t *restrict lo_step = r->lowest_step;
    uint16_t *restrict hi_step = r->highest_step;
    uint16_t k = (uint16_t)step;

    if (step == 0) {
        memcpy(lowest, totals, n_areas * sizeof *totals);
        memcpy(highest, totals, n_areas * sizeof *totals);
        memset(lo_step, 0, n_areas * sizeof *lo_step);
        memset(hi_step, 0, n_areas * sizeof *hi_step);
        return;
    }
    /* Every value loaded, then chosen: conditional moves, no branches
     * (whether a step gives a new lowest or highest is as good as
     * random). */
    for (size_t a = 0; a < n_areas; a++) {
        int64_t t = totals[a], lo = lowest[a], hi = highest[a];
        uint16_t lo_k = lo_step[a], hi_k = hi_step[a];
        bool below = t < lo;
        bool above = t > hi;
        lowest[a] = below ? t : lo;
        lo_step[a] = below ? k : lo_k;
        highest[a] = above ? t : hi;
        hi_step[a] = above ? k : hi_k;
    }
}

/* One area's lowest and highest total over the steps, and the first step
 * that gives each. */
typedef struct range {
    int64_t lowest, highest;
    size_t lowest_step, highest_step;
} range;

/* Area a's range: from s->ranges, or found from the totals. */
static range range_of(const abg_sweep_results *s, size_t a)
{
    range r;

    if (s->ranges)
        return (range){s->ranges->lowest[a], s->ranges->highest[a],
                       s->ranges->lowest_step[a], s->ranges->highest_step[a]};
    r = (range){s->totals[a], s->totals[a], 0, 0};
    for (size_t k = 1; k < s->n_steps; k++) {
        int64_t t = s->totals[k * s->n_areas + a];
        if (t < r.lowest)
            r.lowest = t, r.lowest_step = k;
        if (t > r.highest)
            r.highest = t, r.highest_step = k;
    }
    return r;
}

/* The widest of the area names (at least "Area") and of the money
 * columns (at least `head`, the pot and, with labels, every label). */
static void widths(const abg_sweep_results *s, const char *head, bool labels,
                   size_t *w0, size_t *w)
{
    const abg_model *m = s->model;
    char buf[64];

    *w0 = abg_text_width("Area");
    *w = abg_text_width(head);
    for (size_t a = 0; a < m->n_areas; a++)
        if (abg_text_width(m->areas[a].name) > *w0)
            *w0 = abg_text_width(m->areas[a].name);
    if (abg_text_width(abg_money_format(buf, sizeof buf, m->pot,
                                        abg_money_symbol(m->currency), true,
                                        m->round_to >= 100, false)) > *w)
        *w = abg_text_width(buf);
    for (size_t k = 0; labels && k < s->n_steps; k++)
        if (abg_text_width(s->labels[k]) > *w)
            *w = abg_text_width(s->labels[k]);
}

/* Writes an area's name padded to w0. */
static void name_cell(FILE *out, const char *name, size_t w0)
{
    fputs(name, out);
    for (size_t k = abg_text_width(name); k < w0; k++)
        fputc(' ', out);
}

/* n with a comma between thousands ("1,000") in buf (at least 32
 * bytes); returns buf. */
static const char *count_text(char *buf, size_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;

    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* The table of a sweep of more steps than fit: each area's lowest and
 * highest with the first step that gives each, and the range. */
static abg_error wide_table(FILE *out, const abg_sweep_results *s)
{
    const abg_model *m = s->model;
    const char *sym = abg_money_symbol(m->currency);
    bool whole = m->round_to >= 100;
    size_t w0, w, wl = abg_text_width("at");
    size_t sym_len = strlen(sym), sym_width = abg_text_width(sym);
    char row[4 * 64 + 16], buf[32];

    widths(s, "Highest", false, &w0, &w);
    for (size_t k = 0; k < s->n_steps; k++)
        if (abg_text_width(s->labels[k]) > wl)
            wl = abg_text_width(s->labels[k]);
    fprintf(out, "%-*s", (int)w0, "Area");
    abg_text_cell(out, "Lowest", w);
    fputs("  ", out);
    abg_text_pad(out, "at", wl, false);
    abg_text_cell(out, "Highest", w);
    fputs("  ", out);
    abg_text_pad(out, "at", wl, false);
    abg_text_cell(out, "Range", w);
    fputc('\n', out);
    for (size_t a = 0; a < m->n_areas; a++) {
        range r = range_of(s, a);
        size_t at = 0;
        name_cell(out, m->areas[a].name, w0);
        money_cell(row, &at, r.lowest, sym, sym_len, sym_width, whole, w);
        fwrite(row, 1, at, out);
        fputs("  ", out);
        abg_text_pad(out, s->labels[r.lowest_step], wl, false);
        at = 0;
        money_cell(row, &at, r.highest, sym, sym_len, sym_width, whole, w);
        fwrite(row, 1, at, out);
        fputs("  ", out);
        abg_text_pad(out, s->labels[r.highest_step], wl, false);
        at = 0;
        money_cell(row, &at, r.highest - r.lowest, sym, sym_len, sym_width,
                   whole, w);
        row[at++] = '\n';
        fwrite(row, 1, at, out);
    }
    fprintf(out,
            "\n%s steps, from %s to %s: too many to show each\n"
            "(more than %d), so each area's lowest and highest are shown "
            "with the first\nstep that gives each; --csv, --json, -o and "
            "--html hold every step.\n",
            count_text(buf, s->n_steps), s->labels[0],
            s->labels[s->n_steps - 1], ABG_SWEEP_TABLE_MAX_STEPS);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_sweep_table(FILE *out, const char *varied,
                          const abg_sweep_results *s)
{
    const abg_model *m = s->model;
    const char *sym = abg_money_symbol(m->currency);
    bool whole = m->round_to >= 100;
    size_t n = s->n_steps, w0, w;
    size_t sym_len = strlen(sym), sym_width = abg_text_width(sym);
    char *row;

    fprintf(out, "%s: each area's allocation as %s varies\n", m->title,
            varied);
    sweep_from(out, s, varied);
    fputc('\n', out);
    if (n > ABG_SWEEP_TABLE_MAX_STEPS || !s->totals)
        return wide_table(out, s);
    widths(s, "Range", true, &w0, &w);
    fprintf(out, "%-*s", (int)w0, "Area");
    for (size_t k = 0; k < n; k++)
        abg_text_cell(out, s->labels[k], w);
    abg_text_cell(out, "Lowest", w);
    abg_text_cell(out, "Highest", w);
    abg_text_cell(out, "Range", w);
    fputc('\n', out);
    /* Each row is made in memory and written at once. */
    row = malloc((n + 3) * (w + 2 + 64) + 2);
    if (!row)
        return ABG_ERROR_MEMORY;
    for (size_t a = 0; a < m->n_areas; a++) {
        range r = range_of(s, a);
        size_t at = 0;
        name_cell(out, m->areas[a].name, w0);
        for (size_t k = 0; k < n; k++)
            money_cell(row, &at, s->totals[k * s->n_areas + a], sym, sym_len,
                       sym_width, whole, w);
        money_cell(row, &at, r.lowest, sym, sym_len, sym_width, whole, w);
        money_cell(row, &at, r.highest, sym, sym_len, sym_width, whole, w);
        money_cell(row, &at, r.highest - r.lowest, sym, sym_len, sym_width,
                   whole, w);
        row[at++] = '\n';
        fwrite(row, 1, at, out);
    }
    free(row);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

/* Areas copied at a time by abg_sweep_csv_write(). */
#define CSV_BLOCK 16

/* Writes area a's CSV row: its name, its totals (one per step, from
 * figures) and its lowest, highest and range, made in row. */
static void csv_row(FILE *out, const abg_sweep_results *s, size_t a,
                    const int64_t *figures, char *row)
{
    range r = range_of(s, a);
    int64_t last[3] = {r.lowest, r.highest, r.highest - r.lowest};
    size_t at = 0;

    abg_text_csv_cell(out, 0, s->model->areas[a].name);
    for (size_t k = 0; k < s->n_steps; k++) {
        row[at++] = ',';
        at += money_text(row + at, figures[k], "", 0, false, false);
    }
    for (size_t k = 0; k < 3; k++) {
        row[at++] = ',';
        at += money_text(row + at, last[k], "", 0, false, false);
    }
    row[at++] = '\n';
    fwrite(row, 1, at, out);
}

abg_error abg_sweep_csv_write(FILE *out, const abg_sweep_results *s)
{
    const abg_model *m = s->model;
    size_t col = 0, n = s->n_steps;
    char *row;
    int64_t *block;

    abg_text_csv_cell(out, col++, "area");
    for (size_t k = 0; k < n; k++)
        abg_text_csv_cell(out, col++, s->labels[k]);
    abg_text_csv_cell(out, col++, "lowest");
    abg_text_csv_cell(out, col++, "highest");
    abg_text_csv_cell(out, col, "range");
    abg_text_csv_end(out);
    /* Figures are plain numbers, never quoted nor guarded
     * (abg_text_csv_money): each row is made in memory. The grid is held
     * step by step, so a block of areas is first copied area by area
     * (a row's figures then lie together, not a step apart). */
    row = malloc((n + 3) * 48 + 2);
    block = malloc((CSV_BLOCK * n + 1) * sizeof *block);
    if (!row || !block) {
        free(row), free(block);
        return ABG_ERROR_MEMORY;
    }
    for (size_t a0 = 0; a0 < m->n_areas; a0 += CSV_BLOCK) {
        size_t nb = m->n_areas - a0 < CSV_BLOCK ? m->n_areas - a0 : CSV_BLOCK;
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < nb; i++)
                block[i * n + k] = s->totals[k * s->n_areas + a0 + i];
        for (size_t i = 0; i < nb; i++)
            csv_row(out, s, a0 + i, &block[i * n], row);
    }
    free(row);
    free(block);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}

abg_error abg_sweep_json_write(FILE *out, const abg_sweep_results *s)
{
    const abg_model *m = s->model;
    char buf[4096];

    /* What produced the figures: the file and the --set changes every
     * step shares (each step's label gives the varied values). */
    fputs("{\n  \"title\": ", out);
    abg_json_string(out, m->title);
    fputs(", \"file\": ", out);
    abg_json_string(out, m->file);
    fputs(", \"sets\": [", out);
    for (size_t i = 0; i < s->n_fixed_sets; i++) {
        fputs(i ? ", " : "", out);
        abg_json_string(out, m->sets[i]);
    }
    fputs("],\n  \"areas\": [", out);
    for (size_t a = 0; a < m->n_areas; a++) {
        fputs(a ? ", " : "", out);
        abg_json_string(out, m->areas[a].name);
    }
    fputs("],\n  \"steps\": [", out);
    for (size_t k = 0; k < s->n_steps; k++) {
        const int64_t *t = &s->totals[k * s->n_areas];
        fputs(k ? ",\n    {\"label\": " : "\n    {\"label\": ", out);
        abg_json_string(out, s->labels[k]);
        fputs(", \"totals\": [", out);
        /* In chunks made in memory: a call per figure costs more. */
        for (size_t a = 0, at = 0; a < m->n_areas; a++) {
            if (a)
                buf[at++] = ',', buf[at++] = ' ';
            at += money_text(buf + at, t[a], "", 0, false, false);
            if (at > sizeof buf - 64 || a + 1 == m->n_areas) {
                fwrite(buf, 1, at, out);
                at = 0;
            }
        }
        fputs("]}", out);
    }
    fputs("\n  ]\n}\n", out);
    return ferror(out) ? ABG_ERROR_WRITE : ABG_OK;
}
