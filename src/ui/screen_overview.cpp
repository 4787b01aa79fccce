#include "ui/screen_overview.hpp"

#include "report/report_document.hpp"

#include "core/time.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace ts::ui {

namespace {

constexpr std::pair<model::OverviewPeriod, const char*> kPeriods[] = {
    {model::OverviewPeriod::last_12_months, "overview.period.last_12_months"},
    {model::OverviewPeriod::this_year, "overview.period.this_year"},
    {model::OverviewPeriod::last_year, "overview.period.last_year"},
    {model::OverviewPeriod::everything, "overview.period.everything"},
};

const char* error_key(model::CustomPeriodError e) {
    switch (e) {
        case model::CustomPeriodError::bad_from: return "overview.custom.bad_from";
        case model::CustomPeriodError::bad_to: return "overview.custom.bad_to";
        case model::CustomPeriodError::from_not_before_to: return "overview.custom.from_not_before_to";
        case model::CustomPeriodError::too_long: return "overview.custom.too_long";
        case model::CustomPeriodError::none: break;
    }
    return "";
}

// "1 nov 2025": a day without its weekday.
std::string date_text(const Date& d) { return std::to_string(d.day) + " " + month_text(d); }

// A rating as a symbol, a word and a colour (never the colour alone).
struct RatingLook {
    const char* symbol;
    const char* key;
    ImVec4 colour;
};
RatingLook look(Rating r) {
    const Palette& p = palette();
    switch (r) {
        case Rating::already: return {"✓", "overview.rating.already", p.ok};
        case Rating::partly: return {"▲", "overview.rating.partly", p.warn};
        case Rating::not_yet: return {"✕", "overview.rating.not_yet", p.bad};
    }
    return {"?", "overview.rating.not_yet", p.text};
}

// "2.1": the building block's number and the recommendation's place in it.
std::string recommendation_number(const Guideline& g, const std::string& id, const GuidelineItem** item) {
    for (const BuildingBlock& b : g.building_blocks)
        for (std::size_t k = 0; k < b.recommendations.size(); ++k)
            if (b.recommendations[k].id == id) {
                *item = &b.recommendations[k];
                return std::to_string(b.number) + "." + std::to_string(k + 1);
            }
    *item = nullptr;
    return id;
}

}  // namespace

void OverviewScreen::rebuild_charts(const Ctx& ctx) {
    model::OverviewWords words;
    words.tr = [](const char* key) { return std::string(tr(key)); };
    words.month = [](const Date& d) { return month_text(d); };
    charts_ = model::overview_charts(overview_, ctx.content, ctx.lang, words);
    built_version_ = overview_.version();
    built_lang_ = ctx.lang;
    ratings_scroll_frames_ = 2;
}

void OverviewScreen::apply_custom() {
    const model::CustomPeriod p = model::custom_period(from_text_, to_text_);
    if (p.error != model::CustomPeriodError::none) {
        custom_error_ = tr(error_key(p.error));
        return;
    }
    custom_error_.clear();
    custom_ = p.period;
    which_ = model::OverviewPeriod::custom;
}

void OverviewScreen::draw_period(Ctx& ctx) {
    (void)ctx;
    // The period: one click, or two dates of one's own.
    bool first = true;
    for (const auto& [which, key] : kPeriods) {
        if (!first) flow(checkbox_width(tr(key)), em(1));
        first = false;
        if (ImGui::RadioButton(tr(key), which_ == which && !custom_open_)) {
            which_ = which;
            custom_open_ = false;
            custom_error_.clear();
        }
        probe(std::string("overview.") + key);
    }
    flow(checkbox_width(tr("overview.period.custom")), em(1));
    if (ImGui::RadioButton(tr("overview.period.custom"), custom_open_) && !custom_open_) {
        custom_open_ = true;
        // Begun from the period shown, its last day included: "to" is the day after.
        from_text_ = format_date(overview_.period().from);
        to_text_ = format_date(overview_.period().to);
    }
    probe("overview.overview.period.custom");
    if (!custom_open_) return;

    const ImGuiStyle& style = ImGui::GetStyle();
    const float field = em(7.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("filter.from"));
    ImGui::SameLine();
    date_field("##overview_from", from_text_, field, "overview.custom.from");
    bool go = left_with_enter();
    flow(text_width(tr("filter.to")) + style.ItemSpacing.x + field);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("filter.to"));
    ImGui::SameLine();
    date_field("##overview_to", to_text_, field, "overview.custom.to");
    go |= left_with_enter();
    flow(button_width(tr("overview.custom.show")));
    go |= ImGui::Button(tr("overview.custom.show"));
    probe("overview.custom.show");
    if (go) apply_custom();
    if (!custom_error_.empty()) field_error(custom_error_);
}

