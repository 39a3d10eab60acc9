#!/usr/bin/python3
# check_target_workbook.py - proves that a target table's workbook
# recalculates, in real LibreOffice, to abgcalc's exact figures, and that
# its Checks sheet fails exactly the cells abgcalc names, before and after
# inputs are changed.
# SPDX-License-Identifier: MIT
#
# Usage: check_target_workbook.py ABGCALC TARGETS.ini
#
#  1. Writes the workbook (abgcalc run FILE -o X.xlsx), recalculates it with
#     tests/lo/lo_recalc.py and checks: no formula errors; every "by the
#     rule" cell equals abgcalc's rule figure (--json); the rows the Checks
#     sheet marks NO are exactly the cells and sums abgcalc says differ, and
#     its count of failing rows agrees; every cached formula value equals
#     LibreOffice's recalculation; the failing rows are highlighted by a
#     conditional format on the Checks sheet.
#  2. Proves the formulas are live: changes one printed target to the
#     rule's figure, and one base figure, with lo_recalc --set, and compares
#     with abgcalc on an INI file changed the same way.
#  3. Writes the workbook twice and compares the bytes.
# Debian's /usr/bin/python3, standard library only. Exit status 0 when all
# holds, 1 with one line per failure otherwise.
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
LO_RECALC = os.path.join(HERE, "..", "lo", "lo_recalc.py")
abgcalc, ini = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
env = dict(os.environ, SOURCE_DATE_EPOCH="1262304000")
failures = []


def fail(message):
    failures.append(message)


def abg_json(path):
    out = subprocess.run([abgcalc, "run", path, "--json", "-"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def workbook(path, xlsx):
    subprocess.run([abgcalc, "run", path, "-o", xlsx], env=env, check=True,
                   capture_output=True)


def recalc(xlsx, sets=()):
    out = os.path.join(work, "dump.json")
    args = ["/usr/bin/python3", LO_RECALC, xlsx, "--out", out]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True)
    with open(out) as f:
        return json.load(f)


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def layout(sheet):
    """Maps (area, figure) to a row and (year, 'printed'/'rule'/'given') to
    a column of the Targets sheet, from its two heading rows."""
    years, cols = sheet[3], {}
    year = None
    for c, (top, sub) in enumerate(zip(sheet[3], sheet[4])):
        if sub in ("given", "printed"):
            year = top
            cols[(year, sub)] = c
        elif sub == "by the rule":
            cols[(year, "rule")] = c
    rows, area = {}, None
    for r in range(5, len(sheet)):
        if sheet[r][0]:
            area = sheet[r][0]
        if sheet[r][1]:
            rows[(area, sheet[r][1])] = r
    return rows, cols


def expected_failures(doc):
    bad = set()
    for a in doc["areas"]:
        for c in a["cells"]:
            if c["status"] == "differs":
                bad.add((a["name"], c["figure"], c["year"]))
    for s in doc["sums"]:
        if not s["adds_up"]:
            bad.add((s["total_area"], "sum of the other areas' " + s["figure"],
                     s["year"]))
    return bad


def check(doc, dump, label):
    if dump["errors"]:
        fail(f"{label}: formula errors {dump['errors']}")
    targets, checks = dump["sheets"]["Targets"], dump["sheets"]["Checks"]
    rows, cols = layout(targets)
    for a in doc["areas"]:
        for c in a["cells"]:
            if c["rule"] is None:
                continue
            got = targets[rows[(a["name"], c["figure"])]][cols[(c["year"], "rule")]]
            if got is None or Decimal(repr(got)).quantize(Decimal(c["rule"])) != Decimal(c["rule"]) \
                    or abs(got - float(c["rule"])) > 1e-9:
                fail(f"{label}: {a['name']} {c['year']} {c['figure']} rule {got}, abgcalc {c['rule']}")
    marked = {(r[0], r[1], r[2]) for r in checks[3:] if len(r) > 6 and r[6] == "NO"}
    want = expected_failures(doc)
    if marked != want:
        fail(f"{label}: Checks marks {sorted(marked)}, abgcalc {sorted(want)}")
    count = [r[6] for r in checks if r[0] == "Rows that fail"]
    if count != [float(len(want))]:
        fail(f"{label}: failing-row count {count}, expected {len(want)}")
    return rows, cols


def cached_values(xlsx):
    """Sheet name -> {cell: cached value} for every formula cell."""
    out = {}
    with zipfile.ZipFile(xlsx) as z:
        book = z.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet name="([^"]+)" sheetId="(\d+)"', book)
        for name, sid in names:
            xml = z.read(f"xl/worksheets/sheet{sid}.xml").decode()
            cells = {}
            for ref, body in re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(.*?)</c>', xml):
                if "<f>" in body:
                    v = re.search(r"<v>(.*?)</v>", body)
                    cells[ref] = v.group(1) if v else None
            out[name.replace("&amp;", "&")] = cells
    return out


