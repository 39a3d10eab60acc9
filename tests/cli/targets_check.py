#!/usr/bin/python3
# targets_check.py - the target tables' figures worked out independently.
# SPDX-License-Identifier: MIT
#
# Usage: targets_check.py ABGCALC ALLOCATIONS_DIR
# Reads each target file's JSON (abgcalc run FILE --json -) and recomputes
# every rule cell from its base with Python's exact fractions, then the
# sums; checks the NI 20 table differs in exactly the document's three
# cells and the LI 11 districts add up to the county. Also reads the CSV
# back with the csv module and the budget statement's JSON.
import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

abgcalc, folder = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    return subprocess.run([abgcalc, *args], check=True, capture_output=True,
                          text=True).stdout


def rule(exact, places, rounding):
    scaled = exact * 10 ** places
    if rounding == "down":
        n = scaled.numerator // scaled.denominator
    elif rounding == "up":
        n = -((-scaled.numerator) // scaled.denominator)
    else:  # half away from zero; targets are never negative
        n = (scaled + Fraction(1, 2)).__floor__()
    return Fraction(n, 10 ** places)


def table(name):
    path = f"{folder}/{name}"
    doc = json.loads(run("run", path, "--json", "-"))
    rows = list(csv.DictReader(io.StringIO(run("run", path, "--csv", "-"))))
    figures = {f["name"]: f for f in doc["figures"]}
    years = {y["name"]: y for y in doc["years"]}
    differing = []
    n_rows = 0
    for area in doc["areas"]:
        given = {(c["figure"], c["year"]): c for c in area["cells"]}
        for c in area["cells"]:
            n_rows += 1
            y = years[c["year"]]
            if "base" not in y:
                continue
            base = Fraction(Decimal(given[(c["figure"], y["base"])]["published"]))
            exact = base * (100 + Fraction(Decimal(y["change_percent"]))) / 100
            f = figures[c["figure"]]
            want = rule(exact, f["places"], f["rounding"])
            if Fraction(Decimal(c["exact"])) != exact:
                failures.append(f"{name} {area['name']} {c['year']}: exact {c['exact']} != {float(exact)}")
            if Fraction(Decimal(c["rule"])) != want:
                failures.append(f"{name} {area['name']} {c['year']} {c['figure']}: rule {c['rule']} != {want}")
            if (Fraction(Decimal(c["published"])) != want) != (c["status"] == "differs"):
                failures.append(f"{name} {area['name']} {c['year']}: status {c['status']}")
            if c["status"] == "differs":
                differing.append((area["name"], c["year"], c["figure"], c["published"], c["rule"]))
    if len(rows) != n_rows:
        failures.append(f"{name}: CSV has {len(rows)} rows, JSON {n_rows} cells")
    for s in doc["sums"]:
        parts = sum(Fraction(Decimal(c["published"])) for a in doc["areas"]
                    if a["name"] != s["total_area"] for c in a["cells"]
                    if c["figure"] == s["figure"] and c["year"] == s["year"])
        if Fraction(Decimal(s["parts"])) != parts or \
                s["adds_up"] != (parts == Fraction(Decimal(s["total"]))):
            failures.append(f"{name} sum {s['year']}: {s}")
    return doc, differing


_, ni20 = table("leicestershire-ni20-targets-2008-11.ini")
want = [("Charnwood", "2010/11", "rate", "6.74", "6.73"),
        ("Hinckley & Bosworth", "2010/11", "count", "587", "487"),
        ("N. W. Leicestershire", "2010/11", "count", "568", "564")]
if sorted(ni20) != want:
    failures.append(f"NI 20 differing cells {sorted(ni20)}, expected {want}")
li11, none = table("leicestershire-li11-targets-2009-11.ini")
if none or [(s["year"], s["parts"], s["adds_up"]) for s in li11["sums"]] != \
        [("2009/10", "1150", True), ("2010/11", "1161", True)]:
    failures.append(f"LI 11 sums {li11['sums']}")
pcc = json.loads(run("run", f"{folder}/leicestershire-pcc-commissioning-2015-16.ini", "--json", "-"))
named = sum(Decimal(str(l["amount"])) for l in pcc["lines"])
if pcc["total"] != 4200000 or named != 529500 or pcc["not_itemised"] != 3670500:
    failures.append(f"2015/16 budget: {pcc}")
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
