#!/bin/sh
# manners.sh ABGCALC SOURCE_DIR - the command's manners: --version names
# the libraries, each output written is said on standard error unless -q,
# -o takes a name ending in .xlsx (any capitals, or a link to one), and
# each help's example runs as written.
# SPDX-License-Identifier: MIT
set -u
abgcalc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
cd "$work" || exit 1
ln -s "$src/allocations" allocations
ln -s "$src/examples" examples
leics=allocations/leicestershire-abg-2010-11.ini

# expect NAME STATUS STDERR ARGS...: runs abgcalc, checks the exit status
# and the exact standard error.
expect() {
    name=$1 want_status=$2 want_err=$3
    shift 3
    "$abgcalc" "$@" > out.txt 2> err.txt
    status=$?
    [ "$status" = "$want_status" ] ||
        { echo "FAIL $name: exit $status, expected $want_status"; fail=1; }
    [ "$(cat err.txt)" = "$want_err" ] || {
        echo "FAIL $name: stderr:"; cat err.txt
        echo "    expected:"; echo "$want_err"; fail=1
    }
}

# --version: abgcalc's version, then the libraries it was built with, as
# their headers and pkg-config say.
version=$(sed -n 's/^#define ABG_VERSION "\(.*\)"/\1/p' "$src/include/abg/abg.h")
lxw=$(sed -n 's/^#define LXW_VERSION "\(.*\)"/\1/p' /usr/include/xlsxwriter.h)
want="abgcalc $version
built with libxlsxwriter $lxw, inih r$(pkg-config --modversion inih), GMP $(pkg-config --modversion gmp)"
expect version 0 "" --version
[ "$(cat out.txt)" = "$want" ] ||
    { echo "FAIL --version:"; cat out.txt; echo "    expected:"; echo "$want"; fail=1; }
expect version-short 0 "" run -V
[ "$(cat out.txt)" = "$want" ] || { echo "FAIL -V: $(cat out.txt)"; fail=1; }

# One line per output written, in the order csv, json, workbook; none for
# standard output; none at all with -q or --quiet.
expect wrote 0 "abgcalc: wrote a.csv
abgcalc: wrote a.json
abgcalc: wrote a.xlsx" run $leics -o a.xlsx --json a.json --csv a.csv
head -1 out.txt | grep -q '^ABG Safer Communities' ||
    { echo "FAIL wrote: the table is not on stdout: $(head -1 out.txt)"; fail=1; }
for f in a.csv a.json a.xlsx; do
    [ -s "$f" ] || { echo "FAIL wrote: $f missing"; fail=1; }
done
rm -f a.csv a.json a.xlsx
expect quiet 0 "" run $leics --csv a.csv --json a.json -o a.xlsx -q
[ -s a.csv ] && [ -s a.json ] && [ -s a.xlsx ] ||
    { echo "FAIL quiet: an output is missing"; fail=1; }
expect quiet-long 0 "" compare examples/scenarios-2011-12.ini --quiet -o c.xlsx
[ -s c.xlsx ] || { echo "FAIL quiet-long: c.xlsx missing"; fail=1; }
expect wrote-stdout 0 "abgcalc: wrote b.json" run $leics --csv - --json b.json
expect wrote-stdout-only 0 "" run $leics --json -
expect wrote-compare 0 "abgcalc: wrote c.xlsx" compare examples/scenarios-2011-12.ini cut10 -o c.xlsx
expect wrote-sweep 0 "abgcalc: wrote s.csv" sweep examples/sweep-crime-weighting.ini --vary component.crime.share=20%:30%:5% --csv s.csv
# --workbook: the path [output] names, next to the INI file.
mkdir wb
cp "$src/$leics" wb/in.ini
expect wrote-workbook 0 "abgcalc: wrote wb/leicestershire-abg-2010-11.xlsx" run wb/in.ini --workbook
[ -s wb/leicestershire-abg-2010-11.xlsx ] || { echo "FAIL --workbook: no file"; fail=1; }
# A run that fails writes nothing and says nothing was written.
expect no-wrote 73 "abgcalc: no/such.csv: error: cannot write: No such file or directory; hint: check that the folder exists and is writable" \
    run $leics --csv no/such.csv -o d.xlsx
[ ! -e d.xlsx ] || { echo "FAIL no-wrote: d.xlsx written"; fail=1; }

# -o: .xlsx in any capitals; a link to a .xlsx file.
expect capitals 0 "abgcalc: wrote UPPER.XLSX" run $leics -o UPPER.XLSX
: > real.xlsx
ln -s real.xlsx latest
expect link 0 "abgcalc: wrote latest" run $leics -o latest
[ -L latest ] && [ -s real.xlsx ] || { echo "FAIL link: not written through"; fail=1; }
expect no-extension 2 "abgcalc: error: -o out: a workbook's name must end in .xlsx; hint: write -o out.xlsx" \
    run $leics -o out
[ ! -e out ] && [ ! -e out.xlsx ] || { echo "FAIL no-extension: a file was written"; fail=1; }

# Each command's help ends with an example: it runs as written.
for command in run check explain compare sweep help; do
    example=$("$abgcalc" help $command | sed -n '/^Example:$/{n;s/^  //;p;}')
    [ -n "$example" ] || { echo "FAIL help $command: no example"; fail=1; continue; }
    example=${example#abgcalc }
    # shellcheck disable=SC2086 # the example is words
    "$abgcalc" $example > out.txt 2> err.txt ||
        { echo "FAIL help $command: example failed: $example: $(cat err.txt)"; fail=1; }
done

[ "$fail" = 0 ] && echo "manners: --version, wrote lines, -q, -o names, help examples"
exit $fail
