#!/usr/bin/python3
# check_names_workbook.py - workbooks whose names must be cut on character
# boundaries: every XML part of the compare, run and sweep workbooks of
# tests/xlsx/cut-names.ini is well-formed, the sheet names are exactly the
# expected cuts (at most 31 UTF-16 units, never half a character), and,
# when LibreOffice is installed, it loads the comparison workbook.
# SPDX-License-Identifier: MIT
#
# Usage: check_names_workbook.py ABGCALC CUT_NAMES.ini
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zipfile

abgcalc, ini = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
E = "\U0001F600"
WANT = ["Comparison", "Base", E * 15, "a" * 30, "b" * 29 + "é",
        "b" * 27 + " (2)"]
failures = []


def units(name):
    return len(name.encode("utf-16-le")) // 2


def well_formed(path):
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if part.endswith((".xml", ".rels")):
                try:
                    xml.dom.minidom.parseString(z.read(part))
                except Exception as e:  # any parser error is a failure
                    failures.append("%s %s: %s" % (os.path.basename(path),
                                                   part, e))
        return z.read("xl/workbook.xml").decode("utf-8", "replace")


with tempfile.TemporaryDirectory() as work:
    books = {"compare": ["compare", ini],
             "run": ["run", ini],
             "sweep": ["sweep", ini, "--vary", "pot=300:400:50"]}
    for what, args in books.items():
        out = os.path.join(work, what + ".xlsx")
        done = subprocess.run([abgcalc, *args, "-o", out, "-q"],
                              capture_output=True, text=True)
        if done.returncode != 0 or done.stderr:
            failures.append("%s -o: exit %d %s" % (what, done.returncode,
                                                  done.stderr.strip()))
            continue
        workbook = well_formed(out)
        if what == "compare":
            names = [xml.dom.minidom.parseString(
                         '<n a="%s"/>' % n).documentElement.getAttribute("a")
                     for n in re.findall(r'<sheet name="([^"]*)"', workbook)]
            if names != WANT:
                failures.append("sheet names %r, expected %r" % (names, WANT))
            for n in names:
                if units(n) > 31:
                    failures.append("sheet name %r is %d units" % (n, units(n)))
    if shutil.which("soffice") and not failures:
        done = subprocess.run(["/usr/bin/python3",
                               os.path.join(HERE, "..", "lo", "lo_recalc.py"),
                               os.path.join(work, "compare.xlsx"),
                               "--out", os.path.join(work, "lo.json")],
                              capture_output=True, text=True)
        if done.returncode != 0:
            failures.append("LibreOffice: " + done.stderr.strip())

for f in failures:
    print("FAIL:", f)
print("compare, run and sweep workbooks of cut names: %s"
      % ("FAILED" if failures else "well-formed, names cut on characters"))
sys.exit(1 if failures else 0)
