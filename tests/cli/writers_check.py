#!/usr/bin/python3
# writers_check.py - the writers against hostile names and long fractions:
# every CSV (run, compare, sweep) read back by Python's csv module is
# rectangular with no cell a spreadsheet would take for a formula, and the
# JSON's and explain's exact figures are whole fractions, however long,
# equal to an independent computation with Python's fractions.
# SPDX-License-Identifier: MIT
#
# Usage: writers_check.py ABGCALC REPOSITORY_ROOT
import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from fractions import Fraction

abgcalc, root = sys.argv[1], sys.argv[2]
failures = []

# A figure is a plain decimal; every other cell is text and must not start
# with what makes a spreadsheet read a formula.
FIGURE = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run(*args):
    # -q: a file written is said on stderr, which must otherwise be empty.
    done = subprocess.run([abgcalc, "-q", *args], capture_output=True,
                          text=True)
    if done.returncode != 0 or done.stderr:
        sys.exit("abgcalc %s failed: %s" % (" ".join(args), done.stderr))
    return done.stdout


def check_csv(what, text, width):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if len(rows[0]) != width:
        failures.append("%s: header has %d cells, expected %d: %r"
                        % (what, len(rows[0]), width, rows[0]))
    for i, row in enumerate(rows):
        if len(row) != len(rows[0]):
            failures.append("%s row %d: %d cells, header %d"
                            % (what, i, len(row), len(rows[0])))
        for cell in row:
            if cell.startswith(FORMULA_START) and not FIGURE.match(cell):
                failures.append("%s row %d: live formula %r" % (what, i, cell))
    return rows


hostile = os.path.join(root, "tests/cli/fixtures/hostile-scenarios.ini")
scenario = "x,=cmd|' /C calc'!A0,"
rows = check_csv("compare --csv", run("compare", hostile, "--csv", "-"), 10)
if rows[0][3:5] != [scenario, scenario + "_change"]:
    failures.append("compare --csv header %r" % rows[0])
if rows[0][5:7] != ["'+plus", "'+plus_change"]:
    failures.append("compare --csv header %r" % rows[0])
rows = check_csv("run --csv", run("run", hostile, "--csv", "-"), 7)
if [r[0] for r in rows[1:]] != ["'-5 Area", "'=HYPERLINK(\"x\")",
                                "'+44, \"Vale\""]:
    failures.append("run --csv names %r" % [r[0] for r in rows])
check_csv("sweep --csv",
          run("sweep", hostile, "--vary", "pot=200:400:100", "--csv", "-"), 7)

# 40 components with 9-decimal indicators: exact totals and remainders are
# fractions of hundreds of digits, never cut.
random.seed(8)
NC, NA = 40, 3
values = [[Fraction("%d.%09d" % (random.randint(1, 99),
                                 random.randint(1, 10**9 - 1)))
           for _ in range(NC)] for _ in range(NA)]
lines = ["[allocation]", "title = Forty components", "pot = %d" % (NC * 1000),
         "round_to = 0.01", ""]
for c in range(NC):
    lines += ["[component c%02d]" % c, "method = proportional",
              "indicator = i%02d" % c, "amount = 1000", ""]
for a in range(NA):
    lines.append("[area A%d]" % a)
    for c in range(NC):
        v = values[a][c]
        lines.append("i%02d = %d.%09d" % (c, v.numerator // v.denominator,
                                          v * 10**9 % 10**9))
    lines.append("")
with tempfile.TemporaryDirectory() as work:
    ini = os.path.join(work, "forty.ini")
    with open(ini, "w") as f:
        f.write("\n".join(lines))
    doc = json.loads(run("run", ini, "--json", "-"))
    explain = run("explain", ini, "A0")
