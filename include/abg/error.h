/*
 * error.h - error codes and the diagnostic that carries their details.
 *
 * SPDX-License-Identifier: MIT
 *
 * Every library function that can fail returns an abg_error (ABG_OK is 0)
 * and, when given an abg_diag, fills it with the file, the line, a one-line
 * message and a hint on how to fix it. The first error wins: a diagnostic
 * that already holds a message is not overwritten. The library keeps no
 * global state and prints nothing; the command decides what to show.
 */
#ifndef ABG_ERROR_H
#define ABG_ERROR_H

#include <stddef.h>

/* What went wrong, broadly; the diagnostic says exactly what. */
typedef enum abg_error {
    ABG_OK = 0,       /* no error */
    ABG_ERROR_MEMORY, /* out of memory */
    ABG_ERROR_READ,   /* an input file cannot be opened or read */
    ABG_ERROR_SYNTAX, /* not a readable INI file: encoding, long line, bad line */
    ABG_ERROR_VALUE,    /* a key, section or value is not acceptable */
    ABG_ERROR_MODEL,    /* values are fine alone but do not fit together */
    ABG_ERROR_OVERFLOW, /* a figure is too large to be held exactly */
    ABG_ERROR_TIE,      /* ties = refuse and equal remainders decided a unit */
    ABG_ERROR_NOT_FOUND, /* a named area, component or scenario does not exist */
    ABG_ERROR_WRITE      /* an output file cannot be written */
} abg_error;

/* Sizes of the diagnostic's text fields, terminating NUL included. */
#define ABG_DIAG_FILE_MAX 256
#define ABG_DIAG_TEXT_MAX 512

/* Details of the first error: where (file and line, 0 when no line
 * applies), what, and how to fix it (empty when there is nothing to add).
 * All-zero is an empty diagnostic. */
typedef struct abg_diag {
    char file[ABG_DIAG_FILE_MAX];
    int line;
    char message[ABG_DIAG_TEXT_MAX];
    char hint[ABG_DIAG_TEXT_MAX];
} abg_diag;

/* Returns a short constant description of an error code. */
const char *abg_strerror(abg_error error);

/* Records an error in diag unless diag is NULL or already holds one, and
 * returns error so callers can write `return abg_diag_set(...)`. message
 * is a printf format; hint may be NULL. */
abg_error abg_diag_set(abg_diag *diag, abg_error error, const char *file,
                       int line, const char *hint, const char *message, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#endif /* ABG_ERROR_H */
