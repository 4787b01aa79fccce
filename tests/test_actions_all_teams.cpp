// The actions screen across all teams (issue 11): every team's actions in one list with a Team
// column and a team filter, read once through the model, and another team's action opened with
// its history. Demo data of three teams ending 1 March 2026; the clock is pinned to 15 March.
#include "core/demo.hpp"
#include "core/uuid.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui/requests.hpp"
#include "ui/screen_actions.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace ts;
using ts::test::UiHarness;

namespace {

void load_demo(UiHarness& h, int teams) {
    DemoOptions o;
    o.teams = teams;
    o.years = 1;
    o.end = Date{2026, 3, 1};  // before the pinned "now" (15 March 2026)
    h.store().insert_dataset(generate_demo(o));
}

ui::ActionsScreen& screen(UiHarness& h) { return h.shell().actions_screen(); }

// The ids of the actions the list shows.
std::set<std::string> shown_ids(UiHarness& h) {
    std::set<std::string> out;
    const auto& listed = screen(h).listed(h.shell().model());
    for (std::size_t i : screen(h).visible_rows()) out.insert(listed[i].action.id);
    return out;
}

// The teams of the actions the list shows.
std::set<std::string> shown_teams(UiHarness& h) {
    std::set<std::string> out;
    const auto& listed = screen(h).listed(h.shell().model());
    for (std::size_t i : screen(h).visible_rows()) out.insert(listed[i].action.team_id);
    return out;
}

bool working(ActionStatus s) { return s == ActionStatus::open || s == ActionStatus::in_progress; }

// The actions screen across all teams, every status shown.
void show_all_teams(UiHarness& h) {
    h.click("nav.actions");
    h.frame(2);
    h.click("actions.all.all_teams");
    h.frame(3);
    REQUIRE(screen(h).all_teams());
    REQUIRE(h.shell().model().all_actions().loaded);
    h.click("actions.filter.status");
    h.click("actions.status_filter.all");
    h.frame(2);
}

}  // namespace

TEST_CASE("across all teams the list shows every team's actions and the team filter narrows it", "[screens][actions][all_teams]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    const auto teams = h.store().teams();
    REQUIRE(teams.size() == 3);
    show_all_teams(h);

    // Every action of every team, from the store team by team.
    std::set<std::string> every;
    for (const Team& t : teams) {
        const auto actions = h.store().actions(t.id);
        REQUIRE_FALSE(actions.empty());
        for (const Action& a : actions) every.insert(a.id);
    }
    CHECK(shown_ids(h) == every);
    CHECK(shown_teams(h).size() == 3);
    // The Team column, naming the team of the first row.
    const std::string text = h.screen_text();
    CHECK(UiHarness::screen_has(text, h.tr("actions.all.col.team")));
    const auto& listed = screen(h).listed(h.shell().model());
    REQUIRE_FALSE(screen(h).visible_rows().empty());
    const std::string first_team = listed[screen(h).visible_rows().front()].action.team_id;
    for (const Team& t : teams)
        if (t.id == first_team) CHECK(UiHarness::screen_has(text, t.name));

    // One team: its actions only.
    const Team& other = teams.back().id != h.shell().model().team_id() ? teams.back() : teams.front();
    h.click("actions.filter.team");
    h.click("actions.team_filter." + other.name);
    h.frame();
    std::set<std::string> of_other;
    for (const Action& a : h.store().actions(other.id)) of_other.insert(a.id);
    CHECK(shown_ids(h) == of_other);
    CHECK(h.shell().model().team_id() != other.id);  // the current team stays as it was

    // Back to this team: the team's own list, its own actions.
    h.click("actions.all.this_team");
    h.frame(2);
    CHECK_FALSE(screen(h).all_teams());
    for (const auto& id : shown_ids(h)) CHECK(of_other.count(id) == 0);
}

