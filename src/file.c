/*
 * file.c - outputs written to a temporary file and renamed into place.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abg/file.h"

/* The temporary name in the target's folder: short, so that any name the
 * file system takes for the target still works, and hidden. */
#define TEMP_NAME "/.abg-XXXXXX"

struct abg_file {
    char *shown;    /* the path as given, for messages */
    char *target;   /* the regular file renamed over (links resolved) */
    char *temp;     /* the temporary file, or NULL */
    FILE *stream;   /* the temporary file, the device, or stdout */
    FILE *device;   /* a device or pipe written in place, or NULL */
    abg_file *next; /* the next live temporary file */
};

/* Every open handle with a temporary file, for abg_file_remove_temps().
 * Changed only with the catchable termination signals blocked, so that a
 * handler always sees a whole list. */
static abg_file *volatile live;

/* Blocks (how = SIG_BLOCK) or restores the termination signals. */
static void guard(int how, sigset_t *old)
{
    sigset_t set;

    if (how == SIG_BLOCK) {
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGHUP);
        sigaddset(&set, SIGPIPE);
        sigprocmask(SIG_BLOCK, &set, old);
    } else {
        sigprocmask(SIG_SETMASK, old, NULL);
    }
}

/* Removes f's temporary file (when remove is set) and f from the live
 * list, as one step as far as a signal handler can see. */
static void untrack(abg_file *f, int remove)
{
    sigset_t old;

    guard(SIG_BLOCK, &old);
    for (abg_file *volatile *p = &live; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    if (remove && f->temp)
        unlink(f->temp);
    guard(SIG_SETMASK, &old);
}

void abg_file_remove_temps(void)
{
    for (abg_file *f = live; f; f = f->next)
        if (f->temp)
            unlink(f->temp);
}

/* Frees f without touching the file system. */
static void release(abg_file *f)
{
    free(f->shown);
    free(f->target);
    free(f->temp);
    free(f);
}

/* Returns 1 when path, or any link on the way from it to its final file,
 * is a process's descriptor, /proc/PID/fd/N (where /dev/stdout and
 * /dev/fd/1 lead): written in place even when it is a regular file (a
 * shell's redirection), since replacing it would replace a system link.
 * Other files under /dev (/dev/shm) or /proc are files like any other. */
static int through_system(const char *path)
{
    char *cur = strdup(path);
    int found = 0;

    for (int hops = 0; cur && hops < 40 && !found; hops++) {
        char *slash = strrchr(cur, '/'), *dir, *full, link[PATH_MAX];
        const char *base = slash ? slash + 1 : cur;
        ssize_t n;

        if (slash == cur)
            dir = realpath("/", NULL);
        else if (slash) {
            *slash = '\0';
            dir = realpath(cur, NULL);
        } else
            dir = realpath(".", NULL);
        full = dir ? malloc(strlen(dir) + strlen(base) + 2) : NULL;
        if (full)
            sprintf(full, "%s/%s", strcmp(dir, "/") ? dir : "", base);
        found = full && strncmp(full, "/proc/", 6) == 0 &&
            strstr(full, "/fd/") != NULL;
        n = full ? readlink(full, link, sizeof link - 1) : -1;
        free(cur);
        cur = NULL;
        if (n > 0) {
            link[n] = '\0';
            cur = malloc(strlen(dir) + (size_t)n + 2);
            if (cur && link[0] == '/')
                strcpy(cur, link);
            else if (cur)
                sprintf(cur, "%s/%s", dir, link);
        }
        free(dir);
        free(full);
    }
    free(cur);
    return found;
}

/* Makes f's temporary file in folder (the target's, or $TMPDIR for a
 * device) with the given mode, registered for removal on a signal. */
static abg_error make_temp(abg_file *f, const char *folder, mode_t mode,
                           abg_diag *diag)
{
    sigset_t old;
    int fd, saved;

    f->temp = malloc(strlen(folder) + sizeof TEMP_NAME);
    if (!f->temp)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, f->shown, 0, NULL,
                            "out of memory");
    sprintf(f->temp, "%s%s", strcmp(folder, "/") ? folder : "", TEMP_NAME);
    /* Made and listed as one step, as a signal handler sees it. */
    guard(SIG_BLOCK, &old);
    fd = mkstemp(f->temp);
    saved = errno;
    if (fd >= 0) {
        f->next = live;
        live = f;
    }
    guard(SIG_SETMASK, &old);
    if (fd < 0) {
        free(f->temp);
        f->temp = NULL;
        if (f->device)
            return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0,
                                "set TMPDIR to a writable folder",
                                "cannot make a temporary file in %s: %s",
                                folder, strerror(saved));
        return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0,
                            "check that the folder exists and is writable",
                            "cannot write: %s", strerror(saved));
    }
    fchmod(fd, mode);
    f->stream = fdopen(fd, "wb");
    if (!f->stream) {
        close(fd);
        return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0, NULL,
                            "cannot write: %s", strerror(errno));
    }
    return ABG_OK;
}

/* Opens a device, pipe or descriptor in place, appending (so that a file
 * reached through /dev/stdout keeps what the shell already wrote). */
static abg_error open_device(abg_file *f, const char *path, abg_diag *diag)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY);

    f->device = fd < 0 ? NULL : fdopen(fd, "ab");
    if (!f->device) {
        if (fd >= 0)
            close(fd);
        return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0, NULL,
                            "cannot write: %s", strerror(errno));
    }
    return ABG_OK;
}

