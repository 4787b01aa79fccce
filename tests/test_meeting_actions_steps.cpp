// The meeting's two action steps driven like the room would: the clicker (PageDown/PageUp)
// through last time's actions, the choices clicked, notes and dates typed; new actions typed
// with Enter. The clock is pinned to 15 March 2026, 10:00 UTC; the meeting is held that day.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "model/meeting_session.hpp"
#include "ui/i18n.hpp"
#include "ui/keys.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/probe.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::add_member;
using ts::test::seed;

namespace {

// Teamreflectie: 1 check-in, 2 open actions, 3 incidents, 4 measures, 5 reflection, 6 agree
// actions, 7 close (0-based below).
constexpr std::size_t kOpenActionsStep = 1;
constexpr std::size_t kAgreeActionsStep = 5;

Action add_action(Store& store, const std::string& team_id, const std::string& title, const std::string& owner_id,
                  const std::string& due_on, ActionStatus status, const std::optional<std::string>& meeting_id = std::nullopt) {
    Action a;
    a.id = new_uuid();
    a.team_id = team_id;
    a.meeting_id = meeting_id;
    a.title = title;
    a.owner_id = owner_id;
    a.due_on = due_on;
    a.status = status;
    if (status == ActionStatus::done) a.completed_at = "2026-02-20T12:00:00Z";
    a.created_at = a.updated_at = "2026-01-10T12:00:00Z";
    store.save_action(a, "test");
    return a;
}

Meeting add_meeting(UiHarness& h, const std::string& team_id, const std::string& held_on, MeetingState state) {
    Meeting m = model::MeetingSession::start(*h.content().meeting_template("teamreflectie"), team_id, held_on, std::nullopt, new_uuid(),
                                             held_on + "T09:00:00Z");
    m.state = state;
    h.store().save_meeting(m, "test");
    return m;
}

void add_update(Store& store, const Action& a, const std::string& meeting_id, const std::string& held_on) {
    ActionUpdate u;
    u.id = new_uuid();
    u.action_id = a.id;
    u.meeting_id = meeting_id;
    u.status = ActionStatus::in_progress;
    u.note = "Nog bezig";
    u.created_at = u.updated_at = held_on + "T11:00:00Z";
    store.save_action_update(u, "test");
}

// The updates of `action_id` given in `meeting_id`, as stored.
std::vector<ActionUpdate> updates_in(Store& store, const std::string& team_id, const std::string& action_id, const std::string& meeting_id) {
    std::vector<ActionUpdate> out;
    for (const auto& u : store.action_updates(team_id))
        if (u.action_id == action_id && u.meeting_id == meeting_id) out.push_back(u);
    return out;
}

std::vector<Action> agreed_in(Store& store, const std::string& team_id, const std::string& meeting_id) {
    std::vector<Action> out;
    for (const auto& a : store.actions(team_id))
        if (a.meeting_id == meeting_id) out.push_back(a);
    return out;
}

std::string replaced(std::string text, const std::string& what, const std::string& with) {
    text.replace(text.find(what), what.size(), with);
    return text;
}

void open_at(UiHarness& h, const Meeting& m, std::size_t step) {
    h.shell().show(ui::ScreenId::meeting);
    h.frame();
    REQUIRE(h.shell().meeting_screen().open(h.content(), m, step));
    h.frame(2);
}

std::size_t current_step(UiHarness& h) { return h.shell().meeting_screen().session()->step(); }

// Last time's actions: A overdue (due 1 March), C due soon, B stale (reviewed in three
// meetings), and one done before (not on the list).
struct OpenActions {
    Setup s;
    std::string joost;
    Meeting meeting;
    Action a, b, c;
};

OpenActions open_actions_fixture(UiHarness& h) {
    OpenActions f;
    f.s = seed(h);
    f.joost = add_member(h.store(), f.s.team_id, "Joost K.");
    const Meeting m1 = add_meeting(h, f.s.team_id, "2026-01-10", MeetingState::closed);
    const Meeting m2 = add_meeting(h, f.s.team_id, "2026-02-05", MeetingState::closed);
    const Meeting m3 = add_meeting(h, f.s.team_id, "2026-02-26", MeetingState::closed);
    f.a = add_action(h.store(), f.s.team_id, "Rooster avonddienst aanpassen", f.s.member_id, "2026-03-01", ActionStatus::open, m1.id);
    f.b = add_action(h.store(), f.s.team_id, "Time-outruimte opnieuw inrichten", f.joost, "2026-04-01", ActionStatus::in_progress, m1.id);
    f.c = add_action(h.store(), f.s.team_id, "Ouderavond plannen", f.joost, "2026-03-20", ActionStatus::open);
    add_action(h.store(), f.s.team_id, "Al lang klaar", f.joost, "2026-02-01", ActionStatus::done, m1.id);
    for (const Meeting* m : {&m1, &m2, &m3}) add_update(h.store(), f.b, m->id, m->held_on);
    f.meeting = add_meeting(h, f.s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, f.meeting, kOpenActionsStep);
    return f;
}

// The windows of the last frame whose items reach past their right edge (as test_zoom.cpp).
std::vector<std::string> overflowing_windows() {
    std::vector<std::string> out;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden) continue;
        if ((w->Flags & ImGuiWindowFlags_ChildWindow) && w->WindowBorderSize > 0 && !(w->Flags & ImGuiWindowFlags_AlwaysUseWindowPadding))
            continue;
        if (!w->ScrollbarX && w->DC.CursorMaxPos.x > w->WorkRect.Max.x + 1.0f + (w->ScrollbarY ? g.Style.ScrollbarSize : 0.0f)) {
            std::ostringstream why;
            why << w->Name << " has items up to x " << w->DC.CursorMaxPos.x << ", its inner right edge is " << w->WorkRect.Max.x;
            out.push_back(why.str());
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the clicker walks through last time's actions one at a time and then to the next step", "[meeting][open_actions]") {
    UiHarness h;
    const OpenActions f = open_actions_fixture(h);
    const std::string of = h.tr("meeting.open_actions.of");
    // By due date: A (1 March, overdue), C (20 March), B (1 April, stale). The done one is not there.
    CHECK(h.drew(f.a.title));
    CHECK(h.drew(replaced(replaced(of, "{0}", "1"), "{1}", "3")));
    for (int k = 1; k <= 3; ++k) CHECK(ui::probed_this_frame("meeting.open_actions.strip." + std::to_string(k)));
    CHECK_FALSE(ui::probed_this_frame("meeting.open_actions.strip.4"));
    CHECK(ui::probed_this_frame("meeting.open_actions.overdue"));
    CHECK_FALSE(ui::probed_this_frame("meeting.open_actions.stale"));
    CHECK_FALSE(h.shows("Al lang klaar"));

    h.press(ui::key::page_down);
    CHECK(h.drew(f.c.title));
    CHECK(h.drew(replaced(replaced(of, "{0}", "2"), "{1}", "3")));
    CHECK_FALSE(ui::probed_this_frame("meeting.open_actions.overdue"));
    CHECK_FALSE(ui::probed_this_frame("meeting.open_actions.stale"));
    CHECK(current_step(h) == kOpenActionsStep);

    h.press(ui::key::page_down);
    CHECK(h.drew(f.b.title));
    CHECK(ui::probed_this_frame("meeting.open_actions.stale"));
    CHECK(h.shows(replaced(h.tr("meeting.open_actions.stale"), "{0}", "3")));
    CHECK_FALSE(ui::probed_this_frame("meeting.open_actions.overdue"));
    CHECK(current_step(h) == kOpenActionsStep);

    // After the last action the clicker moves the meeting on; back comes to the last action.
    h.press(ui::key::page_down);
    CHECK(current_step(h) == kOpenActionsStep + 1);
    h.press(ui::key::page_up);
    CHECK(current_step(h) == kOpenActionsStep);
    CHECK(h.drew(f.b.title));
    h.press(ui::key::page_up);
    h.press(ui::key::page_up);
    CHECK(h.drew(f.a.title));
    h.press(ui::key::page_up);
    CHECK(current_step(h) == kOpenActionsStep - 1);
}

TEST_CASE("done continue and drop are stored as updates of this meeting with the action's new status", "[meeting][open_actions]") {
    UiHarness h;
    const OpenActions f = open_actions_fixture(h);
    Store& st = h.store();
    const std::string& team = f.s.team_id;
    const std::string& mid = f.meeting.id;

    // A: done. The completion time is now; the update belongs to this meeting.
    h.click("meeting.open_actions.note");
    h.type("Nieuw rooster hangt");
    h.click("meeting.open_actions.done");
    auto a = st.action(f.a.id);
    REQUIRE(a);
    CHECK(a->status == ActionStatus::done);
    CHECK(a->completed_at == std::optional<std::string>("2026-03-15T10:00:00Z"));
    auto ua = updates_in(st, team, f.a.id, mid);
    REQUIRE(ua.size() == 1);
    CHECK(ua[0].status == ActionStatus::done);
    CHECK(ua[0].note == "Nieuw rooster hangt");
    // It stays on the list, marked done.
    h.frame();
    CHECK(h.drew(f.a.title));
    CHECK(h.shows(replaced(h.tr("meeting.open_actions.decided"), "{0}", h.tr("meeting.open_actions.state.done"))));

    // C: continues, with a new due date typed (PageDown works while the note is being typed).
    h.click("meeting.open_actions.note");
    h.press(ui::key::page_down);
    REQUIRE(h.drew(f.c.title));
    h.frame();  // the cursor moves to this action's note
    h.type("Na de voorjaarsvakantie");
    h.click("meeting.open_actions.due");
    h.select_all();
    h.type("2026-04-12");
    h.click("meeting.open_actions.carry_on");
    auto c = st.action(f.c.id);
    REQUIRE(c);
    CHECK(c->status == ActionStatus::open);
    CHECK(c->due_on == std::optional<std::string>("2026-04-12"));
    CHECK_FALSE(c->completed_at);
    auto uc = updates_in(st, team, f.c.id, mid);
    REQUIRE(uc.size() == 1);
    CHECK(uc[0].note == "Na de voorjaarsvakantie");
    CHECK(uc[0].status == ActionStatus::open);

    // B: dropping without a reason is refused and changes nothing; with one it is dropped.
    h.press(ui::key::page_down);
    REQUIRE(h.drew(f.b.title));
    h.click("meeting.open_actions.drop");
    h.frame();
    CHECK(h.shows(h.tr("meeting.open_actions.reason_required")));
    CHECK(st.action(f.b.id)->status == ActionStatus::in_progress);
    CHECK(updates_in(st, team, f.b.id, mid).empty());
    h.click("meeting.open_actions.note");
    h.type("Verbouwing gaat niet door");
    h.click("meeting.open_actions.drop");
    CHECK(st.action(f.b.id)->status == ActionStatus::dropped);
    auto ub = updates_in(st, team, f.b.id, mid);
    REQUIRE(ub.size() == 1);
    CHECK(ub[0].status == ActionStatus::dropped);
    CHECK(ub[0].note == "Verbouwing gaat niet door");
    h.frame();
    CHECK_FALSE(h.shows(h.tr("meeting.open_actions.reason_required")));

    // A again: continued after all (back to open, no completion time), then done again. One
    // update of this meeting all along, keeping its id.
    h.click("meeting.open_actions.strip.1");
    REQUIRE(h.drew(f.a.title));
    h.click("meeting.open_actions.carry_on");
    a = st.action(f.a.id);
    CHECK(a->status == ActionStatus::open);
    CHECK_FALSE(a->completed_at);
    auto again = updates_in(st, team, f.a.id, mid);
    REQUIRE(again.size() == 1);
    CHECK(again[0].id == ua[0].id);
    CHECK(again[0].status == ActionStatus::open);
    h.click("meeting.open_actions.done");
    CHECK(st.action(f.a.id)->status == ActionStatus::done);
    again = updates_in(st, team, f.a.id, mid);
    REQUIRE(again.size() == 1);
    CHECK(again[0].status == ActionStatus::done);
    // B's three earlier updates are untouched.
    int b_updates = 0;
    for (const auto& u : st.action_updates(team)) b_updates += u.action_id == f.b.id;
    CHECK(b_updates == 4);
}

TEST_CASE("a new due date that is no date is refused and stores nothing", "[meeting][open_actions]") {
    UiHarness h;
    const OpenActions f = open_actions_fixture(h);
    h.click("meeting.open_actions.due");
    h.select_all();
    h.type("volgende week");
    h.click("meeting.open_actions.carry_on");
    h.frame();
    CHECK(h.shows(h.tr("form.date_unknown")));
    const auto a = h.store().action(f.a.id);
    CHECK(a->due_on == std::optional<std::string>("2026-03-01"));
    CHECK(a->status == ActionStatus::open);
    CHECK(updates_in(h.store(), f.s.team_id, f.a.id, f.meeting.id).empty());
}

TEST_CASE("new actions are typed with Enter one after another with owner due date and meeting", "[meeting][agree_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const std::string joost = add_member(h.store(), s.team_id, "Joost K.");
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kAgreeActionsStep);

