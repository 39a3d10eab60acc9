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

#endif /* ABG_UTF8_H */
