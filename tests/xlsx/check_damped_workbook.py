#!/usr/bin/python3
# check_damped_workbook.py - the workbook of a damped allocation in real
# LibreOffice: its Allocation figures and its Waterfall (previous, formula,
# each damping step, rounding, final, change) must equal abgcalc's JSON,
# the formulas must recalculate to them, and reruns must be byte-identical.
# The floor is live: its levels and factor must equal damping.c's closed
# form, and after the floor and a Previous figure are changed in the
# workbook, the recalculated levels, factor and After floor must equal
# abgcalc's with the same change made by --set.
# SPDX-License-Identifier: MIT
#
# Usage: check_damped_workbook.py ABGCALC DAMPED.ini
import json
import math
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
abgcalc, ini = sys.argv[1], sys.argv[2]
failures, checked = [], 0


def close(got, want, what):
    global checked
    checked += 1
    if not isinstance(got, float) or abs(got - want) >= 0.005:
        failures.append("%s: workbook %r, abgcalc %r" % (what, got, want))


def run(*args):
    # -q: a file written is said on stderr, which must otherwise be empty.
    done = subprocess.run([abgcalc, "-q", *args], capture_output=True,
                          text=True)
    if done.returncode or done.stderr:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr.strip()))
    return done.stdout


doc = json.loads(run("run", ini, "--json", "-"))
with tempfile.TemporaryDirectory() as tmp:
    book, again = os.path.join(tmp, "a.xlsx"), os.path.join(tmp, "b.xlsx")
    run("run", ini, "-o", book)
    run("run", ini, "-o", again)
    if open(book, "rb").read() != open(again, "rb").read():
        failures.append("two runs gave different bytes")
    out = os.path.join(tmp, "a.json")
    done = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "..", "lo", "lo_recalc.py"),
                           book, "--out", out], capture_output=True, text=True)
    if done.returncode:
        sys.exit("lo_recalc: " + done.stderr.strip())
    sheets = json.load(open(out))
    if sheets["errors"]:
        failures.append("formula errors: %s" % sheets["errors"][:3])
    rows = {r[0]: r for r in sheets["sheets"]["Waterfall"] if r and r[0]}
    head = rows["Area"]
    steps = {"Formula": "formula", "After pace": "after_pace", "After floor": "after_floor",
             "After ceiling": "after_ceiling", "After minimum": "after_minimum"}
    for area in doc["areas"]:
        row = rows[area["name"]]
        cells = dict(zip(head, row))
        close(cells["Previous"], float(area["previous"]), area["name"] + " previous")
        for title, key in steps.items():
            if title in cells:
                close(cells[title], float(area["waterfall"][key + "_decimal"]),
                      "%s %s" % (area["name"], title))
        close(cells["Final"], float(area["total"]), area["name"] + " final")
        close(cells["Change on previous"], float(area["total"]) - float(area["previous"]),
              area["name"] + " change")
        last = [t for t in steps if t in cells][-1]
        close(cells["Rounding"], float(area["total"]) - float(area["waterfall"][steps[last] + "_decimal"]),
              area["name"] + " rounding")
    # The totals row: each column's sum, the total change and its per cent.
    total = dict(zip(head, rows["Total"]))
    prev = sum(float(a["previous"]) for a in doc["areas"])
    fin = sum(float(a["total"]) for a in doc["areas"])
    close(total["Previous"], prev, "Total previous")
    close(total["Final"], fin, "Total final")
    close(total["Change on previous"], fin - prev, "Total change")
    for title, key in steps.items():
        if title in total:
            close(total[title], sum(float(a["waterfall"][key + "_decimal"]) for a in doc["areas"]),
                  "Total " + title)
    close(total["Change %"] * 100, (fin - prev) / prev * 100, "Total change %")
    # What produced the figures, above the table.
    want = "From: " + doc["produced_from"]
    for sheet in ("Waterfall", "Allocation"):
        if want not in [r[0] for r in sheets["sheets"][sheet][:5] if r]:
            failures.append("%s: no %r above the table" % (sheet, want))
    # The values book says so on its sheet (never a silently smaller workbook).
    note = ("This workbook holds abgcalc's figures as values: the live Inputs, Rounding, "
            "Checks and Chart sheets do not cover damping yet. Only the Waterfall sheet's "
            "floor (its levels, factor and After floor) recalculates.")
    if note not in [r[0] for r in sheets["sheets"]["Allocation"] if r]:
        failures.append("Allocation: no note that the workbook holds values")
    alloc = {r[0]: r for r in sheets["sheets"]["Allocation"] if r and r[0]}
    for area in doc["areas"]:
        close(alloc[area["name"]][1], float(area["total"]), area["name"] + " total")