    // The owner first, then the title and Enter.
    h.click("meeting.agree.owner");
    h.frame(2);
    h.click("meeting.agree.owner.Joost K.");
    h.click("meeting.agree.title");
    h.type("Nachtrooster bespreken met de gedragswetenschapper");
    h.press(h.key(ImGuiKey_Enter));
    auto agreed = agreed_in(h.store(), s.team_id, m.id);
    REQUIRE(agreed.size() == 1);
    CHECK(agreed[0].title == "Nachtrooster bespreken met de gedragswetenschapper");
    CHECK(agreed[0].owner_id == std::optional<std::string>(joost));
    CHECK(agreed[0].due_on == std::optional<std::string>("2026-03-29"));  // two weeks after the meeting
    CHECK(agreed[0].status == ActionStatus::open);
    CHECK(agreed[0].team_id == s.team_id);
    CHECK_FALSE(agreed[0].completed_at);

    // The cursor is back in the empty title: the next one is typed right away.
    h.frame(2);
    h.type("Ouders uitnodigen");
    h.press(h.key(ImGuiKey_Enter));
    agreed = agreed_in(h.store(), s.team_id, m.id);
    REQUIRE(agreed.size() == 2);
    const auto second = std::find_if(agreed.begin(), agreed.end(), [](const Action& a) { return a.title == "Ouders uitnodigen"; });
    REQUIRE(second != agreed.end());
    CHECK_FALSE(second->owner_id);  // the owner is chosen anew for each action
    CHECK(second->due_on == std::optional<std::string>("2026-03-29"));
    CHECK(second->meeting_id == std::optional<std::string>(m.id));
    h.frame();
    CHECK(h.drew(ui::trn("meeting.agree.agreed", 2)));
    // Not last time's actions: the open-actions step of this meeting does not list them.
    open_at(h, m, kOpenActionsStep);
    CHECK(h.drew(h.tr("meeting.open_actions.none")));
}

