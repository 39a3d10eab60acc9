#!/usr/bin/env python3
# board_paper.py - the --html board paper in a real browser: headless
# Chromium prints each page to PDF, and the figures read back with
# pdftotext must be abgcalc's own (from its JSON and CSV), row by row, all
# on page 1 and inside the page's width; a long table repeats its headings
# on the next page; the page needs no network and no script.
# SPDX-License-Identifier: MIT
#
# Usage: board_paper.py ABGCALC REPO_ROOT OUT_DIR
# Writes OUT_DIR/board-paper-*.pdf, a print preview of page 1 of each as
# PNG (pdftoppm) and a browser screenshot, OUT_DIR/board-paper.png.
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction

abgcalc, root, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(outdir, exist_ok=True)
failures = []

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium or not shutil.which("pdftotext"):
    sys.exit("board_paper: needs chromium and poppler-utils "
             "(apt-get install chromium poppler-utils)")


def run(*args):
    done = subprocess.run([abgcalc, *args], capture_output=True, text=True,
                          cwd=root)
    if done.returncode != 0:
        sys.exit("abgcalc %s: %s" % (" ".join(args), done.stderr))
    return done.stdout


def browser(*args):
    profile = tempfile.mkdtemp()
    try:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, *args],
                       capture_output=True, timeout=120, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def pence(x):
    return int(Decimal(str(x)) * 100)


def money(p, whole, plus=False):
    """abgcalc's money text, written independently: £1,234 or £1,234.56."""
    sign = "-" if p < 0 else ("+" if plus and p > 0 else "")
    v = abs(p)
    if whole and v % 100 == 0:
        return "%s£%s" % (sign, format(v // 100, ","))
    return "%s£%s.%02d" % (sign, format(v // 100, ","), v % 100)


def percent(base, change):
    if base == 0:
        return "n/a"
    tenths = abs(Fraction(change * 1000, base))
    tenths = int(tenths + Fraction(1, 2))
    return "%s%d.%d%%" % ("-" if change < 0 and tenths else "", tenths // 10,
                          tenths % 10)


TOKEN = re.compile(r"[-+]?£[\d,]+(?:\.\d\d)?!?|-?\d+\.\d%|n/a")


def print_pdf(name, html):
    pdf = os.path.join(outdir, "board-paper-%s.pdf" % name)
    if os.path.exists(pdf):
        os.remove(pdf)
    browser("--print-to-pdf=" + pdf, "--no-pdf-header-footer",
            "file://" + html)
    if not os.path.exists(pdf):
        sys.exit("chromium wrote no PDF for %s" % name)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                    "-singlefile", pdf, pdf[:-4]], check=True)
    return pdf


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l",
                           str(page), pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                          check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info,
                                re.M).groups())
    return n, w, h


def check_page(name, html, rows, landscape):
    """Prints html; rows (lists of expected figure texts) must each be one
    line of page 1, in order; every word inside the page's width."""
    text = open(html, encoding="utf-8").read()
    for bad in ("<script", "src=", "href=", "url(", "@import"):
        if bad in text:
            failures.append("%s: the page has %r (it must need nothing else)"
                            % (name, bad))
    if re.search(r"https?://(?!www\.w3\.org/2000/svg)", text):
        failures.append("%s: the page names a network address" % name)
    if "<table" not in text or "<thead>" not in text:
        failures.append("%s: no real table with a thead" % name)
    pdf = print_pdf(name, html)
    n, w, h = pages(pdf)
    if abs(min(w, h) - 595.3) > 1 or abs(max(w, h) - 841.9) > 1:
        failures.append("%s: page %.1f x %.1f pt is not A4" % (name, w, h))
    if (w > h) != landscape:
        failures.append("%s: %s expected" % (name, "landscape" if landscape
                                             else "portrait"))
    lines = [TOKEN.findall(l) for l in page_text(pdf, 1).split("\n")]
    i = 0
    for want in rows:
        while i < len(lines) and lines[i] != want:
            i += 1
        if i == len(lines):
            failures.append("%s: row %r not found on page 1 as one line"
                            % (name, want))
            break
        i += 1
    # Every word of page 1 inside the page, right margin included.
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf,
                           "-"], capture_output=True, text=True,
                          check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    if right > width - 20:
        failures.append("%s: a word reaches x=%.1f on a page %.1f wide"
                        % (name, right, width))
    return pdf, n


def run_rows(ini, extra=()):
    """The run table's rows from abgcalc's JSON and CSV: last year, this
    year, change, per cent, each component's shown figure, damping."""
    doc = json.loads(run("run", ini, *extra, "--json", "-"),
                     parse_float=Decimal)
    csv_rows = list(csv.reader(io.StringIO(run("run", ini, *extra, "--csv",
                                                "-"))))
    whole = pence(doc["round_to"]) >= 100
    prev = all("previous" in a for a in doc["areas"])
    damped = "damping" in csv_rows[0]
    names = [c["name"] for c in doc["components"]]
    rows = []
    sums = {"total": 0, "previous": 0, "damping": 0}
    col_sums = [0] * len(names)
    for a, row in zip(doc["areas"], csv_rows[1:]):
        t = pence(a["total"])
        out = []
        if prev:
            p = pence(a["previous"])
            out += [money(p, whole), money(t, whole), money(t - p, whole, True),
                    percent(p, t - p)]
            sums["previous"] += p
        else:
            out.append(money(t, whole))
        for k, n in enumerate(names):
            v = pence(a["components"][n]["shown"])
            col_sums[k] += v
            out.append(money(v, False))
        if damped:
            d = pence(Decimal(row[csv_rows[0].index("damping")]))
            sums["damping"] += d
            out.append(money(d, False, True))
        sums["total"] += t
        rows.append(out)
    t, p = sums["total"], sums["previous"]
    out = ([money(p, whole), money(t, whole), money(t - p, whole, True),
            percent(p, t - p)] if prev else [money(t, whole)])
    for k, c in enumerate(doc["components"]):
        out.append(money(col_sums[k], False) +
                   ("!" if col_sums[k] != pence(c["amount"]) else ""))
    if damped:
        out.append(money(sums["damping"], False, True) +
                   ("!" if sums["damping"] else ""))
    rows.append(out)
    return [a["name"] for a in doc["areas"]], rows


