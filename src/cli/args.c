/*
 * args.c - the command line: options, the command and its arguments,
 * checked before any file is read.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

static const char USAGE[] =
    "Usage: abgcalc COMMAND FILE.ini [OPTIONS]\n"
    "Split a funding pot across areas by a published formula, exactly.\n"
    "\n"
    "Commands:\n"
    "  run FILE.ini            print the allocation table and the rounding\n"
    "                          findings\n"
    "  check FILE.ini          compare every published figure in the file\n"
    "                          with the computed one, to the penny\n"
    "  explain FILE.ini AREA   tell how one area's figure was reached\n"
    "  sweep FILE.ini --vary KEY=START:END:STEP [--vary ...]\n"
    "                          each area's figure as one or two keys vary,\n"
    "                          with its range\n"
    "  compare FILE.ini [SCENARIO...]\n"
    "                          each area's figure in the base and in each\n"
    "                          scenario (all of the file's when none named),\n"
    "                          with the change in money and per cent\n"
    "\n"
    "Options:\n"
    "  --csv PATH     also write the table as CSV (- for standard output)\n"
    "  --json PATH    also write every exact figure as JSON (- for standard\n"
    "                 output)\n"
    "  -o PATH        also write an Excel workbook (.xlsx); for run: the\n"
    "                 table, inputs, rounding and checks as live formulas;\n"
    "                 for compare and sweep: the figures side by side with\n"
    "                 live change and range formulas, and a chart\n"
    "  --html PATH    also write a printable board paper: one self-contained\n"
    "                 HTML page (table, last year, findings, chart) for A4\n"
    "  --workbook     for run: write the workbook where the file's [output]\n"
    "                 workbook says (relative to the file's folder)\n"
    "  --force        replace outputs that exist and are read-only\n"
    "  --no-findings  for run: print the table alone, without the rounding\n"
    "                 findings\n"
    "  --scenario NAME  apply the file's [scenario NAME] section first\n"
    "  --set KEY=VALUE  change one key by its path, such as pot=383400,\n"
    "                 component.crime.amount=200000 or\n"
    "                 area.Melton.population=51100 (repeatable)\n"
    "  --vary KEY=START:END:STEP  for sweep: 20%:60%:5% or\n"
    "                 380000:460000:10000 (once or twice, each key once)\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Exit status: 0 success; 1 check found a differing figure; 2 bad\n"
    "command line; 65 bad data in the INI file; 66 INI file unreadable;\n"
    "70 internal error; 73 an output cannot be written.\n"
    "Outputs are written to a temporary file and renamed into place, so a\n"
    "failed or interrupted run never leaves a half-written or truncated\n"
    "file. An output that is the input, or the same file as another\n"
    "output, is refused; a link is written through to its file; a device\n"
    "or pipe is written in place.\n";

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
    {"no-findings", no_argument, NULL, 'F'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* The option's name as written on the command line, for messages. */
