/*
 * target_entry.c - helpers the target and budget-statement builders share:
 * copying a value and refusing a key a section does not take.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "target_internal.h"

/* Reports a key the section does not take, with a "did you mean". */
abg_error abg_target_unknown_key(abg_target_build_state *b, const abg_entry *e,
                                 const abg_section *s, const char *const *keys)
{
    char hint[256], all[200] = "", fallback[300];
    size_t used = 0;

    for (size_t i = 0; keys[i] && used < sizeof all; i++)
        used += (size_t)snprintf(all + used, sizeof all - used, "%s%s",
                                 i ? ", " : "", keys[i]);
    snprintf(fallback, sizeof fallback, "[%s] takes: %s", s->kind, all);
    return abg_diag_set(
        b->diag, ABG_ERROR_VALUE, b->file, e->line,
        abg_config_suggest(hint, sizeof hint, e->key, keys, fallback),
        "unknown key \"%s\" in [%s]", e->key, s->text);
}

/* Copies e's value into *out (replacing what was there). */
abg_error abg_target_copy(abg_target_build_state *b, char **out,
                          const abg_entry *e)
{
    free(*out);
    *out = strdup(e->value);
    if (!*out)
        return abg_diag_set(b->diag, ABG_ERROR_MEMORY, b->file, e->line, NULL,
                            "out of memory");
    return ABG_OK;
}
