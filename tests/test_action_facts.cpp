// The packed actions of each team (action_team) against the records: after every kind of
// write — through the store, an import, or a hand edit in sqlite3 — Store::facts must give
// the engine the same actions, updates and meetings as the records in memory, and the same
// as it reads from the rows themselves.
#include "core/demo.hpp"
#include "core/indicators.hpp"
#include "pinned_time.hpp"
#include "store/import.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace ts;
using namespace ts::ind;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

Date d(const char* text) { return *parse_date(text); }

void exec_raw(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, ("PRAGMA foreign_keys = ON; " + sql).c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::int64_t scalar(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    const std::int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

std::int64_t marked(const std::string& path) { return scalar(path, "SELECT count(*) FROM action_team WHERE facts IS NULL"); }

// The facts of the actions as lines of text, one per meeting and one per action with its
// updates, each meeting named by its team, date and state: facts read in any order, with
// indexes of their own, compare equal when they say the same.
std::vector<std::string> seen(Facts f) {
    prepare(f, content());
    const auto meeting = [&](std::optional<std::uint32_t> m) {
        if (!m) return std::string("-");
        const MeetingFact& x = f.meetings[*m];
        return f.teams[x.team].id + "@" + format_date(x.held_on) + "/" + std::string(to_string(x.state));
    };
    std::vector<std::string> lines;
    for (std::uint32_t m = 0; m < f.meetings.size(); ++m) lines.push_back("meeting " + meeting(m));
    for (std::uint32_t a = 0; a < f.actions.size(); ++a) {
        const ActionFact& x = f.actions[a];
        std::string line = "action " + f.teams[x.team].id + " agreed " + format_date(x.agreed_on) + " due " +
                           (x.due_on ? format_date(*x.due_on) : "-") + " " + std::string(to_string(x.status)) + " completed " +
                           std::to_string(x.completed_at) + " updated " + std::to_string(x.updated_at) + ":";
        for (std::uint32_t u = f.update_offsets[a]; u < f.update_offsets[a + 1]; ++u) {
            const ActionUpdateFact& up = f.action_updates[u];
            line += " " + format_timestamp(up.at) + " " + std::string(to_string(up.status)) + " in " + meeting(up.meeting);
        }
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

// What one has that the other has not ("-" only in `expected`, "+" only in `actual`).
std::vector<std::string> differences(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
    std::vector<std::string> out, only;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(only));
    for (auto& l : only) out.push_back("- " + l);
    only.clear();
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(only));
    for (auto& l : only) out.push_back("+ " + l);
    return out;
}

// The action figures of every month of 2025 and early 2026, of all teams and of each (by id).
std::map<std::string, std::vector<ActionFigures>> figures(Facts f) {
    prepare(f, content());
    const Clock clock = Clock::at(now_unix());
    std::map<std::string, std::vector<ActionFigures>> out;
    for (const Period& part : split({d("2025-01-01"), d("2026-03-01")}, Split::month)) {
        out["all"].push_back(action_figures(f, {}, part, clock));
        for (std::uint32_t t = 0; t < f.teams.size(); ++t) out[f.teams[t].id].push_back(action_figures(f, {t}, part, clock));
    }
    return out;
}

// What the actions report asks for (q.meetings: what a report of everything asks).
FactsQuery actions_query(std::vector<std::string> teams, const Period& p, bool meetings) {
    FactsQuery q = query_for(content(), std::move(teams), p);
    q.measures = q.incidents = false;
    q.actions = true;
    q.meetings = meetings;
    return q;
}

// Every meeting of the demo is held before 2027: the store reads them all, as facts_from does.
const Period kAll{d("2020-01-01"), d("2027-01-01")};

// The store's facts of the actions are those of the records, read both ways.
void check_same(Store& store, const Dataset& data) {
    const Facts memory = facts_from(data);
    const auto expected = seen(memory);
    REQUIRE(expected.size() > 100);
    for (const bool meetings : {false, true}) {
        INFO((meetings ? "with the meetings' ratings" : "actions only"));
        const Facts read = store.facts(actions_query({}, kAll, meetings));
        CHECK(differences(expected, seen(read)).empty());
        CHECK(figures(read) == figures(memory));
    }
}

// The facts of a period that ends before some meetings, of all teams and of each, read from the
// packs and (once every team is marked by hand) from the rows: the same.
std::vector<std::vector<std::string>> cut_facts(Store& store, const std::vector<std::string>& team_ids) {
    std::vector<std::vector<std::string>> out;
    for (const Period& p : {Period{d("2024-09-01"), d("2025-06-01")}, kAll})
        for (const bool meetings : {false, true}) {
            out.push_back(seen(store.facts(actions_query({}, p, meetings))));
            for (const auto& id : team_ids) out.push_back(seen(store.facts(actions_query({id}, p, meetings))));
        }
    return out;
}

void check_same_as_rows(const std::string& path, const std::vector<std::string>& team_ids) {
    std::vector<std::vector<std::string>> packed;
    {
        auto reader = open_sqlite_store(path, OpenMode::read_only);
        packed = cut_facts(*reader, team_ids);
    }
    exec_raw(path, "UPDATE action_team SET facts = NULL");
    auto reader = open_sqlite_store(path, OpenMode::read_only);
    const auto rows = cut_facts(*reader, team_ids);
    REQUIRE(rows.size() == packed.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("query " << i);
        CHECK(differences(rows[i], packed[i]).empty());
    }
}

template <typename T>
const T& by_id(const std::vector<T>& list, const std::string& id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == id; });
    REQUIRE(it != list.end());
    return *it;
}

}  // namespace

