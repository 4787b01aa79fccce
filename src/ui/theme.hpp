// Projector-first look: a light high-contrast theme by default, a dark one for screens.
// Status colours from the Okabe–Ito palette, always paired with a word or symbol.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>

namespace ts::ui {

enum class Theme { light, dark };
std::string_view to_string(Theme);
std::optional<Theme> theme_from_string(std::string_view);

struct Palette {
    ImVec4 text, muted, accent, accent_text, rail_bg, content_bg, card_bg;
    ImVec4 ok, warn, bad, info;  // bluish green, orange, vermillion, blue
};

// Sets ImGui's style for `theme`, with every size scaled by `scale` (font px / kBaseFontPx).
void apply_theme(Theme theme, float scale);
const Palette& palette();

}  // namespace ts::ui
