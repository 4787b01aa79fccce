#include "core/demo.hpp"
#include "ui/probe.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

using namespace ts;
using ts::test::UiHarness;

TEST_CASE("an empty database opens on the welcome screen", "[screens]") {
    UiHarness h;
    h.frame(2);
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
    CHECK(ui::probed("welcome.create"));
    CHECK(ui::probed("welcome.demo"));
}

TEST_CASE("every screen draws a frame, empty and with demo data, in both languages and themes", "[screens]") {
    for (bool with_data : {false, true}) {
        UiHarness h;
        if (with_data) {
            DemoOptions o;
            o.teams = 2;
            o.years = 1;
            o.end = Date{2026, 11, 1};
            h.store().insert_dataset(generate_demo(o));
        }
        for (Lang lang : {Lang::nl, Lang::en}) {
            h.shell().set_language(lang);
            for (ui::Theme theme : {ui::Theme::light, ui::Theme::dark}) {
                h.shell().set_theme(theme);
                for (auto id : {ui::ScreenId::welcome, ui::ScreenId::meeting, ui::ScreenId::actions, ui::ScreenId::incidents,
                                ui::ScreenId::measures, ui::ScreenId::overview, ui::ScreenId::guideline, ui::ScreenId::settings}) {
                    INFO("screen " << ui::screen_name(id) << (with_data ? " with data" : " empty"));
                    h.shell().show(id);
                    h.frame(2);
                    CHECK(h.shell().screen() == id);
                    CHECK(ImGui::GetDrawData()->TotalVtxCount > 100);  // something was drawn
                }
            }
        }
    }
}

TEST_CASE("a team is created on the welcome screen by typing and clicking", "[screens]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.name");
    h.type("De Linde");
    h.click("welcome.location");
    h.type("Leiden");
    h.click("welcome.create");
    const auto teams = h.store().teams();
    REQUIRE(teams.size() == 1);
    CHECK(teams[0].name == "De Linde");
    CHECK(teams[0].location == "Leiden");
    CHECK(teams[0].capacity == 8);
    CHECK(teams[0].reduction_goal_pct == 30);
    CHECK(h.shell().screen() == ui::ScreenId::meeting);
    CHECK(h.shell().cache().team_id == teams[0].id);
}

TEST_CASE("the welcome form refuses an empty name and a taken name, storing nothing", "[screens]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.create");
    CHECK(h.store().teams().empty());
    CHECK(h.shell().screen() == ui::ScreenId::welcome);

    h.click("welcome.name");
    h.type("De Linde");
    h.click("welcome.create");
    REQUIRE(h.store().teams().size() == 1);
    h.shell().show(ui::ScreenId::welcome);
    h.click("welcome.name");
    h.type("de linde");
    h.click("welcome.create");
    CHECK(h.store().teams().size() == 1);
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
}

TEST_CASE("load demo data from the welcome screen", "[screens]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.demo");
    CHECK(h.store().counts().teams == 4);
    CHECK(h.store().counts().measures > 100);
    CHECK(h.shell().screen() == ui::ScreenId::meeting);
}

TEST_CASE("the navigation rail switches screens", "[screens]") {
    UiHarness h;
    h.frame(2);
    h.click("nav.guideline");
    CHECK(h.shell().screen() == ui::ScreenId::guideline);
    h.click("nav.settings");
    CHECK(h.shell().screen() == ui::ScreenId::settings);
}

TEST_CASE("the guideline screen browses building blocks in Dutch and English", "[screens]") {
    UiHarness h;
    h.shell().show(ui::ScreenId::guideline);
    h.frame(2);
    for (int i = 0; i < 4; ++i) CHECK(ui::probed("guideline.block." + std::to_string(i)));
    h.click("guideline.block.1");
    h.click("guideline.lang_en");
    // The English title of block 2 is drawn as a selectable label.
    h.frame();
    CHECK(h.shell().screen() == ui::ScreenId::guideline);
}

TEST_CASE("zoom, theme and team are remembered in this machine's preferences, not in the database", "[screens][preferences]") {
    ui::MemoryPreferences preferences;
    auto store = open_sqlite_store(":memory:");
    Store& s = *store;
    DemoOptions o;
    o.teams = 2;
    o.years = 1;
    o.end = Date{2026, 11, 1};
    s.insert_dataset(generate_demo(o));
    const std::string second_team = s.teams()[1].id;
    {
        UiHarness h(std::move(store), preferences);
        h.frame();
        const float before = ImGui::GetFontSize();
        const std::uint64_t revision = s.revision();
        h.shell().zoom_in();
        h.shell().zoom_in();
        h.frame();
        CHECK(h.shell().prefs().zoom_pct == 120);
        CHECK(ImGui::GetFontSize() == Approx(before * 1.2f).margin(1.0));
        h.shell().set_theme(ui::Theme::dark);
        h.shell().set_team(second_team);
        h.frame();
        CHECK(preferences.get("ui.zoom_pct") == std::optional<std::string>("120"));
        CHECK(preferences.get("ui.theme") == std::optional<std::string>("dark"));
        CHECK(preferences.get("ui.team") == second_team);
        // Nothing of it went to the team database: its revision did not move.
        CHECK(s.revision() == revision);
        CHECK_FALSE(s.setting("ui.zoom_pct"));
        h.shell().set_zoom_pct(1000);
        CHECK(h.shell().prefs().zoom_pct == ui::kZoomMax);
        h.shell().set_zoom_pct(120);
    }
    {
        // The next start on this machine: the same zoom, theme and team.
        UiHarness h(open_sqlite_store(":memory:"), preferences);
        CHECK(h.shell().prefs().zoom_pct == 120);
        CHECK(h.shell().prefs().theme == ui::Theme::dark);
    }
}

TEST_CASE("preferences a database of an older version kept are still used", "[screens][preferences]") {
    auto store = open_sqlite_store(":memory:");
    store->set_setting("ui.zoom_pct", "150");
    store->set_setting("ui.language", "en");
    UiHarness h(std::move(store));
    CHECK(h.shell().prefs().zoom_pct == 150);
    CHECK(h.shell().prefs().lang == Lang::en);
    h.shell().set_zoom_pct(110);
    CHECK(h.preferences().get("ui.zoom_pct") == std::optional<std::string>("110"));
}

TEST_CASE("every translation key the screens use exists in nl.json", "[screens][i18n]") {
    // Scan the UI sources for tr("…"), trf("…") and label("…") and look each key up.
    const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    const std::regex call(R"re(\b(tr|trf|label)\("([a-z_.]+)")re");
    std::set<std::string> keys;
    for (const auto& e : std::filesystem::directory_iterator(std::string(TEAMSPIEGEL_SOURCE_DIR) + "/src/ui")) {
        std::ifstream in(e.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) keys.insert((*it)[2]);
    }
    REQUIRE(keys.size() > 30);
    for (const auto& k : keys) {
        INFO(k);
        CHECK(c.translations.nl.count(k) == 1);
    }
    for (auto id : ui::kRailScreens) CHECK(c.translations.nl.count("nav." + std::string(ui::screen_name(id))) == 1);
}
