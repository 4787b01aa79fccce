// The register screens driven like a person would: clicks and typed text through ImGui.
#include "core/demo.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screen_guideline.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui/screen_team.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace ts;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::seed;

namespace {


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

namespace {

// Opens a new measure and types a valid one into it (J-07, 1 March 14:00 to 14:20, a reason),
// except for the fields in `instead`: probe name → the text typed there ("" leaves it empty).
void fill_measure(UiHarness& h, const std::map<std::string, std::string>& instead = {}) {
    h.click("nav.measures");
    h.click("measures.new");
    REQUIRE(h.shell().measures_screen().form_open());
    std::map<std::string, std::string> typed{{"measures.field.youth", "J-07"},
                                             {"measures.field.start", "2026-03-01 14:00"},
                                             {"measures.field.end", "2026-03-01 14:20"},
                                             {"measures.field.reason", "Acuut gevaar voor een groepsgenoot"}};
    for (const auto& [field, text] : instead) typed[field] = text;
    for (const char* field : {"measures.field.youth", "measures.field.start", "measures.field.end", "measures.field.reason"}) {
        h.click(field);
        h.type(typed[field]);
    }
}

}  // namespace

TEST_CASE("the measure form refuses bad input, names the field and stores nothing", "[screens][measures]") {
    UiHarness h;
    const Setup s = seed(h);
    // Each case is valid but for one field; the refusal is shown under that field only.
    auto refuses = [&](const std::map<std::string, std::string>& instead, const char* field, const char* message_key) {
        fill_measure(h, instead);
        h.click("measures.save");
        h.frame();  // the problems are drawn in the frame after the one that saved
        CHECK(h.shell().measures_screen().form_open());
        CHECK(h.store().measures(s.team_id).empty());
        CHECK(h.refused_fields() == std::vector<std::string>{field});
        CHECK(h.refused(field, message_key));
        CHECK(h.shows(h.tr(message_key)));
    };
    SECTION("an end before the start") {
        refuses({{"measures.field.end", "2026-03-01 13:00"}}, "ended_at", "error.measure.end_before_start");
        // Fixed: the record goes in.
        h.click("measures.field.end");
        h.select_all();
        h.type("14:30");
        h.click("measures.save");
        CHECK_FALSE(h.shell().measures_screen().form_open());
        REQUIRE(h.store().measures(s.team_id).size() == 1);
        CHECK(h.store().measures(s.team_id)[0].ended_at == std::optional<std::string>("2026-03-01T14:30:00Z"));
    }
    SECTION("an end that is no time") {
        refuses({{"measures.field.end", "gisteren"}}, "ended_at", "error.timestamp_invalid");
    }
    SECTION("an end after now (the pinned clock: 15 March, 10:00)") {
        refuses({{"measures.field.end", "2026-03-15 10:01"}}, "ended_at", "error.in_future");
    }
    SECTION("a youth nobody has") {
        refuses({{"measures.field.youth", "J-99"}}, "youth_id", "error.measure.youth_unknown");
    }
    SECTION("a start before the youth was admitted (5 January)") {
        refuses({{"measures.field.start", "2026-01-04 14:00"}}, "youth_id", "error.measure.youth_not_in_care");
    }
    SECTION("a start after now, still going on") {
        refuses({{"measures.field.start", "2026-03-15 10:01"}, {"measures.field.end", ""}}, "started_at", "error.in_future");
    }
    SECTION("a start that is no time") {
        refuses({{"measures.field.start", "1 maart"}}, "started_at", "error.timestamp_invalid");
    }
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
    h.frame();
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.store().measures(s.team_id).empty());
    CHECK(h.shows(h.tr("form.who_required")));
    CHECK(h.refused_fields().empty());  // the form itself is fine
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
    h.frame();
    CHECK(h.shell().incidents_screen().form_open());
    CHECK(h.store().incidents(s.team_id).empty());
    CHECK(h.refused_fields() == std::vector<std::string>{"description"});
    CHECK(h.refused("description", "error.required"));
}

