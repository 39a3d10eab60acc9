/*
 * config_builder.h - what the section builders share: the builder, its
 * name tables, and the helpers that check values and report errors
 * (config_value.c). Private to the config_*.c files.
 *
 * SPDX-License-Identifier: MIT
 *
 * The builder is filled in order by config_build.c: [allocation], then
 * components (config_component.c), [indicator] sections, areas
 * (config_area.c), budget and streams (config_budget.c), damping
 * (config_damping.c) and [output]. Each abg_build_* function that returns
 * an abg_error returns ABG_OK, or an error with the diagnostic set.
 */
#ifndef ABG_CONFIG_BUILDER_H
#define ABG_CONFIG_BUILDER_H

#include "config_internal.h"

/* The largest pot: twice it must fit in int64_t pence, because shown
 * figures rounded up can add up to at most twice what they divide. */
#define MAX_POT INT64_C(1000000000000000000)
#define MAX_POT_TEXT                                                          \
    "\xC2\xA3"                                                                \
    "10,000,000,000,000,000"

/* Where a build is: the config, the model being filled, the diagnostic. */
typedef struct builder {
    const abg_config *config;
    abg_model *model;
    abg_diag *diag;
    const char *file;
    abg_names *names;        /* components, indicators and areas, by SCOPE_ */
    abg_indicator_use *uses; /* one per indicator, once components are in */
    bool *seen;              /* per indicator: the area being built has it */
    struct abg_formula **formulas; /* per indicator: a derived one's
                                      formula, else NULL (config_formula.c) */
    size_t **refs;     /* per derived indicator: its names' indexes */
    size_t *needed_by; /* per indicator: the derived one that first
                                names it, or SIZE_MAX */
    size_t *order;     /* the used derived indicators, each after
                                those it names */
    size_t n_order;
    size_t n_areas_total;  /* the areas model->area_block is sized for */
    unsigned char *kinds;  /* per section: its kind (config_build.c) */
    bool shared_published; /* no area has published.NAME: all share one
                              row of published figures (config_area.c) */
    /* The last keys an area's entry had, as written, and the indicator
     * each names (-1: none): most files repeat the same few keys in every
     * area, and an exact repeat needs no normalising and hashing. */
    struct {
        const char *key;
        long indicator;
    } recent[8];
    size_t n_recent;
} builder;

/* Gives the model one block for all areas' names and one for their
 * values and published arrays (model.h), sized for the config's [area]
 * sections; abg_build_area then takes each area's share. */
abg_error abg_build_area_blocks(builder *b);

/* The name spaces of builder.names. */
enum { SCOPE_COMPONENT, SCOPE_INDICATOR, SCOPE_AREA };

/* Joins a NULL-terminated list as "a, b, c" into buf and returns buf. */
const char *abg_build_join(char *buf, size_t size, const char *const *words);

/* Records message (no format) with err at line. */
abg_error abg_build_fail(builder *b, abg_error err, int line, const char *hint,
                         const char *message);

/* Refuses e, a key section s does not take; keys lists those it does. */
abg_error abg_build_unknown_key(builder *b, const abg_entry *e,
                                const abg_section *s, const char *const *keys);

/* Replaces *out with a copy of e's value. */
abg_error abg_build_copy_text(builder *b, char **out, const abg_entry *e);

/* Parses e's value as money; hint (NULL for the usual one) says how to
 * fix a value that is not money. */
abg_error abg_build_money_as(builder *b, int64_t *out, const abg_entry *e,
                             const char *hint);

/* Parses e's value as money. */
abg_error abg_build_money(builder *b, int64_t *out, const abg_entry *e);

/* Parses e's value as an indicator value. */
abg_error abg_build_decimal(builder *b, abg_decimal *out, const abg_entry *e);

/* Returns true when s can head a CSV column and sit in a dotted key:
 * letters, digits, - and _. */
bool abg_build_is_identifier(const char *s);

/* Returns the index of the component or indicator called name (compared
 * normalised), or -1. */
long abg_build_find_component(const builder *b, const char *name);
long abg_build_find_indicator(const builder *b, const char *name);

/* Adds an indicator name unless known; returns its index or -1 when out
 * of memory. */
long abg_build_add_indicator(builder *b, const char *name);

/* Parses every [indicator] formula, adds the indicators the used ones
 * name to the model (a component's indicator is used; so is any a used
 * formula names), and orders them, refusing a cycle (config_formula.c). */
abg_error abg_build_formulas(builder *b);

/* Works out each used derived indicator exactly for every area, into
 * model->derived and the areas' values[]; a division by zero or a value
 * below zero names the area and the formula's line. */
abg_error abg_build_evaluate(builder *b);

/* Writes where a formula was given: "line 12", or "from --set" (line 0);
 * returns buf. */
const char *abg_build_formula_where(char *buf, size_t size, int line);

/* Frees what abg_build_formulas() added to the builder. */
void abg_build_formulas_free(builder *b);

/* The section builders and whole-model checks, in the order run. */
abg_error abg_build_component(builder *b, const abg_section *s);
abg_error abg_build_indicators(builder *b);
abg_error abg_build_area(builder *b, const abg_section *s);
abg_error abg_build_resolve_amounts(builder *b);
abg_error abg_build_check_divisible(builder *b);
abg_error abg_build_budget(builder *b, const abg_section *s);
abg_error abg_build_stream(builder *b, const abg_section *s);
abg_error abg_build_damping(builder *b, const abg_section *s);
abg_error abg_build_check_budget(builder *b);
abg_error abg_build_check_previous(builder *b);

#endif /* ABG_CONFIG_BUILDER_H */
