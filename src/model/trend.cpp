#include "model/trend.hpp"

#include <algorithm>
#include <cmath>

namespace ts::model {

namespace {
double value(const ind::Figure& f) { return f ? *f : std::nan(""); }
}  // namespace

MeasureTrend measure_trend(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period,
                           const ind::Clock& clock) {
    MeasureTrend t;
    t.months = ind::split(period, ind::Split::month);
    t.types = f.measure_types;
    t.count_by_type.assign(t.types.size(), std::vector<double>(t.months.size(), 0.0));
    const auto rows = ind::measure_rows(f, c, {teams}, t.months, clock);
    for (std::size_t m = 0; m < rows.size(); ++m) {
        const ind::MeasureRow& row = rows[m];
        for (std::size_t k = 0; k < row.figures.by_type.size() && k < t.types.size(); ++k)
            t.count_by_type[k][m] = static_cast<double>(row.figures.by_type[k].count);
        t.count.push_back(static_cast<double>(row.figures.measures));
        t.per_1000_care_days.push_back(value(row.figures.per_1000_care_days));
        t.target_per_1000_care_days.push_back(value(row.goal.target_per_1000_care_days));
        t.hours_per_1000_hours.push_back(value(row.figures.hours_per_1000_hours));
        t.care_days.push_back(static_cast<double>(row.figures.care_days));
    }
    return t;
}

IncidentTrend incident_trend(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period,
                             const ind::Clock& clock) {
    IncidentTrend t;
    t.months = ind::split(period, ind::Split::month);
    t.count_by_severity.assign(4, std::vector<double>(t.months.size(), 0.0));
    const auto rows = ind::incident_rows(f, c, {teams}, t.months, clock);
    for (std::size_t m = 0; m < rows.size(); ++m) {
        const ind::IncidentFigures& fig = rows[m].figures;
        for (std::size_t s = 0; s < 4; ++s) t.count_by_severity[s][m] = static_cast<double>(fig.by_severity[s]);
        t.count.push_back(static_cast<double>(fig.count));
        t.reportable.push_back(static_cast<double>(fig.reportable));
        t.per_1000_care_days.push_back(value(fig.per_1000_care_days));
    }
    return t;
}

ActionTrend action_trend(const ind::Facts& f, const ind::TeamSet& teams, const ind::Period& period, const ind::Clock& clock) {
    ActionTrend t;
    t.months = ind::split(period, ind::Split::month);
    for (const ind::Period& m : t.months) {
        const ind::ActionFigures a = ind::action_figures(f, teams, m, clock);
        t.open.push_back(static_cast<double>(a.open + a.in_progress));
        t.overdue.push_back(static_cast<double>(a.overdue));
        t.done_on_time.push_back(static_cast<double>(a.done_on_time));
        t.due.push_back(static_cast<double>(a.due));
    }
    return t;
}

RatingsGrid ratings_grid(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period) {
    RatingsGrid g;
    std::vector<char> in_set(f.teams.size(), teams.empty() ? 1 : 0);
    for (std::uint32_t t : teams)
        if (t < in_set.size()) in_set[t] = 1;
    std::vector<const ind::MeetingFact*> held;
    for (const ind::MeetingFact& m : f.meetings)
        if (m.team < in_set.size() && in_set[m.team] && m.state != MeetingState::planned && !(m.held_on < period.from) &&
            m.held_on < period.to)
            held.push_back(&m);
    std::stable_sort(held.begin(), held.end(), [](const auto* a, const auto* b) { return a->held_on < b->held_on; });
    for (const auto* m : held) g.meetings.push_back(m->held_on);
    for (const BuildingBlock& b : c.guideline.building_blocks)
        for (const GuidelineItem& r : b.recommendations) {
            g.recommendations.push_back(r.id);
            std::vector<std::optional<Rating>> row;
            for (const auto* m : held) {
                std::optional<Rating> rating;
                for (const auto& [id, value] : m->ratings)
                    if (id == r.id) rating = value;
                row.push_back(rating);
            }
            g.cells.push_back(std::move(row));
        }
    return g;
}

CustomPeriod custom_period(const std::string& from_text, const std::string& to_text) {
    CustomPeriod out;
    const auto from = parse_date(from_text);
    const auto to = parse_date(to_text);
    if (!from) out.error = CustomPeriodError::bad_from;
    else if (!to) out.error = CustomPeriodError::bad_to;
    else if (!(*from < *to)) out.error = CustomPeriodError::from_not_before_to;
    else if (!(*to < Date{from->year + kCustomPeriodMaxYears, from->month, 1})) out.error = CustomPeriodError::too_long;
    else out.period = {*from, *to};
    return out;
}

ind::Period overview_period(OverviewPeriod which, const Date& today, const Date& first_day, const ind::Period& custom) {
    const Date this_month{today.year, today.month, 1};
    switch (which) {
        case OverviewPeriod::last_12_months: return {Date{this_month.year - 1, this_month.month, 1}, this_month};
        case OverviewPeriod::this_year: return {Date{today.year, 1, 1}, civil_from_days(days_from_civil(today) + 1)};
        case OverviewPeriod::last_year: return {Date{today.year - 1, 1, 1}, Date{today.year, 1, 1}};
        case OverviewPeriod::everything: {
            const Date from{first_day.year, first_day.month, 1};
            const Date to = civil_from_days(days_from_civil(today) + 1);
            return {std::min(from, this_month), to};
        }
        case OverviewPeriod::custom: return custom;
    }
    return {this_month, this_month};
}

void TeamOverview::update(Store& store, const Content& c, const std::string& team_id, OverviewPeriod which, std::int64_t now,
                          const ind::Period& custom) {
    const ind::Clock clock = ind::Clock::at(now);
    const Revisions rev = store.revisions();
    if (ready_ && team_id == team_id_ && which == which_ && (which != OverviewPeriod::custom || custom == custom_) && rev == seen_ &&
        clock.today == today_)
        return;
    team_id_ = team_id;
    which_ = which;
    custom_ = custom;
    seen_ = rev;
    today_ = clock.today;
    // "Everything" starts at the team's first measure; the facts of all time tell which.
    Date first = clock.today;
    if (which == OverviewPeriod::everything) {
        ind::Facts all = store.facts(ind::query_for(c, {team_id}, ind::Period{Date{1970, 1, 1}, civil_from_days(days_from_civil(clock.today) + 1)}));
        ind::prepare(all, c);
        for (const auto& m : all.measures) first = std::min(first, local_date(m.start));
    }
    period_ = overview_period(which, clock.today, first, custom);
    ind::Facts f = store.facts(ind::query_for(c, {team_id}, period_));
    ind::prepare(f, c);
    ind::TeamSet team;
    for (std::uint32_t k = 0; k < f.teams.size(); ++k)
        if (f.teams[k].id == team_id) team.push_back(k);
    measures_ = team.empty() ? MeasureTrend{} : measure_trend(f, c, team, period_, clock);
    incidents_ = team.empty() ? IncidentTrend{} : incident_trend(f, c, team, period_, clock);
    actions_ = team.empty() ? ActionTrend{} : action_trend(f, team, period_, clock);
    ratings_ = team.empty() ? RatingsGrid{} : ratings_grid(f, c, team, period_);
    ++version_;
    ready_ = true;
}

}  // namespace ts::model
