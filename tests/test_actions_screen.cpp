// The actions screen driven like a person would: clicks and typed text through ImGui. The
// clock is pinned to 15 March 2026, 10:00 UTC.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui/screen_actions.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::add_member;
using ts::test::seed;

namespace {

Action add_action(Store& store, const std::string& team_id, const std::string& title, const std::string& owner_id,
                  const std::string& due_on, ActionStatus status = ActionStatus::open,
                  const std::string& created_at = "2026-02-01T09:00:00Z") {
    Action a;
    a.id = new_uuid();
    a.team_id = team_id;
    a.title = title;
    a.owner_id = owner_id;
    a.due_on = due_on;
    a.status = status;
    if (status == ActionStatus::done) a.completed_at = "2026-02-20T12:00:00Z";
    a.created_at = a.updated_at = created_at;
    store.save_action(a, "test");
    return a;
}

std::string add_meeting(Store& store, const std::string& team_id, const std::string& held_on) {
    Meeting m;
    m.id = new_uuid();
    m.team_id = team_id;
    m.template_id = "teamreflectie";
    m.held_on = held_on;
    m.state = MeetingState::closed;
    m.created_at = m.updated_at = held_on + "T12:00:00Z";
    store.save_meeting(m, "test");
    return m.id;
}

void add_update(Store& store, const Action& a, const std::string& meeting_id, const std::string& held_on, const std::string& note) {
    ActionUpdate u;
    u.id = new_uuid();
    u.action_id = a.id;
    u.meeting_id = meeting_id;
    u.status = ActionStatus::in_progress;
    u.note = note;
    u.created_at = u.updated_at = held_on + "T11:00:00Z";
    store.save_action_update(u, "test");
}

ui::ActionsScreen& screen(UiHarness& h) { return h.shell().actions_screen(); }

// The titles of the rows the list shows, top to bottom.
std::vector<std::string> shown_titles(UiHarness& h) {
    std::vector<std::string> out;
    const auto& all = h.shell().model().actions();
    for (std::size_t i : screen(h).visible_rows()) out.push_back(all[i].action.title);
    return out;
}

std::size_t times_drawn(const std::string& text) {
    const auto& texts = ui::probed_texts();
    return static_cast<std::size_t>(std::count(texts.begin(), texts.end(), text));
}

}  // namespace

TEST_CASE("an action is entered through the form by clicks and typing and appears in the list", "[screens][actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const std::string kevin = add_member(h.store(), s.team_id, "Kevin H.");
    const std::string recommendation = h.content().guideline.building_blocks.front().recommendations.front().id;
    h.click("nav.actions");
    h.click("actions.new");
    REQUIRE(screen(h).form_open());
    h.click("actions.field.title");
    h.type("Overdracht eerder starten");
    h.click("actions.field.description");
    h.type("Bij de avonddienst om 15:00.");
    h.click("actions.field.owner");
    h.click("actions.owner.Kevin H.");
    h.click("actions.field.due");
    h.type("2026-04-01");
    h.click("actions.field.guideline");
    h.click("actions.guideline." + recommendation);
    h.click("actions.save");

    CHECK_FALSE(screen(h).form_open());
    const auto stored = h.store().actions(s.team_id);
    REQUIRE(stored.size() == 1);
    const Action& a = stored.front();
    CHECK(a.title == "Overdracht eerder starten");
    CHECK(a.description == "Bij de avonddienst om 15:00.");
    CHECK(a.owner_id == std::optional<std::string>(kevin));
    CHECK(a.due_on == std::optional<std::string>("2026-04-01"));
    CHECK(a.status == ActionStatus::open);
    CHECK(a.guideline_ref == std::optional<std::string>(recommendation));
    CHECK_FALSE(a.completed_at);
    CHECK_FALSE(a.meeting_id);
    CHECK(a.created_at == "2026-03-15T10:00:00Z");
    // In the list; its history says who created it.
    h.frame(2);
    CHECK(shown_titles(h) == std::vector<std::string>{"Overdracht eerder starten"});
    CHECK(h.drew("Kevin H."));
    const auto history = h.store().changes("action", a.id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].field == "created");
    CHECK(history[0].changed_by == "Sanne B.");
}

TEST_CASE("an action without a title is refused and nothing is stored", "[screens][actions]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.actions");
    h.click("actions.new");
    h.click("actions.field.due");
    h.type("2026-04-01");
    h.click("actions.save");
    h.frame();
    CHECK(screen(h).form_open());
    CHECK(h.store().actions(s.team_id).empty());
    CHECK(h.refused("title", "error.required"));
}

