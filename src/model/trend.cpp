#include "model/trend.hpp"

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
    }
    return t;
}

}  // namespace ts::model
