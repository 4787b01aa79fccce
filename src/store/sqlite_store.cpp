#include "core/time.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace ts {
namespace {

// A SQLite file starts with this 16-byte header; anything else is not a database.
bool looks_like_sqlite(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() == 0) return true;  // empty file: SQLite treats it as a new database
    return in.gcount() == 16 && std::string(header, 16) == std::string("SQLite format 3\0", 16);
}

// Refuses SQLite files that belong to another program. A file with no tables and no
// application id is empty and may become ours.
void require_ours(sql::Db& db, const std::string& path) {
    const auto app_id = db.scalar_int("PRAGMA application_id");
    if (app_id == store::kApplicationId) return;
    const auto tables = db.scalar_int("SELECT count(*) FROM sqlite_schema");
    if (app_id != 0 || tables != 0)
        throw StoreError(path + ": not a Teamspiegel database (a SQLite database of another program)");
}

StoreCounts read_counts(sql::Db& db) {
    StoreCounts c;
    c.teams = db.scalar_int("SELECT count(*) FROM team");
    c.members = db.scalar_int("SELECT count(*) FROM member");
    c.youths = db.scalar_int("SELECT count(*) FROM youth");
    c.measures = db.scalar_int("SELECT count(*) FROM measure");
    c.incidents = db.scalar_int("SELECT count(*) FROM incident");
    c.meetings = db.scalar_int("SELECT count(*) FROM meeting");
    c.actions = db.scalar_int("SELECT count(*) FROM action");
    c.action_updates = db.scalar_int("SELECT count(*) FROM action_update");
    return c;
}