TEST_CASE("a new action without a title or with an unknown date is refused with a message and nothing stored", "[meeting][agree_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kAgreeActionsStep);

    h.click("meeting.agree.add");
    h.frame();
    CHECK(h.refused("title", "error.required"));
    CHECK(agreed_in(h.store(), s.team_id, m.id).empty());
    // Enter in the empty title: the same.
    h.click("meeting.agree.title");
    h.press(h.key(ImGuiKey_Enter));
    h.frame();
    CHECK(h.refused("title", "error.required"));
    CHECK(agreed_in(h.store(), s.team_id, m.id).empty());

    h.click("meeting.agree.due");
    h.select_all();
    h.type("eind april");
    h.click("meeting.agree.title");
    h.type("Evaluatie plannen");
    h.press(h.key(ImGuiKey_Enter));
    h.frame();
    CHECK(h.refused("due_on", "error.date_invalid"));
    CHECK_FALSE(h.refused("title", "error.required"));
    CHECK(agreed_in(h.store(), s.team_id, m.id).empty());

    // Fixed: stored, and the message is gone.
    h.click("meeting.agree.due");
    h.select_all();
    h.type("2026-04-30");
    h.click("meeting.agree.add");
    const auto agreed = agreed_in(h.store(), s.team_id, m.id);
    REQUIRE(agreed.size() == 1);
    CHECK(agreed[0].title == "Evaluatie plannen");
    CHECK(agreed[0].due_on == std::optional<std::string>("2026-04-30"));
    h.frame();
    CHECK(h.refused_fields().empty());
}