TEST_CASE("members and youths are added on the team screen", "[screens][team]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.team");
    h.click("team.member_name");
    h.type("Thijs U.");
    h.click("team.member_save");
    CHECK(h.store().members(s.team_id).size() == 2);

    h.scroll("##team_scroll", true);  // the youths are at the screen's end
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

    // A code already in use is refused, under the code.
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth_code");
    h.type("J-07");
    h.click("team.youth_admitted");
    h.type("2026-02-01");
    h.click("team.youth_save");
    h.frame();
    CHECK(h.store().youths(s.team_id).size() == 2);
    CHECK(h.refused_fields() == std::vector<std::string>{"code"});
    CHECK(h.refused("code", "error.youth.code_taken"));
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

// --- a form keeps what nobody touched (issue 6, finding 15) --------------------------------

namespace {

// Every stored field of a record, one "name=value" line each, for comparing byte for byte.
std::string opt(const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : "(none)"; }

std::string all_fields(const Measure& m) {
    return "id=" + m.id + "\nteam_id=" + m.team_id + "\nyouth_id=" + m.youth_id + "\ntype=" + m.type +
           "\nstarted_at=" + m.started_at + "\nended_at=" + opt(m.ended_at) + "\nreason=" + m.reason +
           "\nincident_id=" + opt(m.incident_id) + "\nemergency=" + std::to_string(m.emergency) +
           "\nin_care_plan=" + std::to_string(m.in_care_plan) + "\nconsent_by=" + opt(m.consent_by) +
           "\nconsent_at=" + opt(m.consent_at) + "\ndecided_by=" + m.decided_by +
           "\nparents_informed_at=" + opt(m.parents_informed_at) + "\ndebrief_at=" + opt(m.debrief_at) +
           "\nnotes=" + m.notes + "\ncreated_at=" + m.created_at + "\nupdated_at=" + m.updated_at + "\n";
}

std::string all_fields(const Incident& i) {
    std::string youths;
    for (const auto& y : i.youth_ids) youths += y + ";";
    return "id=" + i.id + "\nteam_id=" + i.team_id + "\noccurred_at=" + i.occurred_at + "\ncategory=" + i.category +
           "\nseverity=" + std::to_string(i.severity) + "\nyouth_ids=" + youths + "\ndescription=" + i.description +
           "\nresponse=" + i.response + "\nreportable=" + std::to_string(i.reportable) + "\nfollow_up=" + i.follow_up +
           "\ncreated_at=" + i.created_at + "\nupdated_at=" + i.updated_at + "\n";
}

// An incident and a measure taken in it as a bundle or the demo leaves them: every timestamp
// has seconds, and the measure is both an emergency and in the care plan (the form shows one
// choice for the two flags).
struct Stored {
    Incident incident;
    Measure measure;
};

Stored store_with_seconds(UiHarness& h, const Setup& s) {
    Stored r;
    Incident& i = r.incident;
    i.id = new_uuid();
    i.team_id = s.team_id;
    i.occurred_at = "2026-03-01T12:20:05Z";
    i.category = "aggression_physical_youth";
    i.severity = 3;
    i.youth_ids = {s.youth_id};
    i.description = "Slaan bij de overdracht.";
    i.response = "Gescheiden en gekalmeerd.";
    i.reportable = true;
    i.created_at = i.updated_at = "2026-03-01T20:00:07Z";
    h.store().save_incident(i, "Sanne B.");
    Measure& m = r.measure;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_id;
    m.type = "seclusion_room";
    m.started_at = "2026-03-01T12:22:23Z";
    m.ended_at = "2026-03-01T12:40:10Z";
    m.reason = "Acuut gevaar voor een groepsgenoot";
    m.incident_id = i.id;
    m.emergency = true;
    m.in_care_plan = true;
    m.consent_by = "Dr. K.";
    m.consent_at = "2026-03-01T12:31:45Z";
    m.decided_by = "Sanne B.";
    m.parents_informed_at = "2026-03-01T19:40:23Z";
    m.notes = "Rustig afgesloten.\nGeen letsel.";
    m.created_at = m.updated_at = "2026-03-01T20:01:09Z";
    h.store().save_measure(m, "Sanne B.");
    return r;
}

}  // namespace