// Turns constraint failures into sentences a team coach understands.
[[noreturn]] void rethrow_friendly(const sql::Error& e, const std::string& what) {
    const int code = e.code();
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        throw StoreError(what + " already exists");
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) throw StoreError(what + " refers to a record that does not exist");
    if (code == SQLITE_CONSTRAINT_CHECK) throw StoreError(what + " has a value out of range");
    if ((code & 0xFF) == SQLITE_BUSY) throw StoreError("the database is busy (another Teamspiegel is writing); try again");
    throw StoreError(what + ": " + e.what());
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path) : path_(path), db_(open(path)) {}

    std::uint64_t revision() const override { return revision_; }
    const std::string& path() const override { return path_; }

    std::vector<Team> teams() override {
        sql::Stmt s(db_, "SELECT id, name, location, capacity, reduction_goal_pct, active, created_at, updated_at "
                         "FROM team ORDER BY name COLLATE NOCASE");
        std::vector<Team> out;
        while (s.step()) out.push_back(read_team(s));
        return out;
    }

    std::optional<Team> team(const std::string& id) override {
        sql::Stmt s(db_, "SELECT id, name, location, capacity, reduction_goal_pct, active, created_at, updated_at "
                         "FROM team WHERE id = :id");
        s.bind(":id", id);
        if (!s.step()) return std::nullopt;
        return read_team(s);
    }

    void insert_team(const Team& t) override {
        write("a team named \"" + t.name + "\"", [&] { add_team(t); });
    }

    void add_team(const Team& t) {
        sql::Stmt s(db_, "INSERT INTO team (id, name, location, capacity, reduction_goal_pct, active, created_at, updated_at) "
                         "VALUES (:id, :name, :location, :capacity, :goal, :active, :created, :updated)");
        s.bind(":id", t.id).bind(":name", t.name).bind(":location", t.location).bind(":capacity", t.capacity);
        s.bind(":goal", t.reduction_goal_pct).bind(":active", t.active);
        s.bind(":created", t.created_at).bind(":updated", t.updated_at);
        s.run();
    }

    std::vector<Member> members(const std::string& team_id) override {
        sql::Stmt s(db_, "SELECT id, team_id, name, role, active, created_at, updated_at FROM member "
                         "WHERE team_id = :team ORDER BY name COLLATE NOCASE");
        s.bind(":team", team_id);
        std::vector<Member> out;
        while (s.step()) {
            Member m;
            m.id = s.text(0);
            m.team_id = s.text(1);
            m.name = s.text(2);
            m.role = role_from_string(s.text(3)).value_or(Role::group_worker);
            m.active = s.integer(4) != 0;
            m.created_at = s.text(5);
            m.updated_at = s.text(6);
            out.push_back(std::move(m));
        }
        return out;
    }

    void insert_member(const Member& m) override {
        write("team member \"" + m.name + "\"", [&] { add_member(m); });
    }

    void add_member(const Member& m) {
        sql::Stmt s(db_, "INSERT INTO member (id, team_id, name, role, active, created_at, updated_at) "
                         "VALUES (:id, :team, :name, :role, :active, :created, :updated)");
        s.bind(":id", m.id).bind(":team", m.team_id).bind(":name", m.name).bind(":role", to_string(m.role));
        s.bind(":active", m.active).bind(":created", m.created_at).bind(":updated", m.updated_at);
        s.run();
    }

    std::vector<Youth> youths(const std::string& team_id) override {
        sql::Stmt s(db_, "SELECT id, team_id, code, age_at_admission, admitted_on, discharged_on, setting, created_at, updated_at "
                         "FROM youth WHERE team_id = :team ORDER BY code");
        s.bind(":team", team_id);
        std::vector<Youth> out;
        while (s.step()) {
            Youth y;
            y.id = s.text(0);
            y.team_id = s.text(1);
            y.code = s.text(2);
            y.age_at_admission = s.opt_int(3);
            y.admitted_on = s.text(4);
            y.discharged_on = s.opt_text(5);
            y.setting = care_setting_from_string(s.text(6)).value_or(CareSetting::open);
            y.created_at = s.text(7);
            y.updated_at = s.text(8);
            out.push_back(std::move(y));
        }
        return out;
    }

    void insert_youth(const Youth& y) override {
        write("youth code \"" + y.code + "\"", [&] { add_youth(y); });
    }

    void add_youth(const Youth& y) {
        sql::Stmt s(db_, "INSERT INTO youth (id, team_id, code, age_at_admission, admitted_on, discharged_on, setting, created_at, updated_at) "
                         "VALUES (:id, :team, :code, :age, :admitted, :discharged, :setting, :created, :updated)");
        s.bind(":id", y.id).bind(":team", y.team_id).bind(":code", y.code).bind(":age", y.age_at_admission);
        s.bind(":admitted", y.admitted_on).bind(":discharged", y.discharged_on).bind(":setting", to_string(y.setting));
        s.bind(":created", y.created_at).bind(":updated", y.updated_at);
        s.run();
    }

    void insert_measure(const Measure& m) override {
        write("measure " + m.id, [&] { add_measure(m); });
    }

    void add_measure(const Measure& m) {
        sql::Stmt s(db_,
                    "INSERT INTO measure (id, team_id, youth_id, type, started_at, ended_at, reason, incident_id, emergency, "
                    "in_care_plan, consent_by, consent_at, decided_by, parents_informed_at, debrief_at, notes, created_at, updated_at) "
                    "VALUES (:id, :team, :youth, :type, :start, :end, :reason, :incident, :emergency, :plan, :consent_by, "
                    ":consent_at, :decided_by, :parents, :debrief, :notes, :created, :updated)");
        s.bind(":id", m.id).bind(":team", m.team_id).bind(":youth", m.youth_id).bind(":type", m.type);
        s.bind(":start", m.started_at).bind(":end", m.ended_at).bind(":reason", m.reason).bind(":incident", m.incident_id);
        s.bind(":emergency", m.emergency).bind(":plan", m.in_care_plan).bind(":consent_by", m.consent_by);
        s.bind(":consent_at", m.consent_at).bind(":decided_by", m.decided_by).bind(":parents", m.parents_informed_at);
        s.bind(":debrief", m.debrief_at).bind(":notes", m.notes).bind(":created", m.created_at).bind(":updated", m.updated_at);
        s.run();
    }

    void insert_incident(const Incident& i) override {
        write("incident " + i.id, [&] { add_incident(i); });
    }

    void add_incident(const Incident& i) {
        sql::Stmt s(db_, "INSERT INTO incident (id, team_id, occurred_at, category, severity, description, response, "
                         "reportable, follow_up, created_at, updated_at) VALUES (:id, :team, :at, :category, :severity, "
                         ":description, :response, :reportable, :follow_up, :created, :updated)");
        s.bind(":id", i.id).bind(":team", i.team_id).bind(":at", i.occurred_at).bind(":category", i.category);
        s.bind(":severity", i.severity).bind(":description", i.description).bind(":response", i.response);
        s.bind(":reportable", i.reportable).bind(":follow_up", i.follow_up).bind(":created", i.created_at);
        s.bind(":updated", i.updated_at);
        s.run();
        sql::Stmt link(db_, "INSERT INTO incident_youth (incident_id, youth_id) VALUES (:incident, :youth)");
        for (const auto& y : i.youth_ids) {
            link.bind(":incident", i.id).bind(":youth", y);
            link.run();
        }
    }

    void add_meeting(const Meeting& m) {
        sql::Stmt s(db_, "INSERT INTO meeting (id, team_id, template, held_on, facilitator_id, state, created_at, updated_at) "
                         "VALUES (:id, :team, :template, :held_on, :facilitator, :state, :created, :updated)");
        s.bind(":id", m.id).bind(":team", m.team_id).bind(":template", m.template_id).bind(":held_on", m.held_on);
        s.bind(":facilitator", m.facilitator_id).bind(":state", to_string(m.state));
        s.bind(":created", m.created_at).bind(":updated", m.updated_at);
        s.run();
        sql::Stmt att(db_, "INSERT INTO meeting_attendee (meeting_id, member_id) VALUES (:meeting, :member)");
        for (const auto& a : m.attendee_ids) {
            att.bind(":meeting", m.id).bind(":member", a);
            att.run();
        }
        sql::Stmt step(db_, "INSERT INTO meeting_step (meeting_id, position, kind, notes, seconds_used) "
                            "VALUES (:meeting, :pos, :kind, :notes, :seconds)");
        for (std::size_t i = 0; i < m.steps.size(); ++i) {
            step.bind(":meeting", m.id).bind(":pos", static_cast<std::int64_t>(i)).bind(":kind", to_string(m.steps[i].kind));
            step.bind(":notes", m.steps[i].notes).bind(":seconds", m.steps[i].seconds_used);
            step.run();
        }
        sql::Stmt ans(db_, "INSERT INTO meeting_answer (meeting_id, question_id, text) VALUES (:meeting, :q, :text)");
        for (const auto& [q, text] : m.answers) {
            ans.bind(":meeting", m.id).bind(":q", q).bind(":text", text);
            ans.run();
        }
        sql::Stmt rat(db_, "INSERT INTO meeting_rating (meeting_id, recommendation_id, rating) VALUES (:meeting, :r, :rating)");
        for (const auto& [r, rating] : m.ratings) {
            rat.bind(":meeting", m.id).bind(":r", r).bind(":rating", to_string(rating));
            rat.run();
        }
    }

    void add_action(const Action& a) {
        sql::Stmt s(db_, "INSERT INTO action (id, team_id, meeting_id, title, description, owner_id, due_on, status, "
                         "guideline_ref, incident_id, completed_at, created_at, updated_at) VALUES (:id, :team, :meeting, "
                         ":title, :description, :owner, :due, :status, :ref, :incident, :completed, :created, :updated)");
        s.bind(":id", a.id).bind(":team", a.team_id).bind(":meeting", a.meeting_id).bind(":title", a.title);
        s.bind(":description", a.description).bind(":owner", a.owner_id).bind(":due", a.due_on);
        s.bind(":status", to_string(a.status)).bind(":ref", a.guideline_ref).bind(":incident", a.incident_id);
        s.bind(":completed", a.completed_at).bind(":created", a.created_at).bind(":updated", a.updated_at);
        s.run();
    }

    void add_action_update(const ActionUpdate& u) {
        sql::Stmt s(db_, "INSERT INTO action_update (id, action_id, meeting_id, status, note, created_at, updated_at) "
                         "VALUES (:id, :action, :meeting, :status, :note, :created, :updated)");
        s.bind(":id", u.id).bind(":action", u.action_id).bind(":meeting", u.meeting_id).bind(":status", to_string(u.status));
        s.bind(":note", u.note).bind(":created", u.created_at).bind(":updated", u.updated_at);
        s.run();
    }

    void insert_dataset(const Dataset& d) override {
        write("the data", [&] {
            for (const auto& x : d.teams) add_team(x);
            for (const auto& x : d.members) add_member(x);
            for (const auto& x : d.youths) add_youth(x);
            for (const auto& x : d.incidents) add_incident(x);
            for (const auto& x : d.measures) add_measure(x);
            for (const auto& x : d.meetings) add_meeting(x);
            for (const auto& x : d.actions) add_action(x);
            for (const auto& x : d.action_updates) add_action_update(x);
        });
    }

    StoreCounts counts() override { return read_counts(db_); }

    std::optional<std::string> setting(std::string_view key) override {
        sql::Stmt s(db_, "SELECT value FROM setting WHERE key = :key");
        s.bind(":key", key);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    }

    void set_setting(std::string_view key, std::string_view value) override {
        write("setting", [&] {
            sql::Stmt s(db_, "INSERT INTO setting (key, value) VALUES (:key, :value) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            s.bind(":key", key).bind(":value", value);
            s.run();
        });
    }

private:
    static sql::Db open(const std::string& path) {
        if (path != ":memory:") {
            ensure_database_folder(path);
            if (fs::is_directory(path)) throw StoreError(path + ": is a folder, not a database file");
            if (fs::exists(path) && !looks_like_sqlite(path))
                throw StoreError(path + ": not a Teamspiegel database (not a SQLite file)");
        }
        try {
            sql::Db db(path, sql::Db::Mode::read_write_create);
            sqlite3_busy_timeout(db.handle(), 5000);
            require_ours(db, path);
            db.exec("PRAGMA foreign_keys = ON");
            if (path != ":memory:") {
                db.exec("PRAGMA journal_mode = WAL");
                db.exec("PRAGMA synchronous = NORMAL");
            }
            store::migrate(db);
            return db;
        } catch (const sql::Error& e) {
            if ((e.code() & 0xFF) == SQLITE_NOTADB) throw StoreError(path + ": not a Teamspiegel database (not a SQLite file)");
            if ((e.code() & 0xFF) == SQLITE_CORRUPT) throw StoreError(path + ": the database file is damaged (" + e.what() + ")");
            throw StoreError(path + ": " + e.what());
        }
    }

    static Team read_team(const sql::Stmt& s) {
        Team t;
        t.id = s.text(0);
        t.name = s.text(1);
        t.location = s.text(2);
        t.capacity = static_cast<int>(s.integer(3));
        t.reduction_goal_pct = s.real(4);
        t.active = s.integer(5) != 0;
        t.created_at = s.text(6);
        t.updated_at = s.text(7);
        return t;
    }

    // Runs one write in its own transaction and bumps the revision once it is committed.
    template <typename F>
    void write(const std::string& what, F&& body) {
        try {
            sql::Transaction tx(db_);
            body();
            tx.commit();
        } catch (const sql::Error& e) {
            rethrow_friendly(e, what);
        }
        ++revision_;
    }

    std::string path_;
    sql::Db db_;
    std::uint64_t revision_ = 1;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

CheckReport check_database(const std::string& path) {
    CheckReport r;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        r.problems.push_back(path + ": no such file");
        return r;
    }
    if (fs::is_directory(path, ec)) {
        r.problems.push_back(path + ": is a folder, not a database file");
        return r;
    }
    if (fs::file_size(path, ec) == 0 || !looks_like_sqlite(path)) {
        r.problems.push_back(path + ": not a Teamspiegel database (not a SQLite file)");
        return r;
    }
    try {
        sql::Db db(path, sql::Db::Mode::read_only);
        if (db.scalar_int("PRAGMA application_id") != store::kApplicationId) {
            r.problems.push_back(path + ": not a Teamspiegel database (a SQLite database of another program)");
            return r;
        }
        r.schema_version = static_cast<int>(db.scalar_int("PRAGMA user_version"));
        if (r.schema_version > store::latest_schema_version()) {
            r.problems.push_back(path + ": schema version " + std::to_string(r.schema_version) +
                                 " is newer than this program understands (" +
                                 std::to_string(store::latest_schema_version()) + ")");
            return r;
        }
        {
            sql::Stmt s(db, "PRAGMA integrity_check");
            while (s.step())
                if (s.text(0) != "ok") r.problems.push_back(path + ": integrity: " + s.text(0));
        }
        {
            sql::Stmt s(db, "PRAGMA foreign_key_check");
            while (s.step())
                r.problems.push_back(path + ": " + s.text(0) + " row " + std::to_string(s.integer(1)) +
                                     " refers to a missing " + s.text(2) + " record");
        }
        if (r.schema_version == store::latest_schema_version()) r.counts = read_counts(db);
    } catch (const sql::Error& e) {
        if ((e.code() & 0xFF) == SQLITE_NOTADB) r.problems.push_back(path + ": not a Teamspiegel database (not a SQLite file)");
        else r.problems.push_back(path + ": damaged or unreadable (" + std::string(e.what()) + ")");
        return r;
    }
    r.ok = r.problems.empty();
    return r;
}

}  // namespace ts
