#include "ui/keys.hpp"

#include <imgui.h>

namespace ts::ui {

void KeyMap::dispatch(ScreenId shown, Requests& out) const {
    const ImGuiIO& io = ImGui::GetIO();
    for (const Shortcut& s : shortcuts_) {
        if (s.screen && *s.screen != shown) continue;
        if (io.WantTextInput && !s.while_typing) continue;
        if (s.not_navigating && io.NavVisible) continue;
        if (s.ctrl != io.KeyCtrl || s.alt != io.KeyAlt) continue;
        if (s.key < 0 || s.key >= static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) continue;
        if (ImGui::IsKeyPressed(s.key, s.repeat)) s.action(out);
    }
}

}  // namespace ts::ui
