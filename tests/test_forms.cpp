// The record forms as people use them (issue 8): keyboard only, fields that stay where they
// are, live validation, a discard dialog that keeps work by default, long texts.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::seed;

namespace {


// N as a keyboard sends it: the key, and the letter it types, in the same frame; then the
// frames the window draws after input (window.cpp, kFramesAfterInput) before the next key.
void press_n(UiHarness& h) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[ui::key::letter('n')] = true;
    io.AddInputCharacter('n');
    h.frame();
    io.KeysDown[ui::key::letter('n')] = false;
    h.frame(3);
}

bool mouse_untouched() {
    const ImGuiIO& io = ImGui::GetIO();
    return !ImGui::IsMousePosValid(&io.MousePos) && !io.MouseDown[0] && !io.MouseDown[1];
}

void select_all_and_type(UiHarness& h, const std::string& text) {
    h.select_all();
    h.type(text);
}

}  // namespace

TEST_CASE("a measure is entered with the keyboard only from its list", "[screens][forms][keyboard]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    REQUIRE(h.shell().measures_screen().form_open());
    // The youth field has the focus: what is typed right away lands there (the N did not).
    CHECK(h.focused("measures.field.youth"));
    h.type("J-07");
    h.tab();  // the type list
    CHECK(h.focused("measures.field.type"));
    h.tab();
    CHECK(h.focused("measures.field.start"));
    h.type("2026-03-01 14:00");
    h.tab();
    CHECK(h.focused("measures.field.end"));
    h.type("+20");
    h.tab();
    CHECK(h.focused("measures.field.reason"));
    h.type("Acuut gevaar");
    h.tab();
    CHECK(h.focused("measures.field.emergency"));
    h.tab();
    CHECK(h.focused("measures.field.care_plan"));
    h.press(h.key(ImGuiKey_Space));  // in the care plan
    h.tab();
    CHECK(h.focused("measures.field.consent_by"));
    h.type("Thijs U.");
    h.tab();
    CHECK(h.focused("measures.field.consent_at"));
    h.type("2026-03-01 13:30");
    h.tab();
    CHECK(h.focused("measures.field.decided_by"));  // prefilled with who is at the keyboard
    h.tab();
    CHECK(h.focused("measures.field.parents"));
    h.type("2026-03-01 15:00");
    h.tab();
    CHECK(h.focused("measures.field.debrief"));
    h.tab();
    CHECK(h.focused("measures.field.incident"));
    h.tab();
    CHECK(h.focused("measures.field.notes"));
    h.type("Rustig afgebouwd");
    h.press(h.key(ImGuiKey_Enter), true);
    for (const auto& f : h.refused_fields()) WARN("refused after " << f);  // Ctrl+Enter saves
    h.frame(2);

    CHECK(mouse_untouched());
    CHECK_FALSE(h.shell().measures_screen().form_open());
    const auto stored = h.store().measures(s.team_id);
    REQUIRE(stored.size() == 1);
    const Measure& m = stored[0];
    CHECK(m.youth_id == s.youth_id);
    CHECK(m.type == "physical_hold");
    CHECK(m.started_at == "2026-03-01T14:00:00Z");
    CHECK(m.ended_at == std::optional<std::string>("2026-03-01T14:20:00Z"));
    CHECK(m.reason == "Acuut gevaar");
    CHECK_FALSE(m.emergency);
    CHECK(m.in_care_plan);
    CHECK(m.consent_by == std::optional<std::string>("Thijs U."));
    CHECK(m.consent_at == std::optional<std::string>("2026-03-01T13:30:00Z"));
    CHECK(m.decided_by == "Sanne B.");
    CHECK(m.parents_informed_at == std::optional<std::string>("2026-03-01T15:00:00Z"));
    CHECK_FALSE(m.debrief_at);
    CHECK_FALSE(m.incident_id);
    CHECK(m.notes == "Rustig afgebouwd");
}

