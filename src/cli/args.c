/*
 * args.c - the command line: options, the command and its arguments,
 * checked before any file is read.
 *
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli_internal.h"

static const struct option long_options[] = {
    {"csv", required_argument, NULL, 'c'},
    {"json", required_argument, NULL, 'j'},
    {"html", required_argument, NULL, 'H'},
    {"scenario", required_argument, NULL, 's'},
    {"set", required_argument, NULL, 'S'},
    {"vary", required_argument, NULL, 'v'},
    {"output", required_argument, NULL, 'o'},
    {"workbook", no_argument, NULL, 'w'},
    {"force", no_argument, NULL, 'f'},
    {"quiet", no_argument, NULL, 'q'},
    {"no-findings", no_argument, NULL, 'F'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* The option's name as written on the command line, for messages. */
static const char *option_name(int opt, char *buf, size_t size)
{
    if (opt == 'o' || opt == 'q' || opt == 'h' || opt == 'V') {
        snprintf(buf, size, "-%c", opt);
        return buf;
    }
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == opt) {
            snprintf(buf, size, "--%s", o->name);
            return buf;
        }
    return NULL;
}

/* Parses one --vary and adds it; returns CLI_CONTINUE or the status. */
static int add_vary(cli_args *a, const char *spec)
{
    abg_diag diag = {0};
    cli_varied *v = &a->vary[a->n_vary];

    if (a->n_vary == 2)
        return cli_usage_error("a sweep varies one or two keys", NULL);
    if (abg_sweep_parse(&v->key, &v->values, &v->n, spec, &diag)) {
        cli_print_diag(&diag, ABG_ERROR_VALUE);
        return EXIT_USAGE;
    }
    a->n_vary++;
    if (a->n_vary == 2 && strcmp(a->vary[0].key, a->vary[1].key) == 0)
        return cli_usage_error("--vary names the same key twice:", v->key);
    if (a->n_vary == 2 && a->vary[0].n * a->vary[1].n > ABG_SWEEP_MAX_STEPS) {
        abg_diag_set(&diag, ABG_ERROR_VALUE, "--vary", 0,
                     "use fewer or larger steps",
                     "the sweep has %zu steps; at most %d are taken",
                     a->vary[0].n * a->vary[1].n, ABG_SWEEP_MAX_STEPS);
        cli_print_diag(&diag, ABG_ERROR_VALUE);
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

/* The first word that is not an option or an option's argument (the
 * command), or NULL. GNU getopt permutes argv as it goes, but keeps each
 * option with its argument and the other words in their order, so this
 * holds at any point of the parse. */
static const char *first_operand(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        if (strcmp(w, "--") == 0)
            return i + 1 < argc ? argv[i + 1] : NULL;
        if (w[0] != '-' || w[1] == '\0')
            return w;
        if (w[1] == '-') {
            /* A long option takes the next word unless it has "=VALUE";
             * an abbreviation counts as the option it starts. */
            size_t n = strcspn(w + 2, "=");
            if (w[2 + n] == '=')
                continue;
            for (const struct option *o = long_options; o->name; o++)
                if (strncmp(o->name, w + 2, n) == 0) {
                    if (o->has_arg == required_argument)
                        i++;
                    break;
                }
        } else if (strchr(w, 'o') && strchr(w, 'o')[1] == '\0') {
            i++; /* -o PATH, or -qo PATH */
        }
    }
    return NULL;
}

/* True when getopt's refusal of optopt c was for the long option w (an
 * unknown or ambiguous one, c 0; or one that takes no value given one):
 * a short option's refusal can come while argv[optind - 1] is still the
 * word before its cluster. */
static bool long_refused(const char *w, int c)
{
    size_t n = strcspn(w + 2, "=");

    if (strncmp(w, "--", 2) != 0)
        return false;
    if (c == 0)
        return true;
    if (w[2 + n] != '=')
        return false;
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == c && o->has_arg == no_argument &&
            strncmp(o->name, w + 2, n) == 0)
            return true;
    return false;
}

/* Reports a long option getopt refused (argv[optind - 1]): one that takes
 * no value given one, an abbreviation of two options, or an unknown one. */
static int bad_long_option(const char *word)
{
    size_t n = strcspn(word + 2, "="), matches = 0;
    const struct option *match = NULL;
    char both[64] = "";

    for (const struct option *o = long_options; o->name; o++) {
        if (strncmp(o->name, word + 2, n) != 0)
            continue;
        if (strlen(o->name) == n) { /* exact: it is this one */
            match = o, matches = 1;
            break;
        }
        if (matches++ < 2)
            snprintf(both + strlen(both), sizeof both - strlen(both), "%s--%s",
                     matches > 1 ? " or " : "", o->name);
        match = o;
    }
    if (matches == 1 && word[2 + n] == '=')
        return cli_usage_fail(NULL, "option --%s takes no value: %s",
                              match->name, word);
    if (matches > 1)
        return cli_usage_fail("write the option in full",
                              "option %.*s is ambiguous: %s%s", (int)n + 2,
                              word, both, matches > 2 ? " or others" : "");
    return cli_usage_error("unknown option", word);
}

