/*
 * main.c - the abgcalc command: run, check and explain an allocation.
 *
 * SPDX-License-Identifier: MIT
 *
 * The command alone reads arguments, prints and chooses the exit status;
 * the library returns codes and diagnostics.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "abg/abg.h"
#include "targets.h"

/* Exit statuses, documented in the README and --help. */
enum {
    EXIT_OK = 0,
    EXIT_MISMATCH = 1,          /* check: a published figure differs */
    EXIT_USAGE = 2,             /* bad command line */
    EXIT_DATA = EX_DATAERR,     /* 65: the INI file is wrong */
    EXIT_NOINPUT = EX_NOINPUT,  /* 66: the INI file cannot be read */
    EXIT_SOFTWARE = EX_SOFTWARE,/* 70: out of memory or internal error */
    EXIT_CANTCREAT = EX_CANTCREAT /* 73: an output cannot be written */
};

static const char USAGE[] =
    "Usage: abgcalc COMMAND FILE.ini [OPTIONS]\n"
    "Split a funding pot across areas by a published formula, exactly.\n"
    "\n"
    "Commands:\n"
    "  run FILE.ini            print the allocation table and the rounding\n"
    "                          findings\n"
    "  check FILE.ini          compare every published figure in the file\n"
    "                          with the computed one, to the penny\n"
    "  check FILE.ini...       check several files: one summary line each\n"
    "  (run and check also take target tables, [targets], and budget\n"
    "  statements, [budget] without [allocation]: see abgcalc-format(5))\n"
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
    "  --workbook     for run: write the workbook where the file's [output]\n"
    "                 workbook says (relative to the file's folder)\n"
    "  --scenario NAME  apply the file's [scenario NAME] section first\n"
    "  --set KEY=VALUE  change one key by its path, such as pot=383400,\n"
    "                 component.crime.amount=200000 or\n"
    "                 area.Melton.population=51100 (repeatable)\n"
    "  --vary KEY=START:END:STEP  for sweep: 20%:60%:5% or\n"
    "                 380000:460000:10000 (once or twice)\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Exit status: 0 success; 1 check found a differing figure; 2 bad\n"
    "command line; 65 bad data in the INI file; 66 INI file unreadable;\n"
    "70 internal error; 73 an output cannot be written.\n"
    "Outputs are written to a temporary file and renamed into place, so a\n"
    "failed run never leaves a half-written or truncated file.\n";

/* Prints the diagnostic as one line: where, what, and how to fix it. */
static void print_diag(const abg_diag *d, abg_error err)
{
    fputs("abgcalc: ", stderr);
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "%s:%d: ", d->file, d->line);
    else if (d->file[0])
        fprintf(stderr, "%s: ", d->file);
    fprintf(stderr, "error: %s", d->message[0] ? d->message
                                               : abg_strerror(err));
    if (d->hint[0])
        fprintf(stderr, "; hint: %s", d->hint);
    fputc('\n', stderr);
}

static int exit_status(abg_error err)
{
    switch (err) {
    case ABG_OK: return EXIT_OK;
    case ABG_ERROR_READ: return EXIT_NOINPUT;
    case ABG_ERROR_WRITE: return EXIT_CANTCREAT;
    case ABG_ERROR_MEMORY: return EXIT_SOFTWARE;
    case ABG_ERROR_NOT_FOUND: return EXIT_USAGE;
    default: return EXIT_DATA;
    }
}

static int usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "abgcalc: error: %s%s%s; hint: see abgcalc --help\n",
            message, arg ? " " : "", arg ? arg : "");
    return EXIT_USAGE;
}

/* Writes "the areas are: A, B, C" into buf, cut short with "..." when it
 * would not fit, and returns buf. */
static const char *list_areas(char *buf, size_t size, const abg_model *m)
{
    size_t used = (size_t)snprintf(buf, size, "the areas are: ");

    for (size_t i = 0; i < m->n_areas; i++) {
        const char *sep = i ? ", " : "";
        if (used + strlen(sep) + strlen(m->areas[i].name) + 4 >= size) {
            snprintf(buf + used, size - used, "%s...", sep);
            break;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", sep,
                                 m->areas[i].name);
    }
    return buf;
}

/* What the writers work from: one allocation, or a comparison. */
typedef struct job {
    const abg_model *model;
    const abg_result *result;
    const abg_comparison *comparison;
    const abg_sweep_step *steps;
    size_t n_steps;
    const char *varied;  /* the swept keys, for titles */
} job;