TEST_CASE("changing only the debrief keeps every other field of a measure as stored", "[screens][measures][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.measures");
    h.click("measures.row.0");
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.debrief");
    h.type("2026-03-02 09:00");
    h.click("measures.save");
    REQUIRE_FALSE(h.shell().measures_screen().form_open());

    const auto after = h.store().measure(before.measure.id);
    REQUIRE(after);
    Measure expected = before.measure;
    expected.debrief_at = "2026-03-02T09:00:00Z";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    CHECK(after->updated_at != before.measure.updated_at);

    const auto history = h.store().changes("measure", before.measure.id);
    REQUIRE(history.size() == 2);  // created, then the one field
    CHECK(history[1].field == "debrief_at");
    CHECK_FALSE(history[1].old_value);
    CHECK(history[1].new_value == std::optional<std::string>("2026-03-02T09:00:00Z"));
    // The incident it links to is untouched too.
    CHECK(h.store().changes("incident", before.incident.id).size() == 1);
}

TEST_CASE("changing only the notes keeps every other field of a measure as stored", "[screens][measures][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.measures");
    h.click("measures.row.0");
    h.click("measures.field.notes");
    h.press(h.key(ImGuiKey_End), true);  // Ctrl+End: after the last line
    h.type(" Nagesproken.");
    h.click("measures.save");
    REQUIRE_FALSE(h.shell().measures_screen().form_open());

    const auto after = h.store().measure(before.measure.id);
    REQUIRE(after);
    Measure expected = before.measure;
    expected.notes += " Nagesproken.";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("measure", before.measure.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "notes");
}

TEST_CASE("saving an untouched measure form changes no field", "[screens][measures][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.measures");
    h.click("measures.row.0");
    // Into every time field and out again: leaving a field rewrites its text, not its value.
    for (const char* field : {"measures.field.start", "measures.field.end", "measures.field.consent_at",
                              "measures.field.parents", "measures.field.youth"})
        h.click(field);
    h.click("measures.save");
    REQUIRE_FALSE(h.shell().measures_screen().form_open());
    const auto after = h.store().measure(before.measure.id);
    REQUIRE(after);
    Measure expected = before.measure;
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    CHECK(h.store().changes("measure", before.measure.id).size() == 1);
}

TEST_CASE("typing a new start time still stores the new minute, and only that", "[screens][measures][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.measures");
    h.click("measures.row.0");
    h.click("measures.field.start");
    h.select_all();
    h.type("2026-03-01 12:25");
    h.click("measures.save");
    REQUIRE_FALSE(h.shell().measures_screen().form_open());
    const auto after = h.store().measure(before.measure.id);
    REQUIRE(after);
    Measure expected = before.measure;
    expected.started_at = "2026-03-01T12:25:00Z";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("measure", before.measure.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "started_at");
    CHECK(history[1].old_value == std::optional<std::string>("2026-03-01T12:22:23Z"));
    CHECK(history[1].new_value == std::optional<std::string>("2026-03-01T12:25:00Z"));

    // A typed time is what its text says, to the minute; "+30" counts from the typed start.
    h.click("measures.row.0");
    h.click("measures.field.start");
    h.select_all();
    h.type("2026-03-01 12:22");
    h.click("measures.field.end");
    h.select_all();
    h.type("+30");  // from the new start
    h.click("measures.save");
    const auto again = h.store().measure(before.measure.id);
    REQUIRE(again);
    CHECK(again->started_at == "2026-03-01T12:22:00Z");
    CHECK(again->ended_at == std::optional<std::string>("2026-03-01T12:52:00Z"));
    CHECK(again->consent_at == before.measure.consent_at);
}

TEST_CASE("a field changed elsewhere while the form was open is not written back", "[screens][measures][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.measures");
    h.click("measures.row.0");
    // Meanwhile an import brings a newer reason and end.
    Measure newer = before.measure;
    newer.reason = "Bijgewerkt in een andere vestiging";
    newer.ended_at = "2026-03-01T12:45:51Z";
    newer.updated_at = "2026-03-02T08:00:00Z";
    h.store().save_measure(newer, "import");
    h.click("measures.field.debrief");
    h.type("2026-03-02 09:00");
    h.click("measures.save");
    REQUIRE_FALSE(h.shell().measures_screen().form_open());
    const auto after = h.store().measure(before.measure.id);
    REQUIRE(after);
    Measure expected = newer;
    expected.debrief_at = "2026-03-02T09:00:00Z";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("measure", before.measure.id);
    REQUIRE(history.size() == 4);  // created, the import's two fields, the debrief
    CHECK(history[3].field == "debrief_at");
}

