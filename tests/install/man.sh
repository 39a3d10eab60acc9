#!/bin/sh
# man.sh ABGCALC SOURCE_DIR BUILD_DIR - the manual pages render without a
# warning, and abgcalc(1) documents every option that --help lists.
set -eu
abgcalc=$1 src=$2 build=$3
for page in "$src/man/abgcalc.1" "$build/abgcalc-format.5"; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    test -z "$warnings" || { echo "$page: $warnings"; exit 1; }
done
missing=0
for option in $("$abgcalc" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    # roff writes a hyphen as \-.
    escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
    if ! grep -q -- "$escaped" "$src/man/abgcalc.1"; then
        echo "abgcalc(1) does not document $option"
        missing=1
    fi
done
# Every section of docs/format.md is a section of abgcalc-format(5).
grep '^## ' "$src/docs/format.md" | while read -r _ heading; do
    title=$(printf '%s' "$heading" | tr -d '`' | tr '[:lower:]' '[:upper:]' |
            cut -c1-12)
    man -l "$build/abgcalc-format.5" 2>/dev/null | grep -qF -- "$title" ||
        { echo "abgcalc-format(5) lacks $heading"; exit 1; }
done
exit $missing
