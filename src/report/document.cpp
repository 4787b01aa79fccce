#include "report/document.hpp"

#include "report/html.hpp"
#include "report/output_file.hpp"
#include "report/xlsx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace ts::report {

std::string about_title(const Document& doc) {
    if (!doc.about_title.empty()) return doc.about_title;
    return doc.lang == Lang::en ? "About this report" : "Over dit rapport";
}

bool is_percent_key(std::string_view leaf) {
    return (leaf.size() > 4 && leaf.substr(leaf.size() - 4) == "_pct") || leaf.starts_with("pct_");
}

namespace {

bool is_date_key(std::string_view leaf) {
    return leaf == "from" || leaf == "to" || leaf == "last_meeting" || (leaf.size() > 3 && leaf.substr(leaf.size() - 3) == "_on");
}

Cell cell_of(const Value& v, std::string_view leaf) {
    switch (v.index()) {
    case 1: {
        const auto n = std::get<std::int64_t>(v);
        if (is_percent_key(leaf)) return Percent{static_cast<double>(n)};
        return n;
    }
    case 2: {
        const double d = std::get<double>(v);
        if (!std::isfinite(d)) return std::monostate{};
        if (is_percent_key(leaf)) return Percent{d};
        return d;
    }
    case 3: return std::get<bool>(v);
    case 4: {
        const std::string& s = std::get<std::string>(v);
        if (is_date_key(leaf) && s.size() == 10)
            if (const auto d = parse_date(s)) return *d;
        return s;
    }
    case 5: {
        std::string joined;
        for (const std::string& s : std::get<TextList>(v)) {
            if (!joined.empty()) joined += ", ";
            joined += s;
        }
        return joined;
    }
    default: return std::monostate{};
    }
}

}  // namespace

Table table_from_figures(const FiguresTable& t, std::string title, std::size_t first, std::size_t last) {
    Table out;
    out.title = std::move(title);
    for (const Column& c : t.columns) out.columns.push_back({c.name(), c.name(), 1});
    last = std::min(last, t.rows.size());
    for (std::size_t r = first; r < last; ++r) {
        std::vector<Cell> row;
        row.reserve(t.columns.size());
        for (std::size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) row.push_back(cell_of(t.rows[r][c], t.columns[c].path.back()));
        out.rows.push_back(std::move(row));
    }
    return out;
}

std::string number_text(double value, int decimals, Lang lang) {
    decimals = std::clamp(decimals, 0, 6);
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::isfinite(value) ? std::round(value * scale) / scale : value;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
    std::string s = buf;
    if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0,0"
    if (lang == Lang::nl) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string exact_number(double value) {
    if (!std::isfinite(value)) return "";
    if (value == std::trunc(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<std::int64_t>(value));
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

std::string cell_text(const Cell& cell, int decimals, Lang lang) {
    switch (cell.index()) {
    case 1: return std::to_string(std::get<std::int64_t>(cell));
    case 2: return number_text(std::get<double>(cell), decimals, lang);
    case 3: return number_text(std::get<Percent>(cell).points, decimals, lang) + " %";
    case 4: return std::get<bool>(cell) ? (lang == Lang::en ? "yes" : "ja") : (lang == Lang::en ? "no" : "nee");
    case 5: return std::get<std::string>(cell);
    case 6: return format_date(std::get<Date>(cell));
    case 7: return format_local(std::get<Moment>(cell).unix_seconds);
    default: return "";
    }
}

std::optional<std::string> export_document(const Document& doc, DocumentFormat format, const std::string& path) {
    try {
        if (format == DocumentFormat::xlsx) write_xlsx(doc, path);
        else write_html(doc, path);
        return std::nullopt;
    } catch (const OutputError& e) {
        return std::string(e.what());
    }
}

}  // namespace ts::report
