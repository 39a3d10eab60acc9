#!/usr/bin/python3
# check_scenario_workbooks.py - proves that the compare and sweep workbooks recalculate, in
# real LibreOffice, to abgcalc's own figures.
# SPDX-License-Identifier: MIT
#
# Usage: check_scenario_workbooks.py ABGCALC EXAMPLES_DIR
#
#  1. compare EXAMPLES_DIR/scenarios-2011-12.ini -o X.xlsx: after recalculation (tests/lo/
#     lo_recalc.py) no cell holds an error; on the Comparison sheet every previous, base and
#     scenario figure equals `abgcalc compare --json -`, every change formula recalculates to
#     the scenario less the base, every per-cent formula to change / base, and the totals row
#     to the column sums; each scenario's values sheet (and Base) holds every area's total and
#     component figures as `abgcalc run [--scenario NAME] --csv -` gives them.
#  2. sweep EXAMPLES_DIR/sweep-crime-weighting.ini --vary component.crime.share=20%:50%:5%
#     -o X.xlsx: every step's figure equals `abgcalc sweep --json -`, and the lowest, highest
#     and range formulas recalculate to the row's.
#  3. Each workbook written twice gives the same bytes.
# Figures are compared as numbers (abs diff < 0.005), never as text. Debian's /usr/bin/python3,
# standard library only. Exit status 0 when everything holds, 1 with one line per failure.

import csv
import filecmp
import io
import html
import json
import re
import os
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
LO_RECALC = os.path.join(HERE, "..", "lo", "lo_recalc.py")
PENNY = 0.005
RATIO = 1e-9
VARY = "component.crime.share=20%:50%:5%"

failures = []


def fail(msg):
    failures.append(msg)


