#!/usr/bin/python3
"""readme_examples.py ABGCALC SOURCE_DIR - every abgcalc command the README
shows runs as written, with the exit status the README gives.

SPDX-License-Identifier: MIT

A command is a line of a fenced code block that starts with `abgcalc `,
`build/abgcalc ` or `$ build/abgcalc ` (a terminal session). Each runs with
a shell in a scratch copy of the repository whose build/abgcalc is the one
under test, so outputs the examples write land there. The expected exit
status is 0 unless the line ends in a comment `# exit N`. In a terminal
session, the lines after the command up to the next `$ ` line are what it
prints: each must appear in the real output, in order (a line holding `...`
stands for lines left out, and `...` inside a line for cells left out).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(text):
    """Yields (first line number, lines) of each fenced code block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            start = i + 2
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            yield start, body
        i += 1


def commands(text):
    """Yields (line number, command, expected status, expected lines)."""
    for start, body in blocks(text):
        for k, line in enumerate(body):
            session = line.startswith("$ ")
            cmd = line[2:] if session else line
            if not re.match(r"(build/)?abgcalc ", cmd):
                continue
            status = 0
            m = re.search(r"\s+#\s*exit (\d+)\s*$", cmd)
            if m:
                status = int(m.group(1))
            # A comment after the command explains it; the shell drops it.
            shown = []
            if session:
                for follow in body[k + 1:]:
                    if follow.startswith("$ "):
                        break
                    shown.append(follow)
            yield start + k, cmd, status, shown


def matches(shown, output):
    """True when every shown line appears in output, in order; `...` in a
    shown line stands for any text."""
    out = output.split("\n")
    pos = 0
    for want in shown:
        if not want.strip() or want.strip() == "...":
            continue
        pattern = ".*".join(re.escape(p.strip()) for p in want.split("..."))
        pattern = re.sub(r"(\\ )+", r"\\s+", pattern)
        while pos < len(out) and not re.search(pattern, out[pos]):
            pos += 1
        if pos == len(out):
            return want
        pos += 1
    return None


def main():
    abgcalc, src = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, "README.md"), encoding="utf-8") as f:
        text = f.read()
    failures = 0
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "repo")
        shutil.copytree(src, work, ignore=shutil.ignore_patterns(
            ".git", "build", "build-*", "obj-*"))
        os.makedirs(os.path.join(work, "build"))
        os.symlink(os.path.abspath(abgcalc),
                   os.path.join(work, "build", "abgcalc"))
        env = dict(os.environ, PATH=os.path.join(work, "build") + ":" +
                   os.environ.get("PATH", ""))
        for line, cmd, status, shown in commands(text):
            count += 1
            run = subprocess.run(["sh", "-c", cmd], cwd=work, env=env,
                                 capture_output=True, text=True, timeout=300)
            problem = None
            if run.returncode != status:
                problem = "exit %d, the README says %d" % (run.returncode,
                                                          status)
            else:
                missing = matches(shown, run.stdout)
                if missing:
                    problem = "output lacks the README's line: " + missing
            if problem:
                failures += 1
                print("README.md:%d: %s: %s\n%s" % (line, cmd, problem,
                                                     run.stderr.strip()))
    print("%d of %d README commands ran as written" % (count - failures,
                                                       count))
    if count == 0:
        print("no command found in the README")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
