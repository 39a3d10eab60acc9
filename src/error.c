/*
 * error.c - error texts and the first-error-wins diagnostic.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "abg/error.h"

const char *abg_strerror(abg_error error)
{
    switch (error) {
    case ABG_OK: return "no error";
    case ABG_ERROR_MEMORY: return "out of memory";
    case ABG_ERROR_READ: return "cannot read input";
    case ABG_ERROR_SYNTAX: return "unreadable INI text";
    case ABG_ERROR_VALUE: return "unacceptable value";
    case ABG_ERROR_MODEL: return "inconsistent allocation";
    case ABG_ERROR_OVERFLOW: return "figure too large to hold exactly";
    case ABG_ERROR_TIE: return "tie refused";
    case ABG_ERROR_NOT_FOUND: return "not found";
    case ABG_ERROR_WRITE: return "cannot write output";
    }
    return "unknown error";
}

abg_error abg_diag_set(abg_diag *diag, abg_error error, const char *file,
                       int line, const char *hint, const char *message, ...)
{
    va_list args;

    if (!diag || diag->message[0])
        return error;
    snprintf(diag->file, sizeof diag->file, "%s", file ? file : "");
    diag->line = line;
    va_start(args, message);
    vsnprintf(diag->message, sizeof diag->message, message, args);
    va_end(args);
    snprintf(diag->hint, sizeof diag->hint, "%s", hint ? hint : "");
    return error;
}