TEST_CASE("an incident is entered with the keyboard only from its list", "[screens][forms][keyboard]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().show(ui::ScreenId::incidents);
    h.frame(2);
    press_n(h);
    REQUIRE(h.shell().incidents_screen().form_open());
    CHECK(h.focused("incidents.field.when"));
    h.type("2026-03-01 14:00");
    h.tab();
    CHECK(h.focused("incidents.field.category"));
    h.tab();
    CHECK(h.focused("incidents.severity.1"));
    h.tab(2);
    CHECK(h.focused("incidents.severity.3"));
    h.press(h.key(ImGuiKey_Space));
    h.tab(2);
    CHECK(h.focused("incidents.youth.J-07"));
    h.press(h.key(ImGuiKey_Space));  // involved
    h.tab();
    CHECK(h.focused("incidents.field.description"));
    h.type("Slaan naar een groepsgenoot");
    h.tab();
    CHECK(h.focused("incidents.field.response"));
    h.type("Apart gezet");
    h.tab();
    CHECK(h.focused("incidents.field.reportable"));
    h.press(h.key(ImGuiKey_Space));
    h.tab();  // ticked: the day of the report and of the investigation's conclusion follow
    CHECK(h.focused("incidents.field.reported_on"));
    h.type("2026-03-02");
    h.tab();
    CHECK(h.focused("incidents.field.investigation_concluded_on"));
    h.tab();
    CHECK(h.focused("incidents.field.follow_up"));
    h.type("Gesprek met ouders");
    h.press(h.key(ImGuiKey_Enter), true);
    h.frame(2);

    CHECK(mouse_untouched());
    CHECK_FALSE(h.shell().incidents_screen().form_open());
    const auto stored = h.store().incidents(s.team_id);
    REQUIRE(stored.size() == 1);
    const Incident& i = stored[0];
    CHECK(i.occurred_at == "2026-03-01T14:00:00Z");
    CHECK(i.category == "aggression_verbal");
    CHECK(i.severity == 3);
    CHECK(i.youth_ids == std::vector<std::string>{s.youth_id});
    CHECK(i.description == "Slaan naar een groepsgenoot");
    CHECK(i.response == "Apart gezet");
    CHECK(i.reportable);
    CHECK(i.reported_on == std::optional<std::string>("2026-03-02"));
    CHECK_FALSE(i.investigation_concluded_on);
    CHECK(i.follow_up == "Gesprek met ouders");
}

TEST_CASE("N starts a new record only while no form is open and Alt+digit opens a rail screen", "[screens][forms][keyboard]") {
    UiHarness h;
    seed(h);
    h.press_alt('4');  // the fourth screen of the rail
    CHECK(h.shell().screen() == ui::ScreenId::measures);
    h.press(ui::key::letter('n'), true);  // Ctrl+N
    REQUIRE(h.shell().measures_screen().form_open());
    h.type("J-07");
    h.press(h.key(ImGuiKey_Escape));  // leaves the field, keeps the text
    h.press(ui::key::letter('n'));    // a form is open: no new one over it
    h.frame();
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.drew("J-07") == false);  // (a field's text is no probed paragraph)
    h.press(ui::key::one + 2, true);  // Ctrl+3: incidents
    CHECK(h.shell().screen() == ui::ScreenId::incidents);
}

TEST_CASE("Enter submits the one-line forms: a new team and a new member", "[screens][forms][keyboard]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.name");
    h.type("De Linde");
    h.press(h.key(ImGuiKey_Enter));
    h.frame();
    const auto teams = h.store().teams();
    REQUIRE(teams.size() == 1);
    CHECK(teams[0].name == "De Linde");

    h.shell().show(ui::ScreenId::team);
    h.frame(2);
    press_n(h);  // a new member, the focus in its name
    CHECK(h.focused("team.member_name"));
    h.type("Sanne B.");
    h.press(h.key(ImGuiKey_Enter));
    h.frame();
    const auto members = h.store().members(teams[0].id);
    REQUIRE(members.size() == 1);
    CHECK(members[0].name == "Sanne B.");
}

