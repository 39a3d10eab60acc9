#!/usr/bin/python3
# check_workbook.py - proves that abgcalc's workbook recalculates, in real LibreOffice, to
# abgcalc's own exact figures, before and after its inputs are changed.
# SPDX-License-Identifier: MIT
#
# Usage: check_workbook.py ABGCALC FILE.ini [--expect-tie] [--keep DIR]
#
#  1. Writes the workbook (abgcalc run FILE.ini -o X.xlsx), recalculates it with
#     tests/lo/lo_recalc.py and checks: no formula errors; every total and component
#     figure on the Allocation sheet equals `abgcalc run --csv -` to the penny (as
#     numbers); every Checks row says PASS and there are as many as the INI file calls
#     for; the areas lifted on the Rounding sheet are abgcalc's; every cached formula
#     value in the file equals LibreOffice's recalculation (what a viewer that never
#     recalculates shows).
#  2. Proves the formulas are live: changes a population (one that moves which areas
#     get the rounding units: found by trying changes with abgcalc, asserted to differ
#     from the base run) and, separately, a component amount (with the pot, or against
#     the `rest` component) with lo_recalc --set, and compares with abgcalc run on an
#     INI file changed the same way. Published figures that no longer match must FAIL
#     on the Checks sheet, and only those.
#  3. Writes the workbook twice and compares the bytes (cmp).
# --expect-tie also asserts that abgcalc reports a tie on the area totals and that the
# workbook gives the unit to the earlier area, seeing the tied remainders as equal.
# Debian's /usr/bin/python3, standard library only. Exit status 0 when everything
# holds, 1 with one line per failure otherwise, 2 on bad usage.

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
LO_RECALC = os.path.join(HERE, "..", "lo", "lo_recalc.py")
PENNY = 0.005            # figures are equal to the penny when closer than this
CACHE_RELATIVE = 1e-9    # cached value vs LibreOffice's recalculation
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


# The CSV's columns on last year (files whose areas carry `previous`).
LAST_YEAR = ("previous", "change", "change_percent")


class Failure(Exception):
    pass


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def money(v):
    return "{:,.2f}".format(v)


# --- the INI file --------------------------------------------------------------------

class Ini:
    """Just enough of abgcalc's INI format to read sections and change one value."""

    def __init__(self, text):
        self.lines = text.split("\n")
        self.sections = []        # [kind, name, {key: (value, line index)}]
        for i, line in enumerate(self.lines):
            t = line.strip()
            if not t or t[0] in ";#":
                continue
            if t.startswith("[") and t.endswith("]"):
                kind, _, name = t[1:-1].strip().partition(" ")
                self.sections.append([kind, name.strip(), {}])
            elif "=" in t and self.sections:
                key, _, value = t.partition("=")
                value = re.split(r"\s;", value)[0].strip()
                self.sections[-1][2][key.strip()] = (value, i)

    def of(self, kind):
        return [(name, keys) for k, name, keys in self.sections if k == kind]

    def get(self, kind, name, key):
        for k, n, keys in self.sections:
            if k == kind and n == name and key in keys:
                return keys[key][0]
        return None

    def changed(self, kind, name, key, value):
        """The file's text with one value replaced."""
        for k, n, keys in self.sections:
            if k == kind and n == name and key in keys:
                lines = list(self.lines)
                lines[keys[key][1]] = "%s = %s" % (key, value)
                return "\n".join(lines)
        raise Failure("no %s in [%s %s]" % (key, kind, name))

    def published(self):
        """Every published figure: (what, where, pounds)."""
        out = []
        for kind, name, keys in self.sections:
            for key, (value, _) in keys.items():
                if key == "published" or key.startswith("published."):
                    out.append((kind, name, key, number(value)))
        return out


def number(text):
    """A money or decimal value as abgcalc writes them: £, thousands commas."""
    return Decimal(text.replace("\u00a3", "").replace(",", "").strip())


def plain(d):
    """A Decimal without exponent or commas, keeping its decimals."""
    return format(d, "f")


# --- abgcalc ---------------------------------------------------------------------------

