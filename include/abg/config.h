/*
 * config.h - reading an allocation's INI file into a model.
 *
 * SPDX-License-Identifier: MIT
 *
 * Loading happens in two steps so that values can be changed between them:
 * abg_config_load() reads the file into (section, key, value, line)
 * entries, checking the text itself; abg_config_build() turns the entries
 * into a model, checking every value and how they fit together. The INI
 * format is described in docs/format.md. The caller owns what *out points
 * to after a successful call and frees it with the matching _free().
 */
#ifndef ABG_CONFIG_H
#define ABG_CONFIG_H

#include "error.h"
#include "model.h"

/* The entries of one INI file. */
typedef struct abg_config abg_config;

/* The longest line, in bytes without its line ending, that the INI reader
 * (inih, built by Debian with a 200-byte buffer) takes whole. Longer lines
 * are refused rather than cut. */
#define ABG_CONFIG_MAX_LINE 197

/* Reads the INI file at path. Refuses UTF-16, invalid UTF-8, NUL bytes,
 * over-long lines, malformed lines and duplicate keys or sections, naming
 * the line. Accepts a UTF-8 byte-order mark and CRLF line endings. */
abg_error abg_config_load(abg_config **out, const char *path, abg_diag *diag);

/* Same as abg_config_load(), reading from text; `name` is used in
 * messages as the file name. */
abg_error abg_config_load_text(abg_config **out, const char *name,
                               const char *text, size_t length,
                               abg_diag *diag);

/* Builds a model from the entries: every section, key and value is
 * checked, components are resolved to amounts that must add up to the
 * pot, and the budget's streams must not exceed its total. */
abg_error abg_config_build(abg_model **out, const abg_config *config,
                           abg_diag *diag);

/* Frees a config; accepts NULL. */
void abg_config_free(abg_config *config);

/* Loads and builds in one call. */
abg_error abg_model_load(abg_model **out, const char *path, abg_diag *diag);

#endif /* ABG_CONFIG_H */
