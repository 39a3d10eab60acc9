/*
 * fuzz_command.c - libFuzzer target: the abgcalc command itself, with
 * arguments and INI text from the input, every output written to a
 * temporary folder and read back by strict readers.
 *
 * SPDX-License-Identifier: MIT
 *
 * The input's first line is the command line after "abgcalc", words
 * separated by spaces: the first word is the command, the INI file's path
 * is put after it, the rest follow. The rest of the input is the INI text.
 * Words are kept to known options (--csv --json -o --output --workbook
 * --force --scenario --set --vary -q --quiet -h -V) and plain words; the
 * word after an output option becomes a path in the folder: @in the
 * input, @link a link to the input, @ro a read-only file, @same one shared name, @null
 * /dev/null, - standard output, anything else out.csv, out.json or
 * out.xlsx. So nothing outside the folder can be written.
 *
 * After each run: the input is byte for byte unchanged, @ro is unchanged
 * unless --force was given, no temporary file is left (in the folder or in
 * $TMPDIR), two different outputs never succeeded onto one file, a
 * failed run left the existing out.csv, out.json and out.xlsx as they were
 * and a successful one replaced those it was asked for, and every output
 * file is checked (check_outputs.h).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_outputs.h"
#include "cli.h"

#define MAX_WORDS 24

static char dir[64], tmpdir[64];

/* Ignores libxml2's messages: a failed parse is reported by the check. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    strcpy(dir, "/tmp/abg-fuzz-XXXXXX");
    strcpy(tmpdir, "/tmp/abg-fuzz-tmp-XXXXXX");
    if (!mkdtemp(dir) || !mkdtemp(tmpdir))
        abort();
    setenv("TMPDIR", tmpdir, 1);
    xmlSetGenericErrorFunc(NULL, quiet);
    /* The tables the command prints are not what is checked. */
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n)
        *size = (size_t)n;
    else {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

/* Writes size bytes of data to path with the given mode. */
static void spill(const char *path, const void *data, size_t size, mode_t mode)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    chmod(path, mode);
}

/* Empties a folder (flat: the command makes no subfolders in it). */
static void empty(const char *folder)
{
    DIR *d = opendir(folder);
    struct dirent *e;
    char path[512];

    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
            if (unlink(path) != 0)
                abort();
        }
    if (d)
        closedir(d);
}

/* Aborts with why, so libFuzzer keeps the input. */
static void fail(const char *what, const char *file)
{
    fprintf(stderr, "fuzz_command: %s: %s\n", file, what);
    abort();
}

/* Checks one file the command left in the folder by its name. */
static void check_file(const char *name, const char *type)
{
    char path[512];
    size_t size = 0;
    char *data;
    const char *bad = NULL;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (strcmp(type, "xlsx") == 0) {
        bad = abg_check_xlsx(path);
    } else if ((data = slurp(path, &size)) != NULL) {
        bad = strcmp(type, "csv") == 0 ? abg_check_csv(data, size)
                                       : abg_check_json(data, size);
        free(data);
    }
    if (bad)
        fail(bad, name);
}

/* The output file's type from its option. */
static const char *type_of(const char *option)
{
    if (strcmp(option, "--csv") == 0)
        return "csv";
    return strcmp(option, "--json") == 0 ? "json" : "xlsx";
}

/* True when word is an option the target passes on. */
static bool known_option(const char *w)
{
    static const char *const known[] = {
        "--csv",   "--json",     "-o",    "--output", "--workbook",
        "--force", "--scenario", "--set", "--vary",   "-q",
        "--quiet", "-h",         "-V",    NULL};

    for (size_t i = 0; known[i]; i++)
        if (strcmp(w, known[i]) == 0)
            return true;
    return false;
}

/* The path for the word after an output option. */
static char *output_path(const char *option, const char *word,
                         const char *input)
{
    char *p = NULL;

    if (strcmp(word, "-") == 0)
        return strdup("-");
    if (strcmp(word, "@null") == 0)
        return strdup("/dev/null");
    if (strcmp(word, "@in") == 0)
        return strdup(input);
    if (asprintf(&p, "%s/%s", dir,
                 strcmp(word, "@link") == 0                 ? "link"
                     : strcmp(word, "@ro") == 0             ? "ro"
                     : strcmp(word, "@same") == 0           ? "same"
                     : strcmp(type_of(option), "csv") == 0  ? "out.csv"
                     : strcmp(type_of(option), "json") == 0 ? "out.json"
                                                            : "out.xlsx") < 0)
        abort();
    return p;
}

/* The output option's index: 0 --csv, 1 --json, 2 -o. */
static int option_index(const char *option)
{
    const char *t = type_of(option);

    return t[0] == 'c' ? 0 : t[0] == 'j' ? 1 : 2;
}

/* Splits the first line into argv, rewriting output paths; final[i] is
 * the path the last --csv, --json or -o names. */