TEST_CASE("changing only the follow-up keeps every other field of an incident as stored", "[screens][incidents][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.incidents");
    h.click("incidents.row.0");
    REQUIRE(h.shell().incidents_screen().form_open());
    h.click("incidents.field.when");  // in and out of the time field: no change
    h.click("incidents.field.follow_up");
    h.type("Gesprek met ouders op 3 maart.");
    h.click("incidents.save");
    REQUIRE_FALSE(h.shell().incidents_screen().form_open());

    const auto after = h.store().incident(before.incident.id);
    REQUIRE(after);
    Incident expected = before.incident;
    expected.follow_up = "Gesprek met ouders op 3 maart.";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("incident", before.incident.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "follow_up");
    // The measure taken in it is untouched.
    CHECK(all_fields(*h.store().measure(before.measure.id)) == all_fields(before.measure));
}

TEST_CASE("typing a new incident time still stores it", "[screens][incidents][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Stored before = store_with_seconds(h, s);
    h.click("nav.incidents");
    h.click("incidents.row.0");
    h.click("incidents.field.when");
    h.select_all();
    h.type("2026-03-01 12:15");
    h.click("incidents.save");
    REQUIRE_FALSE(h.shell().incidents_screen().form_open());
    const auto after = h.store().incident(before.incident.id);
    REQUIRE(after);
    CHECK(after->occurred_at == "2026-03-01T12:15:00Z");
    const auto history = h.store().changes("incident", before.incident.id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "occurred_at");
}

TEST_CASE("the change history never reads the same before and after", "[screens][history][keep]") {
    UiHarness h;
    seed(h);
    ui::Requests requests;
    const ui::Ctx ctx{h.store(), h.content(), h.shell().fonts(), h.shell().model(), h.shell(), Lang::nl, requests};
    auto text = [&](const char* field, std::optional<std::string> from, std::optional<std::string> to) {
        return ui::change_text(ctx, Change{field, std::move(from), std::move(to), "Sanne B.", "2026-03-02T10:00:00Z"});
    };
    // Different minutes: as people read them.
    CHECK(text("started_at", "2026-03-01T19:40:00Z", "2026-03-01T19:45:00Z") == "2026-03-01 19:40  →  2026-03-01 19:45");
    CHECK(text("debrief_at", std::nullopt, "2026-03-02T09:00:00Z") == "—  →  2026-03-02 09:00");
    // The same minute: with seconds.
    CHECK(text("started_at", "2026-03-01T19:40:23Z", "2026-03-01T19:40:00Z") == "2026-03-01 19:40:23  →  2026-03-01 19:40:00");
    // The same instant written two ways, an empty text and none: as stored.
    CHECK(text("started_at", "2026-03-01T19:40:00Z", "2026-03-01T19:40:00+00:00") ==
          "\"2026-03-01T19:40:00Z\"  →  \"2026-03-01T19:40:00+00:00\"");
    CHECK(text("consent_by", std::nullopt, "") == "—  →  \"\"");
}

// --- the team screen's forms keep what nobody touched too (issue 6, finding 15) ------------

