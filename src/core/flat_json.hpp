// A fast reader for the shapes of the bundle's own records: an object of scalars and lists of
// strings, read straight from the file's bytes without a tree per record.
//
// It is never the judge of a file: it accepts only what the strict parser of core/json_check
// accepts as well (the same grammar, UTF-8 checked the same way, control characters refused in
// strings) and says "no" to anything else, however harmless, so that the caller can read that
// part again the strict way and report its problem in its usual words. A value of another shape
// (an object, a list of objects) is kept as its text, for the caller to read the strict way.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ts::flat {

enum class Result {
    ok,    // read; the position is after it
    more,  // the text ended inside it: read again from the same place with more text
    no,    // not read here: not valid JSON, or nothing this reader takes on
};

enum class Type : unsigned char { null, boolean, number, string, strings, other };

struct Value {
    Type type = Type::null;
    bool boolean = false;
    // number: its text as written; string: the text decoded; other: the value's JSON text.
    std::string_view text;
    std::size_t first = 0, count = 0;  // strings: its items in Record::items
};

// One record object: its members in the order written. The views point into the text read or
// into `decoded` (strings with escapes), and live until the next read.
struct Record {
    struct Member {
        std::string_view key;
        Value value;
    };
    std::vector<Member> members;
    std::vector<std::string_view> items;
    std::deque<std::string> decoded;
    bool has_other = false;  // a member of Type::other

    const Value* find(std::string_view key) const {
        for (const Member& m : members)
            if (m.key == key) return &m.value;
        return nullptr;
    }
    void clear() {
        members.clear();
        items.clear();
        decoded.clear();
        has_other = false;
    }
};

// JSON white space (space, tab, line feed, carriage return) from `p`.
const char* skip_space(const char* p, const char* end);

// A JSON string at `p` (at its opening quote), decoded into `out`; escapes are decoded into a
// new entry of `decoded`.
Result read_string(const char*& p, const char* end, std::string_view& out, std::deque<std::string>& decoded);

// A scalar (string, number, true, false, null) at `p`. A number is kept as its text.
Result read_scalar(const char*& p, const char* end, Value& out, std::deque<std::string>& decoded);

// An object at `p` (at its "{"): a key given twice is left to the caller.
Result read_record(const char*& p, const char* end, Record& out);

}  // namespace ts::flat