void OverviewScreen::open_records(Ctx& ctx, const model::OverviewChart& chart, const charts::Hit& hit) {
    if (!hit.slot || *hit.slot >= overview_.measures().months.size()) return;
    const ind::Period& month = overview_.measures().months[*hit.slot];
    request::ListFilter f;
    f.from = month.from;
    f.to = month.to;
    if (hit.series && *hit.series < chart.series.size()) {
        const model::SeriesRecords& s = chart.series[*hit.series];
        f.type = s.type;
        f.severity = s.severity;
        f.status = s.status;
        f.working = s.working;
        f.overdue = s.overdue;
    }
    const ScreenId screen = chart.records == model::Register::measures    ? ScreenId::measures
                            : chart.records == model::Register::incidents ? ScreenId::incidents
                                                                           : ScreenId::actions;
    ctx.post(request::ShowList{screen, f});
}

void OverviewScreen::draw_ratings(Ctx& ctx) {
    const model::RatingsGrid& g = overview_.ratings();
    subheading(ctx.fonts, tr("overview.ratings"));
    if (g.meetings.empty()) {
        muted(tr("overview.ratings_none"));
        return;
    }
    // A row per core recommendation, a column per meeting; the first column stays while the
    // others scroll sideways.
    const float label_w = std::min(em(26), ImGui::GetContentRegionAvail().x * 0.4f);
    float cell_w = 0;
    for (Rating r : {Rating::already, Rating::partly, Rating::not_yet})
        cell_w = std::max(cell_w, text_width((std::string(look(r).symbol) + " " + tr(look(r).key)).c_str()));
    cell_w = std::max(cell_w, text_width("30 sep 2026")) + em(0.5f);
    // ImGui's tables hold at most 64 columns: over a long period (five years of monthly
    // meetings), the newest 62 meetings, and a line that says so.
    constexpr std::size_t kMostMeetings = 62;
    const std::size_t first = g.meetings.size() > kMostMeetings ? g.meetings.size() - kMostMeetings : 0;
    if (first > 0) muted(trf("overview.ratings_newest", {std::to_string(kMostMeetings), std::to_string(g.meetings.size())}).c_str());
    const int columns = 1 + static_cast<int>(g.meetings.size() - first);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    // Tall enough for every row: no scrolling inside it, only sideways.
    const ImGuiStyle& style = ImGui::GetStyle();
    float height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2 + style.ScrollbarSize + 4;
    for (const std::string& id : g.recommendations) {
        const GuidelineItem* item = nullptr;
        const std::string number = recommendation_number(ctx.content.guideline, id, &item);
        const std::string text = number + "  " + (item ? item->text.in(ctx.lang) : id);
        height += std::max(ImGui::CalcTextSize(text.c_str(), nullptr, false, label_w).y, ImGui::GetTextLineHeight()) +
                  style.CellPadding.y * 2 + 1;
    }
    if (!ImGui::BeginTable("##ratings", columns, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(tr("overview.ratings_recommendation"), ImGuiTableColumnFlags_WidthFixed, label_w);
    for (std::size_t m = first; m < g.meetings.size(); ++m)
        ImGui::TableSetupColumn(date_text(g.meetings[m]).c_str(), ImGuiTableColumnFlags_WidthFixed, cell_w);
    ImGui::TableHeadersRow();
    // The newest meetings in sight when the grid is new: scrolled to its right end.
    if (ratings_scroll_frames_ > 0) {
        --ratings_scroll_frames_;
        ImGui::SetScrollX(1e7f);
    }
    for (std::size_t r = 0; r < g.recommendations.size(); ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const GuidelineItem* item = nullptr;
        const std::string number = recommendation_number(ctx.content.guideline, g.recommendations[r], &item);
        const std::string text = number + "  " + (item ? item->text.in(ctx.lang) : g.recommendations[r]);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + label_w);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        for (std::size_t m = first; m < g.meetings.size(); ++m) {
            ImGui::TableNextColumn();
            const auto& cell = g.cells[r][m];
            if (!cell) {
                ImGui::TextDisabled("–");
                continue;
            }
            const RatingLook l = look(*cell);
            const std::string shown = std::string(l.symbol) + " " + tr(l.key);
            ImGui::PushStyleColor(ImGuiCol_Text, l.colour);
            ImGui::TextUnformatted(shown.c_str());
            ImGui::PopStyleColor();
            probe_text(number + " " + format_date(g.meetings[m]) + ": " + shown);
        }
    }
    ImGui::EndTable();
}

void OverviewScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.overview"));
    if (draw_needs_team(ctx)) return;
    subheading(ctx.fonts, ctx.model.current_team()->name.c_str());
    // What the database holds, where there is room for it: at a large zoom the charts come first.
    const bool roomy = ImGui::GetContentRegionAvail().x > em(45);
    if (roomy) {
        const StoreCounts& c = ctx.model.counts();
        paragraph(trf("overview.summary", {trn("count.teams", c.teams), trn("count.youths", c.youths), trn("count.measures", c.measures),
                                           trn("count.incidents", c.incidents), trn("count.actions", c.actions)})
                      .c_str());
    }

    draw_period(ctx);
    overview_.update(ctx.store, ctx.content, ctx.model.team_id(), which_, now_unix(), custom_);
    if (built_version_ != overview_.version() || built_lang_ != ctx.lang) rebuild_charts(ctx);
    muted(trf("overview.period_shown", {date_text(overview_.period().from),
                                        date_text(civil_from_days(days_from_civil(overview_.period().to) - 1))})
              .c_str());
    const auto draw_export = [&] {
        export_bar("overview.export.", export_, tr("overview.export_file") + std::string("-") + ctx.model.current_team()->name,
                   [&] { return export_document(ctx); });
    };
    // The export above the charts where it fits beside the period, else after them.
    if (roomy) draw_export();

    const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    // Two charts to a screen: from the window's height, not from what is left below the cursor
    // (that changes as the screen scrolls, and the layout with it).
    const float height = std::max(em(12), (ImGui::GetWindowContentRegionMax().y - ImGui::GetWindowContentRegionMin().y) / 2 - em(3));
    for (const model::OverviewChart& chart : charts_) {
        subheading(ctx.fonts, chart.title.c_str());
        charts::Hit hit;
        hit.hint = tr("overview.click_hint");
        charts::draw(("overview.chart." + chart.id).c_str(), chart.chart, ImVec2(width, height), &hit);
        if (hit.clicked) open_records(ctx, chart, hit);
        if (chart.id == "actions") muted(tr("overview.actions_note"));
    }
    draw_ratings(ctx);
    if (!roomy) draw_export();
}

