#!/usr/bin/python3
# workbook.py - benchmark figures for abgcalc's workbook at national scale, beside the
# issue's targets and the Python XlsxWriter peer's figures.
# SPDX-License-Identifier: MIT
#
# Usage: bench/workbook.py [--abgcalc build/abgcalc] [--sizes 35000,1000000]
#                          [--lo-size 35000] [--no-lo] [--peer DIR]
#
# For each size N (areas from tests/xlsx/gen_national.py, a £100m pot to £1):
#  - writing: `abgcalc run F.ini -o F.xlsx` against `abgcalc run F.ini --csv /dev/null`
#    (the same load and computation without the workbook); wall seconds, CPU seconds
#    and peak memory (max RSS) of each, and the difference as the workbook's share;
#  - the peer: /usr/bin/python3 PEER/xlsx_xlsxwriter.py on the same areas, when PEER
#    (default /work/shared/peers) holds it;
#  - LibreOffice, at --lo-size only: loading the workbook without recalculating, loading
#    it with "always recalculate on load", and a forced calculateAll() after the first,
#    each in a fresh headless soffice (start-up not counted).
# Prints a table; not a test (timings depend on the machine and its load).

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "lo"))
sys.path.insert(0, os.path.join(ROOT, "tests", "xlsx"))

import gen_national  # noqa: E402

# The targets and the peer's published figures (issue 12).
TARGETS = {35000: "<= 0.6 s", 1000000: "<= 20 s, constant memory"}
PEER = {35000: "5.9 s", 1000000: "216 s, 256 MiB"}


def timed(args):
    """(wall s, cpu s, max RSS MiB, exit status) of one child process."""
    t = time.monotonic()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    err = p.stderr.read().decode(errors="replace").strip()
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print("  %s failed (%d): %s" % (os.path.basename(args[0]), code, err[:300]))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, code


def lo_load(book, recalc_mode, calc_all=False):
    """Seconds LibreOffice takes to load book (recalc_mode 0 always, 1 never), and to
    recalculate everything afterwards when calc_all."""
    import lo_recalc as L
    import uno
    tmp = tempfile.mkdtemp(prefix="bench_lo_")
    state = {}
    try:
        profile = os.path.join(tmp, "profile")
        os.makedirs(os.path.join(profile, "user"))
        xcu = L.XCU.replace("<value>0</value></prop></item>\n<item oor:path=\"/org.openoffice."
                            "Office.Calc/Formula/Load\"><prop oor:name=\"ODFRecalcMode\"",
                            "<value>%d</value></prop></item>\n<item oor:path=\"/org.openoffice."
                            "Office.Calc/Formula/Load\"><prop oor:name=\"ODFRecalcMode\""
                            % recalc_mode)
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(xcu)
        pipe = "bench_lo_%d" % os.getpid()
        state["proc"] = proc = subprocess.Popen(
            [L.SOFFICE, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
             "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
             "--nolockcheck"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, env=dict(os.environ, HOME=tmp))
        state["desktop"] = desktop = L.connect(proc, pipe)
        copy = os.path.join(tmp, "in.xlsx")
        shutil.copyfile(book, copy)
        t = time.monotonic()
        state["doc"] = doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(copy), "_blank", 0, (L.prop("Hidden", True),))
        load = time.monotonic() - t
        calc = None
        if calc_all:
            t = time.monotonic()
            doc.calculateAll()
            calc = time.monotonic() - t
        return load, calc
    finally:
        L.shutdown(state)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description="Workbook benchmark figures.")
    ap.add_argument("--abgcalc", default=os.path.join(ROOT, "build", "abgcalc"))
    ap.add_argument("--sizes", default="35000")
    ap.add_argument("--lo-size", type=int, default=35000)
    ap.add_argument("--no-lo", action="store_true")
    ap.add_argument("--peer", default="/work/shared/peers")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench_workbook_")
    peer = os.path.join(a.peer, "xlsx_xlsxwriter.py")
    try:
        print("%-9s %-28s %8s %8s %9s" % ("areas", "what", "wall s", "cpu s", "RSS MiB"))
        for n in [int(s) for s in a.sizes.split(",")]:
            ini = os.path.join(tmp, "n%d.ini" % n)
            with open(ini, "w", encoding="utf-8") as f:
                f.write(gen_national.text(n, 1, 0, 0))
            book = os.path.join(tmp, "n%d.xlsx" % n)
            rows = [("abgcalc run --csv (no book)", [a.abgcalc, "run", ini, "--csv", "/dev/null"]),
                    ("abgcalc run -o book.xlsx", [a.abgcalc, "run", ini, "-o", book])]
            got = {}
            for what, args in rows:
                got[what] = timed(args)
                w, c, r, code = got[what]
                print("%-9d %-28s %8.2f %8.2f %9.0f%s" % (n, what, w, c, r,
                                                         "" if code == 0 else "  (refused)"))
            (w0, c0, r0, _), (w1, c1, r1, code) = got[rows[0][0]], got[rows[1][0]]
            if code == 0:
                print("%-9d %-28s %8.2f %8.2f %9s   target %s; peer (issue) %s"
                      % (n, "= the workbook's share", w1 - w0, c1 - c0, "",
                         TARGETS.get(n, "-"), PEER.get(n, "-")))
            if os.path.isfile(peer) and n <= 35000:
                areas = os.path.join(tmp, "n%d.csv" % n)
                with open(areas, "w", newline="") as f:
                    wr = csv.writer(f)
                    wr.writerow(["area", "population", "crime"])
                    wr.writerows(gen_national.areas(n, 1))
                w, c, r, _ = timed(["/usr/bin/python3", peer, areas,
                                    os.path.join(tmp, "peer.xlsx")])
                print("%-9d %-28s %8.2f %8.2f %9.0f" % (n, "peer xlsx_xlsxwriter.py", w, c, r))
            if n == a.lo_size and not a.no_lo and code == 0:
                load, _ = lo_load(book, 1)
                again, calc = lo_load(book, 1, calc_all=True)
                recalc, _ = lo_load(book, 0)
                print("%-9d %-28s %8.2f" % (n, "LibreOffice load, no recalc", min(load, again)))
                print("%-9d %-28s %8.2f" % (n, "LibreOffice load + recalc", recalc))
                print("%-9d %-28s %8.2f" % (n, "LibreOffice calculateAll()", calc))
                print("%-9d %-28s %8.2fx  target <= 3x (was 7x at 20,000 areas)"
                      % (n, "recalc load / plain load", recalc / min(load, again)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
