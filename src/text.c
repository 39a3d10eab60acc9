/*
 * text.c - plain-text table cells and CSV money.
 *
 * SPDX-License-Identifier: MIT
 */
#include "abg/money.h"
#include "text.h"

size_t abg_text_width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void abg_text_pad(FILE *out, const char *s, size_t w, bool right)
{
    size_t n = abg_text_width(s);

    if (!right)
        fputs(s, out);
    for (; n < w; n++)
        fputc(' ', out);
    if (right)
        fputs(s, out);
}

void abg_text_cell(FILE *out, const char *s, size_t w)
{
    fputs("  ", out);
    abg_text_pad(out, s, w, true);
}

void abg_text_csv_money(FILE *out, int64_t pence)
{
    char buf[40];

    fputc(',', out);
    fputs(abg_money_format(buf, sizeof buf, pence, NULL, false, false, false),
          out);
}