static abg_error csv_run(FILE *f, const job *j)
{
    return abg_csv_write(f, j->model, j->result);
}

static abg_error json_run(FILE *f, const job *j)
{
    return abg_json_write(f, j->model, j->result);
}

static abg_error csv_compare(FILE *f, const job *j)
{
    return abg_compare_csv_write(f, j->comparison);
}

static abg_error json_compare(FILE *f, const job *j)
{
    return abg_compare_json_write(f, j->comparison);
}

static abg_error csv_sweep(FILE *f, const job *j)
{
    return abg_sweep_csv_write(f, j->steps, j->n_steps);
}

static abg_error json_sweep(FILE *f, const job *j)
{
    return abg_sweep_json_write(f, j->steps, j->n_steps);
}

static abg_error xlsx_run(const char *path, const job *j, abg_diag *diag)
{
    return abg_xlsx_write(path, j->model, j->result, diag);
}

static abg_error xlsx_compare(const char *path, const job *j,
                              abg_diag *diag)
{
    return abg_xlsx_write_comparison(path, j->comparison, diag);
}

static abg_error xlsx_sweep(const char *path, const job *j, abg_diag *diag)
{
    return abg_xlsx_write_sweep(path, j->varied, j->steps, j->n_steps, diag);
}

/* One output asked for on the command line. */
typedef struct output {
    const char *path;
    abg_error (*write)(FILE *, const job *);
    /* Writers that open the file by name (libxlsxwriter) get the
     * temporary file's path instead of a stream. */
    abg_error (*write_path)(const char *, const job *, abg_diag *);
    abg_file *file;
} output;

/* Opens every output, writes them all, then renames them all into place:
 * an output that cannot be opened stops the run before any is replaced. */
static abg_error write_outputs(output *outs, size_t n, const job *j,
                               abg_diag *diag)
{
    abg_error err = ABG_OK;

    for (size_t i = 0; i < n && !err; i++)
        if (outs[i].path)
            err = abg_file_open(&outs[i].file, outs[i].path, diag);
    for (size_t i = 0; i < n && !err; i++)
        if (outs[i].file && outs[i].write_path) {
            err = outs[i].write_path(abg_file_temp_path(outs[i].file), j,
                                     diag);
        } else if (outs[i].file && outs[i].write) {
            FILE *stream = abg_file_stream(outs[i].file);
            /* Flushing here makes a full disk or device fail before any
             * output has replaced its old file. */
            err = outs[i].write(stream, j);
            if (!err && fflush(stream) != 0)
                err = ABG_ERROR_WRITE;
            if (err)
                abg_diag_set(diag, err, outs[i].path, 0,
                             "check the disk space; old files are unchanged",
                             "cannot write: %s", strerror(errno));
        }
    for (size_t i = 0; i < n; i++) {
        if (!outs[i].file)
            continue;
        if (!err)
            err = abg_file_commit(outs[i].file, diag);
        else
            abg_file_abort(outs[i].file);
        outs[i].file = NULL;
    }
    return err;
}

/* The most --set options and compared scenarios one run takes. */
#define MAX_SETS 64
#define MAX_SCENARIOS 63

/* Builds one allocation from the loaded file: a scenario (or NULL for the
 * base), then the --set changes, then the arithmetic. */
static abg_error compute(abg_model **model, abg_result **result,
                         const abg_config *base, const char *scenario,
                         char *const *sets, size_t n_sets, abg_diag *diag)
{
    abg_config *changed = NULL;
    const abg_config *config = base;
    abg_error err = ABG_OK;

    if (scenario) {
        err = abg_config_scenario(&changed, base, scenario, diag);
        config = changed;
    }
    for (size_t i = 0; i < n_sets && !err; i++) {
        char *eq = strchr(sets[i], '=');
        if (!changed && (err = abg_config_copy(&changed, base)) != ABG_OK) {
            abg_diag_set(diag, err, NULL, 0, NULL, "out of memory");
            break;
        }
        config = changed;
        *eq = '\0';
        err = abg_config_set(changed, sets[i], eq + 1, 0, diag);
        *eq = '=';
    }
    if (!err)
        err = abg_config_build(model, config, diag);
    if (!err)
        err = abg_alloc_compute(result, *model, diag);
    abg_config_free(changed);
    return err;
}

/* The workbook path the file's [output] section names, taken relative to
 * the file's own folder (the file's author cannot know where it is run). */
