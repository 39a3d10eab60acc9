#!/bin/bash
# completion.sh SOURCE_DIR - bash completion completes commands, options,
# scenario names from the file and area names for explain.
set -u
cd "$1" || exit 1
source /usr/share/bash-completion/bash_completion
source completion/abgcalc.bash
status=0
# expect WORDS... -- EXPECTED: completes the last word and compares.
expect()
{
    local words=() expected
    while [ "$1" != -- ]; do words+=("$1"); shift; done
    shift
    expected=$(printf '%s\n' "$@")
    COMP_WORDS=("${words[@]}")
    COMP_CWORD=$((${#words[@]} - 1))
    COMP_LINE="${words[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _abgcalc
    got=$(printf '%s\n' "${COMPREPLY[@]}")
    if [ "$got" != "$expected" ]; then
        printf 'completing "%s": expected\n%s\ngot\n%s\n' "$COMP_LINE" \
            "$expected" "$got"
        status=1
    fi
}
expect abgcalc "" -- run check explain compare sweep help
expect abgcalc ch -- check
expect abgcalc help ex -- explain
expect abgcalc run x.ini --js -- --json
expect abgcalc run x.ini --q -- --quiet
expect abgcalc run x.ini -q -- -q
expect abgcalc explain allocations/leicestershire-abg-2010-11.ini H -- \
    Harborough 'Hinckley\ \&\ Bosworth'
expect abgcalc compare examples/scenarios-2011-12.ini "" -- \
    cut10 crime50 population2008
expect abgcalc run examples/scenarios-2011-12.ini --scenario c -- \
    cut10 crime50
exit $status
