#include "core/demo.hpp"
#include "core/fields.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/import.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"
#include "old_schema.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <grp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using namespace ts;

// What schema versions 3 and 4 added (the packed months of measures and incidents, the packed
// actions of each team; the incidents a meeting discussed), so a test can make a file of an
// older version. (Version 4 also made meeting_step again with one more kind: its columns, all a
// file's shape is checked by, are those of before.)
namespace {

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("ts-store") {}
};

Team make_team(const std::string& name) {
    Team t;
    t.id = new_uuid();
    t.name = name;
    t.location = "Leiden";
    t.capacity = 8;
    t.reduction_goal_pct = 30;
    t.created_at = t.updated_at = "2026-01-05T09:00:00Z";
    return t;
}

Member make_member(const std::string& team_id, const std::string& name) {
    Member m;
    m.id = new_uuid();
    m.team_id = team_id;
    m.name = name;
    m.created_at = m.updated_at = "2026-01-05T09:00:00Z";
    return m;
}

Youth make_youth(const std::string& team_id, const std::string& code) {
    Youth y;
    y.id = new_uuid();
    y.team_id = team_id;
    y.code = code;
    y.admitted_on = "2026-01-05";
    y.created_at = y.updated_at = "2026-01-05T09:00:00Z";
    return y;
}

// How far each kind's revision moved since `before`.
std::array<std::uint64_t, kKindCount> moved(const Revisions& before, const Revisions& after) {
    std::array<std::uint64_t, kKindCount> out{};
    for (Kind k : kAllKinds) out[static_cast<std::size_t>(k)] = after[k] - before[k];
    return out;
}
std::array<std::uint64_t, kKindCount> once(std::initializer_list<Kind> kinds) {
    std::array<std::uint64_t, kKindCount> out{};
    for (Kind k : kinds) out[static_cast<std::size_t>(k)] = 1;
    return out;
}

// Reads a value straight from the file, bypassing the store.
std::int64_t pragma(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void exec_raw(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

// The column names of a table, read straight from the file.
std::set<std::string> columns_of(const std::string& path, std::string_view table) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, table.data(), static_cast<int>(table.size()), SQLITE_TRANSIENT);
    std::set<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema and marked as ours", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("new.db");
    {
        auto store = open_sqlite_store(path);
        CHECK(store->teams().empty());
        store->save_team(make_team("De Linde"), "test");
    }
    CHECK(pragma(path, "PRAGMA user_version") == 5);
    CHECK(pragma(path, "PRAGMA application_id") == 0x54535047);
    CHECK(pragma(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                       "('team','member','youth','measure','incident','incident_youth','meeting','meeting_attendee',"
                       "'meeting_step','meeting_answer','meeting_rating','meeting_incident','action','action_update','change_log','setting')") == 16);
}

TEST_CASE("each record kind's table has exactly the columns of its field table", "[store][fields]") {
    // The field tables (core/fields.hpp) drive every INSERT, upsert and SELECT; the migrations
    // make the tables. A field without a migration, or a column without a field, fails here.
    TempDir tmp;
    const std::string path = tmp.file("columns.db");
    { open_sqlite_store(path); }
    for (Kind kind : kAllKinds) {
        with_table(kind, [&](const auto& table) {
            INFO(table.name);
            std::set<std::string> fields;
            for (const auto& f : table.fields)
                if (f.column()) fields.emplace(f.name);
            fields.emplace("import_id");  // the store's own: the import that last wrote the record (migration 5)
            CHECK(columns_of(path, table.name) == fields);
        });
    }
}

TEST_CASE("re-opening keeps the data and does not migrate again", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("reopen.db");
    const Team t = make_team("De Wissel");
    { open_sqlite_store(path)->save_team(t, "test"); }
    {
        auto store = open_sqlite_store(path);
        const auto teams = store->teams();
        REQUIRE(teams.size() == 1);
        CHECK(teams[0].id == t.id);
        CHECK(teams[0].name == "De Wissel");
        CHECK(teams[0].reduction_goal_pct == 30);
        CHECK(store->counts().teams == 1);
    }
    CHECK(pragma(path, "PRAGMA user_version") == 5);
}

TEST_CASE("a database of schema version 1 gets the incident's report dates and keeps its incidents", "[store][migration][incident_deadline]") {
    TempDir tmp;
    const std::string path = tmp.file("v1.db");
    const Team t = make_team("De Linde");
    Incident i;
    i.id = new_uuid();
    i.team_id = t.id;
    i.occurred_at = "2026-03-06T10:00:00Z";
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.description = "Slaan naar een medewerker.";
    i.reportable = true;
    i.created_at = i.updated_at = "2026-03-06T11:00:00Z";
    {
        auto store = open_sqlite_store(path);
        store->save_team(t, "test");
        store->save_incident(i, "test");
    }
    // Back to version 1, as a file from before schema version 2 is: without the two columns
    // (and without what version 3 added).
    exec_raw(path, std::string(test::kDropVersion5) + test::kDropVersion3 + "ALTER TABLE incident DROP COLUMN reported_on; "
                   "ALTER TABLE incident DROP COLUMN investigation_concluded_on; PRAGMA user_version = 1;");
    REQUIRE(columns_of(path, "incident").count("reported_on") == 0);
    {
        const CheckReport r = check_database(path);
        CHECK(r.ok);
        CHECK(r.schema_version == 1);
    }
    CHECK_THROWS_WITH(open_sqlite_store(path, OpenMode::read_only),
                      path + ": schema version 1 is older than this program's (5); open it once in the program's window to update it");
    {
        auto store = open_sqlite_store(path);  // migrates
        const auto stored = store->incident(i.id);
        REQUIRE(stored);
        CHECK(stored->description == "Slaan naar een medewerker.");
        CHECK(stored->reportable);
        CHECK_FALSE(stored->reported_on);
        CHECK_FALSE(stored->investigation_concluded_on);
    }
    CHECK(pragma(path, "PRAGMA user_version") == 5);
    CHECK(columns_of(path, "incident").count("reported_on") == 1);
    CHECK(columns_of(path, "incident").count("investigation_concluded_on") == 1);
    CHECK(check_database(path).ok);

    SECTION("a version 5 that has the tables of version 1 is damaged, not migrated") {
        exec_raw(path, std::string(test::kDropVersion5) + test::kDropVersion3 +
                           "ALTER TABLE incident DROP COLUMN reported_on; ALTER TABLE incident DROP COLUMN investigation_concluded_on;");
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0] == path + ": schema version 5 but the tables of version 1 are present");
    }
}

