/*
 * config_read.c - INI text to entries: encoding checks, a whole-line reader
 * for inih, and the (section, key, value, line) list.
 *
 * SPDX-License-Identifier: MIT
 *
 * inih as Debian builds it cuts lines at 200 bytes and section names at 49
 * characters without a word, and treats an indented line as the
 * continuation of the key above. Our reader hands inih one whole line at a
 * time, so it sees every line first: it refuses the long ones, keeps the
 * full section names itself, and strips indentation so that a stray space
 * cannot glue two values together.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config_internal.h"

/* The reader's and handler's shared state. */
typedef struct reader {
    abg_config *config;
    const char *text;
    size_t length;
    size_t pos;
    int line;
    long section;    /* index into config->sections; -1 before the first */
    abg_diag *diag;
    abg_error error; /* first error; stops the reader */
} reader;

static char *dup_range(const char *s, size_t n)
{
    char *copy = malloc(n + 1);

    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

/* Returns the length of the valid UTF-8 sequence at s (at most n bytes),
 * or 0 when it is not valid (overlong forms and surrogates included). */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned min;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0) {
        len = 2, min = 0x80, cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3, min = 0x800, cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Refuses text that is not UTF-8 before inih sees any of it. */
static abg_error check_encoding(const char *name, const unsigned char *t,
                                size_t n, abg_diag *diag)
{
    int line = 1, column = 1;

    /* With or without its byte-order mark: text starting with a NUL next
     * to a character is UTF-16, whatever tool wrote it. */
    if (n >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) ||
                   (t[0] == 0xFE && t[1] == 0xFF) ||
                   ((t[0] == 0) != (t[1] == 0))))
        return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, 1,
                            "save the file as UTF-8 (in Excel or Notepad: "
                            "Save As, encoding UTF-8)",
                            "the file is UTF-16, not UTF-8");
    for (size_t i = 0; i < n;) {
        size_t len;

        if (t[i] == '\0')
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "save the file as plain UTF-8 text",
                                "the line has a NUL byte; the file is not "
                                "plain text");
        len = utf8_sequence(t + i, n - i);
        if (len == 0)
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "save the file as UTF-8, or retype the "
                                "accented or special characters",
                                "the line is not valid UTF-8 (byte 0x%02X "
                                "at column %d)", t[i], column);
        column++;
        if (t[i] == '\n')
            line++, column = 1;
        i += len;
    }
    return ABG_OK;
}

static void trim(const char **start, const char **end)
{
    while (*start < *end && (**start == ' ' || **start == '\t'))
        (*start)++;
    while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
        (*end)--;
}

