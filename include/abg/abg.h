/*
 * abg.h - abgcalc's library: split a funding pot across areas by a
 * published formula, exactly, and prove that every rounded figure adds up.
 *
 * SPDX-License-Identifier: MIT
 *
 * Read the headers in this order: money.h (exact money), model.h (what an
 * allocation is), config.h (reading one from INI), table.h (the CSV files
 * an INI's [areas] and [table] sections read), alloc.h (computing it),
 * report.h (printing, checking and explaining it), output.h (CSV and JSON),
 * xlsx.h (the Excel workbook), compare.h and sweep.h (scenarios side by
 * side, sensitivity), file.h (writing outputs safely), approx.h
 * (figures a source prints approximately) and target.h (target tables).
 */
#ifndef ABG_ABG_H
#define ABG_ABG_H

#define ABG_VERSION "0.1.0"

#include "error.h"
#include "money.h"
#include "model.h"
#include "config.h"
#include "table.h"
#include "alloc.h"
#include "report.h"
#include "output.h"
#include "file.h"
#include "compare.h"
#include "sweep.h"
#include "html.h"
#include "xlsx.h"
#include "approx.h"
#include "target.h"

#endif /* ABG_ABG_H */
