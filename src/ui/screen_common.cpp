// Pieces the register screens share: change history, confirmation, period filter.
#include "core/actions.hpp"
#include "core/time.hpp"
#include "model/overview_charts.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdlib>
#include <ctime>
#include <functional>

namespace ts::ui {
namespace {

// A stored value as people read it: local time for timestamps, codes for youths, names of
// types and categories, ja/nee for flags.
std::string readable(const Ctx& ctx, const std::string& field, const std::optional<std::string>& value) {
    if (!value || value->empty()) return "—";
    const std::string& v = *value;
    if (auto t = parse_timestamp(v)) return format_local(*t);
    if (field == "youth_id")
        if (const Youth* y = ctx.model.youth(v)) return y->code;
    if (field == "youth_ids") {
        std::string out;
        std::size_t start = 0;
        while (start <= v.size()) {
            const std::size_t end = std::min(v.find(',', start), v.size());
            const Youth* y = ctx.model.youth(v.substr(start, end - start));
            out += (out.empty() ? "" : ", ") + (y ? y->code : std::string("?"));
            start = end + 1;
        }
        return out;
    }
    if (field == "incident_id")
        if (const IncidentRow* i = ctx.model.incident(v)) return format_local(i->at);
    if (field == "owner_id")
        if (const Member* m = ctx.model.member(v)) return m->name;
    if (field == "meeting_id")
        if (const Meeting* m = ctx.model.meeting(v)) return m->held_on;
    if (field == "guideline_ref")
        if (const Text* t = guideline_text(ctx.content.guideline, v)) return t->in(ctx.lang);
    if (field == "status")
        if (const auto status = action_status_from_string(v)) return tr(action_status_key(*status));
    if (field == "type")
        if (const MeasureType* t = ctx.content.measure_type(v)) return t->name.in(ctx.lang);
    if (field == "category")
        if (const IncidentCategory* c = ctx.content.incident_category(v)) return c->name.in(ctx.lang);
    if (v == "true") return tr("common.yes");
    if (v == "false") return tr("common.no");
    return v;
}

// A stored value in full: a timestamp as local time with seconds, anything else as stored.
std::string detailed(const std::optional<std::string>& value) {
    if (!value) return "—";
    if (auto t = parse_timestamp(*value)) {
        const std::time_t tt = static_cast<std::time_t>(*t);
        std::tm tm{};
        char text[32];
        if (localtime_r(&tt, &tm) && std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm) > 0) return text;
    }
    return "\"" + *value + "\"";
}

std::string field_name(const std::string& field) {
    const std::string key = "field." + field;
    const std::string t = tr(key);
    return t == key ? field : t;
}

}  // namespace

const char* action_status_key(ActionStatus status) {
    switch (status) {
        case ActionStatus::open: return "actions.status.open";
        case ActionStatus::in_progress: return "actions.status.in_progress";
        case ActionStatus::done: return "actions.status.done";
        case ActionStatus::dropped: return "actions.status.dropped";
    }
    return "actions.status.open";
}

