// The same number everywhere: a report made from a database (report/figures_report.hpp, the
// store's facts, the JSON writer) holds exactly the figures the indicator engine gives over the
// same records in memory (ind::facts_from), for every report, with and without a split, for
// one team and for all. Also: which rows, in which order, and the default period.
#include "report/figures_report.hpp"

#include "core/demo.hpp"
#include "core/rules.hpp"
#include "pinned_time.hpp"
#include "store/store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace ts;
using namespace ts::report;
using nlohmann::json;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

// Demo data of two teams over a year: youths, measures, incidents, meetings with ratings,
// actions and their updates.
Dataset test_data() {
    DemoOptions opt;
    opt.teams = 2;
    opt.years = 1;
    opt.seed = 3;
    opt.end = Date{2026, 3, 1};
    return generate_demo(opt);
}

// What the engine gives for the same records, kept in memory.
struct Expected {
    ind::Facts facts;
    explicit Expected(const Dataset& d) : facts(ind::facts_from(d)) { ind::prepare(facts, content()); }
    ind::TeamSet teams(const json& row) const {
        if (row["team_id"].is_null()) return {};
        for (std::uint32_t i = 0; i < facts.teams.size(); ++i)
            if (facts.teams[i].id == row["team_id"].get<std::string>()) return {i};
        FAIL("a row of a team the engine does not know: " << row["team_id"]);
        return {};
    }
};

ind::Period period_of(const json& row) {
    return {*parse_date(row["from"].get<std::string>()), *parse_date(row["to"].get<std::string>())};
}

// A figure: null exactly when the engine has no data, else the same double, not a near one.
void same(const json& v, const ind::Figure& f, const std::string& key) {
    INFO(key << " = " << v.dump());
    if (!f) {
        CHECK(v.is_null());
        return;
    }
    REQUIRE(v.is_number());
    CHECK(v.get<double>() == *f);
}
void same(const json& v, std::int64_t n, const std::string& key) {
    INFO(key << " = " << v.dump());
    REQUIRE(v.is_number_integer());
    CHECK(v.get<std::int64_t>() == n);
}

void same_measures(const json& j, const ind::MeasureFigures& m, const ind::Facts& f) {
    CHECK(j.size() == 12);  // the ten figures, warnings and by_type (and nothing else)
    same(j["care_days"], m.care_days, "care_days");
    same(j["youths_in_care"], m.youths_in_care, "youths_in_care");
    same(j["measures"], m.measures, "measures");
    same(j["ongoing"], m.ongoing, "ongoing");
    same(j["per_1000_care_days"], m.per_1000_care_days, "per_1000_care_days");
    same(j["hours_per_1000_hours"], m.hours_per_1000_hours, "hours_per_1000_hours");
    same(j["pct_youths_with_measure"], m.pct_youths_with_measure, "pct_youths_with_measure");
    same(j["interventions"], m.interventions, "interventions");
    same(j["pct_debrief"], m.pct_debrief, "pct_debrief");
    same(j["pct_parents_informed"], m.pct_parents_informed, "pct_parents_informed");
    REQUIRE(j["warnings"].size() == kMeasureWarningCount);
    for (std::size_t w = 0; w < kMeasureWarningCount; ++w) {
        const std::string code(to_string(static_cast<MeasureWarning>(w)));
        same(j["warnings"][code], m.warnings[w], "warnings." + code);
    }
    REQUIRE(j["by_type"].size() == f.measure_types.size());
    for (std::size_t t = 0; t < f.measure_types.size(); ++t) {
        const json& bt = j["by_type"][f.measure_types[t]];
        const ind::TypeFigures& e = m.by_type[t];
        const std::string key = "by_type." + f.measure_types[t];
        CHECK(bt.size() == 5);
        same(bt["count"], e.count, key + ".count");
        same(bt["interventions"], e.interventions, key + ".interventions");
        same(bt["mean_minutes"], e.mean_minutes, key + ".mean_minutes");
        same(bt["median_minutes"], e.median_minutes, key + ".median_minutes");
        same(bt["per_1000_care_days"], e.per_1000_care_days, key + ".per_1000_care_days");
    }
}