TEST_CASE("an action agreed in the meeting is removed only after a second click", "[meeting][agree_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kAgreeActionsStep);
    h.click("meeting.agree.title");
    h.type("Sleutelplan nalopen");
    h.press(h.key(ImGuiKey_Enter));
    REQUIRE(agreed_in(h.store(), s.team_id, m.id).size() == 1);

    h.click("meeting.agree.remove.0");
    CHECK(agreed_in(h.store(), s.team_id, m.id).size() == 1);
    h.click("meeting.agree.remove_no.0");
    CHECK(agreed_in(h.store(), s.team_id, m.id).size() == 1);
    h.click("meeting.agree.remove.0");
    h.click("meeting.agree.remove_yes.0");
    CHECK(agreed_in(h.store(), s.team_id, m.id).empty());
}

TEST_CASE("an action agreed in the meeting can be changed from the list", "[meeting][agree_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kAgreeActionsStep);
    h.click("meeting.agree.title");
    h.type("Sleutelplan nalopen");
    h.press(h.key(ImGuiKey_Enter));
    REQUIRE(agreed_in(h.store(), s.team_id, m.id).size() == 1);
    const std::string id = agreed_in(h.store(), s.team_id, m.id)[0].id;

    h.click("meeting.agree.edit.0");
    h.frame(2);  // the cursor moves to the title
    h.select_all();
    h.type("Sleutelplan en noodprocedure nalopen");
    h.press(h.key(ImGuiKey_Enter));
    const auto agreed = agreed_in(h.store(), s.team_id, m.id);
    REQUIRE(agreed.size() == 1);
    CHECK(agreed[0].id == id);
    CHECK(agreed[0].title == "Sleutelplan en noodprocedure nalopen");
}

