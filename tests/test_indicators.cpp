// The indicator engine on small hand-made datasets. Every expected number is worked out by
// hand in the comment above its check (docs/indicators.md has the formulas).
#include "core/demo.hpp"
#include "core/indicators.hpp"
#include "core/rules.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>

using namespace ts;
using namespace ts::ind;
using Catch::Detail::Approx;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

Date d(const char* text) { return *parse_date(text); }
Period period(const char* from, const char* to) { return {d(from), d(to)}; }
// Every case runs in UTC with "now" 2026-03-20 12:00, unless it says otherwise.
const std::int64_t kNow = *parse_timestamp("2026-03-20T12:00:00Z");

Team team(const char* id, const char* name, double goal = 0) {
    Team t;
    t.id = id;
    t.name = name;
    t.reduction_goal_pct = goal;
    return t;
}

Youth youth(const char* id, const char* team, const char* admitted, std::optional<std::string> discharged = std::nullopt,
            CareSetting setting = CareSetting::closed, int age = 15) {
    Youth y;
    y.id = id;
    y.team_id = team;
    y.code = "J-01";
    y.admitted_on = admitted;
    y.discharged_on = std::move(discharged);
    y.setting = setting;
    y.age_at_admission = age;
    return y;
}

// A measure with a debrief and parents informed, in the care plan (no rule warnings except
// what a case adds).
Measure measure(const char* youth_id, const char* type, const char* start, std::optional<std::string> end, const char* team = "t1") {
    static int n = 0;
    Measure m;
    m.id = "m" + std::to_string(++n);
    m.team_id = team;
    m.youth_id = youth_id;
    m.type = type;
    m.started_at = start;
    m.ended_at = std::move(end);
    m.in_care_plan = true;
    m.debrief_at = start;
    m.parents_informed_at = start;
    return m;
}

Facts prepared(const Dataset& data) {
    Facts f = facts_from(data);
    prepare(f, content());
    return f;
}

std::size_t type_index(const Facts& f, const char* code) {
    for (std::size_t i = 0; i < f.measure_types.size(); ++i)
        if (f.measure_types[i] == code) return i;
    FAIL("no type " << code);
    return 0;
}

}  // namespace

TEST_CASE("periods split by month and quarter and year and clip to the period", "[indicators]") {
    test::PinnedTime pin(kNow);
    // 15 Nov 2025 – 10 Feb 2026 by month: Nov (from the 15th), Dec, Jan, Feb (to the 10th).
    const auto months = split(period("2025-11-15", "2026-02-10"), Split::month);
    REQUIRE(months.size() == 4);
    CHECK(months[0] == period("2025-11-15", "2025-12-01"));
    CHECK(months[1] == period("2025-12-01", "2026-01-01"));
    CHECK(months[3] == period("2026-02-01", "2026-02-10"));
    // By quarter: Q4 2025 from the 15th, Q1 2026 to 10 Feb.
    const auto quarters = split(period("2025-11-15", "2026-02-10"), Split::quarter);
    REQUIRE(quarters.size() == 2);
    CHECK(quarters[0] == period("2025-11-15", "2026-01-01"));
    CHECK(quarters[1] == period("2026-01-01", "2026-02-10"));
    CHECK(split(period("2024-03-01", "2026-03-01"), Split::year).size() == 3);  // 2024 (from March), 2025, 2026 (Jan–Feb)
    CHECK(split(period("2026-03-01", "2026-03-01"), Split::month).empty());
    CHECK(split(period("2026-03-01", "2026-04-01"), Split::none).size() == 1);
    // Previous period: 31 days of March → the 31 days before: 29 Jan – 1 Mar.
    CHECK(previous_period(period("2026-03-01", "2026-04-01")) == period("2026-01-29", "2026-03-01"));
    // One year earlier; 29 Feb 2024 becomes 28 Feb 2023.
    CHECK(year_earlier(period("2024-02-29", "2024-03-31")) == period("2023-02-28", "2023-03-31"));
    // The last twelve months up to and including 20 March 2026: [21 Mar 2025, 21 Mar 2026).
    CHECK(last_twelve_months(d("2026-03-20")) == period("2025-03-21", "2026-03-21"));
    // The facts a March report needs reach back to March a year earlier (before the previous period).
    CHECK(facts_range(period("2026-03-01", "2026-04-01")) == period("2025-03-01", "2026-04-01"));
}

TEST_CASE("care days across month boundaries and admission and discharge inside the period", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {
        // A: 20 Jan – 4 Mar: January 12 days (20–31), February 28, March 3 (1, 2, 3; the 4th is the discharge day).
        youth("a", "t1", "2026-01-20", "2026-03-04"),
        // B: admitted 10 Feb, still in care (to and including today, 20 March): February 19 days (10–28), March 20.
        youth("b", "t1", "2026-02-10"),
        // C: 1 March – 4 March (the example of PRODUCT.md): 3 care days.
        youth("c", "t1", "2026-03-01", "2026-03-04"),
        // D: discharged before the periods: no care days, not in care.
        youth("d", "t1", "2025-06-01", "2025-12-31"),
    };
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    const auto feb = measure_figures(f, content(), {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK(feb.care_days == 28 + 19);  // 47
    CHECK(feb.youths_in_care == 2);
    const auto march = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), clock);
    CHECK(march.care_days == 3 + 20 + 3);  // 26: B up to and including 20 March, not the days after today
    CHECK(march.youths_in_care == 3);
    // By month from 15 Jan to 15 Mar: January 12 (A only), February 47, March 1–14: A 3, B 14, C 3 = 20.
    const auto months = split(period("2026-01-15", "2026-03-15"), Split::month);
    REQUIRE(months.size() == 3);
    CHECK(measure_figures(f, content(), {}, months[0], clock).care_days == 12);
    CHECK(measure_figures(f, content(), {}, months[1], clock).care_days == 47);
    CHECK(measure_figures(f, content(), {}, months[2], clock).care_days == 20);
    // And the three add up to the whole: 79.
    CHECK(measure_figures(f, content(), {}, period("2026-01-15", "2026-03-15"), clock).care_days == 79);
}

