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

#include "abg/alloc.h"
#include "text_out.h"

/* Columns a UTF-8 string takes: characters, not bytes (the pound sign is
 * two bytes and one column). */
size_t abg_text_width(const char *s);

/* Bytes of the valid UTF-8 character at s (1 to 4), or 0 when s does
 * not start one (a stray, overlong or cut sequence, a surrogate). */
size_t abg_text_char_bytes(const char *s);

/* The bytes of s's longest start of at most max bytes that ends on a
 * character boundary: a %.*s precision that never cuts a character. */
int abg_text_fit(const char *s, size_t max);

/* Bytes of the character at s when an XML part can hold it (as
 * abg_text_char_bytes, and not a control character but tab, LF and CR,
 * U+FFFE or U+FFFF), or 0. */
size_t abg_text_xml_char_bytes(const char *s);

/* True when s is valid UTF-8 that an XML 1.0 part can hold: no control
 * character but tab, LF and CR, no U+FFFE or U+FFFF. */
bool abg_text_xml_ok(const char *s);

/* A copy of s with each byte that abg_text_xml_ok refuses replaced by
 * U+FFFD; the caller frees it. NULL when memory runs out. */
char *abg_text_xml_clean(const char *s);

/* Writes s padded with spaces to w columns, on the right when `right`. */
void abg_text_pad(FILE *out, const char *s, size_t w, bool right);

/* Writes two spaces, then s right-aligned in w columns: a table cell. */
void abg_text_cell(FILE *out, const char *s, size_t w);

/* Returns an exact value as abg_result_exact writes it, whole whatever its
 * length (a fraction can have hundreds of digits), in memory the caller
 * frees; NULL when memory runs out. */
char *abg_text_exact(const abg_result *result, abg_exact_what what,
                     size_t area, size_t component, int places);

/* Decimals beyond which abg_text_places gives up (the caller then shows
 * the exact fraction). */
#define ABG_TEXT_MAX_PLACES 60

/* The fewest decimals, at least `fewest`, at which an exact money value
 * (a REMAINDER, or a QUOTA with unit 0) shows honestly: a non-zero value
 * never reads as zero, and a remainder never reads as the whole unit of
 * `unit` pence (£0.000001 needs 6 places, £0.9999999 of a pound 7).
 * Returns -1 when more than ABG_TEXT_MAX_PLACES would be needed or
 * memory runs out. */
int abg_text_places(const abg_result *result, abg_exact_what what, size_t area,
                    size_t component, int64_t unit, int fewest);

/* Writes one CSV cell, the only way the library writes one (names,
 * headers and figures alike): a comma first unless col is 0, then text,
 * quoted as RFC 4180 asks when it holds a comma, a double quote, CR or
 * LF, and given a leading single quote when a spreadsheet would take it
 * for a formula (it starts with =, +, -, @, tab or CR), unless the whole
 * text is a plain decimal number such as -12.50 (the OWASP rule against
 * CSV injection, which leaves negative figures as numbers). */
void abg_text_csv_cell(FILE *out, size_t col, const char *text);

/* Writes a CSV cell of pence as a plain decimal: 13711.12, -5.00. */
void abg_text_csv_money(FILE *out, size_t col, int64_t pence);

/* Ends a CSV row (LF). */
void abg_text_csv_end(FILE *out);

/* As abg_text_csv_cell and abg_text_csv_money, into a buffered writer
 * (text_out.h): the same bytes. */
void abg_text_out_csv_cell(abg_text_out *o, size_t col, const char *text);
void abg_text_out_csv_money(abg_text_out *o, size_t col, int64_t pence);

#endif /* ABG_TEXT_H */