TEST_CASE("an incident's report dates are stored read back and kept in its history", "[store][incident_deadline]") {
    TempDir tmp;
    auto store = open_sqlite_store(tmp.file("report.db"));
    const Team t = make_team("De Linde");
    store->save_team(t, "test");
    Incident i;
    i.id = new_uuid();
    i.team_id = t.id;
    i.occurred_at = "2026-03-06T10:00:00Z";
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.description = "Slaan naar een medewerker.";
    i.reportable = true;
    i.created_at = i.updated_at = "2026-03-06T11:00:00Z";
    store->save_incident(i, "Sanne");
    i.investigation_concluded_on = "2026-03-20";
    i.reported_on = "2026-03-23";
    i.updated_at = "2026-03-23T09:00:00Z";
    store->save_incident(i, "Sanne");
    const auto stored = store->incident(i.id);
    REQUIRE(stored);
    CHECK(stored->reported_on == std::optional<std::string>("2026-03-23"));
    CHECK(stored->investigation_concluded_on == std::optional<std::string>("2026-03-20"));
    CHECK(store->incidents(t.id).at(0).reported_on == std::optional<std::string>("2026-03-23"));
    std::map<std::string, std::pair<std::optional<std::string>, std::optional<std::string>>> changed;
    for (const Change& c : store->changes("incident", i.id)) changed[c.field] = {c.old_value, c.new_value};
    REQUIRE(changed.count("reported_on"));
    CHECK(changed["reported_on"].first == std::nullopt);
    CHECK(changed["reported_on"].second == std::optional<std::string>("2026-03-23"));
    REQUIRE(changed.count("investigation_concluded_on"));
    CHECK(changed["investigation_concluded_on"].second == std::optional<std::string>("2026-03-20"));
    // Cleared again: back to none.
    i.reported_on.reset();
    i.updated_at = "2026-03-24T09:00:00Z";
    store->save_incident(i, "Sanne");
    CHECK_FALSE(store->incident(i.id)->reported_on);
}

TEST_CASE("the database runs in WAL mode with foreign keys enforced", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("wal.db");
    auto store = open_sqlite_store(path);
    store->save_team(make_team("A"), "test");
    CHECK(fs::exists(path + "-wal"));
    Member orphan;
    orphan.id = new_uuid();
    orphan.team_id = new_uuid();  // no such team
    orphan.name = "Sanne B.";
    orphan.created_at = orphan.updated_at = now_utc();
    CHECK_THROWS_WITH(store->save_member(orphan, "test"), Catch::Contains("refers to a record that does not exist"));
    CHECK(store->counts().members == 0);
}

TEST_CASE("team names are unique, whatever their case", "[store]") {
    auto store = open_sqlite_store(":memory:");
    store->save_team(make_team("De Linde"), "test");
    CHECK_THROWS_WITH(store->save_team(make_team("de linde"), "test"), Catch::Contains("already exists"));
    CHECK(store->teams().size() == 1);
}

TEST_CASE("insert_dataset stores all records or none", "[store]") {
    auto store = open_sqlite_store(":memory:");
    Dataset d;
    d.teams.push_back(make_team("A"));
    Youth y;
    y.id = new_uuid();
    y.team_id = d.teams[0].id;
    y.code = "J-01";
    y.admitted_on = "2026-01-05";
    y.created_at = y.updated_at = now_utc();
    d.youths.push_back(y);
    Youth dup = y;
    dup.id = new_uuid();  // same code in the same team: refused
    d.youths.push_back(dup);
    const Revisions before = store->revisions();
    CHECK_THROWS_AS(store->insert_dataset(d), StoreError);
    CHECK(store->counts().teams == 0);
    CHECK(store->counts().youths == 0);
    CHECK(store->revisions() == before);

    d.youths.pop_back();
    store->insert_dataset(d);
    CHECK(store->counts().teams == 1);
    CHECK(store->youths(d.teams[0].id).size() == 1);
    for (Kind k : kAllKinds) CHECK(store->revisions()[k] > before[k]);
}

// --- transactions and savepoints: saves that compose -------------------------------------------

namespace {
// The values of table t, in order, as "1,2,4".
std::string values(sql::Db& db) {
    sql::Stmt s(db, "SELECT coalesce(group_concat(x, ','), '') FROM (SELECT x FROM t ORDER BY x)");
    REQUIRE(s.step());
    return s.text(0);
}
}  // namespace

TEST_CASE("sql::Transaction nests as savepoints: an inner rollback keeps the outer work", "[store][transaction]") {
    sql::Db db(":memory:", sql::Db::Mode::read_write_create);
    db.exec("CREATE TABLE t (x INTEGER)");
    {
        sql::Transaction outer(db);
        CHECK_FALSE(outer.nested());
        db.exec("INSERT INTO t VALUES (1)");
        {
            sql::Transaction middle(db);
            CHECK(middle.nested());
            db.exec("INSERT INTO t VALUES (2)");
            {
                sql::Transaction inner(db);  // three deep, not committed: rolled back to
                db.exec("INSERT INTO t VALUES (3)");
                CHECK(db.depth() == 3);
            }
            CHECK(values(db) == "1,2");
            {
                sql::Transaction inner(db);
                db.exec("INSERT INTO t VALUES (4)");
                inner.commit();
            }
            middle.commit();
        }
        {
            sql::Transaction middle(db);
            db.exec("INSERT INTO t VALUES (5)");
        }
        CHECK(db.depth() == 1);
        CHECK(values(db) == "1,2,4");
        outer.commit();
    }
    CHECK(db.depth() == 0);
    CHECK(values(db) == "1,2,4");
    {
        // A savepoint that was committed is still undone with the transaction around it.
        sql::Transaction outer(db);
        {
            sql::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (6)");
            inner.commit();
        }
    }
    CHECK(values(db) == "1,2,4");
    CHECK(db.depth() == 0);
}

