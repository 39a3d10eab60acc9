#!/usr/bin/python3
# check_near_tie.py - a workbook whose remainders at the cut-off differ by less than the
# spreadsheet reliably tells apart must say so on the Rounding sheet, naming the areas
# and what abgcalc gave each (tests/xlsx/near-tie.ini: 10^-13 of a unit apart).
# SPDX-License-Identifier: MIT
#
# Usage: check_near_tie.py ABGCALC near-tie.ini
# Exit status 0 when the exact warning is in the workbook, 1 otherwise.

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


def main():
    abgcalc, ini = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="check_near_tie_") as tmp:
        book = os.path.join(tmp, "near.xlsx")
        subprocess.run([abgcalc, "run", ini, "-o", book], check=True,
                       stdout=subprocess.DEVNULL)
        with zipfile.ZipFile(book) as z:
            strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    if escape(WANT, {"'": "&apos;"}) not in strings and escape(WANT) not in strings:
        print("FAIL: the Rounding sheet does not carry the near-tie warning:\n  " + WANT)
        return 1
    print("check_near_tie: the Rounding sheet names Ash and Birch and what abgcalc "
          "gave each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
