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
#include <sys/stat.h>

#include <ini.h>

#include "config_internal.h"
#include "utf8.h"

/* The reader's and handler's shared state. */
typedef struct reader {
    abg_config *config;
    const char *text;
    size_t length;
    size_t pos;
    int line;
    long section; /* index into config->sections; -1 before the first */
    abg_diag *diag;
    abg_error error; /* first error; stops the reader */
} reader;

/* The name of a control character, for messages. */
static const char *control_name(unsigned cp)
{
    static const char *const c0[] = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
        "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
        "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

    if (cp < 0x20)
        return c0[cp];
    return cp == 0x7F ? "DEL" : "C1 control";
}

/* Refuses text that is not UTF-8, and control characters, before inih
 * sees any of it. */
static abg_error check_encoding(const char *name, const unsigned char *t,
                                size_t n, abg_diag *diag)
{
    int line = 1, column = 1;

    /* With or without its byte-order mark: text starting with a NUL next
     * to a character is UTF-16, whatever tool wrote it. */
    if (n >= 2 &&
        ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF) ||
         ((t[0] == 0) != (t[1] == 0))))
        return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, 1,
                            "save the file as UTF-8 (in Excel or Notepad: "
                            "Save As, encoding UTF-8)",
                            "the file is UTF-16, not UTF-8");
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned cp;

        /* Printable ASCII, tab and line ends, the most of any file, at
         * once. */
        if ((t[i] >= 0x20 && t[i] < 0x7F) || t[i] == '\t' || t[i] == '\n' ||
            t[i] == '\r') {
            column++;
            if (t[i] == '\n')
                line++, column = 1;
            i++;
            continue;
        }
        if (t[i] == '\0')
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "save the file as plain UTF-8 text",
                                "the line has a NUL byte; the file is not "
                                "plain text");
        len = abg_utf8_decode(t + i, n - i, &cp);
        if (len == 0)
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "save the file as UTF-8, or retype the "
                                "accented or special characters",
                                "the line is not valid UTF-8 (byte 0x%02X "
                                "at column %d)",
                                t[i], column);
        /* Escape sequences would reach the terminal and the bell or escape
         * would make a workbook's XML unreadable: no name or value needs
         * one. Tabs are spacing; carriage returns are the reader's. */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0x7F || (len == 2 && cp >= 0x80 && cp <= 0x9F))
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "delete it and retype the text around it; "
                                "control characters have no place in the "
                                "file",
                                "the line has a control character (U+%04X "
                                "%s) at column %d",
                                cp, control_name(cp), column);
        if (abg_utf8_bidi_name(cp))
            return abg_diag_set(diag, ABG_ERROR_SYNTAX, name, line,
                                "delete it: it makes the text around it "
                                "display in another order than it is "
                                "read",
                                "the line has a bidirectional control "
                                "character (U+%04X %s) at column %d",
                                cp, abg_utf8_bidi_name(cp), column);
        column++;
        if (t[i] == '\n')
            line++, column = 1;
        i += len;
    }
    return ABG_OK;
}

/* Moves start and end past spaces and tabs at either end. */
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
    size_t index;
    abg_error err;

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
    err = abg_config_add_section(&index, c, name_start,
                                 (size_t)(name_end - name_start), r->line,
                                 r->diag);
    if (!err)
        r->section = (long)index;
    return err;
}

/* Refuses a tab inside a name or value: it is spacing only around them. */
static abg_error check_tab(abg_config *c, const char *text, int line,
                           abg_diag *diag)
{
    if (!strchr(text, '\t'))
        return ABG_OK;
    return abg_diag_set(diag, ABG_ERROR_SYNTAX, c->file, line,
                        "write a space instead: a tab may only stand "
                        "around a name, a key or a value",
                        "the line has a tab inside a name or value");
}