namespace {

std::string exact(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string all_fields(const Team& t) {
    return "id=" + t.id + "\nname=" + t.name + "\nlocation=" + t.location + "\ncapacity=" + std::to_string(t.capacity) +
           "\nreduction_goal_pct=" + exact(t.reduction_goal_pct) + "\nactive=" + std::to_string(t.active) +
           "\ncreated_at=" + t.created_at + "\nupdated_at=" + t.updated_at + "\n";
}

std::string all_fields(const Member& m) {
    return "id=" + m.id + "\nteam_id=" + m.team_id + "\nname=" + m.name + "\nrole=" + std::string(to_string(m.role)) +
           "\nactive=" + std::to_string(m.active) + "\ncreated_at=" + m.created_at + "\nupdated_at=" + m.updated_at + "\n";
}

std::string all_fields(const Youth& y) {
    return "id=" + y.id + "\nteam_id=" + y.team_id + "\ncode=" + y.code +
           "\nage_at_admission=" + (y.age_at_admission ? std::to_string(*y.age_at_admission) : "(none)") +
           "\nadmitted_on=" + y.admitted_on + "\ndischarged_on=" + opt(y.discharged_on) +
           "\nsetting=" + std::string(to_string(y.setting)) + "\ncreated_at=" + y.created_at + "\nupdated_at=" + y.updated_at + "\n";
}

std::optional<Member> stored_member(UiHarness& h, const std::string& team_id, const std::string& id) {
    for (auto& m : h.store().members(team_id))
        if (m.id == id) return m;
    return std::nullopt;
}

std::optional<Youth> stored_youth(UiHarness& h, const std::string& team_id, const std::string& id) {
    for (auto& y : h.store().youths(team_id))
        if (y.id == id) return y;
    return std::nullopt;
}

std::optional<Youth> youth_with_code(UiHarness& h, const std::string& team_id, const std::string& code) {
    for (auto& y : h.store().youths(team_id))
        if (y.code == code) return y;
    return std::nullopt;
}

// Into a field near the left edge of its text: the centre of a number field with -/+ buttons
// may be one of the buttons.
void click_text(UiHarness& h, std::string_view field) {
    h.frame();
    const auto r = ui::probed(field);
    REQUIRE(r);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->min.x + ImGui::GetFontSize(), r->centre().y);
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame();
}

// What a field shows, read the way a person would copy it: into the field, Ctrl+A, Ctrl+C, Esc.
std::string shown_text(UiHarness& h, std::string_view field) {
    click_text(h, field);
    h.select_all();
    h.press(h.key(ImGuiKey_C), true);
    const char* text = ImGui::GetClipboardText();
    h.press(h.key(ImGuiKey_Escape));  // out of the field without changing it
    return text ? text : "";
}

// A youth as a bundle or the demo may leave it: 0 years at admission, not discharged (null).
Youth store_youth(UiHarness& h, const Setup& s) {
    Youth y;
    y.id = new_uuid();
    y.team_id = s.team_id;
    y.code = "J-09";
    y.age_at_admission = 0;
    y.admitted_on = "2026-01-10";
    y.setting = CareSetting::closed;
    y.created_at = y.updated_at = "2026-01-10T08:09:10Z";
    h.store().save_youth(y, "Sanne B.");
    return *stored_youth(h, s.team_id, y.id);
}

}  // namespace

TEST_CASE("changing only the team's places keeps every other team field as stored", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    Team t = *h.store().team(s.team_id);
    t.location = "Zwolle-Noord";
    t.capacity = 9;
    t.reduction_goal_pct = 12.5;
    t.updated_at = "2026-02-03T10:11:12Z";
    h.store().save_team(t, "Sanne B.");
    const Team before = *h.store().team(s.team_id);
    const auto logged = h.store().changes("team", s.team_id).size();
    h.click("nav.team");
    // The goal reads as stored, not rounded to "12".
    CHECK(shown_text(h, "team.goal") == "12.5");
    click_text(h, "team.capacity");
    h.select_all();
    h.type("10");
    h.click("team.save");

    const auto after = h.store().team(s.team_id);
    REQUIRE(after);
    Team expected = before;
    expected.capacity = 10;
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    CHECK(after->updated_at != before.updated_at);
    const auto history = h.store().changes("team", s.team_id);
    REQUIRE(history.size() == logged + 1);
    CHECK(history.back().field == "capacity");
    CHECK(history.back().old_value == std::optional<std::string>("9"));
    CHECK(history.back().new_value == std::optional<std::string>("10"));
}

