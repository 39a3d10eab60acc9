/*
 * xlsx_internal.h - what the workbook writer's files share: the writer's
 * state, where each sheet put its cells, and the cell helpers.
 *
 * SPDX-License-Identifier: MIT
 *
 * Layers, calls only going down (tests/xlsx/check_layers.py): the
 * base (xlsx_cell.c cells and references, xlsx_format.c formats,
 * xlsx_book.c the book, page setup and charts' shared pieces) knows no
 * sheet; a sheet writer's parts (xlsx_rounding_*.c) call only the base
 * and serve only their sheet writer; the sheet writers (one file per
 * sheet) call only the base and their parts; the
 * entry points (xlsx.c, xlsx_compare.c, xlsx_sweep.c) call sheet writers
 * and the base. The allocation's sheets are written in dependency order
 * (Inputs, Rounding, Allocation, Checks, Chart); each records in
 * abg_xlsx_layout the rows and columns that later sheets' formulas refer
 * to. Cell helpers record the first libxlsxwriter error and where it
 * happened and then do nothing, so sheet writers call them without
 * checking each one (the entry point checks once at the end). Everything
 * allocated belongs to the abg_xlsx and is freed by
 * abg_xlsx_free_state().
 */
#ifndef ABG_XLSX_INTERNAL_H
#define ABG_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <gmp.h>
#include <xlsxwriter.h>

#include "abg/alloc.h"
#include "abg/error.h"
#include "abg/model.h"
#include "text.h"

/* Sheet names: plain words, so references and defined names never need
 * quoting. */
#define ABG_XLSX_ALLOCATION "Allocation"
#define ABG_XLSX_INPUTS "Inputs"
#define ABG_XLSX_ROUNDING "Rounding"
#define ABG_XLSX_CHECKS "Checks"
#define ABG_XLSX_CHART "Chart"
#define ABG_XLSX_WATERFALL "Waterfall"

/* Sheets, in tab order. */
enum {
    ABG_XLSX_SHEET_ALLOCATION = 0,
    ABG_XLSX_SHEET_INPUTS,
    ABG_XLSX_SHEET_ROUNDING,
    ABG_XLSX_SHEET_CHECKS,
    ABG_XLSX_SHEET_CHART,
    ABG_XLSX_SHEET_WATERFALL, /* a damped allocation's only */
    ABG_XLSX_N_SHEETS
};

/* Columns in the preserve-mode helper group of each component on the
 * Rounding sheet: floor, remainder, running count of remainders equal to
 * the cut-off, added, final. */
#define ABG_XLSX_GROUP_COLS 5

/* Decimals shown of a remainder (a fraction of a unit or of a penny). */
#define ABG_XLSX_KEPT 12

/* A cell whose text wraps: its row is made tall enough at the end. */
typedef struct abg_xlsx_wrap {
    lxw_row_t row;
    lxw_col_t first, last; /* the merged range, or one column */
    char *text;
    double factor; /* text width per character: 1, more for bold */
} abg_xlsx_wrap;

/* One worksheet and what is needed to size its columns and rows. */
typedef struct abg_xlsx_sheet {
    lxw_worksheet *ws;
    const char *name;
    double *width; /* widest content per column, in characters */
    size_t n_width;
    abg_xlsx_wrap *wraps;
    size_t n_wraps;
    /* Constant memory: the row whose height was last set, and its lines. */
    lxw_row_t cm_row;
    int cm_lines;
} abg_xlsx_sheet;

/* Every format, created once. `in_*` are input cells (yellow). */
typedef struct abg_xlsx_formats {
    lxw_format *title, *subtitle, *note, *warning, *bold, *section;
    lxw_format *heading, *heading_left, *group;
    lxw_format *text, *text_wrap, *name;
    lxw_format *money, *money_bold, *total_money, *total_text;
    lxw_format *unit_money, *unit_money_bold, *total_unit_money;
    lxw_format *remainder, *pence, *integer, *rank, *percent, *total_percent;
    lxw_format *change_pct, *total_change_pct; /* 0.0%: change on last year */
    lxw_format *kept; /* a Rounding remainder: every decimal kept */
    lxw_format *diff, *tolerance, *result, *pass, *fail, *check;
    lxw_format *in_money, *in_unit_money, *in_percent, *in_text;
    lxw_format *number[ABG_DECIMAL_MAX_SCALE + 1];
    lxw_format *total_number[ABG_DECIMAL_MAX_SCALE + 1];
    lxw_format *in_number[ABG_DECIMAL_MAX_SCALE + 1];
    lxw_format *legend_input, *legend_formula;
} abg_xlsx_formats;

