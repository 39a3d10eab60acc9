#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""abgcalc's benchmark: whole-process wall time and peak memory per case.

Generates its own deterministic data (gen_areas.py: a GBP 100m pot = 40m
even + 25m by population + 35m by crime, totals to GBP 1), runs each case
as a whole process under GNU time (/usr/bin/time -f '%e %M %U %S')
several times and prints the median wall time, the min-max, the median
CPU time (user + system) and the median peak RSS, then how time grows
from the smallest to the largest size.

Cases (--only REGEX picks some by name):
  engine-N       build/bench_engine: abg_alloc_compute alone, in memory
                 (built with -DABG_BUILD_BENCH=ON; skipped otherwise)
  run-ini-N      abgcalc run FILE.ini --csv out.csv, areas as [area] sections
  run-table-N    the same areas from a CSV table ([areas] file = x.csv),
                 when this build reads tables (skipped with a note if not)
  run-rate-N     the table, crime's share by crime per 1,000 head, a
                 derived indicator ([indicator crime_rate] formula = crime /
                 population * 1000): every weight a fraction of its own.
                 The exact peer cannot weight by a rate; at N <= 5,000 the
                 CSV is checked against an exact Python fractions
                 computation written here (rate_agree)
  numpy-N        the numpy/pandas peer on the same CSV
  exact-N        the exact Python (fractions) peer on the same CSV
  sweep-N        abgcalc sweep over 1,000 even amounts (10m to 59.95m in
                 steps of 50,000; population takes the rest)
  sweep2-N       abgcalc sweep over a 25 x 40 grid, the peer's shape:
                 even 10m to 58m in steps of 2m, population 1m to 40m in
                 steps of 1m, crime the rest; each area's lowest and
                 highest total are checked against the peer's own
                 arithmetic (alloc_numpy.py) over the same 1,000 scenarios
  sweep2-csv-N   the same sweep with --csv: every step's totals written
                 (a column per step, 276 MB at 35,000 areas)
  compare-N-S    abgcalc compare over S scenarios in the file (--scenarios,
                 10,100 by default), each changing the pot, the even
                 amount or population's share (crime the rest); no peer
                 computes a comparison
  sweep-numpy-N  the peer's sweep_numpy.py, 1,000 scenarios (a 25 x 40
                 grid of even and population shares; its grid's amounts
                 are not whole decimals of a step, so abgcalc's sweep2
                 runs the same shape with round steps)

The peers are the Python programs in ../shared/peers (found from the
repository, or given with --peers); without them their cases are skipped.
A case that runs past --timeout seconds is stopped and shown as such.
Every abgcalc run's CSV is checked against the exact peer's figures when
both ran (column figures to the penny, totals to the pound).
"""
import argparse
import decimal
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_areas  # noqa: E402

PYTHON = "/usr/bin/python3"
TIME = "/usr/bin/time"


def timed(cmd, timeout):
    """Runs cmd once under GNU time: (wall s, peak RSS MiB, status, stderr,
    CPU s), or None when it ran past timeout seconds (it is then killed)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.Popen([TIME, "-f", "%e %M %U %S", "-o", tf.name] + cmd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True)
        try:
            _, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None
        last = [ln for ln in tf.read().splitlines() if ln.strip()][-1].split()
        return (float(last[0]), int(last[1]) / 1024.0, p.returncode,
                err.decode(errors="replace"), float(last[2]) + float(last[3]))