TEST_CASE("a team changed elsewhere while the team screen was open keeps that change", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    Team t = *h.store().team(s.team_id);
    t.location = "Zwolle-Noord";
    t.capacity = 9;
    t.reduction_goal_pct = 12.5;
    t.updated_at = "2026-02-03T10:11:12Z";
    h.store().save_team(t, "Sanne B.");
    h.click("nav.team");
    // Meanwhile an import brings a new location, places and goal.
    Team newer = *h.store().team(s.team_id);
    newer.location = "Zwolle-Zuid";
    newer.capacity = 11;
    newer.reduction_goal_pct = 27.5;
    newer.updated_at = "2026-03-01T08:00:00Z";
    h.store().save_team(newer, "import");
    h.frame(2);
    CHECK(shown_text(h, "team.location") == "Zwolle-Zuid");  // the form shows it too
    const auto logged = h.store().changes("team", s.team_id).size();
    h.click("team.name");
    h.select_all();
    h.type("De Linde West");
    h.click("team.save");

    const auto after = h.store().team(s.team_id);
    REQUIRE(after);
    Team expected = newer;
    expected.name = "De Linde West";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("team", s.team_id);
    REQUIRE(history.size() == logged + 1);
    CHECK(history.back().field == "name");
}

TEST_CASE("changing only a member's role keeps every other field, also one changed since it was opened", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    Member m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.name = "Thijs U.";
    m.role = Role::coach;
    m.created_at = m.updated_at = "2026-01-02T09:08:07Z";
    h.store().save_member(m, "Sanne B.");
    h.click("nav.team");
    h.click("team.member.Thijs U.");
    // Meanwhile an import says he has left: inactive.
    Member newer = *stored_member(h, s.team_id, m.id);
    newer.active = false;
    newer.updated_at = "2026-02-01T10:00:00Z";
    h.store().save_member(newer, "import");
    h.frame(2);
    h.click("team.member_role");
    h.click("team.role.behavioural_scientist");
    h.click("team.member_save");

    const auto after = stored_member(h, s.team_id, m.id);
    REQUIRE(after);
    Member expected = newer;
    expected.role = Role::behavioural_scientist;
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("member", m.id);
    REQUIRE(history.size() == 3);  // created, the import's active, the role
    CHECK(history[1].field == "active");
    CHECK(history[2].field == "role");
    CHECK(history[2].old_value == std::optional<std::string>("coach"));
    CHECK(history[2].new_value == std::optional<std::string>("behavioural_scientist"));
}

TEST_CASE("changing only a youth's setting keeps age 0 and every other field as stored", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Youth before = store_youth(h, s);
    h.click("nav.team");
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth.J-09");
    h.scroll("##team_scroll", true);  // and its form under them
    CHECK(shown_text(h, "team.youth_age") == "0");
    h.click("team.youth_discharged");  // in and out of the empty date: no change
    h.click("team.youth_setting.open");
    h.click("team.youth_save");

    const auto after = stored_youth(h, s.team_id, before.id);
    REQUIRE(after);
    Youth expected = before;
    expected.setting = CareSetting::open;
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    CHECK(after->updated_at != before.updated_at);
    const auto history = h.store().changes("youth", before.id);
    REQUIRE(history.size() == 2);  // created, then the one field
    CHECK(history[1].field == "setting");
}

TEST_CASE("a youth changed elsewhere while its form was open keeps that change", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    const Youth before = store_youth(h, s);
    h.click("nav.team");
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth.J-09");
    h.scroll("##team_scroll", true);  // and its form under them
    // Meanwhile an import brings the age and the discharge date.
    Youth newer = before;
    newer.age_at_admission = 16;
    newer.discharged_on = "2026-02-20";
    newer.updated_at = "2026-02-21T09:00:00Z";
    h.store().save_youth(newer, "import");
    h.frame(2);
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth_code");
    h.select_all();
    h.type("J-19");
    h.click("team.youth_save");

    const auto after = stored_youth(h, s.team_id, before.id);
    REQUIRE(after);
    Youth expected = newer;
    expected.code = "J-19";
    expected.updated_at = after->updated_at;
    CHECK(all_fields(*after) == all_fields(expected));
    const auto history = h.store().changes("youth", before.id);
    REQUIRE(history.size() == 4);  // created, the import's two fields, the code
    CHECK(history[3].field == "code");
}

