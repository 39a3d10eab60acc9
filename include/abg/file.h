/*
 * file.h - writing outputs so that nothing is lost: to a temporary file
 * beside the target, renamed into place only when complete.
 *
 * SPDX-License-Identifier: MIT
 *
 * A failed or abandoned write leaves an existing output byte for byte as
 * it was and no temporary file behind. The path "-" means standard output,
 * which is written directly. abg_file_commit() and abg_file_abort() both
 * free the handle. A target that exists and is not a regular file (a
 * device such as /dev/null, or a pipe) is written in place, since renaming
 * over it would replace the device.
 */
#ifndef ABG_FILE_H
#define ABG_FILE_H

#include <stdio.h>

#include "error.h"

/* An output being written. */
typedef struct abg_file abg_file;

/* Starts writing path: refuses a directory, creates a temporary file in
 * the same folder (so the final rename cannot cross file systems). */
abg_error abg_file_open(abg_file **out, const char *path, abg_diag *diag);

/* The stream to write to (the temporary file, or stdout for "-"). */
FILE *abg_file_stream(abg_file *file);

/* The temporary file's path, for writers that open files by name
 * (libxlsxwriter); NULL for standard output. */
const char *abg_file_temp_path(const abg_file *file);

/* Flushes, syncs and renames the temporary file over the target. On
 * failure the temporary file is removed and the target left as it was. */
abg_error abg_file_commit(abg_file *file, abg_diag *diag);

/* Removes the temporary file; accepts NULL. */
void abg_file_abort(abg_file *file);

#endif /* ABG_FILE_H */
