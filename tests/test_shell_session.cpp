// Who is at the keyboard, the lock of the shared screen, the frames asked for while idle, and
// the window's place: issue 8, items 10, 11, 12 and 14.
#include "app/preferences_file.hpp"
#include "app/window_geometry.hpp"
#include "core/pin.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "temp_dir.hpp"
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui/screen_measures.hpp"
#include "ui_fixtures.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

using namespace ts;
using ts::test::kPinnedNow;
using ts::test::Setup;
using ts::test::UiHarness;
using ts::test::seed;
using ts::test::seed_store;

namespace {


// A seclusion that began `minutes` before the pinned now and has not ended.
void running_measure(UiHarness& h, const Setup& s, int minutes) {
    Measure m;
    m.id = new_uuid();
    m.team_id = s.team_id;
    m.youth_id = s.youth_id;
    m.type = "seclusion_room";
    m.started_at = format_timestamp(kPinnedNow - minutes * 60);
    m.emergency = true;
    m.created_at = m.updated_at = m.started_at;
    h.store().save_measure(m, "Sanne B.");
}

// Moves the pinned clock (the harness puts the original back when it ends).
void set_now(std::int64_t t) {
    set_clock_for_testing([t] { return t; });
}

std::string frame_text(UiHarness& h) { return h.screen_text(); }
bool has(const std::string& text, const std::string& part) { return UiHarness::screen_has(text, part); }

void choose_on_lock_screen(UiHarness& h, const std::string& name) {
    h.click("lock.who");
    h.frame();
    h.click("lock.who." + name);
}

}  // namespace

// --- item 10: who is at the keyboard -------------------------------------------------------

TEST_CASE("a restart asks again who is at the keyboard and ignores an old remembered member", "[shell][who]") {
    test::TempDir dir;
    const std::string db = dir.file("team.db");
    ui::MemoryPreferences prefs;
    std::string member_id;
    {
        UiHarness h(open_sqlite_store(db), prefs);
        const Setup s = seed(h);
        member_id = s.member_id;
        CHECK(h.shell().who() == "Sanne B.");
        CHECK_FALSE(h.shell().covered());
    }
    CHECK_FALSE(prefs.get("ui.member"));  // not remembered
    prefs.set("ui.member", member_id);    // as versions before this one left it
    UiHarness h(open_sqlite_store(db), prefs);
    h.frame(2);
    CHECK(h.shell().who().empty());
    CHECK(h.shell().covered());
    CHECK(h.drew(h.tr("lock.prompt_who")));
    choose_on_lock_screen(h, "Sanne B.");
    h.click("lock.unlock");
    CHECK(h.shell().who() == "Sanne B.");
    CHECK_FALSE(h.shell().covered());
}

TEST_CASE("the start question can be put off and register saves are then refused", "[shell][who]") {
    test::TempDir dir;
    const std::string db = dir.file("team.db");
    {
        auto store = open_sqlite_store(db);
        seed_store(*store);
    }
    UiHarness h(open_sqlite_store(db));
    h.frame(2);
    REQUIRE(h.shell().covered());
    h.click("lock.later");
    CHECK_FALSE(h.shell().covered());
    CHECK(h.shell().who().empty());
}

TEST_CASE("idle time clears the choice of who is at the keyboard", "[shell][who]") {
    UiHarness h;
    seed(h);
    REQUIRE(h.shell().prefs().who_idle_min == 30);  // the default
    set_now(kPinnedNow + 29 * 60 + 59);
    h.frame();
    CHECK(h.shell().who() == "Sanne B.");
    // The window is asked to wake when the limit comes, with no input in between.
    REQUIRE(h.shell().redraw_within());
    CHECK(*h.shell().redraw_within() <= 1.0);
    set_now(kPinnedNow + 30 * 60);
    h.frame();
    CHECK(h.shell().who().empty());
    h.frame();
    CHECK(h.shell().covered());
    CHECK(h.drew(h.tr("lock.prompt_who")));
}

