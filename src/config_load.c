/*
 * config_load.c - loading an allocation file: its INI text read into
 * entries (config_read.c), then the CSV tables it names read into area
 * entries (config_table.c).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>

#include "abg/config.h"
#include "config_internal.h"

/* Reads the tables of a config just read; frees it on failure. */
static abg_error expand(abg_config **out, abg_error err, const char *name,
                        abg_diag *diag)
{
    if (!err)
        err = abg_config_expand_tables(*out, diag);
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, name, 0, NULL, "out of memory");
    if (err) {
        abg_config_free(*out);
        *out = NULL;
    }
    return err;
}

abg_error abg_config_load_text(abg_config **out, const char *name,
                               const char *text, size_t length, abg_diag *diag)
{
    return expand(out, abg_config_read_text(out, name, text, length, diag),
                  name, diag);
}

abg_error abg_config_load(abg_config **out, const char *path, abg_diag *diag)
{
    return expand(out, abg_config_read_file(out, path, diag), path, diag);
}