TEST_CASE("across all teams the overdue filter shows the working actions due before today", "[screens][actions][all_teams][filter]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    show_all_teams(h);
    h.click("actions.filter.overdue_only");
    h.frame();
    // By hand: open or in progress, a due date before 15 March 2026 (dates as text sort as days).
    std::set<std::string> overdue, teams;
    for (const Team& t : h.store().teams())
        for (const Action& a : h.store().actions(t.id))
            if (working(a.status) && a.due_on && *a.due_on < "2026-03-15") {
                overdue.insert(a.id);
                teams.insert(a.team_id);
            }
    REQUIRE_FALSE(overdue.empty());
    CHECK(teams.size() > 1);
    CHECK(shown_ids(h) == overdue);
}

TEST_CASE("another team's action opens from the list across all teams with its update history", "[screens][actions][all_teams]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    show_all_teams(h);
    const std::string current = h.shell().model().team_id();
    const auto teams = h.store().teams();
    const Team* other = nullptr;
    for (const Team& t : teams)
        if (t.id != current && !other) other = &t;
    REQUIRE(other);
    // Another team's stale actions: reviewed in three meetings or more, so they have updates.
    h.click("actions.filter.team");
    h.click("actions.team_filter." + other->name);
    h.click("actions.filter.stale_only");
    h.frame(2);
    REQUIRE_FALSE(screen(h).visible_rows().empty());
    const Action opened = screen(h).listed(h.shell().model())[screen(h).visible_rows().front()].action;
    REQUIRE(opened.team_id == other->id);
    std::vector<ActionUpdate> updates;  // its updates, from the store
    for (const ActionUpdate& u : h.store().action_updates(other->id))
        if (u.action_id == opened.id) updates.push_back(u);
    REQUIRE(updates.size() >= 3);

    h.click("actions.row.0");
    h.frame(2);
    REQUIRE(screen(h).form_open());
    CHECK(UiHarness::screen_has(h.screen_text(), opened.title));  // in its title field
    // Every update shows, with its note; the form says whose action it is.
    int update_rows = 0;
    for (std::size_t n = 0; n < updates.size() + 2; ++n)
        if (ui::probed_this_frame("actions.update." + std::to_string(n))) ++update_rows;
    CHECK(update_rows == static_cast<int>(updates.size()));
    for (const ActionUpdate& u : updates)
        if (!u.note.empty()) CHECK(h.drew(u.note));
    CHECK(ui::probed_this_frame("actions.all.other_team"));

    // Read only here: no Save, no Delete, and Ctrl+Enter writes nothing.
    CHECK_FALSE(ui::probed_this_frame("actions.save"));
    CHECK_FALSE(ui::probed_this_frame("actions.delete"));
    CHECK(ui::probed_this_frame("actions.all.close"));
    const auto before = h.store().revisions();
    h.press(h.key(ImGuiKey_Enter), true);
    h.frame();
    CHECK(h.store().revisions() == before);
    CHECK(screen(h).form_open());

    // Switching to its team makes it the team's own action: editable, no note.
    h.click("actions.all.switch_team");
    h.frame(2);
    CHECK(h.shell().model().team_id() == other->id);
    REQUIRE(screen(h).form_open());
    CHECK_FALSE(ui::probed_this_frame("actions.all.other_team"));
    CHECK(ui::probed_this_frame("actions.update.0"));
    CHECK(ui::probed_this_frame("actions.save"));
}

TEST_CASE("a new action across all teams is one of the current team and says so", "[screens][actions][all_teams]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    show_all_teams(h);
    h.shell().apply(ui::request::NewRecord{ui::ScreenId::actions});
    h.frame(2);
    REQUIRE(screen(h).form_open());
    CHECK(h.shows(h.shell().model().current_team()->name));
    CHECK(ui::probed_this_frame("actions.all.new_for_team"));
}