TEST_CASE("input restarts the idle time and the minutes are a setting of this machine", "[shell][who]") {
    UiHarness h;
    seed(h);
    h.shell().apply(ui::request::SetIdleMinutes{false, 5});
    CHECK(h.own_preferences().get("who.idle_minutes") == std::optional<std::string>("5"));
    set_now(kPinnedNow + 4 * 60);
    ImGui::GetIO().MousePos = ImVec2(900, 500);
    h.frame();
    ImGui::GetIO().MousePos = ImVec2(910, 505);  // the mouse moves
    h.frame();
    set_now(kPinnedNow + 8 * 60);
    h.frame();
    CHECK(h.shell().who() == "Sanne B.");  // 4 minutes since the input
    set_now(kPinnedNow + 9 * 60);
    h.frame();
    CHECK(h.shell().who().empty());
}

TEST_CASE("team setup records unknown until someone can be chosen", "[shell][who]") {
    UiHarness h;
    h.frame(2);
    h.click("welcome.name");
    h.type("De Linde");
    h.click("welcome.create");
    const auto teams = h.store().teams();
    REQUIRE(teams.size() == 1);
    const auto team_changes = h.store().changes("team", teams[0].id);
    REQUIRE_FALSE(team_changes.empty());
    CHECK(team_changes.front().changed_by == kUnknownWho);

    h.click("nav.team");
    h.click("team.member_name");
    h.type("Anna K.");
    h.click("team.member_save");
    auto members = h.store().members(teams[0].id);
    REQUIRE(members.size() == 1);
    const auto first = h.store().changes("member", members[0].id);
    REQUIRE_FALSE(first.empty());
    CHECK(first.front().changed_by == kUnknownWho);
    // Nobody was chosen for the one who typed: the next member waits for a choice.
    CHECK(h.shell().who().empty());
    h.click("team.member_name");
    h.type("Bert L.");
    h.click("team.member_save");
    CHECK(h.store().members(teams[0].id).size() == 1);
    CHECK(has(frame_text(h), h.tr("form.who_required")));
}

// --- item 11: no stale screen while idle ----------------------------------------------------

TEST_CASE("a running measure in the list is drawn again within a minute with the new minutes", "[shell][redraw]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().set_idle_minutes(false, 0);  // no idle limit asking for frames of its own
    running_measure(h, s, 5);
    h.click("nav.measures");
    h.frame(2);
    // The column may cut the text short ("loopt nog (5 m"): the minutes are what counts here.
    std::string text = frame_text(h);
    CHECK(has(text, "loopt nog (5"));
    REQUIRE(h.shell().redraw_within());
    CHECK(*h.shell().redraw_within() > 0);
    CHECK(*h.shell().redraw_within() <= 60);
    set_now(kPinnedNow + 2 * 60);
    text = frame_text(h);  // one frame, no input
    CHECK(has(text, "loopt nog (7"));
    CHECK_FALSE(has(text, "loopt nog (5"));
    // The form of the running measure says so too, and asks for its frame as well.
    h.click("measures.row.0");
    h.frame();
    set_now(kPinnedNow + 4 * 60);
    text = frame_text(h);
    CHECK(has(text, "Loopt nog, sinds 9 min"));
    REQUIRE(h.shell().redraw_within());
    CHECK(*h.shell().redraw_within() <= 60);
}

TEST_CASE("nothing that changes by itself on screen asks for no frame", "[shell][redraw]") {
    UiHarness h;
    const Setup s = seed(h);
    h.shell().set_idle_minutes(false, 0);
    h.click("nav.measures");
    h.frame(2);
    CHECK_FALSE(h.shell().redraw_within());
    running_measure(h, s, 5);
    h.frame(2);
    CHECK(h.shell().redraw_within());
}

