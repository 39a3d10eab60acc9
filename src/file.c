/*
 * file.c - outputs written to a temporary file and renamed into place.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abg/file.h"

struct abg_file {
    char *device; /* a non-regular target written in place, or NULL */
    char *path;  /* the target; NULL for standard output or a device */
    char *temp;  /* the temporary file beside it */
    FILE *stream;
};

abg_error abg_file_open(abg_file **out, const char *path, abg_diag *diag)
{
    abg_file *f = calloc(1, sizeof *f);
    struct stat st;
    mode_t mask;
    int fd;

    *out = NULL;
    if (!f)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                            "out of memory");
    if (strcmp(path, "-") == 0) {
        f->stream = stdout;
        *out = f;
        return ABG_OK;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(f);
        return abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                            "give a file name inside the folder",
                            "cannot write: it is a directory");
    }
    /* A device or pipe (/dev/null, /dev/full, a FIFO) is written as it is:
     * renaming a file over it would replace the device itself. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f->stream = fopen(path, "wb");
        if (!f->stream) {
            abg_error err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0, NULL,
                                         "cannot write: %s", strerror(errno));
            free(f);
            return err;
        }
        f->device = strdup(path);
        if (!f->device) {
            fclose(f->stream);
            free(f);
            return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                                "out of memory");
        }
        *out = f;
        return ABG_OK;
    }
    f->path = strdup(path);
    f->temp = malloc(strlen(path) + sizeof ".tmp-XXXXXX");
    if (!f->path || !f->temp) {
        abg_file_abort(f);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                            "out of memory");
    }
    /* A hidden-ish sibling name: same folder, so rename is atomic. */
    sprintf(f->temp, "%s.tmp-XXXXXX", path);
    fd = mkstemp(f->temp);
    if (fd < 0) {
        abg_error err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                                     "check that the folder exists and is "
                                     "writable",
                                     "cannot write: %s", strerror(errno));
        free(f->temp);
        f->temp = NULL;
        abg_file_abort(f);
        return err;
    }
    /* mkstemp makes 0600; give the new file the mode the old one had, or
     * what a plain fopen would give. */
    mask = umask(0);
    umask(mask);
    fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777)
                                     : (0666 & ~mask));
    f->stream = fdopen(fd, "wb");
    if (!f->stream) {
        close(fd);
        abg_file_abort(f);
        return abg_diag_set(diag, ABG_ERROR_WRITE, path, 0, NULL,
                            "cannot write: %s", strerror(errno));
    }
    *out = f;
    return ABG_OK;
}

FILE *abg_file_stream(abg_file *f)
{
    return f->stream;
}

const char *abg_file_temp_path(const abg_file *f)
{
    return f->temp;
}

abg_error abg_file_commit(abg_file *f, abg_diag *diag)
{
    abg_error err = ABG_OK;
    int failed;

    if (f->device) {
        failed = fflush(f->stream) != 0 || ferror(f->stream);
        if (fclose(f->stream) != 0)
            failed = 1;
        if (failed)
            err = abg_diag_set(diag, ABG_ERROR_WRITE, f->device, 0, NULL,
                               "cannot write: %s", strerror(errno));
        free(f->device);
        free(f);
        return err;
    }
    if (!f->path) {
        if (fflush(stdout) != 0 || ferror(stdout))
            err = abg_diag_set(diag, ABG_ERROR_WRITE, "standard output", 0,
                               NULL, "cannot write: %s", strerror(errno));
        free(f);
        return err;
    }
    failed = fflush(f->stream) != 0 || ferror(f->stream) ||
             fsync(fileno(f->stream)) != 0;
    if (fclose(f->stream) != 0)
        failed = 1;
    f->stream = NULL;
    if (failed || rename(f->temp, f->path) != 0) {
        err = abg_diag_set(diag, ABG_ERROR_WRITE, f->path, 0,
                           "check the disk space and the folder's "
                           "permissions; the old file is unchanged",
                           "cannot write: %s", strerror(errno));
        abg_file_abort(f);
        return err;
    }
    free(f->temp);
    f->temp = NULL;
    free(f->path);
    free(f);
    return ABG_OK;
}

void abg_file_abort(abg_file *f)
{
    if (!f)
        return;
    if (f->stream && f->stream != stdout)
        fclose(f->stream);
    if (f->temp)
        unlink(f->temp);
    free(f->temp);
    free(f->path);
    free(f->device);
    free(f);
}