class Abgcalc:
    def __init__(self, exe):
        self.exe = exe

    def run(self, *args):
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        p = subprocess.run([self.exe] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True, env=env)
        if p.returncode != 0:
            raise Failure("%s %s: exit status %d: %s" % (
                self.exe, " ".join(args), p.returncode, p.stderr.strip()))
        return p.stdout

    def table(self, ini):
        """(component names, [(area, total, {component: figure})]) from run --csv -.
        A file with `previous` adds previous,change,change_percent before total: they
        go into the figures dict under those names, not into the components."""
        rows = list(csv.reader(io.StringIO(self.run("run", ini, "--csv", "-"))))
        head = rows[0]
        comps = [c for c in head[1:-1] if c not in LAST_YEAR]
        out = []
        for r in rows[1:]:
            name = r[0]
            # The CSV neutralises names a spreadsheet would run as formulas.
            if len(name) > 1 and name[0] == "'" and name[1] in "=+-@\t\r":
                name = name[1:]
            out.append((name, float(r[-1]), dict(zip(head[1:-1], map(float, r[1:-1])))))
        return comps, out

    def result(self, ini):
        return json.loads(self.run("run", ini, "--json", "-"))


def lifted(result):
    return {a["name"] for a in result["areas"] if a["added"] > 0}


# --- the workbook ------------------------------------------------------------------------

def workbook_parts(path):
    """Defined names {name: (sheet, A1)} and cached formula values {sheet: {A1: value}}."""
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        names = {}
        for d in book.findall("m:definedNames/m:definedName", NS):
            m = re.match(r"^'?(.+?)'?!\$?([A-Z]+)\$?([0-9]+)$", d.text or "")
            if m:
                names[d.get("name")] = (m.group(1), m.group(2) + m.group(3))
        cached = {}
        for sh in book.findall("m:sheets/m:sheet", NS):
            target = targets[sh.get("{%s}id" % NS["r"])]
            xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
            cells = {}
            for c in xml.iter("{%s}c" % NS["m"]):
                f, v = c.find("m:f", NS), c.find("m:v", NS)
                if f is None:
                    continue
                t = c.get("t", "n")
                text = v.text if v is not None and v.text is not None else ""
                cells[c.get("r")] = text if t == "str" else float(text or 0)
            cached[sh.get("name")] = cells
    return names, cached


def recalc(book, out, sets=()):
    args = ["/usr/bin/python3", LO_RECALC, book, "--out", out]
    for s in sets:
        args += ["--set", s]
    t = time.monotonic()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        raise Failure("lo_recalc failed: %s" % p.stderr.strip())
    with open(out, encoding="utf-8") as f:
        return json.load(f), time.monotonic() - t


def find_row(grid, first, test=lambda r: True):
    for i, r in enumerate(grid):
        if r and r[0] == first and test(r):
            return i
    raise Failure("no row starting %r" % first)


def cell(grid, r, c):
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else None


# --- checks on one recalculated workbook -------------------------------------------------

class Report:
    def __init__(self):
        self.failures = []

    def expect(self, ok, message):
        if not ok:
            self.failures.append(message)
        return ok


def close(a, b):
    return isinstance(a, float) and abs(a - b) < PENNY


