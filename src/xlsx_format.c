/*
 * xlsx_format.c - the workbook's formats, each created once and shared by
 * every sheet: currency in the model's symbol, inputs in yellow.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "xlsx_internal.h"

/* Excel's own "Input", "Good" and "Bad" cell styles. */
#define INPUT_FILL 0xFFF2CC
#define INPUT_BORDER 0xBF9000
#define HEADING_FILL 0xDDEBF7
#define GOOD_FILL 0xC6EFCE
#define GOOD_FONT 0x006100
#define BAD_FILL 0xFFC7CE
#define BAD_FONT 0x9C0006

/* A number format for money with `decimals` places: "£"#,##0.00, or
 * #,##0.00" NOK" for a currency without a symbol. */
static const char *money_format(const abg_xlsx *x, char *buf, size_t size,
                                int decimals, bool plus)
{
    char digits[32] = "#,##0";
    char body[48];

    if (decimals > 0) {
        size_t n = strlen(digits);
        digits[n++] = '.';
        for (int i = 0; i < decimals && n + 1 < sizeof digits; i++)
            digits[n++] = '0';
        digits[n] = '\0';
    }
    if (x->symbol[0])
        snprintf(body, sizeof body, "\"%s\"%s", x->symbol, digits);
    else
        snprintf(body, sizeof body, "%s\" %s\"", digits, x->m->currency);
    if (plus)
        snprintf(buf, size, "+%s;-%s;%s", body, body, body);
    else
        snprintf(buf, size, "%s", body);
    return buf;
}

/* A new format, or NULL with the writer marked out of memory. */
static lxw_format *add(abg_xlsx *x)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (!f)
        abg_xlsx_no_memory(x);
    return f;
}

/* Styles an input cell: yellow with a thin dark-yellow border. */
static void as_input(lxw_format *f)
{
    format_set_bg_color(f, INPUT_FILL);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, INPUT_BORDER);
}

/* Styles a totals row: bold, a rule above and a double rule below. */
static void as_total(lxw_format *f)
{
    format_set_bold(f);
    format_set_top(f, LXW_BORDER_THIN);
    format_set_bottom(f, LXW_BORDER_DOUBLE);
}

/* A number format with `scale` decimals: #,##0 or #,##0.000. */
static const char *decimal_format(char *buf, size_t size, int scale)
{
    snprintf(buf, size, "#,##0%s%.*s", scale > 0 ? "." : "", scale,
             "000000000000000");
    return buf;
}

