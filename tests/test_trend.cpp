// A team's trend month by month (model/trend): each month's numbers are the engine's for that
// month, and the counts agree with the demo's records counted here one by one.
#include "core/content.hpp"
#include "core/demo.hpp"
#include "core/indicators.hpp"
#include "model/overview_charts.hpp"
#include "model/trend.hpp"
#include "store/store.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
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

namespace {
// The demo of the tests above: two teams over two years up to 1 March 2026.
Dataset demo_data() {
    DemoOptions o;
    o.teams = 2;
    o.years = 2;
    o.end = Date{2026, 3, 1};
    return generate_demo(o);
}
std::string date_part(const std::string& timestamp) { return timestamp.substr(0, 10); }
}  // namespace

TEST_CASE("The actions trend is the engine's action figures of each month", "[model][trend][actions]") {
    const test::PinnedTime pinned;
    const Dataset data = demo_data();
    ind::Facts f = ind::facts_from(data);
    ind::prepare(f, content());
    const ind::Clock clock = ind::Clock::at(test::kPinnedNow);  // 15 March 2026
    const std::uint32_t team = 0;
    const std::string team_id = f.teams[team].id;
    // This year so far: January, February and the first half of March.
    const ind::Period period{Date{2026, 1, 1}, Date{2026, 3, 16}};
    const model::ActionTrend t = model::action_trend(f, {team}, period, clock);
    REQUIRE(t.months.size() == 3);
    REQUIRE(t.open.size() == 3);
    for (std::size_t m = 0; m < 3; ++m) {
        INFO("month " << m);
        const ind::ActionFigures a = ind::action_figures(f, {team}, t.months[m], clock);
        CHECK(t.open[m] == static_cast<double>(a.open + a.in_progress));
        CHECK(t.overdue[m] == static_cast<double>(a.overdue));
        CHECK(t.done_on_time[m] == static_cast<double>(a.done_on_time));
        // Done on time, by hand: due in the month, done, completed on or before the due day.
        const std::string month = format_date(t.months[m].from).substr(0, 7);
        const auto on_time = std::count_if(data.actions.begin(), data.actions.end(), [&](const Action& x) {
            return x.team_id == team_id && x.due_on && x.due_on->compare(0, 7, month) == 0 && x.status == ActionStatus::done &&
                   x.completed_at && date_part(*x.completed_at) <= *x.due_on;
        });
        CHECK(t.done_on_time[m] == static_cast<double>(on_time));
    }
    // March is under way: open and overdue are the actions as they stand now, counted by hand.
    std::map<std::string, std::string> held_on;
    for (const Meeting& mt : data.meetings) held_on[mt.id] = mt.held_on;
    long open = 0, overdue = 0;
    for (const Action& x : data.actions) {
        if (x.team_id != team_id) continue;
        const std::string agreed = x.meeting_id ? held_on[*x.meeting_id] : date_part(x.created_at);
        if (agreed > "2026-03-15") continue;
        if (x.status != ActionStatus::open && x.status != ActionStatus::in_progress) continue;
        ++open;
        if (x.due_on && *x.due_on < "2026-03-15") ++overdue;
    }
    CHECK(t.open[2] == static_cast<double>(open));
    CHECK(t.overdue[2] == static_cast<double>(overdue));
    CHECK(open > 0);
    CHECK(overdue > 0);
    CHECK(std::accumulate(t.done_on_time.begin(), t.done_on_time.end(), 0.0) > 0);
}

TEST_CASE("The ratings grid holds each meeting's rating of each core recommendation", "[model][trend][ratings]") {
    const test::PinnedTime pinned;
    const Dataset data = demo_data();
    ind::Facts f = ind::facts_from(data);
    ind::prepare(f, content());
    const std::uint32_t team = 0;
    const std::string team_id = f.teams[team].id;
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    const model::RatingsGrid g = model::ratings_grid(f, content(), {team}, year);

    // The meetings held in the period, by hand; the columns are theirs, oldest first.
    std::vector<const Meeting*> held;
    for (const Meeting& m : data.meetings)
        if (m.team_id == team_id && m.state != MeetingState::planned && m.held_on >= "2025-03-01" && m.held_on < "2026-03-01")
            held.push_back(&m);
    std::stable_sort(held.begin(), held.end(), [](const Meeting* a, const Meeting* b) { return a->held_on < b->held_on; });
    REQUIRE(g.meetings.size() == held.size());
    REQUIRE(!held.empty());
    for (std::size_t m = 0; m < held.size(); ++m) CHECK(format_date(g.meetings[m]) == held[m]->held_on);
    // A row per core recommendation, in the guideline's order.
    std::size_t recs = 0;
    for (const auto& b : content().guideline.building_blocks) recs += b.recommendations.size();
    REQUIRE(g.recommendations.size() == recs);
    CHECK(g.recommendations.front() == content().guideline.building_blocks.front().recommendations.front().id);
    // Every cell is that meeting's rating of that recommendation, or none.
    long rated = 0, by_hand = 0;
    for (std::size_t r = 0; r < g.recommendations.size(); ++r)
        for (std::size_t m = 0; m < held.size(); ++m) {
            std::optional<Rating> want;
            for (const auto& [id, rating] : held[m]->ratings)
                if (id == g.recommendations[r]) want = rating;
            CHECK(g.cells[r][m] == want);
            rated += g.cells[r][m].has_value();
        }
    for (const Meeting* m : held) by_hand += static_cast<long>(m->ratings.size());
    CHECK(rated == by_hand);
    CHECK(rated > 0);
}

