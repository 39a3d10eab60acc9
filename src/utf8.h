/*
 * utf8.h - decoding one UTF-8 sequence strictly (private to the library).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_UTF8_H
#define ABG_UTF8_H

#include <stddef.h>

/* Returns the length (1 to 4) of the valid UTF-8 sequence that starts s,
 * reading at most n bytes, and puts its code point in *cp; returns 0 when
 * the bytes are not one (overlong forms, surrogates and code points past
 * U+10FFFF included). */
size_t abg_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* The name of a bidirectional embedding, override or isolate (U+202A to
 * U+202E, U+2066 to U+2069), which make text display in another order
 * than it is stored ("Trojan Source"); NULL for any other code point. */
const char *abg_utf8_bidi_name(unsigned cp);

#endif /* ABG_UTF8_H */
