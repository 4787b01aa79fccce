#!/usr/bin/env python3
"""The HTML report in a real browser: Debian's chromium, headless, prints it to PDF; pdftoppm
renders its first page at 60 dpi; the page must not be blank (enough dark pixels: the title,
the facts, the axis) and must show the first chart's bars (enough pixels of the Okabe-Ito orange
of the first measure type). The HTML must hold one <svg> per chart.

Exit 77 (SKIPPED in CTest) when chromium is missing or cannot print even a trivial page (no
sandbox support, no /dev/shm, ...), with the reason.

Usage: browser_report.py TEAMSPIEGEL_BINARY
"""
import glob
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
ts = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="ts-browser-")


def done(code, message):
    print(message)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(code)


chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    done(SKIP, "SKIPPED: chromium is not installed (apt-get install chromium)")
pdftoppm = shutil.which("pdftoppm")
if not pdftoppm:
    done(SKIP, "SKIPPED: pdftoppm is not installed (apt-get install poppler-utils)")

env = dict(os.environ, TZ="UTC", HOME=tmp)
env.pop("DISPLAY", None)


def print_pdf(html, pdf):
    """chromium --print-to-pdf; returns (ok, what it said)."""
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--user-data-dir=" + os.path.join(tmp, "profile"), "--print-to-pdf=" + pdf, "file://" + html]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=90, env=env)
    except subprocess.TimeoutExpired:
        return False, "timed out after 90 s"
    ok = p.returncode == 0 and os.path.exists(pdf) and os.path.getsize(pdf) > 0
    return ok, (p.stderr or "")[-600:]


# Can this chromium print at all? If not, the test cannot say anything about the report.
probe_html = os.path.join(tmp, "probe.html")
with open(probe_html, "w") as f:
    f.write("<!DOCTYPE html><html><body><p>probe</p></body></html>")
ok, said = print_pdf(probe_html, os.path.join(tmp, "probe.pdf"))
if not ok:
    done(SKIP, "SKIPPED: chromium cannot print a page here: " + said)

db = os.path.join(tmp, "b.db")
p = subprocess.run([ts, "--db", db, "demo", "--teams", "2", "--years", "1", "--seed", "5"], capture_output=True, text=True, env=env)
if p.returncode != 0:
    done(1, "FAIL: demo: " + p.stderr)
html = os.path.join(tmp, "report.html")
p = subprocess.run([ts, "--db", db, "report", "measures", "--by", "month", "--format", "html", "--out", html],
                   capture_output=True, text=True, env=env)
if p.returncode != 0:
    done(1, "FAIL: report: " + p.stderr)
text = open(html, encoding="utf-8").read()
failures = []
charts, svgs = text.count('<div class="chart">'), text.count("<svg ")
if not (charts == 6 and svgs == charts and text.count("</svg>") == charts):
    failures.append("one <svg> per chart: %d charts (6 expected: 2 per section), %d <svg>" % (charts, svgs))

pdf = os.path.join(tmp, "report.pdf")
ok, said = print_pdf(html, pdf)
if not ok:
    done(1, "FAIL: chromium printed the probe but not the report: " + said)
subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", pdf, os.path.join(tmp, "page")], check=True, timeout=60)
pngs = sorted(glob.glob(os.path.join(tmp, "page-*.png")))
if not pngs:
    done(1, "FAIL: pdftoppm made no PNG")


def read_png(path):
    """Width, height and the rows of RGB(A) bytes of an 8-bit, non-interlaced PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (0, 2, 6), "PNG kind %d/%d" % (depth, colour)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    bpp = {0: 1, 2: 3, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


width, height, bpp, rows = read_png(pngs[0])
dark = orange = 0
for row in rows:
    for x in range(0, width * bpp, bpp):
        r, g, b = (row[x], row[x], row[x]) if bpp == 1 else row[x:x + 3]
        if r + g + b < 3 * 160:
            dark += 1
        # Okabe-Ito orange #E69F00, blurred a little by the rendering.
        if r > 200 and 130 < g < 190 and b < 80:
            orange += 1
total = width * height
print("page 1: %dx%d, %d dark pixels (%.2f %%), %d orange" % (width, height, dark, 100.0 * dark / total, orange))
if width < 400 or height < 600:
    failures.append("page 1 is %dx%d at 60 dpi, not A4 (496x702)" % (width, height))
if dark < total * 0.01:
    failures.append("page 1 is blank: %d dark pixels of %d" % (dark, total))
if orange < 200:
    failures.append("page 1 shows no bars of the first series (orange): %d pixels" % orange)
if failures:
    done(1, "FAIL: " + "; ".join(failures))
done(0, "ok")
