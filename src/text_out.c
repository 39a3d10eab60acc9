/*
 * text_out.c - a buffered text writer for the large tables.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "text_out.h"

/* Writes the buffer out and empties it. */
static void flush(abg_text_out *o)
{
    if (o->len)
        fwrite(o->data, 1, o->len, o->out);
    o->len = 0;
}

char *abg_text_out_room(abg_text_out *o, size_t n)
{
    if (o->len >= ABG_TEXT_OUT_BLOCK)
        flush(o);
    if (o->cap - o->len < n) {
        size_t cap = o->cap ? o->cap : 2 * ABG_TEXT_OUT_BLOCK;
        char *grown;
        while (cap - o->len < n)
            cap *= 2;
        if (!(grown = realloc(o->data, cap))) {
            o->failed = true;
            return NULL;
        }
        o->data = grown, o->cap = cap;
    }
    return o->data + o->len;
}

void abg_text_out_commit(abg_text_out *o, size_t n)
{
    o->len += n;
}

void abg_text_out_put(abg_text_out *o, const char *s, size_t n)
{
    char *at = abg_text_out_room(o, n);

    if (at) {
        memcpy(at, s, n);
        o->len += n;
    }
}

void abg_text_out_char(abg_text_out *o, char c)
{
    char *at = abg_text_out_room(o, 1);

    if (at) {
        *at = c;
        o->len++;
    }
}

void abg_text_out_spaces(abg_text_out *o, size_t n)
{
    char *at = abg_text_out_room(o, n);

    if (at) {
        memset(at, ' ', n);
        o->len += n;
    }
}

bool abg_text_out_finish(abg_text_out *o)
{
    bool ok = !o->failed;

    flush(o);
    free(o->data);
    o->data = NULL, o->cap = 0;
    return ok;
}