work = tempfile.mkdtemp()
try:
    # run: the 5% floor example (last year, change, damping): landscape.
    floor = os.path.join(work, "floor.html")
    run("run", "examples/floor-2011-12.ini", "--html", floor)
    names, rows = run_rows("examples/floor-2011-12.ini")
    pdf, _ = check_page("floor", floor, rows, True)
    text = page_text(pdf, 1)
    for want in ("From: examples/floor-2011-12.ini", "Last year", "This year",
                 "Change", "keep 0.9670 of their excess",
                 "How the figures were rounded"):
        if want not in text and want not in page_text(pdf, 2):
            failures.append("floor: %r not on the page" % want)
    # Screenshots: the browser's view, and page 1 as printed.
    shot = os.path.join(outdir, "board-paper.png")
    browser("--screenshot=" + shot, "--window-size=1280,1500",
            "--hide-scrollbars", "file://" + floor)
    if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
        failures.append("no screenshot at %s" % shot)

    # run: 2010/11 as published, with a --set what-if and the budget.
    pub = os.path.join(work, "what-if.html")
    run("run", "allocations/leicestershire-abg-2010-11.ini", "--set",
        "area.Melton.population=50100", "--html", pub)
    names, rows = run_rows("allocations/leicestershire-abg-2010-11.ini",
                           ("--set", "area.Melton.population=50100"))
    pdf, _ = check_page("what-if", pub, rows, False)
    text = page_text(pdf, 1) + page_text(pdf, 2)
    for want in ("What-if, not the file's own figures",
                 "--set", "area.Melton.population=50100",
                 "Countywide allocation", "£740,977"):
        if want not in text:
            failures.append("what-if: %r not on the page" % want)

    # compare: each column's change on the base and on last year.
    cmp_html = os.path.join(work, "compare.html")
    run("compare", "examples/scenarios-2011-12.ini", "--html", cmp_html)
    doc = json.loads(run("compare", "examples/scenarios-2011-12.ini",
                         "--json", "-"), parse_float=Decimal)
    names = [s["name"] for s in doc["scenarios"]]
    rows, sums = [], None
    for a in doc["areas"]:
        p, b = pence(a["previous"]), pence(a["base"])
        figs = [(p, b)] + [(p, b, pence(a["scenarios"][n]["total"]))
                           for n in names]
        row = [money(p, True), money(b, True), money(b - p, True, True),
               percent(p, b - p)]
        for n in names:
            t = pence(a["scenarios"][n]["total"])
            row += [money(t, True), money(t - b, True, True), percent(b, t - b),
                    money(t - p, True, True), percent(p, t - p)]
        rows.append(row)
        vals = [p, b] + [pence(a["scenarios"][n]["total"]) for n in names]
        sums = vals if sums is None else [x + y for x, y in zip(sums, vals)]
    p, b = sums[0], sums[1]
    row = [money(p, True), money(b, True), money(b - p, True, True),
           percent(p, b - p)]
    for t in sums[2:]:
        row += [money(t, True), money(t - b, True, True), percent(b, t - b),
                money(t - p, True, True), percent(p, t - p)]
    rows.append(row)
    check_page("compare", cmp_html, rows, True)

    # sweep: every step, lowest, highest and range.
    sw = os.path.join(work, "sweep.html")
    args = ("sweep", "examples/sweep-crime-weighting.ini", "--vary",
            "component.crime.share=20%:50%:5%")
    run(*args, "--html", sw)
    doc = json.loads(run(*args, "--json", "-"), parse_float=Decimal)
    rows = []
    for i, _ in enumerate(doc["areas"]):
        t = [pence(s["totals"][i]) for s in doc["steps"]]
        rows.append([money(x, True) for x in t] +
                    [money(min(t), True), money(max(t), True),
                     money(max(t) - min(t), True)])
    check_page("sweep", sw, rows, True)

    # 124 areas: the table runs over pages and its headings repeat.
    many = os.path.join(work, "many.html")
    run("run", "examples/many-areas.ini", "--html", many)
    names, rows = run_rows("examples/many-areas.ini")
    pdf = print_pdf("many", many)
    n, _, _ = pages(pdf)
    if n < 3:
        failures.append("many: %d pages for 124 areas" % n)
    second = page_text(pdf, 2).split("\n")
    first_row = next((i for i, l in enumerate(second) if TOKEN.search(l)), None)
    if first_row is None or not any(l.lstrip().startswith("Area")
                                    for l in second[:first_row]):
        failures.append("many: page 2 does not repeat the headings")
    read = [TOKEN.findall(line) for k in range(1, n + 1)
            for line in page_text(pdf, k).split("\n")]
    missing = [r for r in rows if r not in read]
    if missing:
        failures.append("many: %d of %d rows not read back, such as %r"
                        % (len(missing), len(rows), missing[0]))
finally:
    shutil.rmtree(work, ignore_errors=True)

for f in failures:
    print("FAIL:", f)
print("board paper: run (floor, what-if), compare, sweep and 124 areas printed "
      "by Chromium and read back: %s; screenshot %s"
      % ("FAILED" if failures else "all figures match, A4, within the page",
         os.path.join(outdir, "board-paper.png")))
sys.exit(1 if failures else 0)
