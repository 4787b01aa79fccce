#!/usr/bin/python3
"""The same number on screen, in JSON, in XLSX and in HTML (issue 11's acceptance).

Renders the manager overview under Xvfb with `screenshot --screen managers --values` (the cells
as the screen drew them, by probe name), writes `report teams` as JSON, XLSX and HTML for the
same period (this quarter so far, the default of both), and holds every cell of the screen to
the JSON figure rounded as the screen rounds, and every XLSX cell and HTML data-value to the JSON
value itself. Run: same_number.py TEAMSPIEGEL (it starts its own Xvfb).
"""
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

BIN = sys.argv[1]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def run(*args):
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


def half_away(x, decimals):
    f = 10 ** decimals
    return math.copysign(math.floor(abs(x) * f + 0.5), x) / f


def number(text):
    """A number as the screen writes it: Dutch decimal comma, an optional % sign."""
    m = re.search(r"-?\d+(?:,\d+)?", text)
    return float(m.group(0).replace(",", ".")) if m else None


class Cells(html.parser.HTMLParser):
    """The overview table of the HTML: its data-key headings and each row's data-values."""

    def __init__(self):
        super().__init__()
        self.keys, self.rows, self.row, self.in_team = [], [], None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "th" and "data-key" in a:
            self.keys.append(a["data-key"])
        elif tag == "tr":
            self.row = []
        elif tag == "td" and self.row is not None:
            self.row.append(a.get("data-value"))
            self.in_team = a.get("class") == "text"

    def handle_data(self, data):
        if self.in_team and self.row is not None and data.strip():
            self.row[-1] = data.strip()
            self.in_team = False

    def handle_endtag(self, tag):
        if tag == "tr" and self.row:
            self.rows.append(self.row)
        if tag == "tr":
            self.row = None


def flat(row, prefix=""):
    out = []
    for k, v in row.items():
        if isinstance(v, dict):
            out += flat(v, prefix + k + ".")
        else:
            out.append((prefix + k, v))
    return out


