#!/bin/sh
# man.sh ABGCALC SOURCE_DIR BUILD_DIR - the manual pages render without a
# warning, abgcalc(1) documents every option (long and short) that --help
# and each command's help list, and every command.
set -eu
abgcalc=$1 src=$2 build=$3
for page in "$src/man/abgcalc.1" "$build/abgcalc-format.5"; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    test -z "$warnings" || { echo "$page: $warnings"; exit 1; }
done
missing=0
# The general help and each command's, so that an option one command's
# help lists cannot be missed.
helps=$("$abgcalc" --help
        for command in run check explain compare sweep help; do
            "$abgcalc" help "$command"
        done)
for option in $(printf '%s\n' "$helps" | grep -o -- '--[a-z][a-z-]*\|^ *-[a-zA-Z],' |
                tr -d ' ,' | sort -u); do
    # roff writes a hyphen as \-.
    escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
    # Whole: \-q must not be found inside \-\-quiet.
    if ! grep -q -- "$escaped\($\|[^a-z-]\)" "$src/man/abgcalc.1"; then
        echo "abgcalc(1) does not document $option"
        missing=1
    fi
done
for command in run check explain compare sweep help; do
    grep -q "^\.B $command\b" "$src/man/abgcalc.1" ||
        { echo "abgcalc(1) does not document the command $command"; missing=1; }
done
# Every section of docs/format.md is a section of abgcalc-format(5).
grep '^## ' "$src/docs/format.md" | while read -r _ heading; do
    title=$(printf '%s' "$heading" | tr -d '`' | tr '[:lower:]' '[:upper:]' |
            cut -c1-12)
    man -l "$build/abgcalc-format.5" 2>/dev/null | grep -qF -- "$title" ||
        { echo "abgcalc-format(5) lacks $heading"; exit 1; }
done
exit $missing