def cell_ref(row, col):
    # A1 reference of a 0-based row and column (the table is under Z).
    return "%s%d" % (chr(ord("A") + col), row + 1)


def floor_figures(doc, floor, rows, head, what):
    # Floor levels (prev * (1 + floor) up to a whole unit), the one factor
    # (pot - sum of levels) / sum of excess above them, as damping.c solves
    # it from abgcalc's JSON, and After floor, against the workbook's.
    unit = Fraction(doc["round_to"]).limit_denominator(100)
    pot = Fraction(doc["pot"]).limit_denominator(100)
    before = "After pace" if "After pace" in head else "Formula"
    key = "after_pace" if before == "After pace" else "formula"
    levels, xs = [], []
    for area in doc["areas"]:
        prev = Fraction(area["previous"]).limit_denominator(100)
        levels.append(math.ceil(prev * (1 + floor) / unit) * unit)
        xs.append(Fraction(area["waterfall"][key]))
    excess = sum(x - l for x, l in zip(xs, levels) if x >= l)
    factor = (pot - sum(levels)) / excess if any(x < l for x, l in zip(xs, levels)) else 1
    for area, level, x in zip(doc["areas"], levels, xs):
        cells = dict(zip(head, rows[area["name"]]))
        close(cells["Floor level"], float(level), "%s %s floor level" % (what, area["name"]))
        close(cells["After floor"], float(area["waterfall"]["after_floor_decimal"]),
              "%s %s after floor" % (what, area["name"]))
        want = level if x < level else level + factor * (x - level)
        close(float(want), float(area["waterfall"]["after_floor_decimal"]),
              "%s %s after floor by the closed form" % (what, area["name"]))
    got = rows["Floor factor"][1]
    if not isinstance(got, float) or abs(got - float(factor)) > 1e-9:
        failures.append("%s floor factor: workbook %r, abgcalc %s" % (what, got, float(factor)))
    return factor


with tempfile.TemporaryDirectory() as tmp:
    book = os.path.join(tmp, "a.xlsx")
    run("run", ini, "-o", book)
    # As written: the factor to 4 places as abgcalc prints it.
    out = os.path.join(tmp, "a.json")
    done = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "..", "lo", "lo_recalc.py"),
                           book, "--out", out], capture_output=True, text=True)
    if done.returncode:
        sys.exit("lo_recalc: " + done.stderr.strip())
    grid = json.load(open(out))["sheets"]["Waterfall"]
    rows = {r[0]: r for r in grid if r and r[0]}
    head = rows["Area"]
    factor = floor_figures(doc, Fraction(-5, 100), rows, head, "as written:")
    printed = run("run", ini)
    if "keep %.4f of their excess" % float(factor) not in printed:
        failures.append("abgcalc does not print the factor %.4f" % float(factor))
    if "%.4f" % rows["Floor factor"][1] != "%.4f" % float(factor):
        failures.append("factor cell %r is not %.4f to 4 places" % (rows["Floor factor"][1], float(factor)))
    # Live: a lower floor and a larger previous for the first area move the
    # levels and the factor; the workbook must follow abgcalc's --set run.
    first = doc["areas"][0]["name"]
    r_floor = [i for i, r in enumerate(grid) if r and r[0] == "Floor"][0]
    r_first = [i for i, r in enumerate(grid) if r and r[0] == first][0]
    done = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "..", "lo", "lo_recalc.py"),
                           book, "--set", "Waterfall!%s=-0.04" % cell_ref(r_floor, 1),
                           "--set", "Waterfall!%s=62000" % cell_ref(r_first, 1),
                           "--out", out], capture_output=True, text=True)
    if done.returncode:
        sys.exit("lo_recalc: " + done.stderr.strip())
    changed = json.load(open(out))
    if changed["errors"]:
        failures.append("changed: formula errors: %s" % changed["errors"][:3])
    grid = changed["sheets"]["Waterfall"]
    rows = {r[0]: r for r in grid if r and r[0]}
    want = json.loads(run("run", ini, "--set", "damping.floor=-4%",
                          "--set", "area.%s.previous=62000" % first, "--json", "-"))
    moved = floor_figures(want, Fraction(-4, 100), rows, head, "changed:")
    if abs(float(moved) - float(factor)) < 1e-4:
        failures.append("the change did not move the floor factor (%s)" % float(moved))
    print("floor factor %.10f as written, %.10f after the change in LibreOffice"
          % (float(factor), rows["Floor factor"][1]))
for f in failures:
    print("FAIL:", f)
print("%s: %d damped workbook figures equal abgcalc's after LibreOffice "
      "recalculates; reruns identical: %s" % (os.path.basename(ini), checked,
                                              "FAILED" if failures else "yes"))
sys.exit(1 if failures else 0)
