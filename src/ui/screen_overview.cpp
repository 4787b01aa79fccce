#include "ui/screen_overview.hpp"

#include "core/time.hpp"
#include "ui/charts/scale.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
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

}  // namespace

void OverviewScreen::rebuild_charts(const Ctx& ctx) {
    const model::MeasureTrend& t = overview_.measures();
    std::vector<std::string> slots;
    for (const auto& m : t.months) slots.push_back(month_text(m.from));
    const std::optional<Date> first = t.months.empty() ? std::nullopt : std::optional<Date>(t.months.front().from);

    measures_ = charts::Chart{};
    measures_.slots = slots;
    measures_.first_month = first;
    measures_.lang = ctx.lang;
    // One bar per type that occurs in the period, in data/'s order; beyond the palette's colours
    // less one, the least used types together as "other types", so no two series share a colour.
    std::vector<std::pair<double, std::size_t>> used;  // (total, type)
    for (std::size_t k = 0; k < t.types.size(); ++k) {
        double sum = 0;
        for (double v : t.count_by_type[k]) sum += v;
        if (sum > 0) used.emplace_back(sum, k);
    }
    constexpr std::size_t kOwnColours = charts::kOkabeIto.size() - 1;
    std::vector<bool> own(t.types.size(), used.size() <= kOwnColours + 1);
    if (used.size() > kOwnColours + 1) {
        std::vector<std::pair<double, std::size_t>> most = used;
        std::stable_sort(most.begin(), most.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t r = 0; r < kOwnColours; ++r) own[most[r].second] = true;
    }
    std::vector<double> other(t.months.size(), 0.0);
    bool any_other = false;
    for (const auto& [sum, k] : used) {
        if (own[k]) {
            const MeasureType* type = ctx.content.measure_type(t.types[k]);
            measures_.bars.push_back({type ? type->name.in(ctx.lang) : t.types[k], t.count_by_type[k]});
            continue;
        }
        any_other = true;
        for (std::size_t m = 0; m < other.size(); ++m) other[m] += t.count_by_type[k][m];
    }
    if (any_other) measures_.bars.push_back({tr("overview.other_types"), other});
    // The goal as a number of measures: the month's target rate over its care days.
    for (std::size_t m = 0; m < t.months.size(); ++m)
        measures_.target_values.push_back(std::isfinite(t.target_per_1000_care_days[m])
                                              ? t.target_per_1000_care_days[m] * t.care_days[m] / 1000.0
                                              : std::nan(""));
    measures_.target_label = tr("overview.goal_target");

    rate_ = charts::Chart{};
    rate_.slots = slots;
    rate_.first_month = first;
    rate_.lang = ctx.lang;
    rate_.decimals = 1;
    rate_.lines = {{tr("overview.rate_line"), t.per_1000_care_days}};
    rate_.target_values = t.target_per_1000_care_days;
    rate_.target_label = tr("overview.goal_target");

    // Incidents per month by severity, 1 (minor) to 4 (very serious).
    const model::IncidentTrend& it = overview_.incidents();
    incidents_ = charts::Chart{};
    incidents_.slots = slots;
    incidents_.first_month = first;
    incidents_.lang = ctx.lang;
    for (std::size_t s = 0; s < it.count_by_severity.size() && s < ctx.content.severities.size(); ++s)
        incidents_.bars.push_back({severity_short(ctx, static_cast<int>(s) + 1), it.count_by_severity[s]});

    built_version_ = overview_.version();
    built_lang_ = ctx.lang;
}

void OverviewScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.overview"));
    if (draw_needs_team(ctx)) return;
    subheading(ctx.fonts, ctx.model.current_team()->name.c_str());
    const StoreCounts& c = ctx.model.counts();
    paragraph(trf("overview.summary", {trn("count.teams", c.teams), trn("count.youths", c.youths), trn("count.measures", c.measures),
                                       trn("count.incidents", c.incidents), trn("count.actions", c.actions)})
                  .c_str());

    // The period: one click.
    bool first = true;
    for (const auto& [which, key] : kPeriods) {
        if (!first) flow(checkbox_width(tr(key)), em(1));
        first = false;
        if (ImGui::RadioButton(tr(key), which_ == which)) which_ = which;
        probe(std::string("overview.") + key);
    }

    overview_.update(ctx.store, ctx.content, ctx.model.team_id(), which_, now_unix());
    if (built_version_ != overview_.version() || built_lang_ != ctx.lang) rebuild_charts(ctx);
    muted(trf("overview.period_shown", {month_text(overview_.period().from),
                                        month_text(civil_from_days(days_from_civil(overview_.period().to) - 1))})
              .c_str());

    const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    // Two charts to a screen: from the window's height, not from what is left below the cursor
    // (that changes as the screen scrolls, and the layout with it).
    const float height = std::max(em(12), (ImGui::GetWindowContentRegionMax().y - ImGui::GetWindowContentRegionMin().y) / 2 - em(3));
    subheading(ctx.fonts, tr("overview.measures_per_month"));
    charts::draw("overview.chart.measures", measures_, ImVec2(width, height));
    subheading(ctx.fonts, tr("overview.rate_per_1000"));
    charts::draw("overview.chart.rate", rate_, ImVec2(width, height));
    subheading(ctx.fonts, tr("overview.incidents_per_month"));
    charts::draw("overview.chart.incidents", incidents_, ImVec2(width, height));
    muted(tr("overview.next"));
}

}  // namespace ts::ui
