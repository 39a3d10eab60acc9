/*
 * test_file.c - outputs through abg_file: the temporary name, read-only
 * files and --force, links, devices written by name, and the removal of
 * every temporary file a signal handler relies on.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "abg/abg.h"

/* A fresh folder per test, removed after. */
static int make_folder(void **state)
{
    char *dir = strdup("/tmp/abg-test-file-XXXXXX");

    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

static int remove_folder(void **state)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf %s", (char *)*state);
    free(*state);
    return system(cmd);
}

/* The file's text, or "" when it cannot be read (caller frees). */
static char *text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = calloc(1, 4096);

    if (f) {
        size_t n = fread(buf, 1, 4095, f);
        buf[n] = '\0';
        fclose(f);
    }
    return buf;
}

/* Writes s to path with mode. */
static void put(const char *path, const char *s, mode_t mode)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(s, f);
    fclose(f);
    chmod(path, mode);
}

/* Counts the folder's entries that start with prefix. */
static int count(const char *dir, const char *prefix)
{
    char cmd[256];
    FILE *p;
    int n = -1;

    snprintf(cmd, sizeof cmd, "ls -A %s | grep -c '^%s'", dir, prefix);
    p = popen(cmd, "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

/* The temporary file is .abg-XXXXXX in the target's folder, whatever the
 * target's name: a 255-byte name works. */
static void short_temporary_name(void **state)
{
    const char *dir = *state;
    char path[512], name[256], *got;
    abg_file *f;
    abg_diag diag = {0};

    memset(name, 'n', 255);
    name[255] = '\0';
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(abg_file_open(&f, path, &diag), ABG_OK);
    assert_int_equal(strlen(abg_file_temp_path(f)), strlen(dir) + 12);
    assert_int_equal(strncmp(abg_file_temp_path(f) + strlen(dir),
                             "/.abg-", 6), 0);
    fputs("new\n", abg_file_stream(f));
    assert_int_equal(abg_file_commit(f, &diag), ABG_OK);
    got = text(path);
    assert_string_equal(got, "new\n");
    free(got);
    assert_int_equal(count(dir, ".abg-"), 0);
}

/* A read-only file is refused with the hint, and replaced with force; it
 * keeps its mode. */
static void read_only_needs_force(void **state)
{
    const char *dir = *state;
    abg_file_options force = {.force = true};
    char path[512], *got;
    abg_file *f = NULL;
    abg_diag diag = {0};
    struct stat st;

    snprintf(path, sizeof path, "%s/ro.csv", dir);
    put(path, "old\n", 0444);
    assert_int_equal(abg_file_open(&f, path, &diag), ABG_ERROR_WRITE);
    assert_null(f);
    assert_string_equal(diag.message, "cannot write: it is read-only");
    assert_string_equal(diag.hint, "make it writable (chmod u+w) or give "
                                   "--force to replace it");
    assert_int_equal(count(dir, ".abg-"), 0);
    assert_int_equal(abg_file_open_with(&f, path, &force, &diag), ABG_OK);
    fputs("new\n", abg_file_stream(f));
    assert_int_equal(abg_file_commit(f, &diag), ABG_OK);
    got = text(path);
    assert_string_equal(got, "new\n");
    free(got);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0444);
}

/* A link is written through to its file, in that file's folder; a link
 * to nothing is refused. */
static void links_written_through(void **state)
{
    const char *dir = *state;
    char target[512], link[512], sub[512], *got;
    abg_file *f;
    abg_diag diag = {0};
    struct stat st;

    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(target, sizeof target, "%s/sub/t.csv", dir);
    snprintf(link, sizeof link, "%s/l.csv", dir);
    put(target, "old\n", 0644);
    assert_int_equal(symlink("sub/t.csv", link), 0);
    assert_int_equal(abg_file_open(&f, link, &diag), ABG_OK);
    assert_int_equal(strncmp(abg_file_temp_path(f), sub, strlen(sub)), 0);
    fputs("new\n", abg_file_stream(f));
    assert_int_equal(abg_file_commit(f, &diag), ABG_OK);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    got = text(target);
    assert_string_equal(got, "new\n");
    free(got);

    snprintf(link, sizeof link, "%s/dangling.csv", dir);
    assert_int_equal(symlink("nowhere.csv", link), 0);
    assert_int_equal(abg_file_open(&f, link, &diag), ABG_ERROR_WRITE);
    assert_string_equal(diag.message,
                        "cannot write: it is a link to a missing file");
}

/* A writer that opens files by name gets a temporary file for a device
 * too, in $TMPDIR, removed after its bytes are copied. */
static void device_by_name(void **state)
{
    const char *dir = *state;
    abg_file_options by_name = {.by_name = true};
    abg_file *f;
    abg_diag diag = {0};
    FILE *w;

    setenv("TMPDIR", dir, 1);
    assert_int_equal(abg_file_open_with(&f, "/dev/null", &by_name, &diag),
                     ABG_OK);
    assert_non_null(abg_file_temp_path(f));
    assert_int_equal(strncmp(abg_file_temp_path(f), dir, strlen(dir)), 0);
    w = fopen(abg_file_temp_path(f), "wb");
    assert_non_null(w);
    fputs("workbook bytes", w);
    fclose(w);
    assert_int_equal(count(dir, ".abg-"), 1);
    assert_int_equal(abg_file_commit(f, &diag), ABG_OK);
    assert_int_equal(count(dir, ".abg-"), 0);
    /* Without by_name a device has no temporary file. */
    assert_int_equal(abg_file_open(&f, "/dev/null", &diag), ABG_OK);
    assert_null(abg_file_temp_path(f));
    abg_file_abort(f);
    unsetenv("TMPDIR");
}

/* What the signal handler calls removes every open temporary file and
 * leaves the targets alone. */
static void remove_temps_for_signals(void **state)
{
    const char *dir = *state;
    char a[512], b[512], *got;
    abg_file *fa, *fb;
    abg_diag diag = {0};

    snprintf(a, sizeof a, "%s/a.csv", dir);
    snprintf(b, sizeof b, "%s/b.csv", dir);
    put(a, "old a\n", 0644);
    assert_int_equal(abg_file_open(&fa, a, &diag), ABG_OK);
    assert_int_equal(abg_file_open(&fb, b, &diag), ABG_OK);
    assert_int_equal(count(dir, ".abg-"), 2);
    abg_file_remove_temps();
    assert_int_equal(count(dir, ".abg-"), 0);
    got = text(a);
    assert_string_equal(got, "old a\n");
    free(got);
    abg_file_abort(fa);
    abg_file_abort(fb);
    /* Committed or aborted handles are off the list: nothing to do. */
    abg_file_remove_temps();
    assert_int_equal(access(b, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(short_temporary_name, make_folder,
                                        remove_folder),
        cmocka_unit_test_setup_teardown(read_only_needs_force, make_folder,
                                        remove_folder),
        cmocka_unit_test_setup_teardown(links_written_through, make_folder,
                                        remove_folder),
        cmocka_unit_test_setup_teardown(device_by_name, make_folder,
                                        remove_folder),
        cmocka_unit_test_setup_teardown(remove_temps_for_signals,
                                        make_folder, remove_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
