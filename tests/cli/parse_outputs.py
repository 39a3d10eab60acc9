#!/usr/bin/python3
# parse_outputs.py - reads abgcalc's CSV and JSON with real parsers and checks
# them against the published 2010/11 figures.
# SPDX-License-Identifier: MIT
#
# Usage: parse_outputs.py ABGCALC ALLOCATION.ini
import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

abgcalc, ini = sys.argv[1], sys.argv[2]

# Appendix 3 as printed: total, even, population, crime.
PUBLISHED = {
    "Blaby": ("59551.00", "25000.00", "13711.12", "20840.41"),
    "Charnwood": ("96351.00", "25000.00", "24072.28", "47278.77"),
    "Harborough": ("51618.00", "25000.00", "12050.96", "14566.84"),
    "Hinckley & Bosworth": ("65209.00", "25000.00", "15386.10", "24822.60"),
    "Melton": ("43702.00", "25000.00", "7248.37", "11453.29"),
    "North West Leics": ("64144.00", "25000.00", "13281.26", "25862.84"),
    "Oadby & Wigston": ("45425.00", "25000.00", "8374.90", "12050.26"),
}


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode != 0 or done.stderr:
        sys.exit("abgcalc %s failed: %s" % (" ".join(args), done.stderr))
    return done.stdout


failures = []
rows = list(csv.reader(io.StringIO(run("run", ini, "--csv", "-"))))
if rows[0] != ["area", "even", "population", "crime", "total"]:
    failures.append("CSV header %r" % rows[0])
for row in rows[1:]:
    want = PUBLISHED[row[0]]
    got = (row[4], row[1], row[2], row[3])
    if got != want:
        failures.append("CSV %s: %r, published %r" % (row[0], got, want))
if len(rows) != 8:
    failures.append("CSV has %d rows, expected header + 7" % len(rows))

doc = json.loads(run("run", ini, "--json", "-"), parse_float=Decimal)
areas = {a["name"]: a for a in doc["areas"]}
for name, (total, even, pop, crime) in PUBLISHED.items():
    a = areas[name]
    if str(a["total"]) != total:
        failures.append("JSON %s total %s" % (name, a["total"]))
    shown = [str(a["components"][c]["shown"]) for c in ("even", "population", "crime")]
    if shown != [even, pop, crime]:
        failures.append("JSON %s components %r" % (name, shown))
    # The exact fractions must add up to the exact total, and the exact
    # total less the floor must be the remainder.
    parts = sum(Fraction(a["components"][c]["exact"]) for c in a["components"])
    if parts != Fraction(a["exact_total"]):
        failures.append("JSON %s: exact parts do not add up" % name)
    if Fraction(a["exact_total"]) - Fraction(str(a["floor"])) != Fraction(a["remainder"]):
        failures.append("JSON %s: remainder is not total less floor" % name)
if sum(Fraction(a["exact_total"]) for a in doc["areas"]) != 426000:
    failures.append("JSON exact totals do not add up to the pot")
sums = doc["sums"]
if (str(sums["totals"]), str(sums["floors"]), str(sums["nearest"]), sums["units_added"]) != (
        "426000.00", "425997.00", "426001.00", 3):
    failures.append("JSON sums %r" % sums)
kinds = [f["kind"] for f in doc["findings"]]
if kinds != ["column_sum", "column_sum", "nearest_sum", "lifted", "lifted", "lifted", "left_down"]:
    failures.append("JSON findings %r" % kinds)
lifted = [f["area"] for f in doc["findings"] if f["kind"] == "lifted"]
if lifted != ["Harborough", "Hinckley & Bosworth", "Melton"]:
    failures.append("JSON lifted %r" % lifted)
if doc["budget"]["unallocated"] != 0 or len(doc["budget"]["streams"]) != 3:
    failures.append("JSON budget %r" % doc["budget"])

for f in failures:
    print("FAIL:", f)
print("parsed CSV (%d rows) and JSON (%d areas, %d findings): %s"
      % (len(rows), len(doc["areas"]), len(doc["findings"]),
         "FAILED" if failures else "all figures as published"))
sys.exit(1 if failures else 0)