TEST_CASE("a save that fails inside a transaction undoes only itself, and the rest commits together", "[store][transaction]") {
    TempDir tmp;
    const std::string path = tmp.file("compose.db");
    auto store = open_sqlite_store(path);
    const Team a = make_team("A");
    store->save_team(a, "Sanne");
    const Team b = make_team("B");
    const Youth y = make_youth(b.id, "J-01"), y2 = make_youth(b.id, "J-02");
    Member orphan = make_member(new_uuid(), "Sanne B.");  // no such team
    Incident incident;
    incident.id = new_uuid();
    incident.team_id = b.id;
    incident.occurred_at = "2026-02-01T10:00:00Z";
    incident.category = "aggression_verbal";
    incident.youth_ids = {y.id, new_uuid()};
    incident.created_at = incident.updated_at = incident.occurred_at;
    const Revisions before = store->revisions();

    store->transaction([&] {
        store->save_team(b, "Sanne");
        CHECK_THROWS_WITH(store->save_member(orphan, "Sanne"), Catch::Contains("refers to a record that does not exist"));
        CHECK_THROWS_WITH(store->save_team(make_team("a"), "Sanne"), Catch::Contains("already exists"));
        store->save_youth(y, "Sanne");
        // Its row is written before its youths, of which one does not exist: both undone.
        CHECK_THROWS_WITH(store->save_incident(incident, "Sanne"), Catch::Contains("refers to a record that does not exist"));
        store->save_youth(y2, "Sanne");
        // Inside, the transaction's own writes are there; the revisions wait for the end.
        CHECK(store->teams().size() == 2);
        CHECK(store->revisions() == before);
    });

    CHECK(store->teams().size() == 2);
    CHECK(store->members(b.id).empty());
    CHECK(store->youths(b.id).size() == 2);
    CHECK(store->changes("team", b.id).size() == 1);  // "created"
    CHECK(store->changes("member", orphan.id).empty());
    CHECK(store->incidents(b.id).empty());
    CHECK(store->changes("incident", incident.id).empty());
    // Once per kind written, however many records: the failed member save wrote nothing.
    CHECK(moved(before, store->revisions()) == once({Kind::team, Kind::youth}));
    store.reset();
    // Committed to the file.
    auto again = open_sqlite_store(path);
    CHECK(again->youths(b.id).size() == 2);
}

TEST_CASE("an exception out of a transaction undoes every save in it", "[store][transaction]") {
    TempDir tmp;
    const std::string path = tmp.file("undo.db");
    auto store = open_sqlite_store(path);
    const Team a = make_team("A");
    store->save_team(a, "Sanne");
    const Team b = make_team("B");
    const Youth y = make_youth(b.id, "J-01");
    Measure m;
    m.id = new_uuid();
    m.team_id = b.id;
    m.youth_id = y.id;
    m.type = "seclusion";
    m.started_at = "2026-02-01T10:00:00Z";
    m.created_at = m.updated_at = m.started_at;
    Team renamed = a;
    renamed.name = "A2";
    const Revisions before = store->revisions();

    CHECK_THROWS_WITH(store->transaction([&] {
        store->save_team(b, "Sanne");
        store->save_team(renamed, "Sanne");
        store->save_youth(y, "Sanne");
        store->save_measure(m, "Sanne");
        throw std::runtime_error("the meeting could not be closed");
    }),
                      "the meeting could not be closed");

    CHECK(store->teams().size() == 1);
    CHECK(store->team(a.id)->name == "A");
    CHECK_FALSE(store->team(b.id));
    CHECK_FALSE(store->measure(m.id));
    for (const auto& [entity, id] : std::vector<std::pair<std::string, std::string>>{
             {"team", b.id}, {"youth", y.id}, {"measure", m.id}})
        CHECK(store->changes(entity, id).empty());
    CHECK(store->changes("team", a.id).size() == 1);  // only its "created"
    CHECK(store->revisions() == before);
    CHECK(store->counts().youths == 0);

    // The store goes on as before, inside a transaction or not.
    store->save_team(b, "Sanne");
    store->transaction([&] { store->save_youth(y, "Sanne"); });
    store.reset();
    auto again = open_sqlite_store(path);
    CHECK(again->teams().size() == 2);
    CHECK(again->youths(b.id).size() == 1);
    CHECK_FALSE(again->measure(m.id));
}

TEST_CASE("transactions nest three deep", "[store][transaction]") {
    auto store = open_sqlite_store(":memory:");
    const Team b = make_team("B");
    const Member sanne = make_member(b.id, "Sanne B.");
    const Youth y1 = make_youth(b.id, "J-01"), y2 = make_youth(b.id, "J-02");
    const Revisions before = store->revisions();

    store->transaction([&] {
        store->save_team(b, "Sanne");
        store->transaction([&] {
            store->save_member(sanne, "Sanne");
            try {
                store->transaction([&] {
                    store->save_youth(y1, "Sanne");
                    throw StoreError("changed my mind");
                });
                FAIL("the innermost transaction did not throw");
            } catch (const StoreError& e) {
                CHECK(std::string(e.what()) == "changed my mind");
            }
            store->transaction([&] { store->save_youth(y2, "Sanne"); });
            CHECK(store->youths(b.id).size() == 1);
        });
        CHECK(store->revisions() == before);
    });

    CHECK(store->teams().size() == 1);
    CHECK(store->members(b.id).size() == 1);
    const auto youths = store->youths(b.id);
    REQUIRE(youths.size() == 1);
    CHECK(youths[0].id == y2.id);
    CHECK(store->changes("youth", y1.id).empty());
    CHECK(moved(before, store->revisions()) == once({Kind::team, Kind::member, Kind::youth}));

    // An inner transaction that committed is undone with the outer one that throws.
    const Revisions middle = store->revisions();
    const Team c = make_team("C");
    CHECK_THROWS_AS(store->transaction([&] {
        store->transaction([&] { store->save_team(c, "Sanne"); });
        throw std::runtime_error("no");
    }),
                    std::runtime_error);
    CHECK_FALSE(store->team(c.id));
    CHECK(store->revisions() == middle);
}

