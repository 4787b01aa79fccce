#include "report/xlsx.hpp"

#include "report/output_file.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ts::report {
namespace {

// UTF-8 characters (not bytes) in s: what Excel counts, near enough (it counts UTF-16 units).
std::size_t chars(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first n characters of s, never half a character.
std::string first_chars(std::string_view s, std::size_t n) {
    std::size_t seen = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (seen == n) break;
            ++seen;
        }
    }
    return std::string(s.substr(0, i));
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The longest text Excel keeps in a cell.
constexpr std::size_t kMaxCellChars = 32767;

// The workbook, closed (and its memory freed) however the writing ends.
struct Book {
    lxw_workbook* wb = nullptr;
    ~Book() {
        // workbook_close writes the file and frees everything; an early exit still frees.
        if (wb) workbook_close(wb);
    }
};

struct Formats {
    lxw_format *bold, *date, *moment, *percent;
};

void put_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell, const Formats& f) {
    switch (cell.index()) {
    case 0: break;  // no data: an empty cell
    case 1: worksheet_write_number(ws, r, c, static_cast<double>(std::get<std::int64_t>(cell)), nullptr); break;
    case 2: worksheet_write_number(ws, r, c, std::get<double>(cell), nullptr); break;
    case 3: worksheet_write_number(ws, r, c, std::get<Percent>(cell).points / 100.0, f.percent); break;
    case 4: worksheet_write_boolean(ws, r, c, std::get<bool>(cell) ? 1 : 0, nullptr); break;
    case 5: {
        const std::string& s = std::get<std::string>(cell);
        const std::string kept = chars(s) > kMaxCellChars ? first_chars(s, kMaxCellChars) : s;
        worksheet_write_string(ws, r, c, kept.c_str(), nullptr);
        break;
    }
    case 6: {
        const Date d = std::get<Date>(cell);
        lxw_datetime dt{d.year, d.month, d.day, 0, 0, 0.0};
        worksheet_write_datetime(ws, r, c, &dt, f.date);
        break;
    }
    case 7: {
        // format_local: "YYYY-MM-DD HH:MM" in the machine's time zone.
        const std::string local = format_local(std::get<Moment>(cell).unix_seconds);
        const auto d = parse_date(std::string_view(local).substr(0, 10));
        if (!d || local.size() < 16) break;
        lxw_datetime dt{d->year, d->month, d->day, std::atoi(local.substr(11, 2).c_str()), std::atoi(local.substr(14, 2).c_str()), 0.0};
        worksheet_write_datetime(ws, r, c, &dt, f.moment);
        break;
    }
    default: break;
    }
}

// How many characters a cell takes in the sheet, for its column's width.
std::size_t shown_width(const Cell& cell) {
    switch (cell.index()) {
    case 0: return 0;
    case 2: return std::min<std::size_t>(exact_number(std::get<double>(cell)).size(), 11);  // General shows ~11
    case 3: return 7;
    case 4: return 5;
    case 6: return 10;
    case 7: return 16;
    default: return chars(cell_text(cell, 1, Lang::en));
    }
}

void set_widths(lxw_worksheet* ws, const std::vector<std::size_t>& widths) {
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const double w = std::clamp(static_cast<double>(widths[c]) + 2, 6.0, kMaxColumnWidth);
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
}

void about_sheet(lxw_workbook* wb, const Document& doc, const Formats& f, std::vector<std::string>& taken) {
    const std::string name = xlsx_sheet_name(about_title(doc), taken, doc.lang);
    taken.push_back(name);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) throw OutputError("XLSX", "the sheet \"" + name + "\" cannot be added");
    std::vector<std::size_t> widths{0, 0};
    worksheet_write_string(ws, 0, 0, doc.title.c_str(), f.bold);
    lxw_row_t r = 2;
    for (const Fact& fact : doc.about) {
        worksheet_write_string(ws, r, 0, fact.label.c_str(), f.bold);
        put_cell(ws, r, 1, fact.value, f);
        widths[0] = std::max(widths[0], chars(fact.label));
        widths[1] = std::max(widths[1], shown_width(fact.value));
        ++r;
    }
    set_widths(ws, widths);
}

