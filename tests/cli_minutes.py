#!/usr/bin/env python3
"""`teamspiegel minutes` through the real command line, on a database imported from a bundle
made here by hand: one team, a meeting with attendees, notes in every step (one naming a youth,
one with markup), an update of an earlier action, a new action linked to an incident, a rating,
an answer and the next date; the incident and a measure carry text private minutes leave out.

Checks: every section in Markdown and HTML with the known content; the Markdown through a
CommonMark parser (cmark) has the sections and steps as its headings and the team's text, also
text made to look like Markdown or HTML, as plain text; the HTML is well-formed (every tag opened
is closed, in order; checked by python's html.parser and by xmllint --html); --private leaves out youth codes and incident and measure text that
the minutes without it show; --out writes the same bytes, mode 0600, and to a folder that cannot
be written exits 1 and leaves nothing, an existing file is replaced keeping its mode; usage
errors exit 2 naming the flag, also a MEETING_ID that is no UUID; an unknown meeting exits 1; the
id in capitals is the same meeting; --private minutes of every demo meeting, with youth codes typed
into its notes and answers, hold no youth code and no incident or measure text.

Usage: cli_minutes.py TEAMSPIEGEL_BINARY DATA_DIR
"""
import atexit
import html.parser
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

ts, data_dir = sys.argv[1:3]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def check(cond, what):
    if not cond:
        fail(what)
    return cond


