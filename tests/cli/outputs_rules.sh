#!/bin/sh
# outputs_rules.sh - which files an output may replace: never the input
# (links and hard links included), never the same file twice, a read-only
# file only with --force; links are written through, devices and pipes in
# place, and any name the file system takes works.
# SPDX-License-Identifier: MIT
#
# Usage: outputs_rules.sh ABGCALC ALLOCATION.ini
set -u
abgcalc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$2" "$work/in.ini"
cp "$2" "$work/orig.ini"
cd "$work" || exit 1
fail=0

# expect STATUS STDERR ARGS...: runs abgcalc and checks the status, the
# exact standard error, that the input is unchanged and that no temporary
# file is left anywhere under the folder.
expect() {
    want_status=$1 want_err=$2
    shift 2
    "$abgcalc" "$@" > out.txt 2> err.txt
    status=$?
    [ "$status" = "$want_status" ] ||
        { echo "FAIL ($*): exit $status, expected $want_status"; fail=1; }
    [ "$(cat err.txt)" = "$want_err" ] ||
        { echo "FAIL ($*): stderr: $(cat err.txt)"; echo "    expected: $want_err"; fail=1; }
    cmp -s in.ini orig.ini || { echo "FAIL ($*): the input changed"; fail=1; }
    if [ -n "$(find . -name '.abg-*' -o -name '*.tmp-*')" ]; then
        echo "FAIL ($*): temporary file left: $(find . -name '.abg-*')"; fail=1
    fi
}

# The input is never an output: by name, through a symlink, a hard link.
ln -s in.ini sym.csv
ln in.ini hard.xlsx
expect 73 "abgcalc: in.ini: error: --csv would replace the input file in.ini; hint: give the output another name" \
    run in.ini --csv in.ini
# (-o refuses a name without .xlsx before it looks at the file.)
expect 2 "abgcalc: error: -o ./in.ini: a workbook's name must end in .xlsx; hint: write -o ./in.ini.xlsx" \
    run in.ini -o ./in.ini
expect 73 "abgcalc: sym.csv: error: --csv would replace the input file in.ini; hint: give the output another name" \
    compare in.ini --csv sym.csv
expect 73 "abgcalc: hard.xlsx: error: -o would replace the input file in.ini; hint: give the output another name" \
    run in.ini -o hard.xlsx
expect 73 "abgcalc: in.ini: error: --json would replace the input file sym.csv; hint: give the output another name" \
    run sym.csv --json in.ini

# Two outputs are never one file, existing or new.
expect 73 "abgcalc: a.out: error: --csv and --json name the same file; hint: give each output its own name" \
    run in.ini --csv a.out --json a.out
printf 'old\n' > b.out
ln -s b.out c.xlsx
expect 73 "abgcalc: c.xlsx: error: --json and -o name the same file; hint: give each output its own name" \
    run in.ini --json b.out -o c.xlsx
[ "$(cat b.out)" = old ] || { echo "FAIL: b.out changed"; fail=1; }
[ ! -e a.out ] || { echo "FAIL: a.out written"; fail=1; }
# /dev/null twice is fine: devices are written in place. Each output
# written is said on standard error, once each, unless -q.
expect 0 "abgcalc: wrote /dev/null
abgcalc: wrote /dev/null" run in.ini --csv /dev/null --json /dev/null
expect 0 "" run in.ini --csv /dev/null --json /dev/null -q

# A read-only file is refused, even for root; --force replaces it and it
# stays read-only.
printf 'old\n' > ro.csv
chmod 444 ro.csv
expect 73 "abgcalc: ro.csv: error: cannot write: it is read-only; hint: make it writable (chmod u+w) or give --force to replace it" \
    run in.ini --csv ro.csv
[ "$(cat ro.csv)" = old ] || { echo "FAIL: read-only file changed"; fail=1; }
expect 0 "abgcalc: wrote ro.csv" run in.ini --csv ro.csv --force
head -1 ro.csv | grep -q '^area,' || { echo "FAIL: --force did not replace"; fail=1; }
[ "$(stat -c %a ro.csv)" = 444 ] || { echo "FAIL: mode now $(stat -c %a ro.csv)"; fail=1; }

# A symlink is written through: the link stays, its target is replaced.
mkdir far
printf 'old\n' > far/target.csv
chmod 640 far/target.csv
ln -s far/target.csv link.csv
expect 0 "abgcalc: wrote link.csv" run in.ini --csv link.csv
[ -L link.csv ] || { echo "FAIL: the link was replaced"; fail=1; }
head -1 far/target.csv | grep -q '^area,' || { echo "FAIL: target not written"; fail=1; }
[ "$(stat -c %a far/target.csv)" = 640 ] || { echo "FAIL: target mode changed"; fail=1; }
# A link to a missing file is refused, as cp does.
ln -s nowhere.csv dangling.csv
expect 73 "abgcalc: dangling.csv: error: cannot write: it is a link to a missing file; hint: remove the link or give another name" \
    run in.ini --csv dangling.csv
