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

TEST_CASE("every team's figures, counted from its rows", "[model]") {
    PinnedTime time;  // 15 March 2026
    const Fixture f;
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(f.d);
    model::Model m(*store, content());
    m.hold_all_teams(true);
    m.refresh(kPinnedNow);
    REQUIRE(m.figures().size() == 2);
    const model::TeamFigures& linde = m.figures()[0];
    const model::TeamFigures& anker = m.figures()[1];
    CHECK(linde.team_id == f.linde);
    CHECK(linde.youths_in_care == 1);  // J-02 left on 1 February
    CHECK(linde.measures == 3);
    CHECK(linde.open_measures == 1);
    CHECK(linde.incidents == 1);
    CHECK(anker.team_id == f.anker);
    CHECK(anker.youths_in_care == 1);
    CHECK(anker.measures == 0);
    CHECK(anker.open_measures == 0);
    CHECK(anker.incidents == 0);

    // Held teams switch without a read; a measure ended in one team changes its figures.
    ReadLog log;
    log.attach(*store);
    m.set_team(f.anker);
    m.refresh(kPinnedNow);
    CHECK(log.reads.empty());
    CHECK(m.current_team()->name == "Het Anker");
    REQUIRE(m.rows_of(f.linde));
    CHECK(m.rows_of(f.linde)->measures.size() == 3);

    Measure open = *store->measure(f.m2);
    open.ended_at = "2026-03-02T09:10:00Z";
    store->save_measure(open, "Sanne");
    m.refresh(kPinnedNow);
    CHECK(log.kinds() == std::set<Kind>{Kind::measure});
    CHECK(m.figures()[0].open_measures == 0);
    CHECK(m.figures()[0].measures == 3);
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