TEST_CASE("A custom period is two dates with the first before the second", "[model][trend][period]") {
    const auto ok = model::custom_period("2025-02-10", "2025-07-01");
    CHECK(ok.error == model::CustomPeriodError::none);
    CHECK(ok.period == ind::Period{Date{2025, 2, 10}, Date{2025, 7, 1}});
    CHECK(model::custom_period("2025-13-01", "2025-07-01").error == model::CustomPeriodError::bad_from);
    CHECK(model::custom_period("", "2025-07-01").error == model::CustomPeriodError::bad_from);
    CHECK(model::custom_period("2025-02-10", "1 juli").error == model::CustomPeriodError::bad_to);
    CHECK(model::custom_period("2025-07-01", "2025-07-01").error == model::CustomPeriodError::from_not_before_to);
    CHECK(model::custom_period("2025-08-01", "2025-07-01").error == model::CustomPeriodError::from_not_before_to);
    CHECK(model::custom_period("1990-01-01", "2025-07-01").error == model::CustomPeriodError::too_long);
    // Its months: the first and last clipped to the dates.
    const auto months = ind::split(ok.period, ind::Split::month);
    REQUIRE(months.size() == 5);  // February (from the 10th) to June
    CHECK(months.front().from == Date{2025, 2, 10});
    CHECK(model::overview_period(model::OverviewPeriod::custom, Date{2026, 3, 15}, Date{2024, 1, 1}, ok.period) == ok.period);
}

TEST_CASE("The overview's charts are the trends' series with the records behind each", "[model][trend][charts]") {
    const test::PinnedTime pinned;
    const Dataset data = demo_data();
    ind::Facts f = ind::facts_from(data);
    ind::prepare(f, content());
    const ind::Clock clock = ind::Clock::at(test::kPinnedNow);
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    const model::MeasureTrend mt = model::measure_trend(f, content(), {0}, year, clock);
    model::OverviewWords words;
    words.tr = [](const char* key) { return std::string(key); };
    words.month = [](const Date& d) { return format_date(d).substr(0, 7); };
    // overview_charts reads a TeamOverview; one made from a store of the same data.
    auto store = open_sqlite_store(":memory:");
    store->insert_dataset(data);
    model::TeamOverview o;
    o.update(*store, content(), f.teams[0].id, model::OverviewPeriod::custom, test::kPinnedNow, year);
    const auto charts = model::overview_charts(o, content(), Lang::nl, words);
    REQUIRE(charts.size() == 5);
    const char* ids[] = {"measures", "rate", "hours", "incidents", "actions"};
    for (std::size_t k = 0; k < 5; ++k) {
        CHECK(charts[k].id == ids[k]);
        CHECK(charts[k].series.size() == charts[k].chart.bars.size() + charts[k].chart.lines.size());
        CHECK(charts[k].chart.slots.size() == 12);
    }
    CHECK(charts[0].chart.slots.front() == "2025-03");
    // The hours are the engine's hours per 1,000 hours of each month.
    REQUIRE(charts[2].chart.lines.size() == 1);
    for (std::size_t m = 0; m < 12; ++m) {
        const double want = mt.hours_per_1000_hours[m];
        const double got = charts[2].chart.lines[0].values[m];
        CHECK(((std::isnan(want) && std::isnan(got)) || want == got));
    }
    // Each measure bar names its type; each incident bar its severity; the action lines their status.
    for (std::size_t k = 0; k < charts[0].series.size(); ++k) {
        const MeasureType* type = content().measure_type(charts[0].series[k].type);
        if (type) CHECK(charts[0].chart.bars[k].label == type->name.nl);
    }
    for (std::size_t s = 0; s < 4; ++s) CHECK(charts[3].series[s].severity == static_cast<int>(s) + 1);
    CHECK(charts[4].series[0].working);
    CHECK(charts[4].series[1].overdue);
    CHECK(charts[4].series[2].status == ActionStatus::done);
}
