#include "core/flat_json.hpp"

#include <cstdint>

namespace ts::flat {
namespace {

// Values nested deeper than this inside a record are not read here (the strict parser's limit
// counts from the file's top level, two levels above a record).
constexpr int kMaxOtherDepth = 32;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The length of the well-formed UTF-8 sequence of more than one byte at `p` (RFC 3629, as the
// strict parser checks it), 0 if it is not one, -1 if the text ends inside it.
int utf8_length(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = p[0];
    int n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return 0;
    for (int k = 1; k < n; ++k) {
        if (p + k >= end) return -1;
        const unsigned char b = p[k];
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
    }
    return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Four hex digits after "\u" at `p`.
Result read_hex4(const char*& p, const char* end, std::uint32_t& out) {
    out = 0;
    for (int k = 0; k < 4; ++k) {
        if (p >= end) return Result::more;
        const int v = hex_value(*p++);
        if (v < 0) return Result::no;
        out = (out << 4) | static_cast<std::uint32_t>(v);
    }
    return Result::ok;
}

Result read_literal(const char*& p, const char* end, std::string_view word) {
    for (char c : word) {
        if (p >= end) return Result::more;
        if (*p++ != c) return Result::no;
    }
    return Result::ok;
}

Result read_digits(const char*& p, const char* end) {
    if (p >= end) return Result::more;
    if (*p < '0' || *p > '9') return Result::no;
    while (p < end && *p >= '0' && *p <= '9') ++p;
    return p < end ? Result::ok : Result::more;
}

Result read_number(const char*& p, const char* end, std::string_view& text) {
    const char* start = p;
    if (*p == '-') ++p;
    if (p >= end) return Result::more;
    if (*p == '0') {
        ++p;
        if (p >= end) return Result::more;
    } else if (const Result r = read_digits(p, end); r != Result::ok) {
        return r;
    }
    if (*p == '.') {
        ++p;
        if (const Result r = read_digits(p, end); r != Result::ok) return r;
    }
    if (*p == 'e' || *p == 'E') {
        ++p;
        if (p >= end) return Result::more;
        if (*p == '+' || *p == '-') ++p;
        if (const Result r = read_digits(p, end); r != Result::ok) return r;
    }
    text = std::string_view(start, static_cast<std::size_t>(p - start));
    return Result::ok;
}

Result skip_value(const char*& p, const char* end, int depth, std::deque<std::string>& scratch);

// An array at `p` (at its "[") whose items are all strings; `no` for any other array.
Result read_strings(const char*& p, const char* end, Record& rec, Value& out) {
    out.type = Type::strings;
    out.first = rec.items.size();
    ++p;
    p = skip_space(p, end);
    if (p >= end) return Result::more;
    if (*p == ']') {
        ++p;
        return Result::ok;
    }
    for (;;) {
        if (*p != '"') return Result::no;
        std::string_view s;
        if (const Result r = read_string(p, end, s, rec.decoded); r != Result::ok) return r;
        rec.items.push_back(s);
        ++out.count;
        p = skip_space(p, end);
        if (p >= end) return Result::more;
        if (*p == ']') {
            ++p;
            return Result::ok;
        }
        if (*p != ',') return Result::no;
        p = skip_space(p + 1, end);
        if (p >= end) return Result::more;
    }
}

// Any value, checked as the strict parser checks it, its content not kept.
Result skip_container(const char*& p, const char* end, int depth, std::deque<std::string>& scratch) {
    if (depth > kMaxOtherDepth) return Result::no;
    const bool object = *p == '{';
    const char close = object ? '}' : ']';
    ++p;
    p = skip_space(p, end);
    if (p >= end) return Result::more;
    if (*p == close) {
        ++p;
        return Result::ok;
    }
    for (;;) {
        if (object) {
            if (*p != '"') return Result::no;
            std::string_view key;
            if (const Result r = read_string(p, end, key, scratch); r != Result::ok) return r;
            p = skip_space(p, end);
            if (p >= end) return Result::more;
            if (*p != ':') return Result::no;
            p = skip_space(p + 1, end);
            if (p >= end) return Result::more;
        }
        if (const Result r = skip_value(p, end, depth + 1, scratch); r != Result::ok) return r;
        p = skip_space(p, end);
        if (p >= end) return Result::more;
        if (*p == close) {
            ++p;
            return Result::ok;
        }
        if (*p != ',') return Result::no;
        p = skip_space(p + 1, end);
        if (p >= end) return Result::more;
    }
}

Result skip_value(const char*& p, const char* end, int depth, std::deque<std::string>& scratch) {
    if (*p == '{' || *p == '[') return skip_container(p, end, depth, scratch);
    Value v;
    return read_scalar(p, end, v, scratch);
}

}  // namespace

const char* skip_space(const char* p, const char* end) {
    while (p < end && is_space(*p)) ++p;
    return p;
}

Result read_string(const char*& p, const char* end, std::string_view& out, std::deque<std::string>& decoded) {
    const char* start = ++p;  // after the quote
    // The plain part, as it is in the text.
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            out = std::string_view(start, static_cast<std::size_t>(p - start));
            ++p;
            return Result::ok;
        }
        if (c == '\\') break;
        if (c < 0x20) return Result::no;
        if (c < 0x80) {
            ++p;
            continue;
        }
        const int n = utf8_length(reinterpret_cast<const unsigned char*>(p), reinterpret_cast<const unsigned char*>(end));
        if (n < 0) return Result::more;
        if (n == 0) return Result::no;
        p += n;
    }
    if (p >= end) return Result::more;
    // With escapes: decoded into a string of its own.
    std::string& s = decoded.emplace_back(start, static_cast<std::size_t>(p - start));
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            out = s;
            ++p;
            return Result::ok;
        }
        if (c < 0x20) return Result::no;
        if (c >= 0x80) {
            const int n = utf8_length(reinterpret_cast<const unsigned char*>(p), reinterpret_cast<const unsigned char*>(end));
            if (n < 0) return Result::more;
            if (n == 0) return Result::no;
            s.append(p, static_cast<std::size_t>(n));
            p += n;
            continue;
        }
        if (c != '\\') {
            s.push_back(static_cast<char>(c));
            ++p;
            continue;
        }
        if (++p >= end) return Result::more;
        switch (*p++) {
            case '"': s.push_back('"'); break;
            case '\\': s.push_back('\\'); break;
            case '/': s.push_back('/'); break;
            case 'b': s.push_back('\b'); break;
            case 'f': s.push_back('\f'); break;
            case 'n': s.push_back('\n'); break;
            case 'r': s.push_back('\r'); break;
            case 't': s.push_back('\t'); break;
            case 'u': {
                std::uint32_t cp = 0;
                if (const Result r = read_hex4(p, end, cp); r != Result::ok) return r;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return Result::no;  // a low surrogate alone
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    for (char want : {'\\', 'u'}) {
                        if (p >= end) return Result::more;
                        if (*p++ != want) return Result::no;
                    }
                    std::uint32_t low = 0;
                    if (const Result r = read_hex4(p, end, low); r != Result::ok) return r;
                    if (low < 0xDC00 || low > 0xDFFF) return Result::no;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(s, cp);
                break;
            }
            default: return Result::no;
        }
    }
    return Result::more;
}