TEST_CASE("care days and youths in care agree with counting day by day for many stays and periods", "[indicators]") {
    // The engine finds care days by binary search over sorted admissions and discharges; here
    // they are counted the slow way, youth by youth and day by day, for stays of every kind:
    // admitted before, in or after a period, discharged in it or not at all, admitted after
    // today, a stay of no days, and a discharge before the admission (which counts nothing).
    test::PinnedTime pin(kNow);
    const Clock clock = Clock::at(kNow);
    const std::int64_t today = days_from_civil(clock.today);
    Dataset data;
    data.teams = {team("t1", "De Linde"), team("t2", "Het Anker"), team("t3", "De Brug")};
    std::uint32_t seed = 12345;
    const auto next = [&](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    const std::int64_t base = days_from_civil(d("2025-01-01"));
    struct Stay {
        std::int64_t admitted;
        std::optional<std::int64_t> discharged;
        std::size_t team;
    };
    std::vector<Stay> stays;
    for (int i = 0; i < 300; ++i) {
        Stay s{base + next(500), std::nullopt, next(3)};
        const std::uint32_t kind = next(5);
        if (kind == 1) s.discharged = s.admitted;                           // no days
        else if (kind == 2) s.discharged = s.admitted - 1 - next(30);        // before the admission
        else if (kind >= 3) s.discharged = s.admitted + 1 + next(200);      // a stay
        stays.push_back(s);
        const std::string id = "y" + std::to_string(i);
        Youth y = youth("", data.teams[s.team].id.c_str(), "");
        y.id = id;
        y.admitted_on = format_date(civil_from_days(s.admitted));
        if (s.discharged) y.discharged_on = format_date(civil_from_days(*s.discharged));
        data.youths.push_back(y);
    }
    const Facts f = prepared(data);
    for (int k = 0; k < 200; ++k) {
        const std::int64_t from = base - 30 + next(560), to = from + 1 + next(120);
        const Period p{civil_from_days(from), civil_from_days(to)};
        for (const TeamSet& teams : {TeamSet{}, TeamSet{0}, TeamSet{1, 2}}) {
            std::int64_t days = 0, youths = 0;
            for (const Stay& s : stays) {
                if (!teams.empty() && std::find(teams.begin(), teams.end(), s.team) == teams.end()) continue;
                const std::int64_t end = s.discharged ? *s.discharged : today + 1;
                std::int64_t in = 0;
                for (std::int64_t day = from; day < to; ++day) in += s.admitted <= day && day < end;
                days += in;
                youths += in > 0;
            }
            const MeasureFigures m = measure_figures(f, content(), teams, p, clock);
            INFO(format_date(p.from) << " to " << format_date(p.to) << ", " << teams.size() << " teams");
            CHECK(m.care_days == days);
            CHECK(m.youths_in_care == youths);
            CHECK(incident_figures(f, content(), teams, p, clock).care_days == days);
        }
    }
}

TEST_CASE("the rows of many teams and periods at once are the rows one by one", "[indicators]") {
    test::PinnedTime pin(kNow);
    const Clock clock = Clock::at(kNow);
    DemoOptions o;
    o.teams = 3;
    o.years = 2;
    o.seed = 5;
    o.end = Date{2026, 3, 1};
    const Dataset data = generate_demo(o);
    const Facts f = prepared(data);
    const std::vector<TeamSet> sets = {TeamSet{0}, TeamSet{1}, TeamSet{2}, TeamSet{}, TeamSet{0, 2}};
    const std::vector<Period> parts = split(period("2024-03-01", "2026-03-01"), Split::month);
    const std::vector<MeasureRow> measures = measure_rows(f, content(), sets, parts, clock);
    const std::vector<IncidentRow> incidents = incident_rows(f, content(), sets, parts, clock);
    REQUIRE(measures.size() == sets.size() * parts.size());
    REQUIRE(incidents.size() == sets.size() * parts.size());
    std::int64_t counted = 0;
    for (std::size_t s = 0; s < sets.size(); ++s)
        for (std::size_t i = 0; i < parts.size(); ++i) {
            CHECK(measures[s * parts.size() + i] == measure_row(f, content(), sets[s], parts[i], clock));
            CHECK(incidents[s * parts.size() + i] == incident_row(f, content(), sets[s], parts[i], clock));
            counted += measures[s * parts.size() + i].figures.measures;
        }
    CHECK(counted > 100);  // not a comparison of empty rows

    // Handed over one by one, in order, on this thread, while other threads work out the next.
    std::vector<std::size_t> order;
    std::size_t same = 0;
    const auto here = std::this_thread::get_id();
    bool on_this_thread = true;
    for_each_measure_row(f, content(), sets, parts, clock, [&](std::size_t i, const MeasureRow& r) {
        order.push_back(i);
        same += r == measures[i];
        on_this_thread = on_this_thread && std::this_thread::get_id() == here;
    });
    REQUIRE(order.size() == measures.size());
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
    CHECK(same == measures.size());
    CHECK(on_this_thread);
    // A failure in the hands the rows are given to stops the work and comes out here.
    std::size_t given = 0;
    CHECK_THROWS_WITH(for_each_incident_row(f, content(), sets, parts, clock,
                                            [&](std::size_t i, const IncidentRow&) {
                                                ++given;
                                                if (i == 30) throw std::runtime_error("disk full");
                                            }),
                      "disk full");
    CHECK(given == 31);
}

TEST_CASE("care days follow the local calendar day in a time zone other than UTC", "[indicators]") {
    // In Amsterdam (UTC+1 in winter) a measure at 23:30 UTC on 31 January is on 1 February.
    test::PinnedTime pin(kNow, "Europe/Amsterdam");
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {youth("a", "t1", "2026-01-01")};
    data.measures = {measure("a", "room_search", "2026-01-31T23:30:00Z", std::nullopt)};
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    CHECK(measure_figures(f, content(), {}, period("2026-01-01", "2026-02-01"), clock).measures == 0);
    CHECK(measure_figures(f, content(), {}, period("2026-02-01", "2026-03-01"), clock).measures == 1);
}

TEST_CASE("the 24-hour rule joins a measure 23 hours 59 after the previous end and not one 24 hours 1 after", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {youth("a", "t1", "2026-01-01"), youth("b", "t1", "2026-01-01")};
    data.measures = {
        // Youth a, physical hold: ends 1 Mar 10:00; the next starts 2 Mar 09:59, 23 h 59 min later: one intervention.
        measure("a", "physical_hold", "2026-03-01T09:45:00Z", "2026-03-01T10:00:00Z"),
        measure("a", "physical_hold", "2026-03-02T09:59:00Z", "2026-03-02T10:10:00Z"),
        // … the third starts 3 Mar 10:11, 24 h 1 min after the second ended: a new intervention.
        measure("a", "physical_hold", "2026-03-03T10:11:00Z", "2026-03-03T10:20:00Z"),
        // Youth a, another type within the hour: another intervention (one type at a time).
        measure("a", "time_out", "2026-03-01T10:30:00Z", "2026-03-01T11:00:00Z"),
        // Youth b, physical hold at the same time as a's: another youth, another intervention.
        measure("b", "physical_hold", "2026-03-01T09:50:00Z", "2026-03-01T10:00:00Z"),
    };
    const Facts f = prepared(data);
    const auto m = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), Clock::at(kNow));
    CHECK(m.measures == 5);
    // a/hold: 2 (the first two are one), a/time-out: 1, b/hold: 1 → 4.
    CHECK(m.interventions == 4);
    CHECK(m.by_type[type_index(f, "physical_hold")].interventions == 3);
    CHECK(m.by_type[type_index(f, "physical_hold")].count == 4);
    CHECK(m.by_type[type_index(f, "time_out")].interventions == 1);
    // An intervention belongs to the period in which its first measure starts: the second hold
    // (2 March) continues the one of 1 March, so 2–4 March has one intervention (the third hold).
    const auto later = measure_figures(f, content(), {}, period("2026-03-02", "2026-03-04"), Clock::at(kNow));
    CHECK(later.measures == 2);
    CHECK(later.interventions == 1);
}

