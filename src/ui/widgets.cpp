#include "ui/widgets.hpp"

#include "report/document.hpp"

#include "core/time.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

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

void BulletList::draw(const std::vector<std::string>& lines) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (width != width_ || heights_.size() != lines.size()) {
        heights_.assign(lines.size(), 0.0f);
        width_ = width;
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const float known = heights_[i];
        if (known > 0 && !ImGui::IsRectVisible(ImVec2(width, known))) {
            ImGui::Dummy(ImVec2(width, known));
            probe_text(lines[i]);  // (what the page holds, for tests, in sight or not)
            continue;
        }
        const float top = ImGui::GetCursorPosY();
        bullet_paragraph(lines[i].c_str());
        heights_[i] = std::max(1.0f, ImGui::GetCursorPosY() - top - spacing);
    }
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

bool danger_button(const char* text, ImVec2 size) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.bad);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.bad.x * 0.85f, p.bad.y * 0.85f, p.bad.z * 0.85f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.bad.x * 0.7f, p.bad.y * 0.7f, p.bad.z * 0.7f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button((std::string("✕ ") + text).c_str(), size);
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

namespace {

std::string problem_text(const FieldProblem& p) {
    return p.detail.empty() ? std::string(tr(p.message_key)) : std::string(tr(p.message_key)) + " (" + p.detail + ")";
}

// The ids tab_stop() gave out this frame, and in the frame before (read by continue_tabbing()).
std::vector<ImGuiID> g_tab_stops_drawn, g_tab_stops_seen;
bool g_left_after_edit = false;  // the last field widget was just left after an edit

}  // namespace

void field_problems(const std::vector<FieldProblem>& problems, const char* field, float width) {
    if (width <= 0) width = std::max(ImGui::GetItemRectSize().x, ImGui::CalcItemWidth());
    const float x = ImGui::GetCursorPosX();
    const float y0 = ImGui::GetCursorPosY();
    bool any = false;
    ImGui::PushTextWrapPos(x + width);
    for (const auto& p : problems)
        if (p.field == field) {
            field_error(problem_text(p));
            probe_problem(p.field, p.message_key);
            any = true;
        }
    ImGui::PopTextWrapPos();
    // The line kept free: as high as one message line, whether or not there is one.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    if (!any) ImGui::Dummy(ImVec2(1, line - ImGui::GetStyle().ItemSpacing.y));
    else if (ImGui::GetCursorPosY() < y0 + line) ImGui::SetCursorPosY(y0 + line);
}

void row_problems(const std::vector<FieldProblem>& problems, const std::vector<std::pair<const char*, const char*>>& fields) {
    const float y0 = ImGui::GetCursorPosY();
    // One line each, cut with "…" (the whole on hover), so the area keeps its height.
    ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
    for (const auto& [field, name] : fields)
        for (const auto& p : problems)
            if (p.field == field) {
                text_ellipsis("✕ " + std::string(name) + ": " + problem_text(p), ImGui::GetContentRegionAvail().x);
                probe_problem(p.field, p.message_key);
            }
    ImGui::PopStyleColor();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::GetCursorPosY() < y0 + line) ImGui::Dummy(ImVec2(1, y0 + line - ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y));
}

bool form_two_columns() { return ImGui::GetContentRegionAvail().x >= em(52); }

float form_column_width() {
    const float avail = ImGui::GetContentRegionAvail().x;
    return form_two_columns() ? std::min(em(30), (avail - em(2)) / 2) : std::min(em(30), avail - ImGui::GetStyle().ScrollbarSize);
}

void next_column(float top, float gap) {
    if (!form_two_columns()) return;  // one column: the next group goes under the last
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(top);
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;
}

void next_group(float& top, const char* label, float field_width) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (!fits_on_line(std::max(ImGui::CalcTextSize(label).x, field_width), gap)) {
        top = ImGui::GetCursorPosY();  // a new line of the row
        return;
    }
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(top);
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;
}

void focus_first(bool& pending) {
    if (!pending) return;
    ImGui::SetKeyboardFocusHere();
    pending = false;
}

void tab_stop(const char* label) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // Tabbing asks to activate an "inputable" item (ImGui 1.86 marks that activation with
    // TryToPreserveState); for these items that would be a press, so it is dropped.
    // The focus is then shown (ImGui leaves it hidden after tabbing), and Space works it.
    const ImGuiID id = ImGui::GetID(label);
    if ((g.NavActivateId == id || g.NavActivateInputId == id) && (g.NavActivateFlags & ImGuiActivateFlags_TryToPreserveState)) {
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId = 0;
        g.NavDisableHighlight = false;
    }
    ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);
    g_tab_stops_drawn.push_back(id);
}
void end_tab_stop() { ImGui::PopItemFlag(); }

void continue_tabbing() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // Up/Down on a focused tab stop (a list, a radio button, a checkbox) is a Shift+Tab / Tab:
    // ImGui 1.86 would move to the nearest item in that direction, which in a two-column form
    // may be in the other column. Text fields, open lists and Left/Right keep ImGui's own moves.
    g_tab_stops_seen.swap(g_tab_stops_drawn);
    g_tab_stops_drawn.clear();
    const bool vertical = g.NavMoveDir == ImGuiDir_Down || g.NavMoveDir == ImGuiDir_Up;
    if (g.NavMoveSubmitted && vertical && g.NavId != 0 && g.ActiveId == 0 &&
        std::find(g_tab_stops_seen.begin(), g_tab_stops_seen.end(), g.NavId) != g_tab_stops_seen.end()) {
        const bool down = g.NavMoveDir == ImGuiDir_Down;
        ImGui::NavMoveRequestSubmit(ImGuiDir_None, g.NavMoveDir, ImGuiNavMoveFlags_Tabbing,
                                    ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
        g.NavTabbingDir = down ? +1 : -1;
        g.NavTabbingResultFirst.Clear();
        g.NavTabbingCounter = -1;
        return;
    }
    if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) && g.NavTabbingDir == 0 && g.NavId != 0)
        g.NavTabbingDir = +1;
}