/* Where cells are, for formulas on other sheets. Rows and columns are
 * zero-based, as libxlsxwriter counts them. */
typedef struct abg_xlsx_layout {
    /* Inputs */
    lxw_row_t in_pot, in_round_to, in_area_count;
    lxw_row_t in_comp_first, in_comp_total; /* component table */
    lxw_col_t in_share_col, in_per_area_col, in_amount_col;
    lxw_row_t in_budget_total, in_stream_first;
    lxw_row_t in_area_first, in_ind_total; /* indicator table */
    lxw_col_t in_ind_first;                /* column of indicator 0 */
    /* Rounding */
    lxw_row_t rd_area_first, rd_total;
    lxw_row_t rd_k_amount, rd_k_pdiv, rd_k_udiv;  /* per component */
    lxw_row_t rd_k_units, rd_k_cutoff, rd_k_ties; /* per rounding */
    lxw_col_t rd_quota_first, rd_exact, rd_floor, rd_rem, rd_ties, rd_added,
        rd_final, rd_group_first;
    /* Allocation */
    lxw_row_t al_area_first, al_total;
    lxw_col_t al_total_col, al_comp_first;
    lxw_col_t al_prev_col;    /* Last year, 0 when the areas have none */
    lxw_col_t al_damping_col; /* what damping moved each area, or 0 */
    /* Waterfall (a damped allocation; abg_xlsx_waterfall_layout) */
    bool wf_live; /* in the live workbook, else the values one */
    lxw_row_t wf_pot, wf_unit, wf_pace, wf_floor, wf_factor, wf_ceiling,
        wf_minimum; /* input rows; 0 when the step is not set */
    lxw_row_t wf_head, wf_area_first, wf_total;
    lxw_col_t wf_prev, wf_formula, wf_pace_col, wf_floor_col, wf_last,
        wf_rounding, wf_final, wf_change, wf_pct, wf_floor_level,
        wf_ceiling_level; /* step and level columns 0 when not set */
} abg_xlsx_layout;

/* The writer's state. */
typedef struct abg_xlsx {
    lxw_workbook *wb;
    const abg_model *m;
    const abg_result *r;
    lxw_error err; /* first libxlsxwriter error, or LXW_NO_ERROR */
    bool out_of_memory;
    char where[160]; /* what was being written at the first error */
    abg_xlsx_sheet sheets[ABG_XLSX_N_SHEETS];
    abg_xlsx_formats f;
    abg_xlsx_layout at;
    char **names;         /* per component: Amount_<this>, Share_<this> */
    int *indicator_scale; /* per indicator: most decimals of any area */
    const char *symbol;   /* currency symbol, or "" */
    bool whole;           /* totals in whole units (round_to >= 100p) */
    /* Written in libxlsxwriter's constant_memory mode: every sheet row by
     * row, in order, and a wrapped row sized as it is written. */
    bool constant_memory;
    /* Laying a sheet out without writing it: every cell helper does
     * nothing, so a writer can learn where its rows go first. */
    bool dry;
    /* Two growing buffers a sheet writer reuses row after row. */
    char *scratch[2];
    size_t scratch_size[2];
} abg_xlsx;

/* Areas from which the allocation's workbook is written in constant
 * memory (libxlsxwriter keeps one row of each sheet, not every cell):
 * below it a wrapped row is sized once every column's width is known,
 * from it as the row is written (a heading may then be a line taller
 * than it needs). Building with -DABG_XLSX_CONSTANT_MEMORY_AREAS=1 writes
 * every workbook so, to try the mode on the small test files. */
