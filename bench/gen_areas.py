#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Deterministic benchmark areas, as CSV or as abgcalc INI.

N areas named A0000001 ...: population 1,000 to 300,000 (skewed towards
small areas, mean ~76k); crime = population x a rate of 10 to 100 per
1,000, clipped to 10 to 30,000. Only IEEE + and * on random.random()
values, so every platform writes the same file. The same logic (and, for
one seed, the same numbers) as the Python peers' generator, so that
abgcalc and the peers read the same data.

The allocation is a GBP 100m pot = 40m even + 25m by population + 35m by
crime, area totals to whole pounds.

  gen_areas.py N [--seed 1] [--format csv|ini|table] [-o FILE]

csv:   area,population,crime
ini:   [allocation], three [component] sections and one [area] per area
table: the same allocation reading its areas from the CSV FILE.csv
       ([areas] file = ...), which it writes beside FILE
"""
import argparse
import os
import random
import sys

POT, EVEN, POPULATION, CRIME = 100_000_000, 40_000_000, 25_000_000, 35_000_000


def areas(n, seed=1):
    """Yields (name, population, crime) for n areas."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        u, v = rng.random(), rng.random()
        pop = 1000 + int(299000 * (u * u * u))
        crime = max(10, min(30000, int(pop * (0.01 + 0.09 * v))))
        yield f"A{i:07d}", pop, crime


def header(population_amount=POPULATION):
    """The allocation's INI sections before the areas."""
    return (
        "[allocation]\n"
        "title = Benchmark allocation\n"
        f"pot = {POT}\n"
        "round_to = 1\n\n"
        "[component even]\nmethod = even\n"
        f"amount = {EVEN}\n\n"
        "[component population]\nmethod = proportional\n"
        "indicator = population\n"
        f"amount = {population_amount}\n\n"
        "[component crime]\nmethod = proportional\nindicator = crime\n"
        f"amount = {CRIME}\n")


def write_csv(path, n, seed=1):
    with open(path, "w", newline="") as f:
        f.write("area,population,crime\n")
        f.writelines(f"{a},{p},{c}\n" for a, p, c in areas(n, seed))


def write_ini(path, n, seed=1, population_amount=POPULATION):
    with open(path, "w", newline="") as f:
        f.write(header(population_amount))
        f.writelines(f"\n[area {a}]\npopulation = {p}\ncrime = {c}\n"
                     for a, p, c in areas(n, seed))


def write_table(path, n, seed=1):
    """An INI whose areas come from a CSV beside it."""
    csv = os.path.splitext(path)[0] + ".csv"
    write_csv(csv, n, seed)
    with open(path, "w", newline="") as f:
        f.write(header())
        f.write(f"\n[areas]\nfile = {os.path.basename(csv)}\nname = area\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("csv", "ini", "table"), default="csv")
    ap.add_argument("-o", "--out", default="-")
    a = ap.parse_args()
    if a.out == "-":
        if a.format != "csv":
            sys.exit("gen_areas.py: --format ini and table need -o FILE")
        sys.stdout.write("area,population,crime\n")
        sys.stdout.writelines(f"{x},{p},{c}\n" for x, p, c in areas(a.n, a.seed))
        return
    {"csv": write_csv, "ini": write_ini, "table": write_table}[a.format](
        a.out, a.n, a.seed)


if __name__ == "__main__":
    main()