/* Refuses an option that takes one value given a second time. */
static int once(const char **slot, int opt, const char *value)
{
    char name[32];

    if (*slot)
        return cli_usage_fail("give it once", "%s given twice (%s and %s)",
                              option_name(opt, name, sizeof name), *slot,
                              value);
    *slot = value;
    return CLI_CONTINUE;
}

/* Reads the options; returns CLI_CONTINUE or the status. */
static int parse_options(cli_args *a, int argc, char **argv)
{
    char name[32];
    int opt, status = CLI_CONTINUE;

    /* Fresh state each call (glibc): the command may run more than once
     * in a process. The leading ':' reports a missing argument as ':'. */
    optind = 0;
    opterr = 0;
    while (status == CLI_CONTINUE &&
           (opt = getopt_long(argc, argv, ":ho:qV", long_options, NULL)) !=
               -1) {
        switch (opt) {
        case 'c': status = once(&a->outputs[OUT_CSV], opt, optarg); break;
        case 'j': status = once(&a->outputs[OUT_JSON], opt, optarg); break;
        case 'o': status = once(&a->outputs[OUT_XLSX], opt, optarg); break;
        case 'H': status = once(&a->outputs[OUT_HTML], opt, optarg); break;
        case 's': status = once(&a->scenario, opt, optarg); break;
        case 'w': a->workbook = true; break;
        case 'f': a->force = true; break;
        case 'q': a->quiet = true; break;
        case 'F': a->no_findings = true; break;
        case 'S':
            if (!strchr(optarg, '=') || optarg[0] == '=')
                return cli_usage_error("--set takes KEY=VALUE, not", optarg);
            a->sets[a->n_sets++] = optarg;
            break;
        case 'v': status = add_vary(a, optarg); break;
        /* --help wins over what follows it; the command before or after
         * it chooses which help. */
        case 'h': return cli_help(first_operand(argc, argv));
        case 'V': return cli_version();
        case ':': {
            const char *n = option_name(optopt, name, sizeof name);
            return cli_usage_fail(NULL, "option %s needs an argument",
                                  n ? n : "?");
        }
        default:
            if (long_refused(argv[optind - 1], optopt))
                return bad_long_option(argv[optind - 1]);
            snprintf(name, sizeof name, "-%c", optopt);
            return cli_usage_error("unknown option", name);
        }
    }
    return status;
}

