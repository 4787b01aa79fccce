// Drives the shell headless: an ImGui context with fonts but no renderer, input fed through
// io.MousePos / io.MouseDown / io.KeysDown / AddInputCharactersUTF8 between frames.
#pragma once

#include "core/content.hpp"
#include "store/store.hpp"
#include "ui/shell.hpp"

#include <memory>
#include <string>

namespace ts::test {

class UiHarness {
public:
    explicit UiHarness(std::unique_ptr<Store> store = nullptr) : UiHarness(std::move(store), nullptr) {}
    // With preferences that outlive the harness (to see what a second start remembers).
    UiHarness(std::unique_ptr<Store> store, ui::Preferences& preferences);
    ~UiHarness();

    void frame(int count = 1);                      // draws the shell `count` times
    void click(std::string_view probe_name);        // moves, presses and releases over a probed widget
    void type(const std::string& utf8);             // text into the active field
    void press(int key_index, bool ctrl = false);   // one key, by io.KeyMap index
    void select_all() { press(key(ImGuiKey_A), true); }  // Ctrl+A in the active field
    int key(ImGuiKey_ k) const;                     // our KeyMap index for an ImGui key

    ui::Shell& shell() { return *shell_; }
    Store& store() { return *store_; }
    ui::Preferences& preferences() { return *preferences_; }
    ui::MemoryPreferences& own_preferences() { return own_preferences_; }  // used unless others were given
    const Content& content() const { return content_; }

private:
    UiHarness(std::unique_ptr<Store> store, ui::Preferences* preferences);
    Content content_;
    std::unique_ptr<Store> store_;
    ui::MemoryPreferences own_preferences_;
    ui::Preferences* preferences_ = &own_preferences_;
    std::unique_ptr<ui::Shell> shell_;
};

}  // namespace ts::test
