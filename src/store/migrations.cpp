#include "store/migrations.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace ts::store {
namespace {

// Never edit a migration once released; add a new one. Tables are never dropped and
// recreated to change the schema.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {
        // 1: every entity of the product brief.
        R"sql(
CREATE TABLE team (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
  location TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  reduction_goal_pct REAL NOT NULL DEFAULT 0 CHECK (reduction_goal_pct BETWEEN 0 AND 100),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE member (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role TEXT NOT NULL CHECK (role IN ('group_worker', 'coach', 'behavioural_scientist', 'manager')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX member_team ON member(team_id);
CREATE TABLE youth (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  code TEXT NOT NULL CHECK (length(trim(code)) > 0),
  age_at_admission INTEGER CHECK (age_at_admission BETWEEN 0 AND 27),
  admitted_on TEXT NOT NULL,
  discharged_on TEXT CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
  setting TEXT NOT NULL CHECK (setting IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (team_id, code)
);
CREATE TABLE incident (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  occurred_at TEXT NOT NULL,
  category TEXT NOT NULL,
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  description TEXT NOT NULL DEFAULT '',
  response TEXT NOT NULL DEFAULT '',
  reportable INTEGER NOT NULL DEFAULT 0 CHECK (reportable IN (0, 1)),
  follow_up TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX incident_team_time ON incident(team_id, occurred_at);
CREATE TABLE incident_youth (
  incident_id TEXT NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  youth_id TEXT NOT NULL REFERENCES youth(id) ON DELETE RESTRICT,
  PRIMARY KEY (incident_id, youth_id)
);
CREATE INDEX incident_youth_youth ON incident_youth(youth_id);
CREATE TABLE measure (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  youth_id TEXT NOT NULL REFERENCES youth(id) ON DELETE RESTRICT,
  type TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
  reason TEXT NOT NULL DEFAULT '',
  incident_id TEXT REFERENCES incident(id) ON DELETE SET NULL,
  emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  in_care_plan INTEGER NOT NULL DEFAULT 0 CHECK (in_care_plan IN (0, 1)),
  consent_by TEXT,
  consent_at TEXT,
  decided_by TEXT NOT NULL DEFAULT '',
  parents_informed_at TEXT,
  debrief_at TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX measure_team_start ON measure(team_id, started_at);
CREATE INDEX measure_youth_type_start ON measure(youth_id, type, started_at);
CREATE INDEX measure_incident ON measure(incident_id);
CREATE TABLE meeting (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  template TEXT NOT NULL,
  held_on TEXT NOT NULL,
  facilitator_id TEXT REFERENCES member(id) ON DELETE SET NULL,
  state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'closed')),
  current_step INTEGER NOT NULL DEFAULT 0,
  next_meeting_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX meeting_team_date ON meeting(team_id, held_on);
CREATE TABLE meeting_attendee (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, member_id)
);
CREATE TABLE meeting_step (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('check_in', 'open_actions', 'incidents', 'measures', 'reflection', 'agree_actions', 'close')),
  notes TEXT NOT NULL DEFAULT '',
  seconds_used INTEGER NOT NULL DEFAULT 0 CHECK (seconds_used >= 0),
  PRIMARY KEY (meeting_id, position)
);
CREATE TABLE meeting_answer (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, question_id)
);
CREATE TABLE meeting_rating (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  recommendation_id TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('already', 'partly', 'not_yet')),
  PRIMARY KEY (meeting_id, recommendation_id)
);
CREATE TABLE action (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  meeting_id TEXT REFERENCES meeting(id) ON DELETE SET NULL,
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description TEXT NOT NULL DEFAULT '',
  owner_id TEXT REFERENCES member(id) ON DELETE SET NULL,
  due_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  guideline_ref TEXT,
  incident_id TEXT REFERENCES incident(id) ON DELETE SET NULL,
  completed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX action_team_status ON action(team_id, status);
CREATE INDEX action_meeting ON action(meeting_id);
CREATE TABLE action_update (
  id TEXT PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  meeting_id TEXT REFERENCES meeting(id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX action_update_action ON action_update(action_id, created_at);
-- Who changed what: one row per changed field of a register record or action.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  changed_by TEXT,
  changed_at TEXT NOT NULL
);
CREATE INDEX change_log_entity ON change_log(entity, entity_id, seq);
-- Preferences of this machine (language, theme, zoom, current team).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
        // 2: a reportable incident's report to the inspectorate and its internal investigation.
        R"sql(
ALTER TABLE incident ADD COLUMN reported_on TEXT;
ALTER TABLE incident ADD COLUMN investigation_concluded_on TEXT;
)sql",
        // 3: the measures' facts for the indicator engine, packed per team and month of start
        // (sqlite_facts.cpp; the incidents' likewise, the actions' per team), so that a report
        // over years reads thousands of rows, not hundreds of thousands. The triggers mark a
        // month whose measures changed, by any path (a save, an import, a team's cascade, a hand
        // edit); the store packs it again before it commits, and a reader reads a marked month
        // from the measures themselves.
        R"sql(
CREATE TABLE measure_month (
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  month TEXT NOT NULL,  -- 'YYYY-MM' of started_at (UTC)
  max_end INTEGER,      -- the latest end (Unix seconds) of its measures that ended
  facts BLOB,           -- NULL: to be packed again from the measures (last: max_end is read without it)
  PRIMARY KEY (team_id, month)
) WITHOUT ROWID;
CREATE INDEX measure_month_stale ON measure_month(team_id, month) WHERE facts IS NULL;
CREATE INDEX measure_month_end ON measure_month(month, max_end);
CREATE TRIGGER measure_month_insert AFTER INSERT ON measure BEGIN
  INSERT INTO measure_month (team_id, month, facts) VALUES (NEW.team_id, substr(NEW.started_at, 1, 7), NULL)
    ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL, max_end = NULL;
END;
CREATE TRIGGER measure_month_update AFTER UPDATE ON measure BEGIN
  UPDATE measure_month SET facts = NULL, max_end = NULL WHERE team_id = OLD.team_id AND month = substr(OLD.started_at, 1, 7);
  INSERT INTO measure_month (team_id, month, facts) VALUES (NEW.team_id, substr(NEW.started_at, 1, 7), NULL)
    ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL, max_end = NULL;
END;
CREATE TRIGGER measure_month_delete AFTER DELETE ON measure BEGIN
  UPDATE measure_month SET facts = NULL, max_end = NULL WHERE team_id = OLD.team_id AND month = substr(OLD.started_at, 1, 7);
END;
INSERT OR REPLACE INTO measure_month (team_id, month, facts) SELECT DISTINCT team_id, substr(started_at, 1, 7), NULL FROM measure;
-- The incidents likewise, per team and month of occurrence.
CREATE TABLE incident_month (
  team_id TEXT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
  month TEXT NOT NULL,  -- 'YYYY-MM' of occurred_at (UTC)
  facts BLOB,           -- NULL: to be packed again from the incidents
  PRIMARY KEY (team_id, month)
) WITHOUT ROWID;
CREATE INDEX incident_month_stale ON incident_month(team_id, month) WHERE facts IS NULL;
CREATE TRIGGER incident_month_insert AFTER INSERT ON incident BEGIN
  INSERT INTO incident_month (team_id, month, facts) VALUES (NEW.team_id, substr(NEW.occurred_at, 1, 7), NULL)
    ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER incident_month_update AFTER UPDATE ON incident BEGIN
  UPDATE incident_month SET facts = NULL WHERE team_id = OLD.team_id AND month = substr(OLD.occurred_at, 1, 7);
  INSERT INTO incident_month (team_id, month, facts) VALUES (NEW.team_id, substr(NEW.occurred_at, 1, 7), NULL)
    ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER incident_month_delete AFTER DELETE ON incident BEGIN
  UPDATE incident_month SET facts = NULL WHERE team_id = OLD.team_id AND month = substr(OLD.occurred_at, 1, 7);
END;
INSERT OR REPLACE INTO incident_month (team_id, month, facts) SELECT DISTINCT team_id, substr(occurred_at, 1, 7), NULL FROM incident;
-- The actions' facts per team: its actions with their updates, and its meetings (held_on and
-- state give an action its date and its updates their meetings). Marked on a change to any of
-- the three; an action moved to another team marks both. A meeting's other columns (its steps,
-- notes, timer) change nothing here.
CREATE TABLE action_team (
  team_id TEXT PRIMARY KEY REFERENCES team(id) ON DELETE CASCADE,
  facts BLOB  -- NULL: to be packed again from the actions, their updates and the meetings
) WITHOUT ROWID;
CREATE INDEX action_team_stale ON action_team(team_id) WHERE facts IS NULL;
CREATE TRIGGER action_team_action_insert AFTER INSERT ON action BEGIN
  INSERT INTO action_team (team_id, facts) VALUES (NEW.team_id, NULL) ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_action_update AFTER UPDATE ON action BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id = OLD.team_id;
  INSERT INTO action_team (team_id, facts) VALUES (NEW.team_id, NULL) ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_action_delete AFTER DELETE ON action BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id = OLD.team_id;
END;
CREATE TRIGGER action_team_update_insert AFTER INSERT ON action_update BEGIN
  INSERT INTO action_team (team_id, facts) SELECT team_id, NULL FROM action WHERE id = NEW.action_id
    ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_update_update AFTER UPDATE ON action_update BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id IN (SELECT team_id FROM action WHERE id = OLD.action_id);
  INSERT INTO action_team (team_id, facts) SELECT team_id, NULL FROM action WHERE id = NEW.action_id
    ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_update_delete AFTER DELETE ON action_update BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id IN (SELECT team_id FROM action WHERE id = OLD.action_id);
END;
CREATE TRIGGER action_team_meeting_insert AFTER INSERT ON meeting BEGIN
  INSERT INTO action_team (team_id, facts) VALUES (NEW.team_id, NULL) ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_meeting_update AFTER UPDATE OF id, team_id, held_on, state ON meeting
  WHEN OLD.id IS NOT NEW.id OR OLD.team_id IS NOT NEW.team_id OR OLD.held_on IS NOT NEW.held_on OR OLD.state IS NOT NEW.state BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id = OLD.team_id;
  INSERT INTO action_team (team_id, facts) VALUES (NEW.team_id, NULL) ON CONFLICT (team_id) DO UPDATE SET facts = NULL;
END;
CREATE TRIGGER action_team_meeting_delete AFTER DELETE ON meeting BEGIN
  UPDATE action_team SET facts = NULL WHERE team_id = OLD.team_id;
END;
INSERT INTO action_team (team_id, facts) SELECT team_id, NULL FROM action UNION SELECT team_id, NULL FROM meeting;
-- (A trigger's INSERT OR REPLACE would take the conflict rule of the statement that fires it,
-- so the triggers use UPSERT. The delete triggers only update: a team's cascade deletes its
-- actions and meetings, and a new row then would refer to the team being deleted.)
-- Episodes still running may continue an intervention into any later period.
CREATE INDEX measure_running ON measure(type, started_at) WHERE ended_at IS NULL;
)sql",
        // 4: the meeting as led on the screen (issue 10). A method's generic steps (intervisie,
        // moreel beraad) are of the kind 'discussion': SQLite cannot change a CHECK, so the
        // steps' table is made again with its rows (the one exception to "never recreated":
        // nothing else refers to it). And the incidents a meeting discussed.
        R"sql(