void same_incidents(const json& j, const ind::IncidentFigures& i, const ind::Facts& f) {
    CHECK(j.size() == 7);
    same(j["care_days"], i.care_days, "care_days");
    same(j["count"], i.count, "count");
    same(j["per_1000_care_days"], i.per_1000_care_days, "per_1000_care_days");
    same(j["reportable"], i.reportable, "reportable");
    same(j["reportable_past_deadline"], i.reportable_past_deadline, "reportable_past_deadline");
    REQUIRE(j["by_category"].size() == f.categories.size());
    for (std::size_t k = 0; k < f.categories.size(); ++k)
        same(j["by_category"][f.categories[k]], i.by_category[k], "by_category." + f.categories[k]);
    REQUIRE(j["by_severity"].size() == 4);
    for (int s = 1; s <= 4; ++s) same(j["by_severity"][std::to_string(s)], i.by_severity[static_cast<std::size_t>(s - 1)], "by_severity");
}

json rating_json(const std::optional<Rating>& r) { return r ? json(std::string(to_string(*r))) : json(nullptr); }

// Compares every figure of every row with the engine's; returns the rows.
json check_report(Store& store, const Expected& e, ReportKind kind, std::optional<std::string> team, ind::Period period,
                  ind::Split by, const ind::Clock& clock) {
    const FiguresTable table = make_report(store, content(), ReportRequest{kind, team, period, by}, clock);
    const json doc = json::parse(to_json(table));
    CHECK(doc["report"] == std::string(to_string(kind)));
    CHECK(doc["from"] == format_date(period.from));
    CHECK(doc["to"] == format_date(period.to));
    const json& rows = doc["rows"];
    for (const json& row : rows) {
        INFO("row " << row["team"].dump() << " " << row["from"].get<std::string>() << " to " << row["to"].get<std::string>());
        const ind::TeamSet teams = e.teams(row);
        const ind::Period p = period_of(row);
        switch (kind) {
        case ReportKind::measures: {
            const ind::MeasureRow r = ind::measure_row(e.facts, content(), teams, p, clock);
            CHECK(row.size() == 4 + 12 + 3);
            json figures = row;
            for (const char* k : {"team_id", "team", "from", "to", "previous", "change_pct", "goal"}) figures.erase(k);
            same_measures(figures, r.figures, e.facts);
            same_measures(row["previous"], r.previous, e.facts);
            same(row["change_pct"], r.change_pct, "change_pct");
            CHECK(row["goal"].size() == 3);
            same(row["goal"]["reduction_goal_pct"], r.goal.reduction_goal_pct, "goal.reduction_goal_pct");
            same(row["goal"]["target_per_1000_care_days"], r.goal.target_per_1000_care_days, "goal.target_per_1000_care_days");
            CHECK(row["goal"]["on_track"] == (r.goal.on_track ? json(*r.goal.on_track) : json(nullptr)));
            break;
        }
        case ReportKind::incidents: {
            const ind::IncidentRow r = ind::incident_row(e.facts, content(), teams, p, clock);
            CHECK(row.size() == 4 + 7 + 2);
            json figures = row;
            for (const char* k : {"team_id", "team", "from", "to", "previous", "change_pct"}) figures.erase(k);
            same_incidents(figures, r.figures, e.facts);
            same_incidents(row["previous"], r.previous, e.facts);
            same(row["change_pct"], r.change_pct, "change_pct");
            break;
        }
        case ReportKind::actions: {
            const ind::ActionFigures a = ind::action_figures(e.facts, teams, p, clock);
            CHECK(row.size() == 4 + 12);
            same(row["agreed"], a.agreed, "agreed");
            same(row["open"], a.open, "open");
            same(row["in_progress"], a.in_progress, "in_progress");
            same(row["overdue"], a.overdue, "overdue");
            same(row["done"], a.done, "done");
            same(row["dropped"], a.dropped, "dropped");
            same(row["stale"], a.stale, "stale");
            same(row["due"], a.due, "due");
            same(row["done_on_time"], a.done_on_time, "done_on_time");
            same(row["done_on_time_pct"], a.done_on_time_pct, "done_on_time_pct");
            same(row["completed"], a.completed, "completed");
            same(row["median_days_to_done"], a.median_days_to_done, "median_days_to_done");
            break;
        }
        case ReportKind::teams: {
            // The manager overview's row: the engine's figures of the team, its last meeting and
            // its building blocks of the last six months.
            CHECK(row.size() == 4 + 8);
            const ind::ActionFigures a = ind::action_figures(e.facts, teams, p, clock);
            same(row["open_or_in_progress"], a.open + a.in_progress, "open_or_in_progress");
            same(row["actions"]["overdue"], a.overdue, "actions.overdue");
            same(row["actions"]["stale"], a.stale, "actions.stale");
            same(row["actions"]["done_on_time_pct"], a.done_on_time_pct, "actions.done_on_time_pct");
            same(row["actions"]["median_days_to_done"], a.median_days_to_done, "actions.median_days_to_done");
            const ind::MeasureRow m = ind::measure_row(e.facts, content(), teams, p, clock);
            same(row["measures"]["measures"], m.figures.measures, "measures.measures");
            same(row["measures"]["per_1000_care_days"], m.figures.per_1000_care_days, "measures.per_1000_care_days");
            same(row["measures"]["previous_per_1000_care_days"], m.previous.per_1000_care_days, "measures.previous_per_1000_care_days");
            same(row["measures"]["change_pct"], m.change_pct, "measures.change_pct");
            const ind::IncidentFigures i = ind::incident_figures(e.facts, content(), teams, p, clock);
            same(row["incidents"]["count"], i.count, "incidents.count");
            same(row["incidents"]["reportable_past_deadline"], i.reportable_past_deadline, "incidents.reportable_past_deadline");
            const ind::GuidelineFigures g = ind::guideline_figures(e.facts, content(), teams, ind::last_months(clock.today, 6));
            same(row["blocks_reflected_6_months"], static_cast<std::int64_t>(g.blocks_reflected.size()), "blocks_reflected_6_months");
            break;
        }
        case ReportKind::guideline: {
            const ind::GuidelineFigures g = ind::guideline_figures(e.facts, content(), teams, p);
            CHECK(row.size() == 4 + 3);
            same(row["meetings"], g.meetings, "meetings");
            CHECK(row["blocks_reflected"] == json(g.blocks_reflected));
            REQUIRE(row["recommendations"].size() == g.recommendations.size());
            for (const ind::RecommendationFigures& r : g.recommendations) {
                INFO(r.id);
                const json& rj = row["recommendations"][r.id];
                CHECK(rj["latest"] == rating_json(r.latest));
                CHECK(rj["before_latest"] == rating_json(r.before_latest));
                CHECK(rj["latest_on"] == (r.latest_on ? json(format_date(*r.latest_on)) : json(nullptr)));
                same(rj["times_rated"], r.times_rated, "times_rated");
            }
            break;
        }
        }
    }
    return rows;
}