TEST_CASE("the 24-hour rule follows a youth whose measures were recorded for another team too", "[indicators]") {
    // Youth a belongs to De Linde (t2, the second team), where a hold was recorded on 1 March;
    // one recorded for Het Anker (t1) that evening, 9 h 30 min after it ended, continues it: one
    // intervention, counted for De Linde, where it started. (The facts are grouped by team, Het
    // Anker's first, so the rule must walk the youth's measures in order of time across teams.)
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "Het Anker"), team("t2", "De Linde")};
    data.youths = {youth("a", "t2", "2026-01-01")};
    data.measures = {
        measure("a", "physical_hold", "2026-03-01T10:00:00Z", "2026-03-01T10:30:00Z", "t2"),
        measure("a", "physical_hold", "2026-03-01T20:00:00Z", "2026-03-01T20:10:00Z", "t1"),
    };
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    const Period march = period("2026-03-01", "2026-04-01");
    CHECK(measure_figures(f, content(), {}, march, clock).measures == 2);
    CHECK(measure_figures(f, content(), {}, march, clock).interventions == 1);
    CHECK(measure_figures(f, content(), {0}, march, clock).interventions == 0);
    CHECK(measure_figures(f, content(), {1}, march, clock).interventions == 1);
}

TEST_CASE("an intervention continues from before the period that a store reads", "[indicators][store]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {youth("a", "t1", "2025-01-01")};
    // A door alarm from 20 Feb that has not ended (ongoing), and a seclusion 28 Feb 20:00–22:00.
    // On 1 March the door alarm is renewed (a new record) and a seclusion starts at 08:00,
    // 10 hours after the last one ended: both continue their interventions.
    data.measures = {
        measure("a", "door_alarm", "2026-02-20T08:00:00Z", std::nullopt),
        measure("a", "seclusion_room", "2026-02-28T20:00:00Z", "2026-02-28T22:00:00Z"),
        measure("a", "door_alarm", "2026-03-01T08:00:00Z", "2026-03-05T08:00:00Z"),
        measure("a", "seclusion_room", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z"),
    };
    const Facts f = prepared(data);
    const auto m = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), Clock::at(kNow));
    CHECK(m.measures == 2);
    CHECK(m.interventions == 0);
}

