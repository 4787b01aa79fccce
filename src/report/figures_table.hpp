// A report of figures as a neutral table: rows of named cells, the same columns in every row.
// The reports (report/figures_report.hpp) build one; the writers here render it as JSON or CSV,
// and later writers (XLSX, HTML) and screens read the same table, so a figure is put into words
// in one place only. The formats are described in docs/report-format.md.
#pragma once

#include "core/indicators.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ts::report {

enum class ReportKind { measures, incidents, actions, guideline };
std::string_view to_string(ReportKind k);                           // "measures", …
std::optional<ReportKind> report_kind_from_string(std::string_view);

// A cell. monostate is "no data" (null in JSON, an empty CSV cell). A list holds ids.
using TextList = std::vector<std::string>;
using Value = std::variant<std::monostate, std::int64_t, double, bool, std::string, TextList>;

// A column is named by its key path: {"by_type", "physical_hold", "count"} is the key "count" in
// the object "physical_hold" in the object "by_type" of a JSON row, and the CSV column
// "by_type.physical_hold.count". The path is kept in parts because a part may itself hold a dot
// (a recommendation id such as "veiligheid.k1").
struct Column {
    std::vector<std::string> path;
    std::string name() const;  // the parts joined with '.'
};

struct FiguresTable {
    ReportKind kind = ReportKind::measures;
    ind::Period period;
    ind::Split by = ind::Split::none;
    std::int64_t generated_at = 0;  // unix seconds
    // Columns with a common path prefix are next to each other (a JSON object is written once).
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows;  // each row has one value per column
};

// The whole report as JSON: {"report", "from", "to", "by", "generated_at", "rows": [{…}, …]}, one
// row per line. Numbers are written in the shortest form that reads back as the same double.
std::string to_json(const FiguresTable& t);

// The rows as CSV (RFC 4180): a header of column names, then one line per row, CRLF line ends.
// No data is an empty cell, lists are joined with ';', and a text cell that a spreadsheet would
// take for a formula (it starts with =, +, -, @, a tab or CR) gets a leading apostrophe.
std::string to_csv(const FiguresTable& t);

// The CSV form of one text cell (formula guard and quoting), for the tests and other writers.
std::string csv_text_cell(std::string_view text);

}  // namespace ts::report
