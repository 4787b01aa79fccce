// What typing into the shared form widgets does on screen (issue 8): a bare time later than now
// is yesterday's and the field says so; type-ahead for youth codes takes the exact code first.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

using namespace ts;
using ts::test::UiHarness;

namespace {

// Youths with the given codes in "De Linde" (ui_fixtures): each code's id, and the team's as
// "team".
std::map<std::string, std::string> seed_youths(UiHarness& h, const std::vector<std::string>& codes) {
    const ts::test::Setup s = ts::test::seed(h, codes);
    std::map<std::string, std::string> ids = s.youth_ids;
    ids["team"] = s.team_id;
    return ids;
}

}  // namespace

TEST_CASE("a bare time later than now is shown and stored as yesterday", "[screens][when]") {
    UiHarness h;
    const auto ids = seed_youths(h, {"J-07"});
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
    const auto ids = seed_youths(h, {"J-11", "J-15", "J-19", "J-10", "J-1"});
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
    seed_youths(h, {"J-07"});
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
