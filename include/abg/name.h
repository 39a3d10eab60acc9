/*
 * name.h - names compared as people read them: one normalisation (spaces
 * collapsed and trimmed, capitals folded) and a hash table keyed by it.
 *
 * SPDX-License-Identifier: MIT
 *
 * Two names are the same name when their normal forms are equal: every run
 * of spaces (ASCII space and tab, no-break space U+00A0 and the other
 * Unicode spaces U+1680, U+2000-U+200A, U+202F, U+205F, U+3000) becomes one
 * space, spaces at either end are dropped, and letters are folded to small
 * letters by Unicode's simple case folding for ASCII, Latin-1 Supplement,
 * Latin Extended-A, basic Greek and basic Cyrillic (U+0000-U+017F,
 * U+0370-U+03FF, U+0400-U+045F). Other characters are kept as they are;
 * in particular text is not brought to a Unicode normalisation form (an é
 * typed as e + U+0301 differs from the single character é). The table
 * copies the keys it keeps; the caller owns the table and frees it with
 * abg_names_free().
 */
#ifndef ABG_NAME_H
#define ABG_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Writes the normal form of text into out (at most size bytes, NUL
 * included) and returns its length; the form is never longer than text.
 * Invalid UTF-8 bytes are copied unchanged. */
size_t abg_name_normalise(char *out, size_t size, const char *text);

/* Returns true when a and b are the same name once normalised. */
bool abg_name_equal(const char *a, const char *b);

/* Writes "did you mean "X"?" into hint (at most size bytes) when one of
 * candidates (a NULL-terminated list; NULL for none) is within two edits
 * of word, their normal forms compared, naming the first closest one as
 * written; else copies fallback. Names of 64 bytes or more are never
 * suggested. Returns hint. */
const char *abg_name_suggest(char *hint, size_t size, const char *word,
                             const char *const *candidates,
                             const char *fallback);

/* A hash table from (scope, normalised name) to a size_t value. The scope
 * lets one table hold several name spaces, such as the keys of each
 * section. */
typedef struct abg_names abg_names;

/* Returns a new empty table, or NULL when out of memory. */
abg_names *abg_names_new(void);

/* Frees a table; accepts NULL. */
void abg_names_free(abg_names *names);

/* Adds name under scope with value unless the same name is already there.
 * *out is the value the name now has: value when it was added, the
 * earlier value when it was there already. Returns ABG_ERROR_MEMORY when
 * out of memory. */
abg_error abg_names_add(size_t *out, abg_names *names, size_t scope,
                        const char *name, size_t value);

/* Puts name's value under scope into *out; returns false (leaving *out
 * alone) when the name is not there. */
bool abg_names_find(size_t *out, const abg_names *names, size_t scope,
                    const char *name);

/* Makes room for n names in all without growing again; returns
 * ABG_ERROR_MEMORY when out of memory. */
abg_error abg_names_reserve(abg_names *names, size_t n);

/* Asks the processor to fetch the slot where (scope, name) is or would
 * go, ahead of an abg_names_add: adding a million names then waits for
 * memory a few names at a time instead of one after the other. */
void abg_names_prefetch(const abg_names *names, size_t scope,
                        const char *name);

/* Replaces the value of a name that is there, or adds it. Returns
 * ABG_ERROR_MEMORY when out of memory. */
abg_error abg_names_set(abg_names *names, size_t scope, const char *name,
                        size_t value);

#endif /* ABG_NAME_H */
