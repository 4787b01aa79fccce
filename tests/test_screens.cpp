#include "core/demo.hpp"
#include "ui/probe.hpp"
#include "ui/screen_guideline.hpp"
#include "ui/screen_incidents.hpp"
#include "ui/screen_measures.hpp"
#include "ui/screen_team.hpp"
#include "temp_dir.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace ts;
using ts::test::UiHarness;

TEST_CASE("an empty database opens on the welcome screen", "[screens]") {
    UiHarness h;
    h.frame(2);
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
    CHECK(ui::probed("welcome.create"));
    CHECK(ui::probed("welcome.demo"));
}

namespace {

// Opens `id` the way a person does: from the rail, or (welcome, not on the rail) as the team
// screen's "new team" button does.
void open(UiHarness& h, ui::ScreenId id) {
    if (id == ui::ScreenId::welcome) {
        h.shell().show(id);
        h.frame(2);
    } else {
        h.click("nav." + std::string(ui::screen_name(id)));
        h.frame();  // a frame drawn wholly on the new screen
    }
}

// The heading a register screen draws first.
std::string heading_of(const UiHarness& h, ui::ScreenId id) { return h.tr("nav." + std::string(ui::screen_name(id))); }

// What `id` shows: its heading and then, empty, the hint to create a team first, or with data
// what is particular to it. Nothing of another screen is drawn.
void check_content(UiHarness& h, ui::ScreenId id, bool with_data) {
    using ui::probed_this_frame;
    using ui::ScreenId;
    const Lang lang = h.shell().prefs().lang;
    const std::string no_team = h.tr("common.no_team");
    const bool is_register = id != ScreenId::welcome && id != ScreenId::guideline && id != ScreenId::settings;
    if (is_register) {
        CHECK(h.drew(heading_of(h, id)));
        CHECK(h.shows(no_team) == !with_data);
    }
    for (ScreenId other : ui::kRailScreens)
        if (other != id) CHECK_FALSE(h.drew(heading_of(h, other)));
    const Guideline& g = h.content().guideline;
    if (id != ScreenId::guideline) CHECK_FALSE(h.drew(g.source_title.in(lang)));
    if (id != ScreenId::welcome) CHECK_FALSE(h.drew(h.tr("welcome.intro")));

    switch (id) {
        case ScreenId::welcome:
            CHECK(h.drew(h.tr("welcome.intro")));
            CHECK(probed_this_frame("welcome.create"));
            CHECK(probed_this_frame("welcome.demo"));
            break;
        case ScreenId::meeting:
            if (with_data) {
                CHECK(h.drew(h.shell().model().current_team()->name));
                // The start page: every template to choose from, the one the team used last chosen,
                // with its description.
                for (const auto& t : h.content().templates) CHECK(probed_this_frame("meeting.template." + t.id));
                const auto& meetings = h.shell().model().meetings();
                REQUIRE_FALSE(meetings.empty());
                CHECK(h.drew(h.content().meeting_template(meetings.front().template_id)->description.in(lang)));
                CHECK(probed_this_frame("meeting.start"));
            }
            break;
        case ScreenId::actions:
            CHECK(probed_this_frame("actions.new") == with_data);
            CHECK(probed_this_frame("actions.row.0") == with_data);
            break;
        case ScreenId::overview:
            CHECK(probed_this_frame("overview.chart.measures") == with_data);
            break;
        case ScreenId::managers:
            // A row per team, under the headers.
            CHECK(probed_this_frame("managers.col.0") == with_data);
            if (with_data)
                for (const auto& t : h.shell().model().teams()) CHECK(probed_this_frame("managers.cell." + t.name + ".team"));
            break;
        case ScreenId::incidents:
            CHECK(probed_this_frame("incidents.new") == with_data);
            CHECK(probed_this_frame("incidents.row.0") == with_data);
            break;
        case ScreenId::measures:
            CHECK(probed_this_frame("measures.new") == with_data);
            CHECK(probed_this_frame("measures.row.0") == with_data);
            break;
        case ScreenId::guideline:
            CHECK(h.drew(g.source_title.in(lang)));
            CHECK(h.drew(g.building_blocks.at(0).guiding_question.in(lang)));
            for (std::size_t i = 0; i < g.building_blocks.size(); ++i)
                CHECK(probed_this_frame("guideline.block." + std::to_string(i)));
            break;
        case ScreenId::team:
            CHECK(probed_this_frame("team.name") == with_data);
            CHECK(probed_this_frame("team.youth_save") == with_data);
            CHECK(h.drew(h.tr("team.youths_hint")) == with_data);
            if (with_data) {
                REQUIRE_FALSE(h.shell().model().members().empty());
                CHECK(probed_this_frame("team.member." + h.shell().model().members().front().name));
            }
            break;
        case ScreenId::settings:
            CHECK(h.drew(h.tr("nav.settings")));
            CHECK(probed_this_frame("settings.export"));
            CHECK(probed_this_frame("settings.import"));
            break;
    }
}

}  // namespace

