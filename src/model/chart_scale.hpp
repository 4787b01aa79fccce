// The arithmetic of the charts (issue 11), without ImGui, shared by the screens' charts
// (ui/charts) and the HTML report's SVG charts: nice axis ticks, which months of a
// monthly axis get a label, stacking, and the Okabe–Ito colours. Tested on its own
// (tests/test_chart_scale.cpp); the drawing on ImDrawList comes on top of it.
#pragma once

#include "core/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ts::charts {

// An axis from `min` to `max` in steps of `step` (1, 2, 2.5 or 5 times a power of ten), with
// the tick values from min to max inclusive. min and max are multiples of step.
struct Ticks {
    double min = 0, max = 1, step = 1;
    std::vector<double> values;
};

// Ticks covering [lo, hi] with about `target` steps (at least 1). A count axis starts at 0:
// `from_zero` takes min = 0 when all values are positive. An empty range (lo == hi, all zeros,
// a single value) still gets an axis with one step above it; lo > hi is swapped; NaN or
// infinite bounds give the axis 0–1.
Ticks nice_ticks(double lo, double hi, int target = 5, bool from_zero = true);

// For `count` months from `first` (its day is ignored), the indices that get a label when at
// most `max_labels` fit: every month, else every 2nd, 3rd, 6th or 12th month, counted so that
// the labelled months are January, April, July, October… of the calendar (not the first month
// shown); with every 12th, the Januaries. At least one label when count > 0.
std::vector<std::size_t> month_labels(const Date& first, std::size_t count, std::size_t max_labels);

// Stacked bars: for series[s][x] (all series of one length; negative values count as 0), the
// top of each series at x: tops[s][x] = series[0][x] + … + series[s][x].
std::vector<std::vector<double>> stack(const std::vector<std::vector<double>>& series);

// Screen geometry of a plot: `n` equal slots (months, teams) across [x0, x1), and values on the
// axis `t` from `bottom` (its min) up to `top` (its max; screen y grows downwards).
// The slot under a mouse x, none outside the plot or with no slots.
std::optional<std::size_t> slot_at(float mouse_x, float x0, float x1, std::size_t n);
// The centre x of slot `i`.
float slot_centre(std::size_t i, float x0, float x1, std::size_t n);
// The screen y of `value`, clamped to the axis.
float y_of(double value, const Ticks& t, float bottom, float top);

// The Okabe–Ito palette (colour-blind safe), as 0xRRGGBB: orange, sky blue, bluish green,
// yellow, blue, vermillion, reddish purple, black. Series take them in this order and wrap.
inline constexpr std::array<std::uint32_t, 8> kOkabeIto{0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                        0x0072B2, 0xD55E00, 0xCC79A7, 0x000000};
std::uint32_t series_colour(std::size_t series);

}  // namespace ts::charts
