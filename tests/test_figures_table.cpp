// The writers of a report's table (report/figures_table.hpp): JSON objects nested by the key
// paths, numbers that read back as the same double, escaped strings, null for no data; CSV
// by RFC 4180 with flattened column names and the formula guard.
#include "report/figures_table.hpp"

#include "core/time.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace ts;
using namespace ts::report;
using nlohmann::json;

namespace {

Column col(std::vector<std::string> path) { return Column{std::move(path)}; }

// Two rows over nested columns, one of whose parts holds a dot.
FiguresTable sample() {
    FiguresTable t;
    t.kind = ReportKind::guideline;
    t.period = {Date{2025, 1, 1}, Date{2026, 1, 1}};
    t.by = ind::Split::quarter;
    t.generated_at = *parse_timestamp("2026-03-15T10:00:00Z");
    t.columns = {col({"team_id"}),
                 col({"team"}),
                 col({"count"}),
                 col({"by_type", "physical_hold", "count"}),
                 col({"by_type", "physical_hold", "mean_minutes"}),
                 col({"by_type", "seclusion", "count"}),
                 col({"recommendations", "veiligheid.k1", "latest"}),
                 col({"blocks_reflected"}),
                 col({"goal", "on_track"}),
                 col({"change_pct"})};
    t.rows.push_back({std::string("id-1"), std::string("De Linde"), std::int64_t{12}, std::int64_t{5}, 14.5, std::int64_t{0},
                      std::string("partly"), TextList{"veiligheid", "pedagogisch_klimaat"}, true, -20.0});
    t.rows.push_back({std::monostate{}, std::monostate{}, std::int64_t{0}, std::int64_t{0}, std::monostate{}, std::int64_t{0},
                      std::monostate{}, TextList{}, std::monostate{}, std::monostate{}});
    return t;
}

}  // namespace

TEST_CASE("JSON of a report nests the columns by their key paths", "[report][json]") {
    const FiguresTable t = sample();
    const json j = json::parse(to_json(t));
    CHECK(j["report"] == "guideline");
    CHECK(j["from"] == "2025-01-01");
    CHECK(j["to"] == "2026-01-01");
    CHECK(j["by"] == "quarter");
    CHECK(j["generated_at"] == "2026-03-15T10:00:00Z");
    REQUIRE(j["rows"].size() == 2);
    const json& r = j["rows"][0];
    CHECK(r == json::parse(R"({"team_id": "id-1", "team": "De Linde", "count": 12,
        "by_type": {"physical_hold": {"count": 5, "mean_minutes": 14.5}, "seclusion": {"count": 0}},
        "recommendations": {"veiligheid.k1": {"latest": "partly"}},
        "blocks_reflected": ["veiligheid", "pedagogisch_klimaat"], "goal": {"on_track": true}, "change_pct": -20})"));
    const json& all = j["rows"][1];
    CHECK(all["team_id"].is_null());
    CHECK(all["team"].is_null());
    CHECK(all["by_type"]["physical_hold"]["mean_minutes"].is_null());
    CHECK(all["recommendations"]["veiligheid.k1"]["latest"].is_null());
    CHECK(all["blocks_reflected"] == json::array());
    CHECK(all["goal"]["on_track"].is_null());
}

TEST_CASE("JSON of a report has one row per line and keys in column order", "[report][json]") {
    const std::string text = to_json(sample());
    CHECK(text.rfind("{\"report\": \"guideline\", \"from\": \"2025-01-01\", \"to\": \"2026-01-01\", \"by\": \"quarter\", "
                     "\"generated_at\": \"2026-03-15T10:00:00Z\",\n \"rows\": [\n  {\"team_id\": \"id-1\", \"team\": \"De Linde\", "
                     "\"count\": 12, \"by_type\": {\"physical_hold\": {\"count\": 5, \"mean_minutes\": 14.5}, "
                     "\"seclusion\": {\"count\": 0}}, ",
                     0) == 0);
    CHECK(text.substr(text.size() - 5) == "\n ]}\n");
    CHECK(std::count(text.begin(), text.end(), '\n') == 5);  // the head, "rows": [, two rows, the end
}

TEST_CASE("JSON of a report without a split says by null and an empty one has no rows", "[report][json]") {
    FiguresTable t = sample();
    t.by = ind::Split::none;
    t.rows.clear();
    const json j = json::parse(to_json(t));
    CHECK(j["by"].is_null());
    CHECK(j["rows"] == json::array());
}

