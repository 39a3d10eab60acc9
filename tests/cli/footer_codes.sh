#!/bin/sh
# footer_codes.sh ABGCALC FIXTURE - a title holding "&G" or "[Picture]"
# (image placeholders in a page footer) writes a workbook whose footer
# prints the title as written, instead of crashing libxlsxwriter.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" run "$2" -o "$tmp/out.xlsx" >/dev/null
footer=$(/usr/bin/python3 - "$tmp/out.xlsx" <<'PY'
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
print(re.search(r"<oddFooter>(.*?)</oddFooter>", xml).group(1))
PY
)
# &&, then an invisible U+200B before G and inside [Picture].
expected=$(printf '&amp;L&amp;8R&amp;&amp;\342\200\213G Grants [\342\200\213Picture] &amp;&amp;\342\200\213g - From: %s&amp;C&amp;8Page &amp;P of &amp;N' "$2")
[ "$footer" = "$expected" ] || { echo "footer: $footer"; exit 1; }