tmp = tempfile.mkdtemp(prefix="ts-minutes-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
db = os.path.join(tmp, "minutes.db")
env = dict(os.environ, TZ="UTC", TEAMSPIEGEL_DATA=data_dir)


def run(*args, db_path=None):
    p = subprocess.run([ts, "--db", db_path or db, *args], capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


guideline = json.load(open(os.path.join(data_dir, "guideline.json"), encoding="utf-8"))
template = json.load(open(os.path.join(data_dir, "templates", "teamreflectie.json"), encoding="utf-8"))
categories = json.load(open(os.path.join(data_dir, "incident_categories.json"), encoding="utf-8"))
category = categories["categories"][0]
block = guideline["building_blocks"][0]
recommendation = block["recommendations"][0]
question = guideline["reflection_questions"]["questions"][0]


def uid(n):
    return "5e000000-0000-4000-8000-%012d" % n


TEAM, MEETING, EARLIER = uid(1), uid(51), uid(52)
STAMP = "2026-03-12T16:00:00Z"
steps = [{"kind": s["kind"], "notes": "Notitie stap %d" % (k + 1), "seconds_used": 120 * (k + 1)}
         for k, s in enumerate(template["steps"])]
steps[2]["notes"] = "J-07 liep weg.\n<script>alert('x')</script> & <b>vet</b>"
# Every way a line of text could turn into Markdown structure.
HOSTILE = ("# kop\n- lijst\n+ lijst\n* lijst\n1. opsomming\n2) opsomming\n> citaat\n    code\n\n---\n===\n***\n"
           "[link](http://x.nl) ![beeld](x.png) <http://a.nl> `code` *em* _em_ **vet** ~~weg~~ | a | b |\n"
           "&amp; &#65; \\* eind \\\n<!-- c --> <div>blok</div>\n```\n~~~\n[ref]: http://x.nl\n[ref]")
steps[3]["notes"] = HOSTILE
bundle = {
    "format": "teamspiegel-bundle", "version": 1, "exported_at": "2026-03-13T10:00:00Z",
    "teams": [{"id": TEAM, "name": "De Linde", "location": "Leiden", "capacity": 8, "reduction_goal_pct": 30,
               "active": True, "updated_at": STAMP}],
    "members": [{"id": uid(11), "team_id": TEAM, "name": "Anna Bakker", "role": "coach", "updated_at": STAMP},
                {"id": uid(12), "team_id": TEAM, "name": "Bram Claassen", "role": "group_worker", "updated_at": STAMP},
                {"id": uid(13), "team_id": TEAM, "name": "Carla Dekker", "role": "group_worker", "updated_at": STAMP}],
    "youths": [{"id": uid(21), "team_id": TEAM, "code": "J-07", "age_at_admission": 14, "admitted_on": "2026-01-05",
                "discharged_on": None, "setting": "open", "updated_at": STAMP},
               {"id": uid(22), "team_id": TEAM, "code": "K-12", "age_at_admission": 15, "admitted_on": "2026-01-05",
                "discharged_on": None, "setting": "open", "updated_at": STAMP}],
    "measures": [{"id": uid(31), "team_id": TEAM, "youth_id": uid(22), "type": "room_search",
                  "started_at": "2026-03-03T14:10:00Z", "ended_at": None, "reason": "GEHEIM-MAATREGELREDEN",
                  "incident_id": uid(41), "emergency": False, "in_care_plan": True, "consent_by": None,
                  "consent_at": None, "decided_by": "Anna Bakker", "parents_informed_at": None,
                  "debrief_at": "2026-03-04T10:00:00Z", "notes": "GEHEIM-MAATREGELNOTITIE", "updated_at": STAMP}],
    "incidents": [{"id": uid(41), "team_id": TEAM, "occurred_at": "2026-03-03T14:00:00Z", "category": category["code"],
                   "severity": 3, "youth_ids": [uid(22)], "description": "GEHEIM-INCIDENTTEKST",
                   "response": "GEHEIM-REACTIE", "reportable": False, "follow_up": "", "updated_at": STAMP}],
    "meetings": [
        {"id": EARLIER, "team_id": TEAM, "template": "teamreflectie", "held_on": "2026-02-09", "facilitator": uid(11),
         "attendee_ids": [uid(11)], "state": "closed",
         "steps": [{"kind": s["kind"], "notes": "", "seconds_used": 0} for s in template["steps"]],
         "answers": [], "ratings": [], "updated_at": STAMP},
        {"id": MEETING, "team_id": TEAM, "template": "teamreflectie", "held_on": "2026-03-12", "facilitator": uid(11),
         "attendee_ids": [uid(11), uid(12)], "state": "closed", "next_meeting_on": "2026-04-09", "steps": steps,
         "answers": [{"question_id": question["id"], "text": "ANTWOORD-EEN"}],
         "ratings": [{"recommendation_id": recommendation["id"], "rating": "partly"}], "updated_at": STAMP}],
    "actions": [
        {"id": uid(61), "team_id": TEAM, "meeting_id": EARLIER, "title": "OUD-ACTIEPUNT", "description": "",
         "owner_id": uid(12), "due_on": "2026-03-01", "status": "done", "guideline_ref": None, "incident_id": None,
         "completed_at": "2026-03-12T14:00:00Z", "created_at": "2026-02-09T15:00:00Z", "updated_at": STAMP},
        {"id": uid(63), "team_id": TEAM, "meeting_id": MEETING, "title": "NIEUWE-AFSPRAAK", "description": "Voor J-07.",
         "owner_id": uid(12), "due_on": "2026-04-01", "status": "open", "guideline_ref": block["id"],
         "incident_id": uid(41), "completed_at": None, "created_at": "2026-03-12T15:00:00Z", "updated_at": STAMP}],
    "action_updates": [{"id": uid(71), "action_id": uid(61), "meeting_id": MEETING, "status": "done",
                        "note": "KLAAR-NOTITIE\n" + HOSTILE, "created_at": "2026-03-12T14:00:00Z", "updated_at": STAMP}],
}
bundle_path = os.path.join(tmp, "bundle.json")
with open(bundle_path, "w", encoding="utf-8") as f:
    json.dump(bundle, f, ensure_ascii=False)
rc, out, err = run("import", bundle_path)
if not check(rc == 0, "import of the hand-made bundle: rc %d, %s" % (rc, err)):
    sys.exit(1)

# --- every section, in both formats ----------------------------------------------------------
SECTIONS = ["Aanwezig", "Verloop", "Besproken actiepunten", "Nieuwe afspraken", "Kernaanbevelingen",
            "Reflectievragen", "Volgend overleg", "Bron"]
KNOWN = ["De Linde", "Teamreflectie", "donderdag 12 maart 2026", "Anna Bakker", "Bram Claassen",
         "Notitie stap 1", "Notitie stap 7", "OUD-ACTIEPUNT", "nieuwe status: klaar", "KLAAR-NOTITIE",
         "NIEUWE-AFSPRAAK", "eigenaar: Bram Claassen; klaar op: woensdag 1 april 2026", recommendation["text"]["nl"],
         "deels", question["text"]["nl"], "ANTWOORD-EEN", "donderdag 9 april 2026", guideline["source"]["title"]["nl"],
         guideline["source"]["url"], "incident van dinsdag 3 maart 2026, " + category["name"]["nl"]]
for s in template["steps"]:
    KNOWN.append(s["title"]["nl"])

rc, md, err = run("minutes", MEETING)
check(rc == 0 and err == "", "minutes (Markdown): rc %d, stderr %r" % (rc, err))
for s in SECTIONS:
    check("\n## %s\n" % s in md, "Markdown: section %s" % s)
for k in KNOWN:
    check(k in md, "Markdown: %r" % k)
check("Carla Dekker" not in md, "Markdown: a member who was not there is not listed")
check("<script>" not in md and "\\<script\\>" in md, "Markdown: the note's markup is escaped")


# The Markdown through a CommonMark parser (cmark, with raw HTML let through so that a leak would
# show): the sections and steps are the headings, and the team's text comes out as the same text,
# with no element but line breaks in it.
class Rendered(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.tags, self.cur = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "p", "li"):
            if self.cur is not None and tag == "li":  # a nested list: the outer item ends here
                self.blocks.append(self.cur)
            self.cur = [tag, "", []]
        elif tag == "br" and self.cur is not None:
            self.cur[1] += "\n"
        elif self.cur is not None:
            self.cur[2].append(tag)

    def handle_endtag(self, tag):
        if self.cur is not None and tag == self.cur[0]:
            self.blocks.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        if self.cur is not None:
            if self.cur[1].endswith("\n") and data.startswith("\n"):  # "<br />\n"
                data = data[1:]
            self.cur[1] += data


def shown(text):
    """A text as the minutes show it: its lines trimmed, blank ones left out."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


cm = subprocess.run(["cmark", "--unsafe"], input=md.encode("utf-8"), capture_output=True)
if check(cm.returncode == 0, "cmark runs (apt-get install cmark; scripts/debian-packages.txt)"):
    r = Rendered()
    r.feed(cm.stdout.decode("utf-8"))
    heads = [(t, x.strip()) for t, x, _ in r.blocks if t in ("h1", "h2", "h3")]
    want = [("h1", "Verslag: Teamreflectie · De Linde")] + [("h2", "Aanwezig"), ("h2", "Verloop")] + \
        [("h3", "%d. %s" % (k + 1, s["title"]["nl"])) for k, s in enumerate(template["steps"])] + \
        [("h2", s) for s in SECTIONS[2:]]
    check(heads == want, "CommonMark: the headings are the sections and steps, no more: %s" % heads)
    links = [x for t, x, inner in r.blocks if "a" in inner]
    check(len(links) == 1 and guideline["source"]["url"] in links[0], "CommonMark: the one link is the source's")
    check(not {"script", "b", "img", "code", "em", "del", "blockquote", "pre", "hr", "ol", "div", "table"} & set(r.tags),
          "CommonMark: no element from the team's text: %s" % sorted(set(r.tags)))
    texts = [(t, x.strip()) for t, x, inner in r.blocks]
    check(("p", shown(steps[2]["notes"])) in texts, "CommonMark: the note with markup is its text")
    check(("p", shown(HOSTILE)) in texts, "CommonMark: the hostile note is its text, line by line")
    item = [x for t, x, inner in r.blocks if t == "li" and x.startswith("OUD-ACTIEPUNT")]
    check(item == ["OUD-ACTIEPUNT — nieuwe status: klaar\nKLAAR-NOTITIE\n" + shown(HOSTILE)],
          "CommonMark: the update's note stays in its list item: %r" % item[:1])
    check("<!--" not in cm.stdout.decode("utf-8"), "CommonMark: no raw HTML")

rc, md2, _ = run("minutes", MEETING, "--format", "md")
check(rc == 0 and md2 == md, "--format md is the default")

rc, page, err = run("minutes", MEETING, "--format", "html")
check(rc == 0 and err == "", "minutes --format html: rc %d, stderr %r" % (rc, err))
for s in SECTIONS:
    check("<h2>%s</h2>" % s in page, "HTML: section %s" % s)
for k in KNOWN:
    check(k in page, "HTML: %r" % k)
check("<script" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in page,
      "HTML: the note's markup is text")
check("@page" in page and "A4" in page, "HTML: A4 print styles")
check("<link" not in page and "src=" not in page, "HTML: one self-contained file")


# A strict checker: every element opened is closed, in order; void elements stand alone.
class Strict(html.parser.HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.seen = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        if tag not in self.VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.seen.add(tag)
        if tag not in self.VOID:
            self.problems.append("<%s/> at %s" % (tag, self.getpos()))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            self.problems.append("</%s> at %s" % (tag, self.getpos()))
        elif not self.stack:
            self.problems.append("</%s> closes nothing at %s" % (tag, self.getpos()))
        elif self.stack[-1][0] != tag:
            self.problems.append("</%s> at %s closes <%s> of %s" % (tag, self.getpos(), *self.stack[-1]))
            self.stack.pop()
        else:
            self.stack.pop()


def well_formed(text, what):
    p = Strict()
    p.feed(text)
    p.close()
    check(text.startswith("<!DOCTYPE html>\n"), what + ": starts with the doctype")
    check(not p.problems, what + ": tags out of order: %s" % p.problems[:3])
    check(not p.stack, what + ": tags never closed: %s" % p.stack[:3])
    check({"html", "head", "body", "title", "style", "h1", "h2", "h3", "ul", "li", "p"} <= p.seen,
          what + ": the elements of the page (%s)" % sorted(p.seen))
    x = subprocess.run(["xmllint", "--html", "--noout", "-"], input=text.encode("utf-8"), capture_output=True)
    check(x.returncode == 0 and x.stderr == b"", what + ": xmllint --html (libxml2-utils): %s" % x.stderr.decode()[:300])


well_formed(page, "HTML")
# The checker itself finds a tag left open and one closed out of order.
broken = Strict()
broken.feed("<div><p>a</div>")
check(broken.problems and broken.stack, "the HTML checker finds tags out of order")

# --- private minutes ---------------------------------------------------------------------------
SECRETS = ["J-07", "K-12", "GEHEIM-INCIDENTTEKST", "GEHEIM-REACTIE", "GEHEIM-MAATREGEL", "ernst 3"]
for fmt, text in (("md", md), ("html", page)):
    for s in ["J-07", "K-12", "GEHEIM-INCIDENTTEKST", "ernst 3"]:
        check(s in text, "%s without --private shows %r (so the check below can fail)" % (fmt, s))
    rc, priv, err = run("minutes", MEETING, "--format", fmt, "--private")
    check(rc == 0, "%s --private: rc %d, %s" % (fmt, rc, err))
    for s in SECRETS:
        check(s not in priv, "%s --private: %r left out" % (fmt, s))
    check("liep weg." in priv and "jongere" in priv, "%s --private: the note stays, its code hidden" % fmt)
    check("incident van dinsdag 3 maart 2026, " + category["name"]["nl"] in priv,
          "%s --private: the incident by date and category" % fmt)
    for s in SECTIONS:
        check(s in priv, "%s --private: section %s" % (fmt, s))
    if fmt == "html":
        well_formed(priv, "HTML --private")

# --- English -----------------------------------------------------------------------------------
rc, en, err = run("minutes", MEETING, "--lang", "en")
check(rc == 0 and "## Present\n" in en and "Thursday 12 March 2026" in en, "--lang en: English minutes")

# --- --out -------------------------------------------------------------------------------------
target = os.path.join(tmp, "out", "verslag.html")
os.makedirs(os.path.dirname(target))
rc, out, err = run("minutes", MEETING, "--format", "html", "--out", target)
check(rc == 0 and "wrote the minutes" in out and target in out, "--out: rc %d, %r %r" % (rc, out, err))
if check(os.path.exists(target), "--out writes the file"):
    check(open(target, encoding="utf-8").read() == page, "--out: the same bytes as standard output")
    check(stat.S_IMODE(os.stat(target).st_mode) == 0o600, "--out: mode 0600")
check(os.listdir(os.path.dirname(target)) == ["verslag.html"], "--out leaves no temporary file")

# An existing file is replaced (as every --out does: a temporary file renamed over it), and
# keeps its mode.
os.chmod(target, 0o640)
rc, out, err = run("minutes", MEETING, "--out", target)
check(rc == 0 and open(target, encoding="utf-8").read() == md, "--out replaces an existing file: rc %d, %r" % (rc, err))
check(stat.S_IMODE(os.stat(target).st_mode) == 0o640, "--out: a replaced file keeps its mode")
check(os.listdir(os.path.dirname(target)) == ["verslag.html"], "--out over a file leaves no temporary file")
rc, out, err = run("minutes", MEETING, "--format", "html", "--out", target)

missing = os.path.join(tmp, "no-such-folder", "verslag.md")
rc, out, err = run("minutes", MEETING, "--out", missing)
check(rc == 1 and "no-such-folder" in err and out == "", "--out into a missing folder: rc %d, %r" % (rc, err))
check(not os.path.exists(os.path.dirname(missing)), "--out into a missing folder creates nothing")
if os.geteuid() != 0:  # root writes anywhere
    locked = os.path.join(tmp, "locked")
    os.makedirs(locked)
    os.chmod(locked, 0o500)
    rc, out, err = run("minutes", MEETING, "--out", os.path.join(locked, "verslag.md"))
    os.chmod(locked, 0o700)
    check(rc == 1 and "locked" in err, "--out into a read-only folder: rc %d, %r" % (rc, err))
    check(os.listdir(locked) == [], "--out into a read-only folder leaves nothing")
# A file where a folder should be: refused, nothing made.
rc, out, err = run("minutes", MEETING, "--out", os.path.join(target, "x.md"))
check(rc == 1 and "x.md" in err, "--out below a file: rc %d, %r" % (rc, err))
check(os.listdir(os.path.dirname(target)) == ["verslag.html"], "--out below a file leaves nothing")

# --- errors --------------------------------------------------------------------------------------
for args, rc_want, says in (
        (["minutes"], 2, "MEETING_ID"),
        (["minutes", MEETING, "--format", "pdf"], 2, "--format: expected md or html, got \"pdf\""),
        (["minutes", MEETING, "--lang", "de"], 2, "--lang: expected nl or en"),
        (["minutes", MEETING, "--out", ""], 2, "--out: expected a file name"),
        (["minutes", MEETING, "--no-such-flag"], 2, "--no-such-flag"),
        (["minutes", "5e000000-0000-4000-8000-999999999999"], 1,
         "no meeting with id \"5e000000-0000-4000-8000-999999999999\""),
        (["minutes", TEAM], 1, "no meeting with id"),
        # Not an id at all: a usage error, before the database is opened.
        (["minutes", "12"], 2, "MEETING_ID: expected the id of a meeting (a UUID"),
        (["minutes", "abc"], 2, "got \"abc\""),
        (["minutes", MEETING + "x"], 2, "MEETING_ID: expected the id of a meeting"),
        (["minutes", " " + MEETING], 2, "MEETING_ID: expected the id of a meeting"),
):
    rc, out, err = run(*args)
    check(rc == rc_want and says in err and out == "",
          "%s: want rc %d and %r, got rc %d, %r" % (" ".join(args), rc_want, says, rc, err))
rc, out, err = run("minutes", "12", db_path=os.path.join(tmp, "missing.db"))
check(rc == 2 and not os.path.exists(os.path.join(tmp, "missing.db")), "a bad MEETING_ID: rc %d before any database" % rc)
# The id in capitals is the same meeting (ids are UUIDs in either letter case).
rc, upper, err = run("minutes", MEETING.upper())
check(rc == 0 and upper == md, "MEETING_ID in capitals: rc %d, %r" % (rc, err))
rc, out, err = run("minutes", MEETING, db_path=os.path.join(tmp, "missing.db"))
check(rc == 1 and "missing.db" in err and not os.path.exists(os.path.join(tmp, "missing.db")),
      "a missing database: rc %d, %r, and no file made" % (rc, err))

# --- private minutes of demo data ------------------------------------------------------------------
# The demo's meetings, with the team's youth codes typed into the step notes and answers (as is,
# in lower case, without the hyphen) and imported again: --private minutes of every meeting hold
# no youth code of the demo data and no incident or measure text.
demo_db = os.path.join(tmp, "demo.db")
rc, out, err = run("demo", "--teams", "2", "--years", "1", "--seed", "5", db_path=demo_db)
check(rc == 0, "demo: rc %d, %s" % (rc, err))
demo_json = os.path.join(tmp, "demo.json")
rc, out, err = run("export", "--out", demo_json, db_path=demo_db)
check(rc == 0, "export of the demo: rc %d, %s" % (rc, err))
demo = json.load(open(demo_json, encoding="utf-8"))
codes = {}
for y in demo["youths"]:
    codes.setdefault(y["team_id"], []).append(y["code"])
all_codes = {c for cs in codes.values() for c in cs}
now = __import__("datetime").datetime.now(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
for k, m in enumerate(demo["meetings"]):
    cs = codes[m["team_id"]]
    typed = " Met %s, %s en %s." % (cs[k % len(cs)], cs[(k + 1) % len(cs)].lower(), cs[(k + 2) % len(cs)].replace("-", ""))
    for st in m["steps"]:
        st["notes"] += typed
    for a in m["answers"]:
        a["text"] += typed
    m["updated_at"] = now
demo["exported_at"] = now
with open(demo_json, "w", encoding="utf-8") as f:
    json.dump(demo, f, ensure_ascii=False)
rc, out, err = run("import", demo_json, db_path=demo_db)
check(rc == 0 and "%d updated" % len(demo["meetings"]) in out, "import of the demo with codes: rc %d, %r %r" % (rc, out, err))
shown_codes = shown_incident = 0
leaks = []
for m in demo["meetings"]:
    for fmt in ("md", "html"):
        rc, text, err = run("minutes", m["id"], "--format", fmt, db_path=demo_db)
        check(rc == 0, "demo minutes %s: rc %d, %s" % (m["held_on"], rc, err))
        shown_codes += any(c.lower() in text.lower() for c in all_codes)
        shown_incident += "Synthetisch voorbeeld" in text
        rc, priv, err = run("minutes", m["id"], "--format", fmt, "--private", db_path=demo_db)
        check(rc == 0, "demo minutes --private %s: rc %d, %s" % (m["held_on"], rc, err))
        low = priv.lower()
        for c in all_codes:
            for form in (c.lower(), c.lower().replace("-", "")):
                if form in low:
                    leaks.append("%s %s: %s" % (m["held_on"], fmt, form))
        for secret in ("synthetisch voorbeeld", "medewerkers grepen in", "ernst "):
            if secret in low:
                leaks.append("%s %s: %s" % (m["held_on"], fmt, secret))
check(shown_codes == 2 * len(demo["meetings"]), "demo minutes without --private show the codes typed (%d)" % shown_codes)
check(shown_incident > 0, "demo minutes without --private show an incident's text")
check(not leaks, "demo minutes --private: %d leaks, e.g. %s" % (len(leaks), leaks[:3]))

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("ok")