TEST_CASE("JSON numbers read back as the same double and are never rounded", "[report][json]") {
    FiguresTable t;
    t.columns = {col({"x"})};
    const double values[] = {0.1 + 0.2, 2.0 / 3.0, 1e-300, 123456789.123456789, -0.5, 50.0, 3.1, 0.0003, 1e8};
    for (double v : values) t.rows.push_back({v});
    t.rows.push_back({std::numeric_limits<double>::quiet_NaN()});
    t.rows.push_back({std::numeric_limits<std::int64_t>::max()});
    const std::string text = to_json(t);
    const json j = json::parse(text);
    for (std::size_t i = 0; i < std::size(values); ++i) CHECK(j["rows"][i]["x"].get<double>() == values[i]);
    CHECK(text.find("{\"x\": 3.1}") != std::string::npos);     // the shortest form, not 3.1000000000000001
    CHECK(text.find("{\"x\": 50}") != std::string::npos);
    CHECK(text.find("{\"x\": 0.0003}") != std::string::npos);  // not 3e-04
    CHECK(text.find("{\"x\": 100000000}") != std::string::npos);  // not 1e+08
    CHECK(j["rows"][std::size(values)]["x"].is_null());  // NaN is no number JSON can hold
    CHECK(j["rows"][std::size(values) + 1]["x"].get<std::int64_t>() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("JSON strings are escaped", "[report][json]") {
    FiguresTable t;
    t.columns = {col({"team"}), col({"odd \"key\""})};
    const std::string nasty = std::string("a\"b\\c\nd\re\tf\x01g\x1fh ") + "\xc3\xab\xe2\x80\xa6";  // ë …
    t.rows.push_back({nasty, TextList{"x\"y"}});
    const std::string text = to_json(t);
    CHECK(text.find("\\u0001") != std::string::npos);
    const json j = json::parse(text);
    CHECK(j["rows"][0]["team"] == nasty);
    CHECK(j["rows"][0]["odd \"key\""] == json::array({"x\"y"}));
}

TEST_CASE("CSV of a report has flattened column names and CRLF lines", "[report][csv]") {
    const std::string text = to_csv(sample());
    CHECK(text ==
          "team_id,team,count,by_type.physical_hold.count,by_type.physical_hold.mean_minutes,by_type.seclusion.count,"
          "recommendations.veiligheid.k1.latest,blocks_reflected,goal.on_track,change_pct\r\n"
          "id-1,De Linde,12,5,14.5,0,partly,veiligheid;pedagogisch_klimaat,true,-20\r\n"
          ",,0,0,,0,,,,\r\n");
}

TEST_CASE("CSV quotes a field with a comma quote CR or LF and doubles its quotes", "[report][csv]") {
    CHECK(csv_text_cell("De Linde") == "De Linde");
    CHECK(csv_text_cell("Linde, De") == "\"Linde, De\"");
    CHECK(csv_text_cell("de \"Linde\"") == "\"de \"\"Linde\"\"\"");
    CHECK(csv_text_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_text_cell("a\rb") == "\"a\rb\"");
    CHECK(csv_text_cell("") == "");
}

TEST_CASE("CSV text that a spreadsheet would run as a formula gets an apostrophe", "[report][csv]") {
    CHECK(csv_text_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0");
    CHECK(csv_text_cell("+31 71") == "'+31 71");
    CHECK(csv_text_cell("-team") == "'-team");
    CHECK(csv_text_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_text_cell("\t=1") == "'\t=1");
    CHECK(csv_text_cell("\r=1") == "\"'\r=1\"");
    CHECK(csv_text_cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    CHECK(csv_text_cell("a=b") == "a=b");

    // In a table: the team name is guarded, a negative number is a number and is not.
    FiguresTable t;
    t.columns = {col({"team"}), col({"change_pct"}), col({"blocks_reflected"})};
    t.rows.push_back({std::string("=cmd|' /C calc'!A0"), -20.5, TextList{"-x", "y"}});
    CHECK(to_csv(t) == "team,change_pct,blocks_reflected\r\n'=cmd|' /C calc'!A0,-20.5,'-x;y\r\n");
}

TEST_CASE("JSON of a table whose object columns are apart is refused instead of repeating a key", "[report][json]") {
    FiguresTable t;
    t.columns = {col({"goal", "on_track"}), col({"change_pct"}), col({"goal", "target"})};
    t.rows.push_back({true, 1.0, 2.0});
    CHECK_THROWS_AS(to_json(t), std::logic_error);
    t.columns = {col({"goal", "on_track"}), col({"goal", "target"}), col({"change_pct"})};
    CHECK(json::parse(to_json(t))["rows"][0] == json::parse(R"({"goal": {"on_track": true, "target": 1}, "change_pct": 2})"));
}

TEST_CASE("Report kinds have names", "[report]") {
    for (ReportKind k : {ReportKind::measures, ReportKind::incidents, ReportKind::actions, ReportKind::guideline})
        CHECK(report_kind_from_string(to_string(k)) == k);
    CHECK(to_string(ReportKind::incidents) == "incidents");
    CHECK_FALSE(report_kind_from_string("xlsx"));
}
