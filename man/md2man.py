#!/usr/bin/python3
"""md2man.py - turn docs/format.md into the abgcalc-format(5) manual page.

SPDX-License-Identifier: MIT

Usage: md2man.py IN.md OUT.5 NAME SECTION "SOURCE" "ONE-LINE SUMMARY"

SOURCE is the footer's "abgcalc 0.1.0"; the page carries no date, so the
build is reproducible.

The manual page is generated from the Markdown at build time, so the two
cannot drift apart. Only the Markdown the docs use is handled: headings,
paragraphs, bullet lists, tables, fenced code, `code`, **bold**, *italic*
and [links](target). Anything else is kept as plain text.
"""
import re
import sys


def escape(text):
    """Escapes roff's special characters in running text."""
    return text.replace("\\", "\\e").replace("-", "\\-")


def inline(text):
    """Turns Markdown inline markup into roff font changes."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    out = []
    # Split on code spans first: nothing inside them is markup.
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append("\\fB" + escape(part) + "\\fR")
            continue
        part = escape(part)
        part = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", part)
        part = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])",
                      r"\\fI\1\\fR", part)
        out.append(part)
    return "".join(out)


def line_out(text):
    """Protects a line that would start with a roff control character."""
    if text.startswith((".", "'")):
        return "\\&" + text
    return text


def cells(row):
    """Splits a Markdown table row into its trimmed cells."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def convert(lines, name, section, source, summary):
    """Returns the roff text of the page."""
    out = [
        '.\\" Generated from docs/format.md by man/md2man.py; do not edit.',
        '.TH %s %s "" "%s" "abgcalc manual"' % (
            name.upper(), section, source),
        ".SH NAME",
        "%s \\- %s" % (name, escape(summary)),
    ]
    paragraph = []
    header = None  # the current table's header cells

    def flush():
        if paragraph:
            out.append(".PP")
            out.append(line_out(inline(" ".join(paragraph))))
            paragraph.clear()

    i = 0
    while i < len(lines):
        raw = lines[i].rstrip("\n")
        i += 1
        if raw.startswith("```"):
            flush()
            out += [".PP", ".RS 4", ".nf"]
            while i < len(lines) and not lines[i].startswith("```"):
                out.append(line_out(escape(lines[i].rstrip("\n"))))
                i += 1
            i += 1
            out += [".fi", ".RE"]
            continue
        if raw.startswith("# "):
            flush()
            out += [".SH DESCRIPTION"]
            continue
        if raw.startswith("## "):
            flush()
            out.append('.SH "%s"' % inline(raw[3:]).upper().replace(
                "\\FB", "").replace("\\FR", ""))
            continue
        if raw.startswith("### "):
            flush()
            out.append('.SS "%s"' % inline(raw[4:]))
            continue
        if raw.startswith("|"):
            flush()
            row = cells(raw)
            if all(re.fullmatch(r":?-+:?", c) for c in row if c):
                continue
            if header is None:
                header = row
                continue
            # One indented paragraph per row: the first cell as its tag,
            # the others labelled with their column's heading.
            tag = row[0] or "\\(em"
            out += [".TP", line_out(inline(tag))]
            rest = []
            for h, c in zip(header[1:], row[1:]):
                if c:
                    rest.append("%s: %s" % (h, c) if h else c)
            out.append(line_out(inline("; ".join(rest))))
            continue
        header = None
        if re.match(r"\s*[-*] ", raw):
            flush()
            item = [re.sub(r"^\s*[-*] ", "", raw)]
            while (i < len(lines) and lines[i].startswith("  ")
                   and lines[i].strip()):
                item.append(lines[i].strip())
                i += 1
            out += [".IP \\(bu 2", line_out(inline(" ".join(item)))]
            continue
        if not raw.strip():
            flush()
            continue
        paragraph.append(raw.strip())
    flush()
    out += [".SH SEE ALSO", "\\fBabgcalc\\fR(1)"]
    # Non-ASCII characters as roff's \[uXXXX], so no preprocessor is needed.
    return re.sub(r"[^\x00-\x7f]",
                  lambda m: "\\[u%04X]" % ord(m.group()),
                  "\n".join(out) + "\n")


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__.split("\n\n")[2])
    src, dst, name, section, source, summary = sys.argv[1:]
    with open(src, encoding="utf-8") as f:
        text = convert(f.readlines(), name, section, source, summary)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