TEST_CASE("the action list filters by owner and by overdue", "[screens][actions][filter]") {
    UiHarness h;
    const Setup s = seed(h);
    const std::string kevin = add_member(h.store(), s.team_id, "Kevin H.");
    add_action(h.store(), s.team_id, "Sanne te laat", s.member_id, "2026-03-01");
    add_action(h.store(), s.team_id, "Kevin te laat", kevin, "2026-03-10", ActionStatus::in_progress);
    add_action(h.store(), s.team_id, "Kevin op tijd", kevin, "2026-04-01");
    add_action(h.store(), s.team_id, "Kevin klaar", kevin, "2026-03-01", ActionStatus::done);  // past due, but done
    add_action(h.store(), s.team_id, "Kevin vandaag", kevin, "2026-03-15");                    // due today: not yet late
    h.click("nav.actions");
    h.frame(2);
    // The working ones, soonest due first.
    CHECK(shown_titles(h) == std::vector<std::string>{"Sanne te laat", "Kevin te laat", "Kevin vandaag", "Kevin op tijd"});
    CHECK(times_drawn("▲ te laat") == 2);

    h.click("actions.filter.owner");
    h.click("actions.owner_filter.Kevin H.");
    h.frame();
    CHECK(shown_titles(h) == std::vector<std::string>{"Kevin te laat", "Kevin vandaag", "Kevin op tijd"});
    h.click("actions.filter.overdue_only");
    h.frame();
    CHECK(shown_titles(h) == std::vector<std::string>{"Kevin te laat"});
    h.click("actions.filter.owner");
    h.click("actions.owner_filter.all");
    h.frame();
    CHECK(shown_titles(h) == std::vector<std::string>{"Sanne te laat", "Kevin te laat"});
    // Every status: the done one shows, and is not overdue.
    h.click("actions.filter.overdue_only");
    h.click("actions.filter.status");
    h.click("actions.status_filter.done");
    h.frame();
    CHECK(shown_titles(h) == std::vector<std::string>{"Kevin klaar"});
}

TEST_CASE("the action list filters by building block and by the meeting that agreed it", "[screens][actions][filter]") {
    UiHarness h;
    const Setup s = seed(h);
    const auto& blocks = h.content().guideline.building_blocks;
    REQUIRE(blocks.size() >= 2);
    const BuildingBlock &first = blocks[0], &second = blocks[1];
    REQUIRE_FALSE(first.recommendations.empty());
    REQUIRE_FALSE(second.topics.empty());
    const std::string february = add_meeting(h.store(), s.team_id, "2026-02-09");
    const std::string march = add_meeting(h.store(), s.team_id, "2026-03-09");
    auto linked = [&](const std::string& title, const std::string& due, std::optional<std::string> ref,
                      std::optional<std::string> meeting) {
        Action a = add_action(h.store(), s.team_id, title, s.member_id, due);
        a.guideline_ref = std::move(ref);
        a.meeting_id = std::move(meeting);
        h.store().save_action(a, "test");
    };
    // Linked to the first block by one of its core recommendations, to the block itself, to a
    // topic of the second block, and to nothing.
    linked("Aanbeveling eerste blok", "2026-04-01", first.recommendations.front().id, february);
    linked("Eerste blok zelf", "2026-04-02", first.id, march);
    linked("Onderwerp tweede blok", "2026-04-03", second.topics.front().id, march);
    linked("Nergens bij", "2026-04-04", std::nullopt, std::nullopt);
    h.click("nav.actions");
    h.frame(2);
    using Titles = std::vector<std::string>;
    CHECK(shown_titles(h) == Titles{"Aanbeveling eerste blok", "Eerste blok zelf", "Onderwerp tweede blok", "Nergens bij"});

    h.click("actions.filter.block");
    h.click("actions.block_filter." + first.id);
    h.frame();
    CHECK(shown_titles(h) == Titles{"Aanbeveling eerste blok", "Eerste blok zelf"});
    h.click("actions.filter.block");
    h.click("actions.block_filter." + second.id);
    h.frame();
    CHECK(shown_titles(h) == Titles{"Onderwerp tweede blok"});
    // And the meeting: with the second block, only the March meeting's action of that block.
    h.click("actions.filter.meeting");
    h.click("actions.meeting_filter.2026-03-09");
    h.frame();
    CHECK(shown_titles(h) == Titles{"Onderwerp tweede blok"});
    h.click("actions.filter.block");
    h.click("actions.block_filter.all");
    h.frame();
    CHECK(shown_titles(h) == Titles{"Eerste blok zelf", "Onderwerp tweede blok"});
    h.click("actions.filter.meeting");
    h.click("actions.meeting_filter.2026-02-09");
    h.frame();
    CHECK(shown_titles(h) == Titles{"Aanbeveling eerste blok"});
    h.click("actions.filter.meeting");
    h.click("actions.meeting_filter.all");
    h.frame();
    CHECK(shown_titles(h).size() == 4);
}

