#!/usr/bin/python3
# check_damped_workbook.py - the live workbook of a damped allocation in
# real LibreOffice. After recalculation every figure (the Waterfall sheet's
# previous, formula, each damping step, rounding, final and change; the
# Allocation sheet's totals, components, last year and damping; the floor
# levels and the floor factor) must equal abgcalc's JSON, the factor the
# closed form damping.c solves, and every Checks row must pass; reruns must
# be byte-identical. Then the live chain: a population changed on the
# Inputs sheet (one that moves an area below its floor and so the floor
# factor), and the floor and a Previous figure changed on the Waterfall
# sheet, must each recalculate to abgcalc's figures with the same change
# made by --set. With component_rounding = preserve (not live yet) the
# values book must say so and its Waterfall figures still be abgcalc's.
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
LO = os.path.join(HERE, "..", "lo", "lo_recalc.py")
abgcalc, ini = sys.argv[1], sys.argv[2]
failures, checked = [], 0
STEPS = {"Formula": "formula", "After pace": "after_pace", "After floor": "after_floor",
         "After ceiling": "after_ceiling", "After minimum": "after_minimum"}


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


def recalc(book, out, *sets):
    args = ["/usr/bin/python3", LO, book, "--out", out]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        sys.exit("lo_recalc: " + done.stderr.strip())
    sheets = json.load(open(out))
    if sheets["errors"]:
        failures.append("formula errors: %s" % sheets["errors"][:3])
    return sheets["sheets"]


def keyed(grid):
    return {r[0]: r for r in grid if r and isinstance(r[0], str)}


def cell_ref(row, col):
    # A1 reference of a 0-based row and column (the tables are under Z).
    return "%s%d" % (chr(ord("A") + col), row + 1)


def row_of(grid, key, after=0):
    return [i for i, r in enumerate(grid) if i >= after and r and r[0] == key][0]


def floor_figures(doc, floor, rows, head, what):
    # Floor levels (prev * (1 + floor) up to a whole unit) and the one
    # factor (pot - sum of levels) / sum of excess above them, as damping.c
    # solves it, from abgcalc's exact rationals; After floor by that closed
    # form must be abgcalc's, and the workbook's cells must equal them.
    unit = Fraction(doc["round_to"]).limit_denominator(100)
    pot = Fraction(doc["pot"]).limit_denominator(100)
    key = "after_pace" if "After pace" in head else "formula"
    levels, xs = [], []
    for area in doc["areas"]:
        prev = Fraction(area["previous"]).limit_denominator(100)
        levels.append(math.ceil(prev * (1 + floor) / unit) * unit)
        xs.append(Fraction(area["waterfall"][key]))
    excess = sum(x - l for x, l in zip(xs, levels) if x >= l)
    below = any(x < l for x, l in zip(xs, levels))
    factor = (pot - sum(levels)) / excess if below else Fraction(1)
    for area, level, x in zip(doc["areas"], levels, xs):
        cells = dict(zip(head, rows[area["name"]]))
        close(cells["Floor level"], float(level), "%s %s floor level" % (what, area["name"]))
        want = level if x < level else level + factor * (x - level)
        if want != Fraction(area["waterfall"]["after_floor"]):
            failures.append("%s %s: the closed form gives %s, abgcalc %s" % (
                what, area["name"], want, area["waterfall"]["after_floor"]))
    got = rows["Floor factor"][1]
    if not isinstance(got, float) or abs(got - float(factor)) > 1e-9:
        failures.append("%s floor factor: workbook %r, abgcalc %s" % (what, got, float(factor)))
    return factor


