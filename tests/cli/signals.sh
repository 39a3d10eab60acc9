#!/bin/sh
# signals.sh - a run killed by SIGTERM, SIGINT, SIGHUP or SIGABRT while its
# outputs are open leaves no temporary file, and the old outputs as they
# were. Deterministic: the workbook goes to a FIFO no one reads, so the run
# waits in the open with the CSV and JSON temporary files made.
# SPDX-License-Identifier: MIT
#
# Usage: signals.sh ABGCALC ALLOCATION.ini
set -u
abgcalc=$1
ini=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/pipe"
fail=0

# ABRT: what a crash in a library (abort()) sends.
ulimit -c 0
for sig in TERM:15 INT:2 HUP:1 ABRT:6; do
    num=${sig#*:}
    sig=${sig%:*}
    printf 'old csv\n' > "$work/out.csv"
    printf 'old json\n' > "$work/out.json"
    # A background job starts with SIGINT ignored (and the command keeps
    # an ignored signal ignored): give it the default back.
    env --default-signal=INT "$abgcalc" run "$ini" --csv "$work/out.csv" --json "$work/out.json" \
        -o "$work/pipe" > /dev/null 2> "$work/err" &
    pid=$!
    # Wait (at most 10 s) for both temporary files.
    tries=0
    while [ "$(ls -A "$work" | grep -c '^\.abg-')" -lt 2 ] && [ $tries -lt 100 ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    [ $tries -lt 100 ] || { echo "FAIL ($sig): no temporary files appeared"; fail=1; }
    kill -$sig $pid
    wait $pid
    status=$?
    want=$((128 + num))
    [ $status = $want ] || { echo "FAIL ($sig): exit $status, expected $want"; fail=1; }
    if ls -A "$work" | grep -q '^\.abg-'; then
        echo "FAIL ($sig): temporary file left: $(ls -A "$work")"; fail=1
    fi
    [ "$(cat "$work/out.csv")" = "old csv" ] && [ "$(cat "$work/out.json")" = "old json" ] ||
        { echo "FAIL ($sig): an old output changed"; fail=1; }
done
[ "$fail" = 0 ] && echo "signals: TERM, INT, HUP and ABRT leave no temporary file"
exit $fail
