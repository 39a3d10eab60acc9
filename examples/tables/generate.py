#!/usr/bin/python3
# generate.py - writes the made-up but ONS-shaped tables of
# community-safety-2025.ini: 312 districts with codes, their populations,
# four years of recorded crime, last year's allocation, and the published
# 2025/26 figures (crime weighted by the four-year mean per 1,000 people)
# worked out independently here (Python fractions, the
# largest-remainder method to the penny). Deterministic: run it again and
# the files are byte-for-byte the same.
# SPDX-License-Identifier: MIT
#
# Usage: examples/tables/generate.py [FOLDER]   (default: this script's)
import csv
import io
import math
import os
import sys
from fractions import Fraction

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
# The formula of community-safety-2025.ini, in pence.
POT = 1_000_000_000            # £10,000,000
PER_AREA = 500_000             # £5,000 to each district
POPULATION_SHARE = Fraction(40, 100)

FIRST = ["Ash", "Brad", "Chel", "Dun", "East", "Fen", "Glen", "Hart", "Ken",
         "Lang", "Mar", "North", "Oak", "Pen", "Red", "South", "Stan",
         "Thorn", "West", "Whit", "Wood"]
LAST = ["ford", "ham", "ley", "ton", "wick", "bury", "field", "worth",
        "mere", "dale", "by", "stead", "bridge", "minster", "borough"]
# Names as ONS writes some of them: a comma, an apostrophe, "and".
SPECIAL = ["Bristol, City of", "King's Lynn and West Norfolk",
           "Herefordshire, County of", "Newcastle-under-Lyme"]
REGIONS = ["East Midlands", "East of England", "North East", "North West",
           "South East", "South West", "West Midlands",
           "Yorkshire and The Humber"]


class Lcg:
    """A small linear congruential generator: the same numbers anywhere."""

    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % n


def areas():
    rng = Lcg(2025)
    names = [f + l for f in FIRST for l in LAST]
    # A fixed shuffle, then the first 308 and the four special names.
    for i in range(len(names) - 1, 0, -1):
        j = rng.next(i + 1)
        names[i], names[j] = names[j], names[i]
    names = sorted(names[:308] + SPECIAL)
    rows = []
    for i, name in enumerate(names):
        # Skewed towards small districts: 25,000 to about 350,000.
        u = rng.next(10_000) / 10_000
        population = 25_000 + int(325_000 * u * u)
        rate = 30 + rng.next(91)                 # crimes per 1,000 a year
        crime = [population * (rate + rng.next(11) - 5 + 2 * y) // 1000
                 for y in range(4)]
        rows.append({"code": "E07%06d" % (26 + i), "name": name,
                     "region": REGIONS[rng.next(len(REGIONS))],
                     "population": population, "crime": crime,
                     "change": 90 + rng.next(21)})
    return rows


def hamilton(exact, pot):
    """Largest remainder to the penny, ties to the earlier row."""
    floors = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:pot - sum(floors)]:
        floors[i] += 1
    return floors


def pounds(pence):
    return "%d.%02d" % divmod(pence, 100)


def grouped(n):
    return "{:,}".format(n)


def write(name, rows, bom=False, crlf=False):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    w.writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8-sig" if bom else "utf-8",
              newline="") as f:
        f.write(out.getvalue())


def main():
    rows = areas()
    n = len(rows)
    population = Fraction(POT) * POPULATION_SHARE
    crime_amount = POT - PER_AREA * n - population
    pop_total = sum(r["population"] for r in rows)
    # The crime component's weight: the four-year mean of recorded crime
    # per 1,000 population, exactly.
    rate = [Fraction(sum(r["crime"]), 4) / r["population"] * 1000 for r in rows]
    rate_total = sum(rate)
    exact = [PER_AREA + population * r["population"] / pop_total +
             crime_amount * w / rate_total for r, w in zip(rows, rate)]
    published = hamilton(exact, POT)
    # Last year's figures: each within 10% of this year's, in pence.
    for r, p in zip(rows, published):
        r["previous"] = p * r["change"] // 100
    # The areas file as Excel saves "CSV UTF-8": a byte-order mark, CRLF.
    write("districts-2025.csv",
          [["LAD24CD", "LAD24NM", "RGN24NM", "previous", "published"]] +
          [[r["code"], r["name"], r["region"], pounds(r["previous"]),
            pounds(p)] for r, p in zip(rows, published)], bom=True, crlf=True)
    # Populations with thousands separators, sorted by name.
    write("population-2024.csv",
          [["LAD24CD", "LAD24NM", "population"]] +
          [[r["code"], r["name"], grouped(r["population"])]
           for r in sorted(rows, key=lambda r: r["name"].lower())])
    # Four years of recorded crime, in reverse code order.
    write("crime-2021-2024.csv",
          [["LAD24CD", "crime_2021", "crime_2022", "crime_2023", "crime_2024"]] +
          [[r["code"]] + [str(c) for c in r["crime"]] for r in reversed(rows)])


main()