/* Appends a section, refusing a duplicate (config_internal.h). */
abg_error abg_config_add_section(size_t *out, abg_config *c, const char *text,
                                 size_t length, int line, abg_diag *diag)
{
    const char *space, *end = text + length;
    abg_section *s;
    size_t first;
    abg_error err;

    if (c->n_sections == c->cap_sections) {
        size_t cap = c->cap_sections ? c->cap_sections * 2 : 16;
        abg_section *grown = realloc(c->sections, cap * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        c->sections = grown;
        c->cap_sections = cap;
    }
    if (!c->section_names && !(c->section_names = abg_names_new()))
        return ABG_ERROR_MEMORY;
    s = &c->sections[c->n_sections];
    memset(s, 0, sizeof *s);
    s->line = line;
    s->first = s->last = ABG_NO_ENTRY;
    /* The kind is the first word; the name is the rest, trimmed. Both
     * are kept in the text's allocation, after it. */
    for (space = text; space < end && *space != ' ' && *space != '\t'; space++)
        ;
    {
        const char *ns = space, *ne = end;
        size_t klen = (size_t)(space - text), nlen;
        trim(&ns, &ne);
        nlen = (size_t)(ne - ns);
        if (!(s->text =
                  abg_arena_alloc(&c->arena, length + klen + nlen + 3))) {
            err = ABG_ERROR_MEMORY;
            goto out;
        }
        memcpy(s->text, text, length);
        s->text[length] = '\0';
        s->kind = s->text + length + 1;
        memcpy(s->kind, text, klen);
        s->kind[klen] = '\0';
        s->name = s->kind + klen + 1;
        memcpy(s->name, ns, nlen);
        s->name[nlen] = '\0';
    }
    if ((err = check_tab(c, s->name, line, diag)))
        goto out;
    err = abg_names_add(&first, c->section_names, 0, s->text, c->n_sections);
    if (err)
        goto out;
    if (first != c->n_sections) {
        const abg_section *other = &c->sections[first];
        if (strcmp(other->text, s->text) == 0)
            err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line,
                               "merge the two sections or rename one",
                               "duplicate section [%s], first at line %d",
                               s->text, other->line);
        else
            err = abg_diag_set(diag, ABG_ERROR_VALUE, c->file, line,
                               "merge the two sections or rename one",
                               "duplicate section [%s]: the same as [%s] "
                               "at line %d once capitals and spaces are "
                               "ignored",
                               s->text, other->text, other->line);
        goto out;
    }
    *out = c->n_sections++;
out:
    if (err)
        memset(s, 0, sizeof *s); /* its text stays in the arena */
    return err;
}

