#!/usr/bin/env python3
"""Issue 12: `teamspiegel import` killed with SIGKILL at 20 random moments of a 100,000-record
import. After every kill, `teamspiegel check` passes on the same path (the -wal and -shm files
the kill left are kept: check recovers them) and the database holds none of the bundle or all
of it.

The bundle is made here (demo of 14 teams over 10 years, seed 1: about 105,000 records), in the
test's own temporary folder. The duration D of a full import is measured first, so the kill
moments follow the importer's speed: each kill comes after a uniform random time in [0, D].

Two starting points, alternating:
- new: no database file at all, as `import` into a new path. None of the bundle means the file
  is still missing, or it passes check and holds no rows in any table.
- base: a database that already holds one small team of another demo (imported from its own
  bundle, so the bundle's team names do not clash with it). None of the bundle means every row
  of every table is exactly as before the import: the old team survives the kill untouched.
All of the bundle means the row count of every table equals that of a full import from the same
starting point, made once before the kills; those counts of the record tables equal the
bundle's own lists (plus the small team's records for base).

An import into a new path fills a file of its own beside the path (PATH.new-XXXXXX) and links
it into place when whole, so a kill leaves the path missing and that file behind; the file is
removed here after each run.

Two more kills aim at the making of a new file: the moment a file of the database's name
appears in the folder, and the moment the database's own path appears. The path is then still
missing, or it passes check and holds none of the bundle or all of it.

Most random kills must land while the importer runs (at least 15 of 20), so the test cannot pass by
always killing too late; a kill after the end still checks "all".

Usage: cli_import_kill.py TEAMSPIEGEL_BINARY
Environment: TEAMSPIEGEL_KILL_SEED fixes the random moments (the seed is printed);
TEAMSPIEGEL_KILL_RUNS changes the number of kills (20).
"""
import atexit
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ts = sys.argv[1]
RUNS = int(os.environ.get("TEAMSPIEGEL_KILL_RUNS", "20"))
MIN_MID_IMPORT = (RUNS * 3 + 3) // 4  # 15 of 20
RECORD_LISTS = ["teams", "members", "youths", "measures", "incidents", "meetings", "actions", "action_updates"]
RECORD_TABLES = dict(zip(RECORD_LISTS, ["team", "member", "youth", "measure", "incident", "meeting", "action", "action_update"]))
SIDE_FILES = ["", "-wal", "-shm", "-journal"]

failures = []
started = time.monotonic()


def fail(what):
    failures.append(what)
    print("FAIL:", what, flush=True)


def say(what):
    print(f"[{time.monotonic() - started:6.1f} s] {what}", flush=True)


