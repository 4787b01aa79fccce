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
    explicit UiHarness(std::unique_ptr<Store> store = nullptr);
    ~UiHarness();

    void frame(int count = 1);                      // draws the shell `count` times
    void click(std::string_view probe_name);        // moves, presses and releases over a probed widget
    void type(const std::string& utf8);             // text into the active field
    void press(int key_index, bool ctrl = false);   // one key, by io.KeyMap index
    void select_all() { press(key(ImGuiKey_A), true); }  // Ctrl+A in the active field
    int key(ImGuiKey_ k) const;                     // our KeyMap index for an ImGui key

    ui::Shell& shell() { return *shell_; }
    Store& store() { return *store_; }
    const Content& content() const { return content_; }

private:
    Content content_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<ui::Shell> shell_;
};

}  // namespace ts::test
