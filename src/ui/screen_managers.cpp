#include "ui/screen_managers.hpp"

#include "core/time.hpp"
#include "report/figures_report.hpp"
#include "report/report_document.hpp"
#include "ui/layout.hpp"
#include "ui/list_table.hpp"
#include "ui/probe.hpp"
#include "ui/requests.hpp"
#include "ui/screen_common.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <cmath>
#include <utility>

namespace ts::ui {

namespace {

using model::TeamColumn;

constexpr std::array<const char*, ManagersScreen::kColumns> kNames{
    "team",  "open",      "overdue",   "done_on_time_pct", "median_days_to_done", "stale", "per_1000_care_days",
    "change_pct", "incidents", "reportable_past_deadline", "last_meeting", "blocks",
};

constexpr std::pair<model::ManagerPeriod, const char*> kPeriods[] = {
    {model::ManagerPeriod::this_quarter, "managers.period.this_quarter"},
    {model::ManagerPeriod::last_quarter, "managers.period.last_quarter"},
    {model::ManagerPeriod::last_12_months, "managers.period.last_12_months"},
    {model::ManagerPeriod::this_year, "managers.period.this_year"},
};

std::string count_text(std::int64_t n) { return std::to_string(n); }

std::string figure_text(const ind::Figure& f, int decimals, Lang lang, const char* unit = "") {
    if (!f) return "—";
    return number_text(*f, decimals, lang) + unit;
}

// The change of the rate: an arrow and a word as well as the number, so it never rests on
// colour alone ("▲ 18 % meer", "▼ 34 % minder", "= gelijk").
std::string change_text(const ind::Figure& change, Lang lang) {
    if (!change) return "—";
    const std::string pct = number_text(std::abs(*change), 0, lang);
    if (pct == "0") return std::string("= ") + tr("managers.change.same");
    if (*change > 0) return "▲ " + pct + " % " + tr("managers.change.more");
    return "▼ " + pct + " % " + tr("managers.change.less");
}

std::string weeks_text(const std::optional<std::int64_t>& weeks) {
    if (!weeks) return tr("managers.no_meeting");
    if (*weeks == 0) return tr("managers.this_week");
    return trn("managers.weeks_ago", *weeks);
}

// What a click on a cell opens: the records behind the number, of that team and period.
std::optional<request::ShowList> click_target(const model::TeamRow& r, std::size_t column, const ind::Period& p) {
    request::ListFilter f;
    f.team_id = r.team_id;
    switch (column) {
        case 1: f.working = true; return request::ShowList{ScreenId::actions, f};
        case 2: f.overdue = true; return request::ShowList{ScreenId::actions, f};
        case 3:
        case 4: f.status = ActionStatus::done; return request::ShowList{ScreenId::actions, f};
        case 5: f.stale = true; return request::ShowList{ScreenId::actions, f};
        case 6:
        case 7: f.from = p.from; f.to = p.to; return request::ShowList{ScreenId::measures, f};
        case 8: f.from = p.from; f.to = p.to; return request::ShowList{ScreenId::incidents, f};
        case 9: f.reportable = true; return request::ShowList{ScreenId::incidents, f};
        default: return std::nullopt;
    }
}

}  // namespace

const std::array<const char*, ManagersScreen::kColumns>& ManagersScreen::column_names() { return kNames; }

void ManagersScreen::rebuild_cells(const Ctx& ctx) {
    rows_ = overview_.rows();
    static constexpr TeamColumn kByColumn[kColumns] = {
        TeamColumn::team,      TeamColumn::open,  TeamColumn::overdue,           TeamColumn::done_on_time_pct,
        TeamColumn::median_days_to_done, TeamColumn::stale, TeamColumn::per_1000_care_days, TeamColumn::change_pct,
        TeamColumn::incidents, TeamColumn::reportable_past_deadline, TeamColumn::last_meeting, TeamColumn::blocks,
    };
    if (sort_column_ >= 0 && sort_column_ < static_cast<int>(kColumns))
        model::sort_rows(rows_, kByColumn[sort_column_], sort_ascending_);
    cells_.clear();
    for (const model::TeamRow& r : rows_) {
        std::array<std::string, kColumns> c;
        c[0] = r.team;
        c[1] = count_text(r.open_or_in_progress);
        c[2] = count_text(r.actions.overdue);
        c[3] = figure_text(r.actions.done_on_time_pct, 0, ctx.lang, " %");
        c[4] = figure_text(r.actions.median_days_to_done, 0, ctx.lang);
        c[5] = count_text(r.actions.stale);
        c[6] = figure_text(r.measures.figures.per_1000_care_days, 1, ctx.lang);
        c[7] = change_text(r.measures.change_pct, ctx.lang);
        c[8] = count_text(r.incidents.count);
        c[9] = count_text(r.incidents.reportable_past_deadline);
        c[10] = weeks_text(r.weeks_since_meeting);
        c[11] = trf("managers.blocks_of", {std::to_string(r.blocks_reflected), std::to_string(r.blocks_total)});
        cells_.push_back(std::move(c));
    }
    built_version_ = overview_.version();
    built_sort_ = sort_column_;
    built_ascending_ = sort_ascending_;
    built_lang_ = ctx.lang;
}

void ManagersScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.managers"));
    if (draw_needs_team(ctx)) return;
    // The period: one click.
    bool first = true;
    for (const auto& [which, key] : kPeriods) {
        if (!first) flow(checkbox_width(tr(key)), em(1));
        first = false;
        if (ImGui::RadioButton(tr(key), which_ == which)) which_ = which;
        probe(std::string("managers.") + key);
    }
    overview_.update(ctx.store, ctx.content, which_, now_unix());
    const ind::Period& p = overview_.period();
    muted(trf("managers.period_shown", {day_text(p.from), day_text(civil_from_days(days_from_civil(p.to) - 1)),
                                        trn("managers.teams", static_cast<long long>(overview_.rows().size()))})
              .c_str());
    // The hint only where it fits a line or two: at a large zoom the rows come first.
    if (ImGui::GetContentRegionAvail().x > em(45)) muted(tr("managers.hint"));
    // The rows as shown (their sort included) to Excel or HTML: the same table as `report teams`.
    export_bar("managers.export.", export_, tr("managers.export_file") + std::string("-") + format_date(local_date(now_unix())), [&] {
        report::ReportDocumentOptions o;
        o.lang = ctx.lang;
        return report::report_document(report::teams_table(rows_.empty() ? overview_.rows() : rows_, overview_.period(), now_unix()),
                                       ctx.content, o);
    });
    draw_table(ctx);
}