/* Records a [section] heading read by the reader. */
static abg_error add_section(reader *r, const char *start, const char *end)
{
    abg_config *c = r->config;
    const char *close = memchr(start, ']', (size_t)(end - start));
    const char *name_start, *name_end;
    const char *space;
    abg_section *s;

    if (!close)
        return abg_diag_set(r->diag, ABG_ERROR_SYNTAX, c->file, r->line,
                            "close the heading with ], like [area Blaby]",
                            "section heading has no closing ]");
    /* inih ignores what follows the ], so a key written there would be
     * lost without a word; only a comment may follow. */
    for (const char *p = close + 1; p < end && *p != ';' && *p != '#'; p++)
        if (*p != ' ' && *p != '\t')
            return abg_diag_set(r->diag, ABG_ERROR_SYNTAX, c->file, r->line,
                                "put each key = value on its own line below "
                                "the heading",
                                "text after the section heading's ]");
    name_start = start + 1, name_end = close;
    trim(&name_start, &name_end);
    for (size_t i = 0; i < c->n_sections; i++) {
        if (strlen(c->sections[i].text) == (size_t)(name_end - name_start) &&
            memcmp(c->sections[i].text, name_start,
                   (size_t)(name_end - name_start)) == 0)
            return abg_diag_set(r->diag, ABG_ERROR_VALUE, c->file, r->line,
                                "merge the two sections or rename one",
                                "duplicate section [%s], first at line %d",
                                c->sections[i].text, c->sections[i].line);
    }
    if (c->n_sections == c->cap_sections) {
        size_t cap = c->cap_sections ? c->cap_sections * 2 : 16;
        abg_section *grown = realloc(c->sections, cap * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        c->sections = grown;
        c->cap_sections = cap;
    }
    s = &c->sections[c->n_sections];
    memset(s, 0, sizeof *s);
    s->line = r->line;
    s->text = dup_range(name_start, (size_t)(name_end - name_start));
    if (!s->text)
        return ABG_ERROR_MEMORY;
    /* The kind is the first word; the name is the rest, trimmed. */
    space = memchr(name_start, ' ', (size_t)(name_end - name_start));
    if (!space)
        space = memchr(name_start, '\t', (size_t)(name_end - name_start));
    if (space) {
        const char *ns = space, *ne = name_end;
        trim(&ns, &ne);
        s->kind = dup_range(name_start, (size_t)(space - name_start));
        s->name = dup_range(ns, (size_t)(ne - ns));
    } else {
        s->kind = dup_range(name_start, (size_t)(name_end - name_start));
        s->name = dup_range("", 0);
    }
    if (!s->kind || !s->name) {
        free(s->text), free(s->kind), free(s->name);
        return ABG_ERROR_MEMORY;
    }
    c->n_sections++;
    r->section = (long)c->n_sections - 1;
    return ABG_OK;
}

/* inih's fgets-style reader: hands over one whole line, or stops. */
static char *read_line(char *str, int num, void *stream)
{
    reader *r = stream;
    const char *start, *end, *nl;
    size_t len;

    if (r->error || r->pos >= r->length)
        return NULL;
    start = r->text + r->pos;
    nl = memchr(start, '\n', r->length - r->pos);
    end = nl ? nl : r->text + r->length;
    r->pos = (size_t)(end - r->text) + (nl ? 1 : 0);
    r->line++;
    if (end > start && end[-1] == '\r')
        end--;
    len = (size_t)(end - start);
    /* A carriage return inside is checked first: a file with old Mac
     * line endings is one long line, and its length is not the fault. */
    if (memchr(start, '\r', len)) {
        r->error = abg_diag_set(r->diag, ABG_ERROR_SYNTAX, r->config->file,
                                r->line, "save the file with Unix (LF) or "
                                "Windows (CRLF) line endings",
                                "line has a carriage return in the middle");
        return NULL;
    }
    /* inih needs room for the newline and the NUL after the text. */
    if (len > (size_t)num - 3 || len > ABG_CONFIG_MAX_LINE) {
        r->error = abg_diag_set(
            r->diag, ABG_ERROR_SYNTAX, r->config->file, r->line,
            "shorten the line: a long note can be cut down, or split "
            "into note and a source in the [allocation] section",
            "line is %zu bytes long; the INI reader takes at most %d",
            len, ABG_CONFIG_MAX_LINE);
        return NULL;
    }
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    if (start < end && *start == '[') {
        r->error = add_section(r, start, end);
        if (r->error)
            return NULL;
    }
    len = (size_t)(end - start);
    memcpy(str, start, len);
    str[len] = '\n';
    str[len + 1] = '\0';
    return str;
}

/* inih's handler: records one key = value under the reader's section. */
static int on_entry(void *user, const char *section, const char *key,
                    const char *value)
{
    reader *r = user;
    abg_config *c = r->config;
    abg_entry *e;

    (void)section; /* inih's copy may be cut at 49 characters; ours is whole */
    if (r->error)
        return 1;
    if (!key[0]) {
        r->error = abg_diag_set(r->diag, ABG_ERROR_SYNTAX, c->file, r->line,
                                "write it as key = value, like amount = "
                                "94125",
                                "the line has no key before the =");
        return 1;
    }
    if (r->section < 0) {
        r->error = abg_diag_set(r->diag, ABG_ERROR_VALUE, c->file, r->line,
                                "put it under a heading such as [allocation]",
                                "key \"%s\" comes before any [section]", key);
        return 1;
    }
    for (size_t i = 0; i < c->n_entries; i++) {
        e = &c->entries[i];
        if (e->section == (size_t)r->section && strcmp(e->key, key) == 0) {
            r->error = abg_diag_set(
                r->diag, ABG_ERROR_VALUE, c->file, r->line,
                "keep one of the two lines",
                "duplicate key \"%s\" in [%s], first at line %d", key,
                c->sections[r->section].text, e->line);
            return 1;
        }
    }
    r->error = abg_config_append(c, (size_t)r->section, key, value, r->line);
    return 1;
}

abg_error abg_config_append(abg_config *c, size_t section, const char *key,
                            const char *value, int line)
{
    abg_entry *e;

    if (c->n_entries == c->cap_entries) {
        size_t cap = c->cap_entries ? c->cap_entries * 2 : 32;
        abg_entry *grown = realloc(c->entries, cap * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        c->entries = grown;
        c->cap_entries = cap;
    }
    e = &c->entries[c->n_entries];
    e->section = section;
    e->line = line;
    e->source = 0;
    e->key = strdup(key);
    e->value = strdup(value);
    if (!e->key || !e->value) {
        free(e->key), free(e->value);
        return ABG_ERROR_MEMORY;
    }
    c->n_entries++;
    return ABG_OK;
}

abg_error abg_config_load_text(abg_config **out, const char *name,
                               const char *text, size_t length,
                               abg_diag *diag)
{
    abg_config *c = calloc(1, sizeof *c);
    reader r = {0};
    abg_error err;
    int bad_line;

    *out = NULL;
    if (!c || !(c->file = strdup(name))) {
        free(c);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, name, 0, NULL,
                            "out of memory");
    }
    err = check_encoding(name, (const unsigned char *)text, length, diag);
    if (err)
        goto out;
    /* A UTF-8 byte-order mark (Excel and Notepad write one) is skipped. */
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, length -= 3;
    r.config = c, r.text = text, r.length = length, r.section = -1;
    r.diag = diag;
    bad_line = ini_parse_stream(read_line, &r, on_entry, &r);
    err = r.error;
    if (!err && bad_line > 0)
        err = abg_diag_set(diag, ABG_ERROR_SYNTAX, name, bad_line,
                           "write each setting as key = value, each heading "
                           "as [kind name], comments after ; or #",
                           "line is neither key = value nor a [section] "
                           "heading");
    else if (!err && bad_line < 0)
        err = ABG_ERROR_MEMORY;
    if (!err)
        err = abg_config_expand_tables(c, diag);
    if (err == ABG_ERROR_MEMORY)
        abg_diag_set(diag, err, name, 0, NULL, "out of memory");
out:
    if (err) {
        abg_config_free(c);
        return err;
    }
    *out = c;
    return ABG_OK;
}

abg_error abg_config_load(abg_config **out, const char *path, abg_diag *diag)
{
    FILE *f;
    char *text = NULL;
    size_t length = 0, cap = 0;
    abg_error err;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f)
        return abg_diag_set(diag, ABG_ERROR_READ, path, 0,
                            "check the path and that the file is readable",
                            "cannot open: %s", strerror(errno));
    for (;;) {
        size_t got;
        if (cap - length < 4096) {
            char *grown = realloc(text, cap ? cap * 2 : 8192);
            if (!grown) {
                free(text);
                fclose(f);
                return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                                    "out of memory");
            }
            text = grown;
            cap = cap ? cap * 2 : 8192;
        }
        got = fread(text + length, 1, cap - length, f);
        length += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        err = abg_diag_set(diag, ABG_ERROR_READ, path, 0, NULL,
                           "cannot read: %s", strerror(errno));
        free(text);
        fclose(f);
        return err;
    }
    fclose(f);
    if (abg_config_is_csv(path, text, length)) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char hint[ABG_DIAG_TEXT_MAX];
        snprintf(hint, sizeof hint, "give abgcalc an INI file whose [areas] "
                 "section reads it (file = %.200s); see docs/format.md, "
                 "Tables", base);
        free(text);
        return abg_diag_set(diag, ABG_ERROR_VALUE, path, 1, hint,
                            "this is a CSV table, not an allocation's INI "
                            "file");
    }
    if (length == 0 || !memchr(text, '[', length)) {
        free(text);
        return abg_diag_set(diag, ABG_ERROR_VALUE, path, 0,
                            "start from examples/ or allocations/; the file "
                            "needs [allocation], [component] and [area] "
                            "sections",
                            length == 0 ? "the file is empty"
                                        : "the file has no sections");
    }
    err = abg_config_load_text(out, path, text, length, diag);
    free(text);
    return err;
}

void abg_config_free(abg_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_sections; i++) {
        free(c->sections[i].text);
        free(c->sections[i].kind);
        free(c->sections[i].name);
    }
    for (size_t i = 0; i < c->n_entries; i++) {
        free(c->entries[i].key);
        free(c->entries[i].value);
    }
    abg_config_free_tables(c);
    free(c->sections);
    free(c->entries);
    free(c->file);
    free(c->scenario);
    free(c);
}
