// The register screens driven like a person would: clicks and typed text through ImGui.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screens.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>

using namespace ts;
using ts::test::UiHarness;

namespace {

struct Setup {
    std::string team_id, youth_id, member_id;
};

// A team with a group worker and one youth (J-07, closed group, 15 at admission), in UTC.
Setup seed(UiHarness& h) {
    setenv("TZ", "UTC", 1);
    tzset();
    Setup s;
    Team t;
    t.id = s.team_id = new_uuid();
    t.name = "De Linde";
    t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
    h.store().insert_team(t);
    Member m;
    m.id = s.member_id = new_uuid();
    m.team_id = t.id;
    m.name = "Sanne B.";
    m.created_at = m.updated_at = t.created_at;
    h.store().insert_member(m);
    Youth y;
    y.id = s.youth_id = new_uuid();
    y.team_id = t.id;
    y.code = "J-07";
    y.age_at_admission = 15;
    y.admitted_on = "2026-01-05";
    y.setting = CareSetting::closed;
    y.created_at = y.updated_at = t.created_at;
    h.store().insert_youth(y);
    h.shell().set_team(t.id);
    h.shell().set_member(m.id);
    h.frame(2);
    return s;
}

}  // namespace

TEST_CASE("a measure is entered through the form and appears in the list", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.measures");
    h.click("measures.new");
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.youth");
    h.type("J-07");
    h.click("measures.field.start");
    h.type("2026-03-01 14:00");
    h.click("measures.field.end");
    h.type("+20");
    h.click("measures.field.reason");
    h.type("Acuut gevaar voor een groepsgenoot");
    h.click("measures.save");

    CHECK_FALSE(h.shell().measures_screen().form_open());
    const auto stored = h.store().measures(s.team_id);
    REQUIRE(stored.size() == 1);
    const Measure& m = stored.front();
    CHECK(m.youth_id == s.youth_id);
    CHECK(m.type == "physical_hold");
    CHECK(m.started_at == "2026-03-01T14:00:00Z");
    CHECK(m.ended_at == std::optional<std::string>("2026-03-01T14:20:00Z"));
    CHECK(m.reason == "Acuut gevaar voor een groepsgenoot");
    CHECK(m.emergency);
    CHECK(m.decided_by == "Sanne B.");  // prefilled with who is working
    // In the list, and its history says who created it.
    h.frame(2);
    CHECK(h.shell().measures_screen().visible_rows().size() == 1);
    CHECK(ui::probed("measures.row.0"));
    const auto history = h.store().changes("measure", m.id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].field == "created");
    CHECK(history[0].changed_by == "Sanne B.");
}

TEST_CASE("the measure form refuses bad input and stores nothing", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.measures");
    h.click("measures.new");
    h.click("measures.field.youth");
    h.type("J-99");  // nobody has this code
    h.click("measures.field.start");
    h.type("2026-03-01 14:00");
    h.click("measures.field.end");
    h.type("2026-03-01 13:00");  // before the start
    h.click("measures.save");
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.store().measures(s.team_id).empty());

    // Fixed: the record goes in.
    h.click("measures.field.youth");
    h.select_all();
    h.type("J-07");
    h.click("measures.field.end");
    h.select_all();
    h.type("14:30");
    h.click("measures.save");
    CHECK_FALSE(h.shell().measures_screen().form_open());
    REQUIRE(h.store().measures(s.team_id).size() == 1);
    CHECK(h.store().measures(s.team_id)[0].ended_at == std::optional<std::string>("2026-03-01T14:30:00Z"));
}

TEST_CASE("saving needs someone at the keyboard", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().set_member("");
    h.click("nav.measures");
    h.click("measures.new");
    h.click("measures.field.youth");
    h.type("J-07");
    h.click("measures.field.start");
    h.type("2026-03-01 14:00");
    h.click("measures.save");
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.store().measures(s.team_id).empty());
}

TEST_CASE("editing a measure from the list keeps a change history", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    Measure m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_id;
    m.type = "seclusion_room";
    m.started_at = "2026-03-01T14:00:00Z";
    m.ended_at = "2026-03-01T15:00:00Z";
    m.emergency = true;
    m.created_at = m.updated_at = "2026-03-01T15:05:00Z";
    h.store().save_measure(m, "Sanne B.");
    h.click("nav.measures");
    h.click("measures.row.0");
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.end");
    h.select_all();
    h.type("15:30");
    h.click("measures.save");
    const auto stored = h.store().measure(m.id);
    REQUIRE(stored);
    CHECK(stored->ended_at == std::optional<std::string>("2026-03-01T15:30:00Z"));
    const auto history = h.store().changes("measure", m.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "ended_at");
    CHECK(history[1].old_value == std::optional<std::string>("2026-03-01T15:00:00Z"));
    CHECK(history[1].new_value == std::optional<std::string>("2026-03-01T15:30:00Z"));
    CHECK(history[1].changed_by == "Sanne B.");
}