static int build_argv(char **argv, char *line, const char *input,
                      bool ini_has_slash, const char **final)
{
    int argc = 0;
    char *save = NULL, *word, *after_output = NULL;

    argv[argc++] = strdup("abgcalc");
    for (word = strtok_r(line, " ", &save); word && argc < MAX_WORDS - 2;
         word = strtok_r(NULL, " ", &save)) {
        if (after_output) {
            argv[argc] = output_path(after_output, word, input);
            final[option_index(after_output)] = argv[argc++];
            after_output = NULL;
            continue;
        }
        if (word[0] == '-' && word[1] && !known_option(word))
            continue;
        /* The INI file's [output] workbook must not reach outside the
         * folder, whatever the build's rules for it. */
        if (strcmp(word, "--workbook") == 0 && ini_has_slash)
            continue;
        argv[argc++] = strdup(word);
        if (argc == 2)
            argv[argc++] = strdup(input);
        if (strcmp(word, "--csv") == 0 || strcmp(word, "--json") == 0 ||
            strcmp(word, "-o") == 0 || strcmp(word, "--output") == 0)
            after_output = argv[argc - 1];
    }
    argv[argc] = NULL;
    return argc;
}

/* Checks the folder after a run. */
static void check_folder(const char *const *final, int status,
                         const char *input, const char *text, size_t size,
                         bool force, bool help)
{
    static const char *const types[] = {"csv", "json", "xlsx"};
    size_t n = 0, dir_len = strlen(dir);
    char *now = slurp(input, &n), ro[128];
    DIR *d;
    struct dirent *e;

    if (!now || n != size || memcmp(now, text, size) != 0)
        fail("the input file changed", input);
    free(now);
    snprintf(ro, sizeof ro, "%s/ro", dir);
    now = slurp(ro, &n);
    if (!force && (!now || n != 3 || memcmp(now, "ro\n", 3) != 0))
        fail("a read-only output was replaced without --force", "ro");
    free(now);
    /* A failed run replaces no output (they all exist beforehand). */
    for (int i = 0; i < 3 && status != 0 && status != 1; i++) {
        static const char *const olds[] = {"out.csv", "out.json", "out.xlsx"};
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, olds[i]);
        now = slurp(path, &n);
        if (!now || n != 4 || memcmp(now, "old\n", 4) != 0)
            fail("a failed run changed an existing output", olds[i]);
        free(now);
    }
    for (int i = 0; i < 3; i++) {
        struct stat st;
        if (!final[i] || strncmp(final[i], dir, dir_len) != 0 ||
            final[i][dir_len] != '/' || stat(final[i], &st) != 0)
            continue;
        now = slurp(final[i], &n);
        if (status == 0 && !help && now && n == 4 &&
            memcmp(now, "old\n", 4) == 0)
            fail("a successful run left an output unwritten", final[i]);
        if (strcmp(final[i] + dir_len, "/ro") == 0 && !force) {
            free(now);
            continue;
        }
        for (int k = 0; k < i; k++)
            if (status == 0 && final[k] && strcmp(final[k], final[i]) == 0)
                fail("two outputs were written to one file", final[i]);
        /* --help and --version write no output: each is as it was. */
        if (help && strncmp(final[i] + dir_len, "/out.", 5) == 0 &&
            (!now || n != 4 || memcmp(now, "old\n", 4) != 0))
            fail("--help or --version changed an output", final[i]);
        free(now);
        /* What a successful run wrote, or replaced (ro with --force). */
        if (status == 0 && !help)
            check_file(final[i] + dir_len + 1, types[i]);
    }
    for (const char *folder = dir; folder;
         folder = folder == dir ? tmpdir : NULL) {
        d = opendir(folder);
        while (d && (e = readdir(d)))
            if (strncmp(e->d_name, ".abg-", 5) == 0 ||
                strstr(e->d_name, ".tmp-") ||
                (folder == tmpdir && e->d_name[0] != '.'))
                fail("a temporary file was left", e->d_name);
            else if (folder == dir && strstr(e->d_name, ".xlsx") &&
                     strcmp(e->d_name, "out.xlsx") != 0)
                check_file(e->d_name, "xlsx"); /* --workbook's */
        if (d)
            closedir(d);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t line_len = nl ? (size_t)(nl - data) : size;
    const char *text = nl ? (const char *)nl + 1 : "";
    size_t text_len = nl ? size - line_len - 1 : 0;
    char *line, *argv[MAX_WORDS], input[128], link_path[128];
    const char *final[3] = {NULL};
    bool force = false, help = false;
    int argc, status;

    if (line_len > 512 || memchr(data, '\0', line_len))
        return 0;
    line = strndup((const char *)data, line_len);
    snprintf(input, sizeof input, "%s/in.ini", dir);
    snprintf(link_path, sizeof link_path, "%s/link", dir);
    spill(input, text, text_len, 0644);
    if (symlink("in.ini", link_path) != 0)
        abort();
    snprintf(link_path, sizeof link_path, "%s/ro", dir);
    spill(link_path, "ro\n", 3, 0444);
    for (int i = 0; i < 3; i++) {
        static const char *const olds[] = {"out.csv", "out.json", "out.xlsx"};
        snprintf(link_path, sizeof link_path, "%s/%s", dir, olds[i]);
        spill(link_path, "old\n", 4, 0644);
    }
    argc = build_argv(argv, line, input, memchr(text, '/', text_len) != NULL,
                      final);
    for (int i = 0; i < argc; i++) {
        force = force || strcmp(argv[i], "--force") == 0;
        /* --help and --version stop before the outputs. */
        help =
            help || strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "-V") == 0;
    }
    status = abg_cli_main(argc, argv);
    fflush(stdout);
    check_folder(final, status, input, text, text_len, force, help);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(line);
    empty(dir);
    empty(tmpdir);
    return 0;
}
