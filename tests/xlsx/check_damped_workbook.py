#!/usr/bin/python3
# check_damped_workbook.py - the workbook of a damped allocation in real
# LibreOffice: its Allocation figures and its Waterfall (previous, formula,
# each damping step, rounding, final, change) must equal abgcalc's JSON,
# the formulas must recalculate to them, and reruns must be byte-identical.
# SPDX-License-Identifier: MIT
#
# Usage: check_damped_workbook.py ABGCALC DAMPED.ini
import json
import os
import subprocess
import sys
import tempfile

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
            "Checks and Chart sheets do not cover damping yet, so a changed input here "
            "recalculates nothing.")
    if note not in [r[0] for r in sheets["sheets"]["Allocation"] if r]:
        failures.append("Allocation: no note that the workbook holds values")
    alloc = {r[0]: r for r in sheets["sheets"]["Allocation"] if r and r[0]}
    for area in doc["areas"]:
        close(alloc[area["name"]][1], float(area["total"]), area["name"] + " total")
for f in failures:
    print("FAIL:", f)
print("%s: %d damped workbook figures equal abgcalc's after LibreOffice "
      "recalculates; reruns identical: %s" % (os.path.basename(ini), checked,
                                              "FAILED" if failures else "yes"))
sys.exit(1 if failures else 0)