/* True when path ends in .xlsx (any capitals). */
static bool ends_xlsx(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* True when -o may write path: a name ending in .xlsx, a link to one, or
 * a device or pipe (/dev/null, /dev/stdout, a FIFO), written in place. A
 * workbook under another name would not open by double-clicking, and
 * adding the extension would write a file the user did not name. */
static bool workbook_name_ok(const char *path)
{
    struct stat st;
    char *real;
    bool ok;

    if (ends_xlsx(path) || strncmp(path, "/dev/", 5) == 0 ||
        strncmp(path, "/proc/", 6) == 0)
        return true;
    if (stat(path, &st) != 0)
        return false;
    if (!S_ISREG(st.st_mode))
        return true;
    real = realpath(path, NULL);
    ok = real && ends_xlsx(real);
    free(real);
    return ok;
}

/* The hint "see abgcalc COMMAND --help", in buf. */
static const char *see(char *buf, size_t size, const char *command)
{
    snprintf(buf, size, "see abgcalc %s --help", command);
    return buf;
}

/* Checks the command, its arguments and which options go with it. */
static int parse_command(cli_args *a, int argc, char **argv)
{
    static const char *const commands[] = {"run",     "check", "explain",
                                           "compare", "sweep", NULL};
    const char *cmd = optind < argc ? argv[optind] : NULL;
    char hint[ABG_DIAG_TEXT_MAX];
    bool known = false, compare, writes;

    if (!cmd)
        return cli_usage_error("expected a command and an INI file", NULL);
    if (strcmp(cmd, "help") == 0) {
        if (argc - optind > 2)
            return cli_usage_fail(see(hint, sizeof hint, "help"),
                                  "help takes one command, not %s",
                                  argv[optind + 2]);
        return cli_help(argc - optind == 2 ? argv[optind + 1] : NULL);
    }
    for (size_t i = 0; commands[i]; i++)
        known = known || strcmp(cmd, commands[i]) == 0;
    if (!known)
        return cli_usage_fail(
            abg_name_suggest(hint, sizeof hint, cmd, commands,
                             "the commands are run, check, explain, "
                             "compare, sweep and help"),
            "unknown command \"%s\"", cmd);
    if (argc - optind < 2)
        return cli_usage_fail(see(hint, sizeof hint, cmd),
                              "%s needs an INI file", cmd);
    a->command = cmd;
    a->path = argv[optind + 1];
    a->files = argv + optind + 1;
    a->n_files = 1;
    see(hint, sizeof hint, cmd);
    compare = strcmp(cmd, "compare") == 0;
    writes = compare || strcmp(cmd, "run") == 0 || strcmp(cmd, "sweep") == 0;
    if ((strcmp(cmd, "sweep") == 0) != (a->n_vary > 0))
        return cli_usage_fail(hint, "%s",
                              a->n_vary
                                  ? "--vary goes with sweep"
                                  : "sweep needs --vary KEY=START:END:STEP");
    if (strcmp(cmd, "explain") == 0) {
        if (argc - optind != 3)
            return cli_usage_fail(hint, "explain takes FILE.ini AREA");
        a->area = argv[optind + 2];
    } else if (compare) {
        if (a->scenario)
            return cli_usage_fail(hint,
                                  "compare takes scenario names as "
                                  "arguments, not --scenario");
        for (int i = optind + 2; i < argc; i++)
            a->names[a->n_names++] = argv[i];
    } else if (strcmp(cmd, "check") == 0) {
        a->n_files = (size_t)(argc - optind - 1); /* check FILE FILE... */
    } else if (argc - optind != 2) {
        return cli_usage_fail(hint, "unexpected argument %s",
                              argv[optind + 2]);
    }
    if (a->scenario && a->n_vary)
        return cli_usage_fail(hint,
                              "--scenario goes with run, check and "
                              "explain");
    if (a->outputs[OUT_CSV] && a->outputs[OUT_JSON] &&
        strcmp(a->outputs[OUT_CSV], "-") == 0 &&
        strcmp(a->outputs[OUT_JSON], "-") == 0)
        return cli_usage_error("only one of --csv and --json can be -", NULL);
    if ((a->outputs[OUT_CSV] || a->outputs[OUT_JSON]) && !writes)
        return cli_usage_fail(hint,
                              "--csv and --json go with run, compare "
                              "and sweep");
    if (a->outputs[OUT_XLSX] && !writes)
        return cli_usage_fail(hint, "-o goes with run, compare and sweep");
    if (a->no_findings && strcmp(cmd, "run") != 0)
        return cli_usage_fail(hint, "--no-findings goes with run");
    if (a->outputs[OUT_HTML] && !writes)
        return cli_usage_fail(hint, "--html goes with run, compare and sweep");
    if (a->outputs[OUT_HTML] && strcmp(a->outputs[OUT_HTML], "-") == 0)
        return cli_usage_fail(hint,
                              "--html needs a file name: a page "
                              "cannot go to standard output");
    if (a->workbook && strcmp(cmd, "run") != 0)
        return cli_usage_fail(hint, "--workbook goes with run");
    if (a->workbook && a->outputs[OUT_XLSX])
        return cli_usage_fail("give one of them",
                              "-o %s and --workbook both "
                              "name the workbook",
                              a->outputs[OUT_XLSX]);
    if (a->outputs[OUT_XLSX] && strcmp(a->outputs[OUT_XLSX], "-") == 0)
        return cli_usage_error("-o needs a file name: a workbook cannot go "
                               "to standard output",
                               NULL);
    if (a->outputs[OUT_XLSX] && !workbook_name_ok(a->outputs[OUT_XLSX])) {
        snprintf(hint, sizeof hint, "write -o %s.xlsx", a->outputs[OUT_XLSX]);
        return cli_usage_fail(hint,
                              "-o %s: a workbook's name must end in "
                              ".xlsx",
                              a->outputs[OUT_XLSX]);
    }
    return CLI_CONTINUE;
}

int cli_args_parse(cli_args *out, int argc, char **argv)
{
    int status;

    memset(out, 0, sizeof *out);
    /* No more --set or scenario names than arguments. */
    out->sets = calloc((size_t)argc + 1, sizeof *out->sets);
    out->names = calloc((size_t)argc + 1, sizeof *out->names);
    if (!out->sets || !out->names) {
        fputs("abgcalc: error: out of memory\n", stderr);
        return EXIT_SOFTWARE;
    }
    status = parse_options(out, argc, argv);
    if (status == CLI_CONTINUE)
        status = parse_command(out, argc, argv);
    return status;
}

void cli_args_free(cli_args *a)
{
    for (size_t v = 0; v < 2; v++) {
        for (size_t i = 0; i < a->vary[v].n; i++)
            free(a->vary[v].values[i]);
        free(a->vary[v].values);
        free(a->vary[v].key);
    }
    free(a->sets);
    free(a->names);
    memset(a, 0, sizeof *a);
}
