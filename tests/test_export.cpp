// The exports of a report for people (report/document.hpp, html.hpp, xlsx.hpp,
// report_document.hpp): every text escaped in the HTML, a page break before each section after
// the first, one <svg> per chart, exact values in data-value, typed cells, and sheet names that
// Excel accepts.
#include "report/document.hpp"
#include "report/html.hpp"
#include "report/report_document.hpp"
#include "report/xlsx.hpp"

#include "core/content.hpp"
#include "model/chart_scale.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

using namespace ts;
using namespace ts::report;

namespace {

std::size_t count(const std::string& text, std::string_view part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

charts::Chart bar_chart(std::size_t slots) {
    charts::Chart c;
    for (std::size_t i = 0; i < slots; ++i) c.slots.push_back("s" + std::to_string(i));
    c.bars.push_back({"Eerste", std::vector<double>(slots, 2.0)});
    c.bars.push_back({"Tweede", std::vector<double>(slots, 1.0)});
    return c;
}

Document three_sections() {
    Document d;
    d.title = "Rapport";
    for (int s = 0; s < 3; ++s) {
        Section sec;
        sec.heading = "Team " + std::to_string(s);
        for (int k = 0; k <= s; ++k) sec.charts.push_back({"Grafiek " + std::to_string(k), bar_chart(4)});
        Table t;
        t.title = "Cijfers";
        t.columns = {{"count", "Aantal", 0}};
        t.rows = {{std::int64_t{3}}};
        sec.tables.push_back(t);
        d.sections.push_back(std::move(sec));
    }
    return d;
}

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

}  // namespace

TEST_CASE("export HTML escapes every text from the data", "[export][html]") {
    CHECK(escape_html("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;");
    Document d;
    d.title = "<script>alert(1)</script>";
    d.about.push_back({"Team", std::string("Tom & \"Jerry\"")});
    Section s;
    s.heading = "<img src=x>";
    charts::Chart c = bar_chart(2);
    c.slots[0] = "<mrt>";
    c.bars[0].label = "a<b";
    s.charts.push_back({"</svg><script>", c});
    Table t;
    t.title = "T<1>";
    t.columns = {{"reason", "Reden <x>", 0}};
    t.rows = {{std::string("</td><script>x</script>")}};
    s.tables.push_back(t);
    s.notes.push_back("bron <a>");
    d.sections.push_back(s);
    const std::string html = to_html(d);
    CHECK(count(html, "<script") == 0);
    CHECK(count(html, "<img") == 0);
    CHECK(count(html, "<a>") == 0);
    CHECK(count(html, "<mrt>") == 0);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("Tom &amp; &quot;Jerry&quot;") != std::string::npos);
    CHECK(html.find("a&lt;b") != std::string::npos);
    CHECK(html.find("&lt;/td&gt;&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    // The chart's own </svg> only once: the title's is escaped.
    CHECK(count(html, "</svg>") == 1);
}

TEST_CASE("export HTML breaks the page before each section after the first", "[export][html]") {
    const std::string html = to_html(three_sections());
    CHECK(html.find("@page { size: A4") != std::string::npos);
    CHECK(html.find("div.newpage { break-before: page; page-break-before: always; }") != std::string::npos);
    CHECK(count(html, "<div class=\"section\">") == 1);
    CHECK(count(html, "<div class=\"section newpage\">") == 2);
    CHECK(html.find("<div class=\"section\">") < html.find("<div class=\"section newpage\">"));
}

TEST_CASE("export HTML draws one svg per chart with a legend in words", "[export][html]") {
    const std::string html = to_html(three_sections());
    CHECK(count(html, "<svg ") == 1 + 2 + 3);
    CHECK(count(html, "</svg>") == 6);
    CHECK(count(html, "<ul class=\"legend\">") == 6);
    CHECK(count(html, ">Eerste</li>") == 6);
    // Self-contained: nothing fetched from elsewhere (the svg namespace is a name, not a fetch).
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("export chart svg draws stacked bars lines and a dashed target", "[export][html]") {
    charts::Chart c = bar_chart(3);
    c.bars[0].values = {4, 0, 2};
    c.bars[1].values = {1, 3, std::nan("")};
    c.lines.push_back({"Lijn", {1, std::nan(""), 2}});
    c.target = 5;
    c.target_label = "Doel";
    const std::string svg = chart_svg(c, "t");
    // Bars with a value above the one below: 2 + 1 + 1 (no zero-height rect, nothing for NaN).
    CHECK(count(svg, "<rect ") == 4);
    CHECK(count(svg, "fill=\"#E69F00\"") == 2);  // the first series, Okabe–Ito orange
    CHECK(count(svg, "fill=\"#56B4E9\"") == 2);  // the second, sky blue
    // The line's gap: two single points, no polyline, a dot each; in the colour after the bars.
    CHECK(count(svg, "<polyline") == 0);
    CHECK(count(svg, "<circle ") == 2);
    CHECK(count(svg, "fill=\"#009E73\"") == 2);
    CHECK(count(svg, "stroke-dasharray") == 1);
    // Ticks 0…5 by 1 (nice_ticks(0, 5), the stack of 5 and the target): 6 grid lines and labels.
    CHECK(count(svg, "text-anchor=\"end\"") == 6);
    const std::string legend = chart_legend_html(c);
    CHECK(legend.find(">Doel</li>") != std::string::npos);
    CHECK(legend.find(">Lijn</li>") != std::string::npos);
}

TEST_CASE("export HTML numbers read in Dutch and keep their exact value", "[export][html]") {
    Document d;
    Section s;
    Table t;
    t.columns = {{"a", "", 1}, {"b_pct", "", 1}, {"n", "", 0}, {"none", "", 1}};
    t.rows = {{0.1 + 0.2, Percent{12.25}, std::int64_t{1234}, std::monostate{}}};
    s.tables.push_back(t);
    d.sections.push_back(s);
    std::string html = to_html(d);
    CHECK(html.find("data-value=\"0.30000000000000004\">0,3<") != std::string::npos);
    CHECK(html.find("data-value=\"12.25\">12,3 %<") != std::string::npos);
    CHECK(html.find("data-value=\"1234\">1234<") != std::string::npos);
    CHECK(html.find("<td class=\"none\">–</td>") != std::string::npos);
    d.lang = Lang::en;
    html = to_html(d);
    CHECK(html.find("data-value=\"12.25\">12.3 %<") != std::string::npos);
    CHECK(number_text(-0.04, 1, Lang::nl) == "0,0");
    CHECK(number_text(2.45, 1, Lang::nl) == "2,5");
}

TEST_CASE("export table cells get their types from the columns", "[export]") {
    FiguresTable f;
    f.columns = {Column{{"from"}}, Column{{"team"}}, Column{{"change_pct"}}, Column{{"pct_debrief"}}, Column{{"goal", "on_track"}},
                 Column{{"blocks_reflected"}}, Column{{"recommendations", "x.k1", "latest_on"}}, Column{{"count"}}};
    f.rows = {{std::string("2025-03-01"), std::string("2025-03-01"), -20.0, std::int64_t{50}, true, TextList{"a", "b"},
               std::string("2025-02-03"), std::monostate{}}};
    const Table t = table_from_figures(f, "x");
    REQUIRE(t.rows.size() == 1);
    const auto& r = t.rows[0];
    CHECK(std::get<Date>(r[0]) == Date{2025, 3, 1});
    CHECK(std::get<std::string>(r[1]) == "2025-03-01");  // a team named like a date stays text
    CHECK(std::get<Percent>(r[2]).points == -20.0);
    CHECK(std::get<Percent>(r[3]).points == 50.0);
    CHECK(std::get<bool>(r[4]));
    CHECK(std::get<std::string>(r[5]) == "a, b");
    CHECK(std::get<Date>(r[6]) == Date{2025, 2, 3});
    CHECK(std::holds_alternative<std::monostate>(r[7]));
}

TEST_CASE("export sheet names are valid for Excel and unique", "[export][xlsx]") {
    CHECK(xlsx_sheet_name("Team [A]: x*y?/z\\", {}) == "Team _A__ x_y__z_");
    CHECK(xlsx_sheet_name("'quoted'", {}) == "quoted");
    CHECK(xlsx_sheet_name("", {}) == "Blad");
    CHECK(xlsx_sheet_name("  ", {}, Lang::en) == "Sheet");
    const std::string longer(40, 'x');
    CHECK(xlsx_sheet_name(longer, {}) == std::string(31, 'x'));
    // Whole UTF-8 characters: 31 é's (62 bytes), never half of one.
    std::string accents;
    for (int i = 0; i < 40; ++i) accents += "é";
    const std::string cut = xlsx_sheet_name(accents, {});
    CHECK(cut.size() == 62);
    CHECK(cut.substr(0, 2) == "é");
    // Taken names, also in other letter case, get a number; long ones are shortened for it.
    CHECK(xlsx_sheet_name("De Linde", {"de linde"}) == "De Linde (2)");
    CHECK(xlsx_sheet_name("De Linde", {"De Linde", "De Linde (2)"}) == "De Linde (3)");
    CHECK(xlsx_sheet_name(longer, {std::string(31, 'x')}) == std::string(27, 'x') + " (2)");
}

TEST_CASE("export workbook is a zip with a sheet per table", "[export][xlsx]") {
    const std::string bytes = xlsx_bytes(three_sections());
    REQUIRE(bytes.size() > 100);
    CHECK(bytes.substr(0, 2) == "PK");
    CHECK(bytes.find("xl/worksheets/sheet4.xml") != std::string::npos);
    CHECK(bytes.find("xl/worksheets/sheet5.xml") == std::string::npos);
}

TEST_CASE("export document of a report has a section per team and charts when split", "[export]") {
    FiguresTable f;
    f.kind = ReportKind::incidents;
    f.period = {Date{2025, 1, 1}, Date{2025, 4, 1}};
    f.by = ind::Split::month;
    f.columns = {Column{{"team_id"}}, Column{{"team"}}, Column{{"from"}}, Column{{"to"}}, Column{{"by_severity", "1"}},
                 Column{{"by_severity", "2"}}, Column{{"by_severity", "3"}}, Column{{"by_severity", "4"}}};
    const char* months[] = {"2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"};
    for (const char* team : {"a", "b", ""})
        for (int m = 0; m < 3; ++m)
            f.rows.push_back({*team ? Value(std::string(team)) : Value(), *team ? Value(std::string(team) + "!") : Value(), std::string(months[m]),
                              std::string(months[m + 1]), std::int64_t{m}, std::int64_t{1}, std::int64_t{0}, std::int64_t{2}});
    ReportDocumentOptions o;
    Document d = report_document(f, content(), o);
    REQUIRE(d.sections.size() == 3);
    CHECK(d.sections[0].heading == "a!");
    CHECK(d.sections[2].heading == "Alle teams samen");
    REQUIRE(d.sections[0].charts.size() == 1);
    const charts::Chart& c = d.sections[0].charts[0].chart;
    CHECK(c.slots == std::vector<std::string>{"jan 2025", "feb 2025", "mrt 2025"});
    CHECK(c.first_month == Date{2025, 1, 1});
    REQUIRE(c.bars.size() == 4);
    CHECK(c.bars[0].values == std::vector<double>{0, 1, 2});
    CHECK(d.sections[0].tables.at(0).rows.size() == 3);
    CHECK(about_title(d) == "Over dit rapport");
    // Without a split: no charts. An unknown kind works the same way.
    f.by = ind::Split::none;
    d = report_document(f, content(), o);
    CHECK(d.sections.at(0).charts.empty());
    o.lang = Lang::en;
    CHECK(about_title(report_document(f, content(), o)) == "About this report");
}

TEST_CASE("export measures chart puts the least used types together beyond the palette", "[export]") {
    const auto& types = content().measure_types;
    REQUIRE(types.size() > 9);
    FiguresTable f;
    f.kind = ReportKind::measures;
    f.period = {Date{2025, 1, 1}, Date{2025, 3, 1}};
    f.by = ind::Split::month;
    f.columns = {Column{{"team_id"}}, Column{{"team"}}, Column{{"from"}}, Column{{"to"}}};
    for (const MeasureType& t : types) f.columns.push_back(Column{{"by_type", t.code, "count"}});
    for (int m = 0; m < 2; ++m) {
        std::vector<Value> row{std::string("id"), std::string("Team"), std::string(m == 0 ? "2025-01-01" : "2025-02-01"),
                               std::string(m == 0 ? "2025-02-01" : "2025-03-01")};
        // Type i has i measures a month; the first type none at all (left out).
        for (std::size_t i = 0; i < types.size(); ++i) row.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(i));
        f.rows.push_back(row);
    }
    const Document d = report_document(f, content(), {});
    REQUIRE(d.sections.size() == 1);
    REQUIRE(d.sections[0].charts.size() == 2);
    const charts::Chart& c = d.sections[0].charts[0].chart;
    REQUIRE(c.bars.size() == charts::kOkabeIto.size());
    // The 7 most used (the last 7 types, in the content's order), then the rest summed.
    const std::size_t n = types.size();
    for (std::size_t k = 0; k < 7; ++k) CHECK(c.bars[k].label == types[n - 7 + k].name.nl);
    CHECK(c.bars[7].label == "Overige soorten");
    const double rest = static_cast<double>((n - 8) * (n - 7) / 2);  // 1 + 2 + … + (n - 8)
    CHECK(c.bars[7].values == std::vector<double>{rest, rest});
}

TEST_CASE("export document to a file or a message naming the path", "[export]") {
    const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/ts-export-test-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    const Document d = three_sections();
    CHECK_FALSE(export_document(d, DocumentFormat::html, dir + "/r.html"));
    CHECK_FALSE(export_document(d, DocumentFormat::xlsx, dir + "/r.xlsx"));
    CHECK(std::filesystem::file_size(dir + "/r.html") == to_html(d).size());
    CHECK(std::filesystem::file_size(dir + "/r.xlsx") > 1000);
    const std::string missing = dir + "/no-such-folder/r.xlsx";
    const auto problem = export_document(d, DocumentFormat::xlsx, missing);
    REQUIRE(problem);
    CHECK(problem->rfind(missing + ": ", 0) == 0);
    CHECK_FALSE(std::filesystem::exists(dir + "/no-such-folder"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("export HTML names the columns in words and the XLSX keeps the keys", "[export][html]") {
    const MeasureType& type = content().measure_types.front();
    FiguresTable f;
    f.kind = ReportKind::measures;
    f.period = {Date{2025, 1, 1}, Date{2025, 2, 1}};
    f.columns = {Column{{"team_id"}}, Column{{"team"}}, Column{{"from"}}, Column{{"to"}}, Column{{"care_days"}},
                 Column{{"by_type", type.code, "count"}}, Column{{"previous", "care_days"}}, Column{{"by_severity", "3"}}};
    f.rows.push_back({std::string("t"), std::string("De Linde"), std::string("2025-01-01"), std::string("2025-02-01"), std::int64_t{31},
                      std::int64_t{4}, std::int64_t{28}, std::int64_t{1}});
    const Document d = report_document(f, content(), {});
    const Table& t = d.sections.at(0).tables.at(0);
    REQUIRE(t.columns.size() == 8);
    CHECK(t.columns[4].label == "Zorgdagen");
    CHECK(t.columns[5].label == type.name.in(Lang::nl) + ": Aantal");
    CHECK(t.columns[6].label == "Vorige periode: Zorgdagen");
    CHECK(t.columns[7].label == "Ernst 3");
    CHECK(t.columns[5].heading == "by_type." + type.code + ".count");  // the XLSX's header: the key
    const std::string html = to_html(d);
    CHECK(html.find(">Zorgdagen<") != std::string::npos);
    CHECK(html.find(">by_type." + type.code + ".count<") == std::string::npos);
}
