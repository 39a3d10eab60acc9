/*
 * model.h - an allocation as described by its INI file: the pot, the
 * components that split it, the areas that receive it, and the budget the
 * pot belongs to.
 *
 * SPDX-License-Identifier: MIT
 *
 * A model is built by abg_config_build() (config.h) and owns every string
 * and array it points to; abg_model_free() releases all of it. All money is
 * in pence. Line numbers point into the file the value came from, so that
 * later checks can name the line to fix (0 when the value was not written).
 */
#ifndef ABG_MODEL_H
#define ABG_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "money.h"

/* How a component divides its money between areas. */
typedef enum abg_method {
    ABG_METHOD_EVEN = 0,     /* the same to every area */
    ABG_METHOD_PROPORTIONAL, /* in proportion to one indicator */
    ABG_METHOD_PREVIOUS      /* in proportion to last year's allocation */
} abg_method;

/* An exact signed fraction, such as -5% as -5/100. */
typedef struct abg_ratio {
    int64_t num;
    int64_t den; /* > 0 */
} abg_ratio;

/* Limits on each area's change against `previous` (the [damping]
 * section), applied in this order: pace, floor, ceiling, minimum. */
typedef struct abg_damping {
    bool has_pace, has_floor, has_ceiling, has_minimum;
    abg_ratio pace;    /* share of the way to the formula figure, (0, 1] */
    abg_ratio floor;   /* lowest change on previous, such as -5/100 */
    abg_ratio ceiling; /* highest change on previous, such as 10/100 */
    int64_t minimum;   /* no area below this, pence */
    int pace_line, floor_line, ceiling_line, minimum_line;
} abg_damping;

/* How the size of a component was given; `amount` is always resolved. */
typedef enum abg_size {
    ABG_SIZE_AMOUNT = 0, /* amount = 94125 */
    ABG_SIZE_SHARE,      /* share = 22.1% of the pot, rounded to the penny */
    ABG_SIZE_REST,       /* amount = rest: what the other components leave */
    ABG_SIZE_PER_AREA    /* per_area = 25000, times the number of areas */
} abg_size;

/* How area totals treat exactly equal remainders. */
typedef enum abg_ties {
    ABG_TIES_FILE_ORDER = 0, /* the earlier area in the file wins (reported) */
    ABG_TIES_REFUSE          /* a tie that decides a unit is an error */
} abg_ties;

/* How component figures are rounded to the penny. */
typedef enum abg_component_rounding {
    ABG_COMPONENT_ROUNDING_EACH = 0, /* each cell half away from zero */
    ABG_COMPONENT_ROUNDING_PRESERVE  /* largest remainder, columns add up */
} abg_component_rounding;

/* One column of the table. */
typedef struct abg_component {
    char *name;  /* from [component NAME]; names the CSV column */
    char *title; /* heading; the name when not given */
    char *note;  /* footnote (source of the indicator); may be NULL */
    abg_method method;
    size_t indicator; /* index into abg_model.indicators (proportional) */
    abg_size size;
    abg_decimal share; /* percent of the pot (ABG_SIZE_SHARE) */
    int64_t per_area;  /* pence per area (ABG_SIZE_PER_AREA) */
    int64_t amount;    /* the component's money, resolved whatever `size` */
    bool has_published;
    int64_t published; /* the printed column total, when given */
    int line;          /* line of the [component] heading */
    int published_line;
} abg_component;

/* One row of the table. */
typedef struct abg_area {
    char *name;          /* from [area NAME] */
    int line;            /* line of the [area] heading */
    abg_decimal *values; /* one per abg_model.indicators */
    bool has_published;
    int64_t published; /* the printed total */
    int published_line;
    bool has_previous;
    int64_t previous; /* last year's allocation, when given */
    int previous_line;
    bool *has_published_cell; /* one per component */
    int64_t *published_cell;  /* printed component figures, per component */
    int *published_cell_line;
    const char *file; /* the table its published lines are in;
                                 NULL: the model's file */
} abg_area;

/* A figure the source prints only approximately: `approximate` (and the
 * pot's `pot_approximate`) in [budget] and [stream], to the nearest
 * `approximate_to`. */
typedef struct abg_approx {
    bool given;
    int64_t figure; /* the printed figure, pence */
    int64_t to;     /* the exact figure to the nearest this is `figure` */
    int line;
} abg_approx;

/* Another stream of the budget the pot belongs to. */
typedef struct abg_stream {
    char *name;
    char *title;
    int64_t amount;
    int line;
    abg_approx approx; /* its approximate printed figure, if any */
} abg_stream;