def check_allocation(rep, label, sheets, comps, table):
    """Every total and component figure against abgcalc's CSV; returns how many."""
    g = sheets["Allocation"]
    head = find_row(g, "Area")
    first = head + 2                               # titles, then amounts
    # With last year: Area | Last year | This year | Change | Change % | components.
    prev = bool(table) and "previous" in table[0][2]
    tcol, ccol = (2, 5) if prev else (1, 2)
    if prev:
        want = ["Area", "Last year", "This year", "Change", "Change %"]
        got = [str(cell(g, head, c)).split(" (")[0] for c in range(5)]
        rep.expect(got == want, "%s: Allocation headings %r, expected %r" % (label, got, want))
    n = 0
    for k, (name, total, figs) in enumerate(table):
        row = first + k
        rep.expect(cell(g, row, 0) == name, "%s: Allocation!A%d is %r, expected area %r"
                   % (label, row + 1, cell(g, row, 0), name))
        got = cell(g, row, tcol)
        n += rep.expect(close(got, total), "%s: Allocation!%s%d (%s total) is %r, abgcalc says %s"
                        % (label, col_name(tcol), row + 1, name, got, money(total)))
        if prev:
            n += check_last_year(rep, label, g, row, name, total, figs)
        for j, comp in enumerate(comps):
            got = cell(g, row, ccol + j)
            n += rep.expect(close(got, figs[comp]),
                            "%s: Allocation!%s%d (%s, %s) is %r, abgcalc says %s"
                            % (label, col_name(ccol + j), row + 1, name, comp, got,
                               money(figs[comp])))
    if prev:
        # The totals row: both years summed, and the total change on last year.
        row = first + len(table)
        last = sum(f["previous"] for _, _, f in table)
        now = sum(t for _, t, _ in table)
        totals = {"previous": last, "change": now - last,
                  "change_percent": round((now - last) * 100 / last, 1) if last else 0}
        rep.expect(cell(g, row, 0) == "Total", "%s: Allocation!A%d is %r, expected Total"
                   % (label, row + 1, cell(g, row, 0)))
        n += check_last_year(rep, label, g, row, "Total", now, totals)
    return n


def check_last_year(rep, label, g, row, name, total, figs):
    """Last year, Change and Change % (to the CSV's one decimal) in an area's row."""
    n = rep.expect(close(cell(g, row, 1), figs["previous"]),
                   "%s: Allocation!B%d (%s last year) is %r, abgcalc says %s"
                   % (label, row + 1, name, cell(g, row, 1), money(figs["previous"])))
    n += rep.expect(close(cell(g, row, 3), figs["change"]),
                    "%s: Allocation!D%d (%s change) is %r, abgcalc says %s"
                    % (label, row + 1, name, cell(g, row, 3), money(figs["change"])))
    pct = cell(g, row, 4)
    if figs["previous"] == 0:
        ok = pct == "n/a"
    else:
        ok = isinstance(pct, float) and abs(pct * 100 - figs["change_percent"]) <= 0.05 \
            and abs(pct - (total - figs["previous"]) / figs["previous"]) < 1e-9
    return n + rep.expect(ok, "%s: Allocation!E%d (%s change %%) is %r, abgcalc says %s%%"
                          % (label, row + 1, name, pct, figs["change_percent"]))


def check_rows(rep, label, sheets, expected_rows, expected_fail):
    """Checks sheet: the number of rows, and which FAIL. Returns (passed, failed)."""
    rows = [r for r in sheets["Checks"] if len(r) > 5 and r[5] in ("PASS", "FAIL")]
    fails = [r[0] for r in rows if r[5] == "FAIL"]
    rep.expect(len(rows) == expected_rows, "%s: Checks has %d rows, expected %d"
               % (label, len(rows), expected_rows))
    rep.expect(len(fails) == expected_fail,
               "%s: %d checks FAIL, expected %d: %s" % (label, len(fails), expected_fail,
                                                        "; ".join(fails[:5])))
    for text in fails:
        rep.expect("as published" in text, "%s: check FAILs: %s" % (label, text))
    return len(rows) - len(fails), len(fails)


def sheet_lifted(sheets):
    """Areas the Rounding sheet adds a unit to, and each area's remainder."""
    g = sheets["Rounding"]
    head = find_row(g, "Area", lambda r: "Added" in r)
    added = g[head].index("Added")
    rem = [i for i, h in enumerate(g[head]) if str(h).startswith("Remainder")][0]
    out, rems = set(), {}
    for r in g[head + 1:]:
        if not r or r[0] == "Total":
            break
        if isinstance(r[added], float) and r[added] > 0:
            out.add(r[0])
        rems[r[0]] = r[rem]
    return out, rems


def expected_failures(ini, comps, table, result):
    """Published figures that differ from abgcalc's, to the penny."""
    totals = {name: t for name, t, _ in table}
    figs = {name: f for name, _, f in table}
    amounts = {c["name"]: c["amount"] for c in result["components"]}
    n = 0
    for kind, name, key, value in ini.published():
        v = float(value)
        if kind == "allocation":
            got = sum(totals.values())
        elif kind == "component":
            got = amounts[name]
        elif key == "published":
            got = totals[name]
        else:
            got = figs[name][key[len("published."):]]
        n += abs(got - v) >= PENNY
    return n


