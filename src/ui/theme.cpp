#include "ui/theme.hpp"

namespace ts::ui {
namespace {

ImVec4 rgb(int hex, float a = 1.0f) {
    return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                  static_cast<float>(hex & 0xFF) / 255.0f, a);
}

Palette g_palette;

}  // namespace

std::string_view to_string(Theme t) { return t == Theme::dark ? "dark" : "light"; }

std::optional<Theme> theme_from_string(std::string_view s) {
    if (s == "light") return Theme::light;
    if (s == "dark") return Theme::dark;
    return std::nullopt;
}

const Palette& palette() { return g_palette; }

void apply_theme(Theme theme, float scale) {
    ImGuiStyle style;  // start from defaults so repeated scaling does not compound
    if (theme == Theme::light) {
        ImGui::StyleColorsLight(&style);
        g_palette = Palette{
            rgb(0x111111), rgb(0x4A4A4A), rgb(0x0072B2), rgb(0xFFFFFF), rgb(0xE8ECF0), rgb(0xFCFCFC), rgb(0xFFFFFF),
            rgb(0x007A5A), rgb(0xB36B00), rgb(0xC04A00), rgb(0x0072B2),
        };
    } else {
        ImGui::StyleColorsDark(&style);
        g_palette = Palette{
            rgb(0xF2F2F2), rgb(0xB8B8B8), rgb(0x56B4E9), rgb(0x0B0B0B), rgb(0x16191D), rgb(0x1E2227), rgb(0x262B31),
            rgb(0x2FC096), rgb(0xE69F00), rgb(0xF07A3A), rgb(0x56B4E9),
        };
    }
    const Palette& p = g_palette;
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.muted;
    c[ImGuiCol_WindowBg] = p.content_bg;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.card_bg;
    c[ImGuiCol_Border] = theme == Theme::light ? rgb(0x9AA3AD) : rgb(0x4A525C);
    c[ImGuiCol_FrameBg] = theme == Theme::light ? rgb(0xFFFFFF) : rgb(0x2E343B);
    c[ImGuiCol_FrameBgHovered] = theme == Theme::light ? rgb(0xE6F1F8) : rgb(0x38414A);
    c[ImGuiCol_FrameBgActive] = theme == Theme::light ? rgb(0xD3E6F3) : rgb(0x414B56);
    c[ImGuiCol_Button] = theme == Theme::light ? rgb(0xDCE3EA) : rgb(0x343B43);
    c[ImGuiCol_ButtonHovered] = theme == Theme::light ? rgb(0xC8D6E3) : rgb(0x44505C);
    c[ImGuiCol_ButtonActive] = theme == Theme::light ? rgb(0xB3C8DB) : rgb(0x53616F);
    c[ImGuiCol_Header] = theme == Theme::light ? rgb(0xD3E6F3) : rgb(0x2B4457);
    c[ImGuiCol_HeaderHovered] = theme == Theme::light ? rgb(0xC2DCEE) : rgb(0x355470);
    c[ImGuiCol_HeaderActive] = theme == Theme::light ? rgb(0xAACFE8) : rgb(0x3E6283);
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);

    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 6;
    style.GrabRounding = 6;
    style.PopupRounding = 6;
    style.FrameBorderSize = 1;
    style.WindowBorderSize = 0;
    // Generous spacing for a room: ImGui's defaults are tuned for dense tools.
    // Values for a 24 px body font (kBaseFontPx); `scale` adapts them to the actual size.
    style.WindowPadding = ImVec2(24, 20);
    style.FramePadding = ImVec2(12, 8);
    style.ItemSpacing = ImVec2(14, 10);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.IndentSpacing = 28;
    style.CellPadding = ImVec2(8, 5);
    style.ScrollbarSize = 20;
    style.GrabMinSize = 14;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ts::ui
