/*
 * file.h - writing outputs so that nothing is lost: to a temporary file
 * beside the target, renamed into place only when complete.
 *
 * SPDX-License-Identifier: MIT
 *
 * A failed or abandoned write leaves an existing output byte for byte as
 * it was and no temporary file behind. The path "-" means standard output,
 * which is written directly. abg_file_commit() and abg_file_abort() both
 * free the handle.
 *
 * Which file is replaced: a symbolic link is written through (its target
 * is replaced, by a temporary file in the target's folder); a link to a
 * missing file is refused. A target that is not a regular file (a device
 * such as /dev/null, a pipe), or that is reached through /proc (/dev/stdout
 * and /dev/fd/N lead to /proc/self/fd/N), is written in place, appending,
 * since renaming over it would replace the device or the link. An existing file
 * no one may write (no write permission bit, or not writable by the user)
 * is refused unless the options say force.
 *
 * The temporary files of every open handle are kept in a list that a
 * signal handler may empty with abg_file_remove_temps().
 */
#ifndef ABG_FILE_H
#define ABG_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

/* An output being written. */
typedef struct abg_file abg_file;

/* How an output is opened; all-zero is the default. */
typedef struct abg_file_options {
    bool force;   /* replace an existing read-only file */
    bool by_name; /* the writer opens abg_file_temp_path() by name: for a
                   * device, a temporary file in $TMPDIR (or /tmp) is made
                   * and its bytes copied to the device on commit */
} abg_file_options;

/* Starts writing path: refuses a directory, a link to a missing file and
 * (unless options->force) a read-only file; creates a temporary file
 * named .abg-XXXXXX in the target's folder (so the final rename cannot
 * cross file systems). options may be NULL for the defaults. */
abg_error abg_file_open_with(abg_file **out, const char *path,
                             const abg_file_options *options, abg_diag *diag);

/* abg_file_open_with() with the default options. */
abg_error abg_file_open(abg_file **out, const char *path, abg_diag *diag);

/* The stream to write to (the temporary file, or stdout for "-"). */
FILE *abg_file_stream(abg_file *file);

/* The temporary file's path, for writers that open files by name
 * (libxlsxwriter); NULL for standard output, and for a device opened
 * without by_name. */
const char *abg_file_temp_path(const abg_file *file);

/* Flushes, syncs and renames the temporary file over the target. On
 * failure the temporary file is removed and the target left as it was. */
abg_error abg_file_commit(abg_file *file, abg_diag *diag);

/* Removes the temporary file; accepts NULL. */
void abg_file_abort(abg_file *file);

/* Unlinks the temporary file of every open handle, and nothing else: only
 * async-signal-safe calls, for a SIGTERM or SIGINT handler that then
 * re-raises the signal. */
void abg_file_remove_temps(void);

#endif /* ABG_FILE_H */
