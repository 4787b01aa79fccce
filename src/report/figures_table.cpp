#include "report/figures_table.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <set>
#include <stdexcept>
#include <system_error>

namespace ts::report {
namespace {

constexpr std::string_view kKindNames[] = {"measures", "incidents", "actions", "guideline", "teams"};

void append_int(std::string& out, std::int64_t n) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

// Shortest text that reads back as the same double, without an exponent (0.0003, not 3e-04, which
// some readers of a CSV file take for text) unless the number is too large or too small to be
// written that way in kDoubleRoom characters. Written at `p`, which has that much room; returns
// the end, or nullptr for NaN and infinity, which no figure should be but neither JSON nor a
// spreadsheet could read.
constexpr std::size_t kDoubleRoom = 64;
char* put_double(char* p, double d) {
    if (!std::isfinite(d)) return nullptr;
    // A whole number (a count's share of zero, a goal of 30 %) is its digits: written as an
    // integer, which is several times faster. Below 2^50 every whole double is exact and its
    // neighbours are closer than 1, so the shortest text that reads back is all its digits.
    // -0 keeps its sign through to_chars.
    if (constexpr double kExact = 1e15; std::fabs(d) < kExact && d == std::trunc(d) && !(d == 0 && std::signbit(d)))
        return std::to_chars(p, p + kDoubleRoom, static_cast<std::int64_t>(d)).ptr;
    auto r = std::to_chars(p, p + kDoubleRoom, d, std::chars_format::fixed);
    if (r.ec != std::errc()) r = std::to_chars(p, p + kDoubleRoom, d);
    return r.ec == std::errc() ? r.ptr : nullptr;
}

bool append_double(std::string& out, double d) {
    char buf[kDoubleRoom];
    const char* end = put_double(buf, d);
    if (!end) return false;
    out.append(buf, static_cast<std::size_t>(end - buf));
    return true;
}

// Whether any of eight bytes needs an escape in JSON text: a control character (a byte below
// 0x20: exact for a bound up to 0x80), a quote or a backslash.
bool special(std::uint64_t x) {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    return (((x - 0x20 * ones) & ~x & high) | zero_byte(x ^ ('"' * ones)) | zero_byte(x ^ ('\\' * ones))) != 0;
}

// Writes `s` with its escapes at `p`, which has room for 6 bytes per byte of s;
// returns the end. Most text (every key) needs no escape: it is checked and copied eight bytes at
// a time, and written again with its escapes only when it has one.
char* put_escaped(char* p, std::string_view s) {
    const char* d = s.data();
    const std::size_t n = s.size();
    bool escapes = false;
    if (n >= 8) {
        std::uint64_t x;
        for (std::size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, d + i, 8);
            escapes |= special(x);
            std::memcpy(p + i, &x, 8);
        }
        std::memcpy(&x, d + n - 8, 8);  // the last eight, over what the loop did
        escapes |= special(x);
        std::memcpy(p + n - 8, &x, 8);
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(d[i]);
            escapes |= c < 0x20 || c == '"' || c == '\\';
            p[i] = d[i];
        }
    }
    if (!escapes) return p + n;
    static constexpr char kHex[] = "0123456789abcdef";
    const auto two = [&p](char a, char b) {
        p[0] = a;
        p[1] = b;
        p += 2;
    };
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': two('\\', '"'); break;
        case '\\': two('\\', '\\'); break;
        case '\n': two('\\', 'n'); break;
        case '\r': two('\\', 'r'); break;
        case '\t': two('\\', 't'); break;
        case '\b': two('\\', 'b'); break;
        case '\f': two('\\', 'f'); break;
        default:
            if (c < 0x20) {
                std::memcpy(p, "\\u00", 4);
                p[4] = kHex[c >> 4];
                p[5] = kHex[c & 0xf];
                p += 6;
            } else {
                *p++ = ch;
            }
        }
    }
    return p;
}

// How a table's columns become the open(), close() and key calls of a JSON row, worked out once
// for the whole table: before each column the objects of the previous one to close and the
// parts of its path to open; after the last, the objects still open.
struct Replay {
    struct Step {
        std::size_t closes = 0, opens_from = 0;  // open path[opens_from .. size - 1)
    };
    std::vector<Step> steps;  // per column
    std::size_t closes_at_end = 0;
};