TEST_CASE("every screen opens and shows its content, empty and with demo data, in both languages and themes", "[screens]") {
    for (bool with_data : {false, true}) {
        UiHarness h;
        if (with_data) {
            DemoOptions o;
            o.teams = 2;
            o.years = 1;  // up to the pinned today
            h.store().insert_dataset(generate_demo(o));
        }
        h.frame(2);
        for (Lang lang : {Lang::nl, Lang::en}) {
            h.shell().set_language(lang);
            for (ui::Theme theme : {ui::Theme::light, ui::Theme::dark}) {
                h.shell().set_theme(theme);
                for (auto id : {ui::ScreenId::welcome, ui::ScreenId::meeting, ui::ScreenId::actions, ui::ScreenId::incidents,
                                ui::ScreenId::measures, ui::ScreenId::overview, ui::ScreenId::guideline, ui::ScreenId::team,
                                ui::ScreenId::settings}) {
                    INFO("screen " << ui::screen_name(id) << (with_data ? " with data" : " empty") << ", "
                                   << (lang == Lang::en ? "en" : "nl") << (theme == ui::Theme::dark ? ", dark" : ", light"));
                    open(h, id);
                    REQUIRE(h.shell().screen() == id);
                    REQUIRE(h.shell().failure().empty());
                    check_content(h, id, with_data);
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
    CHECK(h.shell().model().team_id() == teams[0].id);
}

TEST_CASE("the welcome form refuses an empty name and a taken name, storing nothing", "[screens]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.create");
    h.frame();
    CHECK(h.store().teams().empty());
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
    CHECK(h.refused_fields() == std::vector<std::string>{"name"});
    CHECK(h.refused("name", "error.team.name_required"));

    h.click("welcome.name");
    h.type("De Linde");
    h.click("welcome.create");
    REQUIRE(h.store().teams().size() == 1);
    h.shell().show(ui::ScreenId::welcome);
    h.click("welcome.name");
    h.type("de linde");
    h.click("welcome.create");
    h.frame();
    CHECK(h.store().teams().size() == 1);
    CHECK(h.shell().screen() == ui::ScreenId::welcome);
    CHECK(h.refused_fields() == std::vector<std::string>{"name"});
    CHECK(h.refused("name", "error.team.name_taken"));
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
    const Guideline& g = h.content().guideline;
    REQUIRE(g.building_blocks.size() == 4);
    auto selected = [&] { return ui::ShellTestAccess::guideline(h.shell()).selected(); };
    // What the text column shows for block `b`: its guiding question and recommendations, and
    // no other block's question.
    auto shows_block = [&](std::size_t b, Lang lang) {
        INFO("block " << b << (lang == Lang::en ? " in English" : " in Dutch"));
        CHECK(h.drew(g.building_blocks[b].guiding_question.in(lang)));
        for (const auto& r : g.building_blocks[b].recommendations) CHECK(h.drew(r.text.in(lang)));
        for (std::size_t other = 0; other < g.building_blocks.size(); ++other)
            if (other != b) CHECK_FALSE(h.drew(g.building_blocks[other].guiding_question.in(lang)));
    };
    CHECK(selected() == 0);
    shows_block(0, Lang::nl);

    for (std::size_t b : {1, 3, 2, 0}) {
        h.click("guideline.block." + std::to_string(b));
        h.frame();
        CHECK(selected() == static_cast<int>(b));
        shows_block(b, Lang::nl);
    }

    // "Aan de slag met de richtlijn": its questions, no block.
    h.click("guideline.reflection");
    h.frame();
    CHECK(selected() == 4);
    CHECK(h.drew(g.reflection_questions.front().text.nl));
    CHECK_FALSE(h.drew(g.building_blocks[0].guiding_question.nl));
    // The spearhead agenda.
    h.click("guideline.agenda");
    h.frame();
    CHECK(selected() == 5);
    for (const auto& sp : g.spearheads) CHECK(h.drew(sp.summary.nl));
    CHECK_FALSE(h.drew(g.reflection_questions.front().text.nl));

    // The guideline in English, the program still in Dutch.
    h.click("guideline.block.1");
    h.click("guideline.lang_en");
    h.frame();
    CHECK(selected() == 1);
    shows_block(1, Lang::en);
    CHECK_FALSE(h.drew(g.building_blocks[1].guiding_question.nl));
    CHECK(h.drew(g.source_title.en));
    CHECK(h.shell().prefs().lang == Lang::nl);
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
        const Revisions revision = s.revisions();
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
        CHECK(s.revisions() == revision);
        CHECK_FALSE(s.legacy_setting("ui.zoom_pct"));
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
    // An older Teamspiegel wrote its preferences into the team database.
    ts::test::TempDir tmp;
    const std::string path = tmp.file("older.db");
    { open_sqlite_store(path); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "INSERT INTO setting (key, value) VALUES ('ui.zoom_pct', '150'), ('ui.language', 'en')", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    UiHarness h(open_sqlite_store(path));
    CHECK(h.shell().prefs().zoom_pct == 150);
    CHECK(h.shell().prefs().lang == Lang::en);
    h.shell().set_zoom_pct(110);
    CHECK(h.preferences().get("ui.zoom_pct") == std::optional<std::string>("110"));
}

TEST_CASE("every translation key the screens use exists in nl.json", "[screens][i18n]") {
    // Scan the UI sources for tr("…"), trf("…") and label("…") and look each key up; trn("…")
    // keys must have plural forms.
    const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    const std::regex call(R"re(\b(tr|trf|label)\("([a-z_.]+)")re");
    const std::regex plural_call(R"re(\btrn\("([a-z_.]+)")re");
    std::set<std::string> keys, plural_keys;
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(TEAMSPIEGEL_SOURCE_DIR) + "/src/ui")) {
        if (!e.is_regular_file()) continue;  // src/ui/meeting/ and its files too
        std::ifstream in(e.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) keys.insert((*it)[2]);
        for (std::sregex_iterator it(text.begin(), text.end(), plural_call), end; it != end; ++it) plural_keys.insert((*it)[1]);
    }
    REQUIRE(keys.size() > 30);
    REQUIRE(plural_keys.size() > 5);
    for (const auto& k : keys) {
        INFO(k);
        CHECK(c.translations.nl.count(k) == 1);
    }
    for (const auto& k : plural_keys) {
        INFO(k);
        CHECK(c.translations.nl_plural.count(k) == 1);
    }
    for (auto id : ui::kRailScreens) CHECK(c.translations.nl.count("nav." + std::string(ui::screen_name(id))) == 1);
}
