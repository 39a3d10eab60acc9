#!/usr/bin/python3
# compare_paths.py - `compare` with scenarios that change only numbers
# (computed from the base's weights) beside scenarios built from the
# file: its outputs against the same command with -o, which builds every
# scenario for the workbook, byte for byte, and each scenario's column
# against `run --scenario NAME` on its own.
# SPDX-License-Identifier: MIT
#
# Usage: compare_paths.py ABGCALC WORKDIR
import csv
import io
import os
import random
import subprocess
import sys

abgcalc, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
ini = os.path.join(work, "compare-paths.ini")
rng = random.Random(7)
parts = ["[allocation]\ntitle = Paths\npot = 10000000\nround_to = 1\n\n"
         "[component even]\nmethod = even\namount = 4000000\n\n"
         "[component population]\nmethod = proportional\n"
         "indicator = population\nshare = 25%\n\n"
         "[component crime]\nmethod = proportional\nindicator = crime\n"
         "amount = rest\n\n"]
for a in range(300):
    pop = rng.randint(1000, 300000)
    parts.append(f"[area Area {a:03d}]\npopulation = {pop:,}\n"
                 f"crime = {pop * rng.randint(10, 100) // 1000}\n"
                 f"previous = {rng.randint(20000, 50000)}\n\n")
SCENARIOS = {
    "potup": "pot = 11000000\n",                              # numbers only
    "crime50": "component.crime.share = 50%\ncomponent.population.amount = rest\n",
    "evenless": "component.even.per_area = 10000\n",
    "mover": "area.Area 007.population = 250000\n",            # built
    "floor": "damping.floor = -5%\n",                         # built
    "half": "component.population.amount = 1234567.89\n",     # numbers only
}
for name, change in SCENARIOS.items():
    parts.append(f"[scenario {name}]\ntitle = {name.title()}\n{change}\n")
with open(ini, "w") as f:
    f.write("".join(parts))


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr))
    return done.stdout


def outputs(tag, extra, sets):
    """The table and the CSV, JSON and HTML of one compare command."""
    paths = [os.path.join(work, f"paths-{tag}.{e}") for e in ("csv", "json", "html")]
    table = run("compare", ini, "--csv", paths[0], "--json", paths[1],
                "--html", paths[2], "--force", "-q", *extra, *sets)
    texts = [table]
    for p in paths:
        with open(p, "rb") as f:
            texts.append(f.read())
    return texts


failures = []
xlsx = os.path.join(work, "paths.xlsx")
for sets in ([], ["--set", "component.even.amount=3500000"],
             ["--set", "pot=10500000", "--set", "area.Area 003.crime=77"]):
    fast = outputs("fast", [], sets)
    full = outputs("full", ["-o", xlsx], sets)
    for what, a, b in zip(("table", "CSV", "JSON", "HTML"), fast, full):
        if a != b:
            failures.append(f"{what} with {sets} differs from every scenario built")

# Each scenario's column against run --scenario NAME, built on its own.
rows = list(csv.reader(io.StringIO(run("compare", ini, "--csv", "-"))))
head = rows[0]
for name in SCENARIOS:
    alone = list(csv.reader(io.StringIO(run("run", ini, "--scenario", name,
                                            "--csv", "-"))))
    col, total = head.index(name), alone[0].index("total")
    got = [r[col] for r in rows[1:]]
    want = [r[total] for r in alone[1:len(rows)]]
    if got != want:
        failures.append(f"{name}: compare's column differs from run --scenario")

for f in failures:
    print("FAIL:", f)
print(f"compare_paths: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