def compare(doc, sheets, what):
    # Every figure of the Waterfall and Allocation sheets against abgcalc's
    # JSON, and every check passing.
    rows = keyed(sheets["Waterfall"])
    head = rows["Area"]
    for area in doc["areas"]:
        name = area["name"]
        cells = dict(zip(head, rows[name]))
        wf = area["waterfall"]
        close(cells["Previous"], float(area["previous"]), "%s %s previous" % (what, name))
        for title, key in STEPS.items():
            if title in cells:
                close(cells[title], float(wf[key + "_decimal"]), "%s %s %s" % (what, name, title))
        close(cells["Final"], float(area["total"]), "%s %s final" % (what, name))
        close(cells["Change on previous"], float(area["total"]) - float(area["previous"]),
              "%s %s change" % (what, name))
        last = [t for t in STEPS if t in cells][-1]
        close(cells["Rounding"], float(area["total"]) - float(wf[STEPS[last] + "_decimal"]),
              "%s %s rounding" % (what, name))
    total = dict(zip(head, rows["Total"]))
    prev = sum(float(a["previous"]) for a in doc["areas"])
    fin = sum(float(a["total"]) for a in doc["areas"])
    close(total["Previous"], prev, what + " Total previous")
    close(total["Final"], fin, what + " Total final")
    close(total["Change on previous"], fin - prev, what + " Total change")
    for title, key in STEPS.items():
        if title in total:
            close(total[title], sum(float(a["waterfall"][key + "_decimal"]) for a in doc["areas"]),
                  "%s Total %s" % (what, title))
    close(total["Change %"] * 100, (fin - prev) / prev * 100, what + " Total change %")
    # Allocation: last year, this year, each component, and damping (the
    # last damped exact figure less the formula's, to the penny).
    alloc = keyed(sheets["Allocation"])
    ahead = alloc["Area"]
    titles = {c["name"]: c["title"] for c in doc["components"]}
    this_year = [h for h in ahead if isinstance(h, str) and h.startswith("This year")][0]
    for area in doc["areas"]:
        cells = dict(zip(ahead, alloc[area["name"]]))
        close(cells[this_year], float(area["total"]), "%s %s total" % (what, area["name"]))
        close(cells["Last year"], float(area["previous"]), "%s %s last year" % (what, area["name"]))
        for comp, v in area["components"].items():
            close(cells[titles[comp]], float(v["shown"]), "%s %s %s" % (what, area["name"], comp))
        wf = area["waterfall"]
        moved = Fraction(area["exact_total"]) - Fraction(wf["formula"])
        close(cells["Damping"], float(moved), "%s %s damping" % (what, area["name"]))
    close(dict(zip(ahead, alloc["Total"]))[this_year], float(doc["pot"]), what + " total = pot")
    # Checks: every row passes, and the damping rows are there.
    results = [r[5] for r in sheets["Checks"] if r and len(r) > 5 and r[5] in ("PASS", "FAIL")]
    if "FAIL" in results or len(results) < 5 + len(doc["areas"]):
        failures.append("%s Checks: %d rows, %d FAIL" % (what, len(results), results.count("FAIL")))
    if not any(r and isinstance(r[0], str) and r[0].endswith("floor level is not over its total")
               for r in sheets["Checks"]):
        failures.append("%s Checks: no floor rows" % what)
    return rows, head