def main():
    if shutil.which("xvfb-run") is None:
        sys.exit("xvfb-run not found (Debian package xvfb)")
    tmp = tempfile.mkdtemp(prefix="ts-same-number-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    db = os.path.join(tmp, "t.db")
    run("--db", db, "demo", "--teams", "6", "--years", "2")
    values = os.path.join(tmp, "cells.json")
    r = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", BIN, "--db", db, "screenshot", "--screen", "managers",
                        "--out", os.path.join(tmp, "m.png"), "--values", values], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"screenshot: exit {r.returncode}: {r.stderr}")
    screen = json.load(open(values))
    doc = json.loads(run("--db", db, "report", "teams"))
    rows = doc["rows"]
    check(len(rows) == 6, f"6 teams in the report, got {len(rows)}")

    # 1. Screen against JSON, every cell of every team.
    for row in rows:
        team = row["team"]

        def cell(name):
            v = screen.get(f"managers.cell.{team}.{name}")
            check(v is not None, f"{team}: no cell {name} on screen")
            return v or ""

        a, m, i = row["actions"], row["measures"], row["incidents"]
        check(cell("team") == team, f"{team}: team cell {cell('team')!r}")
        for name, want in (("open", row["open_or_in_progress"]), ("overdue", a["overdue"]), ("stale", a["stale"]),
                           ("incidents", i["count"]), ("reportable_past_deadline", i["reportable_past_deadline"])):
            check(number(cell(name)) == want, f"{team}: {name} on screen {cell(name)!r}, JSON {want}")
        for name, want, decimals in (("done_on_time_pct", a["done_on_time_pct"], 0), ("median_days_to_done", a["median_days_to_done"], 0),
                                     ("per_1000_care_days", m["per_1000_care_days"], 1)):
            shown = cell(name)
            if want is None:
                check(shown == "—", f"{team}: {name} has no data, screen shows {shown!r}")
            else:
                check(number(shown) == half_away(want, decimals), f"{team}: {name} on screen {shown!r}, JSON {want}")
        change = cell("change_pct")
        if m["change_pct"] is None:
            check(change == "—", f"{team}: change has no data, screen shows {change!r}")
        else:
            pct = half_away(abs(m["change_pct"]), 0)
            arrow = "=" if pct == 0 else ("▲" if m["change_pct"] > 0 else "▼")
            check(change.startswith(arrow), f"{team}: change {change!r} for {m['change_pct']}: arrow {arrow}")
            if pct != 0:
                check(number(change) == pct and ("lager" in change or "hoger" in change), f"{team}: change {change!r} for {m['change_pct']}")
        weeks = row["weeks_since_last_meeting"]
        meeting = cell("last_meeting")
        if weeks is None:
            check(meeting == "nog geen", f"{team}: no meeting, screen {meeting!r}")
        elif weeks == 0:
            check(meeting == "deze week", f"{team}: meeting this week, screen {meeting!r}")
        else:
            check(number(meeting) == weeks and "geleden" in meeting, f"{team}: {weeks} weeks, screen {meeting!r}")
        check(cell("blocks") == f"{row['blocks_reflected_6_months']} van {row['blocks_total']}", f"{team}: blocks {cell('blocks')!r}")

    # 2. XLSX against JSON: the columns are the JSON keys in order; every value the same.
    xlsx = os.path.join(tmp, "t.xlsx")
    run("--db", db, "report", "teams", "--format", "xlsx", "--out", xlsx)
    wb = openpyxl.load_workbook(xlsx)
    check(wb.sheetnames[0] == "Over dit rapport", f"first sheet {wb.sheetnames[0]!r}")
    ws = wb[wb.sheetnames[1]]
    check(ws.freeze_panes == "A2", f"frozen header: {ws.freeze_panes}")
    sheet_rows = list(ws.iter_rows(min_row=2, values_only=True))
    check(len(sheet_rows) == len(rows), f"{len(sheet_rows)} rows in the sheet, {len(rows)} in the JSON")
    for row, got in zip(rows, sheet_rows):
        for (key, want), value in zip(flat(row), got):
            where = f"xlsx {row['team']}.{key}"
            if want is None:
                check(value is None, f"{where}: {value!r} for no data")
            elif isinstance(want, bool) or isinstance(want, str):
                if key in ("from", "to", "last_meeting"):
                    check(value is not None and value.strftime("%Y-%m-%d") == want, f"{where}: {value!r} for the date {want}")
                else:
                    check(value == want, f"{where}: {value!r} for {want!r}")
            else:
                check(isinstance(value, (int, float)) and not isinstance(value, bool), f"{where}: {value!r} is not a number")
                expected = want / 100 if key.endswith("_pct") else want
                check(isinstance(value, (int, float)) and math.isclose(value, expected, rel_tol=1e-15, abs_tol=1e-15),
                      f"{where}: {value!r} for {want!r}")

    # 3. HTML against JSON: the overview's columns by data-key, each data-value exact.
    page = os.path.join(tmp, "t.html")
    run("--db", db, "report", "teams", "--format", "html", "--out", page)
    p = Cells()
    p.feed(open(page, encoding="utf-8").read())
    table = [r for r in p.rows if len(r) == len(p.keys)]
    check(len(table) == len(rows), f"{len(table)} team rows in the HTML, {len(rows)} in the JSON")
    check(p.keys[:2] == ["team", "open_or_in_progress"], f"HTML columns {p.keys}")
    for row, got in zip(rows, table):
        values = dict(flat(row))
        for key, text in zip(p.keys, got):
            want = values[key]
            where = f"html {row['team']}.{key}"
            if key == "team" or key == "last_meeting":
                continue
            if want is None:
                check(text is None, f"{where}: {text!r} for no data")
            else:
                check(text is not None and float(text) == float(want), f"{where}: {text!r} for {want!r}")
        check(got[0] == row["team"], f"html row {got[0]!r} for {row['team']!r}")

    shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("\n".join(failures[:40]))
        sys.exit(f"{len(failures)} cells differ")
    print(f"the same numbers: {len(rows)} teams on screen, in JSON, XLSX and HTML")


main()