void abg_xlsx_formats_create(abg_xlsx *x)
{
    abg_xlsx_formats *f = &x->f;
    char money[96], unit[96], rem[96], diff[160], tol[96], num[32];
    int unit_decimals = x->whole ? 0 : 2;
    lxw_format **all[] = {&f->title,
                          &f->subtitle,
                          &f->note,
                          &f->warning,
                          &f->bold,
                          &f->section,
                          &f->heading,
                          &f->heading_left,
                          &f->group,
                          &f->text,
                          &f->text_wrap,
                          &f->name,
                          &f->money,
                          &f->money_bold,
                          &f->total_money,
                          &f->total_text,
                          &f->unit_money,
                          &f->unit_money_bold,
                          &f->total_unit_money,
                          &f->remainder,
                          &f->kept,
                          &f->pence,
                          &f->integer,
                          &f->rank,
                          &f->percent,
                          &f->total_percent,
                          &f->change_pct,
                          &f->total_change_pct,
                          &f->diff,
                          &f->tolerance,
                          &f->result,
                          &f->pass,
                          &f->fail,
                          &f->check,
                          &f->in_money,
                          &f->in_unit_money,
                          &f->in_percent,
                          &f->in_text,
                          &f->legend_input,
                          &f->legend_formula};

    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = add(x)))
            return;
    for (int s = 0; s <= ABG_DECIMAL_MAX_SCALE; s++)
        if (!(f->number[s] = add(x)) || !(f->total_number[s] = add(x)) ||
            !(f->in_number[s] = add(x)))
            return;

    money_format(x, money, sizeof money, 2, false);
    money_format(x, unit, sizeof unit, unit_decimals, false);
    /* Remainders of a pound or more show to 4 places, of a penny to 6, as
     * the rounding findings print them. */
    money_format(x, rem, sizeof rem, x->r->unit >= 100 ? 4 : 6, false);
    money_format(x, diff, sizeof diff, 2, true);
    /* Tolerances are multiples of half a penny. */
    money_format(x, tol, sizeof tol, 3, false);

    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_italic(f->subtitle);
    format_set_italic(f->note);
    format_set_text_wrap(f->note);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(f->warning);
    format_set_font_color(f->warning, BAD_FONT);
    format_set_text_wrap(f->warning);
    format_set_bold(f->bold);
    format_set_bold(f->section);
    format_set_font_size(f->section, 12);

    format_set_bold(f->heading);
    format_set_text_wrap(f->heading);
    format_set_align(f->heading, LXW_ALIGN_CENTER);
    format_set_align(f->heading, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bg_color(f->heading, HEADING_FILL);
    format_set_bottom(f->heading, LXW_BORDER_THIN);
    format_set_bold(f->heading_left);
    format_set_text_wrap(f->heading_left);
    format_set_align(f->heading_left, LXW_ALIGN_LEFT);
    format_set_align(f->heading_left, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bg_color(f->heading_left, HEADING_FILL);
    format_set_bottom(f->heading_left, LXW_BORDER_THIN);
    format_set_bold(f->group);
    format_set_text_wrap(f->group);
    format_set_align(f->group, LXW_ALIGN_CENTER);
    format_set_align(f->group, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f->group, HEADING_FILL);
    format_set_border(f->group, LXW_BORDER_THIN);

    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f->text_wrap);
    format_set_align(f->text_wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_name(f->name, "Consolas");
    format_set_font_size(f->name, 10);

    format_set_num_format(f->money, money);
    format_set_num_format(f->money_bold, money);
    format_set_bold(f->money_bold);
    format_set_num_format(f->total_money, money);
    as_total(f->total_money);
    as_total(f->total_text);
    format_set_num_format(f->unit_money, unit);
    format_set_num_format(f->unit_money_bold, unit);
    format_set_bold(f->unit_money_bold);
    format_set_num_format(f->total_unit_money, unit);
    as_total(f->total_unit_money);
    format_set_num_format(f->remainder, rem);
    /* The Rounding sheet's remainders are fractions of a unit (kept) or
     * of a penny (pence), shown to ABG_XLSX_KEPT decimals: a remainder
     * the sheet holds as non-zero never reads as zero, nor one below the
     * unit as a whole unit, unless it is within 10^-12 of them. */
    format_set_num_format(f->kept,
                          decimal_format(num, sizeof num, ABG_XLSX_KEPT));
    format_set_num_format(f->pence,
                          decimal_format(num, sizeof num, ABG_XLSX_KEPT));
    format_set_num_format(f->integer, "0");
    format_set_num_format(f->rank, "0");
    format_set_align(f->rank, LXW_ALIGN_CENTER);
    format_set_num_format(f->percent, "0.00%");
    format_set_num_format(f->total_percent, "0.00%");
    as_total(f->total_percent);
    format_set_num_format(f->change_pct, "0.0%");
    format_set_num_format(f->total_change_pct, "0.0%");
    as_total(f->total_change_pct);
    format_set_num_format(f->diff, diff);
    format_set_num_format(f->tolerance, tol);
    format_set_text_wrap(f->check);
    format_set_bold(f->result);
    format_set_align(f->result, LXW_ALIGN_CENTER);
    format_set_bg_color(f->pass, GOOD_FILL);
    format_set_font_color(f->pass, GOOD_FONT);
    format_set_bg_color(f->fail, BAD_FILL);
    format_set_font_color(f->fail, BAD_FONT);

    format_set_num_format(f->in_money, money);
    as_input(f->in_money);
    format_set_num_format(f->in_unit_money, unit);
    as_input(f->in_unit_money);
    format_set_num_format(f->in_percent, "0.0########%");
    as_input(f->in_percent);
    as_input(f->in_text);
    for (int s = 0; s <= ABG_DECIMAL_MAX_SCALE; s++) {
        decimal_format(num, sizeof num, s);
        format_set_num_format(f->number[s], num);
        format_set_num_format(f->total_number[s], num);
        as_total(f->total_number[s]);
        format_set_num_format(f->in_number[s], num);
        as_input(f->in_number[s]);
    }
    as_input(f->legend_input);
    format_set_border(f->legend_formula, LXW_BORDER_THIN);
    format_set_border_color(f->legend_formula, 0xBFBFBF);
}
