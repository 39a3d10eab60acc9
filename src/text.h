/*
 * text.h - laying out plain-text tables and CSV money, shared by the
 * report, comparison and sweep writers (private to the library).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_TEXT_H
#define ABG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Columns a UTF-8 string takes: characters, not bytes (the pound sign is
 * two bytes and one column). */
size_t abg_text_width(const char *s);

/* Writes s padded with spaces to w columns, on the right when `right`. */
void abg_text_pad(FILE *out, const char *s, size_t w, bool right);

/* Writes two spaces, then s right-aligned in w columns: a table cell. */
void abg_text_cell(FILE *out, const char *s, size_t w);

/* Writes ",13711.12": a CSV field of pence as a plain decimal. */
void abg_text_csv_money(FILE *out, int64_t pence);

#endif /* ABG_TEXT_H */
