// What a chart shows, without drawing it: slots (months, teams) with stacked bars, lines over
// them and a target. The model and the screens fill it once when the data or the filter changes;
// the screens draw it on ImDrawList (ui/charts/chart.hpp) and the HTML report as SVG.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::charts {

struct Series {
    std::string label;
    std::vector<double> values;  // one per slot; NaN: no data (a gap in a line, nothing in a bar)
};

struct Chart {
    std::vector<std::string> slots;   // a label per slot ("mrt 2026", "De Linde")
    std::optional<Date> first_month;  // the slots are months from this one: labels by month_labels()
    std::vector<Series> bars;         // stacked, from the axis up
    std::vector<Series> lines;        // over the bars
    std::optional<double> target;     // a horizontal target line
    std::vector<double> target_values;  // or a target per slot, dashed from slot to slot; NaN: none
    std::string target_label;
    int decimals = 0;                 // of the values in the tooltip and on the axis
    Lang lang = Lang::nl;
};

}  // namespace ts::charts
