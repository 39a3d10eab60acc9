#!/usr/bin/env python3
# escape_check.py - names and titles that look like markup reach the
# --html page as text: no element, script or attribute comes from the
# file, and the text reads back exactly (run, compare and sweep).
# SPDX-License-Identifier: MIT
#
# Usage: escape_check.py ABGCALC
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

abgcalc = sys.argv[1]
TITLE = 'Fund <script>alert("x")</script> & "quotes"'
AREAS = ['<img src=x onerror=alert(1)>', 'A & B', '</td></tr><tr><td>',
         'Plain']
INI = """[allocation]
title = %s
source = <a href="http://example.invalid">link</a>
pot = 1000

[component even]
title = Even <b>bold</b>
method = even
amount = rest

[scenario up]
title = Up <i>10%%</i>
pot = 1100

%s
""" % (TITLE, "\n".join("[area %s]\nprevious = 200\n" % a for a in AREAS))


class Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.attrs = set(), [], []
        self.cell = None
        self.cells = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [a for a, _ in attrs]
        if tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell += data


failures = []
with tempfile.TemporaryDirectory() as work:
    ini = os.path.join(work, "hostile.ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write(INI)
    for cmd in (["run", ini], ["compare", ini],
                ["sweep", ini, "--vary", "pot=1000:1200:100"]):
        page = os.path.join(work, "page.html")
        done = subprocess.run([abgcalc, *cmd, "--html", page],
                              capture_output=True, text=True)
        if done.returncode != 0:
            failures.append("%s: %s" % (cmd[0], done.stderr))
            continue
        r = Reader()
        r.feed(open(page, encoding="utf-8").read())
        bad = r.tags & {"script", "img", "a", "b", "i", "iframe"}
        if bad:
            failures.append("%s: elements from the file: %r" % (cmd[0], bad))
        if {"onerror", "href"} & set(r.attrs):
            failures.append("%s: attributes from the file" % cmd[0])
        text = "".join(r.text)
        if TITLE not in text:
            failures.append("%s: title not read back as text" % cmd[0])
        for a in AREAS:
            if a not in r.cells:
                failures.append("%s: area %r not a cell of its own" % (cmd[0], a))
for f in failures:
    print("FAIL:", f)
print("html escaping: markup in titles, names and sources stays text in run, "
      "compare and sweep pages: %s" % ("FAILED" if failures else "all text"))
sys.exit(1 if failures else 0)