report::Document OverviewScreen::export_document(const Ctx& ctx) const {
    report::Document doc;
    doc.lang = ctx.lang;
    const std::string team = ctx.model.current_team() ? ctx.model.current_team()->name : std::string();
    doc.title = tr("nav.overview") + std::string(" · ") + team;
    const ind::Period& p = overview_.period();
    doc.about.push_back({tr("export.team"), report::Cell(std::in_place_type<std::string>, team)});
    doc.about.push_back({tr("export.from"), p.from});
    doc.about.push_back({tr("export.to"), civil_from_days(days_from_civil(p.to) - 1)});
    doc.about.push_back({tr("export.generated"), report::Moment{now_unix()}});
    doc.about.push_back({tr("export.privacy"), tr("export.privacy.no_details")});
    report::Section s;
    s.heading = team;
    for (const model::OverviewChart& c : charts_) {
        s.charts.push_back({c.title, c.chart});
        // The chart's numbers: a row per month, a column per series (the same values).
        report::Table t;
        t.title = c.title;
        t.columns.push_back({"month", tr("export.month"), 0});
        std::vector<const charts::Series*> series;
        for (const auto& b : c.chart.bars) series.push_back(&b);
        for (const auto& l : c.chart.lines) series.push_back(&l);
        for (const charts::Series* x : series) t.columns.push_back({x->label, x->label, c.chart.decimals});
        for (std::size_t m = 0; m < c.chart.slots.size(); ++m) {
            // (Cells built in place: GCC 12 warns falsely about a variant's string moved in.)
            std::vector<report::Cell> row;
            row.reserve(series.size() + 1);
            row.emplace_back(std::in_place_type<std::string>, c.chart.slots[m]);
            for (const charts::Series* x : series) {
                const double v = m < x->values.size() ? x->values[m] : std::nan("");
                if (std::isfinite(v)) row.emplace_back(std::in_place_type<double>, v);
                else row.emplace_back();
            }
            t.rows.push_back(std::move(row));
        }
        s.tables.push_back(std::move(t));
    }
    // The ratings of the core recommendations over the meetings, with the guideline's source.
    const model::RatingsGrid& g = overview_.ratings();
    if (!g.meetings.empty()) {
        report::Table t;
        t.title = tr("overview.ratings");
        t.columns.push_back({"recommendation", tr("overview.ratings_recommendation"), 0});
        for (const Date& d : g.meetings) t.columns.push_back({format_date(d), date_text(d), 0});
        for (std::size_t r = 0; r < g.recommendations.size(); ++r) {
            const GuidelineItem* item = nullptr;
            const std::string number = recommendation_number(ctx.content.guideline, g.recommendations[r], &item);
            std::vector<report::Cell> row;
            row.emplace_back(std::in_place_type<std::string>, number + "  " + (item ? item->text.in(ctx.lang) : g.recommendations[r]));
            for (const auto& cell : g.cells[r]) {
                if (cell) row.emplace_back(std::in_place_type<std::string>, std::string(look(*cell).symbol) + " " + tr(look(*cell).key));
                else row.emplace_back();
            }
            t.rows.push_back(std::move(row));
        }
        s.tables.push_back(std::move(t));
        s.notes.push_back(tr("export.guideline_source") + std::string(": ") + report::guideline_source(ctx.content, ctx.lang));
    }
    doc.sections.push_back(std::move(s));
    return doc;
}

}  // namespace ts::ui
