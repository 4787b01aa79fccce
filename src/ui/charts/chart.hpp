// A chart on ImDrawList (ImPlot is not in Debian 12): stacked bars per slot (a month, a team),
// lines over them, a target line, axes with nice ticks, a legend, and a tooltip with the exact
// values under the mouse. Series are given whole (computed once by the model, not per frame);
// drawing only lays them out.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace ts::ui::charts {

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

// What the tooltip says for a slot: its label, then each series' value ("Fysiek vasthouden: 4"),
// the bars' total when there are several, and the target. One line each.
std::string tooltip_text(const Chart& c, std::size_t slot);

// Draws `c` at the cursor, `size` wide and high (the legend included), and returns the slot
// under the mouse (its tooltip shown), if any. The plot is probed as `id`.
std::optional<std::size_t> draw(const char* id, const Chart& c, ImVec2 size);

}  // namespace ts::ui::charts