[ ! -e nowhere.csv ] || { echo "FAIL: wrote through a dangling link"; fail=1; }

# A link to a process's descriptor (what /dev/stdout is) is written in
# place and stays a link: here standard output is a regular file, which
# gets the table then the CSV.
ln -s /proc/self/fd/1 stdout-link
"$abgcalc" run in.ini --csv stdout-link > fd.txt 2> err.txt ||
    { echo "FAIL: --csv stdout-link: $(cat err.txt)"; fail=1; }
[ -L stdout-link ] || { echo "FAIL: the /proc link was replaced"; fail=1; }
head -1 fd.txt | grep -q '^ABG' || { echo "FAIL: the table is not first"; fail=1; }
tail -1 fd.txt | grep -q '^Oadby & Wigston,' || { echo "FAIL: the CSV is not last"; fail=1; }

# A regular file under /dev (a tmpfs) is a file: replaced, not appended to.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    shm=/dev/shm/abgcalc-test-$$.csv
    printf 'old\n' > "$shm"
    expect 0 "abgcalc: wrote $shm" run in.ini --csv "$shm"
    head -1 "$shm" | grep -q '^area,' || { echo "FAIL: $shm appended to"; fail=1; }
    ls -A /dev/shm | grep -q '^\.abg-' && { echo "FAIL: temporary file in /dev/shm"; fail=1; }
    rm -f "$shm"
fi

# A workbook to a device or a pipe: /dev/null, and a FIFO read by cat.
expect 0 "abgcalc: wrote /dev/null" run in.ini -o /dev/null
expect 0 "abgcalc: wrote /dev/null" sweep in.ini --vary component.even.amount=170000:175000:5000 --set component.crime.amount=rest -o /dev/null
# The same for a target table's workbook (it once reached libxlsxwriter
# with no file name), and --force for its read-only outputs.
cp "$(dirname "$2")/leicestershire-li11-targets-2009-11.ini" targets.ini
expect 0 "abgcalc: wrote /dev/null" run targets.ini -o /dev/null
printf 'ro\n' > ro-target.xlsx && chmod 444 ro-target.xlsx
expect 73 "abgcalc: ro-target.xlsx: error: cannot write: it is read-only; hint: make it writable (chmod u+w) or give --force to replace it" \
    run targets.ini -o ro-target.xlsx
expect 0 "abgcalc: wrote ro-target.xlsx" run targets.ini -o ro-target.xlsx --force
[ "$(stat -c %a ro-target.xlsx)" = 444 ] || { echo "FAIL: --force lost the mode"; fail=1; }
/usr/bin/python3 -c "import zipfile,sys; assert 'xl/workbook.xml' in zipfile.ZipFile(sys.argv[1]).namelist()" ro-target.xlsx ||
    { echo "FAIL: the forced target workbook is not a workbook"; fail=1; }
mkfifo pipe
timeout 30 cat pipe > piped.xlsx &
expect 0 "abgcalc: wrote pipe" run in.ini -o pipe
wait
[ -p pipe ] || { echo "FAIL: the FIFO was replaced"; fail=1; }
/usr/bin/python3 -c "import zipfile,sys; assert 'xl/workbook.xml' in zipfile.ZipFile(sys.argv[1]).namelist()" piped.xlsx ||
    { echo "FAIL: the FIFO did not get a workbook"; fail=1; }
"$abgcalc" run in.ini -o direct.xlsx -q > /dev/null
cmp -s piped.xlsx direct.xlsx || { echo "FAIL: piped workbook differs"; fail=1; }

# The workbook's temporary file for a device needs a writable $TMPDIR.
TMPDIR=/nonexistent-abgcalc expect 73 "abgcalc: /dev/null: error: cannot make a temporary file in /nonexistent-abgcalc: No such file or directory; hint: set TMPDIR to a writable folder" \
    run in.ini -o /dev/null

# Any name the file system takes: 255 bytes.
long=$(printf '%0251d' 0).csv
expect 0 "abgcalc: wrote $long" run in.ini --csv "$long"
head -1 "$long" | grep -q '^area,' || { echo "FAIL: 255-byte name"; fail=1; }

# A control byte in a path cannot split the one-line message.
nl='
'
expect 73 "abgcalc: no\\nsuch/\x1b[2Jout.csv: error: cannot write: No such file or directory; hint: check that the folder exists and is writable" \
    run in.ini --csv "no${nl}such/$(printf '\033')[2Jout.csv"
[ "$(wc -l < err.txt)" = 1 ] || { echo "FAIL: the message is not one line"; fail=1; }
[ "$fail" = 0 ] && echo "outputs rules: input, duplicates, read-only, links, devices, pipes, long names"
exit $fail