TEST_CASE("mean and median with odd and even counts and an ongoing episode left out", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {youth("a", "t1", "2026-01-01"), youth("b", "t1", "2026-01-01")};
    data.measures = {
        // Holds of 10, 20 and 60 minutes: odd count, median 20, mean 30.
        measure("a", "physical_hold", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z"),
        measure("a", "physical_hold", "2026-03-05T10:00:00Z", "2026-03-05T10:20:00Z"),
        measure("b", "physical_hold", "2026-03-06T10:00:00Z", "2026-03-06T11:00:00Z"),
        // Time-outs of 30, 40, 50 and 100 minutes: even count, median (40 + 50) / 2 = 45, mean 55.
        measure("a", "time_out", "2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z"),
        measure("a", "time_out", "2026-03-04T12:00:00Z", "2026-03-04T12:40:00Z"),
        measure("b", "time_out", "2026-03-06T12:00:00Z", "2026-03-06T12:50:00Z"),
        measure("b", "time_out", "2026-03-08T12:00:00Z", "2026-03-08T13:40:00Z"),
        // A seclusion still running since 19 March: ongoing, counted, no duration.
        measure("b", "seclusion_room", "2026-03-19T20:00:00Z", std::nullopt),
        // A room search: a point in time, neither ongoing nor a duration.
        measure("b", "room_search", "2026-03-10T09:00:00Z", std::nullopt),
    };
    const Facts f = prepared(data);
    const auto m = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), Clock::at(kNow));
    const TypeFigures& hold = m.by_type[type_index(f, "physical_hold")];
    CHECK(*hold.median_minutes == Approx(20));
    CHECK(*hold.mean_minutes == Approx(30));
    const TypeFigures& timeout = m.by_type[type_index(f, "time_out")];
    CHECK(*timeout.median_minutes == Approx(45));
    CHECK(*timeout.mean_minutes == Approx(55));
    const TypeFigures& seclusion = m.by_type[type_index(f, "seclusion_room")];
    CHECK(seclusion.count == 1);
    CHECK(seclusion.ongoing == 1);
    CHECK_FALSE(seclusion.median_minutes.has_value());
    CHECK_FALSE(m.by_type[type_index(f, "room_search")].mean_minutes.has_value());
    CHECK(m.by_type[type_index(f, "room_search")].ongoing == 0);
    CHECK(m.measures == 9);
    CHECK(m.ongoing == 1);
    // Care days in March: a and b both 1–20 March = 40; hours in care 960.
    // Episode hours: holds 90 min + time-outs 220 min = 310 min = 5 1/6 h; per 1,000 hours: 5.1667 / 960 × 1000 = 5.3819.
    CHECK(m.care_days == 40);
    CHECK(*m.hours_per_1000_hours == Approx(310.0 / 60.0 / 960.0 * 1000.0));
    // 9 measures per 40 care days = 225 per 1,000; holds 3 / 40 → 75.
    CHECK(*m.per_1000_care_days == Approx(225));
    CHECK(*hold.per_1000_care_days == Approx(75));
    // Both youths in care had a measure: 100 %.
    CHECK(*m.pct_youths_with_measure == Approx(100));
    CHECK(median({}) == std::nullopt);
    CHECK(*median({7}) == 7);
    CHECK(*median({4, 1, 3, 2}) == Approx(2.5));
}

