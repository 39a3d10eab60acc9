/*
 * xlsx_book.c - the workbook base every sheet writer and entry point
 * shares: opening, adding sheets, closing (libxlsxwriter's errors turned
 * into an abg_diag), the creation time, page setup and footer, and the
 * pieces every chart shares. It knows no sheet.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xlsx_internal.h"

/* libxlsxwriter's default chart size, in pixels. */
#define CHART_WIDTH 480.0
#define CHART_HEIGHT 288.0

/* Month names for the footer's date. */
static const char *const MONTHS[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil): timegm() is not standard C. */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
    int64_t era, yoe, doy, doe;

    y -= mo <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The document's creation time: SOURCE_DATE_EPOCH (reproducible-builds.org)
 * when set, else the data's date at midnight UTC, else 2000-01-01, so that
 * the same inputs always give the same bytes. */
abg_error abg_xlsx_creation_time(time_t *out, const abg_model *m,
                                 abg_diag *diag)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    int y, mo, d;

    if (env && *env) {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(env, &end, 10);
        if (!isdigit((unsigned char)env[0]) || *end || errno ||
            (long long)(time_t)v != v)
            return abg_diag_set(diag, ABG_ERROR_VALUE, "SOURCE_DATE_EPOCH", 0,
                                "set it to a number of seconds since "
                                "1970, or unset it",
                                "\"%s\" is not a number of seconds", env);
        *out = (time_t)v;
        return ABG_OK;
    }
    if (m->date && sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
        *out = (time_t)(days_from_civil(y, mo, d) * 86400);
        return ABG_OK;
    }
    *out = (time_t)(days_from_civil(2000, 1, 1) * 86400);
    return ABG_OK;
}

/* Appends text to a header/footer string with '&' doubled (a lone '&'
 * starts a control code), cut to leave `keep` bytes of room. */
static void footer_text(char *buf, size_t size, const char *text, size_t keep)
{
    static const char ZWSP[] = "\xE2\x80\x8B"; /* U+200B, prints as nothing */
    size_t n = strlen(buf);

    for (const char *p = text; *p && n + 2 + keep < size; p++) {
        /* Cut only at the start of a UTF-8 character. */
        if (((unsigned char)*p & 0xC0) != 0x80 && n + 9 + keep >= size)
            break;
        if (*p == '&')
            buf[n++] = '&';
        buf[n++] = *p;
        /* libxlsxwriter 1.1.4 takes "&G" (even in "&&G") and "[Picture]"
         * for image placeholders and crashes when no image comes: an
         * invisible space keeps a title such as "R&G Grants" plain text. */
        if ((*p == '&' && (p[1] == 'G' || p[1] == 'g')) ||
            (*p == '[' && strncmp(p + 1, "Picture]", 8) == 0)) {
            memcpy(buf + n, ZWSP, 3);
            n += 3;
        }
    }
    buf[n] = '\0';
}

char *abg_xlsx_from(abg_xlsx *x, const abg_model *m)
{
    char *from = abg_model_provenance(m), *text;
    const char *lead = m->n_sets ? "What-if from: " : "From: ";

    if (!from) {
        abg_xlsx_no_memory(x);
        return NULL;
    }
    text = malloc(strlen(lead) + strlen(from) + 1);
    if (!text)
        abg_xlsx_no_memory(x);
    else
        sprintf(text, "%s%s", lead, from);
    free(from);
    return text;
}

void abg_xlsx_from_row(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                       const abg_model *m)
{
    char *from = abg_xlsx_from(x, m);

    if (from)
        abg_xlsx_label(x, s, row, 0, from, x->f.subtitle);
    free(from);
}

void abg_xlsx_page_setup(abg_xlsx *x, abg_xlsx_sheet *s)
{
    const abg_model *m = x->m;
    char footer[LXW_HEADER_FOOTER_MAX + 1] = "&L&8", right[64] = "";
    char *from = abg_xlsx_from(x, m), *left;
    int y, mo, d;

    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.7);
    if (m->date && sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
        mo >= 1 && mo <= 12)
        snprintf(right, sizeof right, "&R&8Data as at %d %s %d", d,
                 MONTHS[mo - 1], y);
    /* The title and what produced the figures; they are cut, never the
     * page number or the date. */
    left = malloc(strlen(m->title) + (from ? strlen(from) : 0) + 4);
    if (left)
        sprintf(left, "%s%s%s", m->title, from ? " - " : "", from ? from : "");
    footer_text(footer, sizeof footer, left ? left : m->title,
                strlen("&C&8Page &P of &N") + strlen(right));
    free(left);
    free(from);
    strcat(footer, "&C&8Page &P of &N");
    strcat(footer, right);
    abg_xlsx_check(x, worksheet_set_footer(s->ws, footer), "%s: footer",
                   s->name);
}

