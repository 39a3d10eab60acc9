/*
 * formula.c - derived indicators: a recursive-descent parser into a small
 * tree, evaluated exactly over GMP rationals.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"

typedef enum kind {
    K_NUMBER,
    K_NAME,
    K_NEGATE,
    K_ADD,
    K_SUBTRACT,
    K_MULTIPLY,
    K_DIVIDE,
    K_SUM,
    K_MEAN,
    K_MIN,
    K_MAX
} kind;

static const char *const FUNCTIONS[] = {"sum", "mean", "min", "max", NULL};

/* One node of the tree: an operation and its operands. */
typedef struct node {
    kind kind;
    size_t left, right; /* operands (binary) or operand (negate) */
    size_t *args;       /* a function's arguments */
    size_t n_args;
    size_t name;       /* K_NAME: index into names */
    mpq_t number;      /* K_NUMBER */
    size_t start, end; /* its text, for messages */
} node;

/* Where a name is written, for the working. */
typedef struct use {
    size_t start, end, name;
} use;

struct abg_formula {
    char *text;
    char *file;
    int line;
    node *nodes;
    size_t n_nodes, cap_nodes;
    char **names;
    size_t n_names;
    use *uses;
    size_t n_uses;
    size_t root;
};

/* The parser's state. */
typedef struct parser {
    abg_formula *f;
    const char *s;
    size_t pos;
    abg_diag *diag;
    abg_error error;
} parser;

static void skip_spaces(parser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
        p->pos++;
}

/* Records the first parse error at the current column. */
static size_t syntax(parser *p, const char *hint, const char *what)
{
    if (!p->error) {
        p->error = ABG_ERROR_VALUE;
        abg_diag_set(p->diag, ABG_ERROR_VALUE, p->f->file, p->f->line, hint,
                     "formula \"%s\": %s at column %zu", p->s, what,
                     p->pos + 1);
    }
    return 0;
}

/* Appends a node; returns its index (0 with p->error set on failure:
 * node 0 is never a valid result because errors stop the parse). */
static size_t add_node(parser *p, kind k, size_t start)
{
    abg_formula *f = p->f;
    node *n;

    if (p->error)
        return 0;
    if (f->n_nodes == f->cap_nodes) {
        size_t cap = f->cap_nodes ? f->cap_nodes * 2 : 16;
        node *grown = realloc(f->nodes, cap * sizeof *grown);
        if (!grown) {
            p->error = ABG_ERROR_MEMORY;
            return 0;
        }
        f->nodes = grown, f->cap_nodes = cap;
    }
    n = &f->nodes[f->n_nodes];
    memset(n, 0, sizeof *n);
    n->kind = k;
    n->start = start;
    mpq_init(n->number);
    return f->n_nodes++;
}

/* Returns the index of name in the formula's names, adding it. */
static size_t name_index(parser *p, const char *s, size_t len)
{
    abg_formula *f = p->f;
    char **grown;

    for (size_t i = 0; i < f->n_names; i++)
        if (strlen(f->names[i]) == len && memcmp(f->names[i], s, len) == 0)
            return i;
    grown = realloc(f->names, (f->n_names + 1) * sizeof *grown);
    if (!grown || !(grown[f->n_names] = strndup(s, len))) {
        if (grown)
            f->names = grown;
        p->error = ABG_ERROR_MEMORY;
        return 0;
    }
    f->names = grown;
    return f->n_names++;
}

static size_t expression(parser *p);

