#!/bin/sh
# terminal.sh - run's prose wraps at the terminal's width on a terminal
# (a pseudo-terminal from script(1), 60 columns), stays one line per
# sentence when piped, and --no-findings leaves the table alone.
# SPDX-License-Identifier: MIT
#
# Usage: terminal.sh ABGCALC FILE.ini
set -u
abgcalc=$1
ini=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# On a 60-column terminal: every line outside the table fits 60 columns
# (table rows start with an area name or padding and hold a currency
# figure; the findings and footnotes do not).
script -qec "stty cols 60; '$abgcalc' run '$ini'" /dev/null | tr -d '\r' > "$work/tty"
sed -n '/^Rounding findings:/,$p' "$work/tty" > "$work/findings"
[ -s "$work/findings" ] || { echo "no findings on the terminal"; fail=1; }
# Characters, not bytes: a pound sign is one column.
long=$(python3 -c 'import sys; [print(l, end="") for l in open(sys.argv[1], encoding="utf-8") if len(l.rstrip("\n")) > 60]' "$work/findings")
[ -z "$long" ] || { echo "findings lines over 60 columns on a terminal:"; echo "$long"; fail=1; }
grep -q '^  ' "$work/findings" || { echo "findings not wrapped (no continuation line)"; fail=1; }

# Piped: one line per finding, the same words.
"$abgcalc" run "$ini" > "$work/pipe"
sed -n '/^Rounding findings:/,$p' "$work/pipe" > "$work/findings_pipe"
if grep -q '^  ' "$work/findings_pipe"; then echo "piped findings wrapped"; fail=1; fi
joined=$(sed 's/^  / /' "$work/findings" | tr -d '\n' | sed 's/\n//g')
piped=$(tr -d '\n' < "$work/findings_pipe")
[ "$joined" = "$piped" ] || { echo "wrapped findings differ from piped ones"; fail=1; }

# --no-findings: the table, no findings.
"$abgcalc" run "$ini" --no-findings > "$work/bare"
if grep -q 'Rounding findings' "$work/bare"; then echo "--no-findings printed findings"; fail=1; fi
head -n "$(wc -l < "$work/bare")" "$work/pipe" | cmp -s - "$work/bare" || { echo "--no-findings table differs from run's"; fail=1; }
[ $fail = 0 ] && echo "terminal: findings wrap at 60 columns on a terminal, not when piped; --no-findings prints the table alone"
exit $fail
