// What typing into the shared form widgets does on screen (issue 8): a bare time later than now
// is yesterday's and the field says so; type-ahead for youth codes takes the exact code first.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

using namespace ts;
using ts::test::UiHarness;

namespace {

// A team with a group worker and youths with the given codes, added in that order (closed
// group, in care since 5 January). Returns each code's id, and the team's as "team". The harness pins the clock at
// 15 March 2026, 10:00 UTC.
std::map<std::string, std::string> seed(UiHarness& h, const std::vector<std::string>& codes) {
    Team t;
    t.id = new_uuid();
    t.name = "De Linde";
    t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
    h.store().save_team(t, "test");
    Member m;
    m.id = new_uuid();
    m.team_id = t.id;
    m.name = "Sanne B.";
    m.created_at = m.updated_at = t.created_at;
    h.store().save_member(m, "test");
    std::map<std::string, std::string> ids{{"team", t.id}};
    for (const auto& code : codes) {
        Youth y;
        y.id = ids[code] = new_uuid();
        y.team_id = t.id;
        y.code = code;
        y.age_at_admission = 15;
        y.admitted_on = "2026-01-05";
        y.setting = CareSetting::closed;
        y.created_at = y.updated_at = t.created_at;
        h.store().save_youth(y, "test");
    }
    h.shell().set_team(t.id);
    h.shell().set_member(m.id);
    h.frame(2);
    return ids;
}

}  // namespace

TEST_CASE("a bare time later than now is shown and stored as yesterday", "[screens][when]") {
    UiHarness h;
    const auto ids = seed(h, {"J-07"});
    h.click("nav.incidents");
    h.click("incidents.new");
    REQUIRE(h.shell().incidents_screen().form_open());
    h.click("incidents.field.when");
    h.type("23:55");  // at 10:00: last night
    h.frame();
    CHECK(h.shows("gisteren 23:55"));
    CHECK(h.shows("2026-03-14"));
    // A time earlier today is today, and says nothing about yesterday.
    h.select_all();
    h.type("09:30");
    h.frame();
    CHECK_FALSE(h.shows("gisteren"));
    CHECK(h.shows("= 2026-03-15 09:30"));
    h.select_all();
    h.type("23:55");
    h.click("incidents.youth.J-07");
    h.click("incidents.field.description");
    h.type("Duwen bij de overdracht.");
    h.click("incidents.save");
    const auto stored = h.store().incidents(ids.at("team"));
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].occurred_at == "2026-03-14T23:55:00Z");
}

TEST_CASE("typing j1 then Enter in the measure form takes youth J-1", "[screens][measures][codes]") {
    UiHarness h;
    const auto ids = seed(h, {"J-11", "J-15", "J-19", "J-10", "J-1"});
    h.click("nav.measures");
    h.click("measures.new");
    REQUIRE(h.shell().measures_screen().form_open());
    h.click("measures.field.youth");
    h.type("j1");
    h.press(h.key(ImGuiKey_Enter));
    h.click("measures.field.start");
    h.type("2026-03-01 14:00");
    h.click("measures.field.end");
    h.type("+20");
    h.click("measures.field.reason");
    h.type("Acuut gevaar");
    h.click("measures.save");
    const auto stored = h.store().measures(ids.at("team"));
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].youth_id == ids.at("J-1"));
}

TEST_CASE("the incident form's key hint has no +15 since an incident has no start", "[screens][incidents]") {
    UiHarness h;
    seed(h, {"J-07"});
    h.click("nav.incidents");
    h.click("incidents.new");
    h.frame();
    CHECK(h.shows("UU:MM, nu"));
    CHECK_FALSE(h.shows("+15"));
    h.click("nav.measures");
    h.click("measures.new");
    h.frame();
    CHECK(h.shows("+15 (minuten na begin)"));
}