TEST_CASE("the list across all teams reads the store once and again only after a write of actions", "[screens][actions][all_teams][model]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    h.click("nav.actions");
    h.frame(2);
    std::vector<std::pair<Kind, ReadOf>> reads;
    h.store().set_read_hook([&](Kind k, ReadOf what) { reads.emplace_back(k, what); });
    h.click("actions.all.all_teams");
    h.frame(3);
    // Once: every team's actions, their updates, members and meetings.
    std::multiset<Kind> kinds;
    for (const auto& r : reads) kinds.insert(r.first);
    CHECK(kinds == std::multiset<Kind>{Kind::action, Kind::action_update, Kind::member, Kind::meeting});

    // Frames, filters and sorting read nothing; the rows are filtered and sorted again only
    // when a filter or the sort changed.
    reads.clear();
    std::uint64_t rebuilds = screen(h).rebuilds();
    h.frame(3);
    CHECK(screen(h).rebuilds() == rebuilds);
    h.click("actions.filter.overdue_only");
    CHECK(screen(h).rebuilds() == rebuilds + 1);
    h.click("actions.all.col.0");  // sort by title
    CHECK(screen(h).rebuilds() == rebuilds + 2);
    h.frame(3);
    CHECK(screen(h).rebuilds() == rebuilds + 2);
    CHECK(reads.empty());

    // A saved action: the actions again (and the updates, whose rows hang on them), nothing else.
    Action a = h.store().actions(h.shell().model().team_id()).front();
    a.title += " (bijgewerkt)";
    h.store().save_action(a, "test");
    reads.clear();
    h.frame(2);
    std::set<Kind> after;
    for (const auto& r : reads)
        if (r.second == ReadOf::rows) after.insert(r.first);
    CHECK(after == std::set<Kind>{Kind::action, Kind::action_update});
    CHECK(screen(h).rebuilds() == rebuilds + 3);  // once for the new data
    CHECK(h.shell().model().all_actions().action(a.id)->action.title == a.title);
    h.store().set_read_hook(nullptr);
}

TEST_CASE("a figure clicked through to one team's overdue actions keeps the list across all teams", "[screens][actions][all_teams][requests]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    const std::string current = h.shell().model().team_id();
    std::string other;
    for (const Team& t : h.store().teams())
        if (t.id != current && other.empty()) other = t.id;
    ui::request::ListFilter f;
    f.team_id = other;
    f.overdue = true;
    f.all_teams = true;
    h.shell().apply(ui::request::ShowList{ui::ScreenId::actions, f});
    h.frame(3);
    CHECK(h.shell().model().team_id() == current);
    REQUIRE(screen(h).all_teams());
    std::set<std::string> overdue;
    for (const Action& a : h.store().actions(other))
        if (working(a.status) && a.due_on && *a.due_on < "2026-03-15") overdue.insert(a.id);
    REQUIRE_FALSE(overdue.empty());
    CHECK(shown_ids(h) == overdue);

    // Without all_teams: the shell switches to the team, and the team's list shows.
    f.all_teams = false;
    h.shell().apply(ui::request::ShowList{ui::ScreenId::actions, f});
    h.frame(3);
    CHECK(h.shell().model().team_id() == other);
    CHECK_FALSE(screen(h).all_teams());
    CHECK(shown_ids(h) == overdue);
}