/* A derived indicator: [indicator NAME] with formula = ..., worked out
 * exactly for every area from the indicators it names (which are in the
 * model too). values[] in each area holds it as a decimal: exactly when
 * `exact`, else rounded half up to the most places that fit (at most
 * ABG_DECIMAL_MAX_SCALE), for display only; `fraction` is the value. */
typedef struct abg_derived {
    char *formula;   /* the formula's text; NULL: the areas carry it */
    int line;        /* the formula's line (in the model's file) */
    int decimals;    /* [indicator] decimals = N: places shown; -1 */
    bool exact;      /* every area's values[] holds the value exactly */
    char **fraction; /* per area: "num/den" or "num", in lowest terms */
} abg_derived;

/* The whole allocation. */
typedef struct abg_model {
    char *file; /* path the model was read from */
    char *title;
    char *source;   /* where the figures come from; may be NULL */
    char *currency; /* ISO 4217 code, GBP when not given */
    char *date;     /* date of the data (YYYY-MM-DD); may be NULL */
    int64_t pot;
    int64_t round_to; /* unit of area totals, in pence */
    abg_ties ties;
    int ties_line; /* where ties = refuse was set */
    abg_component_rounding component_rounding;
    bool has_published;
    int64_t published; /* the printed grand total */
    int published_line;
    int pot_line;

    char **indicators; /* names of the indicators areas carry,
                                       and of the derived ones */
    size_t n_indicators;
    abg_derived *derived; /* per indicator, or NULL when no
                                       indicator is derived */
    abg_component *components;
    size_t n_components;
    abg_area *areas;
    size_t n_areas;

    bool has_damping; /* a [damping] section was given */
    abg_damping damping;

    bool has_budget; /* a [budget] section was given */
    char *budget_title;
    char *pot_title; /* the pot's line in the budget */
    int64_t budget_total;
    int budget_line;
    abg_stream *streams;
    size_t n_streams;
    abg_approx budget_approx; /* the total, printed approximately */
    abg_approx pot_approx;    /* the pot, printed approximately */

    char **tables; /* the CSV files areas came from */
    size_t n_tables;
    char *output;         /* default workbook path; may be NULL */
    char *scenario;       /* the [scenario] applied, or NULL */
    char *scenario_title; /* its title, or NULL */
    char **sets;          /* the KEY=VALUE changes applied on top
                                     * (--set), in order; NULL when none */
    size_t n_sets;
    /* When not NULL, every area's values and published arrays (values,
     * has_published_cell, published_cell, published_cell_line) are
     * slices of this one allocation for all areas, which abg_model_free
     * frees instead of each area's arrays: a caller may change their
     * elements but must not free or replace the arrays. Areas may share
     * one row of published arrays when none has published figures. When
     * NULL, each area owns its arrays. Names are always each area's own. */
    void *area_block;
} abg_model;

/* Frees a model and everything it owns; accepts NULL. */
void abg_model_free(abg_model *model);

/* Returns the footnote marker of component c's note ("*" for the first
 * component with a note, "**" for the second, ...), "" when it has none. */
const char *abg_model_note_mark(const abg_model *model, size_t c);

/* Records the KEY=VALUE changes (--set) the model was built with, copied;
 * returns false when memory runs out (the model is then unchanged). */
bool abg_model_set_changes(abg_model *model, char *const *sets, size_t n);

/* What produced the figures, in one line the caller frees: the file, the
 * scenario and every change, such as `x.ini, scenario cut10 (Pot cut by
 * 10%), --set pot=400000`; NULL when memory runs out. */
char *abg_model_provenance(const abg_model *model);

/* The label of the model's figures in a comparison, which the caller
 * frees: the scenario's title or "Base", followed by each change
 * (`Pot cut by 10%, pot=400000`) so that figures a --set changed are
 * never shown under the scenario's title alone; NULL when memory runs
 * out. */
char *abg_model_label(const abg_model *model);

/* Returns true when every area carries last year's figure (previous). */
bool abg_model_all_previous(const abg_model *model);

/* Returns true when indicator i is derived (a formula's value). */
bool abg_model_is_derived(const abg_model *model, size_t i);

/* Returns the index of the area called name (compared normalised, as
 * name.h says: `blaby` finds Blaby), or -1 when there is none. */
long abg_model_find_area(const abg_model *model, const char *name);

#endif /* ABG_MODEL_H */