/* A number: digits, optionally a point and more digits. */
static size_t number(parser *p)
{
    size_t start = p->pos, at, digits = 0;
    char *copy;
    mpz_t num, den;
    size_t n;

    while (isdigit((unsigned char)p->s[p->pos]))
        p->pos++;
    at = p->pos;
    if (p->s[p->pos] == '.') {
        p->pos++;
        while (isdigit((unsigned char)p->s[p->pos]))
            p->pos++, digits++;
        if (digits == 0)
            return syntax(p, "write decimals after the point, like 12.5",
                          "a number ends in a point");
    }
    if (isalpha((unsigned char)p->s[p->pos]) || p->s[p->pos] == '_')
        return syntax(p,
                      "put an operator between a number and a name, "
                      "like 1000 * crime",
                      "a number runs into a name");
    n = add_node(p, K_NUMBER, start);
    if (p->error)
        return 0;
    /* value = all digits without the point / 10^decimals */
    copy = malloc(p->pos - start + 1);
    if (!copy) {
        p->error = ABG_ERROR_MEMORY;
        return 0;
    }
    memcpy(copy, p->s + start, at - start);
    memcpy(copy + (at - start), p->s + at + (digits ? 1 : 0), digits);
    copy[at - start + digits] = '\0';
    mpz_init_set_str(num, copy, 10);
    mpz_init(den);
    mpz_ui_pow_ui(den, 10, digits);
    mpq_set_num(p->f->nodes[n].number, num);
    mpq_set_den(p->f->nodes[n].number, den);
    mpq_canonicalize(p->f->nodes[n].number);
    mpz_clear(num), mpz_clear(den);
    free(copy);
    p->f->nodes[n].end = p->pos;
    return n;
}

/* A function's arguments, after its "(": expressions separated by
 * commas, then ")". */
static size_t call(parser *p, kind k, size_t start)
{
    size_t n = add_node(p, k, start), cap = 0;

    for (;;) {
        size_t arg;
        skip_spaces(p);
        if (p->s[p->pos] == ')' && p->f->nodes[n].n_args == 0)
            return syntax(p, "give it at least one value, like mean(a, b)",
                          "a function with no arguments");
        arg = expression(p);
        if (p->error)
            return 0;
        if (p->f->nodes[n].n_args == cap) {
            size_t *grown = realloc(p->f->nodes[n].args,
                                    (cap = cap ? cap * 2 : 4) * sizeof *grown);
            if (!grown) {
                p->error = ABG_ERROR_MEMORY;
                return 0;
            }
            p->f->nodes[n].args = grown;
        }
        p->f->nodes[n].args[p->f->nodes[n].n_args++] = arg;
        skip_spaces(p);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == ')') {
            p->pos++;
            p->f->nodes[n].end = p->pos;
            return n;
        }
        return syntax(p,
                      "separate the arguments with commas and close "
                      "with )",
                      "expected , or )");
    }
}

/* A number, a name, a function call, a parenthesised expression, or a
 * minus before any of them. */
static size_t primary(parser *p)
{
    size_t start;
    char c;

    skip_spaces(p);
    start = p->pos;
    c = p->s[p->pos];
    if (c == '-') {
        size_t n, operand;
        p->pos++;
        operand = primary(p);
        if (p->error)
            return 0;
        n = add_node(p, K_NEGATE, start);
        if (p->error)
            return 0;
        p->f->nodes[n].left = operand;
        p->f->nodes[n].end = p->f->nodes[operand].end;
        return n;
    }
    if (c == '(') {
        size_t inner;
        p->pos++;
        inner = expression(p);
        skip_spaces(p);
        if (p->error)
            return 0;
        if (p->s[p->pos] != ')')
            return syntax(p, "close each ( with a )", "expected )");
        p->pos++;
        return inner;
    }
    if (isdigit((unsigned char)c) || c == '.')
        return c == '.'
            ? syntax(p, "write 0.5, not .5", "a number starts with a point")
            : number(p);
    if (isalpha((unsigned char)c) || c == '_') {
        size_t len, n, after;
        while (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '_')
            p->pos++;
        len = p->pos - start;
        after = p->pos;
        skip_spaces(p);
        if (p->s[p->pos] == '(') {
            static const kind kinds[] = {K_SUM, K_MEAN, K_MIN, K_MAX};
            for (size_t i = 0; FUNCTIONS[i]; i++)
                if (strlen(FUNCTIONS[i]) == len &&
                    memcmp(FUNCTIONS[i], p->s + start, len) == 0) {
                    p->pos++;
                    return call(p, kinds[i], start);
                }
            p->pos = start;
            return syntax(p, "the functions are sum, mean, min and max",
                          "unknown function");
        }
        p->pos = after;
        n = add_node(p, K_NAME, start);
        if (p->error)
            return 0;
        p->f->nodes[n].name = name_index(p, p->s + start, len);
        p->f->nodes[n].end = after;
        if (!p->error) {
            use *grown =
                realloc(p->f->uses, (p->f->n_uses + 1) * sizeof *grown);
            if (!grown) {
                p->error = ABG_ERROR_MEMORY;
                return 0;
            }
            p->f->uses = grown;
            p->f->uses[p->f->n_uses++] =
                (use){start, after, p->f->nodes[n].name};
        }
        return n;
    }
    if (c == '\0')
        return syntax(p, "finish the formula", "it ends too early");
    return syntax(p,
                  "use numbers, names, + - * / ( ) and sum, mean, min, "
                  "max",
                  "unexpected character");
}

