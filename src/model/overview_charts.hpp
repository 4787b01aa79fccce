// The team overview's charts (issue 11), made from a TeamOverview without drawing them: the
// screen draws them on ImDrawList, the HTML report as SVG, the same series either way. Each
// series says which records lie behind it, so a click on a month's bar can open the list of
// those records. Made once per change of the data, the period or the language, never per frame.
#pragma once

#include "core/content.hpp"
#include "model/chart_data.hpp"
#include "model/trend.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ts::model {

// The register whose records lie behind a chart.
enum class Register { measures, incidents, actions };

// The records behind one series (besides its month): what the list is filtered on.
struct SeriesRecords {
    std::string type;                    // measures: this type's code; empty: every type
    std::optional<int> severity;         // incidents: this severity only
    std::optional<ActionStatus> status;  // actions: this status
    bool working = false;                // actions: open or in progress
    bool overdue = false;                // actions: past their due date
};

struct OverviewChart {
    std::string id;     // "measures", "rate", "hours", "incidents", "actions": probed as overview.chart.<id>
    std::string title;  // the heading above it
    charts::Chart chart;
    Register records = Register::measures;
    std::vector<SeriesRecords> series;  // per series: the bars, then the lines
};

// The words the charts need, given in by the caller (the model knows no language files).
struct OverviewWords {
    std::function<std::string(const char* key)> tr;  // a UI string by its key
    std::function<std::string(const Date& month)> month;  // "mrt 2026"
};

// "3 ernstig": a severity's number and its name without the explanation in brackets.
std::string severity_short(const Content& c, Lang lang, int severity);

// The charts of `o`, in the order the overview shows them.
std::vector<OverviewChart> overview_charts(const TeamOverview& o, const Content& c, Lang lang, const OverviewWords& words);

}  // namespace ts::model