Result read_scalar(const char*& p, const char* end, Value& out, std::deque<std::string>& decoded) {
    if (p >= end) return Result::more;
    switch (*p) {
        case '"': out.type = Type::string; return read_string(p, end, out.text, decoded);
        case 't': out.type = Type::boolean; out.boolean = true; return read_literal(p, end, "true");
        case 'f': out.type = Type::boolean; out.boolean = false; return read_literal(p, end, "false");
        case 'n': out.type = Type::null; return read_literal(p, end, "null");
        default: break;
    }
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
        out.type = Type::number;
        return read_number(p, end, out.text);
    }
    return Result::no;
}

Result read_record(const char*& p, const char* end, Record& rec) {
    rec.clear();
    if (p >= end) return Result::more;
    if (*p != '{') return Result::no;
    p = skip_space(p + 1, end);
    if (p >= end) return Result::more;
    if (*p == '}') {
        ++p;
        return Result::ok;
    }
    for (;;) {
        if (*p != '"') return Result::no;
        Record::Member& m = rec.members.emplace_back();
        if (const Result r = read_string(p, end, m.key, rec.decoded); r != Result::ok) return r;
        p = skip_space(p, end);
        if (p >= end) return Result::more;
        if (*p != ':') return Result::no;
        p = skip_space(p + 1, end);
        if (p >= end) return Result::more;
        if (*p == '[' || *p == '{') {
            const char* start = p;
            Result r = *p == '[' ? read_strings(p, end, rec, m.value) : Result::no;
            if (r == Result::no) {  // some other shape: checked, kept as its text
                p = start;
                m.value = Value{};
                r = skip_container(p, end, 1, rec.decoded);
                m.value.type = Type::other;
                m.value.text = std::string_view(start, static_cast<std::size_t>(p - start));
                rec.has_other = true;
            }
            if (r != Result::ok) return r;
        } else if (const Result r = read_scalar(p, end, m.value, rec.decoded); r != Result::ok) {
            return r;
        }
        p = skip_space(p, end);
        if (p >= end) return Result::more;
        if (*p == '}') {
            ++p;
            return Result::ok;
        }
        if (*p != ',') return Result::no;
        p = skip_space(p + 1, end);
        if (p >= end) return Result::more;
    }
}

}  // namespace ts::flat
