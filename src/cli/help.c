/*
 * help.c - the command's help: the general help, each command's (usage,
 * what it does, the options it takes, an example), and the version.
 *
 * SPDX-License-Identifier: MIT
 */
#include <gmp.h>
#include <string.h>
#include <xlsxwriter.h>

#include "cli_internal.h"

/* Set by CMake from pkg-config's modversion of inih: Debian's inih has no
 * version macro. */
#ifndef ABG_INIH_VERSION
#define ABG_INIH_VERSION "unknown"
#endif

/* Which commands an option goes with. */
enum {
    RUN = 1,
    CHECK = 2,
    EXPLAIN = 4,
    COMPARE = 8,
    SWEEP = 16,
    HELP = 32,
    ALL = RUN | CHECK | EXPLAIN | COMPARE | SWEEP
};

/* Each option once, with the commands it goes with; the general help lists
 * them all, a command's help those it takes. */
static const struct {
    unsigned commands;
    const char *text;
} OPTIONS[] = {
    {RUN | CHECK | EXPLAIN,
     "  --scenario NAME     apply the file's [scenario NAME] section first\n"},
    {ALL,
     "  --set KEY=VALUE     change one key by its path, such as pot=383400,\n"
     "                      component.crime.amount=200000 or\n"
     "                      area.Melton.population=51100 (repeatable)\n"},
    {SWEEP,
     "  --vary KEY=START:END:STEP\n"
     "                      the key a sweep varies and its range, such as\n"
     "                      component.crime.share=20%:60%:5% or\n"
     "                      pot=380000:460000:10000 (once or twice, two\n"
     "                      different keys, 1,000 steps at most)\n"},
    {RUN | COMPARE | SWEEP,
     "  --csv PATH          also write the table as CSV (- for standard\n"
     "                      output)\n"
     "  --json PATH         also write every exact figure as JSON (- for\n"
     "                      standard output)\n"
     "  -o, --output PATH   also write an Excel workbook; PATH must end in\n"
     "                      .xlsx (or be a device or a pipe)\n"
     "  --html PATH         also write a printable board paper: one\n"
     "                      self-contained HTML page (table, last year,\n"
     "                      findings, chart) that prints on A4\n"},
    {RUN,
     "  --no-findings       print the table alone, without the rounding\n"
     "                      findings\n"},
    {RUN,
     "  --workbook          write the workbook where the file's [output]\n"
     "                      workbook says (relative to the file's folder;\n"
     "                      not with -o)\n"},
    {RUN | COMPARE | SWEEP,
     "  --force             replace outputs that exist and are read-only\n"
     "  -q, --quiet         do not say \"abgcalc: wrote PATH\" on standard\n"
     "                      error for each output written\n"},
    {ALL | HELP, "  -h, --help          show this help and exit\n"},
};

/* One command's help. */
typedef struct command_help {
    const char *name;
    unsigned bit;
    const char *usage, *about, *example;
} command_help;

static const command_help COMMANDS[] = {
    {"run", RUN, "abgcalc run FILE.ini [OPTIONS]",
     "Print the allocation table (total first, then each component with its\n"
     "amount), its footnotes, the budget's streams and the rounding\n"
     "findings. With --csv, --json or -o, also write the table as CSV,\n"
     "every exact figure as JSON, or an Excel workbook whose table, inputs,\n"
     "rounding and checks are live formulas.\n",
     "abgcalc run allocations/leicestershire-abg-2010-11.ini "
     "-o leicestershire-2010-11.xlsx"},
    {"check", CHECK, "abgcalc check FILE.ini [FILE.ini...] [OPTIONS]",
     "Compare every published figure in the file with the computed one, to\n"
     "the penny. Each figure that differs is one line naming the line of\n"
     "the file and saying which is more:\n"
     "  my.ini:52: Blaby crime: published £20,840.42, computed £20,840.41: "
     "published is £0.01 more\n"
     "then a summary and the rounding findings. Figures the source calls\n"
     "approximate are checked to their tolerance. With several files, each\n"
     "file's lines then one summary line per file. Target tables\n"
     "([targets]) and budget statements are checked too. Exit status 1\n"
     "when any figure differs.\n",
     "abgcalc check allocations/leicestershire-abg-2010-11.ini"},
    {"explain", EXPLAIN, "abgcalc explain FILE.ini AREA [OPTIONS]",
     "Tell in words how one area's figure was reached: each component's\n"
     "share, the exact total, the rounding and, for a damped file, each\n"
     "damping step. AREA is matched ignoring capitals and extra spaces; a\n"
     "name not found gets the nearest area's name as a hint.\n",
     "abgcalc explain allocations/leicestershire-abg-2010-11.ini Melton"},
    {"compare", COMPARE, "abgcalc compare FILE.ini [SCENARIO...] [OPTIONS]",
     "Each area's figure in the base allocation and in each named\n"
     "[scenario] (all of the file's when none is named), with the change in\n"
     "money and per cent. The workbook (-o) holds the figures side by side\n"
     "with live change formulas, and a chart.\n",
     "abgcalc compare examples/scenarios-2011-12.ini cut10 -o scenarios.xlsx"},
    {"sweep", SWEEP,
     "abgcalc sweep FILE.ini --vary KEY=START:END:STEP [--vary ...] "
     "[OPTIONS]",
     "Each area's total at every step as one key (or two) varies, with its\n"
     "lowest, highest and range: how much each area's money depends on the\n"
     "key. The component marked rest absorbs the difference. Past 12 steps\n"
     "the terminal shows each area's lowest and highest and the step of\n"
     "each; --csv, --json, -o and --html hold every step. The workbook\n"
     "(-o) holds the table with live range formulas, and a line chart.\n",
     "abgcalc sweep examples/sweep-crime-weighting.ini "
     "--vary component.crime.share=20%:50%:5%"},
    {"help", HELP, "abgcalc help [COMMAND]",
     "Show the general help, or COMMAND's: its usage, what it does, the\n"
     "options it takes and an example (as abgcalc COMMAND --help does).\n",
     "abgcalc help sweep"},
};

