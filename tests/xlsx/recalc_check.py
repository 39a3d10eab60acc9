#!/usr/bin/python3
# recalc_check.py - proves a workbook in a real spreadsheet application:
# LibreOffice recalculates it and every figure must equal abgcalc's; then
# input cells are changed in the workbook and the recalculated figures must
# equal abgcalc run on the INI changed the same way (--set), including a
# change that moves which areas get the rounding units.
# SPDX-License-Identifier: MIT
#
# Usage: recalc_check.py ABGCALC FILE.ini
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LO_RECALC = os.path.join(HERE, "..", "lo", "lo_recalc.py")
abgcalc, ini = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True)
    if done.returncode or done.stderr:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr.strip()))
    return done.stdout


def computed(*sets):
    """abgcalc's figures (pounds) per area: [total, shown cells...], from
    the JSON (whose names are as written, unlike the CSV's neutralised
    ones)."""
    args = ["run", ini, "--json", "-"]
    for s in sets:
        args += ["--set", s]
    doc = json.loads(run(*args))
    return {a["name"]: [a["total"]] + [c["shown"] for c in a["components"].values()]
            for a in doc["areas"]}


def lifted(*sets):
    args = ["run", ini, "--json", "-"]
    for s in sets:
        args += ["--set", s]
    doc = json.loads(run(*args))
    return sorted(a["name"] for a in doc["areas"] if a["added"] > 0)


def recalc(xlsx, changes=()):
    out = xlsx + ".json"
    cmd = ["/usr/bin/python3", LO_RECALC, xlsx, "--out", out]
    for cell, value in changes:
        cmd += ["--set", "%s=%s" % (cell, value)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit("lo_recalc: %s" % done.stderr.strip())
    with open(out) as f:
        return json.load(f)


def table(sheet, first):
    """Rows below the header whose first cell is `first`, to a blank row."""
    rows, start = [], None
    for i, row in enumerate(sheet):
        if start is None and row and row[0] == first:
            start = i + 1
        elif start is not None:
            if not row or row[0] in (None, "", "Total"):
                break
            rows.append((i + 1, row))
    return rows


def mismatches(*sets):
    """How many published figures abgcalc check finds differing."""
    args = [abgcalc, "check", ini]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1) or done.stderr:
        sys.exit("abgcalc check: %s" % done.stderr.strip())
    return sum(1 for line in done.stdout.splitlines()
               if ": published " in line and ", computed " in line)


def compare(doc, want, what, sets=()):
    alloc = {row[0]: row for _, row in table(doc["sheets"]["Allocation"], "Area")
             if row[0] != "Amount"}
    if set(alloc) != set(want):
        failures.append("%s: Allocation areas %s" % (what, sorted(set(alloc) ^ set(want))))
        return 0
    n = 0
    for name, figures in want.items():
        for k, value in enumerate(figures):
            got = alloc[name][1 + k]
            n += 1
            if not isinstance(got, float) or abs(got - value) >= 0.005:
                failures.append("%s: %s column %d is %r, abgcalc %s"
                                % (what, name, 1 + k, got, value))
    if doc["errors"]:
        failures.append("%s: formula errors %s" % (what, doc["errors"][:5]))
    # Every check passes, except published figures that no longer match
    # after a change: exactly those abgcalc check finds.
    checks = [row for row in doc["sheets"]["Checks"] if row and row[-1] in ("PASS", "FAIL")]
    failed = [row[0] for row in checks if row[-1] != "PASS"]
    published = [f for f in failed if "as published" in f]
    if not checks or len(published) != len(failed) or len(published) != mismatches(*sets):
        failures.append("%s: %d checks, failing: %s (abgcalc check: %d)"
                        % (what, len(checks), failed[:3], mismatches(*sets)))
    return n


def input_cell(doc, area, key):
    """Address of an area's indicator on Inputs, e.g. Inputs!B24."""
    sheet = doc["sheets"]["Inputs"]
    for i, row in enumerate(sheet):
        if row and row[0] == "Area" and key in row:
            col = row.index(key)
            for j in range(i + 1, len(sheet)):
                if sheet[j] and sheet[j][0] == area:
                    return "Inputs!%s%d" % (chr(ord("A") + col), j + 1)
    sys.exit("no input cell for %s %s" % (area, key))


def amount_cell(doc, component):
    sheet = doc["sheets"]["Inputs"]
    for i, row in enumerate(sheet):
        if row and row[0] == "Component" and "Amount" in row:
            col = row.index("Amount")
            for j in range(i + 1, len(sheet)):
                if sheet[j] and sheet[j][0] == component:
                    return "Inputs!%s%d" % (chr(ord("A") + col), j + 1)
    sys.exit("no amount cell for %s" % component)


with tempfile.TemporaryDirectory() as tmp:
    xlsx = os.path.join(tmp, "out.xlsx")
    run("run", ini, "-o", xlsx)
    again = os.path.join(tmp, "again.xlsx")
    run("run", ini, "-o", again)
    with open(xlsx, "rb") as a, open(again, "rb") as b:
        if a.read() != b.read():
            failures.append("two runs gave different workbook bytes")

    base = computed()
    doc = recalc(xlsx)
    cells = compare(doc, base, "recalculated")

    # A proportional component and its indicator, from the JSON.
    model = json.loads(run("run", ini, "--json", "-"))
    prop = [c for c in model["components"] if c["method"] == "proportional"]
    fixed = [c for c in model["components"] if c["method"] != "proportional"]
    areas = [a["name"] for a in model["areas"]]
    indicator = prop[0]["indicator"]

    # A change of one indicator that moves the rounding units: try
    # increasing steps on each area until the lifted areas differ.
    base_lifted, change = lifted(), None
    for area in areas[:10]:
        value0 = int(float(next(a for a in model["areas"] if a["name"] == area)
                           ["indicators"][indicator]))
        for step in (1, 2, 3, 5, 7, 10, 20, 50, 100, 200, 500, 1000):
            s = "area.%s.%s=%d" % (area, indicator, value0 + step)
            if lifted(s) != base_lifted:
                change = (area, value0 + step, s)
                break
        if change:
            break
    if not change:
        failures.append("no indicator change moved the rounding units")
    else:
        area, value, s = change
        doc = recalc(xlsx, [(input_cell(doc, area, indicator), value)])
        cells += compare(doc, computed(s), "after %s" % s, (s,))
        now = lifted(s)
        print("moved the units: %s; no longer lifted %s, now lifted %s"
              % (s, sorted(set(base_lifted) - set(now)), sorted(set(now) - set(base_lifted))))

    # A component amount moved against the last (rest-like) one: both
    # amounts change together so the components still add up to the pot.
    if len(model["components"]) >= 2:
        first, last = model["components"][0], model["components"][-1]
        delta = 1000 if float(last["amount"]) > 1000 else float(last["amount"]) / 2
        a1 = float(first["amount"]) + delta
        a2 = float(last["amount"]) - delta
        sets = ("component.%s.amount=%.2f" % (first["name"], a1),
                "component.%s.amount=%.2f" % (last["name"], a2))
        doc = recalc(xlsx, [(amount_cell(doc, first["name"]), a1),
                            (amount_cell(doc, last["name"]), a2)])
        cells += compare(doc, computed(*sets), "after %s, %s" % sets, sets)

for f in failures:
    print("FAIL:", f)
print("%s: %d workbook figures recalculated by LibreOffice equal abgcalc's, "
      "before and after changing inputs; byte-identical reruns: %s"
      % (os.path.basename(ini), cells, "FAILED" if failures else "yes"))
sys.exit(1 if failures else 0)