tmp = tempfile.mkdtemp(prefix="ts-import-kill-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
env = dict(os.environ, TZ="UTC")


def path(name):
    return os.path.join(tmp, name)


def run(db, *args):
    p = subprocess.run([ts, "--db", db, *args], capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def must(db, *args):
    rc, out, err = run(db, *args)
    if rc != 0:
        print(f"FAIL: teamspiegel --db {db} {' '.join(args)}: exit {rc}\n{out}{err}")
        sys.exit(1)
    return out


def remove_database(db):
    for s in SIDE_FILES:
        if os.path.exists(db + s):
            os.remove(db + s)
    # What a kill of an import into a new path leaves: the file it was filling.
    folder, name = os.path.split(db)
    for n in os.listdir(folder):
        if n.startswith(name + ".new-"):
            os.remove(os.path.join(folder, n))


def files_of(db):
    return ", ".join(f"{os.path.basename(db + s)} {os.path.getsize(db + s)} B" for s in SIDE_FILES if os.path.exists(db + s))


def tables(db):
    """Every table of the database and its rows, read-only (after check has recovered the WAL)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def counts(db):
    """Rows per table; of record_count (the numbers of records the triggers keep, a row per kind
    from the start) only the rows that count something."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        where = {"record_count": " WHERE n != 0"}
        return {n: con.execute(f'SELECT count(*) FROM "{n}"' + where.get(n, "")).fetchone()[0] for n in names}
    finally:
        con.close()


def differences(got, want):
    keys = sorted(set(got) | set(want))
    return ", ".join(f"{k} {got.get(k)} (expected {want.get(k)})" for k in keys if got.get(k) != want.get(k))


def import_process(db):
    return subprocess.Popen([ts, "--db", db, "import", path("bundle.json")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


# --- 1. the bundle: about 100,000 records ---
t = time.monotonic()
must(path("src.db"), "demo", "--teams", "14", "--years", "10", "--seed", "1")
out = must(path("src.db"), "export", "--out", path("bundle.json"))
with open(path("bundle.json"), encoding="utf-8") as f:
    bundle = json.load(f)
in_bundle = {RECORD_TABLES[k]: len(bundle[k]) for k in RECORD_LISTS}
records = sum(in_bundle.values())
say(f"bundle: {records} records ({os.path.getsize(path('bundle.json')) / 1e6:.0f} MB), made in {time.monotonic() - t:.1f} s; {out.strip()}")
if records < 100_000 or f"exported {records} records" not in out:
    fail(f"the bundle holds {records} records, the export said {out.strip()!r}; at least 100,000 wanted")
    sys.exit(1)
remove_database(path("src.db"))

# The small team of the base database: the 15th team of another demo, whose name the bundle's
# 14 teams do not use, imported from its own bundle.
must(path("other.db"), "demo", "--teams", "15", "--years", "1", "--seed", "2")
small_team = "Berkenstede"
must(path("other.db"), "export", "--team", small_team, "--out", path("small.json"))
remove_database(path("other.db"))
with open(path("small.json"), encoding="utf-8") as f:
    small = json.load(f)
in_small = {RECORD_TABLES[k]: len(small[k]) for k in RECORD_LISTS}
if [t["name"] for t in small["teams"]] != [small_team] or small_team in {t["name"] for t in bundle["teams"]}:
    fail(f"the small team: {[t['name'] for t in small['teams']]}, the bundle's teams {[t['name'] for t in bundle['teams']]}")
    sys.exit(1)
del bundle, small  # hundreds of MB as Python objects
must(path("base.db"), "import", path("small.json"))
must(path("base.db"), "check")
if os.path.exists(path("base.db-wal")) and os.path.getsize(path("base.db-wal")) > 0:
    fail(f"base.db was left with a WAL to fold in ({files_of(path('base.db'))}); copying the file alone would lose it")
    sys.exit(1)
base_tables = tables(path("base.db"))


def start(kind, db):
    """Makes db the starting point of a run; returns the rows of every table before the import."""
    remove_database(db)
    if kind == "base":
        shutil.copyfile(path("base.db"), db)
        return base_tables
    return None


# --- 2. a full import from each starting point: its duration and its counts ---
full = {}
durations = {}
for kind in ["new", "base"]:
    db = path(f"full-{kind}.db")
    start(kind, db)
    t = time.monotonic()
    p = import_process(db)
    out, err = p.communicate()
    durations[kind] = time.monotonic() - t
    if p.returncode != 0:
        fail(f"the full import ({kind}): exit {p.returncode}\n{out.decode()}{err.decode()}")
        sys.exit(1)
    rc, cout, cerr = run(db, "check")
    if rc != 0:
        fail(f"check after the full import ({kind}): {cout}{cerr}")
    full[kind] = counts(db)
    want = {table: n + (in_small[table] if kind == "base" else 0) for table, n in in_bundle.items()}
    got = {table: full[kind][table] for table in want}
    if got != want:
        fail(f"the full import ({kind}) holds {differences(got, want)}")
    say(f"full import ({kind}): {durations[kind]:.1f} s; {out.decode().strip()}")
    remove_database(db)
# The faster of the two, so that a slow first run does not push the kills past the end.
D = D0 = min(durations.values())

# --- 3. kills aimed at the making of a new database file ---
# The moments where the importer makes the file or links it into place are short and random
# kills seldom hit them, so two kills aim there: the moment any file of the database's name
# appears in the folder, and the moment the database's own path appears. Either way the path is
# missing after the kill, or it passes check and holds none of the bundle or all of it.
def first_file(db, own_path_only):
    name = os.path.basename(db)
    while True:
        if own_path_only:
            if os.path.exists(db):
                return name
        else:
            seen = [n for n in os.listdir(tmp) if n.startswith(name)]
            if seen:
                return seen[0]
        time.sleep(0.0005)


for own_path_only in [False, True]:
    db = path("fresh.db")
    remove_database(db)
    p = import_process(db)
    seen = first_file(db, own_path_only)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate()
    when = f"kill when {seen} appeared"
    left = files_of(db)
    if not os.path.exists(db):
        say(f"{when}: none (no database file) [{', '.join(sorted(os.listdir(tmp)))}]")
        continue
    rc, cout, cerr = run(db, "check")
    if rc != 0:
        fail(f"{when}: check exit {rc} on [{left}]: {(cout + cerr).strip()}")
    elif counts(db) == full["new"]:
        say(f"{when}: all of it [{left}]")
    elif any(counts(db).values()):
        fail(f"{when}: neither none nor all of the bundle: rows in {', '.join(n for n, c in counts(db).items() if c)}")
    else:
        say(f"{when}: none, an empty database [{left}]")
for name in os.listdir(tmp):
    if name.startswith("fresh.db"):
        os.remove(path(name))

# --- 4. the kills at random moments ---
seed = int(os.environ.get("TEAMSPIEGEL_KILL_SEED", "0")) or int.from_bytes(os.urandom(4), "little")
print(f"seed {seed} (TEAMSPIEGEL_KILL_SEED={seed} repeats these fractions of D); D = {D:.2f} s", flush=True)
rng = random.Random(seed)
mid_import = 0
outcomes = {"none": 0, "all": 0}
for i in range(RUNS):
    kind = "new" if i % 2 == 0 else "base"
    db = path("fresh.db")
    before = start(kind, db)
    fraction = rng.random()
    wait = fraction * D
    t = time.monotonic()
    p = import_process(db)
    # Sleeps until the kill, watching whether the importer ends first (then its duration is known).
    ended = None
    while ended is None and time.monotonic() - t < wait:
        time.sleep(min(0.005, max(0.0, wait - (time.monotonic() - t))))
        if p.poll() is not None:
            ended = time.monotonic() - t
    if ended is None:  # (poll() has reaped an importer that ended: no pid to kill then)
        os.kill(p.pid, signal.SIGKILL)
    out, err = p.communicate()
    killed = p.returncode == -signal.SIGKILL
    if killed:
        mid_import += 1
    elif p.returncode != 0:
        fail(f"run {i + 1}: the import failed by itself: exit {p.returncode}\n{out.decode()}{err.decode()}")
        continue
    when = f"run {i + 1:2} ({kind}, kill at {wait:5.2f} s = {fraction:4.0%} of D, " + \
        ("mid-import" if killed else f"after the end at {ended or wait:.2f} s") + ")"
    # The machine's load changes: an import faster than D makes D shorter for the next kills, so
    # that they still land while the importer runs.
    if ended is not None and ended < D:
        D = ended
    left = files_of(db)

    if not os.path.exists(db):
        # Killed before the importer created the file: nothing to check, nothing written.
        if kind == "new" and killed:
            outcomes["none"] += 1
            say(f"{when}: none (no database file yet)")
        else:
            fail(f"{when}: the database file is gone")
        continue
    rc, cout, cerr = run(db, "check")
    if rc != 0:
        fail(f"{when}: check exit {rc} on [{left}]: {(cout + cerr).strip()}")
        continue
    now_counts = counts(db)
    want_none = {n: len(rows) for n, rows in before.items()} if before else {n: 0 for n in now_counts}
    if now_counts == full[kind]:
        outcomes["all"] += 1
        say(f"{when}: all of it [{left}]")
    elif now_counts == want_none:
        # None of the bundle: for base, every row of every table as before, not only the counts.
        now = tables(db) if before else {}
        changed = [n for n in sorted(set(now) | set(before or {})) if now.get(n) != before.get(n)]
        if changed:
            fail(f"{when}: the counts are as before but rows changed in {', '.join(changed)}")
        else:
            outcomes["none"] += 1
            say(f"{when}: none, " + ("the old team as before" if before else "an empty database") + f" [{left}]")
    else:
        fail(f"{when}: neither none nor all of the bundle [{left}]: against all: {differences(now_counts, full[kind])}; "
             f"against none: {differences(now_counts, want_none)}")
remove_database(path("fresh.db"))

print(f"{mid_import} of {RUNS} kills landed mid-import; outcomes: {outcomes['none']} none, {outcomes['all']} all; "
      f"D = {D0:.2f} s at first, {D:.2f} s at the end; total {time.monotonic() - started:.0f} s", flush=True)
if mid_import < MIN_MID_IMPORT:
    fail(f"only {mid_import} of {RUNS} kills landed while the importer ran (at least {MIN_MID_IMPORT} wanted): "
         "the kills came too late to test anything")
if failures:
    print(f"{len(failures)} failures (seed {seed})")
    sys.exit(1)
print("ok")
