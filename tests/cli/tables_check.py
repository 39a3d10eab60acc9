#!/usr/bin/python3
# tables_check.py - the allocation read from CSV tables
# (examples/tables/) through every command, against figures worked out
# independently here from the CSV files (Python's csv module and
# fractions, the largest-remainder method to the penny).
# SPDX-License-Identifier: MIT
#
# Usage: tables_check.py ABGCALC EXAMPLES_DIR
import csv
import filecmp
import json
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from fractions import Fraction

abgcalc, examples = sys.argv[1], sys.argv[2]
here = os.path.join(examples, "tables")
ini = os.path.join(here, "community-safety-2025.ini")
failures = 0


def fail(message):
    global failures
    failures += 1
    print("FAIL: " + message)


def run(*args, status=0):
    p = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if p.returncode != status:
        fail("%s: exit status %d, expected %d: %s" % (" ".join(args), p.returncode,
                                                      status, p.stderr))
    return p.stdout


def read(name):
    with open(os.path.join(here, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return int(text.replace(",", ""))


def pence(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def hamilton(exact, pot):
    floors = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:pot - sum(floors)]:
        floors[i] += 1
    return floors


# The tables, joined by code here with plain dictionaries.
areas = read("districts-2025.csv")
population = {r["LAD24CD"]: number(r["population"]) for r in read("population-2024.csv")}
crime = {r["LAD24CD"]: r for r in read("crime-2021-2024.csv")}
names = [a["LAD24NM"] for a in areas]
pop = [population[a["LAD24CD"]] for a in areas]


ALL_YEARS = (2021, 2022, 2023, 2024)


def rates(years=ALL_YEARS, pop_values=pop):
    """crime_rate: the mean of the years' recorded crime per 1,000 people."""
    return [Fraction(sum(number(crime[a["LAD24CD"]]["crime_%d" % y]) for y in years),
                     len(years)) / p * 1000 for a, p in zip(areas, pop_values)]


def expected(pot, pop_share, years=ALL_YEARS, pop_values=pop):
    n = len(areas)
    even = 500_000 * n
    pop_amount = (Fraction(pot) * pop_share + Fraction(1, 2)) // 1  # to the penny
    crime_amount = pot - even - pop_amount
    cr = rates(years, pop_values)
    exact = [500_000 + Fraction(pop_amount) * p / sum(pop_values) +
             Fraction(crime_amount) * c / sum(cr) for p, c in zip(pop_values, cr)]
    return hamilton(exact, pot)


def csv_totals(text, column):
    rows = list(csv.DictReader(io.StringIO(text)))
    return [r["area"] for r in rows], [pence(r[column]) for r in rows]


# The generator writes the same bytes again.
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), tmp], check=True)
    for name in ("districts-2025.csv", "population-2024.csv", "crime-2021-2024.csv"):
        if not filecmp.cmp(os.path.join(tmp, name), os.path.join(here, name), shallow=False):
            fail("generate.py does not reproduce " + name)

    # run: 312 areas in the file's order, each total as worked out here.
    base = expected(1_000_000_000, Fraction(40, 100))
    got_names, got = csv_totals(run("run", ini, "--csv", "-"), "total")
    if len(got_names) != 312 or got_names != names:
        fail("run: %d areas, or not in the areas file's order" % len(got_names))
    if got != base:
        fail("run: totals differ from the independent computation")
    if sum(got) != 1_000_000_000:
        fail("run: totals add up to %d pence" % sum(got))
    if [pence(a["published"]) for a in areas] != base:
        fail("the published column is not the independent computation")

    # check: every published figure in the areas file.
    out = run("check", ini)
    if "All 312 published figures match to the penny." not in out:
        fail("check: " + out.splitlines()[0])

    # check names the CSV line of a figure that differs.
    copy = os.path.join(tmp, "copy")
    shutil.copytree(here, copy)
    path = os.path.join(copy, "districts-2025.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    row = areas[1]

    def money(p):
        return "{:,}.{:02d}".format(*divmod(p, 100))

    wrong = "%d.%02d" % divmod(base[1] + 1, 100)
    text = text.replace("%s,%s\r\n" % (row["previous"], row["published"]),
                        "%s,%s\r\n" % (row["previous"], wrong), 1)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(text)
    out = run("check", os.path.join(copy, "community-safety-2025.ini"), status=1)
    want = "%s:3: %s total: published £%s, computed £%s: published is £0.01 more" % (
        path, row["LAD24NM"], money(base[1] + 1), money(base[1]))
    if out.splitlines()[0] != want:
        fail("check: %r, expected %r" % (out.splitlines()[0], want))

    # explain: a name with a comma, quoted in the CSV, and the working of
    # both derived indicators for it (figures cut at two places, then …).
    out = run("explain", ini, "Bristol, City of")
    i = names.index("Bristol, City of")
    if "72,301 population / 42,769,473" not in out or "£%s" % format(base[i] / 100, ",.2f") not in out:
        fail("explain Bristol, City of: " + out.splitlines()[0])
    row = crime[areas[i]["LAD24CD"]]
    counts = [number(row["crime_%d" % y]) for y in ALL_YEARS]
    mean = Fraction(sum(counts), 4)
    rate = rates()[i]

    def cut(q):  # two places, cut, "…" when more follow
        whole, rest = divmod(q * 100, 1)
        text = "{:,}.{:02d}".format(*divmod(int(whole), 100)).rstrip("0").rstrip(".")
        return text + ("\u2026" if rest else "")

    want = ["    crime_4yr: mean(%s) = %s" % (", ".join("{:,}".format(c) for c in counts),
                                              cut(mean)),
            "    crime_rate: %s / %s \u00d7 1,000 = %s" % (cut(mean), "{:,}".format(pop[i]),
                                                       cut(rate))]
    lines = out.splitlines()
    at = [k for k, line in enumerate(lines) if line.startswith("By crime per 1,000 people")]
    if not at or lines[at[0] + 1:at[0] + 3] != want:
        fail("explain: the working is %r, expected %r" % (lines[at[0] + 1:at[0] + 3] if at else
                                                          None, want))
    elif not lines[at[0]].startswith("By crime per 1,000 people (crime): %s crime_rate / %s " % (
            cut(rate), cut(sum(rates())))):
        fail("explain: the crime line is %r" % lines[at[0]])

    # --json: each derived value exactly, per area.
    json_path = os.path.join(tmp, "out.json")
    run("run", ini, "--json", json_path)
    with open(json_path) as f:
        doc = json.load(f)
    for k, a in enumerate(doc["areas"]):
        if Fraction(a["indicators"]["crime_rate"]) != rates()[k] or \
                Fraction(a["indicators"]["crime_4yr"]) != rates()[k] * pop[k] / 1000:
            fail("--json: %s's derived values are not exact" % a["name"])
            break
    if [d["name"] for d in doc["derived"]] != ["crime_rate", "crime_4yr"]:
        fail("--json: derived lists %r" % [d["name"] for d in doc["derived"]])

    # compare: the scenario that changes a formula (one year, not four).
    text = run("compare", ini, "crime-2024", "--csv", "-")
    _, got = csv_totals(text, "crime-2024")
    if got != expected(1_000_000_000, Fraction(40, 100), (2024,)):
        fail("compare crime-2024: totals differ from the independent computation")
    _, got = csv_totals(run("compare", ini, "cut10", "--csv", "-"), "cut10")
    if got != expected(900_000_000, Fraction(40, 100)):
        fail("compare cut10: totals differ from the independent computation")
    # --set on a formula: another mean, of columns the file's formulas read.
    _, got = csv_totals(run("run", ini, "--set",
                            "indicator.crime_4yr.formula=mean(crime_2023, crime_2024)",
                            "--csv", "-"), "total")
    if got != expected(1_000_000_000, Fraction(40, 100), (2023, 2024)):
        fail("--set indicator.crime_4yr.formula: totals differ")

    # sweep: the population share from 30% to 60%.
    text = run("sweep", ini, "--vary", "component.population.share=30%:60%:10%", "--csv", "-")
    for share in (30, 50, 60):
        _, got = csv_totals(text, "%d%%" % share)
        if got != expected(1_000_000_000, Fraction(share, 100)):
            fail("sweep: the %d%% column differs" % share)

    # --set by name and by code change the same area's value.
    changed = list(pop)
    changed[i] = 100_000
    want = expected(1_000_000_000, Fraction(40, 100), ALL_YEARS, changed)
    for key in ("Bristol, City of", "E07000053"):
        _, got = csv_totals(run("run", ini, "--set", "area.%s.population=100000" % key,
                                "--csv", "-"), "total")
        if got != want:
            fail("--set area.%s.population: totals differ" % key)

    # -o: a workbook with the 312 areas on its sheets.
    book = os.path.join(tmp, "tables.xlsx")
    run("run", ini, "-o", book)
    with zipfile.ZipFile(book) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        if "Bristol, City of" not in strings or "King&apos;s Lynn and West Norfolk" not in strings \
                and "King's Lynn and West Norfolk" not in strings:
            fail("-o: the workbook lacks the areas' names")
    for command in (["compare", ini, "-o", os.path.join(tmp, "c.xlsx")],
                    ["sweep", ini, "--vary", "component.population.share=30%:60%:10%",
                     "-o", os.path.join(tmp, "s.xlsx")]):
        run(*command)
        if not zipfile.is_zipfile(command[-1]):
            fail("%s -o wrote no workbook" % command[0])

print("tables: %s" % ("ok" if failures == 0 else "%d failures" % failures))
sys.exit(1 if failures else 0)
