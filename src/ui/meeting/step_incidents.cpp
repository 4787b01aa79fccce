#include "ui/meeting/step_incidents.hpp"

#include "core/rules.hpp"
#include "core/time.hpp"
#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace ts::ui {

namespace {


using CountLine = IncidentsStep::CountLine;

// A table of counts: a name, this period, the period before. Rows with nothing in either are
// left out by the caller.
void count_table(const char* id, const char* title, const std::vector<CountLine>& lines, float width) {
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, 3, flags, ImVec2(width, 0))) return;
    ImGui::TableSetupColumn(title, ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("meeting.incidents.now"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("meeting.incidents.before"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    probe_text(title);
    for (const CountLine& l : lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", l.name.c_str());
        probe_text(l.name);
        ImGui::TableNextColumn();
        plain_text(std::to_string(l.now));
        ImGui::TableNextColumn();
        plain_text(std::to_string(l.before));
    }
    ImGui::EndTable();
}

}  // namespace

const IncidentsStep::Shown& IncidentsStep::shown(Ctx& ctx, bool privacy) {
    Shown& s = shown_;
    const float font_size = ImGui::GetFontSize();
    if (s.built && s.facts == facts_.generation() && s.incidents == ctx.model.versions().incidents && s.team_id == ctx.model.team_id() &&
        s.privacy == privacy && s.lang == ctx.lang && s.font_size == font_size)
        return s;
    s = Shown{};
    // The period's rows, when older than the model holds, are read for the next frame.
    if (const std::int64_t from = local_midnight(facts_.period().from); from < ctx.model.rows().since) ctx.post(request::HoldSince{from});
    s.facts = facts_.generation();
    s.incidents = ctx.model.versions().incidents;
    s.team_id = ctx.model.team_id();
    s.privacy = privacy;
    s.lang = ctx.lang;
    s.font_size = font_size;
    s.built = true;
    s.row = ind::incident_row(facts_.facts(), ctx.content, {}, facts_.period(), facts_.clock());
    const ind::IncidentFigures& now = s.row.figures;
    const ind::IncidentFigures& before = s.row.previous;
    for (std::size_t k = 0; k < facts_.facts().categories.size(); ++k) {
        const std::int64_t a = k < now.by_category.size() ? now.by_category[k] : 0;
        const std::int64_t b = k < before.by_category.size() ? before.by_category[k] : 0;
        if (a == 0 && b == 0) continue;
        s.categories.push_back({category_name(ctx, facts_.facts().categories[k]), a, b});
    }
    for (int sev = 1; sev <= 4; ++sev) {
        const auto k = static_cast<std::size_t>(sev - 1);
        s.severities.push_back({severity_short(ctx, sev), now.by_severity[k], before.by_severity[k]});
    }

    // The incidents themselves, oldest first, each line's texts first, so that the narrow
    // columns are as wide as their widest text (a column that fits itself would clip for a
    // frame) and the category or the description takes the rest.
    std::vector<const model::IncidentRow*> rows;
    for (const auto& r : ctx.model.incidents())
        if (facts_.in_period(r.at)) rows.push_back(&r);
    std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->at < b->at; });
    s.day_w = ImGui::CalcTextSize(tr("meeting.incidents.col.date")).x;
    s.sev_w = ImGui::CalcTextSize(tr("meeting.incidents.col.severity")).x;
    s.report_w = ImGui::CalcTextSize(tr("meeting.incidents.col.reportable")).x;
    for (const model::IncidentRow* r : rows) {
        const Incident& inc = r->incident;
        Line l{r, day_text(local_date(r->at)), category_name(ctx, inc.category), severity_short(ctx, inc.severity), {}, {}};
        // Reportable: the day to report by (core/rules: report_due), or the day reported; ▲ when late.
        if (r->report_due) {
            l.late = std::find(r->warnings.begin(), r->warnings.end(), IncidentWarning::not_reported_in_time) != r->warnings.end();
            const auto reported = inc.reported_on ? parse_date(*inc.reported_on) : std::nullopt;
            l.report = reported ? trf("incidents.reported", {day_text(*reported)}) : trf("incidents.report_by", {day_text(*r->report_due)});
            if (l.late) l.report = "▲ " + l.report;
        } else {
            l.report = tr("meeting.incidents.not_reportable");
        }
        if (!privacy) {
            l.text = inc.description;
            if (!r->youth_codes.empty()) l.text = r->youth_codes + "  ·  " + l.text;
        }
        s.day_w = std::max(s.day_w, ImGui::CalcTextSize(l.day.c_str()).x);
        s.sev_w = std::max(s.sev_w, ImGui::CalcTextSize(l.severity.c_str()).x);
        s.report_w = std::max(s.report_w, ImGui::CalcTextSize(l.report.c_str()).x);
        s.lines.push_back(std::move(l));
    }
    return s;
}