TEST_CASE("an empty period and a period without care days give no data and no division by zero", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde", 30)};
    data.youths = {youth("a", "t1", "2026-03-01")};
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    // February: nobody in care, no measures: every ratio is no data, the counts are 0.
    const MeasureRow row = measure_row(f, content(), {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK(row.figures.care_days == 0);
    CHECK(row.figures.measures == 0);
    CHECK_FALSE(row.figures.per_1000_care_days.has_value());
    CHECK_FALSE(row.figures.hours_per_1000_hours.has_value());
    CHECK_FALSE(row.figures.pct_youths_with_measure.has_value());
    CHECK_FALSE(row.figures.pct_debrief.has_value());
    CHECK_FALSE(row.change_pct.has_value());
    CHECK_FALSE(row.goal.target_per_1000_care_days.has_value());
    CHECK_FALSE(row.goal.on_track.has_value());
    // March: 20 care days, no measures: the rate is 0 (a real zero), the percentages of
    // measures are no data (no measures to take a percentage of).
    const MeasureFigures march = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), clock);
    CHECK(*march.per_1000_care_days == 0);
    CHECK(*march.pct_youths_with_measure == 0);
    CHECK_FALSE(march.pct_debrief.has_value());
    // A period that ends where it starts has nothing at all.
    CHECK(measure_figures(f, content(), {}, period("2026-03-01", "2026-03-01"), clock).care_days == 0);
    const IncidentFigures inc = incident_figures(f, content(), {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK(inc.count == 0);
    CHECK_FALSE(inc.per_1000_care_days.has_value());
    const ActionFigures act = action_figures(f, {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK_FALSE(act.done_on_time_pct.has_value());
    CHECK_FALSE(act.median_days_to_done.has_value());
    CHECK(change_pct(std::nullopt, 5.0) == std::nullopt);
    CHECK(change_pct(0.0, 5.0) == std::nullopt);
    CHECK(*change_pct(50.0, 40.0) == Approx(-20));
}

TEST_CASE("a reduction goal on track and off track against the same period a year earlier", "[indicators]") {
    test::PinnedTime pin(kNow);
    // Two teams, each one youth in care all of February 2025 and February 2026 (28 care days).
    // De Linde (goal 30 %): 10 measures in Feb 2025 → 357.14 per 1,000; target 357.14 × 0.7 = 250.
    //   In Feb 2026 7 measures = 250 per 1,000: at the target, on track.
    // De Wissel (goal 50 %): 4 measures in Feb 2025 → target 142.86 × 0.5 = 71.43.
    //   In Feb 2026 3 measures = 107.14: above the target, off track.
    Dataset data;
    data.teams = {team("t1", "De Linde", 30), team("t2", "De Wissel", 50)};
    data.youths = {youth("a", "t1", "2024-12-01"), youth("b", "t2", "2024-12-01")};
    const auto add = [&](const char* y, const char* t, const char* month, int n) {
        for (int i = 0; i < n; ++i) {
            const std::string start = std::string(month) + "-" + (i + 1 < 10 ? "0" : "") + std::to_string(i + 1) + "T10:00:00Z";
            data.measures.push_back(measure(y, "room_search", start.c_str(), std::nullopt, t));
        }
    };
    add("a", "t1", "2025-02", 10);
    add("a", "t1", "2026-02", 7);
    add("b", "t2", "2025-02", 4);
    add("b", "t2", "2026-02", 3);
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    const Period feb = period("2026-02-01", "2026-03-01");
    const MeasureRow linde = measure_row(f, content(), {0}, feb, clock);
    REQUIRE(f.teams[0].name == "De Linde");
    CHECK(*linde.goal.reduction_goal_pct == 30);
    CHECK(*linde.goal.target_per_1000_care_days == Approx(250));
    CHECK(*linde.figures.per_1000_care_days == Approx(250));
    CHECK(*linde.goal.on_track);
    const MeasureRow wissel = measure_row(f, content(), {1}, feb, clock);
    CHECK(*wissel.goal.target_per_1000_care_days == Approx(4.0 / 28 * 1000 * 0.5));
    CHECK_FALSE(*wissel.goal.on_track);
    // Both together: allowed 10 × 0.7 + 4 × 0.5 = 9 measures over 56 care days = 160.71 per
    // 1,000; they had 10 over 56 = 178.57: off track. No single goal for two teams.
    const MeasureRow both = measure_row(f, content(), {}, feb, clock);
    CHECK(*both.goal.target_per_1000_care_days == Approx(9.0 / 56 * 1000));
    CHECK_FALSE(*both.goal.on_track);
    CHECK_FALSE(both.goal.reduction_goal_pct.has_value());
    // Change against the previous 28 days (4 Jan – 1 Feb 2026): no measures there → rate 0 → no data.
    CHECK_FALSE(linde.change_pct.has_value());
}

TEST_CASE("debriefs and parents informed and rule warnings are counted per measure", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    // An 11-year-old in an open group.
    data.youths = {youth("a", "t1", "2026-01-01", std::nullopt, CareSetting::open, 11)};
    Measure m1 = measure("a", "seclusion_room", "2026-03-01T10:00:00Z", "2026-03-01T10:30:00Z");
    Measure m2 = measure("a", "physical_hold", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z");
    m2.debrief_at.reset();  // 18 days before now without a debrief: no_debrief
    m2.parents_informed_at.reset();
    Measure m3 = measure("a", "physical_hold", "2026-03-03T10:00:00Z", "2026-03-03T23:00:00Z");
    m3.in_care_plan = false;  // an emergency of 13 hours without consent
    m3.emergency = true;
    data.measures = {m1, m2, m3};
    const Facts f = prepared(data);
    const auto m = measure_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), Clock::at(kNow));
    // 2 of 3 with a debrief (66.67 %), 2 of 3 with parents informed.
    CHECK(*m.pct_debrief == Approx(200.0 / 3));
    CHECK(*m.pct_parents_informed == Approx(200.0 / 3));
    const auto count = [&](MeasureWarning w) { return m.warnings[static_cast<std::size_t>(w)]; };
    CHECK(count(MeasureWarning::seclusion_under_12) == 1);
    CHECK(count(MeasureWarning::no_debrief) == 1);
    CHECK(count(MeasureWarning::emergency_without_consent) == 1);
    CHECK(count(MeasureWarning::emergency_over_3_days) == 0);
    CHECK(count(MeasureWarning::open_setting) == 3);
}

TEST_CASE("incidents per category and severity and per 1000 care days", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde"), team("t2", "De Wissel")};
    data.youths = {youth("a", "t1", "2026-01-01"), youth("b", "t2", "2026-01-01")};
    const auto incident = [&](const char* t, const char* at, const char* category, int severity, bool reportable) {
        Incident i;
        i.id = "i" + std::to_string(data.incidents.size());
        i.team_id = t;
        i.occurred_at = at;
        i.category = category;
        i.severity = severity;
        i.reportable = reportable;
        data.incidents.push_back(i);
    };
    incident("t1", "2026-02-03T10:00:00Z", "aggression_verbal", 1, false);
    incident("t1", "2026-02-04T10:00:00Z", "aggression_verbal", 2, false);
    incident("t1", "2026-02-05T10:00:00Z", "absconding", 3, true);
    incident("t2", "2026-02-05T10:00:00Z", "absconding", 4, true);
    incident("t1", "2026-01-05T10:00:00Z", "absconding", 1, false);  // January: the previous period
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);
    const IncidentRow row = incident_row(f, content(), {0}, period("2026-02-01", "2026-03-01"), clock);
    const auto cat = [&](const char* code) {
        for (std::size_t i = 0; i < f.categories.size(); ++i)
            if (f.categories[i] == code) return row.figures.by_category[i];
        return std::int64_t{-1};
    };
    // De Linde in February: 3 incidents over 28 care days = 107.14 per 1,000.
    CHECK(row.figures.count == 3);
    CHECK(cat("aggression_verbal") == 2);
    CHECK(cat("absconding") == 1);
    CHECK(row.figures.by_severity == std::array<std::int64_t, 4>{1, 1, 1, 0});
    CHECK(row.figures.reportable == 1);
    CHECK(*row.figures.per_1000_care_days == Approx(3.0 / 28 * 1000));
    // The previous 28 days (4 Jan – 1 Feb): 1 incident over 28 care days = 35.71; change +200 %.
    CHECK(row.previous.count == 1);
    CHECK(*row.change_pct == Approx(200));
    // Both teams: 4 incidents, 2 reportable, severity 4 once.
    const IncidentFigures both = incident_figures(f, content(), {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK(both.count == 4);
    CHECK(both.reportable == 2);
    CHECK(both.by_severity[3] == 1);
}

TEST_CASE("actions as they stand at the end of the period and now", "[indicators]") {
    test::PinnedTime pin(kNow);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    Meeting m1, m2, m3, m4;
    for (auto* m : {&m1, &m2, &m3, &m4}) {
        m->team_id = "t1";
        m->state = MeetingState::closed;
    }
    m1.id = "m1", m1.held_on = "2026-01-05";
    m2.id = "m2", m2.held_on = "2026-02-02";
    m3.id = "m3", m3.held_on = "2026-03-02";
    m4.id = "m4", m4.held_on = "2026-03-16";
    data.meetings = {m1, m2, m3, m4};
    const auto action = [&](const char* id, const char* due, ActionStatus status, std::optional<std::string> completed,
                            const char* updated) {
        Action a;
        a.id = id;
        a.team_id = "t1";
        a.meeting_id = "m1";  // agreed on 5 January
        a.title = id;
        a.due_on = due;
        a.status = status;
        a.completed_at = std::move(completed);
        a.created_at = "2026-01-05T12:00:00Z";
        a.updated_at = updated;
        data.actions.push_back(a);
    };
    const auto update = [&](const char* action_id, const char* meeting, const char* at, ActionStatus s) {
        ActionUpdate u;
        u.id = std::string(action_id) + at;
        u.action_id = action_id;
        u.meeting_id = meeting;
        u.created_at = at;
        u.status = s;
        data.action_updates.push_back(u);
    };
    // A: due 1 Feb, done 30 Jan (on time, 25 days after it was agreed).
    action("A", "2026-02-01", ActionStatus::done, "2026-01-30T09:00:00Z", "2026-01-30T09:00:00Z");
    // B: due 10 Feb, done 2 Mar at meeting 3 (late, 56 days after 5 Jan).
    action("B", "2026-02-10", ActionStatus::done, "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z");
    update("B", "m2", "2026-02-02T10:00:00Z", ActionStatus::in_progress);
    update("B", "m3", "2026-03-02T10:00:00Z", ActionStatus::done);
    // C: due 15 Feb, dropped at meeting 2.
    action("C", "2026-02-15", ActionStatus::dropped, std::nullopt, "2026-02-02T10:00:00Z");
    update("C", "m2", "2026-02-02T10:00:00Z", ActionStatus::dropped);
    // D: due 20 Feb, still in progress, reviewed at meetings 2, 3 and 4: overdue and stale.
    action("D", "2026-02-20", ActionStatus::in_progress, std::nullopt, "2026-03-16T10:00:00Z");
    update("D", "m2", "2026-02-02T10:00:00Z", ActionStatus::in_progress);
    update("D", "m3", "2026-03-02T10:00:00Z", ActionStatus::in_progress);
    update("D", "m4", "2026-03-16T10:00:00Z", ActionStatus::in_progress);
    // E: due 30 April, open: not yet due.
    action("E", "2026-04-30", ActionStatus::open, std::nullopt, "2026-01-05T12:00:00Z");
    // F: due 31 March, open: due in the quarter but not yet (today is 20 March).
    action("F", "2026-03-31", ActionStatus::open, std::nullopt, "2026-01-05T12:00:00Z");
    const Facts f = prepared(data);
    const Clock clock = Clock::at(kNow);  // 20 March

    // February as it stood at its end (1 March): A done; B in progress (its done came 2 March)
    // and overdue; C dropped; D in progress, overdue, reviewed in 1 meeting (not stale); E, F open.
    const ActionFigures feb = action_figures(f, {}, period("2026-02-01", "2026-03-01"), clock);
    CHECK(feb.agreed == 6);
    CHECK(feb.done == 1);
    CHECK(feb.in_progress == 2);
    CHECK(feb.dropped == 1);
    CHECK(feb.open == 2);
    CHECK(feb.overdue == 2);
    CHECK(feb.stale == 0);
    // Due in February: A, B, C (dropped: out), D → 3; done on or before the due date: A → 33.3 %.
    CHECK(feb.due == 3);
    CHECK(feb.done_on_time == 1);
    CHECK(*feb.done_on_time_pct == Approx(100.0 / 3));
    // Completed in February: none (A was done 30 January).
    CHECK(feb.completed == 0);
    CHECK_FALSE(feb.median_days_to_done.has_value());

    // January–March 2026, as it stands now (20 March): A, B done; C dropped; D in progress,
    // overdue and stale (3 meetings); E and F open and not yet due.
    const ActionFigures q1 = action_figures(f, {}, period("2026-01-01", "2026-04-01"), clock);
    CHECK(q1.done == 2);
    CHECK(q1.dropped == 1);
    CHECK(q1.in_progress == 1);
    CHECK(q1.open == 2);
    CHECK(q1.overdue == 1);
    CHECK(q1.stale == 1);
    // Completed in the quarter: A (25 days) and B (2 Mar − 5 Jan = 56 days): median 40.5.
    CHECK(q1.completed == 2);
    CHECK(*q1.median_days_to_done == Approx(40.5));
    // Due in the quarter: A, B, D (C dropped, E due in April, F due 31 March but still to
    // come: neither on time nor late yet) → A on time: 33.3 %.
    CHECK(q1.due == 3);
    CHECK(q1.done_on_time == 1);
}

TEST_CASE("guideline meetings and blocks reflected on and the latest ratings", "[indicators]") {
    test::PinnedTime pin(kNow);
    const Guideline& g = content().guideline;
    REQUIRE(g.building_blocks.size() >= 2);
    const std::string rec_a = g.building_blocks[0].recommendations.at(0).id;
    const std::string rec_b = g.building_blocks[1].recommendations.at(0).id;
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    const auto meeting = [&](const char* id, const char* held, MeetingState state, std::vector<std::pair<std::string, Rating>> r) {
        Meeting m;
        m.id = id;
        m.team_id = "t1";
        m.held_on = held;
        m.state = state;
        m.ratings = std::move(r);
        data.meetings.push_back(m);
    };
    meeting("m1", "2025-12-01", MeetingState::closed, {{rec_a, Rating::not_yet}});
    meeting("m2", "2026-01-12", MeetingState::closed, {{rec_a, Rating::partly}});
    meeting("m3", "2026-02-09", MeetingState::closed, {{rec_a, Rating::already}, {rec_b, Rating::partly}});
    meeting("m4", "2026-04-06", MeetingState::planned, {});
    const Facts f = prepared(data);
    // January–March 2026: m2 and m3 held (m4 is planned and in April); blocks 1 and 2.
    const GuidelineFigures q1 = guideline_figures(f, content(), {}, period("2026-01-01", "2026-04-01"));
    CHECK(q1.meetings == 2);
    CHECK(q1.blocks_reflected == std::vector<std::string>{g.building_blocks[0].id, g.building_blocks[1].id});
    const auto rec = [&](const GuidelineFigures& gf, const std::string& id) {
        for (const auto& r : gf.recommendations)
            if (r.id == id) return r;
        FAIL("no recommendation " << id);
        return RecommendationFigures{};
    };
    // rec_a: partly (12 Jan) then already (9 Feb): latest already, before it partly, rated twice in the period.
    CHECK(rec(q1, rec_a).latest == Rating::already);
    CHECK(rec(q1, rec_a).before_latest == Rating::partly);
    CHECK(rec(q1, rec_a).times_rated == 2);
    CHECK(rec(q1, rec_a).latest_on == d("2026-02-09"));
    // January only: latest partly (12 Jan), before it not yet (1 Dec, before the period); rated once.
    const GuidelineFigures jan = guideline_figures(f, content(), {}, period("2026-01-01", "2026-02-01"));
    CHECK(rec(jan, rec_a).latest == Rating::partly);
    CHECK(rec(jan, rec_a).before_latest == Rating::not_yet);
    CHECK(rec(jan, rec_a).times_rated == 1);
    CHECK_FALSE(rec(jan, rec_b).latest.has_value());
    CHECK(jan.blocks_reflected == std::vector<std::string>{g.building_blocks[0].id});
    // Every core recommendation has a row, rated or not.
    std::size_t all = 0;
    for (const auto& b : g.building_blocks) all += b.recommendations.size();
    CHECK(q1.recommendations.size() == all);
}

TEST_CASE("the worked example of docs/indicators.md", "[indicators]") {
    test::PinnedTime pin(kNow);  // today is 20 March 2026
    Dataset data;
    data.teams = {team("t1", "De Linde", 30)};
    data.youths = {youth("j1", "t1", "2026-01-20", "2026-03-15"), youth("j2", "t1", "2026-03-10"),
                   youth("j3", "t1", "2025-03-01", "2025-03-31")};
    data.measures = {
        measure("j1", "physical_hold", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z"),
        measure("j1", "physical_hold", "2026-03-03T09:00:00Z", "2026-03-03T09:20:00Z"),
        measure("j1", "physical_hold", "2026-03-05T12:00:00Z", "2026-03-05T13:00:00Z"),
        measure("j2", "room_search", "2026-03-12T08:00:00Z", std::nullopt),
    };
    for (int i = 0; i < 6; ++i)  // March 2025: six searches of J-03
        data.measures.push_back(measure("j3", "room_search", ("2025-03-1" + std::to_string(i) + "T08:00:00Z").c_str(), std::nullopt));
    for (int i = 0; i < 3; ++i)  // February 2026: three searches of J-01
        data.measures.push_back(measure("j1", "room_search", ("2026-02-1" + std::to_string(i) + "T08:00:00Z").c_str(), std::nullopt));
    const Facts f = prepared(data);
    const MeasureRow row = measure_row(f, content(), {}, period("2026-03-01", "2026-04-01"), Clock::at(kNow));
    const MeasureFigures& m = row.figures;
    CHECK(m.care_days == 25);
    CHECK(m.youths_in_care == 2);
    CHECK(m.measures == 4);
    CHECK(*m.per_1000_care_days == Approx(160));
    CHECK(*m.hours_per_1000_hours == Approx(2.5));
    CHECK(*m.pct_youths_with_measure == Approx(100));
    CHECK(m.interventions == 3);
    const TypeFigures& hold = m.by_type[type_index(f, "physical_hold")];
    CHECK(*hold.mean_minutes == Approx(30));
    CHECK(*hold.median_minutes == Approx(20));
    CHECK(*row.goal.target_per_1000_care_days == Approx(140));
    CHECK_FALSE(*row.goal.on_track);
    CHECK(row.previous.care_days == 31);
    CHECK(*row.previous.per_1000_care_days == Approx(3.0 / 31 * 1000));
    CHECK(*row.change_pct == Approx((160 - 3.0 / 31 * 1000) / (3.0 / 31 * 1000) * 100));
    CHECK(*row.change_pct == Approx(65.33).epsilon(0.001));
}

TEST_CASE("reportable incidents past their deadline of 3 working days across a weekend and a public holiday", "[indicators]") {
    const std::int64_t now = *parse_timestamp("2026-04-20T12:00:00Z");  // Monday 20 April 2026
    test::PinnedTime pin(now);
    Dataset data;
    data.teams = {team("t1", "De Linde")};
    data.youths = {youth("a", "t1", "2026-01-01")};
    const auto incident = [&](const char* at, std::optional<std::string> reported, std::optional<std::string> concluded = std::nullopt) {
        Incident i;
        i.id = "i" + std::to_string(data.incidents.size());
        i.team_id = "t1";
        i.occurred_at = at;
        i.category = "aggression_physical_staff";
        i.severity = 3;
        i.reportable = true;
        i.reported_on = std::move(reported);
        i.investigation_concluded_on = std::move(concluded);
        data.incidents.push_back(i);
    };
    // Friday 6 March: 3 working days are Mon 9, Tue 10, Wed 11 → due Wednesday 11 March.
    incident("2026-03-06T15:00:00Z", "2026-03-11");  // on the due day: in time
    incident("2026-03-06T16:00:00Z", "2026-03-12");  // the day after: late
    // Thursday 2 April; Easter Monday 6 April is a holiday: Fri 3, Tue 7, Wed 8 → due 8 April.
    incident("2026-04-02T10:00:00Z", "2026-04-08");  // in time
    incident("2026-04-02T11:00:00Z", "2026-04-09");  // late
    // Monday 13 April, not reported: due Thursday 16 April; today is 20 April → late.
    incident("2026-04-13T10:00:00Z", std::nullopt);
    // Wednesday 15 April, not reported: due Monday 20 April, which is today → not yet late.
    incident("2026-04-15T10:00:00Z", std::nullopt);
    // An internal investigation concluded on Friday 3 April (within 6 weeks of 2 March); the
    // report is due 3 working days after it (Tue 7, Wed 8, Thu 9); reported 9 April: in time.
    incident("2026-03-02T10:00:00Z", "2026-04-09", "2026-04-03");
    const Facts f = prepared(data);
    const Clock clock = Clock::at(now);
    const IncidentFigures march = incident_figures(f, content(), {}, period("2026-03-01", "2026-04-01"), clock);
    CHECK(march.reportable == 3);
    CHECK(march.reportable_past_deadline == 1);
    const IncidentFigures april = incident_figures(f, content(), {}, period("2026-04-01", "2026-05-01"), clock);
    CHECK(april.reportable == 4);
    CHECK(april.reportable_past_deadline == 2);
}