// How long a frame of the list across all teams takes on a large database:
//   teamspiegel --db /tmp/big.db demo --teams 40 --years 10      (about 12,000 actions)
//   cp /tmp/big.db /tmp/bench.db
//   TS_BIG_DB=/tmp/bench.db TS_ACTIONS=30000 build/tests/ui_tests "[.bench]"
// With TS_ACTIONS the database is first topped up to that many actions with copies of its own
// (new ids, the same teams, owners and meetings): it writes into the file, so give it a copy.
TEST_CASE("a frame of the list across all teams on a large database", "[.bench]") {
    const char* path = std::getenv("TS_BIG_DB");
    if (!path) return;
    auto store = open_sqlite_store(path);
    if (const char* want = std::getenv("TS_ACTIONS")) {
        const std::int64_t target = std::atoll(want);
        const auto actions = store->all_actions();
        std::int64_t n = store->count(Kind::action);
        store->transaction([&] {
            for (std::size_t i = 0; n < target && !actions.empty(); ++i, ++n) {
                Action copy = actions[i % actions.size()];
                copy.id = new_uuid();
                store->save_action(copy, "bench");
            }
        });
    }
    UiHarness h(std::move(store));
    h.frame(2);
    h.shell().dismiss_question();
    h.shell().show(ui::ScreenId::actions);
    h.frame(2);
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    h.click("actions.all.all_teams");
    h.frame(2);
    const double first = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    h.click("actions.filter.status");
    h.click("actions.status_filter.all");
    h.frame(2);
    const auto n = screen(h).listed(h.shell().model()).size();
    t0 = clock::now();
    constexpr int kFrames = 50;
    h.frame(kFrames);
    const double per_frame = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / kFrames;
    t0 = clock::now();
    h.click("actions.all.col.0");  // sort by title: the rows rebuilt
    const double resort = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    t0 = clock::now();
    h.click("actions.all.col.1");  // by team
    const double by_team = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    t0 = clock::now();
    h.click("actions.filter.overdue_only");
    const double overdue = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    std::cout << n << " actions: the toggle and first read " << first << " ms (2 frames), a frame " << per_frame
              << " ms; a click (its frames) that sorts by title " << resort << " ms, by team " << by_team << " ms, overdue only "
              << overdue << " ms (" << screen(h).visible_rows().size() << " rows)\n";
    CHECK(per_frame < 50);
}

TEST_CASE("the toggle to all teams is reached with Tab and worked with Space", "[screens][actions][all_teams][keyboard]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    h.shell().show(ui::ScreenId::actions);
    h.frame(2);
    // The window has the keyboard once anything in it was used (ImGui tabs within the focused
    // window): here "This team", already chosen. The next Tab is "All teams".
    h.click("actions.all.this_team");
    CHECK_FALSE(screen(h).all_teams());
    h.tab();
    REQUIRE(h.focused("actions.all.all_teams"));
    h.press(h.key(ImGuiKey_Space));
    h.frame(3);
    CHECK(screen(h).all_teams());
    CHECK(h.shell().model().all_actions().loaded);
    // N still opens a new action (of the current team).
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[ui::key::letter('n')] = true;
    io.AddInputCharacter('n');
    h.frame();
    io.KeysDown[ui::key::letter('n')] = false;
    h.frame(3);
    CHECK(screen(h).form_open());
    CHECK(ui::probed_this_frame("actions.all.new_for_team"));
}

TEST_CASE("across all teams the meeting filter names each meeting's team and narrows to its actions", "[screens][actions][all_teams][filter]") {
    UiHarness h;
    load_demo(h, 3);
    h.frame(2);
    show_all_teams(h);
    const auto teams = h.store().teams();
    // Every team's meetings, newest first, each with its team's name.
    const auto every = h.store().all_meetings();
    REQUIRE_FALSE(every.empty());
    h.click("actions.filter.meeting");
    const std::string listed = h.screen_text();
    const MeetingTemplate* kind = h.content().meeting_template(every.front().template_id);
    REQUIRE(kind);
    int named = 0;
    for (const Team& t : teams)
        if (t.id == every.front().team_id) {
            CHECK(UiHarness::screen_has(listed, every.front().held_on + "·" + kind->name.in(Lang::nl) + "·" + t.name));
            ++named;
        }
    CHECK(named == 1);
    h.press(h.key(ImGuiKey_Escape));
    h.frame();

    // One team's newest meeting that agreed actions: those actions, nothing else.
    const Team& team = teams.front();
    std::string meeting_id, held_on;
    std::set<std::string> agreed;
    for (const Meeting& m : h.store().meetings(team.id)) {
        for (const Action& a : h.store().actions(team.id))
            if (a.meeting_id == m.id) agreed.insert(a.id);
        if (!agreed.empty()) {
            meeting_id = m.id;
            held_on = m.held_on;
            break;
        }
    }
    REQUIRE_FALSE(agreed.empty());
    h.click("actions.filter.team");
    h.click("actions.team_filter." + team.name);
    h.click("actions.filter.meeting");
    h.click("actions.meeting_filter." + held_on);
    h.frame();
    CHECK(shown_ids(h) == agreed);
}
