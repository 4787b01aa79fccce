#!/usr/bin/env python3
"""`teamspiegel report --format xlsx|html` through the real command line, against the JSON of
the same report: a demo database, `report measures --by month` for one fixed period in JSON,
XLSX and HTML.

XLSX (openpyxl): the first sheet is "Over dit rapport", then a sheet per section with the header
frozen (A2); the rows of the sheets in order are the JSON rows; every number cell is a number
equal to the JSON value (a `_pct` or `pct_` cell the JSON value / 100 with a percent format), a
date a datetime with a date format, a boolean a boolean, no data an empty cell.

HTML (html.parser): one <svg> per chart (two per team section), each data-value equal to the
JSON value, the page well-formed XML and without errors from xmllint --html other than its HTML 4
parser not knowing the SVG elements; nothing fetched from elsewhere.

Privacy: without --with-details no youth code and no reason in either file; with it both.
Usage errors: xlsx without --out, --with-details or --lang with json.

Usage: cli_report_export.py TEAMSPIEGEL_BINARY
"""
import atexit
import datetime
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

ts = sys.argv[1]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def check(cond, what):
    if not cond:
        fail(what)
    return cond


tmp = tempfile.mkdtemp(prefix="ts-export-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
db = os.path.join(tmp, "export.db")
env = dict(os.environ, TZ="UTC")


def run(*args):
    p = subprocess.run([ts, "--db", db, *args], capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


rc, out, err = run("demo", "--teams", "2", "--years", "1", "--seed", "11")
if rc != 0:
    print("demo failed:", err)
    sys.exit(1)

# The last twelve whole months: the same period for every format, whatever today is.
today = datetime.date.today()
to = today.replace(day=1)
start = to.replace(year=to.year - 1)
PERIOD = ["--from", start.isoformat(), "--to", to.isoformat(), "--by", "month"]

rc, text, err = run("report", "measures", *PERIOD)
if not check(rc == 0, "json report: " + err):
    sys.exit(1)
report = json.loads(text)
rows = report["rows"]
check(len(rows) == 3 * 12, "36 rows (2 teams and all together, 12 months), got %d" % len(rows))


def json_value(row, key):
    v = row
    for part in key.split("."):
        v = v[part]
    return v


def flat_keys(row, prefix=""):
    for k, v in row.items():
        if isinstance(v, dict):
            yield from flat_keys(v, prefix + k + ".")
        else:
            yield prefix + k


KEYS = list(flat_keys(rows[0]))


def is_pct(key):
    leaf = key.split(".")[-1]
    return leaf.endswith("_pct") or leaf.startswith("pct_")


# --- XLSX -------------------------------------------------------------------------------------
xlsx = os.path.join(tmp, "r.xlsx")
rc, out, err = run("report", "measures", *PERIOD, "--format", "xlsx", "--out", xlsx)
check(rc == 0 and "wrote the measures report (36 rows)" in out, "xlsx written: %d %s %s" % (rc, out, err))
check(os.stat(xlsx).st_mode & 0o777 == 0o600, "a new xlsx is 0600")
wb = openpyxl.load_workbook(xlsx)
check(wb.sheetnames[0] == "Over dit rapport", "first sheet: " + wb.sheetnames[0])
about = {r[0]: r[1] for r in wb[wb.sheetnames[0]].iter_rows(values_only=True) if r[0]}
check(about.get("Eerste dag") == datetime.datetime(start.year, start.month, start.day), "about: first day %r" % about.get("Eerste dag"))
check(about.get("Indeling") == "Per maand", "about: split %r" % about.get("Indeling"))
check(isinstance(about.get("Gemaakt op"), datetime.datetime), "about: generated at is a date and time")
check(wb.sheetnames[1:] == sorted(t["name"] for t in json.loads(run("export")[1])["teams"]) + ["Alle teams samen"],
      "a sheet per team by name, then all teams: %r" % wb.sheetnames)

# One team: its sheet only, and the filter in the facts.
team_xlsx = os.path.join(tmp, "team.xlsx")
rc, out, err = run("report", "measures", *PERIOD, "--team", "de linde", "--format", "xlsx", "--out", team_xlsx)
if check(rc == 0, "xlsx of one team: " + err):
    twb = openpyxl.load_workbook(team_xlsx)
    check(twb.sheetnames == ["Over dit rapport", "De Linde"], "one team's sheets: %r" % twb.sheetnames)
    facts = {r[0]: r[1] for r in twb.worksheets[0].iter_rows(values_only=True) if r[0]}
    check(facts.get("Team") == "De Linde", "the team in the facts: %r" % facts.get("Team"))

sheet_rows = []
numbers = dates = pcts = 0
for name in wb.sheetnames[1:]:
    ws = wb[name]
    check(ws.freeze_panes == "A2", name + ": header frozen, got %r" % ws.freeze_panes)
    header = [c.value for c in ws[1]]
    check(header == KEYS, name + ": the header is the JSON keys")
    for r in ws.iter_rows(min_row=2):
        sheet_rows.append((name, {h: c for h, c in zip(header, r)}))
check(len(sheet_rows) == len(rows), "as many sheet rows as JSON rows: %d" % len(sheet_rows))
for i, ((name, cells), row) in enumerate(zip(sheet_rows, rows)):
    for key in KEYS:
        want, cell = json_value(row, key), cells[key]
        where = "%s row %d %s" % (name, i, key)
        if want is None:
            check(cell.value is None, where + ": empty for null, got %r" % cell.value)
        elif isinstance(want, bool):
            check(cell.value is want, where + ": boolean %r, got %r" % (want, cell.value))
        elif isinstance(want, (int, float)):
            if not check(isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool),
                         where + ": a number, got %r" % (cell.value,)):
                continue
            if is_pct(key):
                pcts += 1
                check(cell.number_format == "0.0%", where + ": percent format, got " + cell.number_format)
                check(math.isclose(cell.value, want / 100, rel_tol=1e-15, abs_tol=1e-300),
                      where + ": %r is not %r / 100" % (cell.value, want))
            else:
                numbers += 1
                # XLSX keeps 15-16 significant digits (libxlsxwriter writes %.16g).
                check(math.isclose(cell.value, want, rel_tol=1e-15), where + ": %r, JSON %r" % (cell.value, want))
        elif key in ("from", "to"):
            dates += 1
            check(isinstance(cell.value, datetime.datetime) and cell.value.date().isoformat() == want,
                  where + ": the date %s, got %r" % (want, cell.value))
            check("yy" in cell.number_format and "mm" in cell.number_format and "dd" in cell.number_format,
                  where + ": a date format, got " + cell.number_format)
        else:
            check(cell.value == want, where + ": text %r, got %r" % (want, cell.value))
check(numbers > 1000 and dates == 72 and pcts > 100, "cells compared: %d numbers, %d dates, %d percentages" % (numbers, dates, pcts))

# --- HTML -------------------------------------------------------------------------------------


class Page(html.parser.HTMLParser):
    """The sections, their charts and svgs, and per section the data-values of each key in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []  # {"svg": n, "charts": n, "values": {key: [value or None]}}
        self.key = None
        self.fetches = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "div" and "section" in cls:
            self.sections.append({"svg": 0, "charts": 0, "values": {}, "newpage": "newpage" in cls})
        elif tag == "div" and "chart" in cls:
            self.sections[-1]["charts"] += 1
        elif tag == "svg":
            self.sections[-1]["svg"] += 1
        elif tag == "tr":
            self.key = a.get("data-key")
        elif tag == "td" and self.key is not None:
            v = a.get("data-value")
            self.sections[-1]["values"].setdefault(self.key, []).append(None if v is None else float(v))
        for name in ("src", "href"):
            if name in a:
                self.fetches.append(a[name])

    def handle_endtag(self, tag):
        if tag == "tr":
            self.key = None


htmlfile = os.path.join(tmp, "r.html")
rc, out, err = run("report", "measures", *PERIOD, "--format", "html", "--out", htmlfile)
check(rc == 0, "html written: " + err)
page_text = open(htmlfile, encoding="utf-8").read()
rc, stdout_html, err = run("report", "measures", *PERIOD, "--format", "html")
check(rc == 0 and stdout_html.split("<body>")[1] == page_text.split("<body>")[1], "html to standard output is the same page")
page = Page()
page.feed(page_text)
check(not page.fetches, "nothing fetched from elsewhere: %r" % page.fetches[:3])
check("<link" not in page_text and "<script" not in page_text, "no link and no script")
check(len(page.sections) == 3, "a section per team and one for all: %d" % len(page.sections))
check([s["newpage"] for s in page.sections] == [False, True, True], "a page break before each section after the first")
for s, section in enumerate(page.sections):
    check(section["charts"] == 2 and section["svg"] == 2, "section %d: two charts, one <svg> each (%d charts, %d svg)" %
          (s, section["charts"], section["svg"]))
compared = 0
for s, section in enumerate(page.sections):
    team_rows = rows[s * 12:(s + 1) * 12]
    for key in KEYS:
        if key in ("team_id", "team", "from", "to") or key.startswith("previous."):
            check(key not in section["values"], "section %d: %s not in the HTML" % (s, key))
            continue
        got = section["values"].get(key)
        if not check(got is not None and len(got) == 12, "section %d: %s for each of 12 months" % (s, key)):
            continue
        for m, (value, row) in enumerate(zip(got, team_rows)):
            want = json_value(row, key)
            if isinstance(want, bool) or not isinstance(want, (int, float)):
                check(value is None, "section %d month %d %s: no data-value for %r" % (s, m, key, want))
            else:
                compared += 1
                check(value == want, "section %d month %d %s: data-value %r, JSON %r" % (s, m, key, value, want))
check(compared > 1000, "HTML values compared: %d" % compared)
# Dutch by default: a decimal comma in the numbers read.
check(re.search(r'data-value="[0-9]+\.[0-9]+">[0-9]+,[0-9]', page_text), "numbers with a decimal comma")
rc, en_text, err = run("report", "measures", *PERIOD, "--format", "html", "--lang", "en")
check(rc == 0 and re.search(r'data-value="[0-9]+\.[0-9]+">[0-9]+\.[0-9]', en_text) and "All teams together" in en_text,
      "--lang en: a decimal point and English words")

# Well-formed XML, and xmllint's HTML parser only misses the SVG elements.
try:
    ET.fromstring(page_text.replace("<!DOCTYPE html>", ""))
except ET.ParseError as e:
    fail("the page is not well-formed: %s" % e)
lint = subprocess.run(["xmllint", "--html", "--noout", htmlfile], capture_output=True, text=True)
svg_tags = "svg|title|line|rect|text|polyline|circle"
other = [l for l in lint.stderr.splitlines() if "error" in l and not re.search(r"Tag (%s) invalid" % svg_tags, l)]
check(lint.returncode == 0 and not other, "xmllint --html: %r" % other[:3])

# --- privacy ----------------------------------------------------------------------------------
bundle = json.loads(run("export")[1])
codes = {y["code"] for y in bundle["youths"]}
reasons = {m["reason"] for m in bundle["measures"] if m["reason"]}
check(codes and reasons, "the demo has youth codes and reasons")


def xlsx_text(path):
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def found(text, words):
    return sorted(w for w in words if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text))


for what, text in (("html", page_text), ("xlsx", xlsx_text(xlsx))):
    check(not found(text, codes), what + " without details: no youth code, found %r" % found(text, codes)[:3])
    check(not found(text, reasons), what + " without details: no reason")
detail_html = os.path.join(tmp, "d.html")
detail_xlsx = os.path.join(tmp, "d.xlsx")
rc1, _, err1 = run("report", "measures", *PERIOD, "--format", "html", "--with-details", "--out", detail_html)
rc2, _, err2 = run("report", "measures", *PERIOD, "--format", "xlsx", "--with-details", "--out", detail_xlsx)
check(rc1 == 0 and rc2 == 0, "with details: " + err1 + err2)
if rc1 == 0 and rc2 == 0:
    dh = open(detail_html, encoding="utf-8").read()
    check(found(dh, codes) and found(dh, reasons), "html with details: youth codes and reasons")
    dwb = openpyxl.load_workbook(detail_xlsx)
    check(dwb.sheetnames[-1] == "Maatregelen", "xlsx with details: a last sheet of the measures, got %r" % dwb.sheetnames)
    ws = dwb[dwb.sheetnames[-1]]
    check([c.value for c in ws[1]] == ["Team", "Begin", "Jongere", "Soort", "Minuten", "Reden"], "details header %r" % [c.value for c in ws[1]])
    in_period = [m for m in bundle["measures"] if start.isoformat() <= m["started_at"][:10] < to.isoformat()]
    check(ws.max_row - 1 == len(in_period), "a row per measure of the period: %d, bundle %d" % (ws.max_row - 1, len(in_period)))
    check(isinstance(ws["B2"].value, datetime.datetime), "the start is a date and time")

# --- usage ------------------------------------------------------------------------------------
rc, out, err = run("report", "measures", "--format", "xlsx")
check(rc == 2 and "--format xlsx: needs --out" in err and out == "", "xlsx to standard output refused: %d %r" % (rc, err))
rc, out, err = run("report", "measures", "--format", "xlsx", "--out", "-")
check(rc == 2 and "needs --out" in err, "xlsx to - refused")
rc, out, err = run("report", "measures", "--with-details")
check(rc == 2 and "--with-details: only with --format xlsx or html" in err, "--with-details with json refused: %r" % err)
rc, out, err = run("report", "measures", "--format", "csv", "--lang", "en")
check(rc == 2 and "--lang" in err, "--lang with csv refused")
rc, out, err = run("report", "measures", "--format", "pdf")
check(rc == 2 and "expected json, csv, xlsx or html" in err, "an unknown format refused")
missing = os.path.join(tmp, "no-such-folder", "r.xlsx")
rc, out, err = run("report", "measures", "--format", "xlsx", "--out", missing)
check(rc == 1 and missing in err and not os.path.exists(os.path.dirname(missing)), "a missing folder named: %r" % err)

if failures:
    print("%d failures" % len(failures))
    sys.exit(1)
print("ok")