TEST_CASE("the window waits for the frame a screen asked for and no longer", "[shell][redraw]") {
    app::FramePacer pacer;
    CHECK_FALSE(pacer.due(1e9));
    CHECK(pacer.wait(100, 1.0) == 1.0);  // only the store poll wakes it
    pacer.drawn(100, 0.25);
    CHECK(pacer.wait(100, 1.0) == 0.25);
    CHECK_FALSE(pacer.due(100.2));
    CHECK(pacer.due(100.25));
    pacer.drawn(200, 60);
    CHECK(pacer.wait(200, 1.0) == 1.0);
    CHECK(pacer.wait(259.5, 1.0) == 0.5);
    CHECK(pacer.wait(300, 1.0) == 0);
    pacer.drawn(300, std::nullopt);
    CHECK_FALSE(pacer.due_at());
}

// --- item 12: the window's place -------------------------------------------------------------

TEST_CASE("the window geometry is read back only when every value is whole and in range", "[app][window]") {
    ui::MemoryPreferences prefs;
    CHECK_FALSE(app::read_window_geometry(prefs));
    const app::WindowGeometry g{1930, 40, 1800, 1000, true};
    app::remember_window_geometry(prefs, g);
    CHECK(app::read_window_geometry(prefs) == std::optional<app::WindowGeometry>(g));
    for (const auto& [key, bad] : {std::pair{"window.width", "12x"}, std::pair{"window.width", "100"},
                                   std::pair{"window.height", "99999"}, std::pair{"window.x", ""},
                                   std::pair{"window.y", "1e3"}, std::pair{"window.fullscreen", "yes"}}) {
        ui::MemoryPreferences p;
        app::remember_window_geometry(p, g);
        p.set(key, bad);
        INFO(key << " = " << bad);
        CHECK_FALSE(app::read_window_geometry(p));
    }
}

TEST_CASE("the window geometry is kept in the preferences file of this machine", "[app][window]") {
    test::TempDir dir;
    const std::string path = dir.file("preferences.json");
    const app::WindowGeometry g{100, 80, 1700, 950, false};
    {
        PreferencesFile f(path);
        app::remember_window_geometry(f, g);
    }
    PreferencesFile again(path);
    CHECK(again.problem().empty());
    CHECK(app::read_window_geometry(again) == std::optional<app::WindowGeometry>(g));
}

TEST_CASE("the window is fitted onto a monitor that is there", "[app][window]") {
    const app::MonitorArea primary{0, 0, 1920, 1040}, right{1920, 0, 2560, 1400};
    using G = app::WindowGeometry;
    // Wholly on a monitor: unchanged.
    CHECK(app::fit_to_monitors(G{100, 50, 1600, 900, false}, {primary, right}) == G{100, 50, 1600, 900, false});
    CHECK(app::fit_to_monitors(G{2000, 100, 2000, 1200, true}, {primary, right}) == G{2000, 100, 2000, 1200, true});
    // Half off the right edge of the only monitor: moved in.
    CHECK(app::fit_to_monitors(G{1500, 500, 1000, 700, false}, {primary}) == G{920, 340, 1000, 700, false});
    // On a monitor unplugged since: onto the primary one.
    CHECK(app::fit_to_monitors(G{2200, 100, 1600, 900, false}, {primary}) == G{320, 100, 1600, 900, false});
    // Larger than the monitor: shrunk to it.
    CHECK(app::fit_to_monitors(G{-50, -20, 2560, 1440, false}, {primary}) == G{0, 0, 1920, 1040, false});
    // Across two monitors: onto the one it overlaps most.
    CHECK(app::fit_to_monitors(G{1800, 100, 1000, 800, false}, {primary, right}) == G{1920, 100, 1000, 800, false});
    // No monitor known: as it was.
    CHECK(app::fit_to_monitors(G{5000, 5000, 800, 600, false}, {}) == G{5000, 5000, 800, 600, false});
    // The first run: 80 % of the work area, centred.
    CHECK(app::default_geometry(app::MonitorArea{0, 0, 1920, 1080}) == G{192, 108, 1536, 864, false});
}

// --- item 14: a lock for the shared screen ---------------------------------------------------