def run(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        raise SystemExit("FAIL: %s exited %d: %s" % (" ".join(args), p.returncode,
                                                     p.stderr.strip()))
    return p.stdout


def recalc(book, out):
    p = subprocess.run(["/usr/bin/python3", LO_RECALC, book, "--out", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        raise SystemExit("FAIL: lo_recalc: %s" % p.stderr.strip())
    with open(out, encoding="utf-8") as f:
        d = json.load(f)
    for e in d["errors"]:
        fail("formula error: %s" % e)
    return d["sheets"]


def near(what, got, want, tol=PENNY):
    if not isinstance(got, float) or abs(got - float(want)) >= tol:
        fail("%s: workbook %r, abgcalc %r" % (what, got, want))


def write_twice(args, tmp, name):
    a, b = os.path.join(tmp, name + "-1.xlsx"), os.path.join(tmp, name + "-2.xlsx")
    run(args + ["-o", a])
    run(args + ["-o", b])
    if not filecmp.cmp(a, b, shallow=False):
        fail("%s: two runs wrote different bytes" % name)
    return a


def header_row(grid):
    for i, r in enumerate(grid):
        if r and r[0] == "Area":
            return i
    raise SystemExit("FAIL: no Area heading row")


def check_compare(abgcalc, ini, tmp, sets=()):
    extra = [a for kv in sets for a in ("--set", kv)]
    book = write_twice([abgcalc, "compare", ini] + extra, tmp, "compare")
    want = json.loads(run([abgcalc, "compare", ini, "--json", "-"] + extra))
    sheets = recalc(book, os.path.join(tmp, "compare.json"))
    grid = sheets.get("Comparison")
    if grid is None:
        raise SystemExit("FAIL: no Comparison sheet: %s" % list(sheets))
    h = header_row(grid)
    head = grid[h]
    areas = want["areas"]
    prev = all("previous" in a for a in areas)
    if prev != ("Previous" in head):
        fail("Previous column: expected %s" % prev)
    # Each column is headed by its label: the scenario's title (or Base) and
    # every --set change.
    base_col = head.index(", ".join(["Base"] + list(sets)))
    lead = "What-if from: " if sets else "From: "
    if [r[0] for r in grid[:h] if r].count(lead + want["produced_from"]) != 1:
        fail("no %r above the table" % (lead + want["produced_from"]))
    # The footer too, through the footer's escaping ('&' doubled).
    with zipfile.ZipFile(book) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    footer = re.search(r"<oddFooter>([^<]*)</oddFooter>", xml)
    expect = html.escape(lead + want["produced_from"].replace("&", "&&"), quote=False)
    if not footer or expect not in footer.group(1):
        fail("Comparison footer %r lacks %r" % (footer and footer.group(1), expect))
    sums = {"base": 0.0, "previous": 0.0}
    checked = 0
    for i, a in enumerate(areas):
        row = grid[h + 1 + i]
        if row[0] != a["name"]:
            fail("row %d: area %r, abgcalc %r" % (h + 2 + i, row[0], a["name"]))
        near("%s base" % a["name"], row[base_col], a["base"])
        sums["base"] += a["base"]
        if prev:
            near("%s previous" % a["name"], row[head.index("Previous")], a["previous"])
            sums["previous"] += a["previous"]
            if head[base_col + 1:base_col + 3] != ["Change on last year", "% on last year"]:
                fail("base headings %r" % head[base_col:base_col + 3])
            near("%s base change on last year" % a["name"], row[base_col + 1],
                 a["base_change_previous"])
            if a["previous"]:
                near("%s base %% on last year" % a["name"], row[base_col + 2] * 100,
                     float(a["base_change_previous_percent"].rstrip("%")), 0.05 + 1e-9)
        for s in want["scenarios"]:
            col = head.index(s["label"])
            sc = a["scenarios"][s["name"]]
            want_head = ["Change on base", "% on base"] + (
                ["Change on last year", "% on last year"] if prev else [])
            if head[col + 1:col + 1 + len(want_head)] != want_head:
                fail("%s: headings %r" % (s["name"], head[col:col + 1 + len(want_head)]))
            if prev:
                near("%s %s change on last year" % (a["name"], s["name"]), row[col + 3],
                     sc["change_previous"])
                near("%s %s change on last year" % (a["name"], s["name"]), row[col + 3],
                     sc["total"] - a["previous"])
                if a["previous"]:
                    near("%s %s %% on last year" % (a["name"], s["name"]), row[col + 4] * 100,
                         float(sc["change_previous_percent"].rstrip("%")), 0.05 + 1e-9)
            near("%s %s" % (a["name"], s["name"]), row[col], sc["total"])
            near("%s %s change" % (a["name"], s["name"]), row[col + 1], sc["change"])
            near("%s %s change" % (a["name"], s["name"]), row[col + 1],
                 sc["total"] - a["base"])
            if a["base"] == 0:
                if row[col + 2] not in ("", None):
                    fail("%s %s per cent: %r for a zero base" % (a["name"], s["name"],
                                                                  row[col + 2]))
            else:
                near("%s %s per cent" % (a["name"], s["name"]), row[col + 2],
                     sc["change"] / a["base"], RATIO)
                # The printed percentage agrees to its one decimal.
                pct = float(sc["change_percent"].rstrip("%"))
                near("%s %s per cent vs %s" % (a["name"], s["name"], sc["change_percent"]),
                     row[col + 2] * 100, pct, 0.05 + 1e-9)
            sums[s["name"]] = sums.get(s["name"], 0.0) + sc["total"]
            checked += 1
    total = grid[h + 1 + len(areas)]
    if total[0] != "Total":
        fail("totals row: %r" % total[0])
    near("total base", total[base_col], sums["base"])
    if prev:
        near("total previous", total[head.index("Previous")], sums["previous"])
    if prev:
        near("total base change on last year", total[base_col + 1],
             sums["base"] - sums["previous"])
    for s in want["scenarios"]:
        col = head.index(s["label"])
        near("total %s" % s["name"], total[col], sums[s["name"]])
        if prev:
            near("total %s change on last year" % s["name"], total[col + 3],
                 sums[s["name"]] - sums["previous"])
            near("total %s %% on last year" % s["name"], total[col + 4],
                 (sums[s["name"]] - sums["previous"]) / sums["previous"], RATIO)
        near("total %s" % s["name"], total[col], s["pot"])
        near("total %s change" % s["name"], total[col + 1], sums[s["name"]] - sums["base"])
        near("total %s per cent" % s["name"], total[col + 2],
             (sums[s["name"]] - sums["base"]) / sums["base"], RATIO)
    if checked != len(areas) * len(want["scenarios"]) or checked == 0:
        fail("checked %d scenario figures" % checked)
    # The values sheets, against run --csv for each allocation.
    for name, sheet in [(None, "Base")] + [(s["name"], s["name"]) for s in want["scenarios"]]:
        args = [abgcalc, "run", ini, "--csv", "-"] + (["--scenario", name] if name else []) \
            + extra
        rows = list(csv.DictReader(io.StringIO(run(args))))
        grid = sheets.get(sheet)
        if grid is None:
            fail("no sheet %r" % sheet)
            continue
        h = header_row(grid)
        # previous, change and change_percent are run --csv's last-year
        # columns, not components.
        comps = [k for k in rows[0] if k not in ("area", "total", "previous",
                                                 "change", "change_percent")]
        if len(grid[h]) < 2 + len(comps) or grid[h][1] != "Total":
            fail("%s: headings %r" % (sheet, grid[h]))
            continue
        for i, r in enumerate(rows):
            row = grid[h + 1 + i]
            if row[0] != r["area"]:
                fail("%s row %d: %r, abgcalc %r" % (sheet, h + 2 + i, row[0], r["area"]))
            near("%s %s total" % (sheet, r["area"]), row[1], r["total"])
            for c, comp in enumerate(comps):
                near("%s %s %s" % (sheet, r["area"], comp), row[2 + c], r[comp])
        total = grid[h + 1 + len(rows)]
        near("%s total" % sheet, total[1], sum(float(r["total"]) for r in rows))
        for c, comp in enumerate(comps):
            near("%s total %s" % (sheet, comp), total[2 + c],
                 sum(float(r[comp]) for r in rows))


def check_sweep(abgcalc, ini, tmp):
    args = [abgcalc, "sweep", ini, "--vary", VARY]
    book = write_twice(args, tmp, "sweep")
    want = json.loads(run(args + ["--json", "-"]))
    sheets = recalc(book, os.path.join(tmp, "sweep.json"))
    grid = sheets.get("Sweep")
    if grid is None:
        raise SystemExit("FAIL: no Sweep sheet: %s" % list(sheets))
    h = header_row(grid)
    head = grid[h]
    steps = want["steps"]
    labels = [s["label"] for s in steps]
    if head[1:1 + len(steps)] != labels:
        fail("step headings %r, abgcalc %r" % (head[1:1 + len(steps)], labels))
    if head[1 + len(steps):4 + len(steps)] != ["Lowest", "Highest", "Range"]:
        fail("headings after the steps: %r" % head[1 + len(steps):])
    if len(steps) < 2:
        fail("the sweep has %d steps" % len(steps))
    for i, name in enumerate(want["areas"]):
        row = grid[h + 1 + i]
        if row[0] != name:
            fail("row %d: area %r, abgcalc %r" % (h + 2 + i, row[0], name))
        figs = [s["totals"][i] for s in steps]
        for k, s in enumerate(steps):
            near("%s at %s" % (name, s["label"]), row[1 + k], figs[k])
        n = len(steps)
        near("%s lowest" % name, row[1 + n], min(figs))
        near("%s highest" % name, row[2 + n], max(figs))
        near("%s range" % name, row[3 + n], max(figs) - min(figs))
        if max(figs) == min(figs):
            fail("%s: the sweep changes nothing, so the range proves nothing" % name)


def main():
    if len(sys.argv) != 3:
        print("usage: check_scenario_workbooks.py ABGCALC EXAMPLES_DIR", file=sys.stderr)
        return 2
    abgcalc, examples = sys.argv[1], sys.argv[2]
    t = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        check_compare(abgcalc, os.path.join(examples, "scenarios-2011-12.ini"), tmp)
        check_compare(abgcalc, os.path.join(examples, "scenarios-2011-12.ini"), tmp,
                      ["pot=400000"])
        check_sweep(abgcalc, os.path.join(examples, "sweep-crime-weighting.ini"), tmp)
    for f in failures:
        print("FAIL: %s" % f)
    if not failures:
        print("ok: compare and sweep workbooks (%.1f s)" % (time.monotonic() - t))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