TEST_CASE("the packed actions of each team follow every write and give the facts of the rows", "[store][indicators][actions]") {
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"), "Europe/Amsterdam");
    test::TempDir tmp("ts-action-facts");
    const std::string path = tmp.file("actions.db");
    DemoOptions o;
    o.teams = 3;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    Dataset data = generate_demo(o);
    REQUIRE(data.actions.size() > 50);
    REQUIRE(data.action_updates.size() > 50);
    std::vector<std::string> team_ids;
    for (const Team& t : data.teams) team_ids.push_back(t.id);
    const std::string t0 = data.teams[0].id, t1 = data.teams[1].id;
    // A meeting, an action and an update of one team.
    const auto meeting_of = [&](const std::string& team, std::size_t nth) {
        std::vector<const Meeting*> list;
        for (const Meeting& m : data.meetings)
            if (m.team_id == team && m.state == MeetingState::closed) list.push_back(&m);
        REQUIRE(list.size() > nth);
        return *list[nth];
    };
    const auto action_of = [&](const std::string& team, bool with_updates) {
        for (const Action& a : data.actions)
            if (a.team_id == team && a.meeting_id &&
                with_updates == std::any_of(data.action_updates.begin(), data.action_updates.end(),
                                            [&](const ActionUpdate& u) { return u.action_id == a.id; }))
                return a;
        FAIL("no such action");
        return Action{};
    };

    {
        auto store = open_sqlite_store(path);
        store->insert_dataset(data);
    }
    // Every team is packed, none left marked.
    CHECK(scalar(path, "SELECT count(*) FROM action_team WHERE facts IS NOT NULL") == 3);
    CHECK(marked(path) == 0);
    {
        auto store = open_sqlite_store(path, OpenMode::read_only);
        check_same(*store, data);
    }

    SECTION("a new action, with and without a meeting") {
        auto store = open_sqlite_store(path);
        Action a;
        a.id = "new-action-1";
        a.team_id = t0;
        a.meeting_id = meeting_of(t0, 2).id;
        a.title = "Nabespreken";
        a.due_on = "2025-12-01";
        a.status = ActionStatus::open;
        a.created_at = a.updated_at = "2025-11-01T10:00:00Z";
        store->save_action(a, "test");
        data.actions.push_back(a);
        Action b = a;
        b.id = "new-action-2";
        b.meeting_id.reset();
        b.created_at = b.updated_at = "2025-10-31T23:30:00Z";  // 1 November in Amsterdam
        store->save_action(b, "test");
        data.actions.push_back(b);
        CHECK(marked(path) == 0);
        check_same(*store, data);
    }
    SECTION("a status change") {
        auto store = open_sqlite_store(path);
        Action a = action_of(t0, true);
        a.status = ActionStatus::dropped;
        a.updated_at = "2026-02-20T10:00:00Z";
        store->save_action(a, "test");
        for (auto& x : data.actions)
            if (x.id == a.id) x = a;
        check_same(*store, data);
    }
    SECTION("updates in three meetings make an action stale") {
        auto store = open_sqlite_store(path);
        Action a = action_of(t0, false);
        a.status = ActionStatus::in_progress;
        a.updated_at = "2024-06-01T10:00:00Z";
        a.completed_at.reset();
        // (Stored as in_progress by a hand edit: only the three updates are saved below.)
        exec_raw(path, "UPDATE action SET status = 'in_progress', completed_at = NULL, updated_at = '2024-06-01T10:00:00Z' WHERE id = '" + a.id + "'");
        store = open_sqlite_store(path);  // packs the hand edit
        for (auto& x : data.actions)
            if (x.id == a.id) x = a;
        const std::int64_t before = figures(store->facts(actions_query({}, kAll, false)))["all"].back().stale;
        for (int k = 0; k < 3; ++k) {
            ActionUpdate u;
            u.id = "new-update-" + std::to_string(k);
            u.action_id = a.id;
            u.meeting_id = meeting_of(t0, 5 + static_cast<std::size_t>(k)).id;
            u.status = ActionStatus::in_progress;
            u.created_at = u.updated_at = "2024-07-0" + std::to_string(k + 1) + "T10:00:00Z";
            store->save_action_update(u, "test");
            data.action_updates.push_back(u);
        }
        CHECK(marked(path) == 0);
        check_same(*store, data);
        CHECK(figures(store->facts(actions_query({}, kAll, false)))["all"].back().stale == before + 1);
    }
    SECTION("a status change with its update in a meeting") {
        auto store = open_sqlite_store(path);
        Action a = action_of(t1, true);
        a.status = ActionStatus::done;
        a.completed_at = a.updated_at = "2026-02-25T10:00:00Z";
        ActionUpdate u;
        u.id = "new-update";
        u.action_id = a.id;
        u.meeting_id = meeting_of(t1, 3).id;
        u.status = ActionStatus::done;
        u.created_at = u.updated_at = a.updated_at;
        store->transaction([&] {
            store->save_action(a, "test");
            store->save_action_update(u, "test");
        });
        for (auto& x : data.actions)
            if (x.id == a.id) x = a;
        data.action_updates.push_back(u);
        check_same(*store, data);
    }
    SECTION("an action moved to another team keeps its meeting of the first") {
        auto store = open_sqlite_store(path);
        Action a = action_of(t0, true);
        a.team_id = t1;
        a.updated_at = "2026-02-20T10:00:00Z";
        store->save_action(a, "test");
        for (auto& x : data.actions)
            if (x.id == a.id) x = a;
        CHECK(marked(path) == 0);
        check_same(*store, data);
        store.reset();
        // One team's facts leave its meetings out, and the moved action with them.
        check_same_as_rows(path, team_ids);
    }
    SECTION("a meeting's date and another's state changed") {
        auto store = open_sqlite_store(path);
        Meeting m = meeting_of(t0, 4);
        m.held_on = "2025-12-24";
        m.updated_at = "2026-02-20T10:00:00Z";
        store->save_meeting(m, "test");
        Meeting n = meeting_of(t1, 1);
        n.state = MeetingState::running;
        store->save_meeting(n, "test");
        for (auto& x : data.meetings) {
            if (x.id == m.id) x = m;
            if (x.id == n.id) x = n;
        }
        check_same(*store, data);
    }
    SECTION("a new meeting") {
        auto store = open_sqlite_store(path);
        Meeting m = meeting_of(t1, 0);
        m.id = "new-meeting";
        m.held_on = "2026-02-27";
        m.state = MeetingState::planned;
        store->save_meeting(m, "test");
        data.meetings.push_back(m);
        check_same(*store, data);
    }
    SECTION("a meeting deleted by hand takes itself out of its actions and updates") {
        const Meeting m = meeting_of(t0, 3);
        REQUIRE(scalar(path, "SELECT count(*) FROM action WHERE meeting_id = '" + m.id + "'") > 0);
        exec_raw(path, "DELETE FROM meeting WHERE id = '" + m.id + "'");
        CHECK(marked(path) == 1);
        std::erase_if(data.meetings, [&](const Meeting& x) { return x.id == m.id; });
        for (auto& a : data.actions)
            if (a.meeting_id == m.id) a.meeting_id.reset();
        for (auto& u : data.action_updates)
            if (u.meeting_id == m.id) u.meeting_id.reset();
        {
            auto reader = open_sqlite_store(path, OpenMode::read_only);  // reads the team's rows
            check_same(*reader, data);
        }
        auto writer = open_sqlite_store(path);  // packs it
        CHECK(marked(path) == 0);
        check_same(*writer, data);
    }
    SECTION("a meeting without actions deleted by hand") {
        std::string id;
        for (const Meeting& m : data.meetings)
            if (m.team_id == t1 && scalar(path, "SELECT count(*) FROM action WHERE meeting_id = '" + m.id + "'") == 0 &&
                scalar(path, "SELECT count(*) FROM action_update WHERE meeting_id = '" + m.id + "'") == 0)
                id = m.id;
        REQUIRE(!id.empty());
        exec_raw(path, "DELETE FROM meeting WHERE id = '" + id + "'");
        CHECK(marked(path) == 1);
        std::erase_if(data.meetings, [&](const Meeting& x) { return x.id == id; });
        auto writer = open_sqlite_store(path);
        check_same(*writer, data);
    }
    SECTION("an action deleted by hand takes its updates along") {
        const Action a = action_of(t1, true);
        exec_raw(path, "DELETE FROM action WHERE id = '" + a.id + "'");
        CHECK(marked(path) == 1);
        std::erase_if(data.actions, [&](const Action& x) { return x.id == a.id; });
        std::erase_if(data.action_updates, [&](const ActionUpdate& u) { return u.action_id == a.id; });
        {
            auto reader = open_sqlite_store(path, OpenMode::read_only);
            check_same(*reader, data);
        }
        auto writer = open_sqlite_store(path);
        check_same(*writer, data);
    }
    SECTION("an update changed and another deleted by hand") {
        const ActionUpdate changed = data.action_updates[3];
        const ActionUpdate gone = *std::find_if(data.action_updates.begin(), data.action_updates.end(), [&](const ActionUpdate& u) {
            return by_id(data.actions, u.action_id).team_id != by_id(data.actions, changed.action_id).team_id;
        });
        exec_raw(path, "UPDATE action_update SET status = 'dropped', created_at = '2025-03-03T10:00:00Z', meeting_id = NULL WHERE id = '" +
                           changed.id + "'; DELETE FROM action_update WHERE id = '" + gone.id + "'");
        CHECK(marked(path) == 2);
        for (auto& u : data.action_updates)
            if (u.id == changed.id) {
                u.status = ActionStatus::dropped;
                u.created_at = "2025-03-03T10:00:00Z";
                u.meeting_id.reset();
            }
        std::erase_if(data.action_updates, [&](const ActionUpdate& u) { return u.id == gone.id; });
        {
            auto reader = open_sqlite_store(path, OpenMode::read_only);
            check_same(*reader, data);
        }
        auto writer = open_sqlite_store(path);
        check_same(*writer, data);
    }
    SECTION("a hand edit of an action marks its team and the reader reads its rows until a writer packs it") {
        const Action a = action_of(t0, true);
        exec_raw(path, "UPDATE action SET status = 'dropped', updated_at = '2026-02-01T10:00:00Z', due_on = '2026-01-15' WHERE id = '" + a.id + "'");
        CHECK(marked(path) == 1);
        CHECK(scalar(path, "SELECT facts IS NULL FROM action_team WHERE team_id = '" + t0 + "'") == 1);
        for (auto& x : data.actions)
            if (x.id == a.id) {
                x.status = ActionStatus::dropped;
                x.updated_at = "2026-02-01T10:00:00Z";
                x.due_on = "2026-01-15";
            }
        {
            auto reader = open_sqlite_store(path, OpenMode::read_only);
            check_same(*reader, data);
        }
        CHECK(marked(path) == 1);
        {
            auto writer = open_sqlite_store(path);
            CHECK(marked(path) == 0);
            check_same(*writer, data);
        }
        CHECK(check_database(path).ok);
    }
    SECTION("an import of a bundle") {
        auto store = open_sqlite_store(path);
        Dataset bundle;
        bundle.teams = {data.teams[1]};
        Meeting m = meeting_of(t1, 2);
        m.id = "imported-meeting";
        m.held_on = "2026-02-16";
        m.attendee_ids.clear();
        m.facilitator_id.reset();
        bundle.meetings = {m};
        Action changed = action_of(t1, true);
        changed.status = ActionStatus::dropped;
        changed.updated_at = "2026-02-17T10:00:00Z";
        Action added = changed;
        added.id = "imported-action";
        added.meeting_id = m.id;
        added.owner_id.reset();
        added.incident_id.reset();
        added.status = ActionStatus::open;
        added.completed_at.reset();
        added.created_at = "2026-02-16T10:00:00Z";
        bundle.actions = {changed, added};
        ActionUpdate u;
        u.id = "imported-update";
        u.action_id = added.id;
        u.meeting_id = m.id;
        u.status = ActionStatus::in_progress;
        u.created_at = u.updated_at = "2026-02-18T10:00:00Z";
        bundle.action_updates = {u};
        const ImportSummary s = import_dataset(*store, bundle);
        CHECK(s.inserted == 3);
        CHECK(s.updated == 1);
        data.meetings.push_back(m);
        for (auto& x : data.actions)
            if (x.id == changed.id) x = changed;
        data.actions.push_back(added);
        data.action_updates.push_back(u);
        CHECK(marked(path) == 0);
        check_same(*store, data);
    }
    SECTION("a period that ends before some meetings reads the same from the packs as from the rows") {
        check_same_as_rows(path, team_ids);
    }
}