/* Binary operators of one precedence level, left to right. */
static size_t level(parser *p, bool additive)
{
    size_t left = additive ? level(p, false) : primary(p);

    for (;;) {
        char c;
        size_t right, n;
        kind k;
        skip_spaces(p);
        c = p->s[p->pos];
        if (p->error)
            return 0;
        if (additive && (c == '+' || c == '-'))
            k = c == '+' ? K_ADD : K_SUBTRACT;
        else if (!additive && (c == '*' || c == '/'))
            k = c == '*' ? K_MULTIPLY : K_DIVIDE;
        else
            return left;
        p->pos++;
        right = additive ? level(p, false) : primary(p);
        if (p->error)
            return 0;
        n = add_node(p, k, p->f->nodes[left].start);
        if (p->error)
            return 0;
        p->f->nodes[n].left = left;
        p->f->nodes[n].right = right;
        p->f->nodes[n].end = p->f->nodes[right].end;
        left = n;
    }
}

static size_t expression(parser *p)
{
    return level(p, true);
}

abg_error abg_formula_parse(abg_formula **out, const char *text,
                            const char *file, int line, abg_diag *diag)
{
    abg_formula *f = calloc(1, sizeof *f);
    parser p = {0};

    *out = NULL;
    if (!f || !(f->text = strdup(text)) || !(f->file = strdup(file))) {
        abg_formula_free(f);
        return abg_diag_set(diag, ABG_ERROR_MEMORY, file, line, NULL,
                            "out of memory");
    }
    f->line = line;
    p.f = f, p.s = f->text, p.diag = diag;
    f->root = expression(&p);
    skip_spaces(&p);
    if (!p.error && p.s[p.pos] == ',')
        syntax(&p,
               "a comma separates a function's arguments; write 1000, "
               "not 1,000",
               "unexpected comma");
    else if (!p.error && p.s[p.pos] == ')')
        syntax(&p, "open each ) with a (", "unexpected )");
    else if (!p.error && p.s[p.pos] != '\0')
        syntax(&p, "put an operator between two values",
               "expected an operator");
    if (p.error) {
        if (p.error == ABG_ERROR_MEMORY)
            abg_diag_set(diag, p.error, file, line, NULL, "out of memory");
        abg_formula_free(f);
        return p.error;
    }
    *out = f;
    return ABG_OK;
}

size_t abg_formula_names(const abg_formula *f)
{
    return f->n_names;
}

const char *abg_formula_name(const abg_formula *f, size_t i)
{
    return f->names[i];
}

