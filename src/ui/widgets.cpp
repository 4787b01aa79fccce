#include "ui/widgets.hpp"

#include "ui/theme.hpp"

#include <imgui_internal.h>

namespace ts::ui {

float em(float n) { return ImGui::GetFontSize() * n; }
ImVec2 em(float x, float y) { return ImVec2(em(x), em(y)); }

void heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.heading);
    paragraph(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

void subheading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.bold);
    paragraph(text);
    ImGui::PopFont();
}

void muted(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    paragraph(text);
    ImGui::PopStyleColor();
}

void paragraph(const char* text) {
    // Wrap at the window edge unless a caller set a narrower reading width.
    const bool own_wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
    if (own_wrap) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    if (own_wrap) ImGui::PopTextWrapPos();
}

bool wrapped_selectable(const char* id, const char* text, bool selected, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = width - 2 * style.FramePadding.x;
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable(id, selected, 0, ImVec2(width, size.y + style.FramePadding.y * 2));
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(pos.x + style.FramePadding.x, pos.y + style.FramePadding.y),
                                        ImGui::GetColorU32(ImGuiCol_Text), text, nullptr, wrap);
    return pressed;
}

void bullet_paragraph(const char* text) {
    ImGui::Bullet();
    ImGui::SameLine();
    paragraph(text);
}

bool primary_button(const char* text, ImVec2 size) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.accent.x * 0.85f, p.accent.y * 0.85f, p.accent.z * 0.85f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.accent.x * 0.7f, p.accent.y * 0.7f, p.accent.z * 0.7f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    const bool pressed = ImGui::Button(text, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

void notice(Tone tone, const char* text) {
    const Palette& p = palette();
    const ImVec4 colour = tone == Tone::ok ? p.ok : tone == Tone::warn ? p.warn : tone == Tone::bad ? p.bad : p.info;
    const char* symbol = tone == Tone::ok ? "✓ " : tone == Tone::warn ? "▲ " : tone == Tone::bad ? "✕ " : "● ";
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    paragraph((std::string(symbol) + text).c_str());
    ImGui::PopStyleColor();
}

void field_error(const std::string& message) { notice(Tone::bad, message.c_str()); }

}  // namespace ts::ui
