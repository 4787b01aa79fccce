// Shortcuts, read inside the frame from ImGui's key state, in one map that the shell and the
// screens register with. A shortcut posts requests; it never fires while a text field has
// focus (io.WantTextInput) unless it says so (F11 does: it types nothing).
#pragma once

#include "ui/requests.hpp"
#include "ui/screen_id.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace ts::ui {

// Key codes as ImGui 1.86's GLFW backend indexes io.KeysDown: GLFW's own key codes (the
// window checks that they match GLFW's; headless tests press them the same way). Letters and
// digits are their upper-case ASCII codes.
namespace key {
inline constexpr int space = 32, minus = 45, zero = 48, one = 49, equal = 61, escape = 256, right = 262, left = 263,
                     page_up = 266, page_down = 267, f11 = 300,
                     keypad_0 = 320, keypad_subtract = 333, keypad_add = 334;
constexpr int letter(char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }
}  // namespace key

struct Shortcut {
    int key = 0;
    bool ctrl = false;
    bool repeat = false;        // fires again while held
    bool while_typing = false;  // also while a text field has focus
    std::optional<ScreenId> screen;  // only while this screen is shown; none: everywhere
    std::function<void(Requests&)> action;
    bool alt = false;  // Alt held (Alt+1 … Alt+8 open the rail's screens)
    // Not while the keyboard moves through the screen's items (ImGui's focus highlight shows):
    // then Space presses the focused button and the arrows move the focus.
    bool not_navigating = false;
};

class KeyMap {
public:
    void add(Shortcut s) { shortcuts_.push_back(std::move(s)); }
    // Posts the actions of the shortcuts pressed in this frame, for the shown screen.
    void dispatch(ScreenId shown, Requests& out) const;
    std::size_t size() const { return shortcuts_.size(); }

private:
    std::vector<Shortcut> shortcuts_;
};

}  // namespace ts::ui
