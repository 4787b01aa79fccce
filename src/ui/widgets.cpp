#include "ui/widgets.hpp"

#include "core/time.hpp"
#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

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
    probe_text(text);
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
    probe_text(text);
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

void field_label(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

bool has_problem(const std::vector<FieldProblem>& problems, const char* field) {
    for (const auto& p : problems)
        if (p.field == field) return true;
    return false;
}

void field_problems(const std::vector<FieldProblem>& problems, const char* field) {
    for (const auto& p : problems)
        if (p.field == field) {
            field_error(p.detail.empty() ? std::string(tr(p.message_key)) : std::string(tr(p.message_key)) + " (" + p.detail + ")");
            probe_problem(p.field, p.message_key);
        }
}

std::string duration_text(std::int64_t s) {
    if (s < 0) s = 0;
    const long long minutes = s / 60, hours = minutes / 60, days = hours / 24;
    if (days >= 1) return trf("unit.days_hours", {std::to_string(days), std::to_string(hours % 24)});
    if (hours >= 1) {
        char mm[8];
        std::snprintf(mm, sizeof mm, "%02lld", minutes % 60);
        return trf("unit.hours_minutes", {std::to_string(hours), mm});
    }
    return trf("unit.minutes", {std::to_string(minutes)});
}

void TimeField::load(const std::optional<std::string>& timestamp) {
    source = timestamp;
    text.clear();
    if (timestamp) {
        const auto t = parse_timestamp(*timestamp);
        text = t ? format_local(*t) : *timestamp;
    }
    shown = text;
}

std::optional<std::int64_t> TimeField::instant(std::optional<std::int64_t> base, std::int64_t now) const {
    if (!edited() && source) return parse_timestamp(*source);
    auto t = parse_when(text, base, now);
    // Typed text says minutes: a base with seconds ("+15" after 12:22:23) does not add any.
    if (t) *t -= ((*t % 60) + 60) % 60;
    return t;
}

std::optional<std::string> TimeField::timestamp(std::optional<std::int64_t> base, std::int64_t now, bool* unreadable) const {
    if (unreadable) *unreadable = false;
    if (!edited()) return source;
    if (text.empty()) return std::nullopt;
    if (const auto t = instant(base, now)) return format_timestamp(*t);
    if (unreadable) *unreadable = true;
    return std::nullopt;
}

bool when_field(const char* id, TimeField& field, std::optional<std::int64_t> base, std::int64_t now, float width) {
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputTextWithHint(id, tr("form.when_hint"), &field.text);
    std::optional<std::int64_t> resolved = field.instant(base, now);
    // On leaving the field, a shortcut becomes the full date and time it stands for.
    if (ImGui::IsItemDeactivated() && resolved && field.edited()) {
        field.text = format_local(*resolved);
        resolved = field.instant(base, now);  // back to the stored value if that is what it now reads
    }
    const bool is_full = resolved && field.text == format_local(*resolved);
    if (!field.text.empty() && !resolved) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        ImGui::TextUnformatted(tr("form.when_unknown"));
        ImGui::PopStyleColor();
    } else if (resolved && !is_full) {
        // A bare time later than now was taken as yesterday's: say so ("= gisteren 23:55").
        const auto when = field.edited() ? resolve_when(field.text, base, now) : std::nullopt;
        const std::string full = format_local(*resolved);
        const std::string shown = when && when->yesterday ? trf("form.when_yesterday", {full.substr(11), full.substr(0, 10)}) : full;
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::TextUnformatted(("= " + shown).c_str());
        ImGui::PopStyleColor();
        probe_text("= " + shown);
    }
    return changed;
}

bool date_field(const char* id, std::string& text, float width) {
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputTextWithHint(id, tr("form.date_hint"), &text);
    if (!text.empty() && !parse_date(text)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        ImGui::TextUnformatted(tr("form.date_unknown"));
        ImGui::PopStyleColor();
    }
    return changed;
}

}  // namespace ts::ui
