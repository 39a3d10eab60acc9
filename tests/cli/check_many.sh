#!/bin/sh
# check_many.sh - `abgcalc check` over several files in one run.
# SPDX-License-Identifier: MIT
#
# Usage: check_many.sh ABGCALC FILE.ini...
# Every file must get exactly one summary line ("FILE: ..."), and the exit
# status must be 1 when a summary says a figure differs or a sum does not
# add up, 0 otherwise. Standard error must be empty.
set -u
abgcalc=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$abgcalc" check "$@" > "$work/stdout" 2> "$work/stderr"
status=$?
fail=0
for f in "$@"; do
    n=$(awk -v p="$f: " 'index($0, p) == 1' "$work/stdout" | wc -l)
    [ "$n" = 1 ] || { echo "$f: $n summary lines, expected 1"; fail=1; }
done
if grep -q -e ' differ' -e 'do not add up' "$work/stdout"; then want=1; else want=0; fi
[ "$status" = "$want" ] || { echo "exit status $status, expected $want"; fail=1; }
if [ -s "$work/stderr" ]; then echo "stderr:"; cat "$work/stderr"; fail=1; fi
[ "$fail" = 0 ] || cat "$work/stdout"
exit $fail