CREATE TABLE meeting_step_4 (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('check_in', 'open_actions', 'incidents', 'measures', 'reflection', 'agree_actions', 'close', 'discussion')),
  notes TEXT NOT NULL DEFAULT '',
  seconds_used INTEGER NOT NULL DEFAULT 0 CHECK (seconds_used >= 0),
  PRIMARY KEY (meeting_id, position)
);
INSERT INTO meeting_step_4 (meeting_id, position, kind, notes, seconds_used) SELECT meeting_id, position, kind, notes, seconds_used FROM meeting_step;
DROP TABLE meeting_step;
ALTER TABLE meeting_step_4 RENAME TO meeting_step;
-- The incidents a meeting discussed (its incidents step marks them), as its attendees are kept.
CREATE TABLE meeting_incident (
  meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  incident_id TEXT NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, incident_id)
);
CREATE INDEX meeting_incident_incident ON meeting_incident(incident_id);
)sql",
        // 5: an import is one entry of the change history, not one per record (issue 12): the
        // bundle's file, its counts and who imported it; each record keeps the import that last
        // wrote it, so that its history still shows where it came from. And the number of
        // records of each kind, kept by triggers, so that counting them reads one row.
        R"sql(
CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  records INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
ALTER TABLE team ADD COLUMN import_id INTEGER;
ALTER TABLE member ADD COLUMN import_id INTEGER;
ALTER TABLE youth ADD COLUMN import_id INTEGER;
ALTER TABLE measure ADD COLUMN import_id INTEGER;
ALTER TABLE incident ADD COLUMN import_id INTEGER;
ALTER TABLE meeting ADD COLUMN import_id INTEGER;
ALTER TABLE action ADD COLUMN import_id INTEGER;
ALTER TABLE action_update ADD COLUMN import_id INTEGER;
CREATE TABLE record_count (
  kind TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO record_count (kind, n) SELECT 'team', count(*) FROM team UNION ALL SELECT 'member', count(*) FROM member UNION ALL SELECT 'youth', count(*) FROM youth UNION ALL SELECT 'measure', count(*) FROM measure UNION ALL SELECT 'incident', count(*) FROM incident UNION ALL SELECT 'meeting', count(*) FROM meeting UNION ALL SELECT 'action', count(*) FROM action UNION ALL SELECT 'action_update', count(*) FROM action_update;
CREATE TRIGGER team_count_insert AFTER INSERT ON team BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'team'; END;
CREATE TRIGGER team_count_delete AFTER DELETE ON team BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'team'; END;
CREATE TRIGGER member_count_insert AFTER INSERT ON member BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'member'; END;
CREATE TRIGGER member_count_delete AFTER DELETE ON member BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'member'; END;
CREATE TRIGGER youth_count_insert AFTER INSERT ON youth BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'youth'; END;
CREATE TRIGGER youth_count_delete AFTER DELETE ON youth BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'youth'; END;
CREATE TRIGGER measure_count_insert AFTER INSERT ON measure BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'measure'; END;
CREATE TRIGGER measure_count_delete AFTER DELETE ON measure BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'measure'; END;
CREATE TRIGGER incident_count_insert AFTER INSERT ON incident BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'incident'; END;
CREATE TRIGGER incident_count_delete AFTER DELETE ON incident BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'incident'; END;
CREATE TRIGGER meeting_count_insert AFTER INSERT ON meeting BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'meeting'; END;
CREATE TRIGGER meeting_count_delete AFTER DELETE ON meeting BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'meeting'; END;
CREATE TRIGGER action_count_insert AFTER INSERT ON action BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'action'; END;
CREATE TRIGGER action_count_delete AFTER DELETE ON action BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'action'; END;
CREATE TRIGGER action_update_count_insert AFTER INSERT ON action_update BEGIN UPDATE record_count SET n = n + 1 WHERE kind = 'action_update'; END;
CREATE TRIGGER action_update_count_delete AFTER DELETE ON action_update BEGIN UPDATE record_count SET n = n - 1 WHERE kind = 'action_update'; END;
)sql",
    };
    return list;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

