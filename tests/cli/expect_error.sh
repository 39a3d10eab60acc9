#!/bin/sh
# expect_error.sh - runs abgcalc on one bad input and checks the outcome.
# SPDX-License-Identifier: MIT
#
# Usage: expect_error.sh ABGCALC CASE.expect
# CASE.expect holds: line 1 the exit status, line 2 the exact standard
# error, line 3 (optional) the command and its arguments separated by
# tabs (default: run CASE.ini). The case runs in its own folder so
# messages carry the bare file name. For run, the check also proves
# nothing is lost: an existing CSV output must be byte-for-byte unchanged
# and no temporary file left beside it.
set -u
abgcalc=$1
expect=$2
dir=$(dirname "$expect")
name=$(basename "$expect" .expect)
status_want=$(sed -n 1p "$expect")
stderr_want=$(sed -n 2p "$expect")
args=$(sed -n 3p "$expect")
[ -n "$args" ] || args=$(printf 'run\t%s.ini' "$name")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'last year\n' > "$work/out.csv"
cd "$dir" || exit 1
# Tab-separated, so that an area name may hold spaces.
old_ifs=$IFS
IFS=$(printf '\t')
# shellcheck disable=SC2086 # split at tabs by design
set -- $args
IFS=$old_ifs
[ "$1" = run ] && set -- "$@" --csv "$work/out.csv"
"$abgcalc" "$@" > "$work/stdout" 2> "$work/stderr"
status=$?
fail=0
if [ "$status" != "$status_want" ]; then
    echo "exit status $status, expected $status_want"; fail=1
fi
if [ "$(cat "$work/stderr")" != "$stderr_want" ]; then
    echo "stderr differs:"; echo "  got:      $(cat "$work/stderr")"
    echo "  expected: $stderr_want"; fail=1
fi
if [ -s "$work/stdout" ]; then
    echo "stdout not empty:"; head -3 "$work/stdout"; fail=1
fi
if [ "$(cat "$work/out.csv")" != "last year" ]; then
    echo "existing output was changed"; fail=1
fi
if [ "$(ls -A "$work" | grep -c -e tmp -e "^\.abg-")" != 0 ]; then
    echo "temporary file left behind: $(ls -A "$work")"; fail=1
fi
exit $fail
