// The JSON of a report written while its rows are made (ReportRows::write_json) is the JSON of
// its table (to_json(make_table(…))) byte for byte, for every report, with and without a split,
// for all teams and for one, however the text is cut into chunks. On a small hand-made dataset
// whose team names need escapes in JSON, and on demo data.
#include "report/figures_report.hpp"

#include "core/demo.hpp"
#include "core/rules.hpp"
#include "pinned_time.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ts;
using namespace ts::report;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

Team team(const char* id, const char* name, double goal) {
    Team t;
    t.id = id;
    t.name = name;
    t.reduction_goal_pct = goal;
    return t;
}

Youth youth(const char* id, const char* team_id, const char* admitted, std::optional<std::string> discharged = std::nullopt) {
    Youth y;
    y.id = id;
    y.team_id = team_id;
    y.code = "J-01";
    y.admitted_on = admitted;
    y.discharged_on = std::move(discharged);
    y.setting = CareSetting::closed;
    y.age_at_admission = 15;
    return y;
}

Measure measure(const char* id, const char* team_id, const char* youth_id, const char* type, const char* start,
                std::optional<std::string> end) {
    Measure m;
    m.id = id;
    m.team_id = team_id;
    m.youth_id = youth_id;
    m.type = type;
    m.started_at = start;
    m.ended_at = std::move(end);
    m.in_care_plan = true;
    m.debrief_at = start;
    return m;
}

Incident incident(const char* id, const char* team_id, const char* at, const char* category, int severity, bool reportable) {
    Incident i;
    i.id = id;
    i.team_id = team_id;
    i.occurred_at = at;
    i.category = category;
    i.severity = severity;
    i.reportable = reportable;
    return i;
}

Meeting meeting(const char* id, const char* team_id, const char* held_on, std::vector<std::pair<std::string, Rating>> ratings) {
    Meeting m;
    m.id = id;
    m.team_id = team_id;
    m.held_on = held_on;
    m.state = MeetingState::closed;
    m.ratings = std::move(ratings);
    return m;
}

Action action(const char* id, const char* team_id, const char* meeting_id, const char* due, ActionStatus status,
              std::optional<std::string> completed_at) {
    Action a;
    a.id = id;
    a.team_id = team_id;
    a.meeting_id = meeting_id;
    a.title = id;
    a.due_on = due;
    a.status = status;
    a.completed_at = std::move(completed_at);
    a.created_at = "2025-02-01T09:00:00Z";
    return a;
}

// Three teams in 2025: one with a name that JSON must escape (a quote, a backslash, a tab and
// a letter outside ASCII), one without any record.
Dataset hand_made() {
    const std::string rec_a = content().guideline.building_blocks[0].recommendations.at(0).id;
    const std::string rec_b = content().guideline.building_blocks[1].recommendations.at(0).id;
    Dataset d;
    d.teams = {team("t1", "De Linde", 30), team("t2", "Bloesem \"B\" \\ \xC3\xAB\t2", 0), team("t3", "Akker", 10)};
    d.youths = {youth("y1", "t1", "2024-11-01"), youth("y2", "t1", "2025-02-10", "2025-08-20"), youth("y3", "t2", "2025-01-01")};
    d.measures = {measure("m1", "t1", "y1", "seclusion_room", "2025-03-04T10:00:00Z", "2025-03-04T11:30:00Z"),
                  measure("m2", "t1", "y2", "physical_hold", "2025-03-10T08:00:00Z", "2025-03-10T08:12:00Z"),
                  measure("m3", "t2", "y3", "time_out", "2025-06-01T12:00:00Z", "2025-06-01T12:20:00Z"),
                  measure("m4", "t1", "y1", "room_search", "2025-11-30T23:00:00Z", std::nullopt)};
    d.measures[1].emergency = true;
    d.incidents = {incident("i1", "t1", "2025-03-04T09:55:00Z", "aggression_physical_staff", 3, true),
                   incident("i2", "t2", "2025-07-01T20:00:00Z", "self_harm", 2, false),
                   incident("i3", "t1", "2025-10-12T14:00:00Z", "absconding", 1, false)};
    d.meetings = {meeting("mt1", "t1", "2025-04-15", {{rec_a, Rating::partly}, {rec_b, Rating::already}}),
                  meeting("mt2", "t1", "2025-09-15", {{rec_a, Rating::already}}),
                  meeting("mt3", "t2", "2025-05-20", {{rec_b, Rating::not_yet}})};
    d.actions = {action("a1", "t1", "mt1", "2025-05-01", ActionStatus::done, "2025-04-28T10:00:00Z"),
                 action("a2", "t1", "mt1", "2025-06-01", ActionStatus::open, std::nullopt),
                 action("a3", "t2", "mt3", "2025-12-01", ActionStatus::in_progress, std::nullopt)};
    return d;
}