abg_error abg_xlsx_open_book(abg_xlsx *x, const char *path, const abg_model *m,
                             const abg_result *r, bool whole,
                             const char *subject, abg_diag *diag)
{
    lxw_doc_properties p = {0};
    char *title, *comments, *subj;
    time_t created = 0;
    abg_error err;

    memset(x, 0, sizeof *x);
    err = abg_xlsx_creation_time(&created, m, diag);
    if (err)
        return err;
    x->m = m;
    x->r = r;
    x->symbol = abg_money_symbol(m->currency);
    x->whole = whole;
    x->wb = workbook_new(path);
    if (!x->wb)
        return abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                            "out of memory");
    abg_xlsx_formats_create(x);
    p.title = m->title;
    p.subject = (char *)subject; /* libxlsxwriter only reads it */
    p.author = "abgcalc";
    p.comments = m->source;
    p.created = created;
    /* Title and source as valid XML whatever they hold. */
    p.title = (char *)abg_xlsx_xml(x, p.title, &title);
    p.comments = (char *)abg_xlsx_xml(x, p.comments, &comments);
    p.subject = (char *)abg_xlsx_xml(x, p.subject, &subj);
    abg_xlsx_check(x, workbook_set_properties(x->wb, &p),
                   "document properties");
    free(title);
    free(comments);
    free(subj);
    return ABG_OK;
}

bool abg_xlsx_next_sheet(abg_xlsx *x, const char *name)
{
    abg_xlsx_sheet *s = &x->sheets[0];

    /* Only sheets[0] is used: sizing and freeing the others is a no-op. */
    abg_xlsx_finish_sizes(x);
    abg_xlsx_free_state(x);
    s->ws = NULL;
    s->name = name;
    if (!name || x->err != LXW_NO_ERROR || x->out_of_memory)
        return false;
    if (abg_xlsx_check(x, workbook_validate_sheet_name(x->wb, name),
                       "sheet name %.60s", name))
        return false;
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws)
        abg_xlsx_no_memory(x);
    return s->ws != NULL;
}

abg_error abg_xlsx_close_book(abg_xlsx *x, const char *path, abg_error err,
                              abg_diag *diag)
{
    lxw_error closed = LXW_NO_ERROR;

    if (x->wb) {
        /* workbook_close frees the workbook even when it fails. */
        errno = 0;
        closed = workbook_close(x->wb);
        x->wb = NULL;
    }
    if (!err && x->out_of_memory)
        err = abg_diag_set(diag, ABG_ERROR_MEMORY, path, 0, NULL,
                           "out of memory");
    else if (!err && x->err == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        err = abg_diag_set(diag, ABG_ERROR_VALUE, x->m->file, 0,
                           "write the figures with --csv or --json instead "
                           "of a workbook",
                           "a workbook cannot hold this: %s is past a "
                           "worksheet's 1,048,576 rows or 16,384 columns",
                           x->where);
    else if (!err && x->err != LXW_NO_ERROR)
        err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0, NULL,
                           "cannot write the workbook: %s (libxlsxwriter: "
                           "%s)",
                           x->where, lxw_strerror(x->err));
    else if (!err && closed != LXW_NO_ERROR)
        err = abg_diag_set(diag, ABG_ERROR_WRITE, path, 0,
                           "check the disk space and the folder's "
                           "permissions",
                           "cannot write the workbook: %s (libxlsxwriter: "
                           "%s)",
                           errno ? strerror(errno) : "failed",
                           lxw_strerror(closed));
    abg_xlsx_free_state(x);
    return err;
}

const char *abg_xlsx_scenario_title(const abg_model *m)
{
    return m->scenario ? (m->scenario_title ? m->scenario_title : m->scenario)
                       : "Base";
}

void abg_xlsx_title_font(lxw_chart *chart)
{
    lxw_chart_font bold = {0};

    bold.bold = LXW_TRUE;
    bold.size = 14;
    chart_title_set_name_font(chart, &bold);
}

void abg_xlsx_money_axis(abg_xlsx *x, lxw_chart_axis *axis, const char *label,
                         bool negatives)
{
    char format[64], name[96];

    snprintf(name, sizeof name, "%s (%s)", label,
             x->symbol[0] ? x->symbol : x->m->currency);
    chart_axis_set_name(axis, name);

    if (x->symbol[0] && negatives)
        snprintf(format, sizeof format, "\"%s\"#,##0;-\"%s\"#,##0", x->symbol,
                 x->symbol);
    else if (x->symbol[0])
        snprintf(format, sizeof format, "\"%s\"#,##0", x->symbol);
    else
        snprintf(format, sizeof format, "#,##0");
    chart_axis_set_num_format(axis, format);
}

void abg_xlsx_place_chart(abg_xlsx *x, abg_xlsx_sheet *s, lxw_row_t row,
                          lxw_chart *chart, double width, double height,
                          const char *description)
{
    lxw_chart_options opt = {0};

    /* Wide enough to read, not so wide that no one can print it. */
    if (width < 720)
        width = 720;
    if (width > 4000)
        width = 4000;
    opt.x_offset = 10;
    opt.y_offset = 10;
    opt.x_scale = width / CHART_WIDTH;
    opt.y_scale = height / CHART_HEIGHT;
    opt.description = (char *)description;
    abg_xlsx_check(x, worksheet_insert_chart_opt(s->ws, row, 0, chart, &opt),
                   "%s: chart", s->name);
}
