// Issue 12: what the screens read for a team (its rows, the overview's charts over every period,
// the manager overview, a meeting's figures step by step, a record's history, the actions of
// all teams) reads `measure` and `incident` through an index, never every row of them. The
// statements are those the screens really run, driven headless through the shell and caught
// with the store's statement hook; their plans come from the same database (query_plans.hpp).
#include "core/demo.hpp"
#include "core/uuid.hpp"
#include "model/meeting_session.hpp"
#include "query_plans.hpp"
#include "temp_dir.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/requests.hpp"
#include "ui/screen_actions.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ts;
using ts::test::check_plans;
using ts::test::describe;
using ts::test::StatementLog;
using ts::test::UiHarness;

namespace {

// Every screen of the rail, drawn for the current team.
void every_screen(UiHarness& h) {
    for (ui::ScreenId screen : ui::kRailScreens) {
        h.shell().show(screen);
        h.frame(3);
    }
}

// Everything a team's screens read, as a user would make them read it.
void use_every_screen(UiHarness& h) {
    every_screen(h);
    // The team overview over each period, and over one's own.
    h.shell().show(ui::ScreenId::overview);
    h.frame(2);
    for (const char* period : {"last_12_months", "this_year", "last_year", "everything"}) {
        h.click(std::string("overview.overview.period.") + period);
        h.frame(2);
    }
    h.click("overview.overview.period.custom");
    h.click("overview.custom.show");
    h.frame(2);
    // The manager overview over each period.
    h.shell().show(ui::ScreenId::managers);
    h.frame(2);
    for (const char* period : {"this_quarter", "last_quarter", "last_12_months", "this_year"}) {
        h.click(std::string("managers.managers.period.") + period);
        h.frame(2);
    }
    // A record of each list, opened with its change history; a measure opened from elsewhere.
    h.shell().show(ui::ScreenId::measures);
    h.click("measures.row.0");
    h.shell().show(ui::ScreenId::incidents);
    h.click("incidents.row.0");
    h.shell().show(ui::ScreenId::actions);
    h.click("actions.row.0");
    REQUIRE_FALSE(h.shell().model().measures().empty());
    h.shell().apply(ui::request::OpenMeasure{h.shell().model().measures().back().measure.id});
    h.frame(2);
    // The actions of every team.
    h.shell().show(ui::ScreenId::actions);
    h.shell().actions_screen().set_all_teams(true);
    h.frame(3);
    h.shell().actions_screen().set_all_teams(false);
    // A meeting of the team led through every step: the figures of its period, its open
    // actions, its incidents and measures.
    const MeetingTemplate* tpl = h.content().meeting_template("teamreflectie");
    REQUIRE(tpl);
    const Meeting meeting = model::MeetingSession::start(*tpl, h.shell().model().team_id(), "2026-03-15", std::nullopt, new_uuid(),
                                                         "2026-03-15T09:00:00Z");
    h.store().save_meeting(meeting, "test");
    h.frame(2);
    h.shell().show(ui::ScreenId::meeting);
    for (std::size_t step = 0; step < meeting.steps.size(); ++step) {
        REQUIRE(h.shell().meeting_screen().open(h.content(), meeting, step));
        h.frame(3);
    }
    h.shell().meeting_screen().leave();
    h.frame(2);
}

}  // namespace

TEST_CASE("every screen reads measures and incidents of one team through an index", "[plans][perf][screens]") {
    test::TempDir dir("ts-plans");
    const std::string path = dir.file("plans.db");
    UiHarness h(open_sqlite_store(path));
    DemoOptions o;
    o.teams = 3;
    o.years = 2;
    o.end = Date{2026, 3, 1};  // before the pinned "now" (15 March 2026)
    h.store().insert_dataset(generate_demo(o));
    std::vector<std::string> statements;
    {
        const StatementLog log(h.store());
        h.frame(2);
        use_every_screen(h);
        // Another team: its rows read anew, on every screen.
        const std::string first = h.shell().model().team_id();
        for (const Team& t : h.store().teams())
            if (t.id != first) {
                h.shell().apply(ui::request::SwitchTeam{t.id});
                break;
            }
        REQUIRE(h.shell().model().team_id() != first);
        every_screen(h);
        statements = log.statements();
    }
    const auto check = [&](const char* what) {
        INFO(what);
        const test::PlanCheck plans = check_plans(path, statements);
        CHECK(plans.failures == std::vector<std::string>{});  // every statement could be explained
        // The screens read both: a check that sees no statement reading them proves nothing.
        {
            INFO("statements explained:\n" << describe(plans.explained));
            CHECK_FALSE(plans.measure_reads.empty());
            CHECK_FALSE(plans.incident_reads.empty());
        }
        INFO("full scans of measure or incident:\n" << describe(plans.full_scans));
        CHECK(plans.full_scans.empty());
    };
    check("as the program keeps the database");
    // The same once ANALYZE has measured the tables (the program never runs it).
    test::exec_on_file(path, "ANALYZE");
    check("after ANALYZE");
}
