#!/usr/bin/python3
# lo_recalc.py - recalculate an .xlsx in headless LibreOffice and dump cell values as JSON.
# SPDX-License-Identifier: MIT
#
# Usage: /usr/bin/python3 lo_recalc.py IN.xlsx [--set 'Sheet!A1=1.5'] [--set-text 'Sheet!B2=abc']
#                                      [--out OUT.json] [--save-xlsx OUT.xlsx]
# Output: {"sheets": {name: [[cell, ...], ...]}, "errors": ["Sheet!A1: Err:502", ...]}
# Cells: float (numeric, incl. booleans), str (text), null (empty); error cells hold their
# error text (e.g. "#DIV/0!") and are also listed in "errors". Rows cover A1..end of used area.
# Needs python3-uno (Debian /usr/bin/python3) and soffice. Exit status 1 + one line on failure.

import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, threading, time, uuid

TIMEOUT = int(os.environ.get("LO_RECALC_TIMEOUT", "180"))  # overall limit, seconds
CONNECT_TIMEOUT = 60   # seconds to wait for soffice to accept the pipe connection
SOFFICE = os.environ.get("LO_SOFFICE", "/usr/bin/soffice")

# Profile settings: always recalculate on load (0 = always, 1 = never, 2 = prompt); no lock files.
XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentOOoLockFile" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

FORMULA_RESULT_ERROR = 4  # com.sun.star.sheet.FormulaResult.ERROR


class Fail(Exception):
    pass


def parse_assign(spec):
    """'Sheet Name!B3=value' (sheet may be quoted 'like''this') -> (sheet, 'B3', value)."""
    m = re.match(r"^(.+?)!\$?([A-Za-z]{1,3})\$?([0-9]+)=(.*)$", spec, re.S)
    if not m:
        raise Fail("bad --set spec %r (want 'Sheet!A1=value')" % spec)
    sheet = m.group(1)
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, (m.group(2) + m.group(3)).upper(), m.group(4)


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def prop(name, value):
    import uno
    p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    p.Name, p.Value = name, value
    return p


def connect(proc, pipe):
    import uno
    from com.sun.star.connection import NoConnectException
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        if proc.poll() is not None:
            raise Fail("soffice exited early with status %s" % proc.returncode)
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise Fail("could not connect to soffice within %d s" % CONNECT_TIMEOUT)
            time.sleep(0.25)


def dump(doc):
    """Return (sheets dict, error list) for every sheet of the document."""
    sheets, errors = {}, []
    for sheet in doc.Sheets:
        name = sheet.Name
        cur = sheet.createCursor()
        cur.gotoEndOfUsedArea(False)
        end = cur.RangeAddress
        rng = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
        # One bulk call for values: floats for numbers, str for text; "" also for empty.
        grid = [list(row) for row in rng.DataArray]
        for a in rng.queryEmptyCells().RangeAddresses:          # mark truly empty cells
            for r in range(a.StartRow, a.EndRow + 1):
                for c in range(a.StartColumn, a.EndColumn + 1):
                    grid[r][c] = None
        for a in rng.queryFormulaCells(FORMULA_RESULT_ERROR).RangeAddresses:
            for r in range(a.StartRow, a.EndRow + 1):
                for c in range(a.StartColumn, a.EndColumn + 1):
                    cell = sheet.getCellByPosition(c, r)
                    text = cell.String                     # "#DIV/0!", "Err:502", ...
                    code = "Err:%d" % cell.getError()
                    grid[r][c] = text
                    errors.append("%s!%s%d: %s" % (name, col_name(c), r + 1,
                                                   text if text == code else "%s (%s)" % (text, code)))
        if grid == [[None]]:                                   # completely empty sheet
            grid = []
        sheets[name] = [[float(v) if isinstance(v, (int, float)) else v for v in row]
                        for row in grid]
    return sheets, errors


