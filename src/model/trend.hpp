// A team's figures month by month, as the team overview charts them (issue 11): the indicator
// engine's row of each month, reshaped into series. No figure is worked out here: every number
// is one the engine gave for that month (a test holds each to measure_row of the month).
#pragma once

#include "core/content.hpp"
#include "core/indicators.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::model {

struct MeasureTrend {
    std::vector<ind::Period> months;                 // the period split by calendar month
    std::vector<std::string> types;                  // codes, as Facts::measure_types
    std::vector<std::vector<double>> count_by_type;  // [type][month]
    std::vector<double> count;                       // all types, per month
    std::vector<double> per_1000_care_days;          // NaN: no data (no care days)
    std::vector<double> target_per_1000_care_days;   // the reduction goal's target; NaN: none
    std::vector<double> hours_per_1000_hours;        // NaN: no data
    std::vector<double> care_days;
};

// The trend of `teams` (one team for its goal) over `period`, month by month. `f` must hold
// the facts of the period and the year before it (query_for gives them) and be prepare()d.
MeasureTrend measure_trend(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period,
                           const ind::Clock& clock);

struct IncidentTrend {
    std::vector<ind::Period> months;
    std::vector<std::vector<double>> count_by_severity;  // [severity 1–4 as 0–3][month]
    std::vector<double> count, reportable, per_1000_care_days;  // NaN: no data
};

// The incidents of `teams` over `period` month by month, each month the engine's incident_row.
IncidentTrend incident_trend(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period,
                             const ind::Clock& clock);

// Action follow-up month by month, each month the engine's action_figures over that month: how
// the actions stood at the month's end (or now, for the month under way), and those due in the
// month that were done on time (docs/indicators.md, "Action follow-up per month").
struct ActionTrend {
    std::vector<ind::Period> months;
    std::vector<double> open;          // open or in progress at the month's end
    std::vector<double> overdue;       // of those, past their due date then
    std::vector<double> done_on_time;  // due in the month, done on or before the due date
    std::vector<double> due;           // due in the month (done on time's denominator)
};

ActionTrend action_trend(const ind::Facts& f, const ind::TeamSet& teams, const ind::Period& period, const ind::Clock& clock);

// The ratings of the guideline's core recommendations over the meetings held in a period: a row
// per core recommendation (the guideline's order), a column per meeting (oldest first). Facts
// as the meetings hold them, nothing worked out.
struct RatingsGrid {
    std::vector<std::string> recommendations;  // ids, "veiligheid.k1"
    std::vector<Date> meetings;                // held on
    std::vector<std::vector<std::optional<Rating>>> cells;  // [recommendation][meeting]; none: not rated
};

RatingsGrid ratings_grid(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period);

// The periods the team overview offers: the last 12 whole months, this year so far, last year,
// everything (from the first month with records), or the user's own [from, to).
enum class OverviewPeriod { last_12_months, this_year, last_year, everything, custom };
ind::Period overview_period(OverviewPeriod which, const Date& today, const Date& first_day, const ind::Period& custom = {});

// The user's own period, typed as two dates ("YYYY-MM-DD", `to` not included): the period, or
// what is wrong with it.
enum class CustomPeriodError { none, bad_from, bad_to, from_not_before_to, too_long };
struct CustomPeriod {
    ind::Period period;
    CustomPeriodError error = CustomPeriodError::none;
};
CustomPeriod custom_period(const std::string& from_text, const std::string& to_text);
// At most this many years in a custom period (a chart of a hundred years says nothing).
inline constexpr int kCustomPeriodMaxYears = 30;

// One team's overview: its facts for the chosen period, read from the store once, and again only
// when the team, the period or the store's records change; the trends drawn from them.
class TeamOverview {
public:
    // `first_day`: the team's first day with records, for "everything".
    // `custom`: the period when `which` is custom.
    void update(Store& store, const Content& c, const std::string& team_id, OverviewPeriod which, std::int64_t now,
                const ind::Period& custom = {});
    const ind::Period& period() const { return period_; }
    const MeasureTrend& measures() const { return measures_; }
    const IncidentTrend& incidents() const { return incidents_; }
    const ActionTrend& actions() const { return actions_; }
    const RatingsGrid& ratings() const { return ratings_; }
    // Increases whenever the trends were made again (screens keep their series against it).
    std::uint64_t version() const { return version_; }

private:
    std::string team_id_;
    OverviewPeriod which_ = OverviewPeriod::last_12_months;
    ind::Period custom_;
    Revisions seen_;
    Date today_;
    ind::Period period_;
    MeasureTrend measures_;
    IncidentTrend incidents_;
    ActionTrend actions_;
    RatingsGrid ratings_;
    std::uint64_t version_ = 0;
    bool ready_ = false;
};

}  // namespace ts::model