void table_sheet(lxw_workbook* wb, const Table& t, const Formats& f, std::vector<std::string>& taken, Lang lang) {
    const std::string name = xlsx_sheet_name(t.title, taken, lang);
    taken.push_back(name);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) throw OutputError("XLSX", "the sheet \"" + name + "\" cannot be added");
    if (t.columns.size() > LXW_COL_MAX || t.rows.size() + 1 > LXW_ROW_MAX)
        throw OutputError("XLSX", "the table \"" + t.title + "\" is larger than a sheet");
    std::vector<std::size_t> widths(t.columns.size(), 0);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const std::string& heading = t.columns[c].heading.empty() ? t.columns[c].key : t.columns[c].heading;
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), heading.c_str(), f.bold);
        widths[c] = chars(heading);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < t.rows[r].size() && c < t.columns.size(); ++c) {
            put_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), t.rows[r][c], f);
            widths[c] = std::max(widths[c], shown_width(t.rows[r][c]));
        }
    set_widths(ws, widths);
}

// A private temporary folder (0700), removed with what is in it when done.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "teamspiegel-xlsx-XXXXXX").string();
        if (!mkdtemp(tmpl.data()))
            throw OutputError("XLSX", "the temporary folder " + tmpl + " cannot be created (" + std::strerror(errno) + ")");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

std::string xlsx_sheet_name(std::string_view wanted, const std::vector<std::string>& taken, Lang lang) {
    std::string base;
    for (const char c : wanted) base += std::string_view("[]:*?/\\").find(c) != std::string_view::npos ? '_' : c;
    // Control characters are no use in a tab's name either.
    for (char& c : base)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    while (!base.empty() && (base.front() == '\'' || base.front() == ' ')) base.erase(0, 1);
    while (!base.empty() && (base.back() == '\'' || base.back() == ' ')) base.pop_back();
    if (base.empty()) base = lang == Lang::en ? "Sheet" : "Blad";
    const auto is_taken = [&](const std::string& name) {
        return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return lower(t) == lower(name); });
    };
    std::string name = first_chars(base, 31);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    for (int n = 2; is_taken(name); ++n) {
        const std::string suffix = " (" + std::to_string(n) + ")";
        std::string cut = first_chars(base, 31 - suffix.size());
        while (!cut.empty() && (cut.back() == '\'' || cut.back() == ' ')) cut.pop_back();
        name = cut + suffix;
    }
    return name;
}

std::string xlsx_bytes(const Document& doc) {
    TempDir dir;
    const std::string file = dir.path() + "/report.xlsx";
    {
        // Rows are written in order, so the library keeps one row in memory at a time (a report
        // of 20,000 rows of 170 figures would otherwise hold millions of cells).
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = const_cast<char*>(dir.path().c_str());
        Book book;
        book.wb = workbook_new_opt(file.c_str(), &options);
        if (!book.wb) throw OutputError("XLSX", "the workbook cannot be made");
        Formats f{};
        f.bold = workbook_add_format(book.wb);
        format_set_bold(f.bold);
        f.date = workbook_add_format(book.wb);
        format_set_num_format(f.date, "yyyy-mm-dd");
        f.moment = workbook_add_format(book.wb);
        format_set_num_format(f.moment, "yyyy-mm-dd hh:mm");
        f.percent = workbook_add_format(book.wb);
        format_set_num_format(f.percent, "0.0%");
        std::vector<std::string> taken;
        about_sheet(book.wb, doc, f, taken);
        for (const Section& s : doc.sections)
            for (const Table& t : s.tables) table_sheet(book.wb, t, f, taken, doc.lang);
        lxw_workbook* wb = book.wb;
        book.wb = nullptr;
        if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
            throw OutputError("XLSX", std::string("the workbook cannot be written (") + lxw_strerror(err) + ")");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw OutputError("XLSX", "the temporary file " + file + " cannot be read back");
    return bytes.str();
}

void write_xlsx(const Document& doc, const std::string& path) {
    std::string bytes;
    try {
        bytes = xlsx_bytes(doc);
    } catch (const OutputError& e) {
        throw OutputError(path, e.problem());
    }
    write_output_file(path, bytes);
}

}  // namespace ts::report
