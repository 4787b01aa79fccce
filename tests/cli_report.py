#!/usr/bin/env python3
"""`teamspiegel report` through the real command line, on a database imported from a hand-made
bundle (tests/report/report_bundle.json: two teams, one of them named like a spreadsheet
formula, a few measures, incidents, a meeting and an action in 2025) with a fixed period, so the
answers do not depend on today.

Checks every report in JSON and CSV: exit codes, the JSON parses, its keys, the rows (teams by
name, then all together; one per sub-period), figures known from the bundle by hand, the CSV
header and rows against the JSON, the formula guard, --out, the default period and the usage
errors.

Usage: cli_report.py TEAMSPIEGEL_BINARY BUNDLE DATA_DIR
"""
import atexit
import csv
import datetime
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

ts, bundle, data_dir = sys.argv[1:4]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def check(cond, what):
    if not cond:
        fail(what)
    return cond


tmp = tempfile.mkdtemp(prefix="ts-report-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
db = os.path.join(tmp, "report.db")
env = dict(os.environ, TZ="UTC")


def run(*args):
    p = subprocess.run([ts, "--db", db, *args], capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


rc, out, err = run("import", bundle)
if rc != 0:
    print("import failed:", err)
    sys.exit(1)

PERIOD = ["--from", "2025-01-01", "--to", "2026-01-01"]
LINDE = "5e000000-0000-4000-8000-000000000001"
FORMULA_TEAM = "=cmd|' /C calc'!A0"
FORMULA_ID = "5e000000-0000-4000-8000-000000000002"
# Teams by name (byte order: "=" comes before "B"), then all teams together. Neither the ids'
# order nor the bundle's: Bloesem (no records at all, inactive) has the last id.
TEAM_ORDER = [FORMULA_TEAM, "Bloesem", "De Linde", None]

data = lambda name: json.load(open(os.path.join(data_dir, name), encoding="utf-8"))
MEASURE_TYPES = [t["code"] for t in data("measure_types.json")["types"]]
CATEGORIES = [c["code"] for c in data("incident_categories.json")["categories"]]
RECOMMENDATIONS = [r["id"] for b in data("guideline.json")["building_blocks"] for r in b["recommendations"]]
WARNINGS = {"emergency_without_consent", "emergency_over_3_days", "seclusion_under_12", "open_setting", "no_debrief"}
HEAD = ["team_id", "team", "from", "to"]
MEASURE_FIGURES = ["care_days", "youths_in_care", "measures", "ongoing", "per_1000_care_days", "hours_per_1000_hours",
                   "pct_youths_with_measure", "interventions", "pct_debrief", "pct_parents_informed", "warnings", "by_type"]
INCIDENT_FIGURES = ["care_days", "count", "per_1000_care_days", "reportable", "reportable_past_deadline", "by_category",
                    "by_severity"]
KEYS = {
    "measures": HEAD + MEASURE_FIGURES + ["previous", "change_pct", "goal"],
    "incidents": HEAD + INCIDENT_FIGURES + ["previous", "change_pct"],
    "actions": HEAD + ["agreed", "open", "in_progress", "overdue", "done", "dropped", "stale", "due", "done_on_time",
                       "done_on_time_pct", "completed", "median_days_to_done"],
    "guideline": HEAD + ["meetings", "blocks_reflected", "recommendations"],
}


def report(kind, *args):
    rc, out, err = run("report", kind, *args)
    if not check(rc == 0, f"report {kind} {' '.join(args)}: exit {rc}: {err}"):
        return None
    return out


def report_json(kind, *args):
    out = report(kind, *args)
    if out is None:
        return None
    try:
        return json.loads(out)
    except ValueError as e:
        fail(f"report {kind} {' '.join(args)}: not JSON ({e})")
        return None


def flatten(obj, prefix=""):
    """The CSV columns of a JSON row: nested keys joined with '.'."""
    cols = []
    for k, v in obj.items():
        if isinstance(v, dict):
            cols += flatten(v, prefix + k + ".")
        else:
            cols.append((prefix + k, v))
    return cols


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12)


def row_of(rows, team, frm="2025-01-01"):
    for r in rows:
        if r["team"] == team and r["from"] == frm:
            return r
    fail(f"no row of {team} from {frm}")
    return None


def check_shape(kind, doc, by, teams=TEAM_ORDER, parts=1):
    what = f"{kind} by {by}"
    check(list(doc.keys()) == ["report", "from", "to", "by", "generated_at", "rows"], f"{what}: top-level keys {list(doc)}")
    check(doc["report"] == kind, f"{what}: report {doc['report']}")
    check(doc["from"] == "2025-01-01" and doc["to"] == "2026-01-01", f"{what}: period {doc['from']} {doc['to']}")
    check(doc["by"] == by, f"{what}: by {doc['by']}")
    check(doc["generated_at"].endswith("Z") and len(doc["generated_at"]) == 20, f"{what}: generated_at {doc['generated_at']}")
    rows = doc["rows"]
    if not check(len(rows) == len(teams) * parts, f"{what}: {len(rows)} rows, expected {len(teams) * parts}"):
        return
    for i, r in enumerate(rows):
        team = teams[i // parts]
        check(r["team"] == team, f"{what}: row {i} is of {r['team']}, expected {team}")
        check((r["team_id"] is None) == (team is None), f"{what}: row {i} team_id {r['team_id']}")
        check(list(r.keys()) == KEYS[kind], f"{what}: row {i} keys {list(r.keys())}")
    first = rows[:parts]
    check(first[0]["from"] == "2025-01-01" and first[-1]["to"] == "2026-01-01", f"{what}: sub-periods do not cover the period")
    for a, b in zip(first, first[1:]):
        check(a["to"] == b["from"], f"{what}: a gap between {a['to']} and {b['from']}")
    cols = [c for c, _ in flatten(rows[0])]
    for r in rows:
        check([c for c, _ in flatten(r)] == cols, f"{what}: rows with different keys")
    if kind in ("measures", "incidents"):
        check(list(rows[0]["previous"].keys()) == (MEASURE_FIGURES if kind == "measures" else INCIDENT_FIGURES),
              f"{what}: previous keys {list(rows[0]['previous'])}")
    if kind == "measures":
        for r in rows:
            check(set(r["warnings"]) == WARNINGS, f"{what}: warnings {list(r['warnings'])}")
            check(list(r["by_type"]) == MEASURE_TYPES, f"{what}: by_type {list(r['by_type'])}")
            check(list(r["goal"]) == ["reduction_goal_pct", "target_per_1000_care_days", "on_track"], f"{what}: goal {r['goal']}")
    if kind == "incidents":
        for r in rows:
            check(list(r["by_category"]) == CATEGORIES, f"{what}: by_category {list(r['by_category'])}")
            check(list(r["by_severity"]) == ["1", "2", "3", "4"], f"{what}: by_severity {list(r['by_severity'])}")
    if kind == "guideline":
        for r in rows:
            check(list(r["recommendations"]) == RECOMMENDATIONS, f"{what}: recommendations {list(r['recommendations'])}")
            check(isinstance(r["blocks_reflected"], list), f"{what}: blocks_reflected {r['blocks_reflected']}")


def csv_value(v):
    """What the CSV cell of a JSON value reads, before the formula guard."""
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, list):
        return ";".join(v)
    return v


def check_csv(kind, args, doc):
    text = report(kind, *args, "--format", "csv")
    if text is None or doc is None:
        return None
    what = f"{kind} csv {' '.join(args)}"
    raw = text.encode("utf-8")
    check(raw.endswith(b"\r\n"), f"{what}: does not end with CRLF")
    check(b"\n" not in raw.replace(b"\r\n", b""), f"{what}: a bare LF")
    table = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = table[0], table[1:]
    cols = flatten(doc["rows"][0])
    check(header == [c for c, _ in cols], f"{what}: header {header[:8]}…")
    check(len(rows) == len(doc["rows"]), f"{what}: {len(rows)} rows, JSON has {len(doc['rows'])}")
    for r, jr in zip(rows, doc["rows"]):
        for cell, (col, v) in zip(r, flatten(jr)):
            expected = csv_value(v)
            if isinstance(expected, str):
                if expected[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    expected = "'" + expected
                check(cell == expected, f"{what}: {col} is {cell!r}, JSON {v!r}")
            else:
                check(float(cell) == float(expected), f"{what}: {col} is {cell!r}, JSON {v!r}")
    return text


docs = {}
for kind in KEYS:
    for by, parts in ((None, 1), ("quarter", 4), ("month", 12)):
        args = PERIOD + (["--by", by] if by else [])
        doc = report_json(kind, *args)
        if doc is None:
            continue
        docs[(kind, by)] = doc
        check_shape(kind, doc, by, parts=parts)
        check_csv(kind, args, doc)
    # One team: its rows only.
    doc = report_json(kind, *PERIOD, "--team", "De Linde", "--by", "quarter")
    if doc:
        check_shape(kind, doc, "quarter", teams=["De Linde"], parts=4)
        check(all(r["team_id"] == LINDE for r in doc["rows"]), f"{kind} --team: team_id")

# Figures known from the bundle by hand (the whole of 2025). A missing key is a failure too.
def known_figures():
    m = docs.get(("measures", None))
    if m:
        linde, other, alls = (row_of(m["rows"], t) for t in ("De Linde", FORMULA_TEAM, None))
        # J-01 in care all year (365 days), J-02 from 1 March to 1 September (184 days).
        check(linde["care_days"] == 365 + 184, f"De Linde care_days {linde['care_days']}")
        check(linde["youths_in_care"] == 2, f"youths_in_care {linde['youths_in_care']}")
        check(linde["measures"] == 3, f"De Linde measures {linde['measures']}")
        check(close(linde["per_1000_care_days"], 3 / 549 * 1000), f"per_1000_care_days {linde['per_1000_care_days']}")
        check(close(linde["pct_youths_with_measure"], 100.0), f"pct_youths_with_measure {linde['pct_youths_with_measure']}")
        # A debrief after the first hold only; parents informed of the first hold and the search.
        check(close(linde["pct_debrief"], 1 / 3 * 100), f"pct_debrief {linde['pct_debrief']}")
        check(close(linde["pct_parents_informed"], 2 / 3 * 100), f"pct_parents_informed {linde['pct_parents_informed']}")
        hold = linde["by_type"]["physical_hold"]
        # Two holds of 15 and 10 minutes, the second under 24 hours after the first: one intervention.
        check(hold["count"] == 2 and hold["interventions"] == 1, f"physical_hold {hold}")
        check(close(hold["mean_minutes"], 12.5) and close(hold["median_minutes"], 12.5), f"physical_hold minutes {hold}")
        check(linde["by_type"]["room_search"]["count"] == 1, f"room_search {linde['by_type']['room_search']}")
        check(linde["by_type"]["seclusion_cell"]["mean_minutes"] is None, "no seclusion_cell: mean_minutes null")
        check(linde["goal"]["reduction_goal_pct"] == 30, f"goal {linde['goal']}")
        check(other["care_days"] == 365 - 9 and other["measures"] == 1, f"the other team {other['care_days']} {other['measures']}")
        check(close(other["by_type"]["seclusion_room"]["mean_minutes"], 60.0), f"seclusion_room {other['by_type']['seclusion_room']}")
        check(alls["care_days"] == 549 + 356 and alls["measures"] == 4, f"all teams {alls['care_days']} {alls['measures']}")
        check(alls["goal"]["reduction_goal_pct"] is None, f"all teams goal {alls['goal']}")
        # 2024 had no measures: no change to speak of.
        check(linde["previous"]["measures"] == 0 and linde["change_pct"] is None, f"previous {linde['previous']['measures']} {linde['change_pct']}")
        empty = row_of(m["rows"], "Bloesem")
        check(empty["care_days"] == 0 and empty["measures"] == 0 and empty["per_1000_care_days"] is None
              and empty["goal"]["reduction_goal_pct"] == 10, f"a team without records {empty}")
    mq = docs.get(("measures", "quarter"))
    if mq:
        q1 = row_of(mq["rows"], "De Linde", "2025-01-01")
        q2 = row_of(mq["rows"], "De Linde", "2025-04-01")
        check(q1["to"] == "2025-04-01" and q1["measures"] == 2 and q2["measures"] == 1, f"quarters {q1['measures']} {q2['measures']}")
        check(q1["care_days"] == 90 + 31, f"Q1 care_days {q1['care_days']}")

    i = docs.get(("incidents", None))
    if i:
        linde, other = row_of(i["rows"], "De Linde"), row_of(i["rows"], FORMULA_TEAM)
        check(linde["count"] == 1 and linde["reportable"] == 1, f"De Linde incidents {linde['count']} {linde['reportable']}")
        check(linde["by_category"]["aggression_physical_staff"] == 1 and linde["by_severity"]["3"] == 1, "De Linde category/severity")
        check(other["by_category"]["absconding"] == 1 and other["by_severity"]["1"] == 1 and other["reportable"] == 0, "other incidents")
        check(close(linde["per_1000_care_days"], 1 / 549 * 1000), f"incidents per_1000 {linde['per_1000_care_days']}")

    a = docs.get(("actions", None))
    if a:
        linde, other = row_of(a["rows"], "De Linde"), row_of(a["rows"], FORMULA_TEAM)
        # Agreed on 10 March, due 1 April, done 25 March: 15 days, on time.
        check(linde["agreed"] == 1 and linde["done"] == 1 and linde["completed"] == 1, f"actions {linde}")
        check(linde["due"] == 1 and linde["done_on_time"] == 1 and close(linde["done_on_time_pct"], 100.0), f"on time {linde}")
        check(close(linde["median_days_to_done"], 15.0), f"median_days_to_done {linde['median_days_to_done']}")
        check(other["agreed"] == 0 and other["done_on_time_pct"] is None, f"the other team's actions {other}")

    g = docs.get(("guideline", None))
    if g:
        linde, other = row_of(g["rows"], "De Linde"), row_of(g["rows"], FORMULA_TEAM)
        k1 = linde["recommendations"]["veiligheid.k1"]
        check(linde["meetings"] == 1 and k1 == {"latest": "partly", "before_latest": None, "latest_on": "2025-03-10", "times_rated": 1},
              f"guideline {linde['meetings']} {k1}")
        check(other["meetings"] == 0 and other["recommendations"]["veiligheid.k1"]["latest"] is None, "the other team's guideline")


try:
    known_figures()
except (KeyError, TypeError, IndexError) as e:
    fail(f"known figures: {e!r}")


# The formula guard: the team named like a formula is text in the CSV, in JSON it is itself.
text = report("measures", *PERIOD, "--format", "csv")
if text:
    lines = text.split("\r\n")
    check(lines[1].startswith(FORMULA_ID + ",'=cmd|' /C calc'!A0,2025-01-01,2026-01-01,"), f"formula guard: {lines[1][:80]}")
    check(",=" not in text and not any(l.startswith("=") for l in lines), "an unguarded cell starting with =")
    check(lines[4].startswith(",,2025-01-01,2026-01-01,"), f"all teams row: {lines[4][:40]}")
    check(len(lines) == 6 and lines[5] == "", f"{len(lines) - 1} CSV lines, expected a header and 4 rows")

# --out writes the file (atomic, through OutputFile) and says so; an unwritable one is refused.
out_file = os.path.join(tmp, "m.csv")
rc, out, err = run("report", "measures", *PERIOD, "--format", "csv", "--out", out_file)
check(rc == 0 and out == f"wrote the measures report (4 rows) to {out_file}\n", f"--out: {rc} {out!r} {err}")
check(os.path.exists(out_file) and open(out_file, newline="").read() == text, "--out: the file differs from standard output")
check(os.path.exists(out_file) and oct(os.stat(out_file).st_mode & 0o777) == "0o600", "--out: a new file is not 0600")
rc, out, err = run("report", "measures", *PERIOD, "--format", "csv", "--out", "-")
check(rc == 0 and out == text, f"--out -: exit {rc}, not the report on standard output: {out[:60]!r}")
rc, out, err = run("report", "--help")
check(rc == 0 and all(f in out for f in ("REPORT", "--team", "--from", "--to", "--by", "--format", "--out")), f"report --help: {out}")
bad_out = os.path.join(tmp, "no-such-folder", "m.json")
rc, out, err = run("report", "measures", *PERIOD, "--out", bad_out)
check(rc == 1 and err.startswith("teamspiegel: error: " + bad_out), f"unwritable --out: {rc} {err!r}")

# JSON is written while the rows are made: to --out the same bytes as to standard output (the
# time it was made aside), through a temporary file that only a finished report replaces the
# file with. A report refused (too many rows) leaves the old file as it was.
stamp = re.compile(r'"generated_at": "[^"]*"')
for kind in ("measures", "incidents", "actions", "guideline"):
    json_out = os.path.join(tmp, f"{kind}.json")
    rc, out, err = run("report", kind, *PERIOD, "--by", "month", "--out", json_out)
    check(rc == 0 and out == f"wrote the {kind} report (48 rows) to {json_out}\n", f"{kind} --out: {rc} {out!r} {err}")
    rc, streamed, err = run("report", kind, *PERIOD, "--by", "month")
    written = open(json_out, encoding="utf-8").read() if os.path.exists(json_out) else ""
    check(rc == 0 and stamp.sub("", written) == stamp.sub("", streamed) and len(streamed) > 1000,
          f"{kind} --out: the file differs from standard output")
    check(oct(os.stat(json_out).st_mode & 0o777) == "0o600", f"{kind} --out: a new file is not 0600")
kept = os.path.join(tmp, "kept.json")
with open(kept, "w") as f:
    f.write("the old report")
rc, out, err = run("report", "measures", "--from", "1900-01-01", "--to", "9999-01-01", "--by", "month", "--out", kept)
check(rc == 1 and "more than 20000" in err and open(kept).read() == "the old report", f"refused report over a file: {rc} {err!r}")
check(not any(".tmp-" in n for n in os.listdir(tmp)), f"a temporary file was left behind: {os.listdir(tmp)}")

# The default period: the twelve months up to and including today.
tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
year_before = lambda d: d.replace(year=d.year - 1, day=28 if (d.month, d.day) == (2, 29) else d.day)
for args, frm, to in (([], year_before(tomorrow), tomorrow),
                      (["--from", "2025-06-01"], datetime.date(2025, 6, 1), tomorrow),
                      (["--to", "2025-06-01"], datetime.date(2024, 6, 1), datetime.date(2025, 6, 1))):
    doc = report_json("actions", *args)
    if doc:
        check((doc["from"], doc["to"]) == (frm.isoformat(), to.isoformat()),
              f"period of {args}: {doc['from']} {doc['to']}, expected {frm} {to}")
        check(doc["by"] is None and len(doc["rows"]) == 4, f"period of {args}: by {doc['by']}, {len(doc['rows'])} rows")

# Usage errors (exit 2, the flag named, nothing on stdout) and data errors (exit 1).
for args, code, says in (
        (["measures", "--from", "2025-13-01"], 2, "--from: expected a date YYYY-MM-DD"),
        (["measures", "--to", "1-1-2025"], 2, "--to: expected a date YYYY-MM-DD"),
        (["measures", "--from", "2025-02-30"], 2, "--from"),
        (["measures", "--from", "2025-06-01", "--to", "2025-06-01"], 2, "--from: 2025-06-01 is not before --to 2025-06-01"),
        (["measures", "--from", "2025-07-01", "--to", "2025-06-01"], 2, "is not before --to"),
        (["measures", "--from", "2999-01-01"], 2, "--from: 2999-01-01 is after today"),
        (["measures", "--by", "week"], 2, "--by: expected month, quarter or year"),
        (["measures", "--format", "xlsx"], 2, "--format xlsx: needs --out FILE.xlsx"),
        (["measures", "--format", "yaml"], 2, "--format: expected json, csv, xlsx or html"),
        (["measures", "--team", ""], 2, "--team"),
        (["minutes"], 2, "REPORT"),
        ([], 2, "REPORT"),
        (["measures", "--team", "Nergenshuis", *PERIOD], 1,
         "teamspiegel: error: no team named \"Nergenshuis\" (teams: =cmd|' /C calc'!A0, Bloesem, De Linde)\n"),
        # Four rows (three teams and all together) for each of 97,188 months.
        (["measures", "--from", "1900-01-01", "--to", "9999-01-01", "--by", "month"], 1,
         "teamspiegel: error: the report would have 388752 rows, more than 20000")):
    rc, out, err = run("report", *args)
    check(rc == code and says in err and out == "", f"report {' '.join(args)}: exit {rc}, stderr {err!r}, stdout {out[:60]!r}")
# The team named like a formula in the XLSX export: its sheet and its name cells are text, never
# a formula (the workbook holds no formula at all).
import openpyxl  # noqa: E402  (python3-openpyxl; only this part needs it)
xlsx = os.path.join(tmp, "formula.xlsx")
rc, out, err = run("report", "measures", *PERIOD, "--format", "xlsx", "--out", xlsx)
if check(rc == 0, f"xlsx of the hand-made bundle: {err}"):
    wb = openpyxl.load_workbook(xlsx)
    sheet = FORMULA_TEAM.replace("/", "_")  # no / in a sheet's name
    check(wb.sheetnames[1:] == [sheet, "Bloesem", "De Linde", "Alle teams samen"], f"sheets {wb.sheetnames}")
    cell = wb[sheet]["B2"] if sheet in wb.sheetnames else wb.worksheets[1]["B2"]
    check(cell.value == FORMULA_TEAM and cell.data_type == "s", f"the formula team's name is text: {cell.value!r} {cell.data_type}")
    check(not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row), "no formula in the workbook")
# A missing database is not created by a report.
missing = os.path.join(tmp, "missing.db")
p = subprocess.run([ts, "--db", missing, "report", "measures"], capture_output=True, env=env)
check(p.returncode == 1 and not os.path.exists(missing), f"missing database: exit {p.returncode}, created {os.path.exists(missing)}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("every report held")