TEST_CASE("the discard question keeps the work on Space and on Enter", "[screens][forms][discard]") {
    for (ImGuiKey_ k : {ImGuiKey_Space, ImGuiKey_Enter}) {
        UiHarness h;
        seed(h);
        h.shell().show(ui::ScreenId::measures);
        h.frame(2);
        press_n(h);
        h.type("J-07");
        h.press(h.key(ImGuiKey_Escape));  // leaves the field
        h.press(h.key(ImGuiKey_Escape));  // cancels: asks first
        REQUIRE(ui::probed_this_frame("keep##discard"));
        CHECK(h.focused("keep##discard"));
        h.press(h.key(k));
        h.frame();
        CHECK_FALSE(ui::probed_this_frame("keep##discard"));
        CHECK(h.shell().measures_screen().form_open());
        // The typed code is still there: the youth's setting shows beside it.
        CHECK(h.shows(h.tr("youth.setting.closed")));
    }
}

TEST_CASE("the delete question has a title", "[screens][forms][discard]") {
    UiHarness h;
    seed(h);
    Measure m;
    m.id = new_uuid();
    m.team_id = h.shell().model().team_id();
    m.youth_id = h.shell().model().youths().front().id;
    m.type = "physical_hold";
    m.started_at = "2026-03-01T14:00:00Z";
    m.ended_at = "2026-03-01T14:10:00Z";
    m.reason = "Acuut gevaar";
    m.decided_by = "Sanne B.";
    m.created_at = m.updated_at = "2026-03-01T15:00:00Z";
    h.store().save_measure(m, "test");
    h.shell().show_newest_record(ui::ScreenId::measures);
    h.click("measures.delete");
    bool titled = false;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::string(w->Name).rfind(h.tr("form.delete_title") + "###delete", 0) == 0) titled = true;
    CHECK(titled);
}

TEST_CASE("a fixed problem disappears as the user types, without saving", "[screens][forms][live]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    h.type("J-07");
    h.tab(2);
    h.type("2026-03-01 14:00");
    h.tab();
    h.type("2026-03-01 13:00");  // before the start
    h.tab();                     // leaving the field shows the problem
    h.frame();
    CHECK(h.refused("ended_at", "error.measure.end_before_start"));
    const float reason_y = ui::probed("measures.field.reason")->min.y;
    // Back into the end field (Shift+Tab twice: reason, then end) and corrected by typing.
    ImGui::GetIO().KeyShift = true;
    h.tab(1);
    ImGui::GetIO().KeyShift = false;
    REQUIRE(h.focused("measures.field.end"));
    select_all_and_type(h, "2026-03-01 14:30");
    h.frame();  // the next frame, still in the field, nothing saved
    REQUIRE(h.focused("measures.field.end"));
    CHECK_FALSE(h.refused("ended_at", "error.measure.end_before_start"));
    CHECK(h.refused_fields().empty());
    // The field under it did not move when the message went.
    CHECK(ui::probed("measures.field.reason")->min.y == reason_y);

    // The future, too: shown on leaving, gone once corrected.
    h.tab();
    ImGui::GetIO().KeyShift = true;
    h.tab(1);
    ImGui::GetIO().KeyShift = false;
    select_all_and_type(h, "2026-03-16 09:00");
    h.tab();
    h.frame();
    CHECK(h.refused("ended_at", "error.in_future"));
    CHECK(ui::probed("measures.field.reason")->min.y == reason_y);
}

TEST_CASE("a long text counts its bytes near the limit and keeps its text on Esc", "[screens][forms][text]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    h.tab(4);  // youth, type, start, end: the reason
    REQUIRE(h.focused("measures.field.reason"));
    h.type("Kort");
    CHECK_FALSE(h.shows("/ 20"));
    // 16 000 bytes (80 % of 20 000): the count shows, "16 000 / 20 000".
    h.type(std::string(16000 - 4, 'x'));
    h.frame();
    const std::string nbsp = "\u00a0";
    CHECK(h.shows("16" + nbsp + "000 / 20" + nbsp + "000"));
    // Esc leaves the field; the text stays (ImGui would have put back the empty text).
    h.press(h.key(ImGuiKey_Escape));
    h.frame();
    CHECK(ImGui::GetActiveID() == 0);  // no field is being edited
    CHECK(h.shell().measures_screen().form_open());  // the form is not cancelled by it
    CHECK(h.shows("16" + nbsp + "000 / 20" + nbsp + "000"));
}

