// The overview screen: for the team shown, over a period the user chooses, its measures month by
// month against its reduction goal, the rate per 1,000 care days, the hours under a measure, its
// incidents by severity, the follow-up of its actions, and the ratings of the guideline's core
// recommendations over its meetings (issue 11). A click on a month's bar opens its records.
#pragma once

#include "model/overview_charts.hpp"
#include "model/trend.hpp"
#include "ui/charts/chart.hpp"
#include "ui/ctx.hpp"
#include "ui/screen_common.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ts::ui {

class OverviewScreen {
public:
    void draw(Ctx& ctx);

private:
    void rebuild_charts(const Ctx& ctx);
    // The charts as shown, and each as a table of its months, for the Excel and HTML export.
    report::Document export_document(const Ctx& ctx) const;
    void draw_period(Ctx& ctx);
    void apply_custom();
    void draw_ratings(Ctx& ctx);
    void open_records(Ctx& ctx, const model::OverviewChart& chart, const charts::Hit& hit);

    model::TeamOverview overview_;
    model::OverviewPeriod which_ = model::OverviewPeriod::last_12_months;
    // The user's own period: the fields as typed, shown while "custom" is chosen; the period
    // changes only when they make one (else custom_error_ says what is wrong).
    bool custom_open_ = false;
    std::string from_text_, to_text_, custom_error_;
    ind::Period custom_;
    // The charts' series, made again only when the overview's trends or the language change.
    std::vector<model::OverviewChart> charts_;
    std::uint64_t built_version_ = 0;
    Lang built_lang_ = Lang::nl;
    ExportBar export_;
    int ratings_scroll_frames_ = 0;  // frames left to scroll the ratings to the newest meeting
};

}  // namespace ts::ui
