#!/usr/bin/python3
# workbook.py - benchmark figures for abgcalc's workbook at national scale, beside the
# issue's targets and the Python XlsxWriter peer's figures.
# SPDX-License-Identifier: MIT
#
# Usage: bench/workbook.py [--abgcalc build/abgcalc] [--sizes 35000,1000000]
#                          [--runs 3] [--peer-sizes 35000] [--lo-size 35000] [--no-lo]
#                          [--peer DIR] [--data bench/data]
#
# For each size N (bench/gen_areas.py N --format table: a £100m pot to £1, the areas in
# a CSV table beside the INI file, made once in --data and reused):
#  - writing: `abgcalc run table-N.ini -o N.xlsx` against `abgcalc run table-N.ini --csv
#    /dev/null` (the same load and computation without the workbook); median wall
#    seconds, CPU seconds (user + system) and peak memory (max RSS) of --runs runs each,
#    and the difference as the workbook's share;
#  - the peer: /usr/bin/python3 PEER/xlsx_xlsxwriter.py on the same CSV, once, at the
#    --peer-sizes only (it takes minutes at 1,000,000), when PEER (default
#    /work/shared/peers) holds it;
#  - LibreOffice, at --lo-size only: loading the workbook without recalculating, loading
#    it with "always recalculate on load", and a forced calculateAll() after the first,
#    each in a fresh headless soffice (start-up not counted).
# Prints a table; not a test (timings depend on the machine and its load).

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "lo"))


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


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def runs(args, n):
    """Median (wall, cpu, RSS MiB) of n runs, and the last exit status."""
    got = [timed(args) for _ in range(n)]
    return (median([g[0] for g in got]), median([g[1] for g in got]),
            median([g[2] for g in got]), got[-1][3])


def table(data, n):
    """bench/data/table-N.ini (and its CSV), generated once."""
    ini = os.path.join(data, "table-%d.ini" % n)
    if not os.path.isfile(ini):
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_areas.py"), str(n),
                        "--format", "table", "-o", ini], check=True)
    return ini, os.path.join(data, "table-%d.csv" % n)


def main():
    ap = argparse.ArgumentParser(description="Workbook benchmark figures.")
    ap.add_argument("--abgcalc", default=os.path.join(ROOT, "build", "abgcalc"))
    ap.add_argument("--sizes", default="35000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer-sizes", default="35000")
    ap.add_argument("--lo-size", type=int, default=35000)
    ap.add_argument("--no-lo", action="store_true")
    ap.add_argument("--peer", default="/work/shared/peers")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    peer = os.path.join(a.peer, "xlsx_xlsxwriter.py")
    peer_sizes = {int(s) for s in a.peer_sizes.split(",") if s}
    print("%-9s %-30s %8s %8s %9s" % ("areas", "what (median of %d)" % a.runs, "wall s",
                                       "cpu s", "RSS MiB"))
    for n in [int(s) for s in a.sizes.split(",")]:
        ini, areas = table(a.data, n)
        book = os.path.join(a.data, "book-%d.xlsx" % n)
        rows = [("abgcalc run --csv (no book)", [a.abgcalc, "run", ini, "--csv", "/dev/null"]),
                ("abgcalc run -o book.xlsx", [a.abgcalc, "run", ini, "-o", book, "--force"])]
        got = {}
        for what, args in rows:
            got[what] = runs(args, a.runs)
            w, c, r, code = got[what]
            print("%-9d %-30s %8.2f %8.2f %9.0f%s" % (n, what, w, c, r,
                                                     "" if code == 0 else "  (refused)"))
        (w0, c0, r0, _), (w1, c1, r1, code) = got[rows[0][0]], got[rows[1][0]]
        if code == 0:
            print("%-9d %-30s %8.2f %8.2f %9.0f   target %s; peer (issue) %s"
                  % (n, "= the workbook's share", w1 - w0, c1 - c0, r1 - r0,
                     TARGETS.get(n, "-"), PEER.get(n, "-")))
        if os.path.isfile(peer) and n in peer_sizes:
            w, c, r, _ = timed(["/usr/bin/python3", peer, areas,
                                os.path.join(a.data, "peer-%d.xlsx" % n)])
            print("%-9d %-30s %8.2f %8.2f %9.0f   (one run)" % (n, "peer xlsx_xlsxwriter.py",
                                                                w, c, r))
        if n == a.lo_size and not a.no_lo and code == 0:
            load, _ = lo_load(book, 1)
            again, calc = lo_load(book, 1, calc_all=True)
            recalc, _ = lo_load(book, 0)
            print("%-9d %-30s %8.2f" % (n, "LibreOffice load, no recalc", min(load, again)))
            print("%-9d %-30s %8.2f" % (n, "LibreOffice load + recalc", recalc))
            print("%-9d %-30s %8.2f" % (n, "LibreOffice calculateAll()", calc))
            print("%-9d %-30s %8.2fx  target <= 3x (was 7x at 20,000 areas)"
                  % (n, "recalc load / plain load", recalc / min(load, again)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