TEST_CASE("head finds a record of any kind by id, with its stamp and owner", "[store]") {
    auto store = open_sqlite_store(":memory:");
    const Team t = make_team("De Linde");
    store->save_team(t, "test");
    const Member m = make_member(t.id, "Sanne B.");
    store->save_member(m, "test");
    Action a;
    a.id = new_uuid();
    a.team_id = t.id;
    a.title = "Nagesprek binnen 24 uur plannen";
    a.created_at = "2026-02-01T10:00:00Z";
    a.updated_at = "2026-02-03T11:00:00Z";
    store->save_action(a, "test");
    ActionUpdate u;
    u.id = new_uuid();
    u.action_id = a.id;
    u.status = ActionStatus::in_progress;
    u.note = "Eerste gesprek gevoerd.";
    u.created_at = u.updated_at = "2026-02-04T09:00:00Z";
    store->save_action_update(u, "test");

    const auto head_of = [&](Kind k, const std::string& id) {
        auto h = store->head(k, id);
        return h ? h->updated_at + " " + h->owner : std::string("none");
    };
    CHECK(head_of(Kind::team, t.id) == "2026-01-05T09:00:00Z " + t.id);  // a team owns itself
    CHECK(head_of(Kind::member, m.id) == "2026-01-05T09:00:00Z " + t.id);
    CHECK(head_of(Kind::action, a.id) == "2026-02-03T11:00:00Z " + t.id);
    CHECK(head_of(Kind::action_update, u.id) == "2026-02-04T09:00:00Z " + a.id);
    CHECK(head_of(Kind::member, t.id) == "none");  // an id of another kind
    CHECK(head_of(Kind::meeting, new_uuid()) == "none");
}

TEST_CASE("save_meeting, save_action and save_action_update insert a new id and replace a known one", "[store]") {
    auto store = open_sqlite_store(":memory:");
    const Team t = make_team("De Linde");
    store->save_team(t, "test");
    const Member m1 = make_member(t.id, "Sanne B."), m2 = make_member(t.id, "Youssef K.");
    store->save_member(m1, "test");
    store->save_member(m2, "test");
    Meeting mt;
    mt.id = new_uuid();
    mt.team_id = t.id;
    mt.template_id = "monthly";
    mt.held_on = "2026-03-10";
    mt.facilitator_id = m1.id;
    mt.attendee_ids = {m1.id, m2.id};
    mt.steps = {{StepKind::check_in, "Rustige week.", 300}};
    mt.created_at = mt.updated_at = "2026-03-10T09:00:00Z";
    Action a;
    a.id = new_uuid();
    a.team_id = t.id;
    a.meeting_id = mt.id;
    a.title = "Debrief na elke fixatie";
    a.created_at = a.updated_at = mt.created_at;
    const Revisions before = store->revisions();
    store->save_meeting(mt, "test");
    store->save_action(a, "test");
    CHECK(moved(before, store->revisions()) == once({Kind::meeting, Kind::action}));

    // Replaced with fewer attendees, another step, a new status: the child rows follow.
    mt.attendee_ids = {m2.id};
    mt.steps = {{StepKind::measures, "Minder afzonderingen.", 600}, {StepKind::discussion, "Advies: eerder overdragen.", 300},
                {StepKind::close, "", 60}};
    mt.state = MeetingState::closed;
    mt.updated_at = "2026-03-10T11:00:00Z";
    store->save_meeting(mt, "test");
    a.status = ActionStatus::done;
    a.completed_at = "2026-03-20T10:00:00Z";
    store->save_action(a, "test");
    const Dataset d = store->export_data(t.id);
    REQUIRE(d.meetings.size() == 1);
    CHECK(d.meetings[0].attendee_ids == std::vector<std::string>{m2.id});
    REQUIRE(d.meetings[0].steps.size() == 3);
    CHECK(d.meetings[0].steps[0].notes == "Minder afzonderingen.");
    CHECK(d.meetings[0].steps[1].kind == StepKind::discussion);  // a method's step (schema 3)
    CHECK(d.meetings[0].steps[1].notes == "Advies: eerder overdragen.");
    CHECK(d.meetings[0].state == MeetingState::closed);
    REQUIRE(d.actions.size() == 1);
    CHECK(d.actions[0].status == ActionStatus::done);
    CHECK(d.actions[0].completed_at == std::optional<std::string>("2026-03-20T10:00:00Z"));

    // An update of an action that does not exist is refused by the database, and named.
    ActionUpdate orphan;
    orphan.id = new_uuid();
    orphan.action_id = new_uuid();
    orphan.created_at = orphan.updated_at = mt.created_at;
    try {
        store->save_action_update(orphan, "test");
        FAIL("saved an update of no action");
    } catch (const ConstraintError& e) {
        CHECK(e.reason() == ConstraintError::Reason::reference);
        CHECK_THAT(e.what(), Catch::StartsWith("the update of an action refers to a record that does not exist"));
    }
    CHECK(store->count(Kind::action_update) == 0);
}

TEST_CASE("preferences a database of an older version kept can still be read", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("settings.db");
    { CHECK_FALSE(open_sqlite_store(path)->legacy_setting("ui.zoom_pct")); }
    // An older Teamspiegel wrote its preferences into the team database.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "INSERT INTO setting (key, value) VALUES ('ui.zoom_pct', '150')", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(open_sqlite_store(path)->legacy_setting("ui.zoom_pct") == std::optional<std::string>("150"));
    CHECK(open_sqlite_store(path, OpenMode::read_only)->legacy_setting("ui.theme") == std::nullopt);
}

