#!/usr/bin/env python3
"""Writes the seed corpus of the bundle fuzz target (tests/fuzz/corpus/seed-*.json).

    build/teamspiegel --db /tmp/x.db demo --teams 1 --years 1
    build/teamspiegel --db /tmp/x.db export --out /tmp/export.json
    python3 tests/fuzz/make_corpus.py /tmp/export.json tests/fuzz/corpus

The seeds are a real export cut down to a few records per list (the demo has no meetings,
actions or action updates, so one of each is added by hand), each record kind alone, and small
hostile files: wrong format, nulls, wrong types, numbers that do not fit, duplicate keys, invalid
UTF-8, deep nesting, upper-case UUIDs, unicode escapes, far-future times. Only seed-*.json files
are written; crash-*.json files (past findings) are left alone.
"""
import copy
import datetime
import json
import pathlib
import sys

KINDS = ["teams", "members", "youths", "measures", "incidents", "meetings", "actions", "action_updates"]


def dumps(doc):
    return json.dumps(doc, ensure_ascii=False, indent=1)


def cut_down(export):
    """One team, three members, the youths the kept records need, three measures, two incidents,
    and one meeting, action and action update of our own."""
    team = export["teams"][0]
    members = [m for m in export["members"] if m["team_id"] == team["id"]][:3]
    measures = sorted(export["measures"], key=lambda m: (m["ended_at"] is None, m["incident_id"] is None))[:3]
    incidents_by_id = {i["id"]: i for i in export["incidents"]}
    incidents = [incidents_by_id[m["incident_id"]] for m in measures if m["incident_id"] in incidents_by_id]
    incidents += [i for i in export["incidents"] if i not in incidents][: max(0, 2 - len(incidents))]
    youth_ids = {m["youth_id"] for m in measures} | {y for i in incidents for y in i["youth_ids"]}
    youths = [y for y in export["youths"] if y["id"] in youth_ids]
    coach, worker = members[0]["id"], members[1]["id"]
    meeting_id = "5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a01"
    action_id = "5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a02"
    meeting = {
        "id": meeting_id, "team_id": team["id"], "template": "teamreflectie", "held_on": "2026-03-12",
        "facilitator": coach, "attendee_ids": sorted([coach, worker]), "state": "closed",
        "current_step": 1, "next_meeting_on": "2026-04-09",
        "steps": [{"kind": "check_in", "notes": "Iedereen er.", "seconds_used": 300},
                  {"kind": "reflection", "notes": "Goed gesprek.", "seconds_used": 900}],
        "answers": [{"question_id": "aan_de_slag.v1", "text": "De meeste al."}],
        "ratings": [{"recommendation_id": "pedagogisch_klimaat.k1", "rating": "partly"}],
        "created_at": "2026-03-12T15:00:00Z", "updated_at": "2026-03-12T16:00:00Z",
    }
    action = {
        "id": action_id, "team_id": team["id"], "meeting_id": meeting_id, "title": "Overdracht eerder starten",
        "description": "In de avonddienst.", "owner_id": coach, "due_on": "2026-04-01", "status": "open",
        "guideline_ref": "pedagogisch_klimaat", "incident_id": None, "completed_at": None,
        "created_at": "2026-03-12T16:00:00Z", "updated_at": "2026-03-12T16:00:00Z",
    }
    update = {
        "id": "5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a03", "action_id": action_id, "meeting_id": meeting_id,
        "status": "in_progress", "note": "Gestart.", "created_at": "2026-03-12T16:00:00Z",
        "updated_at": "2026-03-12T16:00:00Z",
    }
    return {
        "format": export["format"], "version": export["version"], "exported_at": export["exported_at"],
        "anonymized": False, "teams": [team], "members": members, "youths": youths, "measures": measures,
        "incidents": incidents, "meetings": [meeting], "actions": [action], "action_updates": [update],
    }