TEST_CASE("a long value in the change history is shortened with an ellipsis", "[screens][forms][history]") {
    UiHarness h;
    seed(h);
    Measure m;
    m.id = new_uuid();
    m.team_id = h.shell().model().team_id();
    m.youth_id = h.shell().model().youths().front().id;
    m.type = "physical_hold";
    m.started_at = "2026-03-01T14:00:00Z";
    m.ended_at = "2026-03-01T14:10:00Z";
    m.reason = "Acuut gevaar";
    m.decided_by = "Sanne B.";
    m.created_at = m.updated_at = "2026-03-01T15:00:00Z";
    h.store().save_measure(m, "test");
    std::string long_notes;
    for (int i = 0; i < 60; ++i) long_notes += "Zin nummer " + std::to_string(i) + " van een lang verslag. ";
    m.notes = long_notes;
    m.updated_at = "2026-03-02T09:00:00Z";
    h.store().save_measure(m, "Sanne B.");
    h.shell().show_newest_record(ui::ScreenId::measures);
    h.frame(3);
    const std::string full = "—  →  " + long_notes;
    CHECK_FALSE(h.drew(full));
    bool shortened = false;
    for (const auto& t : ui::probed_texts())
        if (t.starts_with("—  →  Zin nummer 0") && t.ends_with("…") && t.size() < full.size()) shortened = true;
    CHECK(shortened);
}

TEST_CASE("the change history at zoom 200 percent shows each old and new value whole under who changed it", "[screens][forms][history][zoom]") {
    // At 200 % the form is too narrow for the history's table to leave room for the values: each
    // change becomes a line of when, who and what, with the values whole beneath it.
    UiHarness h;
    seed(h);
    Measure m;
    m.id = new_uuid();
    m.team_id = h.shell().model().team_id();
    m.youth_id = h.shell().model().youths().front().id;
    m.type = "physical_hold";
    m.started_at = "2026-03-01T14:00:00Z";
    m.ended_at = "2026-03-01T14:10:00Z";
    m.reason = "Acuut gevaar";
    m.decided_by = "Sanne B.";
    m.notes = "Kort vastgehouden bij de deur";
    m.created_at = m.updated_at = "2026-03-01T15:00:00Z";
    h.store().save_measure(m, "test");
    m.notes = "Kort vastgehouden bij de deur van de groepsruimte, daarna een rustig gesprek op de kamer";
    m.updated_at = "2026-03-02T09:00:00Z";
    h.store().save_measure(m, "Sanne B.");
    const std::string change = "Kort vastgehouden bij de deur  →  " + m.notes;
    h.shell().set_zoom_pct(200);
    h.shell().show_newest_record(ui::ScreenId::measures);
    h.frame(3);
    CHECK(h.drew(change));
    bool heading = false;
    for (const auto& t : ui::probed_texts())
        if (t.find("Sanne B.") != std::string::npos && t.find(ui::tr("field.notes")) != std::string::npos) heading = true;
    CHECK(heading);
    // At 100 % it is the table, with this long a value cut in its column (the whole on hover).
    h.shell().set_zoom_pct(100);
    h.frame(3);
    CHECK_FALSE(h.drew(change));
    bool cut = false, lines = false;
    for (const auto& t : ui::probed_texts()) {
        if (t.starts_with("Kort vastgehouden bij de deur  →  Kort") && t.ends_with("…")) cut = true;
        if (t.find("Sanne B.") != std::string::npos && t.find(ui::tr("field.notes")) != std::string::npos) lines = true;
    }
    CHECK(cut);
    CHECK_FALSE(lines);
}

