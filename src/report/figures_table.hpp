// A report of figures as a neutral table: rows of named cells, the same columns in every row.
// The reports (report/figures_report.hpp) put their cells into a CellSink: a TableBuilder makes
// the table, which the CSV writer here, and later writers (XLSX, HTML) and screens read; a
// JsonWriter writes the JSON text directly, a chunk at a time, so a large report is never held
// whole. to_json of a table goes through the same JsonWriter: one JSON writer, and a figure is
// put into words in one place only. The formats are described in docs/report-format.md.
#pragma once

#include "core/indicators.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ts::report {

// `teams` is the manager overview: one row per team, worst first (model/manager_overview.hpp).
enum class ReportKind { measures, incidents, actions, guideline, teams };
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

// Where the cells of a report's rows go, one row after another, each row's cells in the order of
// the columns: open(key) … close() around the cells of a nested object, a value with its key.
// Every row must put the same keys in the same order (the sinks check the number of cells).
// TableBuilder keeps them as a FiguresTable; JsonWriter writes them as JSON text at once. A
// concept, not a base class: the put code is made for each sink and calls it directly.
template <typename S>
concept CellSink = requires(S& s, std::string_view key, std::int64_t n, double d, bool b, const TextList& list) {
    s.begin_row();
    s.open(key);
    s.close();
    s.null(key);
    s.integer(key, n);
    s.real(key, d);
    s.boolean(key, b);
    s.text(key, key);
    s.list(key, list);
    s.end_row();
};

// Fills a table's rows, and while the first row is made, names its columns.
class TableBuilder {
public:
    explicit TableBuilder(FiguresTable& t) : t_(t) {}
    void begin_row();
    void open(std::string_view key) {
        if (naming_) path_.emplace_back(key);
    }
    void close() {
        if (naming_) path_.pop_back();
    }
    void null(std::string_view key) { put(key, std::monostate{}); }
    void integer(std::string_view key, std::int64_t n) { put(key, n); }
    void real(std::string_view key, double d) { put(key, d); }
    void boolean(std::string_view key, bool b) { put(key, b); }
    void text(std::string_view key, std::string_view s) { put(key, std::string(s)); }
    void list(std::string_view key, const TextList& l) { put(key, l); }
    void end_row();

private:
    void put(std::string_view key, Value v) {
        if (naming_) {
            Column c{path_};
            c.path.emplace_back(key);
            t_.columns.push_back(std::move(c));
        }
        t_.rows.back().push_back(std::move(v));
    }

    FiguresTable& t_;
    bool naming_ = false;
    std::vector<std::string> path_;
};

// Writes a report as JSON while its cells come: {"report", "from", "to", "by", "generated_at",
// "rows": [{…}, …]}, one row per line, keys and nested objects as the cells name them (an object
// without cells is left out, as a table has no column for it). Numbers are written in the
// shortest form that reads back as the same double; NaN and infinity as null. The text goes to
// `out` a chunk at a time, at the end of a row once it holds `chunk` bytes, and the rest at
// finish(); without `out` it stays in the writer for take().
class JsonWriter {
public:
    using Out = std::function<void(std::string_view)>;
    static constexpr std::size_t kChunk = 512 * 1024;

    explicit JsonWriter(Out out = nullptr, std::size_t chunk = kChunk);
    void begin(ReportKind kind, const ind::Period& period, ind::Split by, std::int64_t generated_at);
    void begin_row();
    void open(std::string_view key);
    void close();
    void null(std::string_view key);
    void integer(std::string_view key, std::int64_t n);
    void real(std::string_view key, double d);
    void boolean(std::string_view key, bool b);
    void text(std::string_view key, std::string_view s);
    void list(std::string_view key, const TextList& l);
    void end_row();
    void finish();
    void reserve(std::size_t bytes);
    std::string take() const { return std::string(buf_.get(), size_); }  // without `out`: the text

private:
    // At least `bytes` free after the text (which may move).
    char* room(std::size_t bytes) {
        if (capacity_ - size_ < bytes) reserve(size_ + bytes);
        return buf_.get() + size_;
    }
    void done(char* end) { size_ = static_cast<std::size_t>(end - buf_.get()); }
    char* key(std::string_view k, std::size_t value_bytes);  // the key, and room for the value after it
    void string(std::string_view s);

    Out out_;
    std::size_t chunk_;
    std::unique_ptr<char[]> buf_;  // the text not yet handed to out_
    std::size_t size_ = 0, capacity_ = 0;
    struct Open {
        std::size_t mark;   // where the object's key begins: an object without cells is taken back
        bool parent_first;  // whether the object is the first member of the one around it
    };
    std::vector<Open> open_;
    bool first_ = true;  // nothing written yet in the innermost object
    std::size_t rows_ = 0, cells_ = 0, first_row_cells_ = 0;
};

static_assert(CellSink<TableBuilder> && CellSink<JsonWriter>);

// The whole table as JSON, as JsonWriter writes it.
std::string to_json(const FiguresTable& t);

// The rows as CSV (RFC 4180): a header of column names, then one line per row, CRLF line ends.
// No data is an empty cell, lists are joined with ';', and a text cell that a spreadsheet would
// take for a formula (it starts with =, +, -, @, a tab or CR) gets a leading apostrophe.
std::string to_csv(const FiguresTable& t);

// The CSV form of one text cell (formula guard and quoting), for the tests and other writers.
std::string csv_text_cell(std::string_view text);

}  // namespace ts::report