doc = json.loads(run("run", ini, "--json", "-"))
with tempfile.TemporaryDirectory() as tmp:
    book, again = os.path.join(tmp, "a.xlsx"), os.path.join(tmp, "b.xlsx")
    out = os.path.join(tmp, "a.json")
    run("run", ini, "-o", book)
    run("run", ini, "-o", again)
    if open(book, "rb").read() != open(again, "rb").read():
        failures.append("two runs gave different bytes")
    sheets = recalc(book, out)
    # No silent reduction: every sheet of the undamped workbook, and the
    # values book's note is gone.
    for name in ("Allocation", "Inputs", "Rounding", "Checks", "Chart", "Waterfall"):
        if name not in sheets:
            failures.append("no %s sheet" % name)
    if any(r and isinstance(r[0], str) and r[0].startswith("This workbook holds abgcalc's figures as values")
           for r in sheets["Allocation"]):
        failures.append("Allocation: the values book's note on the live workbook")
    want = "From: " + doc["produced_from"]
    for sheet in ("Waterfall", "Allocation"):
        if want not in [r[0] for r in sheets[sheet][:5] if r]:
            failures.append("%s: no %r above the table" % (sheet, want))
    rows, head = compare(doc, sheets, "as written:")
    floor = Fraction(rows["Floor"][1]).limit_denominator(10000)
    factor = floor_figures(doc, floor, rows, head, "as written:")
    if "keep %.4f of their excess" % float(factor) not in run("run", ini):
        failures.append("abgcalc does not print the factor %.4f" % float(factor))
    if "%.4f" % rows["Floor factor"][1] != "%.4f" % float(factor):
        failures.append("factor cell %r is not %.4f to 4 places" % (rows["Floor factor"][1], float(factor)))
    wf_grid = sheets["Waterfall"]
    first = doc["areas"][0]["name"]
    if "Ceiling" in rows:
        # A ceiling (values after it): the Checks sheet must still test it
        # live. With the ceiling at 0% exactly the areas that gain on last
        # year must FAIL, and the Floor factor and levels still follow.
        changed = recalc(book, out,
                         "Waterfall!%s=0" % cell_ref(row_of(wf_grid, "Ceiling"), 1))
        failed = sorted(r[0].split("'s total is not over")[0] for r in changed["Checks"]
                        if r and isinstance(r[0], str) and len(r) > 5 and r[5] == "FAIL")
        gainers = sorted(a["name"] for a in doc["areas"] if a["total"] > a["previous"])
        if not gainers or failed != gainers:
            failures.append("ceiling 0%%: FAIL rows %s, gainers %s" % (failed, gainers))
        print("ceiling set to 0%%: the Checks sheet fails %s, the areas that gain" % failed)
    else:
        # Live 1: a population on the Inputs sheet. Blaby's formula figure falls
        # below its floor, so the floor factor moves; every figure must follow.
        inputs = sheets["Inputs"]
        ind_head = row_of(inputs, "Area")
        pop_col = inputs[ind_head].index("population")
        pop_row = row_of(inputs, first, ind_head)
        changed = recalc(book, out, "Inputs!%s=70000" % cell_ref(pop_row, pop_col))
        want_doc = json.loads(run("run", ini, "--set", "area.%s.population=70000" % first,
                                  "--json", "-"))
        rows, head = compare(want_doc, changed, "population:")
        moved = floor_figures(want_doc, floor, rows, head, "population:")
        if abs(float(moved) - float(factor)) < 1e-3:
            failures.append("the population change did not move the floor factor (%s)" % float(moved))
        print("floor factor %.10f as written; %s population 70000: %.10f in LibreOffice, "
              "%.10f by abgcalc" % (float(factor), first, rows["Floor factor"][1], float(moved)))
        # Live 2: the floor and a Previous figure on the Waterfall sheet.
        changed = recalc(book, out,
                         "Waterfall!%s=-0.04" % cell_ref(row_of(wf_grid, "Floor"), 1),
                         "Waterfall!%s=62000" % cell_ref(row_of(wf_grid, first), 1))
        want_doc = json.loads(run("run", ini, "--set", "damping.floor=-4%",
                                  "--set", "area.%s.previous=62000" % first, "--json", "-"))
        rows, head = compare(want_doc, changed, "floor and previous:")
        moved = floor_figures(want_doc, Fraction(-4, 100), rows, head, "floor and previous:")
        print("floor -4%%, %s previous 62000: factor %.10f in LibreOffice, %.10f by abgcalc"
              % (first, rows["Floor factor"][1], float(moved)))
    # component_rounding = preserve is not in the live formulas yet: the
    # values book, which says so, with the Waterfall sheet's floor live.
    values = os.path.join(tmp, "v.xlsx")
    run("run", ini, "--set", "component_rounding=preserve", "-o", values)
    sheets = recalc(values, out)
    if sorted(sheets) != ["Allocation", "Waterfall"]:
        failures.append("preserve: sheets %s" % sorted(sheets))
    note = ("This workbook holds abgcalc's figures as values: the live Inputs, Rounding, "
            "Checks and Chart sheets do not cover damping with component_rounding = preserve "
            "yet. Only the Waterfall sheet's pace and floor recalculate.")
    if note not in [r[0] for r in sheets["Allocation"] if r]:
        failures.append("preserve: no note that the workbook holds values")
    want_doc = json.loads(run("run", ini, "--set", "component_rounding=preserve", "--json", "-"))
    rows = keyed(sheets["Waterfall"])
    head = rows["Area"]
    for area in want_doc["areas"]:
        cells = dict(zip(head, rows[area["name"]]))
        for title, key in STEPS.items():
            if title in cells:
                close(cells[title], float(area["waterfall"][key + "_decimal"]),
                      "preserve: %s %s" % (area["name"], title))
        close(cells["Final"], float(area["total"]), "preserve: %s final" % area["name"])
    floor_figures(want_doc, floor, rows, head, "preserve:")
for f in failures:
    print("FAIL:", f)
print("%s: %d damped workbook figures equal abgcalc's after LibreOffice "
      "recalculates (as written, after a population change, after a floor and "
      "previous change, and the preserve values book); reruns identical: %s" % (
          os.path.basename(ini), checked, "FAILED" if failures else "yes"))
sys.exit(1 if failures else 0)
