#include "ui/layout.hpp"

#include <algorithm>

#include <imgui.h>

namespace ts::ui {

bool fits_on_line(float next_width, float gap, float right_edge) {
    const float window_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float edge = right_edge > 0 ? std::min(right_edge, window_edge) : window_edge;
    return ImGui::GetItemRectMax().x + gap + next_width <= edge;
}

void flow(float next_width, float spacing, float right_edge) {
    if (fits_on_line(next_width, spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing, right_edge)) ImGui::SameLine(0, spacing);
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

float checkbox_width(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float text = ImGui::CalcTextSize(label, nullptr, true).x;
    return ImGui::GetFrameHeight() + (text > 0 ? style.ItemInnerSpacing.x + text : 0.0f);
}

float text_width(const char* text) { return ImGui::CalcTextSize(text, nullptr, true).x; }

namespace {

// The label after a radio button or checkbox: wrapped, and clickable. Lines up with the box.
bool wrapped_label(const char* text) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s", text);
    return ImGui::IsItemClicked();
}

}  // namespace

bool wrapped_radio(const char* id, const char* text, bool active) {
    ImGui::PushID(id);
    bool chosen = ImGui::RadioButton("##radio", active);
    chosen |= wrapped_label(text);
    ImGui::PopID();
    return chosen;
}

bool wrapped_checkbox(const char* id, const char* text, bool* value) {
    ImGui::PushID(id);
    bool changed = ImGui::Checkbox("##check", value);
    if (wrapped_label(text)) {
        *value = !*value;
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

}  // namespace ts::ui