void IncidentsStep::draw(Ctx& ctx, StepCtx& step) {
    const Palette& p = palette();
    const Meeting& m = step.session.meeting();
    facts_.update(ctx, m);
    shown(ctx, step.privacy);
    Shown& s = shown_;
    const ind::IncidentRow& row = s.row;
    const ind::IncidentFigures& now = row.figures;
    const ind::IncidentFigures& before = row.previous;

    // The period, and the key figure: how many, against the period before.
    muted(trf("meeting.incidents.period", {period_text(facts_.period()), period_text(facts_.previous())}).c_str());
    // Beside it, the change per 1,000 care days against the period before (explained below).
    key_figure(ctx, trn("meeting.incidents.count", static_cast<long long>(now.count)), "meeting.incidents.count", row.change_pct);
    {
        std::string line = trf("meeting.incidents.count_before", {std::to_string(before.count)});
        if (row.change_pct) line += "  ·  " + trf("meeting.incidents.change", {change_text(row.change_pct)});
        if (now.reportable > 0) line += "  ·  " + trn("meeting.incidents.reportable_count", static_cast<long long>(now.reportable));
        paragraph(line.c_str());
    }
    ImGui::Dummy(em(0, 0.3f));

    // By category and by severity, side by side when they fit.
    const float gap = em(1.5f);
    const bool side_by_side = step.width >= em(34);
    const float table_w = side_by_side ? (step.width - gap) / 2 : step.width;
    if (s.categories.empty()) {
        ImGui::BeginGroup();
        ImGui::PushFont(ctx.fonts.present_bold);
        plain_text(tr("meeting.incidents.by_category"));
        ImGui::PopFont();
        muted(tr("meeting.incidents.none_either"));
        ImGui::EndGroup();
        if (side_by_side) ImGui::SameLine(0, gap + table_w - ImGui::GetItemRectSize().x);
    } else {
        count_table("##by_category", tr("meeting.incidents.by_category"), s.categories, table_w);
        if (side_by_side) ImGui::SameLine(0, gap);
    }
    count_table("##by_severity", tr("meeting.incidents.by_severity"), s.severities, table_w);
    ImGui::Dummy(em(0, 0.5f));

    // The incidents themselves, oldest first; the room marks the ones it discusses.
    ImGui::PushFont(ctx.fonts.present_bold);
    plain_text(tr("meeting.incidents.list"));
    ImGui::PopFont();
    if (s.lines.empty()) {
        muted(tr("meeting.incidents.none"));
    } else {
        muted(tr("meeting.incidents.mark_hint"));
        const float mark_w = std::max(ImGui::GetFrameHeight(), ImGui::CalcTextSize(tr("meeting.incidents.col.discussed")).x);
        const float cell_pad = ImGui::GetStyle().CellPadding.x * 2;
        // Wide: a column each. Narrow (a large zoom): the date, and the rest under each other
        // in one column, so that nothing is squeezed to a letter a line.
        const float wide_needs = mark_w + s.day_w + s.sev_w + s.report_w + em(12) + (step.privacy ? 0 : em(14)) + 6 * cell_pad;
        const bool wide = step.width >= wide_needs;
        // The rows' heights, as drawn at this width: a row out of sight is only its height.
        if (s.width != step.width || s.wide != wide || s.heights.size() != s.lines.size()) {
            s.heights.assign(s.lines.size(), 0.0f);
            s.width = step.width;
            s.wide = wide;
        }
        const int columns = wide ? (step.privacy ? 5 : 6) : 3;
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
        const ImRect sight = ImGui::GetCurrentWindow()->ClipRect;  // what of the page is in sight
        if (ImGui::BeginTable("##incidents", columns, flags, ImVec2(step.width, 0))) {
            const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
            const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
            ImGui::TableSetupColumn(tr("meeting.incidents.col.discussed"), fixed, mark_w);
            ImGui::TableSetupColumn(tr("meeting.incidents.col.date"), fixed, s.day_w);
            if (wide) {
                ImGui::TableSetupColumn(tr("meeting.incidents.col.category"), stretch, step.privacy ? 1.0f : 0.6f);
                ImGui::TableSetupColumn(tr("meeting.incidents.col.severity"), fixed, s.sev_w);
                ImGui::TableSetupColumn(tr("meeting.incidents.col.reportable"), fixed, s.report_w);
                if (!step.privacy) ImGui::TableSetupColumn(tr("meeting.incidents.col.description"), stretch, 1.0f);
            } else {
                ImGui::TableSetupColumn(tr("meeting.incidents.col.incident"), stretch, 1.0f);
            }
            ImGui::TableHeadersRow();
            const auto wrapped = [](const std::string& text) {
                ImGui::TextWrapped("%s", text.c_str());
                probe_text(text);
            };
            ImGuiTable* table = ImGui::GetCurrentTable();
            float previous_top = 0;
            for (std::size_t k = 0; k < s.lines.size(); ++k) {
                const Line& l = s.lines[k];
                const Incident& inc = l.row->incident;
                ImGui::TableNextRow();
                // A row ends where the next begins: the one before is measured now.
                const float top = table->RowPosY1;
                if (k > 0) s.heights[k - 1] = top - previous_top;
                previous_top = top;
                // A row out of sight is only its height, not its texts; while the keyboard is in
                // use its mark is there too, so that Tab reaches every one (and scrolls to it).
                const float known = s.heights[k];
                const bool out_of_sight = known > 0 && k + 1 < s.lines.size() && (top + known < sight.Min.y || top > sight.Max.y);
                if (out_of_sight && !ImGui::GetIO().NavVisible) {
                    table->RowPosY2 = std::max(table->RowPosY2, top + known);  // as TableNextRow's minimum height
                    continue;
                }
                ImGui::TableNextColumn();
                ImGui::PushID(inc.id.c_str());
                bool on = step.session.discussed(inc.id);
                if (ImGui::Checkbox("##discussed", &on)) step.session.set_discussed(inc.id, on);
                probe("meeting.incidents.discussed." + std::to_string(k));
                ImGui::PopID();
                if (out_of_sight) {
                    table->RowPosY2 = std::max(table->RowPosY2, top + known);
                    continue;
                }
                ImGui::TableNextColumn();
                plain_text(l.day);
                ImGui::TableNextColumn();
                wrapped(l.category);
                if (wide) ImGui::TableNextColumn();
                plain_text(l.severity);
                if (wide) ImGui::TableNextColumn();
                if (l.late) ImGui::PushStyleColor(ImGuiCol_Text, p.warn);
                if (wide) plain_text(l.report);
                else if (l.row->report_due) wrapped(l.report);  // (under each other, "—" says nothing)
                if (l.late) ImGui::PopStyleColor();
                if (!step.privacy) {
                    if (wide) ImGui::TableNextColumn();
                    wrapped(l.text);
                }
            }
            ImGui::EndTable();
        }
        const auto discussed = std::count_if(s.lines.begin(), s.lines.end(), [&](const Line& l) { return step.session.discussed(l.row->incident.id); });
        muted(trn("meeting.incidents.discussed_count", static_cast<long long>(discussed)).c_str());
    }
    ImGui::Dummy(em(0, 0.5f));
    step_notes(ctx, step, "meeting.incidents.notes", 4);
}

}  // namespace ts::ui
