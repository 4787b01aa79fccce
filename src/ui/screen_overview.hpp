// The overview screen: for the team shown, its measures month by month against its reduction
// goal, and its rate per 1,000 care days, over a period the user chooses (issue 11, begun).
#pragma once

#include "model/trend.hpp"
#include "ui/charts/chart.hpp"
#include "ui/ctx.hpp"

#include <cstdint>

namespace ts::ui {

class OverviewScreen {
public:
    void draw(Ctx& ctx);

private:
    void rebuild_charts(const Ctx& ctx);

    model::TeamOverview overview_;
    model::OverviewPeriod which_ = model::OverviewPeriod::last_12_months;
    // The charts' series, made again only when the overview's trends or the language change.
    charts::Chart measures_, rate_, incidents_;
    std::uint64_t built_version_ = 0;
    Lang built_lang_ = Lang::nl;
};

}  // namespace ts::ui