TEST_CASE("files that are not Teamspiegel databases are refused and left alone", "[store]") {
    TempDir tmp;

    SECTION("text") {
        const std::string path = tmp.file("notes.txt");
        std::ofstream(path) << "shopping list: milk, bread, a new projector\n";
        const auto size = fs::file_size(path);
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("not a Teamspiegel database (not a SQLite file)"));
        CHECK(fs::file_size(path) == size);
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0] == path + ": not a Teamspiegel database (not a SQLite file)");
    }
    SECTION("another program's SQLite database") {
        const std::string path = tmp.file("other.db");
        exec_raw(path, "CREATE TABLE recipes (name TEXT)");
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("a SQLite database of another program"));
        CHECK(pragma(path, "PRAGMA user_version") == 0);
        CHECK(pragma(path, "SELECT count(*) FROM sqlite_schema") == 1);
        CHECK_FALSE(check_database(path).ok);
    }
    SECTION("a database from a newer Teamspiegel") {
        const std::string path = tmp.file("newer.db");
        { open_sqlite_store(path); }
        exec_raw(path, "PRAGMA user_version = 99");
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("newer than this program"));
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        CHECK(r.problems[0].find("schema version 99") != std::string::npos);
    }
    SECTION("a folder") {
        CHECK_THROWS_WITH(open_sqlite_store(tmp.path.string()), Catch::Contains("is a folder"));
    }
}

TEST_CASE("check passes on a healthy database and finds broken references", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("check.db");
    {
        auto store = open_sqlite_store(path);
        const Team t = make_team("A");
        store->save_team(t, "test");
    }
    CheckReport r = check_database(path);
    CHECK(r.ok);
    CHECK(r.schema_version == 5);
    CHECK(r.counts.teams == 1);

    // A member pointing at a team that is gone (written with foreign keys off, as damage would).
    exec_raw(path, "PRAGMA foreign_keys = OFF; INSERT INTO member (id, team_id, name, role, active, created_at, updated_at) VALUES ('m1', 'gone', 'X', 'coach', 1, 'a', 'a');");
    r = check_database(path);
    CHECK_FALSE(r.ok);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("member row") != std::string::npos);
    CHECK(r.problems[0].find("missing team record") != std::string::npos);
}

TEST_CASE("the database folder is created with user-only permissions", "[store]") {
    TempDir tmp;
    const std::string path = (tmp.path / "a" / "b" / "teamspiegel.db").string();
    open_sqlite_store(path);
    for (const auto& folder : {tmp.path / "a", tmp.path / "a" / "b"}) {
        struct stat st{};
        REQUIRE(stat(folder.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0700);
    }
}

TEST_CASE("the default database path follows the environment", "[store]") {
    const char* old_db = std::getenv("TEAMSPIEGEL_DB");
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string keep_db = old_db ? old_db : "", keep_xdg = old_xdg ? old_xdg : "", keep_home = old_home ? old_home : "";

    setenv("TEAMSPIEGEL_DB", "/tmp/x/my.db", 1);
    CHECK(default_database_path() == "/tmp/x/my.db");
    unsetenv("TEAMSPIEGEL_DB");
    setenv("XDG_DATA_HOME", "/data/home", 1);
    CHECK(default_database_path() == "/data/home/teamspiegel/teamspiegel.db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/coach", 1);
    CHECK(default_database_path() == "/home/coach/.local/share/teamspiegel/teamspiegel.db");

    old_db ? setenv("TEAMSPIEGEL_DB", keep_db.c_str(), 1) : unsetenv("TEAMSPIEGEL_DB");
    old_xdg ? setenv("XDG_DATA_HOME", keep_xdg.c_str(), 1) : unsetenv("XDG_DATA_HOME");
    old_home ? setenv("HOME", keep_home.c_str(), 1) : unsetenv("HOME");
}

// --- issue 6: damaged, locked, read-only, foreign, empty and missing files; file modes;
// --- several processes creating one database at once -----------------------------------------

namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

unsigned mode_of(const std::string& path) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return st.st_mode & 07777;
}

struct ScopedUmask {
    mode_t old;
    explicit ScopedUmask(mode_t m) : old(::umask(m)) {}
    ~ScopedUmask() { ::umask(old); }
};

// Two teams of demo data (about 300 KB), the same every run.
std::vector<std::string> fill_demo(const std::string& path) {
    DemoOptions o;
    o.teams = 2;
    o.years = 1;
    o.seed = 11;
    o.end = Date{2026, 11, 1};
    const Dataset d = generate_demo(o);
    open_sqlite_store(path)->insert_dataset(d);
    std::vector<std::string> ids;
    for (const auto& t : d.teams) ids.push_back(t.id);
    return ids;
}

// Overwrites 8 KiB in the middle of the file with random bytes, as a failing disk might.
void damage_middle(const std::string& path) {
    const auto size = fs::file_size(path);
    REQUIRE(size > 64 * 1024);
    std::mt19937 random(42);
    std::string junk(8192, '\0');
    for (auto& c : junk) c = static_cast<char>(random() & 0xFF);
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

// Runs `fn` as someone who cannot write `folder` (and returns what it returns). Root ignores
// permission bits, so as root `fn` runs in a child process as the user nobody (65534), for
// whom a root-owned 0755 folder is read-only; anyone else gets the folder made 0555.
std::string without_write_permission(const fs::path& folder, const std::function<std::string()>& fn) {
    if (::geteuid() != 0) {
        fs::permissions(folder, fs::perms(0555), fs::perm_options::replace);
        std::string result;
        try {
            result = fn();
        } catch (const std::exception& e) {
            result = std::string("exception: ") + e.what();
        }
        fs::permissions(folder, fs::perms(0755), fs::perm_options::replace);
        return result;
    }
    for (fs::path p = folder; p != p.parent_path() && p != fs::temp_directory_path(); p = p.parent_path())
        fs::permissions(p, fs::perms(0755), fs::perm_options::replace);
    int out[2];
    REQUIRE(::pipe(out) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(out[0]);
        std::string result;
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) {
            result = "cannot become nobody";
        } else {
            try {
                result = fn();
            } catch (const std::exception& e) {
                result = std::string("exception: ") + e.what();
            } catch (...) {
                result = "unknown exception";
            }
        }
        if (::write(out[1], result.data(), result.size()) < 0) ::_exit(2);
        ::_exit(0);
    }
    ::close(out[1]);
    std::string result;
    char buf[512];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) result.append(buf, static_cast<std::size_t>(n));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    return result;
}

}  // namespace