/* Evaluates node n into out; a division by zero is reported for area. */
static abg_error eval(mpq_t out, const abg_formula *f, size_t n,
                      const mpq_t *values, const char *area, abg_diag *diag)
{
    const node *e = &f->nodes[n];
    abg_error err = ABG_OK;
    mpq_t right;

    switch (e->kind) {
    case K_NUMBER: mpq_set(out, e->number); return ABG_OK;
    case K_NAME: mpq_set(out, values[e->name]); return ABG_OK;
    case K_NEGATE:
        err = eval(out, f, e->left, values, area, diag);
        mpq_neg(out, out);
        return err;
    case K_SUM:
    case K_MEAN:
    case K_MIN:
    case K_MAX:
        mpq_init(right);
        err = eval(out, f, e->args[0], values, area, diag);
        for (size_t i = 1; i < e->n_args && !err; i++) {
            err = eval(right, f, e->args[i], values, area, diag);
            if (e->kind == K_SUM || e->kind == K_MEAN)
                mpq_add(out, out, right);
            else if ((e->kind == K_MIN) == (mpq_cmp(right, out) < 0))
                mpq_set(out, right);
        }
        if (e->kind == K_MEAN) {
            mpq_set_ui(right, e->n_args, 1);
            mpq_div(out, out, right);
        }
        mpq_clear(right);
        return err;
    default: break;
    }
    mpq_init(right);
    err = eval(out, f, e->left, values, area, diag);
    if (!err)
        err = eval(right, f, e->right, values, area, diag);
    if (!err) {
        switch (e->kind) {
        case K_ADD: mpq_add(out, out, right); break;
        case K_SUBTRACT: mpq_sub(out, out, right); break;
        case K_MULTIPLY: mpq_mul(out, out, right); break;
        default: /* K_DIVIDE */
            if (mpq_sgn(right) == 0) {
                const node *d = &f->nodes[e->right];
                err = abg_diag_set(diag, ABG_ERROR_MODEL, f->file, f->line,
                                   "give the area a value that is not zero, "
                                   "or change the formula",
                                   "area %s: formula \"%s\" divides by "
                                   "zero (%.*s is 0)",
                                   area, f->text, (int)(d->end - d->start),
                                   f->text + d->start);
                break;
            }
            mpq_div(out, out, right);
        }
    }
    mpq_clear(right);
    return err;
}

/* Writes q as a decimal with commas between thousands, exact when it ends
 * within `decimals` places, else cut there and followed by "…". */
static void format_q(char *buf, size_t size, const mpq_t q, int decimals);

char *abg_formula_format(char *buf, size_t size, const mpq_t q, int decimals)
{
    format_q(buf, size, q, decimals);
    return buf;
}

static void format_q(char *buf, size_t size, const mpq_t q, int decimals)
{
    mpz_t whole, rest, scale;
    char *digits;
    size_t used = 0, len;
    bool negative = mpq_sgn(q) < 0;
    int places = 0;

    mpz_inits(whole, rest, scale, NULL);
    mpz_abs(whole, mpq_numref(q));
    mpz_tdiv_qr(whole, rest, whole, mpq_denref(q));
    digits = mpz_get_str(NULL, 10, whole);
    len = strlen(digits);
    if (negative && used + 1 < size)
        buf[used++] = '-';
    for (size_t i = 0; i < len && used + 2 < size; i++) {
        buf[used++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len)
            buf[used++] = ',';
    }
    free(digits);
    if (mpz_sgn(rest) != 0 && used + 2 < size)
        buf[used++] = '.';
    while (mpz_sgn(rest) != 0 && places < decimals && used + 2 < size) {
        mpz_mul_ui(rest, rest, 10);
        mpz_tdiv_qr(scale, rest, rest, mpq_denref(q));
        buf[used++] = (char)('0' + mpz_get_ui(scale));
        places++;
    }
    buf[used] = '\0';
    if (mpz_sgn(rest) != 0 && used + 4 < size)
        memcpy(buf + used, "\xE2\x80\xA6", 4); /* … */
    mpz_clears(whole, rest, scale, NULL);
}

abg_error abg_formula_eval(mpq_t out, const abg_formula *f,
                           const mpq_t *values, const char *area,
                           abg_diag *diag)
{
    abg_error err = eval(out, f, f->root, values, area, diag);
    char buf[64];

    if (err || mpq_sgn(out) >= 0)
        return err;
    return abg_diag_set(diag, ABG_ERROR_MODEL, f->file, f->line,
                        "an indicator cannot be below zero: check the "
                        "area's values and the formula",
                        "area %s: formula \"%s\" gives %s, below zero", area,
                        f->text, (format_q(buf, sizeof buf, out, 4), buf));
}

