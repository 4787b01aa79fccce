// The writers of a report's table (report/figures_table.hpp): JSON objects nested by the key
// paths, numbers that read back as the same double, escaped strings, null for no data; CSV
// by RFC 4180 with flattened column names and the formula guard.
#include "report/figures_table.hpp"

#include "core/time.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
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

TEST_CASE("JSON strings of every length are escaped wherever the character is", "[report][json]") {
    // The writer checks eight bytes at a time, the last eight over the ones before: a character
    // to escape at any place in texts of 1 to 30 bytes, among letters outside ASCII (ë).
    for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
        for (std::size_t length = 1; length <= 20; ++length) {  // in letters
            for (std::size_t at = 0; at < length; ++at) {
                std::string s;
                for (std::size_t i = 0; i < length; ++i) {
                    if (i == at) s += special;
                    else s += i % 3 == 1 ? "\xc3\xab" : "x";
                }
                FiguresTable t;
                t.columns = {col({s})};
                t.rows.push_back({s});
                const std::string text = to_json(t);
                INFO("length " << length << " at " << at << " char " << int(special));
                REQUIRE(std::none_of(text.begin(), text.end(), [](char c) { return c == '\x01' || c == '\x1f'; }));
                const json j = json::parse(text);
                CHECK(j["rows"][0][s] == s);
            }
        }
    }
}

TEST_CASE("JSON of a whole number is the shortest form to_chars gives", "[report][json]") {
    // Whole numbers are written as integers (faster): the same text as to_chars, also at the
    // edges of that shortcut, for -0 and for numbers too large for it.
    const double values[] = {0.0, -0.0, 1.0, -1.0, 30.0, 1e15 - 1, -(1e15 - 1), 1e15, 1e16, 9007199254740993.0, 1e22, 1e300, -1e300};
    FiguresTable t;
    t.columns = {col({"x"})};
    std::string expected;
    for (const double v : values) {
        t.rows.push_back({v});
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
        if (r.ec != std::errc()) r = std::to_chars(buf, buf + sizeof buf, v);
        REQUIRE(r.ec == std::errc());
        expected += (expected.empty() ? "\n  {\"x\": " : ",\n  {\"x\": ") + std::string(buf, r.ptr) + "}";
    }
    const std::string text = to_json(t);
    CHECK(text.substr(text.find('[') + 1) == expected + "\n ]}\n");
    CHECK(text.find("{\"x\": -0}") != std::string::npos);
    CHECK(text.find("{\"x\": 30}") != std::string::npos);
}

TEST_CASE("JSON leaves out an object without cells as a table has no column for it", "[report][json]") {
    JsonWriter w;
    w.begin(ReportKind::measures, {Date{2025, 1, 1}, Date{2026, 1, 1}}, ind::Split::none, 0);
    w.begin_row();
    w.open("nothing");  // the first member, empty: the next one has no comma before it
    w.close();
    w.integer("a", 1);
    w.open("o");
    w.open("empty");
    w.close();
    w.integer("b", 2);
    w.open("empty_too");
    w.close();
    w.close();
    w.open("last");
    w.close();
    w.end_row();
    w.finish();
    const std::string text = w.take();
    CHECK(text.substr(text.find("[\n") + 2) == "  {\"a\": 1, \"o\": {\"b\": 2}}\n ]}\n");

    // The same cells in a table, and its JSON.
    FiguresTable t;
    t.kind = ReportKind::measures;
    t.period = {Date{2025, 1, 1}, Date{2026, 1, 1}};
    t.columns = {col({"a"}), col({"o", "b"})};
    t.rows.push_back({std::int64_t{1}, std::int64_t{2}});
    CHECK(to_json(t) == text);
}

TEST_CASE("JSON rows with different cells are refused", "[report][json]") {
    JsonWriter w;
    w.begin(ReportKind::actions, {Date{2025, 1, 1}, Date{2026, 1, 1}}, ind::Split::month, 0);
    w.begin_row();
    w.integer("a", 1);
    w.integer("b", 2);
    w.end_row();
    w.begin_row();
    w.integer("a", 1);
    CHECK_THROWS_AS(w.end_row(), std::logic_error);

    JsonWriter open_at_end;
    open_at_end.begin_row();
    open_at_end.open("o");
    open_at_end.integer("a", 1);
    CHECK_THROWS_AS(open_at_end.end_row(), std::logic_error);
}

TEST_CASE("The table builder names the columns from the first row and refuses a row with other cells", "[report]") {
    FiguresTable t;
    TableBuilder b(t);
    for (int row = 0; row < 2; ++row) {
        b.begin_row();
        b.text("team", "De Linde");
        b.open("goal");
        b.boolean("on_track", row == 0);
        b.null("target");
        b.close();
        b.end_row();
    }
    REQUIRE(t.columns.size() == 3);
    CHECK(t.columns[1].name() == "goal.on_track");
    CHECK(t.columns[2].path == std::vector<std::string>{"goal", "target"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1][1] == Value{false});
    b.begin_row();
    b.text("team", "Bloesem");
    CHECK_THROWS_AS(b.end_row(), std::logic_error);
}