def run(args, tmp, state):
    import uno
    src = os.path.abspath(args.input)
    if not os.path.isfile(src):
        raise Fail("no such file: %s" % args.input)
    assigns = [(parse_assign(s), False) for s in args.set] + \
              [(parse_assign(s), True) for s in args.set_text]

    profile = os.path.join(tmp, "profile")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    pipe = "lo_recalc_%d_%s" % (os.getpid(), uuid.uuid4().hex)
    state["proc"] = proc = subprocess.Popen(
        [SOFFICE, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
         "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(tmp, "soffice.log"), "w"),
        start_new_session=True, env=dict(os.environ, HOME=tmp))
    state["desktop"] = desktop = connect(proc, pipe)

    # Load a private copy: a stale/foreign ".~lock.X#" next to the input makes a headless
    # load fail silently, and parallel runs on one file must not see each other.
    copy = os.path.join(tmp, "in" + (os.path.splitext(src)[1] or ".xlsx"))
    shutil.copyfile(src, copy)
    state["doc"] = doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                                      (prop("Hidden", True),))
    if doc is None or not hasattr(doc, "Sheets"):
        raise Fail("LibreOffice could not load %s as a spreadsheet" % args.input)
    for (sheet, addr, value), is_text in assigns:
        if not doc.Sheets.hasByName(sheet):
            raise Fail("no sheet named %r (have: %s)" % (sheet, ", ".join(doc.Sheets.ElementNames)))
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(addr)
        if is_text:
            cell.setString(value)
        else:
            try:
                cell.setValue(float(value))
            except ValueError:
                raise Fail("--set value for %s!%s is not a number: %r" % (sheet, addr, value))
    doc.calculateAll()

    sheets, errors = dump(doc)
    if args.save_xlsx:
        # storeToURL can fail without raising (e.g. missing directory): save into tmp, copy out.
        saved = os.path.join(tmp, "out.xlsx")
        doc.storeToURL(uno.systemPathToFileUrl(saved),
                       (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        if not os.path.isfile(saved):
            raise Fail("LibreOffice did not write the xlsx copy")
        shutil.copyfile(saved, args.save_xlsx)

    # Compact but diffable: one JSON line per row / error.
    dj = lambda v: json.dumps(v, ensure_ascii=False)
    text = '{"sheets": {\n' + ",\n".join(
        " %s: [%s]" % (dj(n), ",".join("\n  " + dj(r) for r in rows))
        for n, rows in sheets.items()) + '\n},\n"errors": [' + \
        ",".join("\n " + dj(e) for e in errors) + "]}"
    json.loads(text)  # self-check
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")


def shutdown(state):
    """Ask soffice to quit, then kill its whole process group if it lingers."""
    proc, desktop, doc = state.get("proc"), state.get("desktop"), state.get("doc")
    if doc is not None:
        try:
            doc.close(True)
        except Exception:
            pass
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge usually dies under us (DisposedException): expected
    if proc is None:
        return
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice -> oosplash -> soffice.bin share a group
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def main():
    ap = argparse.ArgumentParser(description="Recalculate an xlsx in headless LibreOffice, dump JSON.")
    ap.add_argument("input")
    ap.add_argument("--set", action="append", default=[], metavar="'Sheet!A1=NUM'")
    ap.add_argument("--set-text", action="append", default=[], metavar="'Sheet!A1=TEXT'")
    ap.add_argument("--out", metavar="OUT.json")
    ap.add_argument("--save-xlsx", metavar="OUT.xlsx")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="lo_recalc_")
    state = {}

    def on_signal(signum, frame):
        raise Fail("interrupted by signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def watchdog():      # a hung UNO call can't be interrupted; killing soffice breaks it
        state["timed_out"] = True
        p = state.get("proc")
        if p is not None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass

    def last_resort():   # if even that didn't unblock us, bail out hard
        shutil.rmtree(tmp, ignore_errors=True)
        sys.stderr.write("lo_recalc: error: timed out after %d s (hard exit)\n" % TIMEOUT)
        os._exit(3)
    timers = [threading.Timer(TIMEOUT, watchdog), threading.Timer(TIMEOUT + 20, last_resort)]
    for t in timers:
        t.daemon = True
        t.start()

    status = 0
    try:
        run(args, tmp, state)
    except Exception as e:  # includes UNO exceptions and Fail
        msg = "timed out after %d s" % TIMEOUT if state.get("timed_out") else \
            ("%s: %s" % (type(e).__name__, e) if not isinstance(e, Fail) else str(e))
        sys.stderr.write("lo_recalc: error: %s\n" % " ".join(msg.split()))
        status = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        shutdown(state)
        shutil.rmtree(tmp, ignore_errors=True)
        for t in timers:
            t.cancel()
    return status


if __name__ == "__main__":
    sys.exit(main())
