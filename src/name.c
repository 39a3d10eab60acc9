/*
 * name.c - the one normalisation of names (spaces and capitals) and a hash
 * table keyed by it, so that lookups never scan every name.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abg/name.h"

/* Decodes the UTF-8 sequence at s into *cp and returns its length, or 0
 * when the bytes are not one valid sequence. */
static size_t decode(const unsigned char *s, unsigned *cp)
{
    size_t len;
    unsigned c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0)
        len = 2, c = s[0] & 0x1Fu;
    else if ((s[0] & 0xF0) == 0xE0)
        len = 3, c = s[0] & 0x0Fu;
    else if ((s[0] & 0xF8) == 0xF0)
        len = 4, c = s[0] & 0x07u;
    else
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    *cp = c;
    return len;
}

/* Writes code point cp as UTF-8 into out and returns its length. */
static size_t encode(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Returns true for the spaces name.h lists. */
static bool is_space(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x1680 ||
        (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000;
}

/* Unicode's simple case folding (CaseFolding.txt, status C and S) for the
 * scripts name.h lists; everything else folds to itself. */
static unsigned fold(unsigned cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp == 0xB5) /* micro sign: Greek small mu */
        return 0x3BC;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Latin Extended-A pairs capital and small letter, capital first,
         * even in 0100-0137 and 014A-0177, odd in 0139-0148, 0179-017E.
         * U+0130 (dotted I), U+0138 and U+0149 have no simple folding. */
        if ((cp <= 0x12F || (cp >= 0x132 && cp <= 0x137) ||
             (cp >= 0x14A && cp <= 0x177)) &&
            cp % 2 == 0)
            return cp + 1;
        if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
            cp % 2 == 1)
            return cp + 1;
        if (cp == 0x178) /* Y with diaeresis */
            return 0xFF;
        if (cp == 0x17F) /* long s */
            return 's';
        return cp;
    }
    if (cp >= 0x370 && cp <= 0x3FF) {
        if (cp == 0x386)
            return 0x3AC;
        if (cp >= 0x388 && cp <= 0x38A)
            return cp + 37;
        if (cp == 0x38C)
            return 0x3CC;
        if (cp == 0x38E || cp == 0x38F)
            return cp + 63;
        if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
            return cp + 32;
        if (cp == 0x3C2) /* final sigma */
            return 0x3C3;
        return cp;
    }
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    return cp;
}

/* Writes the normal form of text (name.h). */
size_t abg_name_normalise(char *out, size_t size, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0;
    bool space = false;

    if (size == 0)
        return 0;
    while (*s) {
        unsigned cp;
        size_t len;
        char buf[4];
        size_t blen;

        /* Most names are ASCII: a letter, digit or sign other than a
         * space is folded and copied without decoding. */
        if (*s < 0x80 && *s != ' ' && *s != '\t') {
            if (n + (space ? 1 : 0) + 1 >= size)
                break;
            if (space)
                out[n++] = ' ';
            space = false;
            out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
            s++;
            continue;
        }
        len = decode(s, &cp);
        if (len == 0) { /* not UTF-8: the byte stands for itself */
            buf[0] = (char)*s, blen = 1, len = 1;
        } else if (is_space(cp)) {
            space = n > 0;
            s += len;
            continue;
        } else {
            blen = encode(buf, fold(cp));
        }
        if (n + (space ? 1 : 0) + blen >= size)
            break;
        if (space)
            out[n++] = ' ';
        space = false;
        memcpy(out + n, buf, blen);
        n += blen;
        s += len;
    }
    out[n] = '\0';
    return n;
}

/* The normal form of text in buf when it fits, else in a new allocation
 * (*heap then points to it, for the caller to free). NULL when out of
 * memory. */
static char *normal_form(char *buf, size_t size, const char *text, char **heap,
                         size_t *len)
{
    size_t need = strlen(text) + 1;
    char *out = buf;

    *heap = NULL;
    if (need > size) {
        if (!(out = *heap = malloc(need)))
            return NULL;
        size = need;
    }
    *len = abg_name_normalise(out, size, text);
    return out;
}