/* Makes room for sections, entries and names (config_internal.h). */
abg_error abg_config_reserve(abg_config *c, size_t n_sections,
                             size_t n_entries, size_t n_names)
{
    if (n_sections > c->cap_sections) {
        abg_section *grown = realloc(c->sections, n_sections * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        c->sections = grown, c->cap_sections = n_sections;
    }
    if (n_entries > c->cap_entries) {
        abg_entry *grown = realloc(c->entries, n_entries * sizeof *grown);
        if (!grown)
            return ABG_ERROR_MEMORY;
        c->entries = grown, c->cap_entries = n_entries;
    }
    if (!c->section_names && !(c->section_names = abg_names_new()))
        return ABG_ERROR_MEMORY;
    return abg_names_reserve(c->section_names, n_names);
}

/* Finds [kind name] in the section table (config_internal.h). */
long abg_config_find_section(const abg_config *c, const char *kind,
                             const char *name)
{
    size_t klen = strlen(kind), nlen = strlen(name), found;
    char buf[256], *text = buf;
    bool ok;

    if (klen + nlen + 2 > sizeof buf && !(text = malloc(klen + nlen + 2)))
        return -1;
    memcpy(text, kind, klen);
    text[klen] = ' ';
    memcpy(text + klen + 1, name, nlen + 1);
    ok = abg_names_find(&found, c->section_names, 0, text);
    if (text != buf)
        free(text);
    return ok ? (long)found : -1;
}

/* Finds a key of a section (config_internal.h). */
abg_entry *abg_config_find_entry(const abg_config *c, size_t si,
                                 const char *key)
{
    const abg_section *s = &c->sections[si];
    size_t found;
    abg_entry *e = NULL;

    /* A few keys are compared one by one; a long section has a table. */
    if (s->n_entries > ABG_SMALL_SECTION) {
        if (abg_names_find(&found, c->entry_names, si, key))
            e = &c->entries[found];
    } else {
        for (size_t i = s->first; i != ABG_NO_ENTRY && !e;
             i = c->entries[i].next)
            if (abg_name_equal(c->entries[i].key, key))
                e = &c->entries[i];
    }
    return e && e->key[0] ? e : NULL; /* a dropped key is no longer there */
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
        r->error =
            abg_diag_set(r->diag, ABG_ERROR_SYNTAX, r->config->file, r->line,
                         "save the file with Unix (LF) or "
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
            "line is %zu bytes long; the INI reader takes at most %d", len,
            ABG_CONFIG_MAX_LINE);
        return NULL;
    }
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    if (start < end && *start == '[') {
        r->error = add_section(r, start, end);
        if (r->error)
            return NULL;
    } else if (start < end && *start != ';' && *start != '#') {
        /* inih also splits at a colon; the format has one way to write a
         * key, so that other tools read the file as we do. */
        const char *sep = start;
        while (sep < end && *sep != '=' && *sep != ':')
            sep++;
        if (sep < end && *sep == ':') {
            r->error =
                abg_diag_set(r->diag, ABG_ERROR_SYNTAX, r->config->file,
                             r->line, "write key = value, with an = sign",
                             "the line separates its key with \":\"; "
                             "keys are set with \"=\"");
            return NULL;
        }
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
    e = abg_config_find_entry(c, (size_t)r->section, key);
    if (e) {
        if (strcmp(e->key, key) == 0)
            r->error =
                abg_diag_set(r->diag, ABG_ERROR_VALUE, c->file, r->line,
                             "keep one of the two lines",
                             "duplicate key \"%s\" in [%s], first at line %d",
                             key, c->sections[r->section].text, e->line);
        else
            r->error = abg_diag_set(
                r->diag, ABG_ERROR_VALUE, c->file, r->line,
                "keep one of the two lines",
                "duplicate key \"%s\" in [%s]: the same as \"%s\" at line "
                "%d once capitals and spaces are ignored",
                key, c->sections[r->section].text, e->key, e->line);
        return 1;
    }
    if ((r->error = check_tab(c, key, r->line, r->diag)) ||
        (r->error = check_tab(c, value, r->line, r->diag)))
        return 1;
    r->error = abg_config_append(c, (size_t)r->section, key, value, r->line);
    return 1;
}

/* Appends key = value to a section's list (config_internal.h). */
abg_error abg_config_append(abg_config *c, size_t section, const char *key,
                            const char *value, int line)
{
    size_t klen = strlen(key), vlen = strlen(value);
    abg_entry *e;
    abg_section *s;

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
    e->next = ABG_NO_ENTRY;
    e->source = 0;
    /* The value is kept after the key. */
    if (!(e->key = abg_arena_alloc(&c->arena, klen + vlen + 2)))
        return ABG_ERROR_MEMORY;
    memcpy(e->key, key, klen + 1);
    e->value = e->key + klen + 1;
    memcpy(e->value, value, vlen + 1);
    s = &c->sections[section];
    if (s->n_entries + 1 > ABG_SMALL_SECTION) {
        /* The section outgrows a scan: index its keys, then each new one
         * (a later key of the same name, after a drop, replaces). */
        size_t from =
            s->n_entries == ABG_SMALL_SECTION ? s->first : ABG_NO_ENTRY;
        if (!c->entry_names && !(c->entry_names = abg_names_new()))
            goto memory;
        for (size_t i = from; i != ABG_NO_ENTRY; i = c->entries[i].next)
            if (c->entries[i].key[0] &&
                abg_names_set(c->entry_names, section, c->entries[i].key, i))
                goto memory;
        if (abg_names_set(c->entry_names, section, key, c->n_entries))
            goto memory;
    }
    if (s->last == ABG_NO_ENTRY)
        s->first = c->n_entries;
    else
        c->entries[s->last].next = c->n_entries;
    s->last = c->n_entries++;
    s->n_entries++;
    return ABG_OK;
memory:
    return ABG_ERROR_MEMORY; /* the key stays in the arena */
}

/* Reads INI text into entries, tables not yet expanded
 * (config_internal.h). */
abg_error abg_config_read_text(abg_config **out, const char *name,
                               const char *text, size_t length, abg_diag *diag)
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

/* Refuses a file over ABG_CONFIG_MAX_SIZE. */
static abg_error too_large(const char *path, abg_diag *diag)
{
    return abg_diag_set(diag, ABG_ERROR_VALUE, path, 0,
                        "an allocation file is text of at most 256 MiB; "
                        "check that this is the INI file",
                        "the file is larger than %d MiB",
                        (int)(ABG_CONFIG_MAX_SIZE >> 20));
}

/* Reads all of f into *text, stopping at ABG_CONFIG_MAX_SIZE + 1 bytes
 * (a device or pipe has no size to check first) or at a chunk with a NUL
 * byte (the encoding check then names its line). */
static abg_error read_all(char **text, size_t *length, FILE *f,
                          const char *path, abg_diag *diag)
{
    size_t cap = 0;

    *text = NULL, *length = 0;
    for (;;) {
        size_t got, want;
        if (cap - *length < 4096) {
            size_t next = cap ? cap * 2 : 8192;
            char *grown;
            if (next > ABG_CONFIG_MAX_SIZE + 4096)
                next = ABG_CONFIG_MAX_SIZE + 4096;
            if (!(grown = realloc(*text, next)))
                return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                                    "out of memory");
            *text = grown;
            cap = next;
        }
        want = cap - *length;
        got = fread(*text + *length, 1, want, f);
        if (memchr(*text + *length, '\0', got)) {
            *length += got;
            return ABG_OK;
        }
        *length += got;
        if (*length > ABG_CONFIG_MAX_SIZE)
            return too_large(path, diag);
        if (got == 0)
            break;
    }
    if (ferror(f))
        return abg_diag_set(diag, ABG_ERROR_READ, path, 0, NULL,
                            "cannot read: %s", strerror(errno));
    return ABG_OK;
}