static abg_error workbook_path(char **out, const char *ini,
                               const abg_model *m, abg_diag *diag)
{
    const char *slash = strrchr(ini, '/');
    size_t dir = slash && m->output && m->output[0] != '/'
                     ? (size_t)(slash - ini) + 1 : 0;

    if (!m->output)
        return abg_diag_set(diag, ABG_ERROR_VALUE, ini, 0,
                            "add [output] with workbook = NAME.xlsx, or "
                            "give -o NAME.xlsx",
                            "--workbook needs the file's [output] workbook");
    *out = malloc(dir + strlen(m->output) + 1);
    if (!*out)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, ini, 0, NULL,
                            "out of memory");
    memcpy(*out, ini, dir);
    strcpy(*out + dir, m->output);
    return ABG_OK;
}

/* The keys a sweep varies, each expanded into its values. */
typedef struct varied {
    char *key;
    char **values;
    size_t n;
} varied;

/* Runs every step of a sweep (one key, or every pair of two), prints or
 * writes it, and frees what it made. */
static abg_error sweep(const abg_config *config, varied *vary, size_t n_vary,
                       char **sets, size_t n_sets, output *outs,
                       bool to_stdout, abg_diag *diag)
{
    size_t n1 = vary[0].n, n2 = n_vary > 1 ? vary[1].n : 1, n = n1 * n2;
    abg_sweep_step *steps = calloc(n, sizeof *steps);
    char **labels = calloc(n, sizeof *labels);
    char **all = calloc(n_sets + 2, sizeof *all);
    char *assign[2] = {NULL, NULL};
    char names[256];
    abg_error err = ABG_OK;
    size_t done = 0;

    if (!steps || !labels || !all || n > ABG_SWEEP_MAX_STEPS) {
        err = abg_diag_set(diag, n > ABG_SWEEP_MAX_STEPS ? ABG_ERROR_VALUE
                                                         : ABG_ERROR_MEMORY,
                           "--vary", 0, "use fewer or larger steps",
                           "the sweep has %zu steps; at most %d are taken",
                           n, ABG_SWEEP_MAX_STEPS);
        goto out;
    }
    memcpy(all, sets, n_sets * sizeof *all);
    for (; done < n && !err; done++) {
        abg_model *m = NULL;
        abg_result *r = NULL;
        size_t i = done / n2, k = done % n2;
        for (size_t v = 0; v < n_vary; v++) {
            const char *value = vary[v].values[v ? k : i];
            free(assign[v]);
            assign[v] = malloc(strlen(vary[v].key) + strlen(value) + 2);
            if (!assign[v]) {
                err = ABG_ERROR_MEMORY;
                break;
            }
            sprintf(assign[v], "%s=%s", vary[v].key, value);
            all[n_sets + v] = assign[v];
        }
        labels[done] = malloc(strlen(vary[0].values[i]) +
                              (n_vary > 1 ? strlen(vary[1].values[k]) : 0) +
                              4);
        if (err || !labels[done]) {
            err = abg_diag_set(diag, ABG_ERROR_MEMORY, "--vary", 0, NULL,
                               "out of memory");
            break;
        }
        if (n_vary > 1)
            sprintf(labels[done], "%s / %s", vary[0].values[i],
                    vary[1].values[k]);
        else
            strcpy(labels[done], vary[0].values[i]);
        err = compute(&m, &r, config, NULL, all, n_sets + n_vary, diag);
        steps[done] = (abg_sweep_step){labels[done], m, r};
        if (err) {
            /* Say which step failed: the file alone is fine. */
            char message[ABG_DIAG_TEXT_MAX];
            snprintf(message, sizeof message, "at %.100s%s%.100s: %.250s",
                     assign[0], n_vary > 1 ? ", " : "",
                     n_vary > 1 ? assign[1] : "", diag->message);
            memcpy(diag->message, message, sizeof message);
            done++;
            break;
        }
    }
    if (!err) {
        job j = {.model = steps[0].model, .result = steps[0].result,
                 .steps = steps, .n_steps = n, .varied = names};
        snprintf(names, sizeof names, "%s%s%s", vary[0].key,
                 n_vary > 1 ? " and " : "", n_vary > 1 ? vary[1].key : "");
        outs[0].write = csv_sweep;
        outs[1].write = json_sweep;
        outs[2].write_path = xlsx_sweep;
        if (!to_stdout)
            err = abg_sweep_table(stdout, names, steps, n);
        if (!err)
            err = write_outputs(outs, 3, &j, diag);
    }
out:
    for (size_t i = 0; steps && i < done; i++) {
        abg_result_free((abg_result *)steps[i].result);
        abg_model_free((abg_model *)steps[i].model);
    }
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(assign[0]), free(assign[1]);
    free(steps), free(labels), free(all);
    return err;
}