TEST_CASE("marking an action done sets its completion time and reopening clears it", "[screens][actions][done]") {
    UiHarness h;
    const Setup s = seed(h);
    const Action a = add_action(h.store(), s.team_id, "Signaleringsplannen bijwerken", s.member_id, "2026-04-01");
    h.click("nav.actions");
    h.click("actions.row.0");
    REQUIRE(screen(h).form_open());
    h.click("actions.status.done");
    CHECK(h.shows(h.tr("actions.completes_on_save")));
    h.click("actions.save");
    auto stored = h.store().action(a.id);
    REQUIRE(stored);
    CHECK(stored->status == ActionStatus::done);
    CHECK(stored->completed_at == std::optional<std::string>("2026-03-15T10:00:00Z"));

    // Done leaves the working list; every status shows it again, to reopen it.
    h.frame(2);
    CHECK(screen(h).visible_rows().empty());
    h.click("actions.filter.status");
    h.click("actions.status_filter.all");
    h.click("actions.row.0");
    h.frame();
    CHECK(h.shows("Klaar sinds 2026-03-15 10:00"));
    h.click("actions.status.in_progress");
    CHECK(h.shows(h.tr("actions.reopens_on_save")));
    h.click("actions.save");
    stored = h.store().action(a.id);
    REQUIRE(stored);
    CHECK(stored->status == ActionStatus::in_progress);
    CHECK_FALSE(stored->completed_at);
    // Both in the change history.
    const auto history = h.store().changes("action", a.id);
    std::vector<std::string> fields;
    for (const auto& c : history) fields.push_back(c.field);
    CHECK(fields == std::vector<std::string>{"created", "status", "completed_at", "status", "completed_at"});
}

TEST_CASE("an action reviewed in three meetings without being done is marked stale", "[screens][actions][stale]") {
    UiHarness h;
    const Setup s = seed(h);
    const Action stuck = add_action(h.store(), s.team_id, "Vastgelopen actie", s.member_id, "2026-04-01", ActionStatus::in_progress);
    const Action twice = add_action(h.store(), s.team_id, "Twee overleggen", s.member_id, "2026-04-02", ActionStatus::in_progress);
    const std::vector<std::string> days{"2026-01-12", "2026-02-09", "2026-03-09"};
    std::vector<std::string> meetings;
    for (const auto& d : days) meetings.push_back(add_meeting(h.store(), s.team_id, d));
    for (std::size_t k = 0; k < 3; ++k) add_update(h.store(), stuck, meetings[k], days[k], "Nog niet gelukt " + std::to_string(k + 1));
    // Three updates too, but in two meetings: not stale.
    add_update(h.store(), twice, meetings[0], days[0], "a");
    add_update(h.store(), twice, meetings[1], days[1], "b");
    add_update(h.store(), twice, meetings[1], "2026-02-10", "c");
    h.click("nav.actions");
    h.frame(2);
    CHECK(shown_titles(h) == std::vector<std::string>{"Vastgelopen actie", "Twee overleggen"});
    CHECK(times_drawn("↻ vastgelopen") == 1);
    h.click("actions.filter.stale_only");
    h.frame();
    CHECK(shown_titles(h) == std::vector<std::string>{"Vastgelopen actie"});

    // Its form shows the updates, newest first, with the meeting's date, and why it is stale.
    h.click("actions.row.0");
    REQUIRE(screen(h).form_open());
    h.frame();
    CHECK(h.shows("besproken in 3 overleggen"));
    CHECK(ui::probed_this_frame("actions.update.2"));
    CHECK(h.drew("Nog niet gelukt 3"));
    CHECK(h.drew("2026-03-09"));
}