void escape_keeps_text(const char* id) {
    // Leave the field before ImGui sees the Esc (it would revert the edit): what was typed
    // is already in the caller's string.
    if (ImGui::GetActiveID() == ImGui::GetID(id) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        ImGui::ClearActiveID();
}

bool text_field(const char* id, std::string& text, const char* hint, ImGuiInputTextFlags flags) {
    escape_keeps_text(id);
    const bool changed = hint ? ImGui::InputTextWithHint(id, hint, &text, flags) : ImGui::InputText(id, &text, flags);
    g_left_after_edit = ImGui::IsItemDeactivatedAfterEdit();
    return changed;
}

bool text_area(const char* id, std::string& text, std::size_t limit, float width, float lines) {
    escape_keeps_text(id);
    const float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
    const bool changed = ImGui::InputTextMultiline(id, &text, ImVec2(width, height));
    g_left_after_edit = ImGui::IsItemDeactivatedAfterEdit();
    // Near the limit, the count in the field's lower right corner (it takes no room of its own).
    if (limit > 0 && text.size() * 10 >= limit * 8) {
        const std::string count = grouped(text.size()) + " / " + grouped(limit);
        const ImVec2 size = ImGui::CalcTextSize(count.c_str());
        const ImVec2 max = ImGui::GetItemRectMax();
        const ImVec2 pad = ImGui::GetStyle().FramePadding;
        const ImVec2 pos(max.x - size.x - pad.x - ImGui::GetStyle().ScrollbarSize, max.y - size.y - pad.y);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(pos.x - pad.x, pos.y), ImVec2(pos.x + size.x + pad.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg));
        dl->AddText(pos, ImGui::GetColorU32(text.size() > limit ? palette().bad : palette().muted), count.c_str());
        probe_text(count);
    }
    return changed;
}

bool left_with_enter() {
    return ImGui::IsItemDeactivated() && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

bool left_after_edit() { return g_left_after_edit; }

void FormCheck::touch(const char* field) {
    if (left_after_edit() && std::find(touched.begin(), touched.end(), field) == touched.end()) touched.emplace_back(field);
}

std::vector<FieldProblem> FormCheck::shown(const std::vector<FieldProblem>& all) const {
    if (tried) return all;
    std::vector<FieldProblem> out;
    for (const auto& p : all)
        if (std::find(touched.begin(), touched.end(), p.field) != touched.end()) out.push_back(p);
    return out;
}

std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";  // a space that does not break
        out += digits[i];
    }
    return out;
}

void text_ellipsis(const std::string& text, float width) {
    const float full = ImGui::CalcTextSize(text.c_str()).x;
    const std::size_t newline = text.find('\n');
    if (full <= width && newline == std::string::npos) {
        ImGui::TextUnformatted(text.c_str());
        probe_text(text);
        return;
    }
    // The longest start of the first line that fits with "…" (cut on a UTF-8 character boundary).
    const std::string_view first = std::string_view(text).substr(0, newline);
    // Here "…" always follows (the text is too wide, or has lines after the first).
    const auto measure = [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; };
    const std::string shortened = std::string(fitting_prefix(first, width - measure("…"), 0, measure)) + "…";
    ImGui::TextUnformatted(shortened.c_str());
    probe_text(shortened);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(40));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
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
    escape_keeps_text(id);
    const bool changed = ImGui::InputTextWithHint(id, tr("form.when_hint"), &field.text);
    g_left_after_edit = ImGui::IsItemDeactivatedAfterEdit();
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

bool date_field(const char* id, std::string& text, float width, const char* probe_name) {
    ImGui::SetNextItemWidth(width);
    escape_keeps_text(id);
    const bool changed = ImGui::InputTextWithHint(id, tr("form.date_hint"), &text);
    g_left_after_edit = ImGui::IsItemDeactivatedAfterEdit();
    if (probe_name) probe(probe_name);
    if (!text.empty() && !parse_date(text)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        ImGui::TextUnformatted(tr("form.date_unknown"));
        ImGui::PopStyleColor();
    }
    return changed;
}

namespace {
// The n-th (from 1) of the words of a translation that lists them separated by spaces.
std::string nth_word(const char* key, int n) {
    const std::string_view all = tr(key);
    std::size_t start = 0;
    for (int k = 1; k < n && start != std::string_view::npos; ++k) {
        start = all.find(' ', start);
        if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return std::string();
    return std::string(all.substr(start, all.find(' ', start) - start));
}
}  // namespace

// "wo 11 mrt 2026" / "Wed 11 Mar 2026": a deadline as people say it.
std::string day_text(const Date& d) {
    return nth_word("date.weekdays", iso_weekday(d)) + " " + std::to_string(d.day) + " " + nth_word("date.months", d.month) + " " +
           std::to_string(d.year);
}

std::string month_text(const Date& d) { return nth_word("date.months", d.month) + " " + std::to_string(d.year); }

std::string number_text(double value, int decimals, Lang lang) {
    // Half away from zero, as people round (4,5 → 5), not printf's half to even: the exports'
    // own function, so a number reads the same on screen and on paper.
    return report::number_text(value, decimals, lang);
}

}  // namespace ts::ui