def check_run(rep, label, sheets, errors, abg, ini_path, ini, expected_rows):
    """Everything one recalculated workbook must show for the INI file it came from."""
    rep.expect(not errors, "%s: formula errors: %s" % (label, "; ".join(errors[:5])))
    comps, table = abg.table(ini_path)
    result = abg.result(ini_path)
    figures = check_allocation(rep, label, sheets, comps, table)
    passed, failed = check_rows(rep, label, sheets, expected_rows,
                                expected_failures(ini, comps, table, result))
    got, _ = sheet_lifted(sheets)
    rep.expect(got == lifted(result), "%s: Rounding lifts %s, abgcalc lifts %s"
               % (label, sorted(got), sorted(lifted(result))))
    return figures, passed, failed, got


def check_provenance(rep, sheets, result):
    """The Allocation sheet says what produced it (the JSON's produced_from), and the
    Inputs sheet names the file and the scenario."""
    want = "From: " + result["produced_from"]
    top = [r[0] for r in sheets["Allocation"][:4] if r]
    rep.expect(want in top, "Allocation: no %r above the table: %r" % (want, top))
    rows = {r[0]: r[1] for r in sheets["Inputs"] if r and len(r) > 1}
    rep.expect(rows.get("File") == result["file"], "Inputs: File is %r, abgcalc read %r"
               % (rows.get("File"), result["file"]))
    rep.expect(rows.get("Scenario") == "none (the base)", "Inputs: Scenario is %r"
               % rows.get("Scenario"))


def check_cache(rep, cached, sheets):
    """Cached formula values against LibreOffice's recalculation of the same file."""
    n = 0
    for sheet, cells in cached.items():
        grid = sheets.get(sheet, [])
        for addr, want in cells.items():
            m = re.match(r"([A-Z]+)([0-9]+)$", addr)
            got = cell(grid, int(m.group(2)) - 1, col_index(m.group(1)))
            if isinstance(want, str):
                ok = got == want
            else:
                ok = isinstance(got, float) and \
                    abs(got - want) <= CACHE_RELATIVE * max(1.0, abs(want))
            n += rep.expect(ok, "cached %s!%s is %r, LibreOffice computes %r"
                            % (sheet, addr, want, got))
    return n


# --- changes that prove the formulas live ------------------------------------------------

def population_change(abg, ini, base, tmp):
    """A change to one area's indicator that moves which areas get the units."""
    comps = [c for c in base["components"] if c["method"] == "proportional"]
    if not comps:
        return None
    indicator = comps[0]["indicator"]
    path = os.path.join(tmp, "search.ini")
    for name, keys in ini.of("area"):
        if indicator not in keys:
            continue
        value = number(keys[indicator][0])
        for step in range(1, 31):
            new = value + Decimal(100 * step)
            with open(path, "w", encoding="utf-8") as f:
                f.write(ini.changed("area", name, indicator, plain(new)))
            if lifted(abg.result(path)) != lifted(base):
                return name, indicator, value, new
    return None