TEST_CASE("Ctrl+L locks and the lock screen shows no member name youth code or free text", "[shell][lock]") {
    UiHarness h;
    const Setup s = seed(h);
    running_measure(h, s, 5);
    h.click("nav.measures");
    h.frame(2);
    std::string text = frame_text(h);
    REQUIRE(has(text, "J-07"));      // what the lock must hide is on screen before it
    REQUIRE(has(text, "Sanne B."));
    h.press(ui::key::letter('l'), true);
    CHECK(h.shell().locked());
    text = frame_text(h);
    CHECK(has(text, "Teamspiegel"));
    CHECK(has(text, h.tr("lock.prompt_locked")));
    CHECK_FALSE(has(text, "J-07"));
    CHECK_FALSE(has(text, "Sanne"));
    CHECK_FALSE(has(text, "De Linde"));
    CHECK_FALSE(has(text, h.tr("nav.measures")));
    CHECK(h.shell().who().empty());  // whoever unlocks says who they are
}

TEST_CASE("Ctrl+L while typing in a text field does not lock and a lock keeps the typed work", "[shell][lock]") {
    UiHarness h;
    seed(h);
    h.click("nav.measures");
    h.click("measures.new");
    h.click("measures.field.reason");
    h.type("Liep weg bij de deur");
    h.press(ui::key::letter('l'), true);
    CHECK_FALSE(h.shell().locked());
    // Locked in the middle of typing (as the idle lock may): the form is as it was when the
    // lock lifts.
    h.shell().apply(ui::request::Lock{});
    REQUIRE(h.shell().locked());
    CHECK_FALSE(has(frame_text(h), "Liep weg"));
    choose_on_lock_screen(h, "Sanne B.");
    h.click("lock.unlock");
    REQUIRE_FALSE(h.shell().locked());
    CHECK(h.shell().measures_screen().form_open());
    CHECK(has(frame_text(h), "Liep weg bij de deur"));
}

TEST_CASE("a wrong PIN refuses and the right PIN unlocks", "[shell][lock]") {
    UiHarness h;
    seed(h);
    CHECK(h.shell().set_pin("12a4") == "pin.digits_only");
    CHECK(h.shell().set_pin("123") == "pin.too_short");
    CHECK_FALSE(h.shell().pin_set());
    REQUIRE(h.shell().set_pin("4321").empty());
    const auto hash = h.own_preferences().get("lock.pin_hash");
    REQUIRE(hash);
    CHECK_FALSE(has(*hash, "4321"));  // a salted hash, not the PIN
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    h.shell().apply(ui::request::Lock{});
    h.frame(2);
    choose_on_lock_screen(h, "Sanne B.");
    h.click("lock.pin");
    h.type("1234");
    h.click("lock.unlock");
    h.frame();
    CHECK(h.shell().locked());
    CHECK(h.shows(h.tr("lock.wrong_pin")));
    CHECK(h.shell().who().empty());
    // The PIN field has the keyboard again: typed, and Enter unlocks.
    h.frame(2);
    CHECK(ImGui::GetIO().WantTextInput);
    h.type("4321");
    h.press(h.key(ImGuiKey_Enter));
    h.frame();
    CHECK_FALSE(h.shell().locked());
    CHECK(h.shell().who() == "Sanne B.");
}

TEST_CASE("a PIN is needed again after a restart", "[shell][lock]") {
    test::TempDir dir;
    const std::string db = dir.file("team.db");
    ui::MemoryPreferences prefs;
    {
        UiHarness h(open_sqlite_store(db), prefs);
        seed(h);
        REQUIRE(h.shell().set_pin("2468").empty());
    }
    UiHarness h(open_sqlite_store(db), prefs);
    h.frame(2);
    CHECK(h.shell().locked());
    CHECK(h.shell().unlock(h.shell().model().members().front().id, "1111") == "lock.wrong_pin");
    CHECK(h.shell().unlock(h.shell().model().members().front().id, "2468").empty());
}

