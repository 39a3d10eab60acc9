/*
 * text.c - plain-text table cells and the one CSV cell writer.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abg/money.h"
#include "text.h"
#include "utf8.h"

size_t abg_text_width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

size_t abg_text_char_bytes(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned cp;

    /* A NUL is no continuation byte, so no more than the string is read. */
    return p[0] ? abg_utf8_decode(p, 4, &cp) : 0;
}

int abg_text_fit(const char *s, size_t max)
{
    size_t len = 0;

    while (s[len]) {
        size_t n = abg_text_char_bytes(s + len);

        n = n ? n : 1; /* a bad byte stands alone */
        if (len + n > max)
            break;
        len += n;
    }
    return (int)len;
}

size_t abg_text_xml_char_bytes(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = abg_text_char_bytes(s);

    if (n == 1 && p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r')
        return 0;
    /* U+FFFE and U+FFFF: EF BF BE, EF BF BF. */
    if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)
        return 0;
    return n;
}

bool abg_text_xml_ok(const char *s)
{
    for (size_t n; *s; s += n)
        if ((n = abg_text_xml_char_bytes(s)) == 0)
            return false;
    return true;
}

char *abg_text_xml_clean(const char *s)
{
    /* Each bad byte becomes the three bytes of U+FFFD at most. */
    char *out = malloc(strlen(s) * 3 + 1), *q = out;

    if (!out)
        return NULL;
    while (*s) {
        size_t n = abg_text_xml_char_bytes(s);

        if (n == 0) {
            memcpy(q, "\xEF\xBF\xBD", 3);
            q += 3;
            s++;
        } else {
            memcpy(q, s, n);
            q += n;
            s += n;
        }
    }
    *q = '\0';
    return out;
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

char *abg_text_exact(const abg_result *r, abg_exact_what what, size_t area,
                     size_t component, int places)
{
    char probe[1];
    int len = abg_result_exact(r, what, area, component, places, probe,
                               sizeof probe);
    char *buf = len < 0 ? NULL : malloc((size_t)len + 1);

    if (buf)
        abg_result_exact(r, what, area, component, places, buf,
                         (size_t)len + 1);
    return buf;
}

/* True when the decimal text (two places or more) reads as zero or as
 * the unit (pence) in pounds: "0.0000", or "1.0000" for a pound. */
static bool reads_as(const char *dec, int64_t unit)
{
    char whole[48];
    size_t n;

    if (strspn(dec, "-0.") == strlen(dec))
        return true;
    n = (size_t)snprintf(whole, sizeof whole, "%lld.%02lld",
                         (long long)(unit / 100), (long long)(unit % 100));
    return strncmp(dec, whole, n) == 0 &&
        strspn(dec + n, "0") == strlen(dec + n);
}

int abg_text_places(const abg_result *r, abg_exact_what what, size_t area,
                    size_t component, int64_t unit, int fewest)
{
    /* A long fraction (a quota over a rate) is not made to see whether
     * it is 0: its decimals alone say. */
    bool is_long = abg_result_exact_long(r, what, area, component);
    char *exact =
        is_long ? NULL : abg_text_exact(r, what, area, component, -1);
    int places = -1;

    if (fewest < 2)
        fewest = 2;
    if (exact && strcmp(exact, "0") == 0)
        places = fewest;
    for (int p = fewest;
         (exact || is_long) && places < 0 && p <= ABG_TEXT_MAX_PLACES; p++) {
        char *dec = abg_text_exact(r, what, area, component, p);

        if (!dec)
            break;
        if (!reads_as(dec, unit))
            places = p;
        free(dec);
    }
    free(exact);
    return places;
}

/* True when s is a plain decimal number: an optional minus, digits and
 * at most one point followed by digits. Such a cell is a figure, never a
 * formula, so it is written as it is. */
static bool plain_number(const char *s)
{
    static const char digits[] = "0123456789";
    size_t n;

    s += *s == '-';
    n = strspn(s, digits);
    if (n == 0)
        return false;
    s += n;
    if (*s == '.') {
        n = strspn(s + 1, digits);
        if (n == 0)
            return false;
        s += 1 + n;
    }
    return *s == '\0';
}

/* Whether a CSV cell of text needs quotes, and a leading single quote
 * (abg_text_csv_cell says when). */
static void csv_needs(const char *text, bool *quote, bool *formula)
{
    *formula = text[0] && strchr("=+-@\t\r", text[0]) && !plain_number(text);
    *quote = strpbrk(text, ",\"\r\n") != NULL;
}

void abg_text_csv_cell(FILE *out, size_t col, const char *text)
{
    bool formula, quote;

    csv_needs(text, &quote, &formula);
    if (col > 0)
        fputc(',', out);
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

void abg_text_csv_money(FILE *out, size_t col, int64_t pence)
{
    char buf[40];

    abg_text_csv_cell(
        out, col,
        abg_money_format(buf, sizeof buf, pence, NULL, false, false, false));
}

void abg_text_csv_end(FILE *out)
{
    fputc('\n', out);
}

void abg_text_out_csv_cell(abg_text_out *o, size_t col, const char *text)
{
    bool formula, quote;
    size_t len = strlen(text), quotes = 0;
    char *at;

    csv_needs(text, &quote, &formula);
    if (quote)
        for (const char *p = strchr(text, '"'); p; p = strchr(p + 1, '"'))
            quotes++;
    /* A comma, two quotes, an apostrophe, the text with its quotes
     * doubled. */
    if (!(at = abg_text_out_room(o, len + quotes + 4)))
        return;
    {
        char *p = at;
        if (col > 0)
            *p++ = ',';
        if (quote)
            *p++ = '"';
        if (formula)
            *p++ = '\'';
        if (quotes) {
            for (const char *t = text; *t; t++) {
                if (*t == '"')
                    *p++ = '"';
                *p++ = *t;
            }
        } else {
            memcpy(p, text, len);
            p += len;
        }
        if (quote)
            *p++ = '"';
        abg_text_out_commit(o, (size_t)(p - at));
    }
}

void abg_text_out_csv_money(abg_text_out *o, size_t col, int64_t pence)
{
    /* A plain decimal such as -12.50 is never quoted nor marked. */
    char *at = abg_text_out_room(o, 40);

    if (!at)
        return;
    if (col > 0)
        *at++ = ',';
    abg_text_out_commit(
        o,
        (col > 0) + abg_money_text(at, pence, NULL, 0, false, false, false));
}