def check_cache(xlsx, dump):
    for sheet, cells in cached_values(xlsx).items():
        grid = dump["sheets"][sheet]
        for ref, v in cells.items():
            m = re.match(r"([A-Z]+)(\d+)", ref)
            col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(m.group(1)))) - 1
            got = grid[int(m.group(2)) - 1][col]
            if isinstance(got, float):
                if v is None or abs(float(v) - got) > 1e-9 * max(1, abs(got)):
                    fail(f"cached {sheet}!{ref} = {v}, LibreOffice {got}")
            elif got != v and not (v is None and got == ""):
                fail(f"cached {sheet}!{ref} = {v!r}, LibreOffice {got!r}")


def changed_ini(area, key, value):
    """A copy of the INI with one key of [area AREA] set to value."""
    lines, section = [], None
    with open(ini, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s.startswith("["):
                section = s
            if section == f"[area {area}]" and s.split("=")[0].strip() == key:
                line = f"{key} = {value}\n"
            lines.append(line)
    path = os.path.join(work, "changed.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return path


def check_budget(xlsx, doc):
    """A budget statement: the part not itemised, as written and after a
    line is changed, equals abgcalc's."""
    dump = recalc(xlsx)
    rows = dump["sheets"]["Budget"]
    if dump["errors"]:
        fail(f"budget: formula errors {dump['errors']}")
    got = [r[1] for r in rows if r[0] == "Not itemised"]
    if got != [doc["not_itemised"]]:
        fail(f"budget: not itemised {got}, abgcalc {doc['not_itemised']}")
    check_cache(xlsx, dump)
    first = next(i for i, r in enumerate(rows) if r[0] == "Line") + 1
    dump = recalc(xlsx, [f"Budget!B{first + 1}=100000"])
    want = doc["not_itemised"] + doc["lines"][0]["amount"] - 100000
    got = [r[1] for r in dump["sheets"]["Budget"] if r[0] == "Not itemised"]
    if got != [want]:
        fail(f"budget after a change: not itemised {got}, expected {want}")


base = os.path.join(work, "base.xlsx")
workbook(ini, base)
doc = abg_json(ini)
if doc["kind"] == "budget":
    check_budget(base, doc)
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)
dump = recalc(base)
rows, cols = check(doc, dump, "as written")
check_cache(base, dump)
with zipfile.ZipFile(base) as z:
    checks_xml = z.read("xl/worksheets/sheet2.xml").decode()
if not re.search(r'<conditionalFormatting sqref="A4:G\d+"><cfRule type="expression"[^>]*>'
                 r'<formula>\$G4="NO"</formula>', checks_xml):
    fail("Checks sheet: no conditional format highlighting the failing rows")

# Live: every differing printed cell set to its rule's figure, and one base
# figure raised by 10%, each against abgcalc on the same change.
changes = []
for a in doc["areas"]:
    for c in a["cells"]:
        if c["status"] == "differs":
            changes.append((a["name"], c["figure"], c["year"], c["rule"]))
given = [(a["name"], c["figure"], c["year"], c["published"]) for a in doc["areas"]
         for c in a["cells"] if c["status"] == "given"]
name, fig, year, value = given[len(given) // 2]
raised = str((Decimal(value) * Decimal("1.1")).quantize(Decimal(value)))
changes.append((name, fig, year, raised))
for name, fig, year, value in changes:
    kind = "given" if (year, "given") in cols else "printed"
    cell = f"Targets!{col_name(cols[(year, kind)])}{rows[(name, fig)] + 1}"
    changed = abg_json(changed_ini(name, f"{fig}.{year}", value))
    check(changed, recalc(base, [f"{cell}={value}"]), f"{cell}={value}")

again = os.path.join(work, "again.xlsx")
workbook(ini, again)
with open(base, "rb") as a, open(again, "rb") as b:
    if a.read() != b.read():
        fail("two runs wrote different bytes")
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