/* Opens an existing regular file, or a new one, to be replaced by rename
 * from a temporary file in the same folder. */
static abg_error open_regular(abg_file *f, const char *path, int exists,
                              const struct stat *st,
                              const abg_file_options *options, abg_diag *diag)
{
    mode_t mask = umask(0);
    char *slash, *folder;
    abg_error err;

    umask(mask);
    f->target = exists ? realpath(path, NULL) : strdup(path);
    if (!f->target)
        return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0, NULL,
                            "cannot write: %s", strerror(errno));
    /* Even root respects a file no one may write, as cp and editors do. */
    if (exists && !options->force &&
        (access(f->target, W_OK) != 0 || !(st->st_mode & 0222)))
        return abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0,
                            "make it writable (chmod u+w) or give --force "
                            "to replace it",
                            "cannot write: it is read-only");
    slash = strrchr(f->target, '/');
    folder = !slash          ? strdup(".")
        : slash == f->target ? strdup("/")
                             : strndup(f->target, (size_t)(slash - f->target));
    if (!folder)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, f->shown, 0, NULL,
                            "out of memory");
    err = make_temp(f, folder, exists ? (st->st_mode & 07777) : (0666 & ~mask),
                    diag);
    free(folder);
    return err;
}

abg_error abg_file_open_with(abg_file **out, const char *path,
                             const abg_file_options *options, abg_diag *diag)
{
    static const abg_file_options defaults = {0};
    abg_file *f = calloc(1, sizeof *f);
    struct stat st, lst;
    int exists, linked;
    abg_error err;

    *out = NULL;
    if (!options)
        options = &defaults;
    if (!f || !(f->shown = strdup(path))) {
        free(f);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                            "out of memory");
    }
    if (strcmp(path, "-") == 0) {
        f->stream = stdout;
        *out = f;
        return ABG_OK;
    }
    linked = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    exists = stat(path, &st) == 0;
    if (linked && !exists && errno == ENOENT) {
        err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                           "remove the link or give another name",
                           "cannot write: it is a link to a missing file");
    } else if (exists && S_ISDIR(st.st_mode)) {
        err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                           "give a file name inside the folder",
                           "cannot write: it is a directory");
    } else if (exists && (!S_ISREG(st.st_mode) || through_system(path))) {
        /* Renaming over a device, a pipe or /dev/stdout would replace the
         * device or the link itself: write them as they are. */
        err = open_device(f, path, diag);
        if (!err && options->by_name) {
            const char *tmp = getenv("TMPDIR");
            err = make_temp(f, tmp && tmp[0] ? tmp : "/tmp", 0600, diag);
        }
        if (!err && !options->by_name)
            f->stream = f->device;
    } else {
        err = open_regular(f, path, exists, &st, options, diag);
    }
    if (err) {
        abg_file_abort(f);
        return err;
    }
    *out = f;
    return ABG_OK;
}

abg_error abg_file_open(abg_file **out, const char *path, abg_diag *diag)
{
    return abg_file_open_with(out, path, NULL, diag);
}

FILE *abg_file_stream(abg_file *f)
{
    return f->stream;
}

const char *abg_file_temp_path(const abg_file *f)
{
    return f->temp;
}

/* Copies the temporary file's bytes to the device; 0 on success. */
static int copy_to_device(abg_file *f)
{
    char buf[65536];
    size_t n;
    FILE *in = fopen(f->temp, "rb");
    int failed = !in;

    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, f->device) != n) {
            failed = 1;
            break;
        }
    if (in && ferror(in))
        failed = 1;
    if (in)
        fclose(in);
    return failed;
}

abg_error abg_file_commit(abg_file *f, abg_diag *diag)
{
    abg_error err = ABG_OK;
    int failed;

    if (!f->device && !f->temp) {
        if (fflush(stdout) != 0 || ferror(stdout))
            err = abg_diag_set(diag, ABG_ERROR_WRITE, "standard output", 0,
                               NULL, "cannot write: %s", strerror(errno));
        release(f);
        return err;
    }
    if (f->device) {
        failed = 0;
        if (f->temp) {
            failed = fflush(f->stream) != 0 || ferror(f->stream);
            failed |= fclose(f->stream) != 0;
            f->stream = NULL;
            failed = failed || copy_to_device(f);
        }
        failed |= fflush(f->device) != 0 || ferror(f->device);
        failed |= fclose(f->device) != 0;
        f->device = NULL;
        f->stream = NULL;
        if (failed)
            err = abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0, NULL,
                               "cannot write: %s", strerror(errno));
        abg_file_abort(f);
        return err;
    }
    failed = fflush(f->stream) != 0 || ferror(f->stream) ||
        fsync(fileno(f->stream)) != 0;
    if (fclose(f->stream) != 0)
        failed = 1;
    f->stream = NULL;
    if (failed || rename(f->temp, f->target) != 0) {
        err = abg_diag_set(diag, ABG_ERROR_WRITE, f->shown, 0,
                           "check the disk space and the folder's "
                           "permissions; the old file is unchanged",
                           "cannot write: %s", strerror(errno));
        abg_file_abort(f);
        return err;
    }
    untrack(f, 0);
    release(f);
    return ABG_OK;
}

void abg_file_abort(abg_file *f)
{
    if (!f)
        return;
    if (f->stream && f->stream != stdout && f->stream != f->device)
        fclose(f->stream);
    if (f->device)
        fclose(f->device);
    untrack(f, 1);
    release(f);
}