void ManagersScreen::draw_table(Ctx& ctx) {
    // Compact columns (only the cells' own padding), so twelve columns fit 1920 pixels at 100 %;
    // every column stretches in proportion to its minimum, so none is squeezed below it.
    const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_NoHeaderWidth;
    const ImGuiTableColumnFlags first_desc = ImGuiTableColumnFlags_PreferSortDescending;
    const std::string change_sample = std::string("▲ 100 % ") + tr("managers.change.less");
    const std::string weeks_sample = trn("managers.weeks_ago", 10);
    const std::string blocks_sample = trf("managers.blocks_of", {"4", "4"});
    const std::vector<ListColumn> columns{
        {tr("managers.col.team"), 5, nullptr, 0, ImGuiTableColumnFlags_NoHide},
        {tr("managers.col.open"), 2, "000", 0, fixed | first_desc},
        {tr("managers.col.overdue"), 2, "000", 0, fixed | first_desc},
        {tr("managers.col.done_on_time"), 2, "100 %", 1, fixed},
        {tr("managers.col.days_to_done"), 2, "000", 3, fixed | first_desc},
        {tr("managers.col.stale"), 2, "000", 2, fixed | first_desc},
        {tr("managers.col.per_1000"), 2, "000,0", 0, fixed | first_desc},
        {tr("managers.col.change"), 2, change_sample.c_str(), 0, fixed | first_desc},
        {tr("managers.col.incidents"), 2, "000", 2, fixed | first_desc},
        {tr("managers.col.reportable_late"), 2, "000", 1, fixed | first_desc},
        {tr("managers.col.last_meeting"), 2, weeks_sample.c_str(), 1, fixed},
        {tr("managers.col.blocks"), 2, blocks_sample.c_str(), 3, fixed},
    };
    if (!begin_list("##managers", columns, ImVec2(0, 0), true, ImGuiTableFlags_SortTristate)) return;
    headers_row("managers.col.");
    int column = sort_column_;
    bool ascending = sort_ascending_;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        column = specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex : -1;  // none: worst first
        ascending = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        specs->SpecsDirty = false;
    }
    sort_column_ = column;
    sort_ascending_ = ascending;
    if (built_version_ != overview_.version() || built_sort_ != sort_column_ || built_ascending_ != sort_ascending_ ||
        built_lang_ != ctx.lang)
        rebuild_cells(ctx);

    const Palette& pal = palette();
    // Only the rows in sight are drawn (up to 60 teams: at a large zoom most are out of sight).
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (auto i = static_cast<std::size_t>(clipper.DisplayStart); i < static_cast<std::size_t>(clipper.DisplayEnd); ++i) {
            const model::TeamRow& r = rows_[i];
            ImGui::TableNextRow();
            ImGui::PushID(r.team_id.c_str());
            for (std::size_t c = 0; c < kColumns; ++c) {
                if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
                const std::string& text = cells_[i][c];
                // Colour only beside the words: a rise in red, a fall in green, a missed duty in red.
                std::optional<ImVec4> colour;
                if (c == 7 && r.measures.change_pct && std::abs(*r.measures.change_pct) >= 0.5)
                    colour = *r.measures.change_pct > 0 ? pal.bad : pal.ok;
                if ((c == 2 && r.actions.overdue > 0) || (c == 9 && r.incidents.reportable_past_deadline > 0)) colour = pal.bad;
                if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
                ImGui::PushID(static_cast<int>(c));
                const bool clicked = ImGui::Selectable(text.c_str(), false);
                ImGui::PopID();
                if (colour) ImGui::PopStyleColor();
                if (probes_enabled()) {
                    const std::string name = "managers.cell." + r.team + "." + kNames[c];
                    probe(name);
                    probe_value(name, text);
                }
                if (c == 10 && r.last_meeting && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", day_text(*r.last_meeting).c_str());
                if (!clicked) continue;
                if (c == 0) {
                    // The team's own overview.
                    ctx.post(request::SwitchTeam{r.team_id});
                    ctx.post(request::Show{ScreenId::overview});
                } else if (auto target = click_target(r, c, overview_.period())) {
                    ctx.post(std::move(*target));
                }
            }
            ImGui::PopID();
        }
    }
    end_list();
}

}  // namespace ts::ui