struct Db {
    test::PinnedTime time;  // 2026-03-15 10:00 UTC
    Dataset data = test_data();
    std::unique_ptr<Store> store = open_sqlite_store(":memory:");
    Expected expected{data};
    ind::Clock clock = ind::Clock::at(test::kPinnedNow);
    Db() { store->insert_dataset(data); }
    // The team names in the order the report lists them.
    std::vector<std::string> names_in_order() const {
        std::vector<std::string> names;
        for (const Team& t : data.teams) names.push_back(t.name);
        std::sort(names.begin(), names.end());
        return names;
    }
};

constexpr ReportKind kKinds[] = {ReportKind::measures, ReportKind::incidents, ReportKind::actions, ReportKind::guideline};

}  // namespace

TEST_CASE("Every figure of a report is the engine's figure for all teams over a year", "[report][same-number]") {
    Db db;
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    for (ReportKind kind : kKinds) {
        INFO(to_string(kind));
        const json rows = check_report(*db.store, db.expected, kind, std::nullopt, year, ind::Split::none, db.clock);
        // Each team (by name), then all together.
        const std::vector<std::string> names = db.names_in_order();
        REQUIRE(rows.size() == names.size() + 1);
        for (std::size_t i = 0; i < names.size(); ++i) CHECK(rows[i]["team"] == names[i]);
        CHECK(rows.back()["team"].is_null());
        CHECK(rows.back()["team_id"].is_null());
        for (const json& r : rows) CHECK(period_of(r) == year);
    }
}

