#!/usr/bin/python3
# examples_check.py - works out the floor and sweep examples independently
# (Python fractions) and compares them with what abgcalc prints.
# SPDX-License-Identifier: MIT
#
# Usage: examples_check.py ABGCALC EXAMPLES_DIR
import csv
import io
import math
import subprocess
import sys
from fractions import Fraction

abgcalc, examples = sys.argv[1], sys.argv[2]
POP = [92500, 162400, 81300, 103800, 48900, 89600, 56500]
CRIME = [5830, 13226, 4075, 6944, 3204, 7235, 3371]
PREVIOUS = [59551, 96351, 51618, 65209, 43702, 64144, 45425]


def exact(pot, even, population, pop, crime):
    return [Fraction(even, 7) + Fraction(population) * p / sum(pop)
            + (pot - even - Fraction(population)) * c / sum(crime)
            for p, c in zip(pop, crime)]


def hamilton(figures, pot):
    floors = [math.floor(f) for f in figures]
    order = sorted(range(len(figures)), key=lambda i: (-(figures[i] - floors[i]), i))
    for i in order[:pot - sum(floors)]:
        floors[i] += 1
    return floors


def floor_damping(figures, previous, pot, floor):
    # Floor levels rounded up to the pound; excess above them scaled by one
    # factor so the total is the pot.
    levels = [math.ceil(p * (1 + floor)) for p in previous]
    excess = sum(f - l for f, l in zip(figures, levels) if f >= l)
    factor = (pot - sum(levels)) / excess
    return [l if f < l else l + factor * (f - l)
            for f, l in zip(figures, levels)], factor


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode or done.stderr:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr))
    return done.stdout


failures = []

# The floor example: new populations for Charnwood and Melton, Harborough's
# crime down, pot 420,000, population 92,800, floor -5%.
pop = list(POP)
pop[1], pop[4] = 180000, 50100
crime = list(CRIME)
crime[2] = 3400
damped, factor = floor_damping(exact(420000, 175000, 92800, pop, crime),
                               PREVIOUS, 420000, Fraction(-5, 100))
want = hamilton(damped, 420000)
rows = list(csv.reader(io.StringIO(run("run", examples + "/floor-2011-12.ini",
                                       "--csv", "-"))))
got = [int(Fraction(r[-1])) for r in rows[1:]]
if rows[0][-5:] != ["damping", "previous", "change", "change_percent",
                    "total"] or got != want:
    failures.append("floor example: %r, expected %r" % (got, want))
for g, p, r in zip(got, PREVIOUS, rows[1:]):
    if r[-4:-2] != ["%d.00" % p, "%d.00" % (g - p)]:
        failures.append("floor example: previous and change %r for %d on %d"
                        % (r[-4:-2], g, p))
    if g < p * Fraction(95, 100):
        failures.append("floor example: %d loses more than 5%% on %d" % (g, p))
if ("keep %.4f of their excess" % factor) not in run("run", examples + "/floor-2011-12.ini"):
    failures.append("floor example: factor %.4f not printed" % factor)

# The sweep: crime share 20% to 50% by 5%, population taking the rest.
rows = list(csv.reader(io.StringIO(run(
    "sweep", examples + "/sweep-crime-weighting.ini",
    "--vary", "component.crime.share=20%:50%:5%", "--csv", "-"))))
shares = range(20, 51, 5)
if rows[0] != ["area"] + ["%d%%" % s for s in shares] + ["lowest", "highest", "range"]:
    failures.append("sweep header %r" % rows[0])
columns = []
for s in shares:
    crime_amount = Fraction(426000 * s, 100)
    columns.append(hamilton(exact(426000, 175000, 426000 - 175000 - crime_amount,
                                  POP, CRIME), 426000))
for a, row in enumerate(rows[1:]):
    totals = [c[a] for c in columns]
    want = ["%d.00" % t for t in totals] + ["%d.00" % v for v in
                                            (min(totals), max(totals), max(totals) - min(totals))]
    if row[1:] != want:
        failures.append("sweep %s: %r, expected %r" % (row[0], row[1:], want))

for f in failures:
    print("FAIL:", f)
print("examples: floor (factor %s) and a 7-step sweep checked against an "
      "independent computation: %s" % (factor, "FAILED" if failures else "all match"))
sys.exit(1 if failures else 0)
