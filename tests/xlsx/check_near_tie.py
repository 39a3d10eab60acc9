#!/usr/bin/python3
# check_near_tie.py - a workbook whose remainders at the cut-off differ by less than the
# spreadsheet reliably tells apart must say so on the Rounding sheet, naming the areas
# and what abgcalc gave each (tests/xlsx/near-tie.ini: 10^-13 of a unit apart).
# SPDX-License-Identifier: MIT
#
# Also: a file of 120 components, whose remainder formulas pass Excel's 8,192 characters,
# must get the note that says so (LibreOffice takes them; Excel would not).
#
# Usage: check_near_tie.py ABGCALC near-tie.ini
# Exit status 0 when the exact warning and note are in the workbooks, 1 otherwise.

import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

WANT = ("Warning (area totals): 2 remainders lie within 10^-12 of a unit of the "
        "cut-off and are not all equal, closer than a spreadsheet's doubles reliably "
        "tell apart, so after recalculating this workbook may hand the last units to "
        "others among them than abgcalc, which decides exactly: Ash (abgcalc does not), "
        "Birch (abgcalc gives it the unit). The cached figures are abgcalc's.")


LONG = ("Note: with 120 components the floor and remainder formulas are about 9174 "
        "characters long, more than the 8192 Excel takes: open this workbook in "
        "LibreOffice, or write the figures with --csv.")


def many_components(n):
    """An INI file of n proportional components over three areas."""
    out = ["[allocation]", "title = Many components", "pot = %d" % (n * 1000),
           "round_to = 1", ""]
    for c in range(n):
        out += ["[component c%d]" % c, "method = proportional", "indicator = i%d" % c,
                "amount = 1000", ""]
    for a in range(3):
        out += ["[area A%d]" % a] + ["i%d = %d" % (c, 7 + a * 3 + c) for c in range(n)]
        out.append("")
    return "\n".join(out)


def strings_of(abgcalc, ini, tmp):
    book = os.path.join(tmp, "book.xlsx")
    subprocess.run([abgcalc, "run", ini, "-o", book], check=True,
                   stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(book) as z:
        return z.read("xl/sharedStrings.xml").decode("utf-8")


def holds(strings, text):
    return escape(text, {"'": "&apos;"}) in strings or escape(text) in strings


def main():
    abgcalc, ini = sys.argv[1], sys.argv[2]
    fails = 0
    with tempfile.TemporaryDirectory(prefix="check_near_tie_") as tmp:
        if not holds(strings_of(abgcalc, ini, tmp), WANT):
            print("FAIL: the Rounding sheet does not carry the near-tie warning:\n  " + WANT)
            fails += 1
        many = os.path.join(tmp, "many.ini")
        with open(many, "w", encoding="utf-8") as f:
            f.write(many_components(120))
        if not holds(strings_of(abgcalc, many, tmp), LONG):
            print("FAIL: 120 components: the Rounding sheet does not say:\n  " + LONG)
            fails += 1
    if fails:
        return 1
    print("check_near_tie: the Rounding sheet names Ash and Birch and what abgcalc "
          "gave each; 120 components get the note on Excel's formula length")
    return 0


if __name__ == "__main__":
    sys.exit(main())
