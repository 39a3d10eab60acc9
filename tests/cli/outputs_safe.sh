#!/bin/sh
# outputs_safe.sh - a run that cannot write one output replaces none: the
# existing outputs stay byte for byte as they were, and no temporary file
# is left beside them.
# SPDX-License-Identifier: MIT
#
# Usage: outputs_safe.sh ABGCALC ALLOCATION.ini
set -u
abgcalc=$1
ini=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# expect STATUS MESSAGE ARGS...: runs abgcalc with an existing out.csv and
# out.json beside each other and checks both survive unchanged.
expect() {
    want_status=$1 want_err=$2
    shift 2
    printf 'old csv\n' > "$work/out.csv"
    printf 'old json\n' > "$work/out.json"
    "$abgcalc" run "$ini" --csv "$work/out.csv" "$@" > /dev/null 2> "$work/err"
    status=$?
    if [ "$status" != "$want_status" ]; then
        echo "FAIL ($*): exit $status, expected $want_status"; fail=1
    fi
    if [ "$(cat "$work/err")" != "$want_err" ]; then
        echo "FAIL ($*): stderr: $(cat "$work/err")"
        echo "          expected: $want_err"; fail=1
    fi
    if [ "$(cat "$work/out.csv")" != "old csv" ] ||
       [ "$(cat "$work/out.json")" != "old json" ]; then
        echo "FAIL ($*): an existing output was changed"; fail=1
    fi
    if ls -A "$work" | grep -q -e tmp -e "^\.abg-"; then
        echo "FAIL ($*): temporary file left: $(ls -A "$work")"; fail=1
    fi
}

mkdir "$work/folder"
expect 73 "abgcalc: $work/folder: error: cannot write: it is a directory; hint: give a file name inside the folder" \
    --json "$work/folder"
expect 73 "abgcalc: $work/missing/out.json: error: cannot write: No such file or directory; hint: check that the folder exists and is writable" \
    --json "$work/missing/out.json"
# /proc cannot hold new files, even for root (who ignores chmod).
expect 73 "abgcalc: /proc/abgcalc-out.json: error: cannot write: No such file or directory; hint: check that the folder exists and is writable" \
    --json /proc/abgcalc-out.json
if [ -w /dev/full ]; then
    expect 73 "abgcalc: /dev/full: error: cannot write: No space left on device; hint: check the disk space; old files are unchanged" \
        --json /dev/full
fi

# And a run that succeeds replaces both whole.
"$abgcalc" run "$ini" --csv "$work/out.csv" --json "$work/out.json" > /dev/null || fail=1
head -1 "$work/out.csv" | grep -q '^area,' || { echo "FAIL: CSV not replaced"; fail=1; }
tail -1 "$work/out.json" | grep -q '^}' || { echo "FAIL: JSON not replaced"; fail=1; }
[ "$fail" = 0 ] && echo "outputs safe: directory, missing folder, unwritable folder, full disk"
exit $fail
