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

// Draws `c` at the cursor, `size` wide and high (the legend included), and returns the slot
// under the mouse (its tooltip shown), if any. The plot is probed as `id`.
std::optional<std::size_t> draw(const char* id, const Chart& c, ImVec2 size);

}  // namespace ts::ui::charts
