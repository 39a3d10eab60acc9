/*
 * utf8.c - decoding one UTF-8 sequence strictly: the one check the INI
 * reader, the CSV reader and the text writers share; and the
 * bidirectional controls both readers refuse.
 *
 * SPDX-License-Identifier: MIT
 */
#include "utf8.h"

size_t abg_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    size_t len;
    unsigned min, c;

    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0)
        len = 2, min = 0x80, c = s[0] & 0x1Fu;
    else if ((s[0] & 0xF0) == 0xE0)
        len = 3, min = 0x800, c = s[0] & 0x0Fu;
    else if ((s[0] & 0xF8) == 0xF0)
        len = 4, min = 0x10000, c = s[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

const char *abg_utf8_bidi_name(unsigned cp)
{
    static const char *const embed[] = {
        "LEFT-TO-RIGHT EMBEDDING", "RIGHT-TO-LEFT EMBEDDING",
        "POP DIRECTIONAL FORMATTING", "LEFT-TO-RIGHT OVERRIDE",
        "RIGHT-TO-LEFT OVERRIDE"};
    static const char *const isolate[] = {
        "LEFT-TO-RIGHT ISOLATE", "RIGHT-TO-LEFT ISOLATE",
        "FIRST STRONG ISOLATE", "POP DIRECTIONAL ISOLATE"};

    if (cp >= 0x202A && cp <= 0x202E)
        return embed[cp - 0x202A];
    if (cp >= 0x2066 && cp <= 0x2069)
        return isolate[cp - 0x2066];
    return NULL;
}
