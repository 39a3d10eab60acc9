#!/usr/bin/python3
# scenarios_check.py - works out examples/scenarios-2011-12.ini's base and
# scenarios independently (Python fractions, largest remainder by sorting)
# and compares them with `abgcalc compare --csv -`, `run --scenario` and
# `run --set`.
# SPDX-License-Identifier: MIT
#
# Usage: scenarios_check.py ABGCALC EXAMPLE.ini
import csv
import json
import io
import math
import subprocess
import sys
from fractions import Fraction

abgcalc, ini = sys.argv[1], sys.argv[2]
AREAS = ["Blaby", "Charnwood", "Harborough", "Hinckley & Bosworth", "Melton",
         "North West Leics", "Oadby & Wigston"]
POP = [92500, 162400, 81300, 103800, 48900, 89600, 56500]
CRIME = [5830, 13226, 4075, 6944, 3204, 7235, 3371]
PREVIOUS = [59551, 96351, 51618, 65209, 43702, 64144, 45425]


def allocate(pot, even, population, crime, pop=POP):
    """Area totals in whole pounds by the largest-remainder method."""
    assert even + population + crime == pot
    exact = [Fraction(even, 7) + Fraction(population) * p / sum(pop)
             + Fraction(crime) * c / sum(CRIME) for p, c in zip(pop, CRIME)]
    floors = [math.floor(e) for e in exact]
    order = sorted(range(7), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:pot - sum(floors)]:
        floors[i] += 1
    return floors


new_pop = list(POP)
new_pop[AREAS.index("Melton")] = 50100
new_pop[AREAS.index("Charnwood")] = 166100
expected = {
    "base": allocate(426000, 175000, 94125, 156875),
    "cut10": allocate(383400, 157500, Fraction(8471250, 100), 383400 - 157500 - Fraction(8471250, 100)),
    "crime50": allocate(426000, 175000, 426000 - 175000 - 213000, 213000),
    "population2008": allocate(426000, 175000, 94125, 156875, new_pop),
}


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode or done.stderr:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr))
    return list(csv.reader(io.StringIO(done.stdout)))


failures = []
rows = run("compare", ini, "--csv", "-")
if rows[0] != ["area", "previous", "base", "cut10", "cut10_change", "crime50",
               "crime50_change", "population2008", "population2008_change",
               "base_change_previous", "cut10_change_previous",
               "crime50_change_previous", "population2008_change_previous"]:
    failures.append("compare header %r" % rows[0])
for i, row in enumerate(rows[1:]):
    base = expected["base"][i]
    want = [AREAS[i], "%d.00" % PREVIOUS[i], "%d.00" % base]
    for name in ("cut10", "crime50", "population2008"):
        want += ["%d.00" % expected[name][i], "%d.00" % (expected[name][i] - base)]
    # Each column's change on last year, after the others.
    for name in ("base", "cut10", "crime50", "population2008"):
        want.append("%d.00" % (expected[name][i] - PREVIOUS[i]))
    if row != want:
        failures.append("compare %s: %r, expected %r" % (AREAS[i], row, want))
# The same figures through run --scenario, and a --set change.
for name in ("cut10", "crime50", "population2008"):
    got = [int(Fraction(r[-1])) for r in run("run", ini, "--scenario", name, "--csv", "-")[1:]]
    if got != expected[name]:
        failures.append("run --scenario %s: %r" % (name, got))
# run --csv puts last year, the change and the change in per cent (one
# place, half away from zero) before the total.
rows = run("run", ini, "--scenario", "cut10", "--csv", "-")
if rows[0][-4:] != ["previous", "change", "change_percent", "total"]:
    failures.append("run --csv header %r" % rows[0])
for i, r in enumerate(rows[1:]):
    t, p = expected["cut10"][i], PREVIOUS[i]
    tenths = abs(Fraction(t - p, p) * 1000)
    tenths = int(tenths + Fraction(1, 2))
    pct = "%s%d.%d" % ("-" if t < p and tenths else "", tenths // 10, tenths % 10)
    want = ["%d.00" % p, "%d.00" % (t - p), pct, "%d.00" % t]
    if r[-4:] != want:
        failures.append("run --csv %s: %r, expected %r" % (AREAS[i], r[-4:], want))
got = [int(Fraction(r[-1])) for r in run("run", ini, "--set", "area.Melton.population=50100",
                                         "--set", "area.Charnwood.population=166,100",
                                         "--csv", "-")[1:]]
if got != expected["population2008"]:
    failures.append("run --set: %r" % got)
# Every JSON names what produced it: file, scenario and each --set; a
# compare column changed by --set is labelled with the change.
def run_json(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode != 0 or done.stderr:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr))
    return json.loads(done.stdout)


doc = run_json("run", ini, "--scenario", "cut10", "--set", "pot=383000",
               "--json", "-")
want = (ini, "cut10", "Pot cut by 10%", ["pot=383000"],
        "%s, scenario cut10 (Pot cut by 10%%), --set pot=383000" % ini)
got = (doc["file"], doc["scenario"], doc["scenario_title"], doc["sets"],
       doc["produced_from"])
if got != want:
    failures.append("run --json provenance %r, expected %r" % (got, want))
doc = run_json("compare", ini, "cut10", "--set", "pot=400000", "--json", "-")
if (doc["sets"], doc["scenarios"][0]["label"]) != (["pot=400000"],
                                                   "Pot cut by 10%, pot=400000"):
    failures.append("compare --json label %r %r" % (doc["sets"], doc["scenarios"]))
blaby = doc["areas"][0]
cut = blaby["scenarios"]["cut10"]
if (blaby["base_change_previous"], cut["change_previous"]) != (
        blaby["base"] - 59551, cut["total"] - 59551):
    failures.append("compare --json change on previous %r" % blaby)
doc = run_json("sweep", ini, "--set", "component.population.amount=rest",
               "--set", "pot=400000", "--vary",
               "component.crime.share=30%:40%:10%", "--json", "-")
if (doc["file"], doc["sets"]) != (ini, ["component.population.amount=rest",
                                    "pot=400000"]):
    failures.append("sweep --json provenance %r %r" % (doc["file"], doc["sets"]))

for f in failures:
    print("FAIL:", f)
print("scenarios: base, cut10, crime50, population2008 and --set checked against "
      "an independent computation: %s" % ("FAILED" if failures else "all match"))
sys.exit(1 if failures else 0)
