// A chart on ImDrawList (ImPlot is not in Debian 12): stacked bars per slot (a month, a team),
// lines over them, a target line, axes with nice ticks, a legend, and a tooltip with the exact
// values under the mouse. Series are given whole (computed once by the model, not per frame);
// drawing only lays them out.
#pragma once

#include "model/chart_data.hpp"

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace ts::ui::charts {

using ts::charts::Chart;
using ts::charts::Series;

// What the tooltip says for a slot: its label, then each series' value ("Fysiek vasthouden: 4"),
// the bars' total when there are several, and the target. One line each.
std::string tooltip_text(const Chart& c, std::size_t slot);

// What the mouse does on a chart that opens the records behind it: the slot under it, the
// series under it (bars from 0, then lines from bars.size(); none between them), and whether
// it was clicked. `hint` (given in) ends the tooltip: "Click to see these records".
struct Hit {
    const char* hint = nullptr;
    std::optional<std::size_t> slot, series;
    bool clicked = false;
};

// Draws `c` at the cursor, `size` wide and high (the legend included), and returns the slot
// under the mouse (its tooltip shown), if any. The plot is probed as `id`. With `hit`, the
// series under the mouse is outlined and a click reported there. The legend goes above the
// plot on one or two lines, else beside it when it fits there, else above it in a smaller type
// (a large zoom), so it never takes much of the plot's height.
std::optional<std::size_t> draw(const char* id, const Chart& c, ImVec2 size, Hit* hit = nullptr);

}  // namespace ts::ui::charts