Replay plan_replay(const std::vector<Column>& columns) {
    Replay plan;
    plan.steps.reserve(columns.size());
    std::vector<std::string> open;  // the objects the previous column is in
    std::set<std::vector<std::string>> closed;  // objects written and closed: never opened again
    for (const Column& column : columns) {
        const std::vector<std::string>& path = column.path;
        if (path.empty()) throw std::logic_error("figures table: a column without a name");
        const std::size_t parents = path.size() - 1;
        std::size_t common = 0;
        while (common < open.size() && common < parents && open[common] == path[common]) ++common;
        for (std::size_t k = common; k < open.size(); ++k) closed.emplace(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        for (std::size_t k = common; k < parents; ++k)
            if (closed.count(std::vector<std::string>(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(k) + 1)))
                throw std::logic_error("figures table: the columns of " + column.name() + " are not next to each other");
        plan.steps.push_back({open.size() - common, common});
        open.assign(path.begin(), path.end() - 1);
    }
    plan.closes_at_end = open.size();
    return plan;
}

template <CellSink S>
void put_value(S& sink, std::string_view key, const Value& v) {
    switch (v.index()) {
    case 0: sink.null(key); break;
    case 1: sink.integer(key, std::get<std::int64_t>(v)); break;
    case 2: sink.real(key, std::get<double>(v)); break;
    case 3: sink.boolean(key, std::get<bool>(v)); break;
    case 4: sink.text(key, std::get<std::string>(v)); break;
    case 5: sink.list(key, std::get<TextList>(v)); break;
    default: throw std::logic_error("figures table: unknown value type");
    }
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

void TableBuilder::begin_row() {
    naming_ = t_.rows.empty();
    t_.rows.emplace_back().reserve(t_.columns.size());
}

void TableBuilder::end_row() {
    if (!path_.empty()) throw std::logic_error("report: a row with an object not closed");
    naming_ = false;
    if (t_.rows.back().size() != t_.columns.size()) throw std::logic_error("report: rows with different columns");
}

JsonWriter::JsonWriter(Out out, std::size_t chunk) : out_(std::move(out)), chunk_(chunk) {
    reserve(out_ ? chunk_ + chunk_ / 8 : 4096);
}

void JsonWriter::reserve(std::size_t bytes) {
    if (bytes <= capacity_) return;
    const std::size_t capacity = std::max(bytes, 2 * capacity_);
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_ != 0) std::memcpy(bigger.get(), buf_.get(), size_);
    buf_ = std::move(bigger);
    capacity_ = capacity;
}

void JsonWriter::string(std::string_view s) {
    char* p = room(s.size() * 6 + 2);
    *p++ = '"';
    p = put_escaped(p, s);
    *p++ = '"';
    done(p);
}

void JsonWriter::begin(ReportKind kind, const ind::Period& period, ind::Split by, std::int64_t generated_at) {
    const auto raw = [this](std::string_view s) {
        char* p = room(s.size());
        std::memcpy(p, s.data(), s.size());
        done(p + s.size());
    };
    raw("{\"report\": ");
    string(to_string(kind));
    raw(", \"from\": ");
    string(format_date(period.from));
    raw(", \"to\": ");
    string(format_date(period.to));
    raw(", \"by\": ");
    if (by == ind::Split::none) raw("null");
    else string(ind::to_string(by));
    raw(", \"generated_at\": ");
    string(format_timestamp(generated_at));
    raw(",\n \"rows\": [");
}

void JsonWriter::begin_row() {
    char* p = room(5);
    if (rows_ != 0) *p++ = ',';
    std::memcpy(p, "\n  {", 4);
    done(p + 4);
    first_ = true;
    cells_ = 0;
}

char* JsonWriter::key(std::string_view k, std::size_t value_bytes) {
    char* p = room(k.size() * 6 + 6 + value_bytes);
    if (!first_) {
        p[0] = ',';
        p[1] = ' ';
        p += 2;
    }
    first_ = false;
    *p++ = '"';
    p = put_escaped(p, k);
    std::memcpy(p, "\": ", 3);
    return p + 3;
}

void JsonWriter::open(std::string_view k) {
    open_.push_back({size_, first_});
    char* p = key(k, 1);
    *p++ = '{';
    done(p);
    first_ = true;
}

void JsonWriter::close() {
    if (open_.empty()) throw std::logic_error("report: an object closed that was not open");
    const Open o = open_.back();
    open_.pop_back();
    if (first_) {  // no cells: as if it had not been opened
        size_ = o.mark;
        first_ = o.parent_first;
    } else {
        *room(1) = '}';
        ++size_;
    }
}

void JsonWriter::null(std::string_view k) {
    char* p = key(k, 4);
    std::memcpy(p, "null", 4);
    done(p + 4);
    ++cells_;
}

void JsonWriter::integer(std::string_view k, std::int64_t n) {
    constexpr std::size_t digits = 24;
    char* p = key(k, digits);
    done(std::to_chars(p, p + digits, n).ptr);
    ++cells_;
}

void JsonWriter::real(std::string_view k, double d) {
    char* p = key(k, kDoubleRoom);
    char* end = put_double(p, d);
    if (!end) {
        std::memcpy(p, "null", 4);
        end = p + 4;
    }
    done(end);
    ++cells_;
}

void JsonWriter::boolean(std::string_view k, bool b) {
    const std::string_view word = b ? "true" : "false";
    char* p = key(k, word.size());
    std::memcpy(p, word.data(), word.size());
    done(p + word.size());
    ++cells_;
}

void JsonWriter::text(std::string_view k, std::string_view s) {
    char* p = key(k, s.size() * 6 + 2);
    *p++ = '"';
    p = put_escaped(p, s);
    *p++ = '"';
    done(p);
    ++cells_;
}

void JsonWriter::list(std::string_view k, const TextList& l) {
    char* p = key(k, 1);
    *p++ = '[';
    done(p);
    for (std::size_t i = 0; i < l.size(); ++i) {
        p = room(l[i].size() * 6 + 4);
        if (i != 0) {
            p[0] = ',';
            p[1] = ' ';
            p += 2;
        }
        *p++ = '"';
        p = put_escaped(p, l[i]);
        *p++ = '"';
        done(p);
    }
    *room(1) = ']';
    ++size_;
    ++cells_;
}

void JsonWriter::end_row() {
    if (!open_.empty()) throw std::logic_error("report: a row with an object not closed");
    *room(1) = '}';
    ++size_;
    if (rows_ == 0) first_row_cells_ = cells_;
    else if (cells_ != first_row_cells_) throw std::logic_error("report: rows with different columns");
    ++rows_;
    if (out_ && size_ >= chunk_) {
        out_(std::string_view(buf_.get(), size_));
        size_ = 0;
    }
}

void JsonWriter::finish() {
    const std::string_view end = rows_ == 0 ? "]}\n" : "\n ]}\n";
    char* p = room(end.size());
    std::memcpy(p, end.data(), end.size());
    done(p + end.size());
    if (out_) {
        out_(std::string_view(buf_.get(), size_));
        size_ = 0;
    }
}

std::string to_json(const FiguresTable& t) {
    const Replay plan = plan_replay(t.columns);
    JsonWriter w;
    w.reserve(256 + t.rows.size() * t.columns.size() * 24);
    w.begin(t.kind, t.period, t.by, t.generated_at);
    for (const std::vector<Value>& row : t.rows) {
        if (row.size() != t.columns.size()) throw std::logic_error("figures table: a row without a value for every column");
        w.begin_row();
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::vector<std::string>& path = t.columns[c].path;
            const Replay::Step& step = plan.steps[c];
            for (std::size_t k = 0; k < step.closes; ++k) w.close();
            for (std::size_t k = step.opens_from; k + 1 < path.size(); ++k) w.open(path[k]);
            put_value(w, path.back(), row[c]);
        }
        for (std::size_t k = 0; k < plan.closes_at_end; ++k) w.close();
        w.end_row();
    }
    w.finish();
    return w.take();
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