TEST_CASE("a read of a damaged file throws a StoreError saying so, never SQLite's own error", "[store][damaged]") {
    TempDir tmp;
    const std::string path = tmp.file("damaged.db");
    const auto team_ids = fill_demo(path);
    damage_middle(path);

    auto store = open_sqlite_store(path);  // the schema on the first pages is intact
    int failures = 0;
    // Anything but a StoreError escapes these lambdas and fails the test.
    const auto attempt = [&](const std::function<void()>& read) {
        try {
            read();
        } catch (const StoreError& e) {
            ++failures;
            CHECK_THAT(e.what(), Catch::Equals("the database is damaged; run `teamspiegel check`"));
        }
    };
    attempt([&] { store->export_data(std::nullopt); });
    attempt([&] { store->counts(); });
    for (const auto& id : team_ids) {
        attempt([&] { store->measures(id); });
        attempt([&] { store->incidents(id); });
        attempt([&] { store->youths(id); });
    }
    CHECK(failures > 0);

    const CheckReport r = check_database(path);
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.problems.empty());
    CHECK_THAT(r.problems[0], Catch::StartsWith(path + ": damaged"));
}

TEST_CASE("a new database, its -wal and -shm are readable by the user only, and an existing file keeps its mode", "[store][modes]") {
    TempDir tmp;
    fs::permissions(tmp.path, fs::perms(0755), fs::perm_options::replace);
    const std::string path = tmp.file("private.db");
    {
        ScopedUmask umask(022);
        auto store = open_sqlite_store(path);
        store->save_team(make_team("A"), "test");
        REQUIRE(fs::exists(path + "-wal"));
        REQUIRE(fs::exists(path + "-shm"));
        CHECK(mode_of(path) == 0600);
        CHECK(mode_of(path + "-wal") == 0600);
        CHECK(mode_of(path + "-shm") == 0600);
    }
    {
        // A umask that takes the owner's own bits: still 0600, not 0400.
        ScopedUmask umask(0277);
        const std::string odd = tmp.file("odd-umask.db");
        auto store = open_sqlite_store(odd);
        store->save_team(make_team("A"), "test");
        CHECK(mode_of(odd) == 0600);
        CHECK(mode_of(odd + "-wal") == 0600);
        CHECK(mode_of(odd + "-shm") == 0600);
    }
    {
        // The owner chose 0640 for a shared group: that stays, and SQLite's files follow it.
        ScopedUmask umask(022);
        REQUIRE(::chmod(path.c_str(), 0640) == 0);
        auto store = open_sqlite_store(path);
        store->save_team(make_team("B"), "test");
        CHECK(mode_of(path) == 0640);
        CHECK(mode_of(path + "-wal") == 0640);
        CHECK(mode_of(path + "-shm") == 0640);
    }
    CHECK(mode_of(path) == 0640);
}

TEST_CASE("connections opening one new file at once all succeed, and the schema is made once", "[store][concurrency]") {
    TempDir tmp;
    constexpr int kRounds = 30, kThreads = 4;
    int failed_rounds = 0;
    std::string first_error;
    for (int round = 0; round < kRounds; ++round) {
        const std::string path = tmp.file("first-start-" + std::to_string(round) + ".db");
        std::vector<std::string> errors(kThreads);
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&, i] {
                ++ready;
                while (ready.load() < kThreads) std::this_thread::yield();  // start together
                try {
                    auto store = open_sqlite_store(path);
                    store->save_team(make_team("Team " + std::to_string(i)), "test");
                    store->counts();
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(i)] = e.what();
                }
            });
        }
        for (auto& t : threads) t.join();
        bool failed = false;
        for (const auto& e : errors)
            if (!e.empty()) {
                failed = true;
                if (first_error.empty()) first_error = e;
            }
        failed_rounds += failed ? 1 : 0;
        CHECK(pragma(path, "PRAGMA user_version") == 5);
        CHECK(pragma(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'team'") == 1);
    }
    INFO("first error: " << first_error);
    CHECK(failed_rounds == 0);
}

TEST_CASE("processes creating one new database at once all succeed", "[store][concurrency]") {
    TempDir tmp;
    constexpr int kRounds = 20, kProcesses = 3;
    int failures = 0;
    for (int round = 0; round < kRounds; ++round) {
        const std::string path = tmp.file("processes-" + std::to_string(round) + ".db");
        int go[2];
        REQUIRE(::pipe(go) == 0);
        std::vector<pid_t> children;
        for (int i = 0; i < kProcesses; ++i) {
            const pid_t pid = ::fork();
            REQUIRE(pid >= 0);
            if (pid == 0) {
                ::close(go[1]);
                char c;
                while (::read(go[0], &c, 1) > 0) {
                }  // the parent closes the pipe: all start at once
                try {
                    open_sqlite_store(path)->counts();
                    ::_exit(0);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "child: %s\n", e.what());
                    ::_exit(1);
                } catch (...) {
                    ::_exit(2);
                }
            }
            children.push_back(pid);
        }
        ::close(go[0]);
        ::close(go[1]);
        for (const pid_t pid : children) {
            int status = 0;
            ::waitpid(pid, &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
        }
        CHECK(pragma(path, "PRAGMA user_version") == 5);
    }
    CHECK(failures == 0);
}

TEST_CASE("check: a schema version that does not match the tables is a finding", "[store][check]") {
    TempDir tmp;
    const std::string path = tmp.file("schema.db");
    fill_demo(path);

    SECTION("version 0 with the tables of version 4") {
        exec_raw(path, "PRAGMA user_version = 0");
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0] == path + ": schema version 0 but the tables of version 5 are present");
        // Opening it neither migrates on top of the tables nor changes the file.
        const std::string before = file_bytes(path);
        CHECK_THROWS_WITH(open_sqlite_store(path),
                          path + ": the database is damaged (schema version 0 but the tables of version 5 are present); run "
                                 "`teamspiegel check`");
        CHECK(file_bytes(path) == before);
    }
    SECTION("version 4 with a table missing") {
        exec_raw(path, "DROP TABLE action_update");
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0] == path + ": schema version 5 but table action_update is missing");
    }
    SECTION("version 4 with a column missing") {
        exec_raw(path, "ALTER TABLE measure DROP COLUMN notes");
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.problems.empty());
        CHECK(r.problems[0] == path + ": schema version 5 but table measure lacks column notes");
    }
}

