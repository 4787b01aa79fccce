// A team's figures month by month, as the team overview charts them (issue 11): the indicator
// engine's row of each month, reshaped into series. No figure is worked out here: every number
// is one the engine gave for that month (a test holds each to measure_row of the month).
#pragma once

#include "core/content.hpp"
#include "core/indicators.hpp"

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
};

// The trend of `teams` (one team for its goal) over `period`, month by month. `f` must hold
// the facts of the period and the year before it (query_for gives them) and be prepare()d.
MeasureTrend measure_trend(const ind::Facts& f, const Content& c, const ind::TeamSet& teams, const ind::Period& period,
                           const ind::Clock& clock);

}  // namespace ts::model
