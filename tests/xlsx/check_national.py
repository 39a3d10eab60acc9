#!/usr/bin/python3
# check_national.py - proves that a national-scale workbook (tens of thousands of areas, a
# £100m pot to £1, where remainders closer than a millionth of a pound are certain)
# recalculates in real LibreOffice to abgcalc's exact figures, every one of them.
# SPDX-License-Identifier: MIT
#
# Usage: check_national.py ABGCALC N [--ties K] [--rate] [--keep DIR]
#
# Generates N areas (gen_national.py), writes the workbook and the CSV with abgcalc,
# recalculates the workbook with tests/lo/lo_recalc.py and checks: no formula errors;
# every total and component figure on the Allocation sheet equals abgcalc's CSV to the
# penny; the Rounding sheet lifts exactly the areas abgcalc lifts; every Checks row
# PASSes; the sheet carries no near-tie warning; past 200 areas, the Chart sheet's table
# holds the 20 largest totals, largest first, with abgcalc's figures. --ties K copies indicators K areas
# back, and the test then asserts that abgcalc reports a tie in the area totals that
# file order decides (the last units fall among equal remainders) and that the
# workbook gives them to the same, earlier, areas. --rate weights crime by crime per
# 1,000 people (a derived indicator: the Rounding sheet's float path, and abgcalc's
# cached figures from shares whose fractions run to tens of thousands of digits).
# Prints the seconds taken.
# Debian's /usr/bin/python3, standard library only. Exit status 0 when everything
# holds, 1 with one line per failure otherwise.

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LO_RECALC = os.path.join(HERE, "..", "lo", "lo_recalc.py")
GEN = os.path.join(HERE, "gen_national.py")
PENNY = 0.005


def run(args, **kw):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, **kw)
    if p.returncode != 0:
        raise SystemExit("check_national: %s failed: %s" % (args[0], p.stderr.strip()))
    return p.stdout


def main():
    ap = argparse.ArgumentParser(description="National-scale workbook in LibreOffice.")
    ap.add_argument("abgcalc")
    ap.add_argument("n", type=int)
    ap.add_argument("--ties", type=int, default=0)
    ap.add_argument("--rate", action="store_true")
    ap.add_argument("--keep", metavar="DIR")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="check_national_")
    fails = []
    expect = lambda ok, msg: ok or fails.append(msg)
    try:
        ini = os.path.join(tmp, "national.ini")
        book = os.path.join(tmp, "national.xlsx")
        gen = ["/usr/bin/python3", GEN, str(a.n), "-o", ini]
        if a.ties:
            gen += ["--ties", str(a.ties)]
        if a.rate:
            gen += ["--rate"]
        run(gen)
        t = time.monotonic()
        run([a.abgcalc, "run", ini, "-o", book])
        write = time.monotonic() - t
        table = list(csv.DictReader(io_text(run([a.abgcalc, "run", ini, "--csv", "-"]))))
        result = json.loads(run([a.abgcalc, "run", ini, "--json", "-"]))
        t = time.monotonic()
        run(["/usr/bin/python3", LO_RECALC, book, "--out", os.path.join(tmp, "r.json")])
        recalc = time.monotonic() - t
        with open(os.path.join(tmp, "r.json"), encoding="utf-8") as f:
            data = json.load(f)
        sheets = data["sheets"]
        expect(not data["errors"], "formula errors: %s" % data["errors"][:5])

        g = sheets["Allocation"]
        head = next(i for i, r in enumerate(g) if r and r[0] == "Area")
        comps = [c["name"] for c in result["components"]]
        expect(len(table) == a.n, "abgcalc's CSV has %d areas, not %d" % (len(table), a.n))
        figures = wrong = 0
        for k, r in enumerate(table):
            row = g[head + 2 + k] if head + 2 + k < len(g) else []
            expect(row and row[0] == r["area"], "Allocation row %d is %r, not area %s"
                   % (head + 3 + k, row[:1], r["area"]))
            for j, key in enumerate(["total"] + comps):
                got = row[1 + j] if len(row) > 1 + j else None
                figures += 1
                if not isinstance(got, float) or abs(got - float(r[key])) >= PENNY:
                    wrong += 1
                    if wrong <= 10:
                        fails.append("%s %s: the workbook computes %r, abgcalc says %s"
                                     % (r["area"], key, got, r[key]))
        expect(wrong == 0, "%d of %d figures differ from abgcalc's" % (wrong, figures))

        rd = sheets["Rounding"]
        rhead = next(i for i, r in enumerate(rd) if r and r[0] == "Area" and "Added" in r)
        added = rd[rhead].index("Added")
        lifted = {r[0] for r in rd[rhead + 1:rhead + 1 + a.n]
                  if isinstance(r[added], float) and r[added] > 0}
        want = {x["name"] for x in result["areas"] if x["added"] > 0}
        expect(lifted == want, "the Rounding sheet lifts %d areas, abgcalc %d; differing: %s"
               % (len(lifted), len(want), sorted(lifted ^ want)[:10]))
        warned = [r[0] for r in rd[:rhead] if r and isinstance(r[0], str)
                  and r[0].startswith("Warning")]
        expect(not warned, "the Rounding sheet warns: %s" % warned[:1])
        checks = [r for r in sheets["Checks"] if len(r) > 5 and r[5] in ("PASS", "FAIL")]
        expect(checks and all(r[5] == "PASS" for r in checks),
               "Checks: %s" % [r[0] for r in checks if r[5] != "PASS"][:5])

        # Past 200 areas the chart draws the 20 largest totals (equal ones in file
        # order) from a table on the Chart sheet, live over the Allocation rows.
        top = 0
        if a.n > 200:
            ch = sheets.get("Chart", [])
            chead = next((i for i, r in enumerate(ch) if r and r[0] == "Area"), None)
            expect(chead is not None, "the Chart sheet has no table of the largest totals")
            order = sorted(range(len(table)), key=lambda k: (-float(table[k]["total"]), k))
            for i, k in enumerate(order[:20]):
                row = ch[chead + 1 + i] if chead is not None and chead + 1 + i < len(ch) else []
                want = [table[k]["area"]] + [float(table[k][key]) for key in ["total"] + comps]
                ok = len(row) >= len(want) and row[0] == want[0] and all(
                    isinstance(g, float) and abs(g - w) < PENNY
                    for g, w in zip(row[1:len(want)], want[1:]))
                expect(ok, "Chart table row %d is %r, not %r" % (i + 1, row[:len(want)], want))
                top += ok
        if a.ties:
            ties = [f["text"] for f in result["findings"]
                    if f["kind"] == "tie" and f["text"].startswith("Tie in area totals")]
            expect(ties, "abgcalc reports no tie in the area totals")
        print("check_national: %d areas%s%s: %d figures equal abgcalc's after LibreOffice "
              "recalculated (%d lifted, %d checks PASS, %d chart rows); write %.1f s, "
              "recalculation %.1f s" % (a.n, " by a rate" if a.rate else "",
                                        " with ties every %d" % a.ties if a.ties else "",
                                        figures, len(lifted), len(checks), top, write,
                                        recalc))
        if a.ties and ties:
            print("  " + ties[0][:300])
    finally:
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            for f in os.listdir(tmp):
                shutil.copy(os.path.join(tmp, f), a.keep)
        shutil.rmtree(tmp, ignore_errors=True)
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


def io_text(s):
    import io
    return io.StringIO(s)


if __name__ == "__main__":
    sys.exit(main())