TEST_CASE("check: a database locked by another program is in use, not damaged", "[store][check]") {
    TempDir tmp;
    const std::string path = tmp.file("locked.db");
    { open_sqlite_store(path)->save_team(make_team("A"), "test"); }
    exec_raw(path, "PRAGMA journal_mode = DELETE");  // a rollback journal: a writer locks out readers
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE; INSERT INTO setting VALUES ('x', 'y');", nullptr, nullptr, nullptr) == SQLITE_OK);
    const CheckReport locked = check_database(path);
    CHECK_FALSE(locked.ok);
    CHECK(locked.problems == std::vector<std::string>{path + ": in use by another program (locked); try again"});
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK(check_database(path).ok);
}

TEST_CASE("check reads a WAL database in a folder it cannot write, and changes nothing", "[store][check]") {
    TempDir tmp;
    const fs::path folder = tmp.path / "read-only";
    fs::create_directories(folder);
    const std::string path = (folder / "team.db").string();
    { open_sqlite_store(path)->save_team(make_team("A"), "test"); }
    REQUIRE(file_bytes(path).substr(18, 2) == std::string("\2\2", 2));  // the header says WAL
    REQUIRE_FALSE(fs::exists(path + "-shm"));
    REQUIRE(::chmod(path.c_str(), 0444) == 0);
    const std::string before = file_bytes(path);
    const std::string result = without_write_permission(folder, [&]() -> std::string {
        const CheckReport r = check_database(path);
        if (!r.ok) return r.problems.empty() ? "not ok" : r.problems.front();
        return r.counts.teams == 1 ? "ok" : "wrong count";
    });
    CHECK(result == "ok");
    CHECK(file_bytes(path) == before);
    CHECK_FALSE(fs::exists(path + "-shm"));
    CHECK_FALSE(fs::exists(path + "-wal"));
}

// --- OpenMode::read_only: what export (and later report, minutes) open -------------------------

TEST_CASE("read-only: missing, empty, foreign and other-version files are refused, nothing is created or changed", "[store][read_only]") {
    TempDir tmp;
    const std::string path = tmp.file("team.db");
    const auto refused = [&](const std::string& message) {
        const bool existed = fs::exists(path);
        const std::string before = existed ? file_bytes(path) : "";
        CHECK_THROWS_WITH(open_sqlite_store(path, OpenMode::read_only), message);
        CHECK(fs::exists(path) == existed);
        if (existed) CHECK(file_bytes(path) == before);
    };

    SECTION("missing, in folders that do not exist") {
        const std::string typo = (tmp.path / "typo" / "dir" / "x.db").string();
        CHECK_THROWS_WITH(open_sqlite_store(typo, OpenMode::read_only), typo + ": no such database");
        CHECK_FALSE(fs::exists(tmp.path / "typo"));
        refused(path + ": no such database");
    }
    SECTION("an empty file") {
        std::ofstream(path).close();
        refused(path + ": not a Teamspiegel database (an empty file)");
        CHECK(fs::file_size(path) == 0);
    }
    SECTION("a SQLite file without tables") {
        exec_raw(path, "CREATE TABLE t (x); DROP TABLE t;");
        refused(path + ": not a Teamspiegel database (an empty SQLite database)");
    }
    SECTION("another program's database") {
        exec_raw(path, "CREATE TABLE recipes (name TEXT)");
        refused(path + ": not a Teamspiegel database (a SQLite database of another program)");
    }
    SECTION("an older schema version: refused read-only, brought up to date by the window") {
        exec_raw(path, "PRAGMA application_id = 1414746183; CREATE TABLE t (x); DROP TABLE t;");
        refused(path + ": schema version 0 is older than this program's (5); open it once in the program's window to update it");
        CHECK(open_sqlite_store(path)->teams().empty());
        CHECK(open_sqlite_store(path, OpenMode::read_only)->teams().empty());
    }
    SECTION("a newer schema version") {
        { open_sqlite_store(path); }
        exec_raw(path, "PRAGMA user_version = 99");
        refused(path + ": schema version 99 is newer than this program understands (5); use a newer Teamspiegel");
    }
    SECTION("tables that do not match the schema version") {
        { open_sqlite_store(path); }
        exec_raw(path, "DROP TABLE setting");
        refused(path + ": the database is damaged (schema version 5 but table setting is missing); run `teamspiegel check`");
    }
    SECTION("not a SQLite file") {
        std::ofstream(path) << "shopping list\n";
        refused(path + ": not a Teamspiegel database (not a SQLite file)");
    }
}

TEST_CASE("read-only: reads work, every write fails with a StoreError, the file stays as it was", "[store][read_only]") {
    TempDir tmp;
    const std::string path = tmp.file("team.db");
    const auto team_ids = fill_demo(path);
    const std::string before = file_bytes(path);
    {
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK(store->teams().size() == 2);
        CHECK(store->export_data(std::nullopt).measures.size() > 10);
        CHECK_THROWS_WITH(store->save_team(make_team("B"), "test"),
                          path + ": the database was opened for reading only; a team named \"B\" was not saved");
        CHECK_THROWS_WITH(store->transaction([] {}),
                          path + ": the database was opened for reading only; the changes were not saved");
        CHECK_THROWS_AS(import_dataset(*store, Dataset{}), StoreError);
        CHECK_THROWS_AS(store->delete_measure(store->measures(team_ids[0]).front().id, "test"), StoreError);
        CHECK(store->counts().teams == 2);
    }
    CHECK(file_bytes(path) == before);
}

TEST_CASE("read-only: a database in use by another program says so", "[store][read_only]") {
    TempDir tmp;
    const std::string path = tmp.file("locked.db");
    { open_sqlite_store(path)->save_team(make_team("A"), "test"); }
    exec_raw(path, "PRAGMA journal_mode = DELETE");
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE; INSERT INTO setting VALUES ('x', 'y');", nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK_THROWS_WITH(open_sqlite_store(path, OpenMode::read_only),
                      path + ": the database is in use by another program; try again");
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
}

