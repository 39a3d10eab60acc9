/*
 * config_indicator.c - the [indicator NAME] sections and the checks over
 * all of one indicator's values: declared decimals, and a full stop that
 * is most likely a European thousands separator (128.450 for 128,450).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

static const char *const INDICATOR_KEYS[] = {"decimals", "formula", NULL};

/* Reads [indicator NAME]'s keys (config_internal.h). */
abg_error abg_indicator_section(abg_indicator_use *use, const abg_config *c,
                                const abg_section *s, abg_diag *diag)
{
    ABG_FOR_ENTRIES(e, c, s)
    {
        const char *v = e->value;
        char hint[256];

        if (!e->key[0] ||                   /* dropped by a scenario */
            strcmp(e->key, "formula") == 0) /* config_formula.c's */
            continue;
        if (strcmp(e->key, "decimals") != 0)
            return abg_diag_set(diag, ABG_ERROR_VALUE,
                                abg_config_source(c, e->source), e->line,
                                abg_config_suggest(hint, sizeof hint, e->key,
                                                   INDICATOR_KEYS,
                                                   "[indicator] takes: "
                                                   "decimals, formula"),
                                "unknown key \"%s\" in [%s]", e->key, s->text);
        if (!(v[0] >= '0' && v[0] <= '0' + ABG_DECIMAL_MAX_SCALE) || v[1])
            return abg_diag_set(diag, ABG_ERROR_VALUE,
                                abg_config_source(c, e->source), e->line,
                                "write a whole number of decimals from 0 "
                                "to 9, such as decimals = 3",
                                "decimals \"%s\" is not a number of "
                                "decimals",
                                v);
        use->decimals = v[0] - '0';
        use->decimals_line = e->line;
    }
    return ABG_OK;
}

/* Notes one area's value (config_internal.h). */
abg_error abg_indicator_note(abg_indicator_use *use, const abg_config *c,
                             const char *indicator, const abg_entry *e,
                             abg_decimal value, abg_diag *diag)
{
    const char *v = e->value, *point = strchr(v, '.');

    if (use->decimals >= 0) {
        if (value.scale > use->decimals)
            return abg_diag_set(diag, ABG_ERROR_VALUE,
                                abg_config_source(c, e->source), e->line,
                                "round the value, or raise decimals in "
                                "[indicator]",
                                "%s \"%s\" has %d decimal%s; [indicator "
                                "%s] (line %d) allows %d",
                                e->key, v, value.scale,
                                value.scale == 1 ? "" : "s", indicator,
                                use->decimals_line, use->decimals);
        return ABG_OK;
    }
    /* 128.450 can be 128,450 with a European separator; 1,234.567 (a
     * comma already), 1234.567 (four digits before the point) and 0.125
     * (no number starts with a 0 group) cannot. */
    if (value.scale == 3 && !strchr(v, ',') && point && point - v <= 3 &&
        v[0] != '0') {
        if (!use->suspect)
            use->suspect = e;
    } else if (value.scale == 0) {
        use->whole++;
    } else {
        use->other = true;
    }
    return ABG_OK;
}

/* Refuses a likely thousands full stop (config_internal.h). */
abg_error abg_indicator_check(const abg_indicator_use *use,
                              const abg_config *c, const char *indicator,
                              abg_diag *diag)
{
    char meant[64], hint[256];
    const abg_entry *e = use->suspect;
    const char *point;

    /* Only among whole numbers does 128.450 stand out as a separator:
     * beside 12.5 or 0.125 it is as likely a real decimal. */
    if (!e || use->other || use->whole == 0)
        return ABG_OK;
    snprintf(meant, sizeof meant, "%s", e->value);
    *strchr(meant, '.') = ',';
    point = strchr(e->value, '.');
    snprintf(hint, sizeof hint,
             "write %.*s%s or %s; if the decimals are "
             "meant, add [indicator %s] with decimals = 3",
             (int)(point - e->value), e->value, point + 1, meant, indicator);
    return abg_diag_set(diag, ABG_ERROR_VALUE, abg_config_source(c, e->source),
                        e->line, hint,
                        "%s \"%s\" looks like %s with a full stop for the "
                        "thousands separator: every other %s is a whole "
                        "number",
                        e->key, e->value, meant, indicator);
}
