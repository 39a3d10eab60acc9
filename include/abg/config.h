/*
 * config.h - reading an allocation's INI file into a model.
 *
 * SPDX-License-Identifier: MIT
 *
 * Loading happens in two steps so that values can be changed between them:
 * abg_config_load() reads the file into (section, key, value, line)
 * entries, checking the text itself; abg_config_build() turns the entries
 * into a model, checking every value and how they fit together; in
 * between, abg_config_set() and abg_config_scenario() change values. The INI
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

/* The largest INI file read, in bytes: 256 MiB, five times what
 * 1,000,000 areas as [area] sections take. A larger regular file is
 * refused before it is read; a device or pipe is read up to this much. */
#define ABG_CONFIG_MAX_SIZE ((size_t)256 << 20)

/* Reads the INI file at path. Refuses UTF-16, invalid UTF-8, NUL bytes,
 * control characters, over-long lines, "key: value" lines, files larger
 * than ABG_CONFIG_MAX_SIZE, malformed lines and duplicate keys or sections
 * (names compared normalised, name.h), naming the line. Accepts a UTF-8 byte-order mark and CRLF line endings. */
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

/* What may answer for a scenario when the file is built: fn gets the
 * base's model (built, not computed; fn may change its numbers if it
 * puts them back) and a scenario's name as the file writes it, and
 * returns true when it has computed the scenario itself from that model
 * and found it sound, so that it need not be built to be checked. It
 * must answer true only where building the scenario would succeed. */
typedef struct abg_config_vouch {
    bool (*fn)(void *ctx, abg_model *base, const char *scenario);
    void *ctx;
} abg_config_vouch;

/* abg_config_build(), with the scenarios that vouch answers for left
 * unbuilt (vouch NULL: every scenario is built). */
abg_error abg_config_build_vouched(abg_model **out, const abg_config *config,
                                   const abg_config_vouch *vouch,
                                   abg_diag *diag);

/* Changes one key by its dotted path (`pot`, `component.crime.amount`,
 * `area.Melton.population`, `budget.total`, `stream.NAME.amount`),
 * replacing its value or adding it; a new amount, share or per_area
 * replaces the component's old size. `line` is where the change was
 * written (0 for the command line). Returns ABG_ERROR_VALUE, with a "did
 * you mean" hint, when the section does not exist; an unknown key is
 * refused when the config is built. */
abg_error abg_config_set(abg_config *config, const char *path,
                         const char *value, int line, abg_diag *diag);

/* Makes *out a copy of base, to change without touching base. Returns
 * ABG_ERROR_MEMORY (and no diagnostic) when out of memory. */
abg_error abg_config_copy(abg_config **out, const abg_config *base);

/* Makes *out a copy of base with the changes of its [scenario NAME]
 * section applied (ABG_ERROR_NOT_FOUND when there is no such section). */
abg_error abg_config_scenario(abg_config **out, const abg_config *base,
                              const char *name, abg_diag *diag);

/* Puts up to max scenario names into names, in file order, and returns
 * how many there are. The names belong to the config. */
size_t abg_config_scenario_names(const abg_config *config, const char **names,
                                 size_t max);

/* Returns a scenario's title (its name when it has none), or NULL when
 * there is no such scenario. The text belongs to the config. */
const char *abg_config_scenario_title(const abg_config *config,
                                      const char *name);

/* One change a scenario makes: a key path and its value, borrowed from
 * the config. */
typedef struct abg_config_change {
    const char *key, *value;
} abg_config_change;

/* Puts up to max of [scenario NAME]'s changes (its title aside) into out,
 * in file order, and returns how many there are; *file_name gets the
 * scenario's name as the file writes it (NULL, and 0 returned, when
 * there is no such scenario). The texts belong to the config. */
size_t abg_config_scenario_changes(abg_config_change *out, size_t max,
                                   const char **file_name,
                                   const abg_config *config, const char *name);

/* Frees a config; accepts NULL. */
void abg_config_free(abg_config *config);

/* Loads and builds in one call. */
abg_error abg_model_load(abg_model **out, const char *path, abg_diag *diag);

#endif /* ABG_CONFIG_H */