def run_case(name, cmd, runs, timeout, results, note=""):
    """Runs one case `runs` times and prints its row."""
    walls, rss, cpus = [], [], []
    for _ in range(runs):
        r = timed(cmd, timeout)
        if r is None:
            print(f"{name:<22} stopped after {timeout:.0f} s {note}", flush=True)
            results[name] = None
            return None
        wall, mem, status, err, cpu = r
        if status != 0:
            first = err.strip().splitlines()[:1]
            print(f"{name:<22} failed (exit {status}): {first}", flush=True)
            results[name] = None
            return None
        walls.append(wall)
        rss.append(mem)
        cpus.append(cpu)
    med = statistics.median(walls)
    results[name] = med
    print(f"{name:<22} {med:>9.3f} {min(walls):>8.3f}-{max(walls):<8.3f} "
          f"{statistics.median(cpus):>7.3f} {statistics.median(rss):>9.1f}  "
          f"{note}", flush=True)
    return med


def find_peers(given):
    """The peers' folder: --peers, or ../shared/peers above the repository."""
    if given:
        return given if os.path.isdir(given) else None
    for up in (os.path.join(REPO, ".."), os.path.join(REPO, "..", "..")):
        d = os.path.normpath(os.path.join(up, "shared", "peers"))
        if os.path.isfile(os.path.join(d, "alloc_numpy.py")):
            return d
    return None


def reads_tables(abgcalc, data):
    """Whether this build reads [areas] file = x.csv (tried on 3 areas)."""
    ini = os.path.join(data, "probe-table.ini")
    gen_areas.write_table(ini, 3)
    p = subprocess.run([abgcalc, "run", ini], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return p.returncode == 0, p.stderr.decode(errors="replace").strip()


def agree(ours, exact):
    """Compares abgcalc's CSV with the exact peer's: component columns to
    the penny, totals to the pound. Returns a short verdict."""
    D = decimal.Decimal
    with open(ours) as a, open(exact) as b:
        next(a), next(b)
        n = 0
        for la, lb in zip(a, b):
            fa, fb = la.rstrip("\n").split(","), lb.rstrip("\n").split(",")
            if (fa[0] != fb[0] or [D(x) for x in fa[1:4]] != [D(x) for x in fb[1:4]]
                    or D(fa[4]) != D(fb[5])):
                return f"DIFFERS at {fa[0]}"
            n += 1
    return f"agrees with the exact peer ({n:,} areas)"


RATE = ("[component crime]\nmethod = proportional\nindicator = crime\n",
        "[component crime]\nmethod = proportional\nindicator = crime_rate\n")


def write_rate(path, n, tables):
    """The allocation with crime's share by crime per 1,000 head."""
    (gen_areas.write_table if tables else gen_areas.write_ini)(path, n)
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace(RATE[0], RATE[1], 1) +
                "\n[indicator crime_rate]\nformula = crime / population * 1000\n")


