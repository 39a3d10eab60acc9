#!/usr/bin/python3
# check_layers.py - the workbook writer reads one way: a base (cells, formats, the book,
# page setup, charts' shared pieces) that calls no sheet writer; sheet writers that call
# only the base, never each other; entry points on top that nothing calls back.
# SPDX-License-Identifier: MIT
#
# Usage: check_layers.py SRC_DIR
# Reads SRC_DIR/xlsx*.c, finds where each abg_xlsx_* function is defined and who calls
# it, and prints one line per call that goes sideways or upwards. A file not named below
# counts as an entry point. Exit status 0 when every call goes downwards, 1 otherwise.

import glob
import os
import re
import sys

# The base in its own order: cells, then formats (which use cells), then the book.
BASE = ["xlsx_cell.c", "xlsx_format.c", "xlsx_book.c"]
# Parts of one sheet writer, each with one job: they call only the base, never each
# other, and only their sheet writer calls them.
PARTS = {"xlsx_rounding_exact.c": "xlsx_rounding.c", "xlsx_rounding_whole.c": "xlsx_rounding.c",
         "xlsx_rounding_float.c": "xlsx_rounding.c"}
SHEETS = {"xlsx_inputs.c", "xlsx_rounding.c", "xlsx_allocation.c", "xlsx_checks.c",
          "xlsx_chart.c", "xlsx_values.c", "xlsx_waterfall.c"}


LAYERS = ["base", "a sheet's part", "a sheet writer", "an entry point"]


def layer(name):
    """0 base, 1 a sheet writer's part, 2 sheet writer, 3 entry point."""
    return 0 if name in BASE else 1 if name in PARTS else 2 if name in SHEETS else 3


def rank(name):
    """Calls must go to a lower rank: the base files one below another."""
    return BASE.index(name) if name in BASE else len(BASE) + layer(name) - 1


def main():
    src = sys.argv[1]
    files = sorted(glob.glob(os.path.join(src, "xlsx*.c")))
    text = {}
    defined = {}
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            body = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        text[name] = body
        for m in re.finditer(r"^[a-z][\w \*]*?\b(abg_xlsx_\w+)\(", body, re.M):
            defined[m.group(1)] = name
    bad = []
    for name, body in text.items():
        for fn in sorted(set(re.findall(r"\b(abg_xlsx_\w+)\(", body))):
            home = defined.get(fn)
            if home is None or home == name:
                continue
            # A sheet's part serves its own sheet writer alone.
            if rank(home) >= rank(name) or (home in PARTS and PARTS[home] != name):
                bad.append("%s calls %s of %s (%s calls %s)" % (
                    name, fn, home, LAYERS[layer(name)], LAYERS[layer(home)]))
    for b in bad:
        print("FAIL: " + b)
    if not bad:
        print("check_layers: %d files, %d functions; every call goes downwards"
              % (len(files), len(defined)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