/* Reads the INI file at path, at most ABG_CONFIG_MAX_SIZE, tables not yet
 * expanded (config_internal.h). */
abg_error abg_config_read_file(abg_config **out, const char *path,
                               abg_diag *diag)
{
    FILE *f;
    struct stat st;
    char *text = NULL;
    size_t length = 0;
    abg_error err;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f)
        return abg_diag_set(diag, ABG_ERROR_READ, path, 0,
                            "check the path and that the file is readable",
                            "cannot open: %s", strerror(errno));
    /* A regular file's size is known before reading any of it. */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > (off_t)ABG_CONFIG_MAX_SIZE)
        err = too_large(path, diag);
    else
        err = read_all(&text, &length, f, path, diag);
    fclose(f);
    if (err)
        goto out;
    if (abg_config_is_csv(path, text, length)) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char hint[ABG_DIAG_TEXT_MAX];
        snprintf(hint, sizeof hint,
                 "give abgcalc an INI file whose [areas] "
                 "section reads it (file = %.200s); see docs/format.md, "
                 "Tables",
                 base);
        err = abg_diag_set(diag, ABG_ERROR_VALUE, path, 1, hint,
                           "this is a CSV table, not an allocation's INI "
                           "file");
        goto out;
    }
    if (length == 0 ||
        (!memchr(text, '[', length) && !memchr(text, '\0', length))) {
        err = abg_diag_set(diag, ABG_ERROR_VALUE, path, 0,
                           "start from examples/ or allocations/; the file "
                           "needs [allocation], [component] and [area] "
                           "sections",
                           length == 0 ? "the file is empty"
                                       : "the file has no sections");
        goto out;
    }
    err = abg_config_read_text(out, path, text, length, diag);
out:
    free(text);
    return err;
}

/* Frees a config and all it owns (config.h). */
void abg_config_free(abg_config *c)
{
    if (!c)
        return;
    abg_arena_free(&c->arena); /* every section's and entry's text */
    for (size_t i = 0; i < c->n_sources; i++)
        free(c->sources[i]);
    free(c->sources);
    free(c->sections);
    free(c->entries);
    abg_names_free(c->section_names);
    abg_names_free(c->entry_names);
    free(c->file);
    free(c->scenario);
    free(c->scenario_title);
    free(c);
}

bool abg_config_is_csv(const char *path, const char *text, size_t length)
{
    size_t n = strlen(path), pos = 0, end;

    if (n >= 4 && strcasecmp(path + n - 4, ".csv") == 0)
        return true;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    /* The first line that is neither blank nor a comment. */
    for (;; pos = end + 1) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        end = nl ? (size_t)(nl - text) : length;
        while (pos < end &&
               (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r'))
            pos++;
        if (pos < end && text[pos] != ';' && text[pos] != '#')
            break;
        if (end >= length)
            return false;
    }
    /* A header row: commas, and neither a heading nor key = value. */
    return memchr(text + pos, ',', end - pos) && text[pos] != '[' &&
        !memchr(text + pos, '=', end - pos);
}

const char *abg_config_source(const abg_config *c, unsigned source)
{
    return source == 0 || source > c->n_sources ? c->file
                                                : c->sources[source - 1];
}