/* Compares two names normalised (name.h). */
bool abg_name_equal(const char *a, const char *b)
{
    char ba[256], bb[256], *ha, *hb;
    size_t la = 0, lb = 0;
    const char *na = normal_form(ba, sizeof ba, a, &ha, &la);
    const char *nb = normal_form(bb, sizeof bb, b, &hb, &lb);
    bool same = na && nb && la == lb && memcmp(na, nb, la) == 0;

    free(ha);
    free(hb);
    return same;
}

/* Levenshtein distance, capped: only small distances matter for a hint. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];

    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* Suggests the candidate nearest to word (name.h). */
const char *abg_name_suggest(char *hint, size_t size, const char *word,
                             const char *const *candidates,
                             const char *fallback)
{
    /* The normal form is never longer than the text, so 64 bytes hold
     * every name short enough to be measured. */
    char nw[64], nc[64];
    const char *best = NULL;
    size_t best_d = 3;

    if (strlen(word) < sizeof nw) {
        abg_name_normalise(nw, sizeof nw, word);
        for (size_t i = 0; candidates && candidates[i]; i++) {
            size_t d;
            if (strlen(candidates[i]) >= sizeof nc)
                continue;
            abg_name_normalise(nc, sizeof nc, candidates[i]);
            if ((d = distance(nw, nc)) < best_d)
                best_d = d, best = candidates[i];
        }
    }
    if (best)
        snprintf(hint, size, "did you mean \"%s\"?", best);
    else
        snprintf(hint, size, "%s", fallback);
    return hint;
}

/* One name kept by the table. */
typedef struct item {
    uint64_t hash;
    size_t scope;
    size_t key;    /* offset of the normal form in the table's text */
    size_t length; /* its length */
    size_t value;
} item;

/* A slot holds the top 32 bits of the item's hash (so that most other
 * names are passed over without reading their item) and the item's
 * index + 1 in the low 32 bits; 0 is an empty slot. */
#define SLOT(hash, index) (((hash)&0xFFFFFFFF00000000u) | ((index) + 1))
#define SLOT_INDEX(slot) ((size_t)((slot)&0xFFFFFFFFu) - 1)

struct abg_names {
    uint64_t *slots; /* open addressing, SLOT() values */
    size_t n_slots;  /* a power of two, at least twice n_items */
    item *items;
    size_t n_items, cap_items;
    char *text; /* the normal forms, each NUL-terminated */
    size_t n_text, cap_text;
};

/* FNV-1a over the normal form, with the scope mixed in. */
static uint64_t hash_of(size_t scope, const char *key, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u ^ ((uint64_t)scope * 0x9E3779B97F4A7C15u);

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 0x100000001b3u;
    }
    return h ^ (h >> 29);
}

/* Returns an empty table (name.h). */
abg_names *abg_names_new(void)
{
    return calloc(1, sizeof(abg_names));
}

/* Frees a table; accepts NULL (name.h). */
void abg_names_free(abg_names *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->items);
    free(t->text);
    free(t);
}

/* Returns the slot where (scope, key) is, or the empty slot where it
 * would go. The table must have slots. */
static size_t probe(const abg_names *t, uint64_t h, size_t scope,
                    const char *key, size_t len)
{
    size_t mask = t->n_slots - 1, i = (size_t)h & mask;

    for (;; i = (i + 1) & mask) {
        const item *it;
        if (!t->slots[i])
            return i;
        if ((t->slots[i] ^ h) >> 32)
            continue;
        it = &t->items[SLOT_INDEX(t->slots[i])];
        if (it->hash == h && it->scope == scope && it->length == len &&
            memcmp(t->text + it->key, key, len) == 0)
            return i;
    }
}

/* Doubles the slots and puts every item back. */
static bool grow(abg_names *t)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 64;
    uint64_t *slots = calloc(n, sizeof *slots);

    if (!slots)
        return false;
    for (size_t k = 0; k < t->n_items; k++) {
        size_t i = (size_t)t->items[k].hash & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = SLOT(t->items[k].hash, k);
    }
    free(t->slots);
    t->slots = slots;
    t->n_slots = n;
    return true;
}