TEST_CASE("read-only: a WAL database in a folder it cannot write is read", "[store][read_only]") {
    TempDir tmp;
    const fs::path folder = tmp.path / "read-only";
    fs::create_directories(folder);
    const std::string path = (folder / "team.db").string();
    { open_sqlite_store(path)->save_team(make_team("A"), "test"); }
    REQUIRE(::chmod(path.c_str(), 0444) == 0);
    const std::string result = without_write_permission(folder, [&]() -> std::string {
        auto store = open_sqlite_store(path, OpenMode::read_only);
        return store->teams().size() == 1 ? "ok" : "wrong count";
    });
    CHECK(result == "ok");
}

TEST_CASE("a meeting keeps the incidents it discussed and forgets one deleted", "[store][meeting_incident]") {
    auto store = open_sqlite_store(":memory:");
    const Team t = make_team("De Linde");
    store->save_team(t, "test");
    auto incident = [&](const std::string& at) {
        Incident i;
        i.id = new_uuid();
        i.team_id = t.id;
        i.occurred_at = at;
        i.category = "aggression_verbal";
        i.severity = 2;
        i.description = "Schelden.";
        i.created_at = i.updated_at = at;
        store->save_incident(i, "test");
        return i.id;
    };
    const std::string a = incident("2026-03-01T10:00:00Z"), b = incident("2026-03-02T10:00:00Z");
    Meeting mt;
    mt.id = new_uuid();
    mt.team_id = t.id;
    mt.template_id = "teamreflectie";
    mt.held_on = "2026-03-10";
    mt.steps = {{StepKind::incidents, "Eerder de-escaleren.", 600}};
    mt.discussed_incident_ids = {a, b};
    std::sort(mt.discussed_incident_ids.begin(), mt.discussed_incident_ids.end());
    mt.created_at = mt.updated_at = "2026-03-10T09:00:00Z";
    store->save_meeting(mt, "test");
    REQUIRE(store->meetings(t.id).size() == 1);
    CHECK(store->meetings(t.id)[0].discussed_incident_ids == mt.discussed_incident_ids);

    // Saved again with one: the other goes.
    mt.discussed_incident_ids = {b};
    store->save_meeting(mt, "test");
    CHECK(store->meetings(t.id)[0].discussed_incident_ids == std::vector<std::string>{b});

    // An incident deleted: the meeting no longer names it, and the meetings are read again.
    const Revisions before = store->revisions();
    store->delete_incident(b, "test");
    CHECK(store->meetings(t.id)[0].discussed_incident_ids.empty());
    CHECK(store->revisions()[Kind::meeting] != before[Kind::meeting]);

    // An incident that does not exist is refused by the database.
    mt.discussed_incident_ids = {new_uuid()};
    CHECK_THROWS_AS(store->save_meeting(mt, "test"), StoreError);
}

TEST_CASE("a database of schema version 3 gets the discussion steps and the incidents discussed and keeps its meetings", "[store][migration]") {
    TempDir tmp;
    const std::string path = tmp.file("v3.db");
    const Team t = make_team("De Linde");
    Meeting m;
    m.id = new_uuid();
    m.team_id = t.id;
    m.template_id = "teamreflectie";
    m.held_on = "2026-02-01";
    m.state = MeetingState::closed;
    m.steps = {{StepKind::check_in, "Iedereen er", 300}, {StepKind::close, "Tot maart", 120}};
    m.created_at = m.updated_at = "2026-02-01T10:00:00Z";
    {
        auto store = open_sqlite_store(path);
        store->save_team(t, "test");
        store->save_meeting(m, "test");
    }
    // Back to version 3 as issue 9 left it: no meeting_incident, and steps of the seven kinds.
    exec_raw(path, std::string(test::kDropVersion5) +
             "DROP TABLE meeting_incident; "
             "CREATE TABLE meeting_step_old (meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE, "
             "position INTEGER NOT NULL CHECK (position >= 0), kind TEXT NOT NULL CHECK (kind IN ('check_in', 'open_actions', "
             "'incidents', 'measures', 'reflection', 'agree_actions', 'close')), notes TEXT NOT NULL DEFAULT '', "
             "seconds_used INTEGER NOT NULL DEFAULT 0 CHECK (seconds_used >= 0), PRIMARY KEY (meeting_id, position)); "
             "INSERT INTO meeting_step_old SELECT * FROM meeting_step; DROP TABLE meeting_step; "
             "ALTER TABLE meeting_step_old RENAME TO meeting_step; PRAGMA user_version = 3;");
    {
        const CheckReport r = check_database(path);
        CHECK(r.ok);
        CHECK(r.schema_version == 3);
    }
    {
        auto store = open_sqlite_store(path);  // migrates
        const auto meetings = store->meetings(t.id);
        REQUIRE(meetings.size() == 1);
        REQUIRE(meetings[0].steps.size() == 2);
        CHECK(meetings[0].steps[0].notes == "Iedereen er");
        CHECK(meetings[0].steps[1].seconds_used == 120);
        // A discussion step and a discussed incident are stored now.
        Incident i;
        i.id = new_uuid();
        i.team_id = t.id;
        i.occurred_at = "2026-01-20T20:00:00Z";
        i.category = "other";
        i.severity = 1;
        i.created_at = i.updated_at = i.occurred_at;
        store->save_incident(i, "test");
        Meeting next = meetings[0];
        next.steps.push_back({StepKind::discussion, "Casus", 60});
        next.discussed_incident_ids = {i.id};
        next.updated_at = "2026-02-02T10:00:00Z";
        store->save_meeting(next, "test");
        const auto again = store->meetings(t.id);
        REQUIRE(again[0].steps.size() == 3);
        CHECK(again[0].steps[2].kind == StepKind::discussion);
        CHECK(again[0].discussed_incident_ids == std::vector<std::string>{i.id});
    }
    CHECK(pragma(path, "PRAGMA user_version") == 5);
    CHECK(check_database(path).ok);
}