sums = [sum(values[a][c] for a in range(NA)) for c in range(NC)]
longest = 0
for a, area in enumerate(doc["areas"]):
    want = sum(1000 * values[a][c] / sums[c] for c in range(NC))
    got = Fraction(area["exact_total"])
    longest = max(longest, len(area["exact_total"]))
    if got != want:
        failures.append("JSON %s exact_total %s... is not %s..."
                        % (area["name"], area["exact_total"][:40],
                           str(want)[:40]))
    floor = Fraction(int(want * 100), 100)
    if Fraction(area["remainder"]) != want - floor:
        failures.append("JSON %s remainder is not exact" % area["name"])
    if Fraction(str(area["floor"])) != floor:
        failures.append("JSON %s floor %s" % (area["name"], area["floor"]))
if longest <= 511:
    failures.append("exact totals only %d characters: test too weak" % longest)
a0 = sum(1000 * values[0][c] / sums[c] for c in range(NC))
if "(exactly %s pounds)" % a0 not in explain:
    failures.append("explain does not print A0's whole exact total")

# Remainders far below a penny, and just below a whole £1 unit: the JSON's
# decimal shows enough places that neither reads as 0 or as 1.
tiny = os.path.join(root, "tests/cli/fixtures/tiny-remainders.ini")
doc = json.loads(run("run", tiny, "--json", "-"))
got = [(a["remainder"], a["remainder_decimal"]) for a in doc["areas"]]
if got != [("1/10000000", "0.0000001"), ("9999999/10000000", "0.9999999")]:
    failures.append("tiny remainders in JSON %r" % got)

# The workbook's Rounding sheet shows those remainders (fractions of a unit,
# MOD(n,d)/d) to 12 decimals, so neither reads as 0 or as 1.
with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "tiny.xlsx")
    run("run", tiny, "-o", out)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet3.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    formats = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"',
                              styles))
    xfs = re.findall(r"<xf [^>]*>",
                     re.search(r"<cellXfs.*?</cellXfs>", styles, re.S)
                     .group(0))
    cells = re.findall(r'<c r="[A-Z]+\d+" s="(\d+)"><f>MOD\([^<]*'
                       r'</f><v>([^<]*)</v>', sheet)
    shown = [formats.get(re.search(r'numFmtId="(\d+)"', xfs[int(st)])
                         .group(1)) for st, _ in cells]
    want = "#,##0.000000000000"
    if len(cells) != 2 or shown != [want, want] or \
            [round(float(v), 12) for _, v in cells] != [1e-7, 0.9999999]:
        failures.append("Rounding remainders shown as %r: %r" % (shown, cells))

# A workbook wider than a worksheet's 16,384 columns is refused before
# anything is written, with the limit and the way out (2,730 components
# with preserve need 6 * 2730 + 7 columns; 2,729 fit exactly).
with tempfile.TemporaryDirectory() as work:
    ini = os.path.join(work, "wide.ini")
    with open(ini, "w") as f:
        f.write("[allocation]\ntitle = Wide\npot = 2730\nround_to = 0.01\n"
                "component_rounding = preserve\n\n")
        for c in range(2730):
            f.write("[component c%d]\nmethod = even\namount = 1\n\n" % c)
        f.write("[area A]\n[area B]\n")
    out = os.path.join(work, "wide.xlsx")
    done = subprocess.run([abgcalc, "run", ini, "-o", out],
                          capture_output=True, text=True)
    want = ("abgcalc: %s: error: a workbook cannot hold 2730 components: its "
            "Rounding sheet would need 16387 columns, and a worksheet has at "
            "most 16,384; hint: write the figures with --csv or --json "
            "instead of a workbook\n" % ini)
    if done.returncode != 65 or done.stderr != want:
        failures.append("wide workbook: exit %d, %r" % (done.returncode,
                                                       done.stderr))
    if sorted(os.listdir(work)) != ["wide.ini"]:
        failures.append("wide workbook left %r" % os.listdir(work))

for f in failures:
    print("FAIL:", f)
print("CSV from run, compare and sweep rectangular and neutralised; exact "
      "totals of up to %d characters: %s"
      % (longest, "FAILED" if failures else "all exact"))
sys.exit(1 if failures else 0)
