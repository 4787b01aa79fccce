// Drives the shell headless: an ImGui context with fonts but no renderer, input fed through
// io.MousePos / io.MouseDown / io.KeysDown / AddInputCharactersUTF8 between frames. While a
// harness lives, the clock and the time zone are pinned (kPinnedNow, UTC; see pinned_time.hpp)
// and afterwards put back as they were.
#pragma once

#include "core/content.hpp"
#include "pinned_time.hpp"
#include "store/store.hpp"
#include "ui/shell.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ts::ui {
// The one view of the shell's private parts tests get (Shell names it a friend).
struct ShellTestAccess {
    static const GuidelineScreen& guideline(const Shell& shell) { return *shell.guideline_; }
};
}  // namespace ts::ui

namespace ts::test {

class UiHarness {
public:
    explicit UiHarness(std::unique_ptr<Store> store = nullptr) : UiHarness(std::move(store), nullptr) {}
    // With preferences that outlive the harness (to see what a second start remembers).
    UiHarness(std::unique_ptr<Store> store, ui::Preferences& preferences);
    ~UiHarness();

    void frame(int count = 1);                      // draws the shell `count` times
    // Draws one frame and returns the text it put on screen, read back from the draw data: each
    // glyph quad is matched to its font glyph by its texture coordinates. So it holds labels,
    // combo previews, field contents and table cells alike, whether or not our widgets probe
    // them, and nothing clipped away. Spaces draw no glyph: they are not in it (see screen_has).
    std::string screen_text();
    // Whether `text` (from screen_text) shows `part`, spaces aside.
    static bool screen_has(const std::string& text, std::string part);
    // One frame `seconds` after the last one (ImGui's clock, which the meeting's timer reads).
    void advance(double seconds);
    void click(std::string_view probe_name);        // moves, presses and releases over a probed widget
    void type(const std::string& utf8);             // text into the active field
    void press(int key_index, bool ctrl = false);   // one key, by io.KeyMap index
    void press_alt(int key_index);                  // one key with Alt held
    void tab(int count = 1);                        // Tab, `count` times
    // Whether the widget probed as `name` has the keyboard focus (ImGui's nav focus).
    bool focused(std::string_view probe_name) const;
    // Scrolls the window whose name contains `name_part` ("##measure_form") to its end or its
    // start, as the mouse wheel would, and draws the frames that show it.
    void scroll(std::string_view name_part, bool to_end);
    void select_all() { press(key(ImGuiKey_A), true); }  // Ctrl+A in the active field
    int key(ImGuiKey_ k) const;                     // our KeyMap index for an ImGui key

    // What the last frame showed (see ui/probe.hpp): whether the widgets drew exactly `text`
    // (a heading, a paragraph), or a text containing `part` (a notice "✕ …"); the fields whose
    // problems were shown under them, in drawing order.
    bool drew(std::string_view text) const;
    bool shows(std::string_view part) const;
    std::vector<std::string> refused_fields() const;
    // Whether the last frame showed `message_key`'s problem under `field`.
    bool refused(std::string_view field, std::string_view message_key) const;
    // A UI string in the shell's current language.
    std::string tr(std::string_view key) const;

    ui::Shell& shell() { return *shell_; }
    Store& store() { return *store_; }
    ui::Preferences& preferences() { return *preferences_; }
    ui::MemoryPreferences& own_preferences() { return own_preferences_; }  // used unless others were given
    const Content& content() const { return content_; }

private:
    UiHarness(std::unique_ptr<Store> store, ui::Preferences* preferences);
    PinnedTime time_;  // first in, last out: the shell sees the pinned clock from its first read
    Content content_;
    std::unique_ptr<Store> store_;
    ui::MemoryPreferences own_preferences_;
    ui::Preferences* preferences_ = &own_preferences_;
    std::unique_ptr<ui::Shell> shell_;
};

}  // namespace ts::test
