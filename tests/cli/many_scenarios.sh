#!/bin/sh
# many_scenarios.sh - compare takes as many scenarios as memory holds: 70
# and 200 scenarios (the file's own, and named on the command line), each
# in the table, the CSV and the JSON, with the right figures.
# SPDX-License-Identifier: MIT
#
# Usage: many_scenarios.sh ABGCALC EXAMPLES_DIR [outputs|table]
# outputs (the default): CSV, JSON and workbook, the table left out
# (--csv -); table: the table on standard output as well.
set -u
abgcalc=$1
base=$2/scenarios-2011-12.ini
mode=${3:-outputs}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

for n in 70 200; do
    ini=$work/many-$n.ini
    # The example's base without its scenarios, then n scenarios: the
    # scenario sK sets the pot to 426000 + K.
    sed '/^\[scenario /,$d' "$base" > "$ini"
    i=1
    while [ $i -le $n ]; do
        printf '[scenario s%d]\npot = %d\n\n' $i $((426000 + i)) >> "$ini"
        i=$((i + 1))
    done
    if [ "$mode" = table ]; then
        "$abgcalc" compare "$ini" > "$work/out" 2> "$work/err"
        status=$?
        if [ $status != 0 ]; then
            echo "FAIL: table, $n scenarios: exit $status: $(cat "$work/err")"
            fail=1
        fi
        grep -q "s$n" "$work/out" || { echo "FAIL: s$n not in the table"; fail=1; }
        continue
    fi
    "$abgcalc" compare "$ini" --csv - --json "$work/c.json" \
        -o "$work/c.xlsx" > "$work/c.csv" 2> "$work/err"
    status=$?
    if [ $status != 0 ]; then
        echo "FAIL: $n scenarios: exit $status: $(cat "$work/err")"; fail=1
        continue
    fi
    # CSV header: area, base, then per scenario its figure and change
    # columns: the last scenario's name must be there, once per column.
    /usr/bin/python3 - "$work/c.csv" "$work/c.json" "$n" <<'PY' || fail=1
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
n = int(sys.argv[3])
widths = {len(r) for r in rows}
assert len(widths) == 1, f"ragged CSV: {widths}"
header = rows[0]
for k in (1, n // 2, n):
    assert any(h.startswith(f"s{k}") for h in header), f"s{k} missing: {header[:6]}"
doc = json.load(open(sys.argv[2]))
text = json.dumps(doc)
for k in (1, n):
    assert f'"s{k}"' in text, f"s{k} missing from the JSON"
# Each area's total in the last scenario: the pot grows by n pounds over
# the base, so the areas' totals sum to 426000 + n.
assert header[1 + 2 * n] == f"s{n}", header[1 + 2 * n]
total = sum(float(r[1 + 2 * n]) for r in rows[1:] if r[0] != 'Total')
assert round(total) == 426000 + n, f"s{n} totals add up to {total}"
PY
    /usr/bin/python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert len([f for f in z.namelist() if f.startswith('xl/worksheets/sheet')]) == $n + 2" "$work/c.xlsx" ||
        { echo "FAIL: $n scenarios: workbook sheets"; fail=1; }
done
# As many names on the command line as scenarios: 200 arguments.
set --
i=1
while [ $i -le 200 ]; do set -- "$@" "s$i"; i=$((i + 1)); done
[ "$mode" = table ] || set -- "$@" --csv -
"$abgcalc" compare "$work/many-200.ini" "$@" > "$work/out3" 2>&1 ||
    { echo "FAIL: 200 named: $(head -2 "$work/out3")"; fail=1; }
grep -q "s200" "$work/out3" || { echo "FAIL: s200 named not shown"; fail=1; }
[ "$fail" = 0 ] && echo "many scenarios ($mode): 70 and 200, file's and named"
exit $fail