int main(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"csv", required_argument, NULL, 'c'},
        {"json", required_argument, NULL, 'j'},
        {"scenario", required_argument, NULL, 's'},
        {"set", required_argument, NULL, 'S'},
        {"vary", required_argument, NULL, 'v'},
        {"output", required_argument, NULL, 'o'},
        {"workbook", no_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    output outs[3] = {{NULL, csv_run, NULL, NULL},
                      {NULL, json_run, NULL, NULL},
                      {NULL, NULL, xlsx_run, NULL}};
    bool workbook = false;
    char *default_workbook = NULL;
    const char *command, *path, *area_name = NULL, *scenario = NULL;
    const char *names[MAX_SCENARIOS];
    char *sets[MAX_SETS];
    size_t n_sets = 0, n_names = 0, n_vary = 0;
    varied vary[2] = {{NULL, NULL, 0}, {NULL, NULL, 0}};
    abg_diag diag = {0};
    abg_config *config = NULL;
    abg_model *models[MAX_SCENARIOS + 1] = {NULL};
    abg_result *results[MAX_SCENARIOS + 1] = {NULL};
    size_t n_models = 0;
    abg_error err = ABG_OK;
    int status = EXIT_OK, opt;
    bool to_stdout, compare;

    /* Arguments. */
    while ((opt = getopt_long(argc, argv, "ho:V", long_options, NULL)) != -1) {
        switch (opt) {
        case 'c': outs[0].path = optarg; break;
        case 'j': outs[1].path = optarg; break;
        case 'o': outs[2].path = optarg; break;
        case 'w': workbook = true; break;
        case 's': scenario = optarg; break;
        case 'S':
            if (!strchr(optarg, '=') || optarg[0] == '=')
                return usage_error("--set takes KEY=VALUE, not", optarg);
            if (n_sets == MAX_SETS)
                return usage_error("too many --set options", NULL);
            sets[n_sets++] = optarg;
            break;
        case 'v':
            if (n_vary == 2) {
                status = usage_error("a sweep varies one or two keys", NULL);
                goto done;
            }
            if (abg_sweep_parse(&vary[n_vary].key, &vary[n_vary].values,
                                &vary[n_vary].n, optarg, &diag)) {
                print_diag(&diag, ABG_ERROR_VALUE);
                status = EXIT_USAGE;
                goto done;
            }
            n_vary++;
            break;
        case 'h': fputs(USAGE, stdout); return EXIT_OK;
        case 'V': printf("abgcalc %s\n", ABG_VERSION); return EXIT_OK;
        default: return usage_error("unknown option", NULL);
        }
    }
    if (argc - optind < 2)
        return usage_error("expected a command and an INI file", NULL);
    command = argv[optind];
    path = argv[optind + 1];
    /* Target files, budget statements and check over several files. */
    if (abg_cli_targets(&status, command, argc - optind - 1, argv + optind + 1,
                        &(abg_cli_targets_options){
                            outs[0].path, outs[1].path, outs[2].path,
                            scenario || n_sets || n_vary || workbook}))
        goto done;
    compare = strcmp(command, "compare") == 0;
    if ((strcmp(command, "sweep") == 0) != (n_vary > 0)) {
        status = usage_error(n_vary ? "--vary goes with sweep"
                                    : "sweep needs --vary KEY=START:END:STEP",
                             NULL);
        goto done;
    }
    if (strcmp(command, "explain") == 0) {
        if (argc - optind != 3)
            return usage_error("explain takes FILE.ini AREA", NULL);
        area_name = argv[optind + 2];
    } else if (compare) {
        if (scenario)
            return usage_error("compare takes scenario names as arguments, "
                               "not --scenario", NULL);
        for (int i = optind + 2; i < argc; i++) {
            if (n_names == MAX_SCENARIOS)
                return usage_error("too many scenarios", NULL);
            names[n_names++] = argv[i];
        }
    } else if (strcmp(command, "run") != 0 && strcmp(command, "check") != 0 &&
               strcmp(command, "sweep") != 0) {
        return usage_error("unknown command", command);
    } else if (argc - optind != 2) {
        return usage_error("unexpected argument", argv[optind + 2]);
    }
    if (outs[0].path && outs[1].path && strcmp(outs[0].path, "-") == 0 &&
        strcmp(outs[1].path, "-") == 0)
        return usage_error("only one of --csv and --json can be -", NULL);
    if ((outs[0].path || outs[1].path) && strcmp(command, "run") != 0 &&
        strcmp(command, "sweep") != 0 && !compare)
        return usage_error("--csv and --json go with run, compare and sweep",
                           NULL);
    if (outs[2].path && strcmp(command, "run") != 0 &&
        strcmp(command, "sweep") != 0 && !compare)
        return usage_error("-o goes with run, compare and sweep", NULL);
    if (workbook && strcmp(command, "run") != 0)
        return usage_error("--workbook goes with run", NULL);
    if (outs[2].path && strcmp(outs[2].path, "-") == 0)
        return usage_error("-o needs a file name: a workbook cannot go to "
                           "standard output", NULL);
    to_stdout = (outs[0].path && strcmp(outs[0].path, "-") == 0) ||
                (outs[1].path && strcmp(outs[1].path, "-") == 0);

    /* Load and compute: the base, or the base and its scenarios. */
    err = abg_config_load(&config, path, &diag);
    if (err)
        goto out;
    if (n_vary) {
        err = sweep(config, vary, n_vary, sets, n_sets, outs, to_stdout,
                    &diag);
        goto out;
    }
    err = compute(&models[0], &results[0], config, scenario, sets, n_sets,
                  &diag);
    n_models = 1;
    if (!err && compare && n_names == 0)
        n_names = abg_config_scenario_names(config, names, MAX_SCENARIOS);
    if (!err && compare && n_names == 0)
        err = abg_diag_set(&diag, ABG_ERROR_NOT_FOUND, path, 0,
                           "add [scenario NAME] sections that change keys, "
                           "such as pot = 383400",
                           "the file has no scenarios to compare");
    for (size_t i = 0; compare && i < n_names && !err; i++, n_models++)
        err = compute(&models[n_models], &results[n_models], config,
                      names[i], sets, n_sets, &diag);
    if (err)
        goto out;

    /* Write. */
    if (compare) {
        abg_comparison cmp = {(const abg_model *const *)models,
                              (const abg_result *const *)results, n_models};
        job j = {.model = models[0], .result = results[0], .comparison = &cmp};
        outs[0].write = csv_compare;
        outs[1].write = json_compare;
        outs[2].write_path = xlsx_compare;
        if (!to_stdout)
            err = abg_compare_table(stdout, &cmp);
        if (!err)
            err = write_outputs(outs, 3, &j, &diag);
    } else if (strcmp(command, "run") == 0) {
        job j = {.model = models[0], .result = results[0]};
        if (workbook && !outs[2].path) {
            err = workbook_path(&default_workbook, path, models[0], &diag);
            if (err)
                goto out;
            outs[2].path = default_workbook;
        }
        if (!to_stdout) {
            err = abg_report_table(stdout, models[0], results[0]);
            if (!err)
                err = abg_report_findings(stdout, models[0], results[0]);
        }
        if (!err)
            err = write_outputs(outs, 3, &j, &diag);
    } else if (strcmp(command, "check") == 0) {
        size_t mismatches = 0, approx = 0, approx_bad = 0;
        err = abg_report_check(stdout, models[0], results[0], &mismatches);
        if (!err) /* figures the source calls approximate (approx.h) */
            err = abg_approx_check(stdout, models[0], true, &approx,
                                   &approx_bad);
        if (!err)
            err = abg_report_findings(stdout, models[0], results[0]);
        if (mismatches || approx_bad)
            status = EXIT_MISMATCH;
    } else {
        long a = abg_model_find_area(models[0], area_name);
        if (a < 0) {
            char list[ABG_DIAG_TEXT_MAX];
            err = abg_diag_set(&diag, ABG_ERROR_NOT_FOUND, path, 0,
                               list_areas(list, sizeof list, models[0]),
                               "no area called \"%s\"", area_name);
            goto out;
        }
        err = abg_report_explain(stdout, models[0], results[0], (size_t)a);
    }
out:
    if (!err && fclose(stdout) != 0)
        err = abg_diag_set(&diag, ABG_ERROR_WRITE, "standard output", 0,
                           NULL, "cannot write");
    if (err) {
        print_diag(&diag, err);
        status = exit_status(err);
    }
    for (size_t i = 0; i < n_models; i++) {
        abg_result_free(results[i]);
        abg_model_free(models[i]);
    }
    abg_config_free(config);
    free(default_workbook);
done:
    for (size_t v = 0; v < 2; v++) {
        for (size_t i = 0; i < vary[v].n; i++)
            free(vary[v].values[i]);
        free(vary[v].values);
        free(vary[v].key);
    }
    return status;
}
