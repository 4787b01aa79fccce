// The model (src/model): rows rebuilt only for the kinds of records that changed, writes by
// another store on the same file seen within a second, and every team's figures. The store's
// read hook counts what each refresh reads.
#include "core/content.hpp"
#include "core/demo.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "model/model.hpp"
#include "pinned_time.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

using namespace ts;
using ts::test::kPinnedNow;
using ts::test::PinnedTime;
using ts::test::TempDir;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

// Two teams, written by hand so every figure below can be counted on the fingers.
//   De Linde:  J-01 (in care), J-02 (left on 1 February); three measures, one of them still
//              going; one incident, linked to the first measure.
//   Het Anker: J-10 (in care since 1 March); nothing else.
struct Fixture {
    Dataset d;
    std::string linde, anker, j01, j02, j10, m1, m2, m3, i1;
    Fixture() {
        const std::string now = "2026-03-01T08:00:00Z";
        auto team = [&](std::string name) {
            Team t;
            t.id = new_uuid();
            t.name = std::move(name);
            t.location = "Utrecht";
            t.capacity = 8;
            t.created_at = t.updated_at = now;
            d.teams.push_back(t);
            return t.id;
        };
        linde = team("De Linde");
        anker = team("Het Anker");
        Member mem;
        mem.id = new_uuid();
        mem.team_id = linde;
        mem.name = "Sanne";
        mem.created_at = mem.updated_at = now;
        d.members.push_back(mem);
        auto youth = [&](const std::string& team_id, std::string code, std::string admitted, std::optional<std::string> left) {
            Youth y;
            y.id = new_uuid();
            y.team_id = team_id;
            y.code = std::move(code);
            y.admitted_on = std::move(admitted);
            y.discharged_on = std::move(left);
            y.created_at = y.updated_at = now;
            d.youths.push_back(y);
            return y.id;
        };
        j01 = youth(linde, "J-01", "2026-01-01", std::nullopt);
        j02 = youth(linde, "J-02", "2025-06-01", "2026-02-01");
        j10 = youth(anker, "J-10", "2026-03-01", std::nullopt);
        Incident inc;
        inc.id = i1 = new_uuid();
        inc.team_id = linde;
        inc.occurred_at = "2026-03-01T09:55:00Z";
        inc.category = "aggression_verbal";
        inc.severity = 2;
        inc.youth_ids = {j01};
        inc.description = "Ruzie bij het ontbijt";
        inc.created_at = inc.updated_at = now;
        d.incidents.push_back(inc);
        auto measure = [&](const std::string& youth_id, std::string start, std::optional<std::string> end,
                           std::optional<std::string> incident) {
            Measure m;
            m.id = new_uuid();
            m.team_id = linde;
            m.youth_id = youth_id;
            m.type = "physical_hold";
            m.started_at = std::move(start);
            m.ended_at = std::move(end);
            m.reason = "Gevaar voor zichzelf";
            m.incident_id = std::move(incident);
            m.emergency = true;
            m.decided_by = "Sanne";
            m.created_at = m.updated_at = now;
            d.measures.push_back(m);
            return m.id;
        };
        m1 = measure(j01, "2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z", i1);
        m2 = measure(j01, "2026-03-02T09:00:00Z", std::nullopt, std::nullopt);
        m3 = measure(j02, "2026-01-10T15:00:00Z", "2026-01-10T15:10:00Z", std::nullopt);
    }
};

// Every read the store reports, in order.
struct ReadLog {
    std::vector<std::pair<Kind, ReadOf>> reads;
    void attach(Store& s) {
        s.set_read_hook([this](Kind k, ReadOf what) { reads.emplace_back(k, what); });
    }
    std::set<Kind> kinds() const {
        std::set<Kind> out;
        for (const auto& r : reads) out.insert(r.first);
        return out;
    }
    bool has(Kind k, ReadOf what) const {
        for (const auto& r : reads)
            if (r.first == k && r.second == what) return true;
        return false;
    }
};

