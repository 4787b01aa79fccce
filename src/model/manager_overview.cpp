#include "model/manager_overview.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>
#include <utility>

namespace ts::model {

namespace {

constexpr std::pair<ManagerPeriod, std::string_view> kPeriodNames[] = {
    {ManagerPeriod::this_quarter, "this_quarter"},
    {ManagerPeriod::last_quarter, "last_quarter"},
    {ManagerPeriod::last_12_months, "last_12_months"},
    {ManagerPeriod::this_year, "this_year"},
};

Date next_day(const Date& d) { return civil_from_days(days_from_civil(d) + 1); }

// A figure for sorting: no data is none.
std::optional<double> figure_of(const TeamRow& r, TeamColumn by) {
    switch (by) {
        case TeamColumn::open: return static_cast<double>(r.open_or_in_progress);
        case TeamColumn::overdue: return static_cast<double>(r.actions.overdue);
        case TeamColumn::done_on_time_pct: return r.actions.done_on_time_pct;
        case TeamColumn::median_days_to_done: return r.actions.median_days_to_done;
        case TeamColumn::stale: return static_cast<double>(r.actions.stale);
        case TeamColumn::per_1000_care_days: return r.measures.figures.per_1000_care_days;
        case TeamColumn::change_pct: return r.measures.change_pct;
        case TeamColumn::incidents: return static_cast<double>(r.incidents.count);
        case TeamColumn::reportable_past_deadline: return static_cast<double>(r.incidents.reportable_past_deadline);
        case TeamColumn::last_meeting:
            if (!r.last_meeting) return std::nullopt;
            return static_cast<double>(days_from_civil(*r.last_meeting));
        case TeamColumn::blocks: return static_cast<double>(r.blocks_reflected);
        case TeamColumn::team:
        case TeamColumn::worst: break;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(ManagerPeriod p) {
    for (const auto& [which, name] : kPeriodNames)
        if (which == p) return name;
    return "this_quarter";
}

std::optional<ManagerPeriod> manager_period_from_string(std::string_view s) {
    for (const auto& [which, name] : kPeriodNames)
        if (name == s) return which;
    return std::nullopt;
}

ind::Period manager_period(ManagerPeriod which, const Date& today) {
    switch (which) {
        case ManagerPeriod::this_quarter: return ind::quarter_so_far(today);
        case ManagerPeriod::last_quarter: return ind::quarter_before(today);
        case ManagerPeriod::last_12_months: return ind::last_twelve_months(today);
        case ManagerPeriod::this_year: return {Date{today.year, 1, 1}, next_day(today)};
    }
    return ind::quarter_so_far(today);
}

void sort_rows(std::vector<TeamRow>& rows, TeamColumn by, bool ascending) {
    const auto by_name = [](const TeamRow& a, const TeamRow& b) { return std::tie(a.team, a.team_id) < std::tie(b.team, b.team_id); };
    if (by == TeamColumn::worst) {
        const auto rise = [](const TeamRow& r) { return r.measures.change_pct.value_or(0.0); };
        std::stable_sort(rows.begin(), rows.end(), [&](const TeamRow& a, const TeamRow& b) {
            const auto ka = std::make_tuple(a.incidents.reportable_past_deadline, a.actions.overdue, rise(a), a.actions.stale);
            const auto kb = std::make_tuple(b.incidents.reportable_past_deadline, b.actions.overdue, rise(b), b.actions.stale);
            if (ka != kb) return ka > kb;
            return by_name(a, b);
        });
        return;
    }
    if (by == TeamColumn::team) {
        std::stable_sort(rows.begin(), rows.end(), [&](const TeamRow& a, const TeamRow& b) { return ascending ? by_name(a, b) : by_name(b, a); });
        return;
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const TeamRow& a, const TeamRow& b) {
        const std::optional<double> fa = figure_of(a, by), fb = figure_of(b, by);
        if (fa.has_value() != fb.has_value()) return fa.has_value();  // no data last
        if (fa && *fa != *fb) return ascending ? *fa < *fb : *fa > *fb;
        return by_name(a, b);
    });
}

ind::FactsQuery team_rows_query(const Content& c, std::vector<std::string> teams, const ind::Period& period, const Date& today) {
    ind::FactsQuery q = ind::query_for(c, std::move(teams), period);
    const ind::Period blocks = ind::last_months(today, kBlocksMonths);
    q.range.from = std::min(q.range.from, blocks.from);
    q.range.to = std::max(q.range.to, blocks.to);
    return q;
}

std::vector<TeamRow> team_rows(const ind::Facts& f, const Content& c, const ind::Period& period, const ind::Clock& clock) {
    std::vector<ind::TeamSet> sets;
    for (std::uint32_t t = 0; t < f.teams.size(); ++t) sets.push_back({t});
    // The measures and incidents of every team at once, on the machine's cores.
    const std::vector<ind::MeasureRow> measures = ind::measure_rows(f, c, sets, {period}, clock);
    const std::vector<ind::IncidentRow> incidents = ind::incident_rows(f, c, sets, {period}, clock);
    const ind::Period blocks = ind::last_months(clock.today, kBlocksMonths);
    std::vector<TeamRow> rows;
    rows.reserve(sets.size());
    for (std::uint32_t t = 0; t < f.teams.size(); ++t) {
        TeamRow r;
        r.team_id = f.teams[t].id;
        r.team = f.teams[t].name;
        r.actions = ind::action_figures(f, sets[t], period, clock);
        r.open_or_in_progress = r.actions.open + r.actions.in_progress;
        r.measures = measures[t];
        r.incidents = incidents[t].figures;
        r.last_meeting = ind::last_meeting(f, sets[t], next_day(clock.today));
        if (r.last_meeting)
            r.weeks_since_meeting = (days_from_civil(clock.today) - days_from_civil(*r.last_meeting)) / 7;
        r.blocks_reflected = ind::guideline_figures(f, c, sets[t], blocks).blocks_reflected.size();
        r.blocks_total = c.guideline.building_blocks.size();
        rows.push_back(std::move(r));
    }
    sort_rows(rows, TeamColumn::worst, false);
    return rows;
}

void ManagerOverview::update(Store& store, const Content& c, ManagerPeriod which, std::int64_t now) {
    const ind::Clock clock = ind::Clock::at(now);
    const Revisions rev = store.revisions();
    if (ready_ && which == which_ && rev == seen_ && clock.today == today_) return;
    const auto start = std::chrono::steady_clock::now();
    which_ = which;
    seen_ = rev;
    today_ = clock.today;
    period_ = manager_period(which, clock.today);
    ind::Facts f = store.facts(team_rows_query(c, {}, period_, clock.today));
    ind::prepare(f, c);
    rows_ = team_rows(f, c, period_, clock);
    build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ++version_;
    ready_ = true;
}

}  // namespace ts::model