TEST_CASE("a new youth's age of 0 is stored as 0, an empty age as unknown", "[screens][team][keep]") {
    UiHarness h;
    const Setup s = seed(h);
    h.click("nav.team");
    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth_code");
    h.type("J-20");
    h.click("team.youth_age");
    h.type("0");
    h.click("team.youth_admitted");
    h.type("2026-02-01");
    h.click("team.youth_save");
    const auto zero = youth_with_code(h, s.team_id, "J-20");
    REQUIRE(zero);
    CHECK(zero->age_at_admission == std::optional<int>(0));
    CHECK_FALSE(zero->discharged_on);

    h.scroll("##team_scroll", true);  // the youths are at the screen's end
    h.click("team.youth_code");
    h.type("J-21");
    h.click("team.youth_admitted");
    h.type("2026-02-01");
    h.click("team.youth_save");
    const auto unknown = youth_with_code(h, s.team_id, "J-21");
    REQUIRE(unknown);
    CHECK_FALSE(unknown->age_at_admission);
}

TEST_CASE("the registers hold the last months, a year more on request, and what a period filter asks for", "[screens][window]") {
    UiHarness h;  // 15 March 2026, UTC: the window starts on 1 December 2025
    DemoOptions o;
    o.teams = 1;
    o.years = 4;
    o.end = Date{2026, 3, 1};
    const Dataset d = generate_demo(o);
    h.store().insert_dataset(d);
    h.shell().dismiss_question();
    // The demo's measures and incidents that started in [from, to), counted here from the data set.
    auto measures_in = [&](Date from, Date to) {
        return std::count_if(d.measures.begin(), d.measures.end(), [&](const Measure& m) {
            const std::int64_t at = *parse_timestamp(m.started_at);
            return at >= local_midnight(from) && at < local_midnight(to);
        });
    };
    auto incidents_in = [&](Date from, Date to) {
        return std::count_if(d.incidents.begin(), d.incidents.end(), [&](const Incident& i) {
            const std::int64_t at = *parse_timestamp(i.occurred_at);
            return at >= local_midnight(from) && at < local_midnight(to);
        });
    };
    const Date end{2026, 4, 1};
    h.click("nav.measures");
    h.frame(2);
    const model::Model& model = h.shell().model();
    CHECK(model.rows().since == local_midnight(Date{2025, 12, 1}));
    CHECK(model.rows().all_measures == static_cast<std::int64_t>(d.measures.size()));
    CHECK(model.rows().all_incidents == static_cast<std::int64_t>(d.incidents.size()));
    CHECK(static_cast<std::int64_t>(h.shell().measures_screen().visible_rows().size()) >= measures_in(Date{2025, 12, 1}, end));
    REQUIRE(measures_in(Date{2022, 1, 1}, Date{2025, 12, 1}) > 0);
    CHECK(static_cast<std::int64_t>(model.measures().size()) < measures_in(Date{2022, 1, 1}, end));
    CHECK(model.incidents().size() == static_cast<std::size_t>(incidents_in(Date{2025, 12, 1}, end)));

    // "A year earlier" holds from 1 December 2024.
    h.click("list.show_earlier");
    h.frame(2);
    CHECK(model.rows().since == local_midnight(Date{2024, 12, 1}));
    CHECK(model.incidents().size() == static_cast<std::size_t>(incidents_in(Date{2024, 12, 1}, end)));

    // A period filter before that (a figure clicked through) reads its rows; the list shows them all.
    ui::request::ListFilter f;
    f.from = Date{2022, 6, 1};
    f.to = Date{2022, 9, 1};
    h.shell().apply(ui::request::ShowList{ui::ScreenId::incidents, f});
    h.frame(3);
    CHECK(model.rows().since == local_midnight(Date{2022, 6, 1}));
    REQUIRE(incidents_in(Date{2022, 6, 1}, Date{2022, 9, 1}) > 0);
    CHECK(h.shell().incidents_screen().visible_rows().size() == static_cast<std::size_t>(incidents_in(Date{2022, 6, 1}, Date{2022, 9, 1})));
    h.shell().apply(ui::request::ShowList{ui::ScreenId::measures, f});
    h.frame(3);
    CHECK(static_cast<std::int64_t>(h.shell().measures_screen().visible_rows().size()) == measures_in(Date{2022, 6, 1}, Date{2022, 9, 1}));
}