def rate_agree(ours, n):
    """abgcalc's CSV for run-rate-N against the rule worked here in exact
    fractions: penny cells rounded half up, totals floored to the pound
    and the pounds left given to the largest remainders, ties by file
    order. Quadratic in Python's big integers: small N only."""
    from fractions import Fraction
    rows = list(gen_areas.areas(n))
    rates = [Fraction(c * 1000, p) for _, p, c in rows]
    while len(rates) > 1:  # by halves, as abgcalc sums them
        rates = [sum(rates[i:i + 2]) for i in range(0, len(rates), 2)]
    W, P = rates[0], sum(p for _, p, _ in rows)
    E, Pa, C = (100 * x for x in (gen_areas.EVEN, gen_areas.POPULATION,
                                   gen_areas.CRIME))
    half = Fraction(1, 2)
    cells, totals = [], []
    for _, p, c in rows:
        q = (Fraction(E, n), Fraction(Pa * p, P), C * Fraction(c * 1000, p) / W)
        cells.append([int(x + half) for x in q])
        totals.append(sum(q) / 100)
    floors = [int(t) for t in totals]
    left = 100_000_000 - sum(floors)
    order = sorted(range(n), key=lambda i: (-(totals[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    D = decimal.Decimal
    with open(ours) as f:
        next(f)
        for k, line in enumerate(f):
            v = line.rstrip("\n").split(",")
            if ([D(x) * 100 for x in v[1:4]] != [D(x) for x in cells[k]]
                    or D(v[4]) != floors[k]):
                return f"DIFFERS from exact fractions at {v[0]}"
    return f"agrees with exact Python fractions ({n:,} areas)"


GRID_EVEN = "component.even.amount=10000000:58000000:2000000"
GRID_POPULATION = "component.population.amount=1000000:40000000:1000000"


def grid_agree(ours_csv, areas_csv, peers):
    """Each area's lowest and highest total in abgcalc's sweep2 CSV against
    the numpy peer's arithmetic over the same grid. Returns a verdict."""
    sys.path.insert(0, peers)
    import numpy as np
    import alloc_numpy as A
    df = A.read_areas(areas_csv)
    pop, crime = df["population"].to_numpy(), df["crime"].to_numpy()
    pot = gen_areas.POT
    sc = [(e, p, pot - e - p) for e in range(10_000_000, 58_000_001, 2_000_000)
          for p in range(1_000_000, 40_000_001, 1_000_000)]
    amounts = np.array(sc, dtype=np.int64) * 100
    lo = np.full(len(pop), np.iinfo(np.int64).max)
    hi = np.full(len(pop), np.iinfo(np.int64).min)
    step = max(1, 2_000_000 // len(pop))
    for i in range(0, len(sc), step):
        E, P, C = (amounts[i:i + step, j:j + 1] for j in range(3))
        tot = A.round_totals(A.exact_totals(pop, crime, E, P, C), pot)
        lo, hi = np.minimum(lo, tot.min(0)), np.maximum(hi, tot.max(0))
    D = decimal.Decimal
    with open(ours_csv) as f:
        rows = f.read().splitlines()
    head = rows[0].split(",")
    il, ih = head.index("lowest"), head.index("highest")
    n = 0
    for row, name, l, h in zip(rows[1:], df["area"].tolist(), lo.tolist(),
                               hi.tolist()):
        c = row.split(",")
        if c[0] != name or D(c[il]) != l or D(c[ih]) != h:
            return f"min/max DIFFER from the peer's at {name}"
        n += 1
    if n != len(pop):
        return f"min/max: {n} rows, the peer has {len(pop)}"
    return f"min/max agree with the peer's arithmetic ({n:,} areas, {len(sc):,} scenarios)"


def write_compare(path, n, scenarios):
    """The sweep2 allocation (crime the rest) with `scenarios` [scenario]
    sections, each changing numbers only: the pot, the even amount or
    population's share, in turn."""
    gen_areas.write_ini(path, n)
    with open(path) as f:
        text = f.read().replace(f"amount = {gen_areas.CRIME}\n",
                                "amount = rest\n", 1)
    parts = [text]
    for k in range(scenarios):
        change = (f"pot = {gen_areas.POT - 5_000_000 + k * 100_000}",
                  f"component.even.amount = {30_000_000 + k * 250_000}",
                  f"component.population.share = {20 + k % 10}.5%")[k % 3]
        parts.append(f"\n[scenario s{k}]\ntitle = Scenario {k}\n{change}\n")
    with open(path, "w") as f:
        f.write("".join(parts))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--abgcalc", default=os.path.join(REPO, "build", "abgcalc"))
    ap.add_argument("--engine", default=os.path.join(REPO, "build", "bench_engine"))
    ap.add_argument("--peers", help="folder of the Python peers")
    ap.add_argument("--data", default=os.path.join(HERE, "data"),
                    help="where data and outputs go (default bench/data)")
    ap.add_argument("--sizes", default="35000,1000000",
                    help="numbers of areas for the run cases")
    ap.add_argument("--sweep-sizes", default="2500,35000")
    ap.add_argument("--compare-sizes", default="35000")
    ap.add_argument("--scenarios", default="10,100",
                    help="numbers of scenarios for the compare cases")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120,
                    help="seconds before a run is stopped")
    ap.add_argument("--only", help="regular expression on case names")
    a = ap.parse_args()

    os.makedirs(a.data, exist_ok=True)
    sizes = [int(x) for x in a.sizes.split(",") if x]
    sweep_sizes = [int(x) for x in a.sweep_sizes.split(",") if x]
    only = re.compile(a.only) if a.only else None
    want = lambda name: not only or only.search(name)
    peers = find_peers(a.peers)
    results = {}
    if not os.access(a.abgcalc, os.X_OK):
        sys.exit(f"bench.py: {a.abgcalc} not found: build first "
                 "(cmake -B build && cmake --build build)")
    tables, why = reads_tables(a.abgcalc, a.data)

    print(f"abgcalc: {a.abgcalc}")
    print(f"peers:   {peers or 'not found (their cases are skipped)'}")
    print(f"tables:  {'yes' if tables else 'no: run-table cases skipped (' + why + ')'}")
    print(f"{a.runs} runs per case, median shown; timeout {a.timeout:.0f} s\n")
    print(f"{'case':<22} {'median s':>9} {'min-max s':^17} {'CPU s':>7} "
          f"{'RSS MiB':>9}  note")

    for n in sizes:
        csv = os.path.join(a.data, f"areas-{n}.csv")
        ini = os.path.join(a.data, f"areas-{n}.ini")
        table = os.path.join(a.data, f"table-{n}.ini")
        if not os.path.exists(csv):
            gen_areas.write_csv(csv, n)
        if not os.path.exists(ini):
            gen_areas.write_ini(ini, n)
        if tables and not os.path.exists(table):
            gen_areas.write_table(table, n)
        out = lambda k: os.path.join(a.data, f"out-{k}-{n}.csv")
        money = ["--even", str(gen_areas.EVEN), "--population",
                 str(gen_areas.POPULATION), "--crime", str(gen_areas.CRIME)]
        if want(f"engine-{n}") and os.access(a.engine, os.X_OK):
            p = subprocess.run([a.engine, str(n), str(max(a.runs, 3))],
                               capture_output=True, text=True)
            m = re.search(r"median_s=([\d.]+) min_s=([\d.]+) max_s=([\d.]+)",
                          p.stdout)
            if m:
                results[f"engine-{n}"] = float(m.group(1))
                print(f"{'engine-' + str(n):<22} {float(m.group(1)):>9.3f} "
                      f"{float(m.group(2)):>8.3f}-{float(m.group(3)):<8.3f} "
                      f"{'':>7} {'':>9}  abg_alloc_compute alone, in memory")
        if want(f"exact-{n}") and peers:
            run_case(f"exact-{n}", [PYTHON, os.path.join(peers, "alloc_exact.py"),
                                    csv, out("exact")] + money,
                     a.runs, a.timeout, results, "Python fractions peer")
        if want(f"numpy-{n}") and peers:
            run_case(f"numpy-{n}", [PYTHON, os.path.join(peers, "alloc_numpy.py"),
                                    csv, out("numpy")] + money,
                     a.runs, a.timeout, results, "numpy/pandas peer")
        rate = os.path.join(a.data, f"rate-{n}.ini")
        if want(f"run-rate-{n}"):
            if not os.path.exists(rate):
                write_rate(rate, n, tables)
            if run_case(f"run-rate-{n}",
                        [a.abgcalc, "run", rate, "--csv", out("rate")],
                        a.runs, a.timeout, results,
                        "abgcalc run --csv, crime per 1,000 head") is not None \
                    and n <= 5000:
                print(f"{'':<22} {rate_agree(out('rate'), n)}")
        for kind, path in (("ini", ini), ("table", table)):
            name = f"run-{kind}-{n}"
            if not want(name):
                continue
            if kind == "table" and not tables:
                print(f"{name:<22} skipped: this build does not read tables")
                continue
            if run_case(name, [a.abgcalc, "run", path, "--csv", out(kind)],
                        a.runs, a.timeout, results,
                        f"abgcalc run --csv, {kind} input") is not None \
                    and os.path.exists(out("exact")):
                print(f"{'':<22} {agree(out(kind), out('exact'))}")

    for n in sweep_sizes:
        csv = os.path.join(a.data, f"areas-{n}.csv")
        ini = os.path.join(a.data, f"sweep-{n}.ini")
        if not os.path.exists(csv):
            gen_areas.write_csv(csv, n)
        if not os.path.exists(ini):
            gen_areas.write_ini(ini, n, population_amount="rest")
        if want(f"sweep-{n}"):
            run_case(f"sweep-{n}",
                     [a.abgcalc, "sweep", ini, "--vary",
                      "component.even.amount=10000000:59950000:50000"],
                     a.runs, a.timeout, results, "abgcalc sweep, 1,000 steps")
        grid = os.path.join(a.data, f"sweep2-{n}.ini")
        if not os.path.exists(grid):
            gen_areas.write_ini(grid, n)
            with open(grid) as f:
                text = f.read()
            with open(grid, "w") as f:  # crime takes the rest
                f.write(text.replace(f"amount = {gen_areas.CRIME}\n",
                                     "amount = rest\n", 1))
        cmd = [a.abgcalc, "sweep", grid, "--vary", GRID_EVEN, "--vary",
               GRID_POPULATION]
        if want(f"sweep2-{n}") and run_case(
                f"sweep2-{n}", cmd, a.runs, a.timeout, results,
                "abgcalc sweep, 25 x 40 = 1,000 steps") is not None and peers:
            out = os.path.join(a.data, f"out-sweep2-{n}.csv")
            p = subprocess.run(cmd + ["--csv", out, "--force"],
                               stdout=subprocess.DEVNULL)
            print(f"{'':<22} " + (grid_agree(out, csv, peers) if p.returncode == 0
                                  else f"CSV run failed (exit {p.returncode})"))
        if want(f"sweep2-csv-{n}"):
            run_case(f"sweep2-csv-{n}",
                     cmd + ["--csv", os.path.join(a.data, f"out-sweep2-{n}.csv"),
                            "--force", "-q"],
                     a.runs, a.timeout, results,
                     "the same with --csv: the full grid written")
        if want(f"sweep-numpy-{n}") and peers:
            run_case(f"sweep-numpy-{n}",
                     [PYTHON, os.path.join(peers, "sweep_numpy.py"), csv,
                      os.path.join(a.data, f"out-sweep-numpy-{n}.csv"),
                      "--scenarios", "1000"],
                     a.runs, a.timeout, results, "numpy peer, 1,000 scenarios")

    for n in [int(x) for x in a.compare_sizes.split(",") if x]:
        for k in [int(x) for x in a.scenarios.split(",") if x]:
            name = f"compare-{n}-{k}"
            if not want(name):
                continue
            ini = os.path.join(a.data, f"{name}.ini")
            if not os.path.exists(ini):
                write_compare(ini, n, k)
            run_case(name, [a.abgcalc, "compare", ini], a.runs, a.timeout,
                     results, f"abgcalc compare, {k} scenarios (no peer)")

    if len(sizes) >= 2:
        lo, hi = min(sizes), max(sizes)
        print(f"\nGrowth from {lo:,} to {hi:,} areas ({hi / lo:.1f}x the areas):")
        for kind in ("engine", "run-ini", "run-table", "run-rate", "numpy",
                     "exact"):
            t0, t1 = results.get(f"{kind}-{lo}"), results.get(f"{kind}-{hi}")
            if t0 and t1:
                print(f"  {kind:<10} {t1 / t0:8.1f}x the time")
            elif f"{kind}-{lo}" in results or f"{kind}-{hi}" in results:
                print(f"  {kind:<10} not measured at both sizes")


if __name__ == "__main__":
    main()