void migrate(sql::Db& db, int from) {
    for (int v = from; v < latest_schema_version(); ++v) {
        db.exec(migrations()[static_cast<std::size_t>(v)]);
        db.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    }
    db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
}

namespace {

// Table name -> its column names in order. SQLite's own tables (sqlite_sequence) are left out.
using Shape = std::map<std::string, std::vector<std::string>>;

Shape shape_of(sql::Db& db) {
    sql::Stmt s(db, "SELECT m.name, p.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p "
                    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid");
    Shape shape;
    while (s.step()) shape[s.text(0)].push_back(s.text(1));
    return shape;
}

// The shape of every schema version, 0 (no tables) to the latest, built once in memory.
const std::vector<Shape>& shapes() {
    static const std::vector<Shape> all = [] {
        std::vector<Shape> out{Shape{}};
        sql::Db db(":memory:", sql::Db::Mode::read_write_create);
        for (int v = 0; v < latest_schema_version(); ++v) {
            db.exec(migrations()[static_cast<std::size_t>(v)]);
            out.push_back(shape_of(db));
        }
        return out;
    }();
    return all;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

}  // namespace

std::vector<std::string> schema_problems(sql::Db& db, int version) {
    const Shape actual = shape_of(db);
    const auto& known = shapes();
    const std::string prefix = "schema version " + std::to_string(version);
    if (version >= 0 && version < static_cast<int>(known.size()) && known[static_cast<std::size_t>(version)] == actual) return {};
    for (std::size_t v = 0; v < known.size(); ++v) {
        if (known[v] != actual) continue;
        if (v == 0) return {prefix + " but the database has no tables"};
        return {prefix + " but the tables of version " + std::to_string(v) + " are present"};
    }
    if (version < 0 || version >= static_cast<int>(known.size())) return {prefix + " is unknown and its tables match no known version"};
    const Shape& expected = known[static_cast<std::size_t>(version)];
    std::vector<std::string> missing, unknown, problems;
    for (const auto& [table, columns] : expected) {
        const auto it = actual.find(table);
        if (it == actual.end()) {
            missing.push_back(table);
            continue;
        }
        std::vector<std::string> lacks;
        for (const auto& c : columns)
            if (std::find(it->second.begin(), it->second.end(), c) == it->second.end()) lacks.push_back(c);
        if (!lacks.empty())
            problems.push_back(prefix + " but table " + table + " lacks column" + (lacks.size() > 1 ? "s " : " ") + join(lacks));
        for (const auto& c : it->second)
            if (std::find(columns.begin(), columns.end(), c) == columns.end())
                problems.push_back(prefix + " but table " + table + " has an unknown column " + c);
    }
    for (const auto& [table, columns] : actual)
        if (!expected.count(table)) unknown.push_back(table);
    if (!missing.empty())
        problems.insert(problems.begin(), prefix + " but table" + (missing.size() > 1 ? "s " : " ") + join(missing) +
                                              (missing.size() > 1 ? " are" : " is") + " missing");
    if (!unknown.empty())
        problems.push_back(prefix + " but it has unknown table" + (unknown.size() > 1 ? "s " : " ") + join(unknown));
    return problems;
}

}  // namespace ts::store