ind::Facts prepared(const Dataset& data) {
    ind::Facts f = ind::facts_from(data);
    ind::prepare(f, content());
    return f;
}

// The report streamed in chunks of (at least) `chunk` bytes; how many chunks it took.
std::string streamed(const ReportRows& rows, std::size_t chunk, std::size_t* chunks = nullptr) {
    std::string text;
    std::size_t n = 0;
    rows.write_json(
        [&](std::string_view c) {
            text += c;
            ++n;
        },
        chunk);
    if (chunks) *chunks = n;
    return text;
}

constexpr ReportKind kKinds[] = {ReportKind::measures, ReportKind::incidents, ReportKind::actions, ReportKind::guideline};
constexpr ind::Split kSplits[] = {ind::Split::none, ind::Split::month, ind::Split::quarter};

void same_as_table(const ind::Facts& facts, const ind::Period& period, const ind::Clock& clock) {
    for (const ReportKind kind : kKinds)
        for (const ind::Split by : kSplits)
            for (const std::optional<std::uint32_t> team : {std::optional<std::uint32_t>{}, std::optional<std::uint32_t>{0}}) {
                INFO(to_string(kind) << " by " << (by == ind::Split::none ? "none" : ind::to_string(by)) << (team ? " one team" : " all teams"));
                const std::string expected = to_json(make_table(facts, content(), kind, team, period, by, clock));
                const ReportRows rows(facts, content(), kind, team, period, by, clock);
                // A chunk after every row, and the whole text at the end.
                std::size_t chunks = 0;
                const std::string small = streamed(rows, 1, &chunks);
                CHECK(chunks == rows.size() + 1);
                CHECK(small == expected);
                CHECK(streamed(rows, JsonWriter::kChunk) == expected);
            }
}

}  // namespace

TEST_CASE("The streamed JSON of every report is its table's JSON byte for byte", "[report][json][stream]") {
    test::PinnedTime pin(test::kPinnedNow);
    const Dataset data = hand_made();
    const ind::Facts facts = prepared(data);
    const ind::Clock clock = ind::Clock::at(test::kPinnedNow);
    const ind::Period year{Date{2025, 1, 1}, Date{2026, 1, 1}};
    same_as_table(facts, year, clock);

    // The hand-made data reaches the JSON: the escaped name, a measure, a rating, an action.
    const ReportRows all(facts, content(), ReportKind::measures, std::nullopt, year, ind::Split::month, clock);
    const std::string text = streamed(all, 1);
    CHECK(text.find(R"("team": "Bloesem \"B\" \\ )" "\xC3\xAB" R"(\t2")") != std::string::npos);
    const nlohmann::json doc = nlohmann::json::parse(text);
    REQUIRE(doc["rows"].size() == 4 * 12);
    // Rows by team name: Akker, Bloesem, De Linde, then all together. De Linde in March 2025:
    // m1 (seclusion room, 90 minutes) and m2 (physical hold, 12 minutes).
    const nlohmann::json& march = doc["rows"][2 * 12 + 2];
    CHECK(march["team"] == "De Linde");
    CHECK(march["from"] == "2025-03-01");
    CHECK(march["measures"] == 2);
    CHECK(march["by_type"]["seclusion_room"]["mean_minutes"] == 90.0);
    CHECK(march["by_type"]["physical_hold"]["median_minutes"] == 12.0);
    CHECK(march["goal"]["reduction_goal_pct"] == 30.0);
}

TEST_CASE("The streamed JSON of demo reports is their tables' JSON byte for byte", "[report][json][stream]") {
    test::PinnedTime pin(test::kPinnedNow);
    DemoOptions opt;
    opt.teams = 2;
    opt.years = 1;
    opt.seed = 5;
    opt.end = Date{2026, 3, 1};
    const ind::Facts facts = prepared(generate_demo(opt));
    same_as_table(facts, {Date{2025, 3, 1}, Date{2026, 3, 1}}, ind::Clock::at(test::kPinnedNow));
}

TEST_CASE("A report of too many rows is refused before a byte is streamed", "[report][json][stream]") {
    const ind::Facts facts = prepared(hand_made());
    // Four rows (three teams and all together) for each of 6,672 months.
    const ind::Period centuries{Date{1900, 1, 1}, Date{2456, 1, 1}};
    CHECK_THROWS_AS(ReportRows(facts, content(), ReportKind::actions, std::nullopt, centuries, ind::Split::month, ind::Clock::at(test::kPinnedNow)),
                    ReportError);
}
