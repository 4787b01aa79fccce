// Shortcuts are read inside the frame from ImGui's key state (issue 7, finding 7): the zoom
// keys work everywhere except while a text field has focus, where Ctrl+0 used to reset the
// zoom as the user typed; F11 works always; a screen's own keys only on that screen.
#include "ui/keys.hpp"
#include "ui/probe.hpp"
#include "ui_harness.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace ts;
using ts::test::UiHarness;

TEST_CASE("Ctrl+=, Ctrl+- and Ctrl+0 zoom, but not while a text field has focus", "[keys]") {
    UiHarness h;  // the welcome screen: its team name field takes text
    h.frame(2);
    REQUIRE(h.shell().prefs().zoom_pct == 100);
    h.press(ui::key::equal, true);
    CHECK(h.shell().prefs().zoom_pct == 110);
    h.press(ui::key::keypad_add, true);
    CHECK(h.shell().prefs().zoom_pct == 120);
    h.press(ui::key::minus, true);
    CHECK(h.shell().prefs().zoom_pct == 110);
    h.press(ui::key::equal);  // without Ctrl: nothing
    CHECK(h.shell().prefs().zoom_pct == 110);

    h.click("welcome.name");
    h.type("De Linde");
    REQUIRE(ImGui::GetIO().WantTextInput);
    h.press(ui::key::zero, true);
    CHECK(h.shell().prefs().zoom_pct == 110);  // the keys belong to the field
    h.press(ui::key::minus, true);
    CHECK(h.shell().prefs().zoom_pct == 110);
    CHECK_FALSE(h.shell().take_fullscreen_request());

    // F11 types nothing, so it works while typing too.
    h.press(ui::key::f11);
    CHECK(h.shell().take_fullscreen_request());

    // Out of the field (Escape leaves it), Ctrl+0 resets the zoom.
    h.press(h.key(ImGuiKey_Escape));
    h.frame();
    REQUIRE_FALSE(ImGui::GetIO().WantTextInput);
    h.press(ui::key::zero, true);
    CHECK(h.shell().prefs().zoom_pct == 100);
}

TEST_CASE("a screen's shortcut fires only while that screen is shown", "[keys]") {
    UiHarness h;
    h.frame();
    int fired = 0;
    h.shell().keys().add({ui::key::page_down, false, false, false, ui::ScreenId::guideline,
                          [&](ui::Requests&) { ++fired; }});
    h.shell().show(ui::ScreenId::settings);
    h.press(ui::key::page_down);
    CHECK(fired == 0);
    h.shell().show(ui::ScreenId::guideline);
    h.press(ui::key::page_down);
    CHECK(fired == 1);
    h.press(ui::key::page_down, true);  // with Ctrl it is another shortcut
    CHECK(fired == 1);
}