TEST_CASE("a message under a field moves no other field", "[screens][forms][layout]") {
    UiHarness h;
    seed(h);
    // The youth form: a code that is no code, with and without its messages.
    h.shell().show(ui::ScreenId::team);
    h.frame(3);
    const auto before_setting = *ui::probed("team.youth_setting.closed");
    const auto before_save = *ui::probed("team.youth_save");
    h.click("team.youth_code");
    h.type("Jan de Vries");  // looks like a name: a warning
    h.click("team.youth_save");  // and refused: messages
    h.frame();
    REQUIRE(h.refused("code", "error.youth.code_pattern"));
    CHECK(ui::probed("team.youth_setting.closed")->min.x == before_setting.min.x);
    CHECK(ui::probed("team.youth_setting.closed")->min.y == before_setting.min.y);
    CHECK(ui::probed("team.youth_save")->min.y == before_save.min.y);

    // The measure form: the field after an erroneous one stays where it was.
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    const float type_y = ui::probed("measures.field.type")->min.y;
    const float decided_y = ui::probed("measures.field.decided_by")->min.y;
    const float save_y = ui::probed("measures.save")->min.y;
    h.shell().set_member("");  // nobody at the keyboard: the bar's message
    h.press(h.key(ImGuiKey_Escape));  // out of the youth field (Enter there picks a youth)
    h.press(h.key(ImGuiKey_Enter), true);
    h.frame();
    REQUIRE(h.refused("youth_id", "error.measure.youth_unknown"));
    CHECK(ui::probed("measures.field.type")->min.y == type_y);
    CHECK(ui::probed("measures.field.decided_by")->min.y == decided_y);
    CHECK(ui::probed("measures.save")->min.y == save_y);
}

TEST_CASE("a save message leaves the rail's buttons where they are", "[screens][forms][layout]") {
    UiHarness h;
    seed(h);
    h.frame(2);
    const auto before = *ui::probed("rail.theme");
    h.shell().flash(ui::Tone::ok, "Een heel lange melding die over meerdere regels loopt in de smalle balk links");
    h.frame(2);
    REQUIRE(h.shows("Een heel lange melding"));
    CHECK(ui::probed("rail.theme")->min.y == before.min.y);
}

TEST_CASE("a form's columns and a row's fields start at the same height", "[screens][forms][layout]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    // The first field of each column (each under a label of one line).
    CHECK(ui::probed("measures.field.consent_by")->min.y == ui::probed("measures.field.youth")->min.y);
    h.shell().show(ui::ScreenId::team);
    h.frame(3);
    const float y = ui::probed("team.name")->min.y;
    CHECK(ui::probed("team.location")->min.y == y);
    CHECK(ui::probed("team.capacity")->min.y == y);
    CHECK(ui::probed("team.goal")->min.y == y);
    const float youth_y = ui::probed("team.youth_code")->min.y;
    CHECK(ui::probed("team.youth_age")->min.y == youth_y);
    CHECK(ui::probed("team.youth_admitted")->min.y == youth_y);
    CHECK(ui::probed("team.youth_discharged")->min.y == youth_y);
}

TEST_CASE("an incident time in the future is refused live and forgiven once corrected", "[screens][forms][live]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::incidents);
    h.frame(2);
    press_n(h);
    h.type("2026-03-15 11:00");  // an hour after the pinned now
    h.tab();
    h.frame();
    CHECK(h.refused("occurred_at", "error.in_future"));
    ImGui::GetIO().KeyShift = true;
    h.tab();
    ImGui::GetIO().KeyShift = false;
    REQUIRE(h.focused("incidents.field.when"));
    select_all_and_type(h, "2026-03-15 09:00");
    h.frame();
    CHECK_FALSE(h.refused("occurred_at", "error.in_future"));
    // Nothing else shows before the user got there or tried to save.
    CHECK(h.refused_fields().empty());
}

TEST_CASE("the team and youth forms check live too: a fixed problem goes without saving", "[screens][forms][live]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.team");
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    // A new youth's code that breaks the pattern: shown once the field is left.
    h.click("team.youth_code");
    h.type("J 21");
    h.frame();
    CHECK_FALSE(h.refused("code", "error.youth.code_pattern"));  // not while typing the first time
    h.click("team.youth_admitted");
    CHECK(h.refused("code", "error.youth.code_pattern"));
    // Corrected by typing: gone in the next frame, nothing saved.
    h.click("team.youth_code");
    select_all_and_type(h, "J-21");
    h.frame();
    CHECK_FALSE(h.refused("code", "error.youth.code_pattern"));
    CHECK(h.store().youths(s.team_id).size() == 1);

    // The team's name emptied: refused on leaving, and back once typed again.
    h.scroll("##team_scroll", false);
    h.click("team.name");
    select_all_and_type(h, "");
    h.press(h.key(ImGuiKey_Backspace));
    h.click("team.location");
    CHECK(h.refused("name", "error.team.name_required"));
    h.click("team.name");
    h.type("De Linde");
    h.frame();
    CHECK_FALSE(h.refused("name", "error.team.name_required"));
    CHECK(h.store().team(s.team_id)->name == "De Linde");
}