/* Makes room for n names (name.h). */
abg_error abg_names_reserve(abg_names *t, size_t n)
{
    if (n > t->cap_items) {
        item *grown = realloc(t->items, n * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        t->items = grown, t->cap_items = n;
    }
    while ((n + 1) * 2 > t->n_slots)
        if (!grow(t))
            return ABG_ERROR_MEMORY;
    return ABG_OK;
}

/* Fetches the slot of (scope, name) ahead of its use (name.h). */
void abg_names_prefetch(const abg_names *t, size_t scope, const char *name)
{
    char buf[256];
    size_t len;

    /* A long name is not worth an allocation here. */
    if (!t->n_slots || strlen(name) >= sizeof buf)
        return;
    len = abg_name_normalise(buf, sizeof buf, name);
    __builtin_prefetch(
        &t->slots[(size_t)hash_of(scope, buf, len) & (t->n_slots - 1)]);
}

/* Finds or adds (scope, name); *slot is where it is. */
static abg_error locate(abg_names *t, size_t scope, const char *name, bool add,
                        size_t value, size_t *slot, bool *added)
{
    char buf[256], *heap;
    size_t len = 0, i;
    const char *key = normal_form(buf, sizeof buf, name, &heap, &len);
    abg_error err = ABG_OK;
    uint64_t h;

    *added = false;
    if (!key)
        return ABG_ERROR_MEMORY;
    if ((t->n_items + 1) * 2 > t->n_slots && !grow(t)) {
        err = ABG_ERROR_MEMORY;
        goto out;
    }
    h = hash_of(scope, key, len);
    i = probe(t, h, scope, key, len);
    if (!t->slots[i] && add) {
        item *it;
        if (t->n_items >= 0xFFFFFFFFu) { /* a slot holds 32 bits of index */
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        if (t->n_items == t->cap_items) {
            size_t cap = t->cap_items ? t->cap_items * 2 : 32;
            item *grown = realloc(t->items, cap * sizeof *grown);
            if (!grown) {
                err = ABG_ERROR_MEMORY;
                goto out;
            }
            t->items = grown, t->cap_items = cap;
        }
        while (t->cap_text - t->n_text < len + 1) {
            size_t cap = t->cap_text ? t->cap_text * 2 : 1024;
            char *grown = realloc(t->text, cap);
            if (!grown) {
                err = ABG_ERROR_MEMORY;
                goto out;
            }
            t->text = grown, t->cap_text = cap;
        }
        memcpy(t->text + t->n_text, key, len + 1);
        it = &t->items[t->n_items];
        it->hash = h, it->scope = scope, it->key = t->n_text;
        it->length = len, it->value = value;
        t->n_text += len + 1;
        t->slots[i] = SLOT(h, t->n_items);
        t->n_items++;
        *added = true;
    }
    *slot = i;
out:
    free(heap);
    return err;
}

/* Adds a name unless there, returning its value (name.h). */
abg_error abg_names_add(size_t *out, abg_names *t, size_t scope,
                        const char *name, size_t value)
{
    size_t slot;
    bool added;
    abg_error err = locate(t, scope, name, true, value, &slot, &added);

    if (!err)
        *out = t->items[SLOT_INDEX(t->slots[slot])].value;
    return err;
}

/* Sets a name's value, adding it if needed (name.h). */
abg_error abg_names_set(abg_names *t, size_t scope, const char *name,
                        size_t value)
{
    size_t slot;
    bool added;
    abg_error err = locate(t, scope, name, true, value, &slot, &added);

    if (!err)
        t->items[SLOT_INDEX(t->slots[slot])].value = value;
    return err;
}

/* Looks a name up (name.h). */
bool abg_names_find(size_t *out, const abg_names *t, size_t scope,
                    const char *name)
{
    char buf[256], *heap;
    size_t len = 0, i;
    const char *key;
    bool found = false;

    if (!t || !t->n_items)
        return false;
    key = normal_form(buf, sizeof buf, name, &heap, &len);
    if (!key)
        return false;
    i = probe(t, hash_of(scope, key, len), scope, key, len);
    if (t->slots[i]) {
        *out = t->items[SLOT_INDEX(t->slots[i])].value;
        found = true;
    }
    free(heap);
    return found;
}