TEST_CASE("check finds packed actions that do not match their rows and check --repair packs them again", "[store][actions]") {
    test::PinnedTime pin(*parse_timestamp("2026-03-20T12:00:00Z"));
    test::TempDir tmp("ts-action-check");
    const std::string path = tmp.file("actions.db");
    DemoOptions o;
    o.teams = 2;
    o.years = 1;
    o.end = Date{2026, 3, 1};
    const Dataset data = generate_demo(o);
    {
        auto store = open_sqlite_store(path);
        store->insert_dataset(data);
    }
    REQUIRE(check_database(path).ok);
    const auto problems = [&] {
        const CheckReport r = check_database(path);
        std::string all;
        for (const auto& p : r.problems) all += p + "\n";
        return all;
    };

    SECTION("two teams' packs swapped") {
        exec_raw(path, "CREATE TEMP TABLE packs AS SELECT * FROM action_team; "
                       "UPDATE action_team SET facts = (SELECT facts FROM packs WHERE packs.team_id <> action_team.team_id)");
        CHECK_THAT(problems(), Catch::Contains("the packed actions of 2 teams do not match the actions, their updates and meetings; run "
                                              "`teamspiegel check --repair`"));
    }
    SECTION("a team's pack missing") {
        exec_raw(path, "DELETE FROM action_team WHERE team_id = '" + data.teams[0].id + "'");
        CHECK_THAT(problems(), Catch::Contains("the packed actions of 1 team do not match"));
    }
    SECTION("a damaged pack is refused with a message and not read as figures") {
        exec_raw(path, "UPDATE action_team SET facts = substr(facts, 1, 100) WHERE team_id = '" + data.teams[0].id + "'");
        CHECK_THAT(problems(), Catch::Contains("the packed actions of 1 team do not match"));
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK_THROWS_WITH(store->facts(actions_query({}, kAll, false)),
                          "the packed actions of a team are damaged; run `teamspiegel check --repair`");
    }
    SECTION("a pack of an unknown kind") {
        exec_raw(path, "UPDATE action_team SET facts = x'09' || substr(facts, 2)");
        auto store = open_sqlite_store(path, OpenMode::read_only);
        CHECK_THROWS_WITH(store->facts(actions_query({}, kAll, true)),
                          "the packed actions of a team are of an unknown kind; run `teamspiegel check --repair`");
    }
    {
        auto store = open_sqlite_store(path);
        store->rebuild_summaries();
    }
    CHECK(problems().empty());
    auto store = open_sqlite_store(path, OpenMode::read_only);
    CHECK(differences(seen(facts_from(data)), seen(store->facts(actions_query({}, kAll, false)))).empty());
}