TEST_CASE("deleting a measure asks first and keeps the history", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    Measure m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_id;
    m.type = "room_search";
    m.started_at = "2026-03-01T14:00:00Z";
    m.created_at = m.updated_at = "2026-03-01T14:05:00Z";
    h.store().save_measure(m, "Sanne B.");
    h.click("nav.measures");
    h.click("measures.row.0");
    h.click("measures.delete");
    CHECK(h.store().measure(m.id));  // only asked so far
    h.click("confirm##delete");
    CHECK_FALSE(h.store().measure(m.id));
    CHECK_FALSE(h.shell().measures_screen().form_open());
    const auto history = h.store().changes("measure", m.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "deleted");
    CHECK(history[1].changed_by == "Sanne B.");
}

TEST_CASE("cancelling a changed form asks before discarding", "[screens][measures]") {
    UiHarness h;
    seed(h);
    h.click("nav.measures");
    h.click("measures.new");
    h.click("measures.field.youth");
    h.type("J-07");
    h.press(h.key(ImGuiKey_Escape));  // leaves the field
    h.press(h.key(ImGuiKey_Escape));  // cancel: there are changes, so it asks
    CHECK(h.shell().measures_screen().form_open());
    h.click("confirm##discard");
    CHECK_FALSE(h.shell().measures_screen().form_open());
}

TEST_CASE("an incident is entered through the form, then a measure from it in one step", "[screens][incidents]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.incidents");
    h.click("incidents.new");
    REQUIRE(h.shell().incidents_screen().form_open());
    h.click("incidents.field.when");
    h.type("2026-03-02 10:00");
    h.click("incidents.youth.J-07");
    h.click("incidents.severity.3");
    h.click("incidents.field.description");
    h.type("Duwen en slaan bij de overdracht.");
    h.click("incidents.save");
    CHECK_FALSE(h.shell().incidents_screen().form_open());
    auto incidents = h.store().incidents(s.team_id);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].occurred_at == "2026-03-02T10:00:00Z");
    CHECK(incidents[0].severity == 3);
    CHECK(incidents[0].youth_ids == std::vector<std::string>{s.youth_id});
    CHECK(incidents[0].description == "Duwen en slaan bij de overdracht.");
    h.frame(2);
    CHECK(h.shell().incidents_screen().visible_rows().size() == 1);

    // Open it from the list and record the measure taken in it.
    h.click("incidents.row.0");
    REQUIRE(h.shell().incidents_screen().form_open());
    h.click("incidents.add_measure");
    CHECK(h.shell().screen() == ui::ScreenId::measures);
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.end");
    h.type("+10");
    h.click("measures.save");
    const auto measures = h.store().measures(s.team_id);
    REQUIRE(measures.size() == 1);
    CHECK(measures[0].incident_id == std::optional<std::string>(incidents[0].id));
    CHECK(measures[0].youth_id == s.youth_id);
    CHECK(measures[0].started_at == "2026-03-02T10:00:00Z");
    CHECK(measures[0].ended_at == std::optional<std::string>("2026-03-02T10:10:00Z"));
}

TEST_CASE("the incident form needs a description", "[screens][incidents]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.incidents");
    h.click("incidents.new");
    h.click("incidents.field.when");
    h.type("2026-03-02 10:00");
    h.click("incidents.save");
    CHECK(h.shell().incidents_screen().form_open());
    CHECK(h.store().incidents(s.team_id).empty());
}

TEST_CASE("members and youths are added on the team screen", "[screens][team]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.team");
    h.click("team.member_name");
    h.type("Thijs U.");
    h.click("team.member_save");
    CHECK(h.store().members(s.team_id).size() == 2);

    h.click("team.youth_code");
    h.type("J-11");
    h.click("team.youth_admitted");
    h.type("2026-02-01");
    h.click("team.youth_save");
    const auto youths = h.store().youths(s.team_id);
    REQUIRE(youths.size() == 2);
    CHECK(youths[1].code == "J-11");
    CHECK(youths[1].admitted_on == "2026-02-01");
    CHECK_FALSE(youths[1].discharged_on);

    // A code already in use is refused.
    h.click("team.youth_code");
    h.type("J-07");
    h.click("team.youth_admitted");
    h.type("2026-02-01");
    h.click("team.youth_save");
    CHECK(h.store().youths(s.team_id).size() == 2);
}

TEST_CASE("export and import a bundle from the settings screen", "[screens][exchange]") {
    const std::string path = "/tmp/ts-ui-exchange-" + new_uuid() + ".json";
    std::string team_id;
    {
        UiHarness h;
        const Setup s = seed(h);
        team_id = s.team_id;
        h.click("nav.settings");
        h.click("settings.export_path");
        h.select_all();
        h.type(path);
        h.click("settings.export");
        REQUIRE(std::filesystem::exists(path));
    }
    {
        UiHarness h;  // an empty database
        h.shell().show(ui::ScreenId::settings);
        h.click("settings.import_path");
        h.type(path);
        h.click("settings.import");
        const auto teams = h.store().teams();
        REQUIRE(teams.size() == 1);
        CHECK(teams[0].id == team_id);
        CHECK(h.store().youths(team_id).size() == 1);
        CHECK(h.store().members(team_id).size() == 1);
    }
    std::filesystem::remove(path);
}
