/*
 * text_out.h - a buffered text writer for the large tables (a row per
 * area): text is appended to a buffer and written to the stream in large
 * blocks, so that a million rows cost no million calls into stdio
 * (private to the library).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_TEXT_OUT_H
#define ABG_TEXT_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How many bytes are gathered before they are written. */
#define ABG_TEXT_OUT_BLOCK 65536

/* The writer: all-zero except `out` is ready to use. `failed` is set when
 * memory ran out (what could not be buffered is lost: the caller then
 * reports ABG_ERROR_MEMORY). */
typedef struct abg_text_out {
    FILE *out;
    char *data;
    size_t len, cap;
    bool failed;
} abg_text_out;

/* Returns room for n more bytes at the end of the buffer (the caller then
 * adds what it wrote with abg_text_out_commit), writing the buffer out
 * first when it holds a block; NULL when memory runs out. */
char *abg_text_out_room(abg_text_out *o, size_t n);

/* Counts n bytes written into the room abg_text_out_room gave. */
void abg_text_out_commit(abg_text_out *o, size_t n);

/* Appends n bytes of s. */
void abg_text_out_put(abg_text_out *o, const char *s, size_t n);

/* Appends one byte. */
void abg_text_out_char(abg_text_out *o, char c);

/* Appends n spaces. */
void abg_text_out_spaces(abg_text_out *o, size_t n);

/* Writes what is buffered to the stream and frees the buffer; returns
 * false when memory ran out at some point (the stream's own errors are
 * its ferror's to tell). */
bool abg_text_out_finish(abg_text_out *o);

#endif /* ABG_TEXT_OUT_H */