TEST_CASE("the arrows in a two-column form follow the Tab order and never jump sideways", "[screens][forms][keyboard][nav]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    press_n(h);
    REQUIRE(h.shell().measures_screen().form_open());
    REQUIRE(h.focused("measures.field.youth"));
    h.tab();
    REQUIRE(h.focused("measures.field.type"));
    // The form has two columns here: consent_by is to the right of the left column's top.
    REQUIRE(ui::probed("measures.field.consent_by")->min.x > ui::probed("measures.field.care_plan")->min.x);
    REQUIRE(ui::probed("measures.field.consent_by")->min.y < ui::probed("measures.field.care_plan")->min.y);
    h.press(h.key(ImGuiKey_DownArrow));
    h.frame();
    CHECK(h.focused("measures.field.start"));
    h.press(h.key(ImGuiKey_Escape));
    h.tab(3);  // end, reason, the first situation button
    REQUIRE(h.focused("measures.field.emergency"));
    h.press(h.key(ImGuiKey_DownArrow));
    h.frame();
    CHECK(h.focused("measures.field.care_plan"));  // beside it, but next in Tab order
    h.press(h.key(ImGuiKey_DownArrow));
    h.frame();
    CHECK(h.focused("measures.field.consent_by"));  // the end of the left column: the right column's first
    ImGui::GetIO().KeyShift = true;
    h.tab();
    ImGui::GetIO().KeyShift = false;
    REQUIRE(h.focused("measures.field.care_plan"));
    h.press(h.key(ImGuiKey_UpArrow));
    h.frame();
    CHECK(h.focused("measures.field.emergency"));
    h.press(h.key(ImGuiKey_UpArrow));
    h.frame();
    CHECK(h.focused("measures.field.reason"));
}

TEST_CASE("Tab from the rail's screens goes on into the content", "[screens][keyboard][nav]") {
    UiHarness h;
    seed(h);
    h.shell().show(ui::ScreenId::measures);
    h.frame(2);
    h.click("nav.measures");  // the rail's item gets the (nav) focus
    h.frame(2);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    REQUIRE(g.NavWindow);
    REQUIRE(std::string(g.NavWindow->Name).find("##nav") != std::string::npos);
    h.tab();
    h.frame();
    REQUIRE(g.NavWindow);
    CHECK(std::string(g.NavWindow->Name).find("##content") != std::string::npos);
    CHECK(std::string(g.NavWindow->Name).find("##nav") == std::string::npos);
    CHECK(g.NavId != 0);
    // Shift+Tab on that first item goes back to the rail.
    ImGui::GetIO().KeyShift = true;
    h.tab();
    ImGui::GetIO().KeyShift = false;
    h.frame();
    REQUIRE(g.NavWindow);
    CHECK(std::string(g.NavWindow->Name).find("##nav") != std::string::npos);
    CHECK(h.focused("nav.measures"));
}

