/*
 * check_outputs.c - the command's outputs read back by strict readers:
 * RFC 4180 CSV (by hand), JSON (jansson), workbook XML parts (minizip and
 * libxml2).
 *
 * SPDX-License-Identifier: MIT
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "check_outputs.h"

/* True when cell[0..n) is a plain number: -?digits[.digits][%]. */
static bool is_number(const char *cell, size_t n)
{
    size_t i = cell[0] == '-' ? 1 : 0, digits = 0;

    while (i < n && cell[i] >= '0' && cell[i] <= '9')
        i++, digits++;
    if (i < n && cell[i] == '.') {
        i++;
        while (i < n && cell[i] >= '0' && cell[i] <= '9')
            i++;
    }
    if (i < n && cell[i] == '%')
        i++;
    return digits > 0 && i == n;
}

/* The cell's content (unquoted) must not start a formula. */
static const char *check_cell(const char *cell, size_t n)
{
    if (n && strchr("=+-@\t\r", cell[0]) && !is_number(cell, n))
        return "a CSV cell starts a formula";
    return NULL;
}

const char *abg_check_csv(const char *data, size_t size)
{
    char *cell = malloc(size + 1);
    size_t i = 0, fields = 0, width = 0, records = 0;
    const char *bad = cell ? NULL : "out of memory";

    while (!bad && i < size) {
        size_t n = 0;
        if (data[i] == '"') {
            for (i++;; i++) {
                if (i >= size) {
                    bad = "a quoted CSV field is not closed";
                    break;
                }
                if (data[i] == '"' && i + 1 < size && data[i + 1] == '"')
                    cell[n++] = '"', i++;
                else if (data[i] == '"') {
                    i++;
                    break;
                } else
                    cell[n++] = data[i];
            }
        } else {
            while (i < size && data[i] != ',' && data[i] != '\n' &&
                   data[i] != '\r') {
                if (data[i] == '"')
                    bad = "a bare quote in an unquoted CSV field";
                cell[n++] = data[i++];
            }
        }
        if (!bad)
            bad = check_cell(cell, n);
        fields++;
        if (bad || (i < size && data[i] == ',')) {
            i++;
            continue;
        }
        /* The end of a record: CRLF or LF (or the end of the data). */
        if (i < size && data[i] == '\r')
            i++;
        if (i < size && data[i] != '\n')
            bad = "a CSV field goes on after its closing quote";
        i++;
        if (!bad && records++ == 0)
            width = fields;
        else if (!bad && fields != width)
            bad = "CSV records have different numbers of fields";
        fields = 0;
    }
    if (!bad && size && data[size - 1] != '\n')
        bad = "the CSV does not end with a line end";
    free(cell);
    return bad;
}

const char *abg_check_json(const char *data, size_t size)
{
    json_error_t error;
    json_t *doc = json_loadb(data, size, JSON_REJECT_DUPLICATES, &error);

    if (!doc)
        return strstr(error.text, "duplicate") ? "JSON: a key appears twice"
                                               : "JSON does not parse";
    json_decref(doc);
    return NULL;
}

/* True when name is an XML part of the package. */
static bool xml_part(const char *name)
{
    size_t n = strlen(name);

    return (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".rels") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".vml") == 0);
}

/* Reads the current part of zip and parses it when it is XML. */
static const char *check_part(unzFile zip)
{
    unz_file_info info;
    char name[512], *buf = NULL;
    const char *bad = NULL;
    xmlDocPtr doc;

    if (unzGetCurrentFileInfo(zip, &info, name, sizeof name, NULL, 0, NULL,
                              0) != UNZ_OK)
        return "workbook: a zip entry is unreadable";
    if (!xml_part(name))
        return NULL;
    buf = malloc(info.uncompressed_size + 1);
    if (!buf || unzOpenCurrentFile(zip) != UNZ_OK) {
        free(buf);
        return "workbook: an XML part cannot be opened";
    }
    if (unzReadCurrentFile(zip, buf, (unsigned)info.uncompressed_size) !=
        (int)info.uncompressed_size)
        bad = "workbook: an XML part cannot be read";
    unzCloseCurrentFile(zip);
    if (!bad) {
        doc = xmlReadMemory(buf, (int)info.uncompressed_size, name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
        if (!doc)
            bad = "workbook: an XML part is not well-formed";
        xmlFreeDoc(doc);
    }
    free(buf);
    return bad;
}

const char *abg_check_xlsx(const char *path)
{
    unzFile zip = unzOpen(path);
    const char *bad = NULL;
    int rc;

    if (!zip)
        return "workbook: not a zip file";
    for (rc = unzGoToFirstFile(zip); rc == UNZ_OK && !bad;
         rc = unzGoToNextFile(zip))
        bad = check_part(zip);
    if (!bad && rc != UNZ_END_OF_LIST_OF_FILE)
        bad = "workbook: the zip directory is broken";
    unzClose(zip);
    return bad;
}