#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const char GENERAL[] =
    "Usage: abgcalc COMMAND FILE.ini [OPTIONS]\n"
    "Split a funding pot across areas by a published formula, exactly.\n"
    "\n"
    "Commands:\n"
    "  run FILE.ini            print the allocation table and the rounding\n"
    "                          findings\n"
    "  check FILE.ini...       compare every published figure in each file\n"
    "                          with the computed one, to the penny\n"
    "  explain FILE.ini AREA   tell how one area's figure was reached\n"
    "  sweep FILE.ini --vary KEY=START:END:STEP [--vary ...]\n"
    "                          each area's figure as one or two keys vary,\n"
    "                          with its range\n"
    "  compare FILE.ini [SCENARIO...]\n"
    "                          each area's figure in the base and in each\n"
    "                          scenario (all of the file's when none named),\n"
    "                          with the change in money and per cent\n"
    "  help [COMMAND]          show this help, or a command's\n"
    "\n"
    "run and check also take target tables ([targets]) and budget\n"
    "statements ([budget] without [allocation]): see abgcalc-format(5).\n"
    "\n"
    "Options (abgcalc COMMAND --help tells which go with each command):\n";

static const char GENERAL_END[] =
    "  -V, --version       show the versions of abgcalc and its libraries\n"
    "                      and exit\n"
    "\n"
    "Exit status: 0 success; 1 check found a differing figure; 2 bad\n"
    "command line; 65 bad data in the INI file; 66 INI file unreadable;\n"
    "70 internal error; 73 an output cannot be written.\n"
    "Outputs are written to a temporary file and renamed into place, so a\n"
    "failed or interrupted run never leaves a half-written or truncated\n"
    "file. An output that is the input, or the same file as another\n"
    "output, is refused; a link is written through to its file; a device\n"
    "or pipe is written in place. See abgcalc(1) and abgcalc-format(5).\n";

/* Prints the options that go with the commands in mask. */
static void print_options(unsigned mask)
{
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++)
        if (OPTIONS[i].commands & mask)
            fputs(OPTIONS[i].text, stdout);
}

int cli_help(const char *command)
{
    const char *names[N_COMMANDS + 1];
    char hint[ABG_DIAG_TEXT_MAX];

    if (!command) {
        fputs(GENERAL, stdout);
        print_options(ALL);
        fputs(GENERAL_END, stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const command_help *c = &COMMANDS[i];
        names[i] = c->name;
        if (strcmp(command, c->name) != 0)
            continue;
        printf("Usage: %s\n%s\nOptions:\n", c->usage, c->about);
        print_options(c->bit);
        printf("\nExample:\n  %s\n", c->example);
        return EXIT_OK;
    }
    names[N_COMMANDS] = NULL;
    return cli_usage_fail(
        abg_name_suggest(hint, sizeof hint, command, names,
                         "the commands are run, check, explain, compare, "
                         "sweep and help"),
        "no command called \"%s\"", command);
}

int cli_version(void)
{
    printf("abgcalc %s\n", ABG_VERSION);
    printf("built with libxlsxwriter %s, inih %s, GMP %s\n", LXW_VERSION,
           ABG_INIH_VERSION, gmp_version);
    return EXIT_OK;
}
