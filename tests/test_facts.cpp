// Store::facts against the facts of the same records in memory: the store reads only the rows
// a period needs, and the engine must count the same from them as from every record.
#include "core/demo.hpp"
#include "core/indicators.hpp"
#include "pinned_time.hpp"
#include "store/store.hpp"
#include "old_schema.hpp"
#include "temp_dir.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

using namespace ts;
using namespace ts::ind;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

Date d(const char* text) { return *parse_date(text); }

void exec_raw(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::int64_t scalar(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    const std::int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

// The figures of every month of 2025 and early 2026, all teams and each team: what must not
// change however the measures and incidents were written.
struct Rows {
    std::vector<MeasureRow> measures;
    std::vector<IncidentRow> incidents;
    friend bool operator==(const Rows&, const Rows&) = default;
};

Rows rows_of(Facts f) {
    prepare(f, content());
    const Period p{d("2025-01-01"), d("2026-03-01")};
    const Clock clock = Clock::at(now_unix());
    Rows rows;
    for (const Period& part : split(p, Split::month)) {
        rows.measures.push_back(measure_row(f, content(), {}, part, clock));
        rows.incidents.push_back(incident_row(f, content(), {}, part, clock));
        for (std::uint32_t t = 0; t < f.teams.size(); ++t) {
            rows.measures.push_back(measure_row(f, content(), {t}, part, clock));
            rows.incidents.push_back(incident_row(f, content(), {t}, part, clock));
        }
    }
    return rows;
}

// As the store's facts give them.
Rows all_rows(Store& store) { return rows_of(store.facts(query_for(content(), {}, {d("2025-01-01"), d("2026-03-01")}))); }

}  // namespace

TEST_CASE("the store's facts give the same figures as the records in memory", "[store][indicators]") {
    // Amsterdam time, so that the store's range bounds (local midnights) are not UTC ones.
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"), "Europe/Amsterdam");
    DemoOptions o;
    o.teams = 3;
    o.years = 3;
    o.end = Date{2026, 3, 1};
    Dataset data = generate_demo(o);
    REQUIRE(data.measures.size() > 100);
    // A few meetings, actions and updates of the first team, so every kind of fact is read.
    Meeting m;
    m.id = "meeting-1";
    m.team_id = data.teams[0].id;
    m.template_id = "teamreflectie";
    m.held_on = "2026-01-12";
    m.state = MeetingState::closed;
    m.ratings = {{content().guideline.building_blocks[0].recommendations[0].id, Rating::partly}};
    m.answers = {{content().guideline.reflection_questions[0].id, "Wat we leren"}};
    m.created_at = m.updated_at = "2026-01-12T12:00:00Z";
    data.meetings.push_back(m);
    Action a;
    a.id = "action-1";
    a.team_id = m.team_id;
    a.meeting_id = m.id;
    a.title = "Nabespreken";
    a.due_on = "2026-02-01";
    a.status = ActionStatus::done;
    a.completed_at = "2026-01-30T10:00:00Z";
    a.created_at = "2026-01-12T12:00:00Z";
    a.updated_at = "2026-01-30T10:00:00Z";
    data.actions.push_back(a);
    ActionUpdate u;
    u.id = "update-1";
    u.action_id = a.id;
    u.meeting_id = m.id;
    u.status = ActionStatus::in_progress;
    u.created_at = u.updated_at = "2026-01-20T10:00:00Z";
    data.action_updates.push_back(u);

    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(data);
    Facts all = facts_from(data);
    prepare(all, content());
    const Clock clock = Clock::at(now_unix());

    const std::vector<Period> periods = {{d("2025-03-01"), d("2026-03-01")}, {d("2026-01-01"), d("2026-02-01")},
                                         {d("2024-06-15"), d("2024-09-15")}};
    for (const Period& p : periods) {
        for (const bool one_team : {false, true}) {
            INFO(format_date(p.from) << " to " << format_date(p.to) << (one_team ? ", one team" : ", all teams"));
            std::vector<std::string> ids;
            TeamSet in_memory;
            if (one_team) {
                ids = {data.teams[1].id};
                in_memory = {1};
            }
            Facts read = store->facts(query_for(content(), ids, p));
            prepare(read, content());
            // The store reads a part of the measures, never all of them for a short period.
            if (p.days() < 100) CHECK(read.measures.size() < all.measures.size() / 2);
            REQUIRE(read.measure_types == all.measure_types);
            REQUIRE(read.categories == all.categories);
            for (const Period& part : split(p, Split::month)) {
                CHECK(measure_row(read, content(), {}, part, clock) == measure_row(all, content(), in_memory, part, clock));
                CHECK(incident_row(read, content(), {}, part, clock) == incident_row(all, content(), in_memory, part, clock));
                CHECK(action_figures(read, {}, part, clock) == action_figures(all, in_memory, part, clock));
                CHECK(guideline_figures(read, content(), {}, part) == guideline_figures(all, content(), in_memory, part));
            }
            CHECK(measure_row(read, content(), {}, p, clock) == measure_row(all, content(), in_memory, p, clock));
        }
    }
    // And they are not all empty: the first period has measures, and the store read them.
    Facts year = store->facts(query_for(content(), {}, periods[0]));
    prepare(year, content());
    CHECK(measure_figures(year, content(), {}, periods[0], clock).measures > 50);
    CHECK(action_figures(year, {}, periods[0], clock).done > 20);
    CHECK(action_figures(year, {}, periods[0], clock).stale > 0);
    CHECK(guideline_figures(year, content(), {}, periods[0]).meetings > 10);
}

TEST_CASE("the store reads the earlier measures that continue an intervention into its range", "[store][indicators]") {
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"));
    Dataset data;
    Team t;
    t.id = "t1";
    t.name = "De Linde";
    data.teams = {t};
    Youth y;
    y.id = "a";
    y.team_id = "t1";
    y.code = "J-01";
    y.admitted_on = "2025-01-01";
    data.youths = {y};
    const auto measure = [&](const char* id, const char* type, const char* start, std::optional<std::string> end) {
        Measure m;
        m.id = id;
        m.team_id = "t1";
        m.youth_id = "a";
        m.type = type;
        m.started_at = start;
        m.ended_at = std::move(end);
        m.in_care_plan = true;
        data.measures.push_back(m);
    };
    // Before the range: a door alarm still running since 20 February; a seclusion that ended
    // 28 February 22:00 (10 hours before 1 March 08:00); a search on 27 February (a point in
    // time, more than 24 hours before); a hold that ended 10 February.
    measure("m1", "door_alarm", "2026-02-20T08:00:00Z", std::nullopt);
    measure("m2", "seclusion_room", "2026-02-28T20:00:00Z", "2026-02-28T22:00:00Z");
    measure("m3", "room_search", "2026-02-27T07:00:00Z", std::nullopt);
    measure("m4", "physical_hold", "2026-02-10T08:00:00Z", "2026-02-10T08:10:00Z");
    // In March: each of the four types again on 1 March 08:00. The door alarm and the
    // seclusion continue their interventions; the search and the hold start new ones.
    measure("m5", "door_alarm", "2026-03-01T08:00:00Z", "2026-03-05T08:00:00Z");
    measure("m6", "seclusion_room", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z");
    measure("m7", "room_search", "2026-03-01T08:00:00Z", std::nullopt);
    measure("m8", "physical_hold", "2026-03-01T08:00:00Z", "2026-03-01T08:05:00Z");
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(data);
    const Period march{d("2026-03-01"), d("2026-04-01")};
    FactsQuery q = query_for(content(), {}, march);
    q.range = march;  // only March: what continues into it must come along
    Facts f = store->facts(q);
    prepare(f, content());
    // Read: the 4 of March, the running alarm and the seclusion that ended within 24 hours.
    CHECK(f.measures.size() == 6);
    const MeasureFigures m = measure_figures(f, content(), {}, march, Clock::at(now_unix()));
    CHECK(m.measures == 4);
    CHECK(m.interventions == 2);
}

TEST_CASE("the packed months of measures and incidents follow every write and a migration and a hand edit", "[store][indicators]") {
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"));
    test::TempDir tmp("ts-facts");
    const std::string path = tmp.file("packed.db");
    DemoOptions o;
    o.teams = 2;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    const Dataset data = generate_demo(o);
    Facts memory = facts_from(data);
    prepare(memory, content());
    const auto expected = [&](const Dataset& records) { return rows_of(facts_from(records)); };
    // facts_from keeps the teams in the data's order, the store by name: put them the same way.
    Dataset sorted = data;
    std::sort(sorted.teams.begin(), sorted.teams.end(), [](const Team& a, const Team& b) { return a.name < b.name; });

    {
        auto store = open_sqlite_store(path);
        store->insert_dataset(data);
    }
    // Every month is packed: none is left marked.
    CHECK(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") == 0);
    CHECK(scalar(path, "SELECT count(*) FROM measure_month") > 40);
    CHECK(scalar(path, "SELECT count(*) FROM incident_month WHERE facts IS NULL") == 0);
    CHECK(scalar(path, "SELECT count(*) FROM incident_month") > 40);
    {
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK(all_rows(*store) == expected(sorted));
    }

    SECTION("a save moves a measure to another month and a delete takes one out") {
        auto store = open_sqlite_store(path);
        Measure moved = *store->measure(data.measures[10].id);
        moved.started_at = "2025-06-10T10:00:00Z";
        moved.ended_at = "2025-06-10T10:30:00Z";
        store->save_measure(moved, "test");
        store->delete_measure(data.measures[20].id, "test");
        // And an incident without linked measures moves to June 2025, another one is deleted.
        const auto unlinked = [&](std::size_t from) {
            for (std::size_t k = from; k < data.incidents.size(); ++k)
                if (std::none_of(data.measures.begin(), data.measures.end(),
                                 [&](const Measure& m) { return m.incident_id == data.incidents[k].id; }))
                    return k;
            FAIL("no incident without measures");
            return std::size_t{0};
        };
        Incident incident = *store->incident(data.incidents[unlinked(0)].id);
        incident.occurred_at = "2025-06-11T10:00:00Z";
        incident.reported_on.reset();
        incident.investigation_concluded_on.reset();
        store->save_incident(incident, "test");
        const std::string gone = data.incidents[unlinked(unlinked(0) + 1)].id;
        store->delete_incident(gone, "test");
        Dataset changed = sorted;
        for (auto& m : changed.measures)
            if (m.id == moved.id) m = moved;
        std::erase_if(changed.measures, [&](const Measure& m) { return m.id == data.measures[20].id; });
        for (auto& i : changed.incidents)
            if (i.id == incident.id) i = incident;
        std::erase_if(changed.incidents, [&](const Incident& i) { return i.id == gone; });
        CHECK(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") == 0);
        CHECK(scalar(path, "SELECT count(*) FROM incident_month WHERE facts IS NULL") == 0);
        CHECK(all_rows(*store) == expected(changed));
    }
    SECTION("a change outside the program is read from the measures until a writer packs it") {
        // Every measure of one team deleted by hand: the triggers mark its months.
        exec_raw(path, ("DELETE FROM measure WHERE team_id = '" + data.teams[0].id + "'; DELETE FROM incident WHERE team_id = '" +
                        data.teams[0].id + "'").c_str());
        CHECK(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") > 10);
        CHECK(scalar(path, "SELECT count(*) FROM incident_month WHERE facts IS NULL") > 10);
        Dataset changed = sorted;
        std::erase_if(changed.measures, [&](const Measure& m) { return m.team_id == data.teams[0].id; });
        std::erase_if(changed.incidents, [&](const Incident& i) { return i.team_id == data.teams[0].id; });
        {
            auto reader = open_sqlite_store(path, OpenMode::read_only);
            CHECK(all_rows(*reader) == expected(changed));
        }
        {
            auto writer = open_sqlite_store(path);  // packs the marked months (here: drops them, now empty)
            CHECK(all_rows(*writer) == expected(changed));
        }
        CHECK(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") == 0);
        CHECK(scalar(path, ("SELECT count(*) FROM measure_month WHERE team_id = '" + data.teams[0].id + "'").c_str()) == 0);
        CHECK(scalar(path, "SELECT count(*) FROM incident_month WHERE facts IS NULL") == 0);
    }
    SECTION("a database of schema version 2 gets its months packed when it is opened") {
        exec_raw(path, (std::string(test::kDropVersion5) + test::kDropVersion3 + "PRAGMA user_version = 2;").c_str());
        {
            auto store = open_sqlite_store(path);  // migrates to 3, 4 and 5
        }
        CHECK(scalar(path, "PRAGMA user_version") == 5);
        CHECK(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") == 0);
        CHECK(scalar(path, "SELECT count(*) FROM incident_month WHERE facts IS NULL") == 0);
        // The actions of both teams, packed.
        CHECK(scalar(path, "SELECT count(*) FROM action_team WHERE facts IS NOT NULL") == 2);
        CHECK(check_database(path).ok);
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK(all_rows(*store) == expected(sorted));
    }
    SECTION("a damaged packed month is refused with a message and not read as figures") {
        exec_raw(path, "UPDATE measure_month SET facts = x'0102' WHERE (team_id, month) IN (SELECT team_id, month FROM measure_month LIMIT 1)");
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK_THROWS_WITH(all_rows(*store), Catch::Contains("check --repair"));
    }
    SECTION("a damaged packed month of incidents is refused too") {
        exec_raw(path, "UPDATE incident_month SET facts = x'01' WHERE (team_id, month) IN (SELECT team_id, month FROM incident_month LIMIT 1)");
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK_THROWS_WITH(all_rows(*store), Catch::Contains("check --repair"));
    }
}

TEST_CASE("months packed in one pass over the table are the months their own queries pack", "[store][indicators]") {
    // Many months marked at once (here a whole data set) are packed from one pass over the
    // measures and incidents in the table's order; `check` packs every month again from its own
    // query, in the order of the index, and compares the bytes.
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"));
    test::TempDir tmp("ts-facts");
    const std::string path = tmp.file("one-pass.db");
    DemoOptions o;
    o.teams = 3;
    o.years = 3;
    o.end = Date{2026, 3, 1};
    Dataset data = generate_demo(o);
    REQUIRE(data.measures.size() > 200);
    // Measures of one team and month that start at the same second, of other youths and types:
    // the query orders them by rowid, and so must the pass.
    std::vector<std::size_t> same;
    for (std::size_t i = 0; i < data.measures.size() && same.size() < 6; ++i)
        if (data.measures[i].team_id == data.measures[0].team_id && data.measures[i].started_at.substr(0, 7) == data.measures[0].started_at.substr(0, 7))
            same.push_back(i);
    REQUIRE(same.size() >= 3);
    for (std::size_t i : same) {
        data.measures[i].started_at = data.measures[0].started_at;
        data.measures[i].ended_at.reset();
    }
    // A start with an offset (its text does not sort as its instant): that month by its query.
    Measure& offset = data.measures[data.measures.size() / 2];
    offset.started_at = offset.started_at.substr(0, 10) + "T23:30:00+01:00";
    offset.ended_at.reset();
    Incident& late = data.incidents[data.incidents.size() / 2];
    late.occurred_at = late.occurred_at.substr(0, 10) + "T08:00:00-02:00";
    {
        auto store = open_sqlite_store(path);
        store->insert_dataset(data);
    }
    REQUIRE(scalar(path, "SELECT count(*) FROM measure_month") >= 96);
    REQUIRE(scalar(path, "SELECT count(*) FROM measure_month WHERE facts IS NULL") == 0);
    const CheckReport r = check_database(path);
    for (const auto& p : r.problems) UNSCOPED_INFO(p);
    CHECK(r.ok);
}
