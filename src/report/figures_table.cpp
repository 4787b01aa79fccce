#include "report/figures_table.hpp"

#include "core/time.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>
#include <system_error>

namespace ts::report {
namespace {

constexpr std::string_view kKindNames[] = {"measures", "incidents", "actions", "guideline"};

void append_int(std::string& out, std::int64_t n) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

// Shortest text that reads back as the same double, without an exponent (0.0003, not 3e-04, which
// some readers of a CSV file take for text) unless the number is too large or too small to be
// written that way in 64 characters; false for NaN and infinity, which no figure should be but
// neither JSON nor a spreadsheet could read.
bool append_double(std::string& out, double d) {
    if (!std::isfinite(d)) return false;
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    if (r.ec != std::errc()) r = std::to_chars(buf, buf + sizeof buf, d);
    if (r.ec != std::errc()) return false;
    out.append(buf, r.ptr);
    return true;
}

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void append_json_value(std::string& out, const Value& v) {
    switch (v.index()) {
    case 0: out += "null"; break;
    case 1: append_int(out, std::get<std::int64_t>(v)); break;
    case 2:
        if (!append_double(out, std::get<double>(v))) out += "null";
        break;
    case 3: out += std::get<bool>(v) ? "true" : "false"; break;
    case 4: append_json_string(out, std::get<std::string>(v)); break;
    case 5: {
        out += '[';
        bool first = true;
        for (const std::string& s : std::get<TextList>(v)) {
            if (!first) out += ", ";
            first = false;
            append_json_string(out, s);
        }
        out += ']';
        break;
    }
    default: throw std::logic_error("figures table: unknown value type");
    }
}

// What precedes each column's value in a JSON row, worked out once for the whole table: the
// objects to close after the previous column, a comma, the objects to open, and the key.
struct JsonRowPlan {
    std::vector<std::string> before;  // per column
    std::string after;                // closes every object still open, and the row
};

JsonRowPlan plan_json_row(const std::vector<Column>& columns) {
    JsonRowPlan plan;
    plan.before.reserve(columns.size());
    std::vector<std::string> open;  // the objects the previous column is in
    std::set<std::vector<std::string>> closed;  // objects written and closed: never opened again
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::vector<std::string>& path = columns[i].path;
        if (path.empty()) throw std::logic_error("figures table: a column without a name");
        const std::size_t parents = path.size() - 1;
        std::size_t common = 0;
        while (common < open.size() && common < parents && open[common] == path[common]) ++common;
        for (std::size_t k = common; k < open.size(); ++k) closed.emplace(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        for (std::size_t k = common; k < parents; ++k)
            if (closed.count(std::vector<std::string>(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(k) + 1)))
                throw std::logic_error("figures table: the columns of " + columns[i].name() + " are not next to each other");
        std::string text = i == 0 ? "{" : "";
        for (std::size_t k = common; k < open.size(); ++k) text += '}';
        if (i != 0) text += ", ";
        for (std::size_t k = common; k < parents; ++k) {
            append_json_string(text, path[k]);
            text += ": {";
        }
        append_json_string(text, path.back());
        text += ": ";
        plan.before.push_back(std::move(text));
        open.assign(path.begin(), path.end() - 1);
    }
    plan.after = columns.empty() ? "{" : "";
    plan.after.append(open.size(), '}');
    plan.after += '}';
    return plan;
}

}  // namespace

std::string_view to_string(ReportKind k) { return kKindNames[static_cast<std::size_t>(k)]; }

std::optional<ReportKind> report_kind_from_string(std::string_view s) {
    for (std::size_t i = 0; i < std::size(kKindNames); ++i)
        if (kKindNames[i] == s) return static_cast<ReportKind>(i);
    return std::nullopt;
}

std::string Column::name() const {
    std::string out;
    for (const std::string& part : path) {
        if (!out.empty()) out += '.';
        out += part;
    }
    return out;
}

std::string to_json(const FiguresTable& t) {
    const JsonRowPlan plan = plan_json_row(t.columns);
    std::string out;
    out.reserve(256 + t.rows.size() * t.columns.size() * 24);
    out += "{\"report\": ";
    append_json_string(out, to_string(t.kind));
    out += ", \"from\": ";
    append_json_string(out, format_date(t.period.from));
    out += ", \"to\": ";
    append_json_string(out, format_date(t.period.to));
    out += ", \"by\": ";
    if (t.by == ind::Split::none) out += "null";
    else append_json_string(out, ind::to_string(t.by));
    out += ", \"generated_at\": ";
    append_json_string(out, format_timestamp(t.generated_at));
    out += ",\n \"rows\": [";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::vector<Value>& row = t.rows[r];
        if (row.size() != t.columns.size()) throw std::logic_error("figures table: a row without a value for every column");
        out += r == 0 ? "\n  " : ",\n  ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            out += plan.before[c];
            append_json_value(out, row[c]);
        }
        out += plan.after;
    }
    out += t.rows.empty() ? "]}\n" : "\n ]}\n";
    return out;
}

std::string csv_text_cell(std::string_view text) {
    std::string cell;
    // A spreadsheet takes these for the start of a formula (and a leading tab or CR is
    // dropped and the rest read as one); the apostrophe makes the cell text.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) cell += '\'';
    cell += text;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string to_csv(const FiguresTable& t) {
    std::string out;
    out.reserve(256 + (t.rows.size() + 1) * t.columns.size() * 12);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (c != 0) out += ',';
        out += csv_text_cell(t.columns[c].name());
    }
    out += "\r\n";
    for (const std::vector<Value>& row : t.rows) {
        if (row.size() != t.columns.size()) throw std::logic_error("figures table: a row without a value for every column");
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c != 0) out += ',';
            const Value& v = row[c];
            switch (v.index()) {
            case 0: break;
            case 1: append_int(out, std::get<std::int64_t>(v)); break;
            case 2: append_double(out, std::get<double>(v)); break;
            case 3: out += std::get<bool>(v) ? "true" : "false"; break;
            case 4: out += csv_text_cell(std::get<std::string>(v)); break;
            case 5: {
                std::string joined;
                bool first = true;
                for (const std::string& s : std::get<TextList>(v)) {
                    if (!first) joined += ';';
                    first = false;
                    joined += s;
                }
                out += csv_text_cell(joined);
                break;
            }
            default: throw std::logic_error("figures table: unknown value type");
            }
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace ts::report
