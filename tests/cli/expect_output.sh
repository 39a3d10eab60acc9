#!/bin/sh
# expect_output.sh - runs abgcalc and diffs its output with a golden file.
# SPDX-License-Identifier: MIT
#
# Usage: expect_output.sh ABGCALC CASE.args
# CASE.args holds the arguments, one per line, with paths relative to the
# repository root (the case runs there). CASE.stdout is the exact expected
# standard output, CASE.status (optional, default 0) the exit status.
# Standard error must be empty.
set -u
abgcalc=$1
case_args=$2
base=${case_args%.args}
root=$(cd "$(dirname "$0")/../.." && pwd)
want_status=0
[ -f "$base.status" ] && want_status=$(cat "$base.status")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root" || exit 1
set --
while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$case_args"
"$abgcalc" "$@" > "$work/stdout" 2> "$work/stderr"
status=$?
fail=0
[ "$status" = "$want_status" ] || { echo "exit status $status, expected $want_status"; fail=1; }
if [ -s "$work/stderr" ]; then echo "stderr:"; cat "$work/stderr"; fail=1; fi
diff -u "$base.stdout" "$work/stdout" || fail=1
exit $fail
