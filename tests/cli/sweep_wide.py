#!/usr/bin/python3
# sweep_wide.py - a sweep of more steps than the terminal table shows
# (ABG_SWEEP_TABLE_MAX_STEPS, 12): each area's lowest and highest, the
# first step that gives each and the range on the terminal, against the
# same figures worked out here from the sweep's own CSV grid (every step);
# and a sweep of 12 steps still prints a column per step.
# SPDX-License-Identifier: MIT
#
# Usage: sweep_wide.py ABGCALC SOURCE_DIR
import csv
import io
import os
import subprocess
import sys
from decimal import Decimal

abgcalc, src = sys.argv[1], sys.argv[2]
failures = 0


def fail(msg):
    global failures
    print("FAIL " + msg)
    failures += 1


def money(text):
    """'£1,234' or '-£5' -> Decimal pounds."""
    t = text.replace("£", "").replace(",", "")
    return Decimal(t)


def grid(args):
    """The CSV grid: (labels, {area: [Decimal per step]})."""
    p = subprocess.run([abgcalc] + args + ["--csv", "-"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{args}: --csv exit {p.returncode}: {p.stderr.strip()}")
        return [], {}
    rows = list(csv.reader(io.StringIO(p.stdout)))
    labels = [x.lstrip("'") for x in rows[0][1:-3]]
    return labels, {r[0]: [Decimal(x) for x in r[1:-3]] for r in rows[1:]}


def check(name, args, steps):
    p = subprocess.run([abgcalc] + args, capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{name}: exit {p.returncode}: {p.stderr.strip()}")
        return
    labels, want = grid(args)
    if len(labels) != steps:
        fail(f"{name}: the CSV has {len(labels)} steps, want {steps}")
        return
    lines = p.stdout.splitlines()
    head = lines[3].split()
    if head != ["Area", "Lowest", "at", "Highest", "at", "Range"]:
        fail(f"{name}: header {head}")
        return
    foot = lines[-3:]
    want_foot = [
        f"{steps:,} steps, from {labels[0]} to {labels[-1]}: too many to "
        "show each",
        "(more than 12), so each area's lowest and highest are shown with "
        "the first",
        "step that gives each; --csv, --json, -o and --html hold every "
        "step."]
    if foot != want_foot or lines[-4] != "":
        fail(f"{name}: footnote {foot}")
    body = lines[4:-4]
    if len(body) != len(want):
        fail(f"{name}: {len(body)} rows, the grid has {len(want)}")
    # Each row: NAME LOWEST AT HIGHEST AT RANGE; a label may hold " / ".
    for line, (area, figures) in zip(body, want.items()):
        lo, hi = min(figures), max(figures)
        at_lo, at_hi = figures.index(lo), figures.index(hi)
        expect = [area, lo, labels[at_lo], hi, labels[at_hi], hi - lo]
        cells = line[len(area):].split()
        got = [area]
        i = 0
        while i < len(cells):
            if i + 2 < len(cells) and cells[i + 1] == "/":
                got.append(" ".join(cells[i:i + 3]))
                i += 3
            else:
                got.append(money(cells[i]) if "£" in cells[i]
                           else cells[i])
                i += 1
        if not line.startswith(area) or got != expect:
            fail(f"{name}: {line!r}, want {expect!r}")
            return
    print(f"ok {name}: {len(body)} areas, {steps} steps")


ini = os.path.join(src, "examples", "sweep-crime-weighting.ini")
check("one key, 31 steps", ["sweep", ini, "--vary",
                            "component.crime.share=20%:50%:1%"], 31)
check("two keys, 13 x 8 steps",
      ["sweep", ini, "--vary", "component.crime.share=20%:44%:2%",
       "--vary", "pot=400000:470000:10000"], 104)
check("13 steps", ["sweep", ini, "--vary",
                   "component.crime.share=20%:44%:2%"], 13)
# Equal totals at several steps (a floor that holds): the first step.
check("damping floor, 13 steps, ties",
      ["sweep", os.path.join(src, "examples", "floor-2011-12.ini"), "--set",
       "pot=450000", "--vary", "damping.floor=-8%:+4%:1%"], 13)
# 12 steps: a column per step, as before.
p = subprocess.run([abgcalc, "sweep", ini, "--vary",
                    "component.crime.share=20%:42%:2%"],
                   capture_output=True, text=True)
head = p.stdout.splitlines()[3].split() if p.returncode == 0 else []
want = ["Area"] + [f"{x}%" for x in range(20, 43, 2)] + \
    ["Lowest", "Highest", "Range"]
if head != want:
    fail(f"12 steps: header {head}")
else:
    print("ok 12 steps: a column per step")
sys.exit(1 if failures else 0)