static const char *option_name(int opt, char *buf, size_t size)
{
    if (opt == 'o' || opt == 'h' || opt == 'V') {
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
    if (a->n_vary == 2 &&
        a->vary[0].n * a->vary[1].n > ABG_SWEEP_MAX_STEPS) {
        abg_diag_set(&diag, ABG_ERROR_VALUE, "--vary", 0,
                     "use fewer or larger steps",
                     "the sweep has %zu steps; at most %d are taken",
                     a->vary[0].n * a->vary[1].n, ABG_SWEEP_MAX_STEPS);
        cli_print_diag(&diag, ABG_ERROR_VALUE);
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

/* Reads the options; returns CLI_CONTINUE or the status. */
static int parse_options(cli_args *a, int argc, char **argv)
{
    char name[32];
    int opt, status;

    /* Fresh state each call (glibc): the command may run more than once
     * in a process. The leading ':' reports a missing argument as ':'. */
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":ho:V", long_options, NULL)) !=
           -1) {
        switch (opt) {
        case 'c': a->outputs[OUT_CSV] = optarg; break;
        case 'j': a->outputs[OUT_JSON] = optarg; break;
        case 'o': a->outputs[OUT_XLSX] = optarg; break;
        case 'H': a->outputs[OUT_HTML] = optarg; break;
        case 'w': a->workbook = true; break;
        case 'f': a->force = true; break;
        case 'F': a->no_findings = true; break;
        case 's': a->scenario = optarg; break;
        case 'S':
            if (!strchr(optarg, '=') || optarg[0] == '=')
                return cli_usage_error("--set takes KEY=VALUE, not", optarg);
            a->sets[a->n_sets++] = optarg;
            break;
        case 'v':
            if ((status = add_vary(a, optarg)) != CLI_CONTINUE)
                return status;
            break;
        case 'h': fputs(USAGE, stdout); return EXIT_OK;
        case 'V': printf("abgcalc %s\n", ABG_VERSION); return EXIT_OK;
        case ':': {
            const char *n = option_name(optopt, name, sizeof name);
            char message[64];
            snprintf(message, sizeof message, "option %s needs an argument",
                     n ? n : "?");
            return cli_usage_error(message, NULL);
        }
        default:
            if (optopt) {
                snprintf(name, sizeof name, "-%c", optopt);
                return cli_usage_error("unknown option", name);
            }
            return cli_usage_error("unknown option", argv[optind - 1]);
        }
    }
    return CLI_CONTINUE;
}

/* Checks the command, its arguments and which options go with it. */
static int parse_command(cli_args *a, int argc, char **argv)
{
    const char *cmd;
    bool compare, writes;

    if (argc - optind < 2)
        return cli_usage_error("expected a command and an INI file", NULL);
    cmd = a->command = argv[optind];
    a->path = argv[optind + 1];
    compare = strcmp(cmd, "compare") == 0;
    writes = compare || strcmp(cmd, "run") == 0 || strcmp(cmd, "sweep") == 0;
    if ((strcmp(cmd, "sweep") == 0) != (a->n_vary > 0))
        return cli_usage_error(a->n_vary
                                   ? "--vary goes with sweep"
                                   : "sweep needs --vary KEY=START:END:STEP",
                               NULL);
    if (strcmp(cmd, "explain") == 0) {
        if (argc - optind != 3)
            return cli_usage_error("explain takes FILE.ini AREA", NULL);
        a->area = argv[optind + 2];
    } else if (compare) {
        if (a->scenario)
            return cli_usage_error("compare takes scenario names as "
                                   "arguments, not --scenario", NULL);
        for (int i = optind + 2; i < argc; i++)
            a->names[a->n_names++] = argv[i];
    } else if (!writes && strcmp(cmd, "check") != 0) {
        return cli_usage_error("unknown command", cmd);
    } else if (argc - optind != 2) {
        return cli_usage_error("unexpected argument", argv[optind + 2]);
    }
    if (a->outputs[OUT_CSV] && a->outputs[OUT_JSON] &&
        strcmp(a->outputs[OUT_CSV], "-") == 0 &&
        strcmp(a->outputs[OUT_JSON], "-") == 0)
        return cli_usage_error("only one of --csv and --json can be -", NULL);
    if ((a->outputs[OUT_CSV] || a->outputs[OUT_JSON]) && !writes)
        return cli_usage_error("--csv and --json go with run, compare and "
                               "sweep", NULL);
    if (a->outputs[OUT_XLSX] && !writes)
        return cli_usage_error("-o goes with run, compare and sweep", NULL);
    if (a->no_findings && strcmp(cmd, "run") != 0)
        return cli_usage_error("--no-findings goes with run", NULL);
    if (a->outputs[OUT_HTML] && !writes)
        return cli_usage_error("--html goes with run, compare and sweep",
                               NULL);
    if (a->outputs[OUT_HTML] && strcmp(a->outputs[OUT_HTML], "-") == 0)
        return cli_usage_error("--html needs a file name", NULL);
    if (a->workbook && strcmp(cmd, "run") != 0)
        return cli_usage_error("--workbook goes with run", NULL);
    if (a->outputs[OUT_XLSX] && strcmp(a->outputs[OUT_XLSX], "-") == 0)
        return cli_usage_error("-o needs a file name: a workbook cannot go "
                               "to standard output", NULL);
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