def report_dates(incidents, concluded_after, reported_after):
    """The incidents, the first made reportable, concluded and reported the given numbers of days
    after the day it occurred; the second with both dates null."""
    out = copy.deepcopy(incidents)
    day = datetime.date.fromisoformat(out[0]["occurred_at"][:10])
    out[0]["reportable"] = True
    out[0]["investigation_concluded_on"] = (day + datetime.timedelta(days=concluded_after)).isoformat()
    out[0]["reported_on"] = (day + datetime.timedelta(days=reported_after)).isoformat()
    if len(out) > 1:
        out[1]["reported_on"] = out[1]["investigation_concluded_on"] = None
    return out


def seeds(full):
    def header(**lists):
        doc = {"format": "teamspiegel-bundle", "version": 1, "exported_at": full["exported_at"]}
        doc.update(lists)
        return doc

    def with_record(kind, change):
        doc = header(**{kind: [copy.deepcopy(full[kind][0])]})
        change(doc[kind][0])
        return dumps(doc)

    def setter(**fields):
        return lambda r: r.update(fields)

    out = {}
    out["valid-full"] = dumps(full)
    anon = copy.deepcopy(full)
    anon["anonymized"] = True
    for y in anon["youths"]:
        y["code"] = "Y-%06d" % (int(y["id"][:8], 16) % 1000000)
    for m in anon["measures"]:
        m["reason"] = m["notes"] = ""
    for i in anon["incidents"]:
        i["description"] = i["response"] = i["follow_up"] = ""
    out["valid-anonymized"] = dumps(anon)
    out["valid-header-only"] = dumps(header())
    for kind in KINDS:
        out["only-" + kind.replace("_", "-")] = dumps(header(**{kind: full[kind]}))

    out["empty-object"] = "{}"
    out["empty-file"] = ""
    out["not-an-object"] = '[{"format": "teamspiegel-bundle"}, 1, "x", null]'
    out["wrong-format"] = dumps({"format": "other-program", "version": 1, "teams": []})
    out["wrong-version"] = dumps(header(version=2))
    out["unknown-field"] = with_record("incidents", setter(sevrity=2))
    out["nulls"] = dumps(header(teams=[{k: None for k in full["teams"][0]}],
                                measures=[{k: None for k in full["measures"][0]}], incidents=None))
    out["wrong-types"] = dumps({"format": "teamspiegel-bundle", "version": "1", "exported_at": 20261122,
                                "anonymized": "no", "teams": {"id": 1}, "members": [1, "x", [], True],
                                "youths": [{"id": ["a"], "age_at_admission": "14", "setting": 1}],
                                "incidents": [{"severity": True, "youth_ids": "abc", "reportable": 0}]})
    # Numbers that do not fit: a double (1e400), a 64-bit integer, an int.
    out["huge-1e400-severity"] = with_record("incidents", setter(severity=1)).replace('"severity": 1', '"severity": 1e400')
    out["huge-minus-1e400-capacity"] = with_record("teams", setter(capacity=0)).replace('"capacity": 0',
                                                                                       '"capacity": -1e400')
    out["huge-int64-severity"] = with_record("incidents", setter(severity=1)).replace(
        '"severity": 1', '"severity": 9223372036854775808')
    out["huge-int32"] = dumps(header(
        youths=[dict(full["youths"][0], age_at_admission=18446744073709551616)],
        teams=[dict(full["teams"][0], capacity=4294967296, reduction_goal_pct=1e308)],
        meetings=[dict(full["meetings"][0], current_step=-2147483649,
                       steps=[{"kind": "check_in", "notes": "", "seconds_used": 2147483648}])]))
    # Numbers that fit after rounding (1e-400 is 0) and a whole number written as a fraction.
    out["tiny-and-fractions"] = dumps(header(teams=[dict(full["teams"][0], reduction_goal_pct=0)],
                                             incidents=[dict(full["incidents"][0], severity=2.0)])).replace(
        '"reduction_goal_pct": 0', '"reduction_goal_pct": 1e-400').replace('"severity": 2.0', '"severity": -0.0e0')
    # A key given twice, at the top, in a record and in a list.
    out["duplicate-keys"] = '{"a": 1, "a": 2}'
    out["duplicate-field"] = with_record("incidents", setter(severity=1)).replace('"severity": 1',
                                                                                  '"severity": 99, "severity": 1')
    out["duplicate-list"] = dumps(header(measures=full["measures"][:1]))[:-2] + ',\n "measures": []\n}'
    # Not UTF-8: a lone byte, an overlong '/', a UTF-16 surrogate written as UTF-8, a cut-off sequence.
    bad = with_record("youths", setter(code="J-@@"))
    out["invalid-utf8"] = bad.replace("J-@@", "J-\udcff\udcc0\udcaf\udced\udca0\udc80\udce2\udc82")
    # Deep nesting inside a field and at the top.
    out["deep-nesting-array"] = dumps(header()).rstrip("}") + ', "teams": ' + "[" * 3000 + "]" * 3000 + "}"
    out["deep-nesting-object"] = '{"a":' * 1500 + "1" + "}" * 1500
    out["deep-nesting-unclosed"] = '{"form\udcffat": "teamspiegel-bundle", "teams": [' + "[{" * 2000
    # Ids in upper case, and ids that are not UUIDs.
    upper = copy.deepcopy(full)
    upper["measures"] = [dict(m, id=m["id"].upper(), youth_id=m["youth_id"].upper()) for m in upper["measures"]]
    upper["youths"][0]["id"] = upper["youths"][0]["id"].upper()
    out["uppercase-uuid"] = dumps(header(youths=upper["youths"], measures=upper["measures"]))
    out["bad-uuids"] = dumps(header(members=[dict(full["members"][0], id="{" + full["members"][0]["id"] + "}"),
                                             dict(full["members"][1], id="not-a-uuid", team_id="")]))
    # Unicode escapes: NUL, a pair, zero-width space, bidi override, noncharacter; escaped keys;
    # a lone surrogate (not JSON).
    esc = with_record("youths", setter(code="@@"))
    out["unicode-escapes"] = esc.replace("@@", r"J-01\u0000\uD83D\uDE00\u200b\u202e\uffff").replace(
        '"format"', r'"\u0066ormat"')
    out["unicode-lone-surrogate"] = esc.replace("@@", r"J-01\ud800")
    # Far-future and odd times and dates.
    out["far-future"] = dumps(header(
        measures=[dict(full["measures"][0], ended_at="2099-01-01T00:00:00Z", updated_at="9999-12-31T23:59:59Z")],
        youths=[dict(full["youths"][0], admitted_on="9999-12-31", discharged_on=None)]))
    out["odd-times"] = dumps(header(
        exported_at="2026-11-22T10:00:00+01:00",
        measures=[dict(full["measures"][0], started_at="2026-02-30T10:00:00Z", ended_at="2026-03-01T23:59:60Z",
                       created_at="0000-01-01T00:00:00Z", updated_at="2026-03-01T14:05:00.5Z")],
        youths=[dict(full["youths"][0], admitted_on="2026-13-01", discharged_on="-2026-01-01")]))
    # A reportable incident's report to the inspectorate and internal investigation: set, null,
    # and out of order (concluded after the report, reported before the incident).
    out["incident-report-dates"] = dumps(header(incidents=report_dates(full["incidents"], 3, 7)))
    out["incident-report-dates-bad"] = dumps(header(incidents=report_dates(full["incidents"], 5, -1)))
    out["bom-and-trailing"] = "\ufeff" + dumps(header()) + " x"
    out["not-json"] = "{format: 'teamspiegel-bundle', version: NaN, exported_at: Infinity,}"
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    export = json.load(open(sys.argv[1], encoding="utf-8"))
    target = pathlib.Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("seed-*.json"):
        old.unlink()
    full = cut_down(export)
    for name, text in seeds(full).items():
        # surrogateescape turns the \udcXX placeholders above into the raw bytes 0xXX.
        (target / f"seed-{name}.json").write_bytes(text.encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main()