void draw_history(Ctx& ctx, const std::vector<Change>& history) {
    subheading(ctx.fonts, tr("history.title"));
    if (history.empty()) {
        muted(tr("history.empty"));
        return;
    }
    const auto when = [](const Change& c) {
        const auto at = parse_timestamp(c.changed_at);
        return at ? format_local(*at) : c.changed_at;
    };
    const auto who = [](const Change& c) -> std::string {
        return c.changed_by.empty() ? "—" : c.changed_by == kUnknownWho ? tr("history.unknown") : c.changed_by;
    };
    const auto what = [](const Change& c) -> std::string {
        if (c.field == "created") return tr("history.created");
        if (c.field == "deleted") return tr("history.deleted");
        if (c.field == "imported") return tr("history.imported");
        return field_name(c.field);
    };
    // What a change says besides when, who and what: nothing for created and deleted; for an
    // import its file (the entry of the whole bundle); else old → new.
    const auto detail = [&ctx](const Change& c) -> std::string {
        if (c.field == "created" || c.field == "deleted") return {};
        if (c.field == "imported") {
            const std::string file = c.new_value.value_or("");
            const std::string name = file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
            return trn("history.imported_from", std::atoll(c.old_value.value_or("0").c_str()), {name});
        }
        return change_text(ctx, c);
    };
    // Too narrow for a table with room for the values (a large zoom, a small window): each change
    // as a line of when, who and what, and under it the old and new value, wrapped (a long one,
    // such as notes, on one line cut with "…" and the whole on hover).
    if (ImGui::GetContentRegionAvail().x < em(50)) {
        for (auto it = history.rbegin(); it != history.rend(); ++it) {
            const Change& c = *it;
            muted((when(c) + "  ·  " + who(c) + "  ·  " + what(c)).c_str());
            if (const std::string change = detail(c); !change.empty()) {
                if (change.size() <= 240 && change.find('\n') == std::string::npos) paragraph(change.c_str());
                else text_ellipsis(change, ImGui::GetContentRegionAvail().x);
            }
            ImGui::Spacing();
        }
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##history", 4, flags)) return;
    ImGui::TableSetupColumn(tr("history.when"), ImGuiTableColumnFlags_WidthFixed, em(8.5f));
    ImGui::TableSetupColumn(tr("history.who"), ImGuiTableColumnFlags_WidthFixed, em(8));
    ImGui::TableSetupColumn(tr("history.field"), ImGuiTableColumnFlags_WidthFixed, em(9));
    ImGui::TableSetupColumn(tr("history.change"));
    ImGui::TableHeadersRow();
    // Newest first: that is what someone checking a record wants to see.
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        const Change& c = *it;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(when(c).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(who(c).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(what(c).c_str());
        ImGui::TableNextColumn();
        // A long value (notes, a reason) on one line, cut with "…"; the whole on hover.
        if (const std::string change = detail(c); !change.empty()) text_ellipsis(change, ImGui::GetContentRegionAvail().x);
    }
    ImGui::EndTable();
}

std::string change_text(const Ctx& ctx, const Change& c) {
    std::string old_text = readable(ctx, c.field, c.old_value), new_text = readable(ctx, c.field, c.new_value);
    if (old_text == new_text && c.old_value != c.new_value) {
        // "19:40 → 19:40" would hide the change: show what differs.
        old_text = detailed(c.old_value);
        new_text = detailed(c.new_value);
        if (old_text == new_text) {  // one instant written two ways ("Z" and "+00:00")
            old_text = c.old_value ? "\"" + *c.old_value + "\"" : "—";
            new_text = c.new_value ? "\"" + *c.new_value + "\"" : "—";
        }
    }
    return old_text + "  →  " + new_text;
}

bool confirm_popup(const char* id, const char* title, const char* question, const char* confirm_label, const char* keep_label) {
    bool confirmed = false;
    ImGui::SetNextWindowSize(ImVec2(em(26), 0));
    const std::string window = std::string(title) + id;  // "Wijzigingen weggooien?###discard"
    if (ImGui::BeginPopupModal(window.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        const bool appearing = ImGui::IsWindowAppearing();
        paragraph(question);
        ImGui::Spacing();
        // The safe choice first, with the focus (shown): Space or Enter keeps the user's work.
        ImGuiContext& g = *ImGui::GetCurrentContext();
        if (appearing) ImGui::SetKeyboardFocusHere();
        bool keep = ImGui::Button(keep_label);
        const ImGuiID keep_id = g.LastItemData.ID;
        if (appearing) ImGui::SetItemDefaultFocus();
        if (g.NavId == keep_id) g.NavDisableHighlight = false;
        probe(std::string("keep##") + (id + 3));
        ImGui::SameLine(0, em(2));
        bool confirm = danger_button(confirm_label);
        const ImGuiID confirm_id = g.LastItemData.ID;
        probe(std::string("confirm##") + (id + 3));
        // Enter works the focused button (ImGui 1.86 presses buttons with Space only).
        if (!appearing && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
            if (g.NavId == confirm_id) confirm = true;
            else keep = true;
        }
        if (confirm) {
            confirmed = true;
            ImGui::CloseCurrentPopup();
        }
        // Esc closes the question, but not the Esc that opened it (the same frame).
        const bool esc = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !appearing;
        if (keep || esc) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return confirmed;
}

bool take_sort_specs(int& column, bool& ascending) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    if (specs->SpecsCount > 0) {
        column = specs->Specs[0].ColumnIndex;
        ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    specs->SpecsDirty = false;
    return true;
}

float form_buttons_height() {
    const ImGuiStyle& st = ImGui::GetStyle();
    return st.ItemSpacing.y * 3 + 1 + ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() + st.WindowPadding.y;
}

FormAction form_buttons(const char* probe_prefix, bool dirty, bool stored, const std::string& error, const char* delete_question,
                        const char* keys_hint) {
    FormAction action = FormAction::none;
    ImGui::Separator();
    // The message has a line of its own, kept free without one: the buttons never move.
    // One line, cut with "…" when narrow (the whole on hover).
    if (!error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        text_ellipsis("✕ " + error, ImGui::GetContentRegionAvail().x);
        ImGui::PopStyleColor();
    } else {
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
    }
    const ImGuiIO& io = ImGui::GetIO();
    const bool no_popup = !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    const bool save_key = io.KeyCtrl && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)) && no_popup;
    // Esc in a text field only leaves the field; Esc outside one cancels the form.
    const bool was_editing = ImGui::GetCurrentContext()->ActiveIdPreviousFrame != 0;
    const bool cancel_key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && no_popup && !was_editing;
    if (primary_button(label("form.save", "save").c_str()) || save_key) action = FormAction::save;
    probe(std::string(probe_prefix) + ".save");
    ImGui::SameLine();
    if (ImGui::Button(label("common.cancel", "cancel").c_str()) || cancel_key) {
        if (dirty) ImGui::OpenPopup("###discard");
        else action = FormAction::close;
    }
    probe(std::string(probe_prefix) + ".cancel");
    if (stored) {
        ImGui::SameLine(0, em(3));
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        if (ImGui::Button(label("form.delete", "delete").c_str())) ImGui::OpenPopup("###delete");
        probe(std::string(probe_prefix) + ".delete");
        ImGui::PopStyleColor();
    }
    // The keys on the rest of the line, cut with "…" when narrow (the whole on hover).
    ImGui::SameLine(0, em(2));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::AlignTextToFramePadding();
    text_ellipsis(tr(keys_hint), ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
    if (confirm_popup("###discard", tr("form.discard_title"), tr("form.discard_question"), tr("form.discard"), tr("form.keep_editing")))
        action = FormAction::close;
    if (confirm_popup("###delete", tr("form.delete_title"), delete_question, tr("form.delete"), tr("common.cancel"))) action = FormAction::remove;
    return action;
}

bool filters_shown(bool& open, int active) {
    if (ImGui::GetContentRegionAvail().x >= em(62)) return true;
    std::string text = tr(open ? "filter.hide" : "filter.show");
    if (active > 0) text += " (" + std::to_string(active) + ")";
    if (ImGui::Button((text + "###filters").c_str())) open = !open;
    probe("filter.toggle");
    return open;
}

bool period_filter(std::string& from_text, std::string& to_text) {
    bool changed = false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float field = em(7.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("filter.from"));
    ImGui::SameLine();
    changed |= date_field("##from", from_text, field);
    probe("filter.from");
    // "tot" and its field stay together on one line.
    flow(text_width(tr("filter.to")) + style.ItemSpacing.x + field);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("filter.to"));
    ImGui::SameLine();
    changed |= date_field("##to", to_text, field);
    const Date today = local_date(now_unix());
    const std::string last_30 = label("filter.last_30", "p30"), this_year = label("filter.this_year", "pyear"),
                      all = label("filter.all", "pall");
    flow(button_width(last_30.c_str()));
    if (ImGui::Button(last_30.c_str())) {
        from_text = format_date(civil_from_days(days_from_civil(today) - 29));
        to_text = format_date(civil_from_days(days_from_civil(today) + 1));
        changed = true;
    }
    flow(button_width(this_year.c_str()));
    if (ImGui::Button(this_year.c_str())) {
        from_text = format_date(Date{today.year, 1, 1});
        to_text = format_date(Date{today.year + 1, 1, 1});
        changed = true;
    }
    flow(button_width(all.c_str()));
    if (ImGui::Button(all.c_str())) {
        from_text.clear();
        to_text.clear();
        changed = true;
    }
    return changed;
}

void hold_for_period(Ctx& ctx, const std::string& from_text) {
    const auto from = parse_date(from_text);
    if (!from) return;
    const std::int64_t since = local_midnight(*from);
    if (since < ctx.model.rows().since) ctx.post(request::HoldSince{since});
}

void held_window_note(Ctx& ctx, std::size_t held, std::int64_t all) {
    if (static_cast<std::int64_t>(held) >= all) return;
    const Date from = local_date(ctx.model.rows().since);
    const std::string note = trf("list.held_since", {day_text(from)}), earlier = label("list.show_earlier", "show_earlier");
    flow(text_width(note.c_str()));  // on the count's line when it fits
    ImGui::AlignTextToFramePadding();  // level with the button beside it, also on a line of its own
    muted(note.c_str());
    flow(button_width(earlier.c_str()));
    if (ImGui::Button(earlier.c_str()))
        ctx.post(request::HoldSince{local_midnight(Date{from.year - 1, from.month, 1})});
    probe("list.show_earlier");
}

std::string category_name(const Ctx& ctx, const std::string& code) {
    const IncidentCategory* c = ctx.content.incident_category(code);
    return c ? c->name.in(ctx.lang) : code;
}

std::string severity_short(const Ctx& ctx, int severity) { return model::severity_short(ctx.content, ctx.lang, severity); }

void export_bar(const char* probe_prefix, ExportBar& bar, const std::string& default_name,
                const std::function<report::Document()>& make) {
    if (bar.path.empty()) {
        const char* home = std::getenv("HOME");
        bar.path = std::string(home && *home ? home : ".") + "/" + default_name;
    }
    const std::string prefix(probe_prefix);
    const float button = std::max(text_width(tr("export.button.xlsx")), text_width(tr("export.button.html"))) +
                         2 * ImGui::GetStyle().FramePadding.x;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("export.bar.label"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(em(10), std::min(em(30), ImGui::GetContentRegionAvail().x - 2 * button - em(2))));
    ImGui::InputText(("##" + prefix + "path").c_str(), &bar.path);
    probe(prefix + "path");
    std::optional<report::DocumentFormat> format;
    flow(button);
    if (ImGui::Button(tr("export.button.xlsx"))) format = report::DocumentFormat::xlsx;
    probe(prefix + "xlsx");
    flow(button);
    if (ImGui::Button(tr("export.button.html"))) format = report::DocumentFormat::html;
    probe(prefix + "html");
    if (format) {
        std::string path = bar.path;
        const std::string ext = *format == report::DocumentFormat::xlsx ? ".xlsx" : ".html";
        if (!path.ends_with(ext)) path += ext;
        const std::optional<std::string> problem = report::export_document(make(), *format, path);
        bar.ok = !problem;
        bar.result = problem ? *problem : trf("export.bar.written", {path});
    }
    if (!bar.result.empty()) notice(bar.ok ? Tone::ok : Tone::bad, bar.result.c_str());
}

}  // namespace ts::ui