TEST_CASE("the idle lock fires after the configured time", "[shell][lock]") {
    UiHarness h;
    seed(h);
    h.shell().apply(ui::request::SetIdleMinutes{true, 10});
    CHECK(h.own_preferences().get("lock.idle_minutes") == std::optional<std::string>("10"));
    set_now(kPinnedNow + 10 * 60 - 1);
    h.frame();
    CHECK_FALSE(h.shell().locked());
    REQUIRE(h.shell().redraw_within());
    CHECK(*h.shell().redraw_within() <= 1.0);
    set_now(kPinnedNow + 10 * 60);
    h.frame();
    CHECK(h.shell().locked());
}

TEST_CASE("the PIN hash is salted and checks only its own PIN", "[core][pin]") {
    const std::string a = hash_pin("1357"), b = hash_pin("1357");
    CHECK(a != b);
    CHECK(pin_matches(a, "1357"));
    CHECK(pin_matches(b, "1357"));
    CHECK_FALSE(pin_matches(a, "1358"));
    CHECK_FALSE(pin_matches("", "1357"));
    CHECK_FALSE(pin_matches("not a hash", "1357"));
    CHECK(pin_problem("1234") == std::nullopt);
    CHECK(pin_problem("1234567890123") == std::optional<std::string>("pin.too_long"));
}

TEST_CASE("a question open in a form does not stand in the way of unlocking", "[shell][lock]") {
    UiHarness h;
    const Setup s = seed(h);
    running_measure(h, s, 5);
    h.click("nav.measures");
    h.frame();
    h.click("measures.row.0");
    h.click("measures.delete");
    h.frame();
    REQUIRE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
    h.shell().apply(ui::request::Lock{});
    h.frame(2);
    CHECK_FALSE(has(frame_text(h), "J-07"));
    choose_on_lock_screen(h, "Sanne B.");
    h.click("lock.unlock");
    CHECK_FALSE(h.shell().locked());
    CHECK(h.shell().who() == "Sanne B.");
    CHECK(h.shell().measures_screen().form_open());
    CHECK(h.store().measures(s.team_id).size() == 1);  // nothing deleted on the way
}

TEST_CASE("the change history shows unknown in the language of the screen", "[shell][who]") {
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
    h.store().save_measure(m, kUnknownWho);
    h.click("nav.measures");
    h.frame();
    h.click("measures.row.0");
    h.scroll("##measure_form", true);  // the history is at the form's end
    std::string text = frame_text(h);
    CHECK(has(text, h.tr("history.unknown")));
    CHECK(h.tr("history.unknown") == "onbekend");
    CHECK_FALSE(has(text, kUnknownWho));
}

TEST_CASE("a message on the rail asks for the frame that takes it away", "[shell][redraw]") {
    UiHarness h;
    seed(h);
    h.shell().set_idle_minutes(false, 0);
    h.frame();
    REQUIRE_FALSE(h.shell().redraw_within());
    h.shell().apply(ui::request::Flash{ui::Tone::ok, "Opgeslagen"});
    h.frame();
    REQUIRE(h.shell().redraw_within());
    CHECK(*h.shell().redraw_within() > 5.0);
    CHECK(*h.shell().redraw_within() <= 6.2);
}

TEST_CASE("a PIN is set in Settings and a bad one is named and changes nothing", "[shell][lock]") {
    UiHarness h;
    seed(h);
    h.click("nav.settings");
    h.frame();
    // The lock's settings are at the bottom: scrolled to, as a wheel would.
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (std::string(w->Name).find("##content") != std::string::npos) ImGui::SetScrollY(w, w->ScrollMax.y + 500);
    h.frame(2);
    h.click("settings.pin");
    h.type("12");
    h.click("settings.pin_set");
    h.frame();
    CHECK(h.shows(h.tr("pin.too_short")));
    CHECK_FALSE(h.shell().pin_set());
    CHECK_FALSE(h.own_preferences().get("lock.pin_hash"));
    h.click("settings.pin");
    h.type("34");
    h.click("settings.pin_set");
    h.frame();
    CHECK(h.shell().pin_set());
    const auto hash = h.own_preferences().get("lock.pin_hash");
    REQUIRE(hash);
    CHECK(pin_matches(*hash, "1234"));
}