char *abg_formula_explain(char *buf, size_t size, const abg_formula *f,
                          const mpq_t *values, int decimals)
{
    size_t used = 0, u = 0;
    char figure[128];
    mpq_t result;

    buf[0] = '\0';
    for (size_t i = 0; f->text[i] && used + 1 < size;) {
        if (u < f->n_uses && f->uses[u].start == i) {
            format_q(figure, sizeof figure, values[f->uses[u].name], decimals);
            used += (size_t)snprintf(buf + used, size - used, "%s", figure);
            i = f->uses[u++].end;
        } else if (f->text[i] == '*') {
            used += (size_t)snprintf(buf + used, size - used, "\xC3\x97");
            i++;
        } else if (f->text[i] >= '0' && f->text[i] <= '9' &&
                   (i == 0 ||
                    !(isalnum((unsigned char)f->text[i - 1]) ||
                      f->text[i - 1] == '_' || f->text[i - 1] == '.'))) {
            /* A number of the formula, grouped like the values: 1,000. */
            size_t end = i, point;
            char digits[64];
            mpq_t q;
            while (isdigit((unsigned char)f->text[end]))
                end++;
            point = end;
            if (f->text[end] == '.')
                for (end++; isdigit((unsigned char)f->text[end]);)
                    end++;
            snprintf(digits, sizeof digits, "%.*s", (int)(point - i),
                     f->text + i);
            mpq_init(q);
            if (point - i < sizeof digits && mpq_set_str(q, digits, 10) == 0) {
                format_q(figure, sizeof figure, q, 0);
                used +=
                    (size_t)snprintf(buf + used, size - used, "%s%.*s", figure,
                                     (int)(end - point), f->text + point);
            } else {
                used += (size_t)snprintf(buf + used, size - used, "%.*s",
                                         (int)(end - i), f->text + i);
            }
            mpq_clear(q);
            i = end;
        } else {
            buf[used++] = f->text[i++];
            buf[used] = '\0';
        }
    }
    if (used + 1 >= size)
        return buf;
    mpq_init(result);
    if (eval(result, f, f->root, values, "", NULL) == ABG_OK) {
        format_q(figure, sizeof figure, result, decimals);
        snprintf(buf + used, size - used, " = %s", figure);
    }
    mpq_clear(result);
    return buf;
}

char *abg_formula_spreadsheet(char *buf, size_t size, const abg_formula *f,
                              const char *const *cells)
{
    static const char *const SHEET[] = {"SUM", "AVERAGE", "MIN", "MAX"};
    size_t used = 1, u = 0, n;
    const char *add;

    if (size < 2)
        return NULL;
    buf[0] = '=';
    for (size_t i = 0; f->text[i];) {
        const char *t = f->text + i;
        if (u < f->n_uses && f->uses[u].start == i) {
            add = cells[f->uses[u].name], n = strlen(add);
            i = f->uses[u++].end;
        } else if (isalpha((unsigned char)*t) &&
                   (i == 0 ||
                    !(isalnum((unsigned char)t[-1]) || t[-1] == '_' ||
                      t[-1] == '.'))) {
            /* Not a use, so a function's name. */
            size_t len = 0;
            while (isalnum((unsigned char)t[len]) || t[len] == '_')
                len++;
            add = t, n = len;
            for (size_t k = 0; FUNCTIONS[k]; k++)
                if (strlen(FUNCTIONS[k]) == len &&
                    memcmp(FUNCTIONS[k], t, len) == 0)
                    add = SHEET[k], n = strlen(SHEET[k]);
            i += len;
        } else {
            add = t, n = *t == ' ' || *t == '\t' ? 0 : 1;
            i++;
        }
        if (used + n >= size)
            return NULL;
        memcpy(buf + used, add, n);
        used += n;
    }
    buf[used] = '\0';
    return buf;
}

void abg_formula_free(abg_formula *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_nodes; i++) {
        mpq_clear(f->nodes[i].number);
        free(f->nodes[i].args);
    }
    for (size_t i = 0; i < f->n_names; i++)
        free(f->names[i]);
    free(f->nodes);
    free(f->names);
    free(f->uses);
    free(f->text);
    free(f->file);
    free(f);
}