#ifndef ABG_XLSX_CONSTANT_MEMORY_AREAS
#define ABG_XLSX_CONSTANT_MEMORY_AREAS 10000
#endif

/* --- xlsx_cell.c: cells, references, sizes ----------------------------- */

/* Records a libxlsxwriter error (the first one wins) with what was being
 * written; returns true when e is an error. */
bool abg_xlsx_check(abg_xlsx *x, lxw_error e, const char *what, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Records that memory ran out. */
void abg_xlsx_no_memory(abg_xlsx *x);

/* Appends printf-style text to the NUL-terminated *buf of *size bytes
 * (NULL and 0 to start), growing it as needed; false when memory runs
 * out. */
bool abg_xlsx_append(char **buf, size_t *size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Makes x->scratch[0] and [1] empty strings; false when memory runs
 * out. */
bool abg_xlsx_scratch(abg_xlsx *x);

/* text as an XML part can hold it: text itself when it is valid
 * (abg_text_xml_ok), else a copy with U+FFFD for each bad byte, left in
 * *copy for the caller to free (a cut title or a library caller's model
 * must never make a workbook unreadable). NULL text gives NULL; "" with
 * the writer marked out of memory when the copy cannot be made. */
const char *abg_xlsx_xml(abg_xlsx *x, const char *text, char **copy);

/* Writes "B7" (or "$B$7" parts when abs_col / abs_row) into buf. */
char *abg_xlsx_ref(char *buf, size_t size, lxw_row_t row, lxw_col_t col,
                   bool abs_row, bool abs_col);

/* Writes a column's letters ("A", "AB") into buf. */
char *abg_xlsx_col(char *buf, size_t size, lxw_col_t col);

/* Number of characters (not bytes) in UTF-8 text. */
size_t abg_xlsx_chars(const char *text);

/* Makes column col of s at least chars wide. */
void abg_xlsx_fit(abg_xlsx *x, abg_xlsx_sheet *s, lxw_col_t col, double chars);

/* Writes text as a plain string (never a formula) and fits the column. */
void abg_xlsx_text(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                   lxw_col_t col, const char *text, lxw_format *f);

/* Writes text that may run over into empty cells to its right: the
 * column is not widened for it. */
void abg_xlsx_label(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                    lxw_col_t col, const char *text, lxw_format *f);

/* Writes wrapped text over columns first..last (merged when more than
 * one); the row is made tall enough for it at the end. */
void abg_xlsx_wrapped(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t first, lxw_col_t last, const char *text,
                      lxw_format *f, double factor);

/* Writes a column heading that wraps onto at most a few lines: the column
 * is made wide enough for its longest word and for the text in up to
 * `lines` lines. */
void abg_xlsx_heading(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t col, const char *text, lxw_format *f,
                      int lines);

/* Writes a number and fits the column to `chars`. */
void abg_xlsx_number(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                     lxw_col_t col, double value, lxw_format *f, size_t chars);

/* Writes a formula (printf-style) with its computed value cached, and
 * fits the column to `chars`. */
void abg_xlsx_formula(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                      lxw_col_t col, lxw_format *f, double value, size_t chars,
                      const char *formula, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* Writes a formula whose result is text, with that text cached. */
void abg_xlsx_formula_text(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           lxw_col_t col, lxw_format *f, const char *value,
                           const char *formula, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Last year's figure prev (pence) moved by change and rounded to a whole
 * round_to unit, up for a floor and down for a ceiling, as damping.c's
 * limit_of (a damping level, for cached values). */
int64_t abg_xlsx_limit(const abg_model *m, int64_t prev, abg_ratio change,
                       bool up);

/* Defines a workbook-wide name for one cell of s. */
void abg_xlsx_define(abg_xlsx *x, const char *name, const abg_xlsx_sheet *s,
                     lxw_row_t row, lxw_col_t col);

/* Money as the workbook shows it: "£426,000" (whole) or "£13,711.12", or
 * "426,000 NOK" for a currency without a symbol. */
const char *abg_xlsx_money(const abg_xlsx *x, char *buf, size_t size,
                           int64_t pence, bool whole);

/* Characters money takes in a cell (for column widths). */
size_t abg_xlsx_money_chars(const abg_xlsx *x, int64_t pence, bool whole);

/* Pence as the double a cell holds: converted once, here. */
double abg_xlsx_pounds(int64_t pence);

/* An exact value of the result (ABG_EXACT_*) as the nearest double, in
 * pounds (or plain for indicator totals). */
double abg_xlsx_exact(const abg_xlsx *x, abg_exact_what what, size_t area,
                      size_t component);

/* Sets column widths and wrapped rows' heights of every sheet. */
void abg_xlsx_finish_sizes(abg_xlsx *x);

/* Frees everything the helpers allocated. */
void abg_xlsx_free_state(abg_xlsx *x);

/* Rows of a sheet kept for what is not an area (titles, notes, key cells,
 * headings, totals): a workbook takes at most LXW_ROW_MAX less these
 * areas. */
#define ABG_XLSX_SPARE_ROWS 100

/* Refuses, before anything is written, a workbook of more areas than a
 * worksheet has rows for (ABG_XLSX_SPARE_ROWS kept), or whose `sheet`
 * would need `cols` columns for `count` `what` (components, scenarios,
 * steps): a worksheet has at most 16,384 (LXW_COL_MAX). ABG_ERROR_VALUE with the
 * model's file named and --csv or --json as the way out; ABG_OK when it
 * fits. Rows past 1,048,576 that slip past the spare rows are caught as
 * they are written (abg_xlsx_close_book says which sheet and row). */
abg_error abg_xlsx_fits(const abg_model *m, const char *sheet, size_t cols,
                        size_t count, const char *what, abg_diag *diag);

/* --- xlsx_format.c ------------------------------------------------------ */

/* Creates every format the sheets use. */
void abg_xlsx_formats_create(abg_xlsx *x);

/* --- xlsx_book.c: the book, page setup, charts' shared pieces ----------- */

/* The document's creation time: SOURCE_DATE_EPOCH when set, else the
 * model's date at midnight UTC, else 2000-01-01. ABG_ERROR_VALUE when
 * SOURCE_DATE_EPOCH is not a number of seconds. */
abg_error abg_xlsx_creation_time(time_t *out, const abg_model *m,
                                 abg_diag *diag);

/* "From: " (or "What-if from: " when --set changed the model) and
 * abg_model_provenance(m), which the caller frees; NULL (and
 * x->out_of_memory) when memory runs out. */
char *abg_xlsx_from(abg_xlsx *x, const abg_model *m);

/* Writes abg_xlsx_from(x, m) as a subtitle in column A of row. */
void abg_xlsx_from_row(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                       const abg_model *m);

/* Page setup shared by every sheet: A4 landscape, one page wide, footer
 * with the title, what produced the figures and the data date. */
void abg_xlsx_page_setup(abg_xlsx *x, abg_xlsx_sheet *s);

/* Starts a workbook at path for the entry points that add their sheets
 * one at a time: sets x's model, result, symbol and `whole`, creates the
 * formats and sets the properties with `subject`. Sheets are added in
 * x->sheets[0] (see abg_xlsx_next_sheet). On an error x needs only
 * abg_xlsx_close_book. */
abg_error abg_xlsx_open_book(abg_xlsx *x, const char *path, const abg_model *m,
                             const abg_result *r, bool whole,
                             const char *subject, abg_diag *diag);

/* Sizes the sheet in x->sheets[0] and makes way for the next one: adds a
 * worksheet called name (checked) as x->sheets[0]; false on failure. Pass
 * NULL to only finish the current sheet. */
bool abg_xlsx_next_sheet(abg_xlsx *x, const char *name);

/* Closes the workbook (freeing it) and turns the first failure into diag;
 * returns err when it is already an error. */
abg_error abg_xlsx_close_book(abg_xlsx *x, const char *path, abg_error err,
                              abg_diag *diag);

/* The heading of an allocation: "Base" or its scenario's title. */
const char *abg_xlsx_scenario_title(const abg_model *m);

/* Makes a chart's title bold, 14 point, as every chart here has it. */
void abg_xlsx_title_font(lxw_chart *chart);

/* Names a chart axis "label (£)" and shows it as whole money in the
 * workbook's currency, with a minus sign before the symbol when
 * `negatives`. */
void abg_xlsx_money_axis(abg_xlsx *x, lxw_chart_axis *axis, const char *label,
                         bool negatives);

/* Inserts chart at (row, 0) of s, `width` pixels wide (kept between 720
 * and 4000) and `height` high, with `description` as its alternative
 * text. */
void abg_xlsx_place_chart(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          lxw_chart *chart, double width, double height,
                          const char *description);

/* --- the Rounding sheet's parts, each calling only the base ------------- */

/* Remainders closer than this to the cut-off (in units, or pennies) may
 * compare differently in a spreadsheet (LibreOffice takes doubles within
 * 2^-48 of each other as equal); ABG_XLSX_CLOSE_BIG where a numerator
 * passes 2^53 and the whole numbers are no longer exact;
 * ABG_XLSX_CLOSE_FLOAT for the float path's remainders (total / RoundTo -
 * INT(total / RoundTo)). */
#define ABG_XLSX_CLOSE 1e-12
#define ABG_XLSX_CLOSE_BIG 1e-6
#define ABG_XLSX_CLOSE_FLOAT 1e-9

/* One largest-remainder rounding, exactly as abgcalc does it, and what
 * the sheet's cut-off cells hold (xlsx_rounding_exact.c). Worked out one
 * of two ways with the same figures: again in GMP rationals (`rem` holds
 * them), or read from abgcalc's result (`rem` NULL), where a value over a
 * rate has a fraction of tens of thousands of digits. */
typedef struct abg_xlsx_rounding {
    size_t n;
    mpq_t *rem;          /* in units, GMP only: the values, then remainders */
    double *remd;        /* each remainder truncated to a double */
    int64_t *floors;     /* in units */
    bool *added, *tied;  /* gets a unit; remainder equals the cut-off */
    int64_t left;        /* units handed out after flooring */
    size_t cut;          /* the row of the cut-off remainder, or n */
    double cutoff;       /* the cut-off remainder, or 2 when left is 0 */
    size_t above;        /* remainders above the cut-off */
    const abg_result *r; /* read from the result: its exact comparisons */
    size_t column;       /* the component rounded, or SIZE_MAX: totals */
} abg_xlsx_rounding;

/* Allocates a rounding for n values; false when memory runs out. */
bool abg_xlsx_rounding_init(abg_xlsx_rounding *g, size_t n);

/* Frees a rounding; accepts one that failed to initialise. */
void abg_xlsx_rounding_clear(abg_xlsx_rounding *g);

/* The exact rounding of the area totals to the pot, in round_to units:
 * read from the result when some total's fraction is long, else worked
 * again in GMP; false when memory runs out. */
bool abg_xlsx_rounding_totals(const abg_xlsx *x, abg_xlsx_rounding *g);

/* The same rounding worked again in GMP rationals from each total's
 * exact fraction (`from_result` false), or read from the result's floors,
 * ranks, remainders and exact comparisons (true); false when memory runs
 * out. Both give the same figures (tests/xlsx/test_xlsx.c). */
bool abg_xlsx_rounding_totals_by(const abg_xlsx *x, abg_xlsx_rounding *g,
                                 bool from_result);

/* The exact penny rounding of component c to its amount (preserve): read
 * from the result when some share's fraction is long, else worked again
 * in GMP; false when memory runs out. */
bool abg_xlsx_rounding_column(const abg_xlsx *x, size_t c,
                              abg_xlsx_rounding *g);

/* The same rounding worked again in GMP from each share's exact fraction
 * (`from_result` false), or read from the result's penny figures,
 * remainders and exact comparisons (true); false when memory runs out. */
bool abg_xlsx_rounding_column_by(const abg_xlsx *x, size_t c,
                                 abg_xlsx_rounding *g, bool from_result);

/* The warning naming the areas whose remainders lie within tol of g's
 * cut-off without all being equal to it, and what abgcalc gave each (the
 * caller frees it); NULL when there are none, or when memory ran out
 * (*ok cleared). `what` names the rounding ("area totals"). */
char *abg_xlsx_near_ties(const abg_xlsx *x, const abg_xlsx_rounding *g,
                         double tol, const char *what, bool *ok);

/* True when some component's numerator (amount in pence x whole
 * indicator) or unit divisor reaches 2^53; names the first in buf. */
bool abg_xlsx_beyond_2_53(const abg_xlsx *x, char *buf, size_t size);

/* Writes component c's divisor for pennies in row rd_k_pdiv (the
 * indicator total as a whole number, or the area count) and returns it
 * (xlsx_rounding_whole.c). */
double abg_xlsx_whole_divisor(abg_xlsx *x, abg_xlsx_sheet *s, size_t c);

/* Characters area a's floor and remainder formulas take together (the
 * key rows placed in x->at), for Excel's limit; 0 when memory runs
 * out. */
size_t abg_xlsx_whole_length(abg_xlsx *x, size_t a);

/* Area a's floor (QUOTIENT of each component) and remainder (the sum of
 * the MODs' fractions), with rem cached; false when memory runs out. */
bool abg_xlsx_whole_totals(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a, double rem);

/* Component c's floor to the penny and remainder of a penny (preserve),
 * floor in pence and rem cached; false when memory runs out. */
bool abg_xlsx_whole_group(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          size_t a, size_t c, int64_t floor, double rem);

/* A damped area's exact total (the Waterfall sheet's last damped figure),
 * floor and remainder by the float path, rem cached
 * (xlsx_rounding_float.c). */
void abg_xlsx_float_damped(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a, double rem);

/* Area a's exact total (the sum of its quotas), floor and remainder by
 * the float path, for weights from a derived indicator. */
void abg_xlsx_float_totals(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                           size_t a);

/* Component c's floor to the penny (whole_pence cached) and remainder of
 * a penny from its quota cell, for weights from a derived indicator. */
void abg_xlsx_float_group(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          size_t a, size_t c, int64_t whole_pence);

/* --- sheet writers: one file per sheet, each calling only the base ------ */

/* The Inputs sheet (xlsx_inputs.c); places the cells every other sheet's
 * formulas start from. */
void abg_xlsx_write_inputs(abg_xlsx *x);

/* The Rounding sheet (xlsx_rounding.c), after Inputs. */
void abg_xlsx_write_rounding(abg_xlsx *x);

/* The Allocation sheet (xlsx_allocation.c), after Rounding. */
void abg_xlsx_write_allocation(abg_xlsx *x);

/* The Checks sheet (xlsx_checks.c), after Allocation. */
void abg_xlsx_write_checks(abg_xlsx *x);

/* The Chart sheet (xlsx_chart.c), last. */
void abg_xlsx_write_chart(abg_xlsx *x);

/* Writes one allocation as values (area, total, each component, and what
 * damping moved it by when damped) into x->sheets[0] (xlsx_values.c). */
void abg_xlsx_write_values(abg_xlsx *x, const abg_model *m,
                           const abg_result *r);

/* The Waterfall sheet of a damped allocation, into x->sheets[0]
 * (xlsx_waterfall.c). */
void abg_xlsx_write_waterfall(abg_xlsx *x, const abg_model *m,
                              const abg_result *r);

/* Places the Waterfall sheet's rows and columns in x->at (wf_*), so the
 * Rounding sheet can refer to its last damped figures before it is
 * written. */
void abg_xlsx_waterfall_layout(abg_xlsx *x, const abg_model *m);

/* The entry points (include/abg/xlsx.h) sit on top: abg_xlsx_write
 * (xlsx.c), abg_xlsx_write_comparison (xlsx_compare.c, with its
 * Comparison sheet) and abg_xlsx_write_sweep (xlsx_sweep.c, with its Sweep
 * sheet). tests/xlsx/check_layers.py checks that calls go only downwards:
 * entry points to sheet writers and the base, sheet writers to the base. */

#endif /* ABG_XLSX_INTERNAL_H */
