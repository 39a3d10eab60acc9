#!/usr/bin/python3
# sweep_paths.py - every step of a sweep against the same allocation run
# on its own: `abgcalc sweep --json -` (model numbers changed in place,
# totals alone) against `abgcalc run --set ... --csv -` (the file built
# again, the full computation), for sweeps of pot, amounts, shares that
# re-resolve, rest, per_area, two keys, damping (floor, ceiling, pace,
# each step built again), round_to, ties and an
# area's indicator; and the message of a step that fails.
# SPDX-License-Identifier: MIT
#
# Usage: sweep_paths.py ABGCALC SOURCE_DIR
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

abgcalc, src = sys.argv[1], sys.argv[2]
failures = 0


def expand(spec):
    """KEY=START:END:STEP -> (KEY, values as the sweep labels them)."""
    key, rng = spec.split("=", 1)
    return key, rng


def run(args):
    return subprocess.run([abgcalc] + args, capture_output=True, text=True)


def check(name, ini, varies, sets=()):
    """The sweep's totals at each step equal `run` with the same keys."""
    global failures
    extra = [x for s in sets for x in ("--set", s)]
    args = ["sweep", ini] + [x for v in varies for x in ("--vary", v)]
    p = run(args + extra + ["--json", "-"])
    if p.returncode != 0:
        print(f"FAIL {name}: sweep exit {p.returncode}: {p.stderr.strip()}")
        failures += 1
        return
    data = json.loads(p.stdout, parse_float=str, parse_int=str)
    keys = [v.split("=", 1)[0] for v in varies]
    for step in data["steps"]:
        values = step["label"].split(" / ")
        changes = [x for k, v in zip(keys, values)
                   for x in ("--set", f"{k}={v}")]
        r = run(["run", ini] + extra + changes + ["--csv", "-"])
        if r.returncode != 0:
            print(f"FAIL {name} at {step['label']}: run exit "
                  f"{r.returncode}: {r.stderr.strip()}")
            failures += 1
            continue
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        want = [row["total"] for row in rows]
        if want != step["totals"] or len(rows) != len(data["areas"]):
            print(f"FAIL {name} at {step['label']}: sweep {step['totals']} "
                  f"run {want}")
            failures += 1
    print(f"ok {name}: {len(data['steps'])} steps")


def fails_like_run(name, ini, vary, first_bad, sets=()):
    """A sweep with a failing step stops with run's message for it."""
    global failures
    extra = [x for s in sets for x in ("--set", s)]
    p = run(["sweep", ini, "--vary", vary] + extra)
    key = vary.split("=", 1)[0]
    r = run(["run", ini] + extra + ["--set", f"{key}={first_bad}"])
    # run: "abgcalc: FILE:LINE: error: MESSAGE"; sweep puts "at K=V: " in.
    head, _, msg = r.stderr.strip().partition("error: ")
    want = f"{head}error: at {key}={first_bad}: {msg}"
    if p.returncode != r.returncode or p.stderr.strip() != want:
        print(f"FAIL {name}: sweep exit {p.returncode} {p.stderr.strip()!r}"
              f", want exit {r.returncode} {want!r}")
        failures += 1
    else:
        print(f"ok {name}: fails at {first_bad} as run does")


def main():
    ex = os.path.join(src, "examples")
    fx = os.path.join(src, "tests", "cli", "fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        # 300 areas with varied weights (decimal ones too) and a rest.
        big = os.path.join(tmp, "big.ini")
        with open(big, "w") as f:
            f.write("[allocation]\ntitle = Paths\npot = 1000000\n"
                    "round_to = 1\n\n[component even]\nmethod = even\n"
                    "amount = 300000\n\n[component population]\n"
                    "method = proportional\nindicator = population\n"
                    "amount = rest\n\n[component crime]\n"
                    "method = proportional\nindicator = crime\n"
                    "share = 35%\n\n")
            for i in range(300):
                pop = 1000 + (i * 7919) % 299000
                crime = f"{10 + (i * 104729) % 30000}.{i % 10}"
                f.write(f"[area A{i:04d}]\npopulation = {pop}\n"
                        f"crime = {crime}\n\n")
        check("shares re-resolve, rest", big,
              ["component.crime.share=10%:60%:2.5%"])
        check("two keys, amount and pot", big,
              ["component.even.amount=100000:400000:50000",
               "pot=900000:1100000:25000"])
        check("amount replaces a share", big,
              ["component.crime.amount=100000:300000:40000"])
        check("round_to rebuilt", big, ["pot=1000000:1000900:100"],
              sets=["round_to=100"])
        check("an area's indicator rebuilt", big,
              ["area.A0007.population=1000:200000:40000"])
        check("example share", os.path.join(ex, "sweep-crime-weighting.ini"),
              ["component.crime.share=20%:50%:5%"])
        check("pot with rest", os.path.join(ex, "scenarios-2011-12.ini"),
              ["pot=380000:460000:10000"])
        check("per_area", os.path.join(ex, "scenarios-2011-12.ini"),
              ["component.even.per_area=20000:26000:1000"])
        check("ties in file order", os.path.join(ex, "tie.ini"),
              ["component.base.amount=3000:5000:100"],
              sets=["component.need.amount=rest"])
        check("ceiling added by the sweep", os.path.join(ex, "floor-2011-12.ini"),
              ["damping.ceiling=+2%:+12%:2%"])
        floor = os.path.join(ex, "floor-2011-12.ini")
        # Damping keys: each step built from the file again (its damped
        # computation is most of a step's time), figures and messages
        # as run gives them.
        check("damping floor", floor, ["damping.floor=-8%:+4%:1%"],
              sets=["pot=450000"])
        check("floor and ceiling", floor,
              ["damping.floor=-6%:-2%:1%", "damping.ceiling=+2%:+6%:1%"],
              sets=["pot=425000", "damping.ceiling=+4%"])
        check("pace", floor, ["damping.pace=10%:100%:10%"],
              sets=["damping.pace=50%"])
        check("floor and pot", floor,
              ["damping.floor=-5%:-1%:1%", "pot=440000:460000:5000"])
        fails_like_run("floor not met", floor, "damping.floor=-2%:+6%:1%",
                       "+6%", sets=["pot=450000"])
        fails_like_run("floor meets the ceiling", floor,
                       "damping.floor=-4%:+4%:1%", "-1%",
                       sets=["pot=420000", "damping.ceiling=-1%"])
        check("damped pot", os.path.join(fx, "damping-penny.ini"),
              ["pot=29000:31000:500"], sets=["component.need.amount=rest"])
        check("many components", os.path.join(ex, "many-areas.ini"),
              ["pot=2400000:2600000:50000"])
        fails_like_run("share past the pot", big,
                       "component.even.amount=600000:700000:50000",
                       "700000")
        fails_like_run("tie refused", os.path.join(ex, "tie.ini"),
                       "component.base.amount=3000:5000:1000", "4000",
                       sets=["component.need.amount=rest", "ties=refuse"])
    if failures:
        sys.exit(f"{failures} failures")


main()
