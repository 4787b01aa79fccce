// A team's trend month by month (model/trend): each month's numbers are the engine's for that
// month, and the counts agree with the demo's records counted here one by one.
#include "core/content.hpp"
#include "core/demo.hpp"
#include "core/indicators.hpp"
#include "model/trend.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace ts;

namespace {
const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}
}  // namespace

TEST_CASE("The measures trend is the engine's row of each month", "[model][trend]") {
    const test::PinnedTime pinned;  // UTC: a measure's month is that of its UTC start
    DemoOptions o;
    o.teams = 2;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    const Dataset data = generate_demo(o);
    ind::Facts f = ind::facts_from(data);
    ind::prepare(f, content());
    const ind::Clock clock = ind::Clock::at(test::kPinnedNow);
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    const std::uint32_t team = 0;
    const model::MeasureTrend t = model::measure_trend(f, content(), {team}, year, clock);

    REQUIRE(t.months.size() == 12);
    CHECK(t.months.front().from == Date{2025, 3, 1});
    CHECK(t.months.back().to == Date{2026, 3, 1});
    REQUIRE(t.count.size() == 12);
    const std::string team_id = f.teams[team].id;
    for (std::size_t m = 0; m < 12; ++m) {
        INFO("month " << m);
        // The records themselves: the team's measures that start in the month.
        const std::string prefix = format_date(t.months[m].from).substr(0, 7);
        const auto by_hand = std::count_if(data.measures.begin(), data.measures.end(), [&](const Measure& x) {
            return x.team_id == team_id && x.started_at.compare(0, 7, prefix) == 0;
        });
        CHECK(t.count[m] == static_cast<double>(by_hand));
        double types = 0;
        for (const auto& series : t.count_by_type) types += series[m];
        CHECK(types == t.count[m]);
        // The engine's own row of the month, figure for figure.
        const ind::MeasureRow row = ind::measure_row(f, content(), {team}, t.months[m], clock);
        CHECK(t.count[m] == static_cast<double>(row.figures.measures));
        REQUIRE(row.figures.per_1000_care_days);
        CHECK(t.per_1000_care_days[m] == *row.figures.per_1000_care_days);
        if (row.goal.target_per_1000_care_days) CHECK(t.target_per_1000_care_days[m] == *row.goal.target_per_1000_care_days);
        else CHECK(std::isnan(t.target_per_1000_care_days[m]));
    }
    // Measures belong to the month they start in: the months add up to the year.
    const ind::MeasureRow whole = ind::measure_row(f, content(), {team}, year, clock);
    CHECK(std::accumulate(t.count.begin(), t.count.end(), 0.0) == static_cast<double>(whole.figures.measures));
    CHECK(whole.figures.measures > 0);
}