TEST_CASE("The teams report has a row per team worst first with the engine's figures and the last meeting by hand", "[report][same-number]") {
    Db db;
    const ind::Period quarter = ind::quarter_so_far(db.clock.today);  // 1 January to 15 March 2026
    REQUIRE(quarter == ind::Period{Date{2026, 1, 1}, Date{2026, 3, 16}});
    const json rows = check_report(*db.store, db.expected, ReportKind::teams, std::nullopt, quarter, ind::Split::none, db.clock);
    REQUIRE(rows.size() == db.data.teams.size());  // no row of all teams together
    // Worst first: reportable incidents past their deadline, overdue actions, the rise in the rate.
    const auto key = [](const json& r) {
        return std::make_tuple(r["incidents"]["reportable_past_deadline"].get<std::int64_t>(), r["actions"]["overdue"].get<std::int64_t>(),
                               r["measures"]["change_pct"].is_null() ? 0.0 : r["measures"]["change_pct"].get<double>());
    };
    for (std::size_t k = 1; k < rows.size(); ++k) CHECK_FALSE(key(rows[k - 1]) < key(rows[k]));
    for (const json& row : rows) {
        INFO(row["team"]);
        // The last meeting held (not merely planned) up to today, and the whole weeks since.
        std::optional<std::string> last;
        for (const Meeting& m : db.data.meetings)
            if (m.team_id == row["team_id"] && m.state != MeetingState::planned && m.held_on <= "2026-03-15" && (!last || *last < m.held_on))
                last = m.held_on;
        CHECK(row["last_meeting"] == (last ? json(*last) : json(nullptr)));
        if (last)
            CHECK(row["weeks_since_last_meeting"] == (days_from_civil(Date{2026, 3, 15}) - days_from_civil(*parse_date(*last))) / 7);
        CHECK(row["blocks_total"] == content().guideline.building_blocks.size());
    }
    // One team: its row only.
    const json one = check_report(*db.store, db.expected, ReportKind::teams, db.names_in_order()[0], quarter, ind::Split::none, db.clock);
    REQUIRE(one.size() == 1);
    CHECK(one[0]["team"] == db.names_in_order()[0]);
}

TEST_CASE("Every figure of a report by month and by quarter is the engine's figure", "[report][same-number]") {
    Db db;
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    for (ReportKind kind : kKinds) {
        INFO(to_string(kind));
        const json months = check_report(*db.store, db.expected, kind, std::nullopt, year, ind::Split::month, db.clock);
        REQUIRE(months.size() == (db.data.teams.size() + 1) * 12);
        // A team's months in order, then the next team's.
        CHECK(months[0]["from"] == "2025-03-01");
        CHECK(months[0]["to"] == "2025-04-01");
        CHECK(months[11]["from"] == "2026-02-01");
        CHECK(months[12]["team"] == db.names_in_order()[1]);
        CHECK(months[12]["from"] == "2025-03-01");
        CHECK(months.back()["team"].is_null());

        // A quarter split of a period that does not start on a quarter: the first is clipped.
        const ind::Period odd{Date{2025, 2, 15}, Date{2025, 11, 20}};
        const json quarters = check_report(*db.store, db.expected, kind, db.names_in_order()[0], odd, ind::Split::quarter, db.clock);
        REQUIRE(quarters.size() == 4);
        CHECK(quarters[0]["from"] == "2025-02-15");
        CHECK(quarters[0]["to"] == "2025-04-01");
        CHECK(quarters[3]["to"] == "2025-11-20");
        for (const json& r : quarters) CHECK(r["team"] == db.names_in_order()[0]);
    }
}

