/*
 * check_outputs.h - what every file the command writes must be; each
 * check returns NULL when the file is sound, or what is wrong with it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ABG_FUZZ_CHECK_OUTPUTS_H
#define ABG_FUZZ_CHECK_OUTPUTS_H

#include <stddef.h>

/* CSV as RFC 4180 reads it: every record has as many fields as the
 * first; no cell starts with = + - @ TAB or CR unless it is a plain number
 * (-12.50, -3.5%) or the writer put ' in front. */
const char *abg_check_csv(const char *data, size_t size);

/* JSON: one valid UTF-8 JSON value with no key twice in an object. */
const char *abg_check_json(const char *data, size_t size);

/* A workbook: a zip whose every XML part (.xml, .rels, .vml) is
 * well-formed XML. */
const char *abg_check_xlsx(const char *path);

#endif /* ABG_FUZZ_CHECK_OUTPUTS_H */
