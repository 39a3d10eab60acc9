#!/usr/bin/python3
# check_derived_workbook.py - the workbook of an allocation read from tables
# with derived indicators, in real LibreOffice. Every derived indicator's
# column on the Inputs sheet must hold live formulas (one per area); after
# recalculation every Allocation figure must equal abgcalc's, every cached
# formula value must equal LibreOffice's recalculation, and there must be
# no formula errors. Then one area's population is changed in the workbook
# (a change, found with abgcalc, that moves which areas get a rounding
# unit): the recalculated figures must equal
# `abgcalc run FILE --set area.NAME.population=N`.
# SPDX-License-Identifier: MIT
#
# Usage: check_derived_workbook.py ABGCALC FILE.ini
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_workbook as cw  # noqa: E402


class SetAbgcalc(cw.Abgcalc):
    """abgcalc run with --set changes after every command."""

    def __init__(self, exe, sets=()):
        super().__init__(exe)
        self.sets = list(sets)

    def run(self, *args):
        extra = []
        for s in self.sets:
            extra += ["--set", s]
        return super().run(*(list(args) + extra))


def main():
    exe, ini = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    abg = cw.Abgcalc(exe)
    rep = cw.Report()
    tmp = tempfile.mkdtemp(prefix="check_derived_")
    start = time.monotonic()
    name = os.path.basename(ini)
    try:
        base = abg.result(ini)
        comps, table = abg.table(ini)
        print("check_derived_workbook: %s (%d areas, %d components)"
              % (name, len(base["areas"]), len(comps)))
        book = os.path.join(tmp, "base.xlsx")
        abg.run("run", ini, "-o", book)
        names, cached = cw.workbook_parts(book)
        data, secs = cw.recalc(book, os.path.join(tmp, "base.json"))
        sheets = data["sheets"]
        rep.expect(not data["errors"], "formula errors: %s" % data["errors"][:3])
        n = cw.check_allocation(rep, "base", sheets, comps, table)
        print("  recalculated in LibreOffice (%.1f s): %d figures on Allocation "
              "equal abgcalc's to the penny" % (secs, n))
        print("  cached values: %d formula cells hold what LibreOffice computes"
              % cw.check_cache(rep, cached, sheets))

        # The derived columns are formulas, one per area.
        g = sheets["Inputs"]
        head = cw.find_row(g, "Area", lambda r: "population" in r)
        formulas = 0
        for ind in ("crime_4yr", "crime_rate"):
            rep.expect(ind in g[head], "Inputs: no column %s" % ind)
            if ind not in g[head]:
                continue
            col = cw.col_name(g[head].index(ind))
            for k in range(len(table)):
                formulas += rep.expect("%s%d" % (col, head + 2 + k) in cached["Inputs"],
                                       "Inputs!%s%d (%s) is not a formula"
                                       % (col, head + 2 + k, ind))
        print("  derived columns: %d cells are live formulas" % formulas)

        # A population change that moves a rounding unit.
        base_lifted = cw.lifted(base)
        found = None
        for area, _, _ in table[:40]:
            addr, value = cw.inputs_cell(sheets, "Area", "population", area)
            for step in (137, 1000, 2513, 5000, 12000):
                new = int(value) + step
                sets = ["area.%s.population=%d" % (area, new)]
                if cw.lifted(SetAbgcalc(exe, sets).result(ini)) != base_lifted:
                    found = (area, addr, int(value), new, sets)
                    break
            if found:
                break
        if rep.expect(found is not None, "found no population change that moves a unit"):
            area, addr, old, new, sets = found
            data, secs = cw.recalc(book, os.path.join(tmp, "pop.json"),
                                   ["Inputs!%s=%d" % (addr, new)])
            rep.expect(not data["errors"], "changed: formula errors: %s" % data["errors"][:3])
            c2, t2 = SetAbgcalc(exe, sets).table(ini)
            n = cw.check_allocation(rep, "population", data["sheets"], c2, t2)
            moved = sum(1 for (a, t, _), (b, u, _) in zip(table, t2) if t != u)
            print("  live (%.1f s): population of %s %d -> %d (Inputs!%s): %d figures "
                  "equal abgcalc --set %s; %d area totals moved"
                  % (secs, area, old, new, addr, n, sets[0], moved))
    except cw.Failure as e:
        rep.failures.append(str(e))
    for f in rep.failures[:15]:
        print("FAIL: " + f)
    if len(rep.failures) > 15:
        print("FAIL: ... and %d more" % (len(rep.failures) - 15))
    print("%s: %s in %.1f s" % (name, "FAILED" if rep.failures else "OK",
                                time.monotonic() - start))
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main())