TEST_CASE("A report of one team has that team's rows only", "[report][same-number]") {
    Db db;
    const Team& team = db.data.teams[1];
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    for (ReportKind kind : kKinds) {
        INFO(to_string(kind));
        // The name in other letter case finds the team too, as export's --team does.
        std::string shouted = team.name;
        std::transform(shouted.begin(), shouted.end(), shouted.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const json rows = check_report(*db.store, db.expected, kind, shouted, year, ind::Split::year, db.clock);
        REQUIRE(rows.size() == 2);  // 2025-03-01..2026-01-01 and 2026-01-01..2026-03-01
        for (const json& r : rows) {
            CHECK(r["team_id"] == team.id);
            CHECK(r["team"] == team.name);
        }
    }
}

TEST_CASE("The figures of a report are not all zero or empty", "[report][same-number]") {
    // Guards the comparison above against a database or engine that gives nothing at all.
    Db db;
    const ind::Period year{Date{2025, 3, 1}, Date{2026, 3, 1}};
    const FiguresTable m = make_report(*db.store, content(), {ReportKind::measures, std::nullopt, year, ind::Split::none}, db.clock);
    const json all = json::parse(to_json(m))["rows"].back();
    CHECK(all["measures"].get<std::int64_t>() > 10);
    CHECK(all["care_days"].get<std::int64_t>() > 300);
    CHECK(all["per_1000_care_days"].is_number());
    const FiguresTable a = make_report(*db.store, content(), {ReportKind::actions, std::nullopt, year, ind::Split::none}, db.clock);
    const json arow = json::parse(to_json(a))["rows"].back();
    CHECK(arow["agreed"].get<std::int64_t>() > 5);
    CHECK(arow["done"].get<std::int64_t>() > 0);
    CHECK(arow["done_on_time_pct"].is_number());
    const FiguresTable g = make_report(*db.store, content(), {ReportKind::guideline, std::nullopt, year, ind::Split::none}, db.clock);
    const json grow = json::parse(to_json(g))["rows"].back();
    CHECK(grow["meetings"].get<std::int64_t>() > 5);
    CHECK_FALSE(grow["blocks_reflected"].empty());
    int rated = 0;
    for (const auto& [id, r] : grow["recommendations"].items()) rated += r["latest"].is_string();
    CHECK(rated > 0);
}

TEST_CASE("A report of a team that does not exist names the team", "[report]") {
    Db db;
    try {
        make_report(*db.store, content(), {ReportKind::measures, std::string("Nergenshuis"), {Date{2025, 1, 1}, Date{2026, 1, 1}}, ind::Split::none},
                    db.clock);
        FAIL("no error");
    } catch (const ReportError& e) {
        CHECK(std::string(e.what()).rfind("no team named \"Nergenshuis\" (teams: ", 0) == 0);
    }
}

TEST_CASE("A report of too many rows is refused before it is made", "[report]") {
    Db db;
    // Three rows (two teams and all together) per month: 6,672 months are more than the limit.
    const ind::Period centuries{Date{1900, 1, 1}, Date{2456, 1, 1}};
    const ind::Period just_fits{Date{1900, 1, 1}, Date{2455, 7, 1}};  // 6,666 months: 19,998 rows
    REQUIRE(db.data.teams.size() == 2);
    CHECK_THROWS_WITH(make_report(*db.store, content(), {ReportKind::actions, std::nullopt, centuries, ind::Split::month}, db.clock),
                      "the report would have 20016 rows, more than 20000: choose a shorter period, a coarser split or one team");
    CHECK(make_report(*db.store, content(), {ReportKind::actions, std::nullopt, just_fits, ind::Split::month}, db.clock).rows.size() == 19998);
    // One team: a third of the rows.
    CHECK(make_report(*db.store, content(), {ReportKind::actions, db.data.teams[0].name, centuries, ind::Split::month}, db.clock).rows.size() == 6672);
}

TEST_CASE("The period of a report from the dates given", "[report][period]") {
    const Date today{2026, 3, 15};
    using P = ind::Period;
    CHECK(report_period(std::nullopt, std::nullopt, today) == P{Date{2025, 3, 16}, Date{2026, 3, 16}});
    CHECK(report_period(Date{2026, 1, 1}, std::nullopt, today) == P{Date{2026, 1, 1}, Date{2026, 3, 16}});
    CHECK(report_period(std::nullopt, Date{2026, 1, 1}, today) == P{Date{2025, 1, 1}, Date{2026, 1, 1}});
    CHECK(report_period(Date{2024, 5, 1}, Date{2024, 6, 1}, today) == P{Date{2024, 5, 1}, Date{2024, 6, 1}});
    // The end of a year: today + 1 day is in the next year.
    CHECK(report_period(std::nullopt, std::nullopt, Date{2025, 12, 31}) == P{Date{2025, 1, 1}, Date{2026, 1, 1}});
}