TEST_CASE("the action steps fit a 1920 by 1080 screen at zoom 100 150 and 200 percent", "[meeting][zoom]") {
    UiHarness h;
    const OpenActions f = open_actions_fixture(h);
    // An action agreed in this meeting, with a link, so the list under the form shows one.
    Action agreed = add_action(h.store(), f.s.team_id, "Afspraken over de time-out vastleggen in het teamplan", f.joost, "2026-03-29",
                               ActionStatus::open, f.meeting.id);
    agreed.guideline_ref = h.content().guideline.building_blocks.front().id;
    h.store().save_action(agreed, "test");
    for (const Lang lang : {Lang::nl, Lang::en})
        for (int zoom : {100, 150, 200}) {
            h.shell().set_language(lang);
            h.shell().set_zoom_pct(zoom);
            for (std::size_t step : {kOpenActionsStep, kAgreeActionsStep}) {
                open_at(h, f.meeting, step);
                h.frame(3);
                INFO("step " << step + 1 << " at " << zoom << " % in " << to_string(lang));
                CHECK(overflowing_windows() == std::vector<std::string>{});
            }
            // The stale action, with its history.
            open_at(h, f.meeting, kOpenActionsStep);
            h.press(ui::key::page_down);
            h.press(ui::key::page_down);
            h.frame(2);
            INFO("the stale action at " << zoom << " %");
            CHECK(overflowing_windows() == std::vector<std::string>{});
        }
}

TEST_CASE("an action's incident shows as its day and category and its youth codes only outside privacy mode", "[meeting][open_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    Incident i;
    i.id = new_uuid();
    i.team_id = s.team_id;
    i.occurred_at = "2026-03-02T20:15:00Z";
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.youth_ids = {s.youth_id};
    i.description = "Schopte tegen de deur van de time-outruimte.";
    i.created_at = i.updated_at = "2026-03-02T21:00:00Z";
    h.store().save_incident(i, "test");
    Action a = add_action(h.store(), s.team_id, "Nabespreking met de jongere", s.member_id, "2026-03-30", ActionStatus::open);
    a.incident_id = i.id;
    h.store().save_action(a, "test");
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kOpenActionsStep);

    const std::string category = h.content().incident_category(i.category)->name.in(Lang::nl);
    REQUIRE(h.drew(a.title));
    CHECK(h.shows(category));
    CHECK(h.shows("2026-03-02"));
    CHECK_FALSE(h.shows("J-07"));
    CHECK_FALSE(h.shows("Schopte"));
    h.press(ui::key::letter('p'));  // privacy off
    REQUIRE_FALSE(h.shell().meeting_screen().session()->privacy());
    CHECK(h.shows("J-07"));
    CHECK_FALSE(h.shows("Schopte"));
}

TEST_CASE("a new action is linked to a building block and the link stays for the next one", "[meeting][agree_actions]") {
    UiHarness h;
    const Setup s = seed(h);
    const Meeting m = add_meeting(h, s.team_id, "2026-03-15", MeetingState::running);
    open_at(h, m, kAgreeActionsStep);
    const BuildingBlock& block = h.content().guideline.building_blocks.at(1);
    h.click("meeting.agree.link");
    h.frame(2);
    h.click("meeting.agree.link." + block.id);
    h.click("meeting.agree.title");
    h.type("Veiligheidsplan per jongere");
    h.press(h.key(ImGuiKey_Enter));
    h.frame(2);
    h.type("Evaluatie na zes weken");
    h.press(h.key(ImGuiKey_Enter));
    const auto agreed = agreed_in(h.store(), s.team_id, m.id);
    REQUIRE(agreed.size() == 2);
    for (const auto& a : agreed) {
        CHECK(a.guideline_ref == std::optional<std::string>(block.id));
        CHECK_FALSE(a.incident_id);
    }
}
