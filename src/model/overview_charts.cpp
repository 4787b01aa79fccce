#include "model/overview_charts.hpp"

#include "model/chart_scale.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ts::model {

std::string severity_short(const Content& c, Lang lang, int severity) {
    if (severity < 1 || severity > static_cast<int>(c.severities.size())) return std::to_string(severity);
    std::string s = std::to_string(severity) + " " + c.severities[static_cast<std::size_t>(severity - 1)].in(lang);
    if (auto p = s.find(" ("); p != std::string::npos) s.resize(p);
    return s;
}

std::vector<OverviewChart> overview_charts(const TeamOverview& o, const Content& c, Lang lang, const OverviewWords& words) {
    const auto tr = [&](const char* key) { return words.tr(key); };
    const MeasureTrend& t = o.measures();
    std::vector<std::string> slots;
    for (const auto& m : t.months) slots.push_back(words.month(m.from));
    const std::optional<Date> first = t.months.empty() ? std::nullopt : std::optional<Date>(t.months.front().from);
    const auto blank = [&] {
        charts::Chart ch;
        ch.slots = slots;
        ch.first_month = first;
        ch.lang = lang;
        return ch;
    };
    std::vector<OverviewChart> out;

    // Measures per month: one bar per type that occurs in the period, in data/'s order; beyond
    // the palette's colours less one, the least used types together as "other types", so no two
    // series share a colour.
    {
        OverviewChart oc{"measures", tr("overview.measures_per_month"), blank(), Register::measures, {}};
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
                const MeasureType* type = c.measure_type(t.types[k]);
                oc.chart.bars.push_back({type ? type->name.in(lang) : t.types[k], t.count_by_type[k]});
                oc.series.push_back({t.types[k], {}, {}, false, false});
                continue;
            }
            any_other = true;
            for (std::size_t m = 0; m < other.size(); ++m) other[m] += t.count_by_type[k][m];
        }
        if (any_other) {
            oc.chart.bars.push_back({tr("overview.other_types"), other});
            oc.series.push_back({});  // every type: the list has no filter for "the others"
        }
        // The goal as a number of measures: the month's target rate over its care days.
        for (std::size_t m = 0; m < t.months.size(); ++m)
            oc.chart.target_values.push_back(std::isfinite(t.target_per_1000_care_days[m])
                                                 ? t.target_per_1000_care_days[m] * t.care_days[m] / 1000.0
                                                 : std::nan(""));
        oc.chart.target_label = tr("overview.goal_target");
        out.push_back(std::move(oc));
    }

    // The rate per 1,000 care days against the goal's.
    {
        OverviewChart oc{"rate", tr("overview.rate_per_1000"), blank(), Register::measures, {{}}};
        oc.chart.decimals = 1;
        oc.chart.lines = {{tr("overview.rate_line"), t.per_1000_care_days}};
        oc.chart.target_values = t.target_per_1000_care_days;
        oc.chart.target_label = tr("overview.goal_target");
        out.push_back(std::move(oc));
    }

    // Hours under a measure per 1,000 hours of care.
    {
        OverviewChart oc{"hours", tr("overview.hours_per_1000"), blank(), Register::measures, {{}}};
        oc.chart.decimals = 1;
        oc.chart.lines = {{tr("overview.hours_line"), t.hours_per_1000_hours}};
        out.push_back(std::move(oc));
    }

    // Incidents per month by severity, 1 (minor) to 4 (very serious).
    {
        const IncidentTrend& it = o.incidents();
        OverviewChart oc{"incidents", tr("overview.incidents_per_month"), blank(), Register::incidents, {}};
        for (std::size_t s = 0; s < it.count_by_severity.size() && s < c.severities.size(); ++s) {
            oc.chart.bars.push_back({severity_short(c, lang, static_cast<int>(s) + 1), it.count_by_severity[s]});
            oc.series.push_back({{}, static_cast<int>(s) + 1, {}, false, false});
        }
        out.push_back(std::move(oc));
    }

    // Action follow-up: open and overdue at each month's end, done on time of those due in it.
    {
        const ActionTrend& at = o.actions();
        OverviewChart oc{"actions", tr("overview.actions_per_month"), blank(), Register::actions, {}};
        oc.chart.lines = {{tr("overview.actions.open"), at.open},
                          {tr("overview.actions.overdue"), at.overdue},
                          {tr("overview.actions.done_on_time"), at.done_on_time}};
        oc.series = {{{}, {}, std::nullopt, true, false}, {{}, {}, std::nullopt, false, true}, {{}, {}, ActionStatus::done, false, false}};
        out.push_back(std::move(oc));
    }
    return out;
}

}  // namespace ts::model
