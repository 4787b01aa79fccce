// A report as a neutral document, for the exports that are read by people rather than programs
// (report/xlsx.hpp, report/html.hpp): a title, the facts about the report (period, filter,
// generation time, source of the figures), and sections, each with a heading, charts
// (model/chart_data.hpp, the same Chart the screens draw) and tables of typed cells.
//
// The command line builds one from a report's FiguresTable (report/report_document.hpp); a
// screen builds one from what it shows and hands it to the same writers. Every text in a
// Document is shown as it is (the writers escape it); the words are in the document's language.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"
#include "model/chart_data.hpp"
#include "report/figures_table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ts::report {

// A percentage in points: {12.5} is 12.5 % (an XLSX cell 0.125 with the format 0.0%).
struct Percent {
    double points = 0;
};
// A point in time (unix seconds), shown in the machine's local time.
struct Moment {
    std::int64_t unix_seconds = 0;
};

// A cell: no data (monostate: an empty cell), a whole number, a real number, a percentage, a
// yes/no, text, a day or a point in time.
using Cell = std::variant<std::monostate, std::int64_t, double, Percent, bool, std::string, Date, Moment>;

struct TableColumn {
    std::string key;      // stable name: the FiguresTable column name ("by_type.physical_hold.count")
    std::string heading;  // shown above the column (the key when empty)
    int decimals = 1;     // real numbers and percentages in the HTML (the XLSX keeps every digit)
    bool in_html = true;  // false: XLSX only (what the HTML shows elsewhere, or too much to print)
    std::string label = {};  // the HTML's heading in words when set ("Fysiek vasthouden: aantal"); the
                          // XLSX keeps `heading`, the keys a program reads
};

// A table: one XLSX sheet (named by `title`, cleaned: xlsx_sheet_name), an HTML table under
// the heading `title`. Every row has one cell per column.
struct Table {
    std::string title;
    std::vector<TableColumn> columns;
    std::vector<std::vector<Cell>> rows;
    // HTML only: the table turned a quarter, the columns down and the rows across (a report's
    // figures with its periods side by side, at most kHtmlAcross at a time), each row named by
    // its row label. The XLSX keeps a row per row.
    bool transposed = false;
    std::vector<std::string> row_labels;
};

// The most rows of a transposed table side by side in the HTML; more go into a next table.
inline constexpr std::size_t kHtmlAcross = 7;

struct TitledChart {
    std::string title;
    charts::Chart chart;
};

struct Section {
    std::string heading;                // e.g. a team's name
    std::vector<TitledChart> charts;    // HTML only: one <svg> each
    std::vector<Table> tables;
    std::vector<std::string> notes;     // paragraphs after the tables (the guideline's source)
};

// A fact about the report: {"Periode", "1 jan 2025 – 31 dec 2025"}.
struct Fact {
    std::string label;
    Cell value;
};

struct Document {
    std::string title;
    Lang lang = Lang::nl;                // numbers in the HTML: a decimal comma in Dutch
    std::string about_title;             // the XLSX's first sheet; "Over dit rapport" / "About this report" when empty
    std::vector<Fact> about;             // period, filter (team, split), generated at, source
    std::vector<Section> sections;
};

// The about_title, or its default in the document's language.
std::string about_title(const Document& doc);

// A FiguresTable as a Table with its column names as keys and headings. The cells are typed by
// their column's last key part: text "YYYY-MM-DD" in `from`, `to` and keys ending in `_on` is a
// Date; a number in a key ending in `_pct` or starting with `pct_` a Percent; a list its items
// joined with ", ". Rows [first, last) only (all by default).
Table table_from_figures(const FiguresTable& t, std::string title, std::size_t first = 0, std::size_t last = SIZE_MAX);

// Whether a column's last key part names a percentage (`change_pct`, `pct_debrief`).
bool is_percent_key(std::string_view leaf);

// A number for reading: rounded half away from zero to `decimals`, a decimal comma in Dutch,
// no "-0". "—" is not added for NaN: the caller shows no data.
std::string number_text(double value, int decimals, Lang lang);

// The shortest text that reads back as the same double ("0.1", "12", "-3.25"): the raw value
// of a number in the HTML's data-value, compared exactly with the JSON by the tests.
std::string exact_number(double value);

// Writes the document as XLSX (report/xlsx.hpp) or HTML (report/html.hpp) to `path`, as every
// --out is written. For the export buttons of the screens: returns nothing when the file is
// written, else the problem in one line that names the path ("/x/r.xlsx: cannot be written
// (permission denied)"); it does not throw for a bad path.
enum class DocumentFormat { xlsx, html };
std::optional<std::string> export_document(const Document& doc, DocumentFormat format, const std::string& path);

// A cell for reading in the document's language ("12,5 %", "ja", "2025-03-01"); "" for no data.
std::string cell_text(const Cell& cell, int decimals, Lang lang);

}  // namespace ts::report