const model::MeasureRow* row_of(const model::Model& m, const std::string& id) {
    for (const auto& r : m.measures())
        if (r.measure.id == id) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("the model reads a team once, then only the kinds that changed", "[model]") {
    PinnedTime time;
    const Fixture f;
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(f.d);
    ReadLog log;
    log.attach(*store);
    model::Model m(*store, content());
    m.set_team(f.linde);
    m.refresh(kPinnedNow);

    // The first refresh reads everything of the team, and the counts.
    for (Kind k : kAllKinds) CHECK(log.has(k, ReadOf::rows));
    for (Kind k : kAllKinds) CHECK(log.has(k, ReadOf::count));
    REQUIRE(m.current_team());
    CHECK(m.current_team()->name == "De Linde");
    REQUIRE(m.measures().size() == 3);
    CHECK(m.measures()[0].measure.id == f.m2);  // newest first
    CHECK(m.measures()[1].measure.id == f.m1);
    CHECK(m.measures()[2].measure.id == f.m3);
    REQUIRE(m.measures()[0].youth);
    CHECK(m.measures()[0].youth->code == "J-01");
    CHECK(m.measures()[1].duration == std::optional<std::int64_t>(300));
    REQUIRE(m.incidents().size() == 1);
    CHECK(m.incidents()[0].youth_codes == "J-01");
    CHECK(m.incidents()[0].linked_measures == 1);
    CHECK(m.counts().teams == 2);
    CHECK(m.counts().youths == 3);
    CHECK(m.counts().measures == 3);

    SECTION("nothing changed, or a transaction wrote nothing: no read at all") {
        log.reads.clear();
        m.refresh(kPinnedNow);
        m.refresh(kPinnedNow + 30);
        store->transaction([] {});
        m.refresh(kPinnedNow + 40);
        m.refresh(kPinnedNow + 3600);  // the hour turns: warnings again, from memory
        CHECK(log.reads.empty());
    }
    SECTION("a saved measure reads the measures only") {
        Measure changed = *store->measure(f.m3);
        changed.notes = "Nagesproken met J-02.";
        store->save_measure(changed, "Sanne");
        const model::Versions before = m.versions();
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(log.kinds() == std::set<Kind>{Kind::measure});
        CHECK(log.has(Kind::measure, ReadOf::rows));
        REQUIRE(row_of(m, f.m3));
        CHECK(row_of(m, f.m3)->measure.notes == "Nagesproken met J-02.");
        CHECK(m.versions().measures > before.measures);
        CHECK(m.versions().members == before.members);
        CHECK(m.versions().youths == before.youths);
        CHECK(m.versions().teams == before.teams);
    }
    SECTION("a renamed youth reads the youths only; measure and incident rows follow from memory") {
        Youth y = *m.youth(f.j01);
        y.code = "J-05";
        store->save_youth(y, "Sanne");
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(log.kinds() == std::set<Kind>{Kind::youth});
        REQUIRE(row_of(m, f.m1));
        REQUIRE(row_of(m, f.m1)->youth);
        CHECK(row_of(m, f.m1)->youth->code == "J-05");
        CHECK(m.incidents()[0].youth_codes == "J-05");
    }
    SECTION("a deleted incident reads incidents measures and meetings (their links are cleared)") {
        store->delete_incident(f.i1, "Sanne");
        log.reads.clear();
        m.refresh(kPinnedNow);
        // Measures lose their link to it, meetings their mark of it as discussed.
        CHECK(log.kinds() == std::set<Kind>{Kind::incident, Kind::measure, Kind::meeting});
        CHECK(m.incidents().empty());
        REQUIRE(row_of(m, f.m1));
        CHECK_FALSE(row_of(m, f.m1)->measure.incident_id);
    }
    SECTION("another team reads that team's rows, not the team list") {
        log.reads.clear();
        m.set_team(f.anker);
        m.refresh(kPinnedNow);
        CHECK(log.kinds() == std::set<Kind>{Kind::member, Kind::youth, Kind::measure, Kind::incident, Kind::meeting, Kind::action,
                                         Kind::action_update});
        CHECK(m.current_team()->name == "Het Anker");
        REQUIRE(m.youths().size() == 1);
        CHECK(m.youths()[0].code == "J-10");
        CHECK(m.measures().empty());
    }
    SECTION("an unknown team falls back to the first by name") {
        m.set_team(new_uuid());
        m.refresh(kPinnedNow);
        CHECK(m.team_id() == f.linde);
    }
}

namespace {

// The Fixture with older records: an incident of June 2025 with its measure (both before the
// window of 1 December 2025), an action that refers to that incident, and a measure of
// November 2025 taken in the window's incident i1.
struct OldFixture : Fixture {
    std::string old_incident, old_measure, early_linked;
    OldFixture() {
        Incident inc = d.incidents.front();
        inc.id = old_incident = new_uuid();
        inc.occurred_at = "2025-06-10T12:00:00Z";
        d.incidents.push_back(inc);
        Measure m = d.measures.front();
        m.id = old_measure = new_uuid();
        m.started_at = "2025-06-10T12:05:00Z";
        m.ended_at = "2025-06-10T12:10:00Z";
        m.incident_id = old_incident;
        d.measures.push_back(m);
        m.id = early_linked = new_uuid();
        m.started_at = "2025-11-20T08:00:00Z";
        m.ended_at = "2025-11-20T08:05:00Z";
        m.incident_id = i1;
        d.measures.push_back(m);
        Action a;
        a.id = new_uuid();
        a.team_id = linde;
        a.title = "Terugkijken op juni";
        a.status = ActionStatus::open;
        a.incident_id = old_incident;
        a.created_at = a.updated_at = "2026-03-01T08:00:00Z";
        d.actions.push_back(a);
    }
};

std::vector<std::string> measure_ids(const model::Model& m) {
    std::vector<std::string> out;
    for (const auto& r : m.measures()) out.push_back(r.measure.id);
    return out;
}

}  // namespace

TEST_CASE("the model holds the last months of measures and incidents, and older ones when asked", "[model][window]") {
    PinnedTime time;  // 15 March 2026: the window starts on 1 December 2025
    const OldFixture f;
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(f.d);
    model::Model m(*store, content());
    m.refresh(kPinnedNow);
    CHECK(m.rows().since == local_midnight(Date{2025, 12, 1}));
    // Newest first; the November measure is held because it was taken in i1.
    CHECK(measure_ids(m) == std::vector<std::string>{f.m2, f.m1, f.m3, f.early_linked});
    REQUIRE(m.incidents().size() == 1);
    CHECK(m.incidents()[0].incident.id == f.i1);
    CHECK(m.incidents()[0].linked_measures == 2);
    // The team's totals count what is not held too.
    CHECK(m.rows().all_measures == 5);
    CHECK(m.rows().all_incidents == 2);
    // The action's old incident is found by id, though not listed.
    REQUIRE(m.incident(f.old_incident));
    CHECK(m.incident(f.old_incident)->incident.occurred_at == "2025-06-10T12:00:00Z");
    CHECK_FALSE(m.measure(f.old_measure));

    SECTION("hold_since reads the older ones at the next refresh") {
        m.hold_since(local_midnight(Date{2025, 6, 1}));
        CHECK(m.measures().size() == 4);  // not before the refresh
        m.refresh(kPinnedNow);
        CHECK(measure_ids(m) == std::vector<std::string>{f.m2, f.m1, f.m3, f.early_linked, f.old_measure});
        REQUIRE(m.incidents().size() == 2);
        CHECK(m.incidents()[1].incident.id == f.old_incident);
        CHECK(m.incidents()[1].linked_measures == 1);
        SECTION("it never narrows while the team stays; another team starts again from the last months") {
            m.hold_since(local_midnight(Date{2026, 3, 1}));
            m.refresh(kPinnedNow);
            CHECK(m.measures().size() == 5);
            m.set_team(f.anker);
            m.refresh(kPinnedNow);
            m.set_team(f.linde);
            m.refresh(kPinnedNow);
            CHECK(m.measures().size() == 4);
        }
    }
    SECTION("the window follows the months") {
        const std::int64_t june = *parse_timestamp("2026-06-15T10:00:00Z");
        m.reload_all();
        m.refresh(june);
        CHECK(m.rows().since == local_midnight(Date{2026, 3, 1}));
        CHECK(measure_ids(m) == std::vector<std::string>{f.m2, f.m1, f.early_linked});  // the last taken in i1
    }
}

TEST_CASE("a measure or incident saved in this program puts back its one row", "[model][window]") {
    PinnedTime time;
    const OldFixture f;
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(f.d);
    model::Model m(*store, content());
    m.refresh(kPinnedNow);
    ReadLog log;
    log.attach(*store);
    auto measure_row_reads = [&] {
        return std::count(log.reads.begin(), log.reads.end(), std::pair<Kind, ReadOf>{Kind::measure, ReadOf::rows});
    };

    SECTION("a changed measure: one read, the row in its place") {
        Measure changed = *store->measure(f.m3);
        changed.notes = "Nagesproken.";
        changed.started_at = "2026-03-03T09:00:00Z";  // now the newest
        changed.ended_at = "2026-03-03T09:10:00Z";
        store->save_measure(changed, "Sanne");
        log.reads.clear();  // a save reads the stored copy first
        m.refresh(kPinnedNow);
        CHECK(measure_row_reads() == 1);
        CHECK_FALSE(log.has(Kind::incident, ReadOf::rows));
        CHECK(measure_ids(m) == std::vector<std::string>{f.m3, f.m2, f.m1, f.early_linked});
        CHECK(m.measure(f.m3)->measure.notes == "Nagesproken.");
        REQUIRE(m.measure(f.m3)->youth);
        CHECK(m.measure(f.m3)->youth->code == "J-02");
    }
    SECTION("a new measure in an incident counts there; a deleted one goes") {
        Measure added = *store->measure(f.m2);
        added.id = new_uuid();
        added.started_at = "2026-03-01T10:30:00Z";
        added.ended_at = "2026-03-01T10:35:00Z";
        added.incident_id = f.i1;
        store->save_measure(added, "Sanne");
        store->delete_measure(f.m2, "Sanne");
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(measure_row_reads() == 2);
        CHECK(measure_ids(m) == std::vector<std::string>{added.id, f.m1, f.m3, f.early_linked});
        CHECK(m.incident(f.i1)->linked_measures == 3);
        CHECK(m.rows().all_measures == 5);
    }
    SECTION("a measure saved before the window is not held") {
        Measure old = *store->measure(f.old_measure);
        old.notes = "Later aangevuld.";
        store->save_measure(old, "Sanne");
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(measure_row_reads() == 1);
        CHECK(m.measures().size() == 4);
        CHECK_FALSE(m.measure(f.old_measure));
    }
    SECTION("an incident: one read; the old one an action refers to is read again when it changes") {
        Incident changed = *store->incident(f.old_incident);
        changed.description = "Aangevuld";
        store->save_incident(changed, "Sanne");
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(std::count(log.reads.begin(), log.reads.end(), std::pair<Kind, ReadOf>{Kind::incident, ReadOf::rows}) == 2);
        CHECK(measure_row_reads() == 0);
        CHECK(m.incident(f.old_incident)->incident.description == "Aangevuld");
        CHECK(m.incidents().size() == 1);
    }
    SECTION("a bundle or a write by another program: all is read again") {
        Dataset more;
        Measure added = *store->measure(f.m2);
        added.id = new_uuid();
        more.measures.push_back(added);
        store->insert_dataset(more);
        log.reads.clear();
        m.refresh(kPinnedNow);
        CHECK(measure_row_reads() >= 2);  // the window, and the older measures of its incidents
        CHECK(m.measures().size() == 5);
    }
}

TEST_CASE("the store tells which records it wrote since a revision", "[store][window]") {
    const Fixture f;
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(f.d);
    const std::uint64_t start = store->revisions()[Kind::measure];
    CHECK_FALSE(store->written_since(Kind::measure, start - 1));  // the data set: not by id
    CHECK(store->written_since(Kind::measure, start) == std::vector<std::string>{});
    Measure a = *store->measure(f.m1), b = *store->measure(f.m2);
    store->save_measure(a, "Sanne");
    store->transaction([&] {
        store->save_measure(b, "Sanne");
        store->save_measure(a, "Sanne");
    });
    CHECK(store->revisions()[Kind::measure] == start + 2);
    CHECK(store->written_since(Kind::measure, start) == std::vector<std::string>{f.m1, f.m2});
    CHECK(store->written_since(Kind::measure, start + 1) == std::vector<std::string>{f.m2, f.m1});
    // Deleting an incident clears the measures' link: those are named too.
    store->delete_incident(f.i1, "Sanne");
    CHECK(store->written_since(Kind::measure, start + 2) == std::vector<std::string>{f.m1});
    CHECK(store->written_since(Kind::incident, store->revisions()[Kind::incident] - 1) == std::vector<std::string>{f.i1});
    // A failed save inside a transaction that goes on names nothing it did not write.
    Measure bad = b;
    bad.ended_at = "2020-01-01T00:00:00Z";  // before it started: the database refuses it
    const std::uint64_t before = store->revisions()[Kind::measure];
    a = *store->measure(f.m1);  // without its link now
    store->transaction([&] {
        CHECK_THROWS(store->save_measure(bad, "Sanne"));
        store->save_measure(a, "Sanne");
    });
    CHECK(store->written_since(Kind::measure, before) == std::vector<std::string>{f.m1});
}

TEST_CASE("a save by another store on the same file shows in the model within a second", "[model][processes]") {
    PinnedTime time;
    TempDir tmp("ts-model");
    const std::string path = tmp.file("shared.db");
    const Fixture f;
    auto laptop = open_sqlite_store(path);
    laptop->insert_dataset(f.d);
    auto screen = open_sqlite_store(path);
    model::Model m(*screen, content());
    m.refresh(kPinnedNow);
    REQUIRE(m.measures().size() == 3);

    // Nothing was written elsewhere: the question costs no revision.
    const Revisions quiet = screen->revisions();
    CHECK_FALSE(screen->poll_changes());
    CHECK(screen->revisions() == quiet);

    Measure extra = laptop->measure(f.m1).value();
    extra.id = new_uuid();
    extra.started_at = "2026-03-03T12:00:00Z";
    extra.ended_at = "2026-03-03T12:04:00Z";
    extra.incident_id.reset();
    laptop->save_measure(extra, "Laptop");

    m.refresh(kPinnedNow + 1);  // a second later, as the window's loop wakes once a second
    REQUIRE(m.measures().size() == 4);
    CHECK(m.measures()[0].measure.id == extra.id);

    // The screen's own writes are its own news, not another process's.
    Youth y = *m.youth(f.j01);
    y.code = "J-06";
    screen->save_youth(y, "Scherm");
    CHECK_FALSE(screen->poll_changes());
    // And the laptop hears of it.
    CHECK(laptop->poll_changes());
    bool renamed = false;
    for (const Youth& seen : laptop->youths(f.linde))
        if (seen.id == f.j01) renamed = seen.code == "J-06";
    CHECK(renamed);
}

// The actions screen across all teams: every team's actions, held only when asked, read once
// and again only when actions or their updates are written; overdue and stale by the same rules
// as a team's rows (core/actions.hpp).
TEST_CASE("every team's actions are read once when held and again only after a write of actions", "[model][actions]") {
    PinnedTime time;
    auto store = open_sqlite_store(":memory:");
    DemoOptions o;
    o.teams = 3;
    o.years = 1;
    o.end = Date{2026, 3, 1};
    store->insert_dataset(generate_demo(o));
    ReadLog log;
    log.attach(*store);
    model::Model m(*store, content());
    m.refresh(kPinnedNow);
    // Not held: nothing of the other teams.
    CHECK_FALSE(m.all_actions().loaded);
    const auto team_reads = log.reads.size();

    m.hold_all_actions(true);
    m.refresh(kPinnedNow);
    REQUIRE(m.all_actions().loaded);
    CHECK(log.reads.size() == team_reads + 4);  // actions, updates, members, meetings: one read each
    // The same rows as each team's, counted from the store team by team.
    std::size_t total = 0, overdue = 0, stale = 0;
    for (const Team& t : store->teams()) {
        const auto actions = store->actions(t.id);
        total += actions.size();
        const auto updates = store->action_updates(t.id);
        for (const Action& a : actions) {
            if (a.status != ActionStatus::open && a.status != ActionStatus::in_progress) continue;
            if (a.due_on && *a.due_on < "2026-03-15") ++overdue;
            std::set<std::string> meetings;
            for (const ActionUpdate& u : updates)
                if (u.action_id == a.id && u.meeting_id) meetings.insert(*u.meeting_id);
            if (meetings.size() >= 3) ++stale;
        }
    }
    const auto& all = m.all_actions().actions;
    CHECK(all.size() == total);
    CHECK(static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const auto& r) { return r.overdue; })) == overdue);
    CHECK(static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const auto& r) { return r.stale; })) == stale);
    CHECK(overdue > 0);
    CHECK(stale > 0);
    // Linked to members and meetings of their own team.
    for (const auto& r : all) {
        if (r.owner) CHECK(r.owner->team_id == r.action.team_id);
        if (r.meeting) CHECK(r.meeting->team_id == r.action.team_id);
    }

    // Nothing changed: nothing read.
    log.reads.clear();
    m.refresh(kPinnedNow);
    CHECK(log.reads.empty());
    const auto version = m.versions().all_actions;

    // An action saved: the actions and their updates again, nothing else.
    Action a = all.front().action;
    a.title = "Anders verwoord";
    store->save_action(a, "test");
    log.reads.clear();
    m.refresh(kPinnedNow);
    std::set<Kind> rows;
    for (const auto& r : log.reads)
        if (r.second == ReadOf::rows) rows.insert(r.first);
    CHECK(rows == std::set<Kind>{Kind::action, Kind::action_update});
    CHECK(m.versions().all_actions == version + 1);
    REQUIRE(m.all_actions().action(a.id));
    CHECK(m.all_actions().action(a.id)->action.title == "Anders verwoord");

    // Let go: a write reads nothing more of all teams.
    m.hold_all_actions(false);
    a.title = "Nog eens";
    store->save_action(a, "test");
    log.reads.clear();
    m.refresh(kPinnedNow);
    rows.clear();
    std::size_t row_reads = 0;
    for (const auto& r : log.reads)
        if (r.second == ReadOf::rows) ++row_reads;
    CHECK(row_reads == 2);  // the current team's actions and updates
    CHECK(m.all_actions().action(a.id)->action.title == "Anders verwoord");
}
