// The charts' arithmetic lives in the model (model/chart_scale.hpp), shared with the HTML
// report's SVG charts; the screens' charts name it as ui::charts.
#pragma once

#include "model/chart_scale.hpp"

namespace ts::ui::charts {
using ts::charts::kOkabeIto;
using ts::charts::month_labels;
using ts::charts::nice_ticks;
using ts::charts::series_colour;
using ts::charts::slot_at;
using ts::charts::slot_centre;
using ts::charts::stack;
using ts::charts::Ticks;
using ts::charts::y_of;
}  // namespace ts::ui::charts