TEST_CASE("a reportable incident shows the day to report by and a late report on its form and in the list", "[screens][forms][incident_deadline]") {
    // Now is Sunday 15 March 2026. The incident occurred on Friday 6 March: to be reported by
    // Wednesday 11 March (Mon 9, Tue 10, Wed 11), so it is late.
    UiHarness h;
    const Setup s = seed(h);
    Incident i;
    i.id = new_uuid();
    i.team_id = s.team_id;
    i.occurred_at = "2026-03-06T10:00:00Z";
    i.category = "aggression_physical_staff";
    i.severity = 3;
    i.description = "Slaan naar een medewerker.";
    i.reportable = true;
    i.created_at = i.updated_at = "2026-03-06T11:00:00Z";
    h.store().save_incident(i, "test");
    h.click("nav.incidents");
    h.frame(2);
    CHECK(h.drew("▲ uiterlijk 2026-03-11"));
    CHECK(h.drew("▲ melding te laat"));

    h.click("incidents.row.0");
    REQUIRE(h.shell().incidents_screen().form_open());
    h.frame();
    CHECK(h.drew("● Melden bij de inspectie uiterlijk wo 11 mrt 2026: 3 werkdagen na het incident."));
    CHECK(h.drew("▲ " + h.tr("warning.incident.not_reported_in_time")));
    CHECK(ui::probed_this_frame("incidents.warning.not_reported_in_time"));
    CHECK(h.shows("hoogstens 6 weken, tot vr 17 apr 2026"));  // 6 March + 42 days

    SECTION("an investigation that concluded on Thursday 12 March moves the day to Tuesday 17 March: in time") {
        h.click("incidents.field.investigation_concluded_on");
        h.type("2026-03-12");
        h.frame();
        CHECK(h.drew("● Melden bij de inspectie uiterlijk di 17 mrt 2026: 3 werkdagen na de afronding van het interne onderzoek."));
        CHECK_FALSE(ui::probed_this_frame("incidents.warning.not_reported_in_time"));
    }
    SECTION("concluded today (Sunday 15 March) by its button: to be reported by Wednesday 18 March") {
        h.click("incidents.today.investigation_concluded_on");
        h.frame();
        CHECK(h.drew("● Melden bij de inspectie uiterlijk wo 18 mrt 2026: 3 werkdagen na de afronding van het interne onderzoek."));
        CHECK_FALSE(ui::probed_this_frame("incidents.warning.not_reported_in_time"));
        h.click("incidents.save");
        REQUIRE_FALSE(h.shell().incidents_screen().form_open());
        CHECK(h.store().incident(i.id)->investigation_concluded_on == std::optional<std::string>("2026-03-15"));
        CHECK_FALSE(h.store().incident(i.id)->reported_on);
    }
    SECTION("reported on the due day: the warning goes, and the list says when it was reported") {
        h.click("incidents.field.reported_on");
        h.type("2026-03-11");
        h.frame();
        CHECK_FALSE(ui::probed_this_frame("incidents.warning.not_reported_in_time"));
        CHECK_FALSE(h.shows(h.tr("warning.incident.not_reported_in_time")));
        h.click("incidents.save");
        REQUIRE_FALSE(h.shell().incidents_screen().form_open());
        CHECK(h.store().incident(i.id)->reported_on == std::optional<std::string>("2026-03-11"));
        h.frame(2);
        CHECK(h.drew("gemeld 2026-03-11"));
        CHECK_FALSE(h.shows("▲"));
    }
    SECTION("reported a day late: still late") {
        h.click("incidents.field.reported_on");
        h.type("2026-03-12");
        h.frame();
        CHECK(ui::probed_this_frame("incidents.warning.not_reported_in_time"));
        h.click("incidents.save");
        REQUIRE_FALSE(h.shell().incidents_screen().form_open());
        h.frame(2);
        CHECK(h.drew("▲ gemeld 2026-03-12"));
    }
    SECTION("a report before the incident is refused, and nothing is stored") {
        h.click("incidents.field.reported_on");
        h.type("2026-03-05");
        h.click("incidents.save");
        h.frame();
        CHECK(h.shell().incidents_screen().form_open());
        CHECK(h.refused("reported_on", "error.incident.before_occurred"));
        CHECK_FALSE(h.store().incident(i.id)->reported_on);
    }
    SECTION("a report of an incident that is not reportable is refused with a clear message") {
        h.click("incidents.field.reported_on");
        h.type("2026-03-10");
        h.click("incidents.field.reportable");  // unticked: the date stays in view, with why
        h.click("incidents.save");
        h.frame();
        CHECK(h.shell().incidents_screen().form_open());
        CHECK(h.refused("reported_on", "error.incident.not_reportable"));
        CHECK(h.store().incident(i.id)->reportable);
    }
}