def amount_change(ini):
    """A component amount raised by about 1,000, with the pot or against `rest`.
    Returns (component, old, new, pot_old, pot_new); component None for the pot alone."""
    unit = number(ini.get("allocation", "", "round_to") or "1")
    delta = Decimal(1000)
    if delta % unit:
        delta = (delta // unit + 1) * unit
    pot = number(ini.get("allocation", "", "pot"))
    rest = any(keys.get("amount", ("",))[0] == "rest" for _, keys in ini.of("component"))
    for name, keys in ini.of("component"):
        if "amount" in keys and keys["amount"][0] != "rest":
            old = number(keys["amount"][0])
            return name, old, old + delta, pot, pot if rest else pot + delta
    return None, None, None, pot, pot + delta


def inputs_cell(sheets, first, column_head, row_first):
    """Inputs sheet address of the cell in the column headed column_head, in the row
    whose first cell is row_first, below the header row starting `first`."""
    g = sheets["Inputs"]
    head = find_row(g, first, lambda r: column_head in r)
    col = g[head].index(column_head)
    for i in range(head + 1, len(g)):
        if g[i] and g[i][0] == row_first:
            return "%s%d" % (col_name(col), i + 1), g[i][col]
    raise Failure("Inputs: no row %r under %r" % (row_first, first))


# --- main ------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Check abgcalc's workbook in LibreOffice.")
    ap.add_argument("abgcalc")
    ap.add_argument("ini")
    ap.add_argument("--expect-tie", action="store_true",
                    help="the area totals must have a tie that file order decides")
    ap.add_argument("--keep", metavar="DIR", help="keep the workbooks and JSON in DIR")
    args = ap.parse_args()

    abg = Abgcalc(os.path.abspath(args.abgcalc))
    ini_path = os.path.abspath(args.ini)
    with open(ini_path, encoding="utf-8-sig") as f:
        ini = Ini(f.read())
    tmp = tempfile.mkdtemp(prefix="check_workbook_")
    rep = Report()
    name = os.path.basename(ini_path)
    say = lambda s: print("  " + s)
    start = time.monotonic()
    try:
        base = abg.result(ini_path)
        na, nc = len(base["areas"]), len(base["components"])
        print("check_workbook: %s (%d areas, %d components, round_to %s)"
              % (name, na, nc, money(base["round_to"])))
        expected_rows = 2 * nc + 2 + (1 if ini.of("budget") else 0) + len(ini.published())

        # 1. The workbook as written.
        book = os.path.join(tmp, "base.xlsx")
        abg.run("run", ini_path, "-o", book)
        names, cached = workbook_parts(book)
        data, secs = recalc(book, os.path.join(tmp, "base.json"))
        sheets = data["sheets"]
        figures, passed, failed, base_lifted = check_run(
            rep, "base", sheets, data["errors"], abg, ini_path, ini, expected_rows)
        say("recalculated in LibreOffice (%.1f s): %d figures on Allocation equal "
            "abgcalc's to the penny; %d of %d checks PASS; %d formula errors"
            % (secs, figures, passed, expected_rows, len(data["errors"])))
        say("cached values: %d formula cells hold what LibreOffice computes"
            % check_cache(rep, cached, sheets))
        check_provenance(rep, sheets, abg.result(ini_path))
        for need in ("Pot", "RoundTo", "AreaCount", "UnitsToGive", "Cutoff", "TiesToGive"):
            rep.expect(need in names, "no defined name %s" % need)

        if args.expect_tie:
            ties = [f for f in base["findings"] if f["kind"] == "tie"
                    and f["text"].startswith("Tie in area totals")]
            text = abg.run("run", ini_path)
            if rep.expect(ties and "Tie in area totals" in text,
                          "abgcalc run reports no tie in the area totals"):
                winner = ties[0]["area"]
                rem = {a["name"]: a["remainder"] for a in base["areas"]}
                tied = [a["name"] for a in base["areas"] if a["remainder"] == rem[winner]]
                _, sheet_rems = sheet_lifted(sheets)
                rep.expect(len({sheet_rems[t] for t in tied}) == 1,
                           "the workbook's remainders of %s differ: %s"
                           % (tied, [sheet_rems[t] for t in tied]))
                rep.expect(winner in base_lifted and tied[0] == winner and
                           all(t not in base_lifted for t in tied[1:]),
                           "the workbook does not give the tied unit to %s, earlier in "
                           "the file (lifted: %s)" % (winner, sorted(base_lifted)))
                say("tie: abgcalc reports %s tied at %s; the workbook sees equal "
                    "remainders (%r) and lifts %s, earlier in the file"
                    % (" and ".join(tied), ties[0]["text"].split("(")[1].split(")")[0],
                       sheet_rems[winner], winner))

        # 2. Live formulas: change inputs in the workbook and in the INI file alike.
        runs = []
        pop = population_change(abg, ini, base, tmp)
        if rep.expect(pop is not None, "found no indicator change that moves a unit"):
            area, indicator, old, new = pop
            addr, shown = inputs_cell(sheets, "Area", indicator, area)
            rep.expect(close(shown, float(old)), "Inputs!%s shows %r, not %s's %s %s"
                       % (addr, shown, area, indicator, old))
            path = os.path.join(tmp, "population.ini")
            with open(path, "w", encoding="utf-8") as f:
                f.write(ini.changed("area", area, indicator, plain(new)))
            runs.append(("%s of %s %s -> %s" % (indicator, area, plain(old), plain(new)),
                         path, ["Inputs!%s=%s" % (addr, plain(new))], True))
        comp, old, new, pot_old, pot_new = amount_change(ini)
        text = ini.changed("allocation", "", "pot", plain(pot_new))
        sets = ["%s!%s=%s" % (names["Pot"] + (plain(pot_new),))]
        what = "Pot %s -> %s" % (plain(pot_old), plain(pot_new))
        if pot_new == pot_old:
            sets, what = [], "the rest component absorbs it"
        if comp is not None:
            _, defined = inputs_cell(sheets, "Component", "Name of amount", comp)
            text = Ini(text).changed("component", comp, "amount", plain(new))
            sets.append("%s!%s=%s" % (names[defined] + (plain(new),)))
            what = "%s %s -> %s, %s" % (defined, plain(old), plain(new), what)
        if pot_new != pot_old and ini.of("budget"):
            # The budget must still hold the bigger pot.
            total = number(ini.get("budget", "", "total"))
            more = total + pot_new - pot_old
            text = Ini(text).changed("budget", "", "total", plain(more))
            sets.append("%s!%s=%s" % (names["BudgetTotal"] + (plain(more),)))
            what += ", BudgetTotal %s -> %s" % (plain(total), plain(more))
        path = os.path.join(tmp, "amount.ini")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        runs.append((what, path, sets, False))

        def one(k_run):
            k, (label, path, sets, moves) = k_run
            return recalc(book, os.path.join(tmp, "change%d.json" % k), sets)

        with ThreadPoolExecutor(max_workers=len(runs)) as pool:
            results = list(pool.map(one, enumerate(runs)))
        for (label, path, sets, moves), (data, secs) in zip(runs, results):
            with open(path, encoding="utf-8") as f:
                changed_ini = Ini(f.read())
            figures, passed, failed, got = check_run(
                rep, label, data["sheets"], data["errors"], abg, path, changed_ini,
                expected_rows)
            line = ("live (%.1f s): %s: %d figures equal abgcalc on the changed file; "
                    "%d checks PASS, %d published figures FAIL as they should"
                    % (secs, label, figures, passed, failed))
            if moves:
                rep.expect(got != base_lifted, "%s: the lifted areas did not change (%s)"
                           % (label, sorted(got)))
                line += "; lifted areas %s -> %s" % (sorted(base_lifted - got),
                                                    sorted(got - base_lifted))
            say(line)

        # 3. Reproducible bytes.
        again = os.path.join(tmp, "again.xlsx")
        abg.run("run", ini_path, "-o", again)
        if shutil.which("cmp"):
            same = subprocess.run(["cmp", book, again], stdout=subprocess.DEVNULL).returncode == 0
        else:
            with open(book, "rb") as a, open(again, "rb") as b:
                same = a.read() == b.read()
        rep.expect(same, "two runs wrote different bytes")
        say("reproducible: two runs are byte-identical (%d bytes)" % os.path.getsize(book))
    except Failure as e:
        rep.failures.append(str(e))
    finally:
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            for f in os.listdir(tmp):
                shutil.copy(os.path.join(tmp, f), args.keep)
        shutil.rmtree(tmp, ignore_errors=True)

    for f in rep.failures[:40]:
        print("FAIL: %s" % f)
    if len(rep.failures) > 40:
        print("FAIL: ... and %d more" % (len(rep.failures) - 40))
    print("%s: %s in %.1f s" % (name, "FAILED" if rep.failures else "OK",
                               time.monotonic() - start))
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main())