TEST_CASE("editing an action keeps a change history shown under the form", "[screens][actions][history]") {
    UiHarness h;
    const Setup s = seed(h);
    const Action a = add_action(h.store(), s.team_id, "Eerste titel", s.member_id, "2026-04-01");
    h.click("nav.actions");
    h.click("actions.row.0");
    h.click("actions.field.title");
    h.select_all();
    h.type("Tweede titel");
    h.click("actions.field.due");
    h.select_all();
    h.type("2026-04-15");
    h.click("actions.save");
    const auto stored = h.store().action(a.id);
    REQUIRE(stored);
    CHECK(stored->title == "Tweede titel");
    CHECK(stored->due_on == std::optional<std::string>("2026-04-15"));
    CHECK(stored->owner_id == std::optional<std::string>(s.member_id));  // untouched
    const auto history = h.store().changes("action", a.id);
    REQUIRE(history.size() == 3);
    CHECK(history[1].field == "title");
    CHECK(history[1].old_value == std::optional<std::string>("Eerste titel"));
    CHECK(history[1].new_value == std::optional<std::string>("Tweede titel"));
    CHECK(history[1].changed_by == "Sanne B.");
    CHECK(history[2].field == "due_on");
    // Opened again: the history is under the form, as people read it.
    h.frame(2);
    h.click("actions.row.0");
    h.frame();
    CHECK(h.drew("Eerste titel  →  Tweede titel"));
    CHECK(h.drew("2026-04-01  →  2026-04-15"));
}

TEST_CASE("the action list sorts by a click on a column header", "[screens][actions][sort]") {
    UiHarness h;
    const Setup s = seed(h);
    const std::string kevin = add_member(h.store(), s.team_id, "Kevin H.");
    add_action(h.store(), s.team_id, "Bravo", s.member_id, "2026-03-18", ActionStatus::open, "2026-02-01T09:00:00Z");
    add_action(h.store(), s.team_id, "Alfa", kevin, "2026-04-10", ActionStatus::in_progress, "2026-01-10T09:00:00Z");
    add_action(h.store(), s.team_id, "Charlie", kevin, "2026-03-25", ActionStatus::open, "2026-01-20T09:00:00Z");
    add_action(h.store(), s.team_id, "Delta", s.member_id, "2026-03-20", ActionStatus::in_progress, "2026-02-05T09:00:00Z");
    h.click("nav.actions");
    h.frame(2);
    using Titles = std::vector<std::string>;
    CHECK(shown_titles(h) == Titles{"Bravo", "Delta", "Charlie", "Alfa"});  // due date, soonest first
    h.click("actions.col.0");  // title
    h.frame();
    CHECK(shown_titles(h) == Titles{"Alfa", "Bravo", "Charlie", "Delta"});
    h.click("actions.col.0");  // again: the other way round
    h.frame();
    CHECK(shown_titles(h) == Titles{"Delta", "Charlie", "Bravo", "Alfa"});
    h.click("actions.col.3");  // status: open before in progress, then by due date
    h.frame();
    CHECK(shown_titles(h) == Titles{"Bravo", "Charlie", "Delta", "Alfa"});
    h.click("actions.col.4");  // the day it was agreed (here: created)
    h.frame();
    CHECK(shown_titles(h) == Titles{"Alfa", "Charlie", "Bravo", "Delta"});
    h.click("actions.col.1");  // owner: Kevin H. before Sanne B., then by due date
    h.frame();
    CHECK(shown_titles(h) == Titles{"Charlie", "Alfa", "Bravo", "Delta"});
    h.click("actions.col.2");  // due date again
    h.frame();
    CHECK(shown_titles(h) == Titles{"Bravo", "Delta", "Charlie", "Alfa"});
}

TEST_CASE("deleting an action asks first and the history keeps that it was deleted", "[screens][actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const Action a = add_action(h.store(), s.team_id, "Weg ermee", s.member_id, "2026-04-01");
    h.click("nav.actions");
    h.click("actions.row.0");
    h.click("actions.delete");
    CHECK(h.store().action(a.id));  // only asked so far
    h.click("confirm##delete");
    CHECK_FALSE(h.store().action(a.id));
    CHECK_FALSE(screen(h).form_open());
    const auto history = h.store().changes("action", a.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "deleted");
}

TEST_CASE("an open action form survives a visit to another screen and N opens a new one", "[screens][actions][keyboard]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.actions");
    h.press(ui::key::letter('n'));  // N: a new action
    REQUIRE(screen(h).form_open());
    h.click("actions.field.title");
    h.type("Half getypt");
    h.press(h.key(ImGuiKey_Escape));  // leaves the field
    h.click("nav.measures");
    h.click("nav.actions");
    REQUIRE(screen(h).form_open());
    h.click("actions.save");
    const auto stored = h.store().actions(s.team_id);
    REQUIRE(stored.size() == 1);
    CHECK(stored.front().title == "Half getypt");
}
