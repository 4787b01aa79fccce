#include "core/bundle.hpp"

#include "core/care.hpp"
#include "core/fields.hpp"
#include "core/flat_json.hpp"
#include "core/memory.hpp"

#include "core/json_check.hpp"
#include "core/rules.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ts {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// --- field readers: each names the field in its error ------------------------------------
// Whether text is acceptable (control and invisible characters, length) is the business of
// the validate_* functions of core/rules, which the forms call too; here only its type.

std::string text_of(const JsonAt& j) { return j.str_or_empty(); }

std::string text(const JsonAt& r, const char* key) { return text_of(r[key]); }

std::optional<std::string> opt_text(const JsonAt& r, const char* key) {
    const JsonAt j = r[key];
    if (j.value().is_null()) return std::nullopt;
    return text_of(j);
}

// Ids are stored in one spelling, lower case, so that "0F8F…" and "0f8f…" are one record.
std::string uuid_of(const JsonAt& j) {
    std::string s = text_of(j);
    if (!is_uuid(s)) j.fail("not a UUID (expected the form 0f8fad5b-d9cb-469f-a165-70867728950e)");
    return canonical_uuid(s);
}

std::string uuid(const JsonAt& r, const char* key) { return uuid_of(r[key]); }

std::optional<std::string> opt_uuid(const JsonAt& r, const char* key) {
    const JsonAt j = r[key];
    if (j.value().is_null()) return std::nullopt;
    return uuid_of(j);
}

// Timestamps must be in the one form the program writes ("…Z", whole seconds), because the
// store compares and sorts them as text.
std::string stamp_of(const JsonAt& j) {
    std::string s = text_of(j);
    if (!is_plain_timestamp(s)) j.fail(english_problem("error.timestamp_invalid"));
    return s;
}

std::string stamp(const JsonAt& r, const char* key) { return stamp_of(r[key]); }

std::optional<std::string> opt_stamp(const JsonAt& r, const char* key) {
    const JsonAt j = r[key];
    if (j.value().is_null()) return std::nullopt;
    return stamp_of(j);
}

std::string date_of(const JsonAt& j) {
    std::string s = text_of(j);
    if (!parse_date(s)) j.fail(english_problem("error.date_invalid"));
    return s;
}

std::string date(const JsonAt& r, const char* key) { return date_of(r[key]); }

std::optional<std::string> opt_date(const JsonAt& r, const char* key) {
    const JsonAt j = r[key];
    if (j.value().is_null()) return std::nullopt;
    return date_of(j);
}

int whole(const JsonAt& j, long long min = INT_MIN, long long max = INT_MAX) {
    return static_cast<int>(j.integer(min, max));
}

// An enum spelled as in core/types; the error lists the accepted spellings.
template <typename E>
E enum_of(const JsonAt& j, std::optional<E> (*parse)(std::string_view)) {
    const std::string s = text_of(j);
    if (auto v = parse(s)) return *v;
    std::string names;
    for (int i = 0; i < 32; ++i) {
        const std::string_view n = to_string(static_cast<E>(i));
        if (n == "?") break;
        names += (names.empty() ? "" : ", ") + std::string(n);
    }
    j.fail("\"" + s + "\" is not one of " + names);
}

// A list of ids in which every id occurs once.
std::vector<std::string> id_list(const JsonAt& arr, const char* what) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const JsonAt& j : arr.items()) {
        std::string id = uuid_of(j);
        if (!seen.insert(id).second) j.fail(std::string("duplicate ") + what);
        out.push_back(std::move(id));
    }
    return out;
}

// No child rows of a structure of their own (every kind but the meeting).
struct NoChildren {
    [[noreturn]] static void fail(std::string_view field) {
        throw std::logic_error("no bundle handler for the child rows " + std::string(field));
    }
    void operator()(std::string_view field, const JsonAt&) const { fail(field); }  // reading
    std::nullptr_t operator()(std::string_view field) const { fail(field); }      // writing
};

// A record's fields as its field table (core/fields.hpp) describes them, in its order, each
// checked by its type. `children(name, list)` reads the child rows of a structure of their own
// (a meeting's steps). A created_at the bundle may leave out is read after updated_at, whose
// value it takes when missing.
template <typename T, typename Children = NoChildren>
void read_fields(const JsonAt& r, T& record, Children children = {}) {
    const auto& defs = fields_of<T>();
    std::vector<std::string_view> keys;
    for (const auto& f : defs) keys.push_back(f.key());
    r.only_keys(keys);
    const FieldDef<T>* created_at = nullptr;
    for (const auto& f : defs) {
        const std::string name(f.key());
        const char* key = name.c_str();
        if (f.type == FieldType::created_at && f.optional_key) {
            created_at = &f;
            continue;
        }
        if (f.optional_key && !r.has(key)) continue;
        FieldValue v;
        switch (f.type) {
            case FieldType::id: v = uuid(r, key); break;
            case FieldType::opt_id:
                if (auto id = opt_uuid(r, key)) v = *id;
                break;
            case FieldType::text:
            case FieldType::free_text: v = text(r, key); break;
            case FieldType::opt_text:
                if (auto t = opt_text(r, key)) v = *t;
                break;
            case FieldType::timestamp:
            case FieldType::created_at:
            case FieldType::updated_at: v = stamp(r, key); break;
            case FieldType::opt_timestamp:
                if (auto t = opt_stamp(r, key)) v = *t;
                break;
            case FieldType::date: v = date(r, key); break;
            case FieldType::opt_date:
                if (auto d = opt_date(r, key)) v = *d;
                break;
            case FieldType::integer: v = static_cast<std::int64_t>(whole(r[key])); break;
            case FieldType::opt_integer:
                if (const JsonAt n = r[key]; !n.value().is_null()) v = static_cast<std::int64_t>(whole(n));
                break;
            case FieldType::real: v = r[key].number(std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max()); break;
            case FieldType::boolean: v = r[key].boolean(); break;
            case FieldType::choice: {
                const std::string s = text_of(r[key]);
                if (!f.set(record, s)) r[key].fail("\"" + s + "\" is not one of " + f.choices);
                continue;
            }
            case FieldType::id_list: {
                std::string joined;
                for (const auto& id : id_list(r[key], f.choices.c_str())) joined += (joined.empty() ? "" : ",") + id;
                v = joined;
                break;
            }
            case FieldType::child_rows: children(f.name, r[key]); continue;
        }
        f.set(record, v);
    }
    if (created_at) created_at->set(record, r.has("created_at") ? stamp(r, "created_at") : record.updated_at);
}

// Where a record is, for its errors: "measures[17]" (the path made only for a message).
struct RecordPlace {
    const std::string& file;
    std::string_view list;
    std::size_t index;
    std::string path() const { return std::string(list) + "[" + std::to_string(index) + "]"; }
    [[noreturn]] void fail(std::string_view field, const std::string& problem) const {
        throw JsonError(file, path() + "." + std::string(field), problem);
    }
};

// The validation of core/rules gives field names and message keys; the first one not skipped
// becomes the error, worded as on the command line, with the detail ("U+200B") if any.
struct Skip {
    std::string_view field, key;  // empty field: any field
};

void report_rules(const RecordPlace& record, const std::vector<FieldProblem>& problems, std::initializer_list<Skip> skip = {}) {
    for (const FieldProblem& p : problems) {
        const bool skipped = std::any_of(skip.begin(), skip.end(), [&](const Skip& s) {
            return s.key == p.message_key && (s.field.empty() || s.field == p.field);
        });
        if (skipped) continue;
        std::string problem = english_problem(p.message_key);
        if (!p.detail.empty()) problem += " (" + p.detail + ")";
        record.fail(p.field, problem);
    }
}

// Problems that need a youth record are judged by import_bundle, which can look youths up in
// the bundle and the database (core/bundle sees one record at a time).
constexpr Skip kSkipYouthUnknown{"", "error.measure.youth_unknown"};
constexpr Skip kSkipYouthNotInCare{"", "error.measure.youth_not_in_care"};

// The lists of a bundle, in the order they are written: every list after those it refers to
// (incidents before the measures that follow them), so that an import reading it in one pass
// finds each reference already there. A reader accepts them in any order.
constexpr std::array<std::string_view, 8> kLists{"teams",     "members",  "youths",  "incidents",
                                                 "measures",  "meetings", "actions", "action_updates"};

// The records of a bundle, each checked on its own once its fields are read (by read_fields
// from a tree, or by fast_fields from the text): the rules of core/rules, and what the records
// of a list read so far say (team names, a team's youth codes).
class Reader {
public:
    // `now`: nothing in the bundle may lie after it (its exported_at plus kClockTolerance).
    Reader(const Content& content, bool anonymized, std::int64_t now) : content_(content), anonymized_(anonymized), now_(now) {}

    template <typename T>
    static void read(const JsonAt& r, T& record) {
        read_fields(r, record);
    }
    static void read(const JsonAt& r, Meeting& m) {
        read_fields(r, m, [&](std::string_view list, const JsonAt& items) { meeting_children(m, list, items); });
    }

    void check(Team& t, const RecordPlace& at) {
        report_rules(at, validate_team(t, teams_, now_));
        teams_.push_back(t);
    }

    void check(Member& m, const RecordPlace& at) { report_rules(at, validate_member(m, now_)); }

    void check(Youth& y, const RecordPlace& at) {
        // Codes are unique within a team; compare with the team's youths read so far. An
        // anonymized bundle holds the export's pseudonyms instead of codes of the pattern.
        auto& same_team = youths_by_team_[y.team_id];
        const Skip pattern{"code", anonymized_ ? "error.youth.code_pattern" : ""};
        report_rules(at, validate_youth(y, same_team, content_.youth_codes, now_), {pattern});
        if (anonymized_ && !is_anonymous_code(y.code)) at.fail("code", "not a pseudonym of an anonymized export (Y- and six digits)");
        same_team.push_back(y);
    }

    void check(Measure& m, const RecordPlace& at) {
        // An anonymized bundle has its reasons removed on purpose, also where one is required.
        const Skip reason{"reason", anonymized_ ? "error.measure.reason_required" : ""};
        report_rules(at, validate_measure(m, content_, nullptr, now_), {kSkipYouthUnknown, kSkipYouthNotInCare, reason});
    }

    void check(Incident& i, const RecordPlace& at) {
        const Skip description{"description", anonymized_ ? "error.required" : ""};
        report_rules(at, validate_incident(i, content_, {}, now_), {description});
    }

    void check(Meeting& m, const RecordPlace& at) { report_rules(at, validate_meeting(m, content_, now_)); }

    void check(Action& a, const RecordPlace& at) { report_rules(at, validate_action(a, content_, now_)); }

    void check(ActionUpdate& u, const RecordPlace& at) { report_rules(at, validate_action_update(u, now_)); }

private:
    // The child rows of a meeting with a structure of their own (its field table names them).
    static void meeting_children(Meeting& m, std::string_view list, const JsonAt& items) {
        if (list == "steps") {
            for (const JsonAt& s : items.items()) {
                s.only_keys({"kind", "notes", "seconds_used"});
                MeetingStep step;
                step.kind = enum_of(s["kind"], step_kind_from_string);
                step.notes = text(s, "notes");
                step.seconds_used = whole(s["seconds_used"]);
                m.steps.push_back(std::move(step));
            }
        } else if (list == "answers") {
            for (const JsonAt& a : items.items()) {
                a.only_keys({"question_id", "text"});
                m.answers.emplace_back(text(a, "question_id"), text(a, "text"));
            }
        } else if (list == "ratings") {
            for (const JsonAt& g : items.items()) {
                g.only_keys({"recommendation_id", "rating"});
                m.ratings.emplace_back(text(g, "recommendation_id"), enum_of(g["rating"], rating_from_string));
            }
        } else {
            NoChildren::fail(list);
        }
    }

    const Content& content_;
    bool anonymized_;
    std::int64_t now_;
    std::vector<Team> teams_;
    std::unordered_map<std::string, std::vector<Youth>> youths_by_team_;
};

// Pass 1: the top-level members other than the record lists, which are only syntax-checked.
class HeaderPass final : public JsonObjectVisitor {
public:
    json members = json::object();  // an array member appears as an empty array

    void member(const std::string& key, const json& value, const std::string&) override { members[key] = value; }
    bool array_member(const std::string& key, const std::string&) override {
        members[key] = json::array();
        return false;
    }
    void element(const std::string&, std::size_t, const json&, const std::string&) override {}
};

// What the top level of a bundle says of its records.
struct Header {
    std::int64_t exported_at = 0;
    bool anonymized = false;
};

// Checks the top-level members (records left out) and returns what they say.
Header check_header(const json& members, const std::string& shown_name, std::int64_t now) {
    const JsonAt root(members, shown_name, "");
    // The format first, so that some other JSON file is called that rather than a broken bundle.
    const JsonAt format = root["format"];
    if (text_of(format) != kBundleFormat)
        format.fail("expected \"" + std::string(kBundleFormat) + "\" (this is not a Teamspiegel bundle)");
    const JsonAt version = root["version"];
    if (version.integer(LLONG_MIN, LLONG_MAX) != kBundleVersion)
        version.fail("version " + version.value().dump() + " is not supported (this program reads version " +
                     std::to_string(kBundleVersion) + ")");
    root.only_keys({"format", "version", "exported_at", "anonymized", "teams", "members", "youths", "measures", "incidents",
                    "meetings", "actions", "action_updates"});
    for (std::string_view list : kLists)
        if (root.has(std::string(list).c_str())) root[std::string(list).c_str()].items();  // an array, or an error naming it
    // exported_at is the bundle's clock: no record may be stamped later than it, and it may not
    // lie after this computer's clock (both give or take kClockTolerance), so that a record
    // stamped 9999-12-31 can never win every later merge.
    const JsonAt exported = root["exported_at"];
    Header h;
    h.exported_at = *parse_timestamp(stamp_of(exported));
    if (h.exported_at > now + kClockTolerance)
        exported.fail("in the future (this computer's clock says " + format_timestamp(now) + ")");
    h.anonymized = root.has("anonymized") && root["anonymized"].boolean();
    return h;
}

bool is_list(std::string_view key) { return std::find(kLists.begin(), kLists.end(), key) != kLists.end(); }

// The records: each read and checked as it is parsed and handed to a sink at once, so that the
// bundle never exists as one parsed tree (memory stays near the size of one record).
class RecordPass : public JsonObjectVisitor {
public:
    // `check_duplicates`: refuse an id given twice in a list here (a sink that checks this
    // itself, as the import does, saves the memory of every id).
    RecordPass(RecordSink& sink, const std::string& file, bool check_duplicates)
        : sink_(sink), file_(file), check_duplicates_(check_duplicates) {}

    void member(const std::string&, const json&, const std::string&) override {}
    bool array_member(const std::string& key, const std::string&) override { return is_list(key); }

    void element(const std::string& list, std::size_t index, const json& value, const std::string& path) override {
        const JsonAt r(value, file_, path);
        r.require_object();
        if (list == "teams") add<Team>(list, index, r);
        else if (list == "members") add<Member>(list, index, r);
        else if (list == "youths") add<Youth>(list, index, r);
        else if (list == "measures") add<Measure>(list, index, r);
        else if (list == "incidents") add<Incident>(list, index, r);
        else if (list == "meetings") add<Meeting>(list, index, r);
        else if (list == "actions") add<Action>(list, index, r);
        else if (list == "action_updates") add<ActionUpdate>(list, index, r);
    }

    // Starts reading records with what the header says.
    void start(const Content& content, const Header& h) { reader_.emplace(content, h.anonymized, h.exported_at + kClockTolerance); }

private:
    template <typename T>
    void add(const std::string& list, std::size_t index, const JsonAt& r) {
        T record;
        Reader::read(r, record);
        reader_->check(record, RecordPlace{file_, list, index});
        if (check_duplicates_) {
            auto& seen = first_at_[list];
            if (auto [it, fresh] = seen.emplace(record.id, index); !fresh)
                r["id"].fail("duplicate id (also " + list + "[" + std::to_string(it->second) + "])");
        }
        sink_.add(std::move(record), index);
    }

    RecordSink& sink_;
    const std::string& file_;
    bool check_duplicates_;
    std::optional<Reader> reader_;
    std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>> first_at_;
};

// One pass for a bundle whose top-level members come before its lists (as this program writes
// them): the header is checked when the first list starts, and the records are read in the same
// pass. When a list comes first, its records are skipped and needs_records() asks for a second
// pass, with the header whole by then.
class StreamPass final : public RecordPass {
public:
    StreamPass(RecordSink& sink, const std::string& file, const Content& content, std::int64_t now)
        : RecordPass(sink, file, false), file_(file), content_(content), now_(now) {}
    json members = json::object();

    void member(const std::string& key, const json& value, const std::string&) override { members[key] = value; }
    bool array_member(const std::string& key, const std::string& path) override {
        members[key] = json::array();
        if (!started_ && !second_pass_) {
            const bool whole = members.contains("format") && members.contains("version") && members.contains("exported_at") &&
                               members.contains("anonymized");
            if (!whole || !is_list(key)) {
                second_pass_ = true;
                return false;
            }
            start(content_, check_header(members, file_, now_));
            started_ = true;
        }
        return started_ && RecordPass::array_member(key, path);
    }
    bool needs_records() const { return second_pass_; }

private:
    const std::string& file_;
    const Content& content_;
    std::int64_t now_;
    bool started_ = false, second_pass_ = false;
};


// --- the fast reading of a bundle file ----------------------------------------------------
//
// A bundle as this program writes it (the header before the lists, records of the usual
// shapes) is read straight from its text into records (core/flat_json), without a tree per
// record. Anything else it meets, from a syntax error to a record that breaks a rule, ends
// this reading: stream_bundle_file then reads the file again the strict way (StreamPass),
// passing over the records this reading already handed on, so that every problem is reported
// exactly as the strict reading words it.

struct NotFast {};  // ends the fast reading

// A canonical timestamp, as stamp_of accepts it.
bool is_stamp(std::string_view s) { return is_plain_timestamp(s); }

// A whole number as JsonAt::integer(INT_MIN, INT_MAX) accepts it: digits only (no fraction or
// exponent), in range.
bool whole_number(const flat::Value& v, std::int64_t& out) {
    if (v.type != flat::Type::number) return false;
    std::string_view t = v.text;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative) t.remove_prefix(1);
    if (t.empty() || t.size() > 18) return false;
    std::int64_t n = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + (c - '0');
    }
    if (negative) n = -n;
    if (n < INT_MIN || n > INT_MAX) return false;
    out = n;
    return true;
}

// A record's fields from its text as read_fields reads them from a tree: the same values, set
// in the same order. False for anything read_fields would refuse or this does not take on (a
// real number, child rows): the record is then read the strict way.
template <typename T>
bool fast_fields(const flat::Record& r, T& record) {
    const auto& defs = fields_of<T>();
    const auto& members = r.members;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const bool known = std::any_of(defs.begin(), defs.end(), [&](const FieldDef<T>& f) { return f.key() == members[i].key; });
        if (!known) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (members[j].key == members[i].key) return false;
    }
    const auto uuid = [](const flat::Value& v, FieldValue& out) {
        if (v.type != flat::Type::string || !is_uuid(v.text)) return false;
        out = canonical_uuid(v.text);
        return true;
    };
    const FieldDef<T>* created_at = nullptr;
    for (const auto& f : defs) {
        if (f.type == FieldType::created_at && f.optional_key) {
            created_at = &f;
            continue;
        }
        const flat::Value* v = r.find(f.key());
        if (!v) {
            if (f.optional_key) continue;
            return false;
        }
        const bool null = v->type == flat::Type::null;
        const bool string = v->type == flat::Type::string;
        FieldValue out;
        switch (f.type) {
            case FieldType::id:
                if (!uuid(*v, out)) return false;
                break;
            case FieldType::opt_id:
                if (!null && !uuid(*v, out)) return false;
                break;
            case FieldType::text:
            case FieldType::free_text:
                if (!string) return false;
                out = std::string(v->text);
                break;
            case FieldType::opt_text:
                if (null) break;
                if (!string) return false;
                out = std::string(v->text);
                break;
            case FieldType::timestamp:
            case FieldType::created_at:
            case FieldType::updated_at:
                if (!string || !is_stamp(v->text)) return false;
                out = std::string(v->text);
                break;
            case FieldType::opt_timestamp:
                if (null) break;
                if (!string || !is_stamp(v->text)) return false;
                out = std::string(v->text);
                break;
            case FieldType::date:
                if (!string || !parse_date(v->text)) return false;
                out = std::string(v->text);
                break;
            case FieldType::opt_date:
                if (null) break;
                if (!string || !parse_date(v->text)) return false;
                out = std::string(v->text);
                break;
            case FieldType::integer:
            case FieldType::opt_integer: {
                if (null && f.type == FieldType::opt_integer) break;
                std::int64_t n = 0;
                if (!whole_number(*v, n)) return false;
                out = n;
                break;
            }
            case FieldType::boolean:
                if (v->type != flat::Type::boolean) return false;
                out = v->boolean;
                break;
            case FieldType::choice:
                if (!string || !f.set(record, FieldValue(std::string(v->text)))) return false;
                continue;
            case FieldType::id_list: {
                if (v->type != flat::Type::strings) return false;
                std::string joined;
                for (std::size_t k = 0; k < v->count; ++k) {
                    const std::string_view id = r.items[v->first + k];
                    if (!is_uuid(id)) return false;
                    const std::string canonical = canonical_uuid(id);
                    for (std::size_t m = 0; m < k; ++m)  // short lists: no set needed
                        if (canonical_uuid(r.items[v->first + m]) == canonical) return false;
                    joined += (joined.empty() ? "" : ",") + canonical;
                }
                out = std::move(joined);
                break;
            }
            case FieldType::real:
            case FieldType::child_rows: return false;
        }
        f.set(record, out);
    }
    if (created_at) {
        if (const flat::Value* v = r.find("created_at")) {
            if (v->type != flat::Type::string || !is_stamp(v->text)) return false;
            created_at->set(record, FieldValue(std::string(v->text)));
        } else {
            created_at->set(record, FieldValue(record.updated_at));
        }
    }
    return true;
}

class FastPass {
public:
    FastPass(const std::string& path, const std::string& file, const Content& content, std::int64_t now, RecordSink& sink)
        : path_(path), file_(file), content_(content), now_(now), sink_(sink) {}
    ~FastPass() {
        if (fd_ >= 0) ::close(fd_);
    }
    FastPass(const FastPass&) = delete;
    FastPass& operator=(const FastPass&) = delete;

    // Reads the whole bundle; false when it met something it leaves to the strict reading.
    // What the sink throws passes on.
    bool run() {
        try {
            open();
            read_all();
            return true;
        } catch (const NotFast&) {
            return false;
        }
    }
    // The records handed to the sink.
    std::size_t delivered() const { return delivered_; }

private:
    void open() {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw NotFast{};
        struct stat st {};
        // Only a regular file can be read again by the strict reading.
        if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > kMaxBundleBytes) throw NotFast{};
        buf_.resize(std::size_t{1} << 20);
    }

    // More text after what is left unread; false at the end of the file.
    bool fill() {
        if (eof_) return false;
        std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
        len_ -= pos_;
        pos_ = 0;
        if (len_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a record larger than the buffer
        for (;;) {
            const ssize_t n = ::read(fd_, buf_.data() + len_, buf_.size() - len_);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw NotFast{};
            total_ += static_cast<std::size_t>(n);
            if (total_ > kMaxBundleBytes) throw NotFast{};
            if (n == 0) {
                eof_ = true;
                return false;
            }
            len_ += static_cast<std::size_t>(n);
            return true;
        }
    }

    // Runs a reading function of core/flat_json at the current position, with more text as
    // long as it asks for it.
    template <typename F>
    void step(F&& f) {
        for (;;) {
            const char* p = buf_.data() + pos_;
            const flat::Result r = f(p, buf_.data() + len_);
            if (r == flat::Result::ok) {
                pos_ = static_cast<std::size_t>(p - buf_.data());
                return;
            }
            if (r == flat::Result::no || !fill()) throw NotFast{};
        }
    }
    // Skips white space and returns the next character.
    char peek() {
        for (;;) {
            const char* p = flat::skip_space(buf_.data() + pos_, buf_.data() + len_);
            pos_ = static_cast<std::size_t>(p - buf_.data());
            if (pos_ < len_) return buf_[pos_];
            if (!fill()) return '\0';
        }
    }
    void expect(char c) {
        if (peek() != c) throw NotFast{};
        ++pos_;
    }

    void read_all() {
        expect('{');
        if (peek() == '}') throw NotFast{};
        std::set<std::string> keys;
        for (;;) {
            if (peek() != '"') throw NotFast{};
            std::string key;
            step([&](const char*& p, const char* end) {
                std::string_view k;
                const auto r = flat::read_string(p, end, k, scratch_.decoded);
                key = std::string(k);
                return r;
            });
            if (!keys.insert(key).second) throw NotFast{};
            expect(':');
            peek();
            if (is_list(key)) list(key);
            else header_member(key);
            const char c = peek();
            ++pos_;
            if (c == '}') break;
            if (c != ',') throw NotFast{};
        }
        if (peek() != '\0') throw NotFast{};  // only white space after the bundle
        if (!reader_) throw NotFast{};       // no list: left to the strict reading
    }

    void header_member(const std::string& key) {
        static constexpr std::array<std::string_view, 4> kHeader{"format", "version", "exported_at", "anonymized"};
        if (reader_ || std::find(kHeader.begin(), kHeader.end(), key) == kHeader.end()) throw NotFast{};
        flat::Value v;
        step([&](const char*& p, const char* end) {
            const char* start = p;
            const auto r = flat::read_scalar(p, end, v, scratch_.decoded);
            if (r == flat::Result::ok) {
                try {
                    members_[key] = v.type == flat::Type::string ? json(std::string(v.text))
                                                                 : parse_json_text(std::string(start, p), file_);
                } catch (const JsonError&) {
                    return flat::Result::no;
                }
            }
            return r;
        });
    }

    void list(const std::string& key) {
        if (!reader_) {
            // The header is whole before the first list (as this program writes it): checked now.
            for (const char* k : {"format", "version", "exported_at", "anonymized"})
                if (!members_.contains(k)) throw NotFast{};
            members_[key] = json::array();
            try {
                const Header h = check_header(members_, file_, now_);
                reader_.emplace(content_, h.anonymized, h.exported_at + kClockTolerance);
            } catch (const JsonError&) {
                throw NotFast{};
            }
        }
        expect('[');
        if (peek() == ']') {
            ++pos_;
            return;
        }
        for (std::size_t index = 0;; ++index) {
            if (key == "teams") record<Team>(key, index);
            else if (key == "members") record<Member>(key, index);
            else if (key == "youths") record<Youth>(key, index);
            else if (key == "incidents") record<Incident>(key, index);
            else if (key == "measures") record<Measure>(key, index);
            else if (key == "meetings") record<Meeting>(key, index);
            else if (key == "actions") record<Action>(key, index);
            else record<ActionUpdate>(key, index);
            const char c = peek();
            ++pos_;
            if (c == ']') return;
            if (c != ',') throw NotFast{};
        }
    }

    template <typename T>
    void record(const std::string& list, std::size_t index) {
        if (peek() != '{') throw NotFast{};
        std::string_view text;
        step([&](const char*& p, const char* end) {
            const char* start = p;
            const auto r = flat::read_record(p, end, scratch_);
            text = std::string_view(start, static_cast<std::size_t>(p - start));
            return r;
        });
        T rec;
        const RecordPlace at{file_, list, index};
        try {
            if (scratch_.has_other || !fast_fields(scratch_, rec)) {
                // A shape of its own (a meeting's steps): the record alone read the strict way.
                rec = T{};
                const std::string path = at.path();
                const json value = parse_json_text(std::string(text), file_, path);
                Reader::read(JsonAt(value, file_, path), rec);
            }
            reader_->check(rec, at);
        } catch (const JsonError&) {
            throw NotFast{};
        }
        sink_.add(std::move(rec), index);
        ++delivered_;
    }

    const std::string& path_;
    const std::string& file_;
    const Content& content_;
    std::int64_t now_;
    RecordSink& sink_;
    int fd_ = -1;
    std::vector<char> buf_;
    std::size_t pos_ = 0, len_ = 0, total_ = 0;
    bool eof_ = false;
    json members_ = json::object();
    std::optional<Reader> reader_;
    flat::Record scratch_;
    std::size_t delivered_ = 0;
};

// Hands on what it is given except the first `skip` records.
class SkipFirst final : public RecordSink {
public:
    SkipFirst(RecordSink& sink, std::size_t skip) : sink_(sink), skip_(skip) {}
    void add(Team&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Member&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Youth&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Measure&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Incident&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Meeting&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(Action&& r, std::size_t i) override { pass(std::move(r), i); }
    void add(ActionUpdate&& r, std::size_t i) override { pass(std::move(r), i); }

private:
    template <typename T>
    void pass(T&& r, std::size_t i) {
        if (skip_ > 0) {
            --skip_;
            return;
        }
        sink_.add(std::move(r), i);
    }
    RecordSink& sink_;
    std::size_t skip_;
};

// --- writing ------------------------------------------------------------------------------

// 30.0 is written as 30, as in the brief's example; other values as they are.
ojson number(double v) {
    if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15) return ojson(static_cast<std::int64_t>(v));
    return ojson(v);
}

// A record's fields as its field table describes them, in its order; anonymized, free text
// is left empty. `children(name)` writes the child rows of a structure of their own.
template <typename T, typename Children = NoChildren>
ojson write_fields(const T& record, bool anonymize, Children children = {}) {
    ojson out = ojson::object();
    for (const auto& f : fields_of<T>()) {
        const std::string key(f.key());
        if (f.type == FieldType::child_rows) {
            out[key] = children(f.name);
            continue;
        }
        const FieldValue v = f.get(record);
        if (std::holds_alternative<std::monostate>(v)) {
            out[key] = nullptr;
        } else if (f.type == FieldType::id_list) {
            ojson ids = ojson::array();
            std::vector<std::string> sorted_ids;
            for (std::string_view rest = std::get<std::string>(v); !rest.empty();) {
                const std::size_t comma = std::min(rest.find(','), rest.size());
                sorted_ids.emplace_back(rest.substr(0, comma));
                rest.remove_prefix(std::min(comma + 1, rest.size()));
            }
            std::sort(sorted_ids.begin(), sorted_ids.end());
            for (auto& id : sorted_ids) ids.push_back(std::move(id));
            out[key] = std::move(ids);
        } else if (const auto* t = std::get_if<std::string>(&v)) {
            out[key] = f.type == FieldType::free_text && anonymize ? std::string() : *t;
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            out[key] = *n;
        } else if (const auto* d = std::get_if<double>(&v)) {
            out[key] = number(*d);
        } else {
            out[key] = std::get<bool>(v);
        }
    }
    return out;
}

template <typename T>
std::vector<T> by_id(std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return v;
}

template <typename K, typename V>
std::vector<std::pair<K, V>> by_key(std::vector<std::pair<K, V>> v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string pseudonym(const std::string& youth_id, int attempt) {
    const std::string input = attempt == 0 ? youth_id : youth_id + "#" + std::to_string(attempt);
    const std::uint64_t h = fnv1a(input);
    char buf[16];
    // Digits only, so that the pseudonym fits the default code pattern (at least one digit).
    std::snprintf(buf, sizeof buf, "Y-%06u", static_cast<unsigned>((h ^ (h >> 29)) % 1000000u));
    return buf;
}

}  // namespace

bool is_anonymous_code(std::string_view code) {
    if (code.size() != 8 || code.substr(0, 2) != "Y-") return false;
    return std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content) {
    return read_bundle(text, shown_name, content, now_unix());
}

Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content, std::int64_t now) {
    if (text.size() > kMaxBundleBytes) throw JsonError(shown_name, "", too_large_message(text.size(), kMaxBundleBytes, "a bundle"));
    HeaderPass header;
    stream_json_object(text, shown_name, "", header);
    const Header h = check_header(header.members, shown_name, now);
    DatasetSink sink;
    RecordPass records(sink, shown_name, true);
    records.start(content, h);
    stream_json_object(text, shown_name, "", records);
    return std::move(sink.data);
}

void stream_bundle_file(const std::string& path, const std::string& shown_name, const Content& content, std::int64_t now,
                        RecordSink& out, BundleReading reading) {
    std::size_t delivered = 0;
    if (reading == BundleReading::fast_first) {
        FastPass fast(path, shown_name, content, now, out);
        if (fast.run()) return;
        delivered = fast.delivered();
    }
    // The strict reading, from the start: the records the fast reading handed on are read and
    // checked again but not handed on twice.
    SkipFirst sink(out, delivered);
    StreamPass pass(sink, shown_name, content, now);
    stream_json_file(path, shown_name, "", kMaxBundleBytes, "a bundle", pass);
    // The whole top level is known now: check it again (a member after the lists), and read the
    // records in a second pass if a list came before the header was whole.
    const Header h = check_header(pass.members, shown_name, now);
    if (!pass.needs_records()) return;
    RecordPass records(sink, shown_name, false);
    records.start(content, h);
    stream_json_file(path, shown_name, "", kMaxBundleBytes, "a bundle", records);
}

namespace {

// The records between the reading thread and the sink's: batches of them, at most a few
// batches waiting, so that memory stays small whatever the bundle's size.
class RecordQueue final : public RecordSink {
public:
    using Any = std::variant<Team, Member, Youth, Measure, Incident, Meeting, Action, ActionUpdate>;
    struct Item {
        Any record;
        std::size_t index;
    };
    using Batch = std::vector<Item>;
    struct Stopped {};  // the sink's thread wants no more records

    // --- the reading thread ---
    void add(Team&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Member&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Youth&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Measure&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Incident&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Meeting&& r, std::size_t i) override { put(std::move(r), i); }
    void add(Action&& r, std::size_t i) override { put(std::move(r), i); }
    void add(ActionUpdate&& r, std::size_t i) override { put(std::move(r), i); }

    // The end of the reading, with its exception if it failed: the records read before it first.
    void close(std::exception_ptr error) {
        std::unique_lock lock(mutex_);
        if (!batch_.empty()) {
            can_put_.wait(lock, [&] { return full_.size() < kWaiting || stopped_; });
            if (!stopped_) full_.push_back(std::move(batch_));
        }
        closed_ = true;
        error_ = std::move(error);
        can_take_.notify_all();
    }

    // --- the sink's thread ---
    // The next batch; empty once the reading ended (then rethrows its problem, if any).
    Batch take() {
        std::unique_lock lock(mutex_);
        can_take_.wait(lock, [&] { return !full_.empty() || closed_; });
        if (full_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return {};
        }
        Batch b = std::move(full_.front());
        full_.pop_front();
        can_put_.notify_all();
        return b;
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        can_put_.notify_all();
    }

private:
    static constexpr std::size_t kBatch = 256, kWaiting = 8;

    template <typename T>
    void put(T&& r, std::size_t i) {
        batch_.push_back(Item{Any(std::in_place_type<T>, std::move(r)), i});
        if (batch_.size() >= kBatch) push();
    }
    void push() {
        std::unique_lock lock(mutex_);
        can_put_.wait(lock, [&] { return full_.size() < kWaiting || stopped_; });
        if (stopped_) throw Stopped{};
        full_.push_back(std::move(batch_));
        batch_ = Batch();
        batch_.reserve(kBatch);
        can_take_.notify_all();
    }

    Batch batch_;  // the reading thread's own
    std::mutex mutex_;
    std::condition_variable can_put_, can_take_;
    std::deque<Batch> full_;
    bool closed_ = false, stopped_ = false;
    std::exception_ptr error_;
};

}  // namespace

void stream_bundle_file_read_ahead(const std::string& path, const std::string& shown_name, const Content& content,
                                   std::int64_t now, RecordSink& sink) {
    RecordQueue queue;
    std::thread reader([&] {
        std::exception_ptr error;
        try {
            stream_bundle_file(path, shown_name, content, now, queue);
        } catch (const RecordQueue::Stopped&) {
            // the sink failed: its exception is the one thrown
        } catch (...) {
            error = std::current_exception();
        }
        queue.close(error);
    });
    try {
        for (;;) {
            RecordQueue::Batch batch = queue.take();
            if (batch.empty()) break;
            for (RecordQueue::Item& item : batch)
                std::visit([&](auto& r) { sink.add(std::move(r), item.index); }, item.record);
        }
    } catch (...) {
        queue.stop();
        reader.join();
        throw;
    }
    reader.join();
}

// Only the youth rule of validate_measure and validate_incident (everything else was checked
// when the record was read), without the rest of their checks: the import asks it for every
// measure and incident. A stamp that cannot be read was refused when the record was read.
bool measure_youth_in_care(const Measure& m, const Youth& youth) {
    const auto start = parse_timestamp(m.started_at);
    return !start || in_care_on(youth, local_date(*start));
}

bool incident_youths_in_care(const Incident& i, const std::vector<const Youth*>& youths) {
    const auto at = parse_timestamp(i.occurred_at);
    if (!at) return true;
    const Date day = local_date(*at);
    for (const Youth* y : youths)
        if (y && !in_care_on(*y, day)) return false;
    return true;
}

void check_measure_youth(const Measure& m, const Youth& youth, const std::string& record_path) {
    if (!measure_youth_in_care(m, youth))
        throw JsonError("", record_path + ".youth_id", english_problem("error.measure.youth_not_in_care"));
}

void check_incident_youths(const Incident& i, const std::vector<const Youth*>& youths, const std::string& record_path) {
    if (!incident_youths_in_care(i, youths))
        throw JsonError("", record_path + ".youth_ids", english_problem("error.measure.youth_not_in_care"));
}

std::vector<std::string> anonymous_codes(const std::vector<Youth>& youths) {
    std::vector<std::size_t> order(youths.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(youths[a].team_id, youths[a].id) < std::tie(youths[b].team_id, youths[b].id);
    });
    std::vector<std::string> codes(youths.size());
    std::map<std::string, std::set<std::string>> taken;  // team id -> codes given out
    for (std::size_t i : order) {
        auto& used = taken[youths[i].team_id];
        for (int attempt = 0;; ++attempt) {
            std::string code = pseudonym(youths[i].id, attempt);
            if (used.insert(code).second) {
                codes[i] = std::move(code);
                break;
            }
        }
    }
    return codes;
}

std::string_view to_string(Anonymize level) {
    switch (level) {
        case Anonymize::none: return "none";
        case Anonymize::pseudonyms: return "pseudonyms";
        case Anonymize::external: return "external";
    }
    return "?";
}

std::optional<Anonymize> anonymize_from_string(std::string_view s) {
    for (Anonymize a : {Anonymize::none, Anonymize::pseudonyms, Anonymize::external})
        if (to_string(a) == s) return a;
    return std::nullopt;
}

Dataset detach_identities(const Dataset& in) {
    Dataset d = in;
    std::unordered_map<std::string, std::string> new_id;
    const auto id = [&](std::string& v) {
        auto [it, fresh] = new_id.try_emplace(v);
        if (fresh) it->second = new_uuid();
        v = it->second;
    };
    const auto opt_id = [&](std::optional<std::string>& v) {
        if (v) id(*v);
    };
    // Member pseudonyms per team, numbered in the order of the members' new ids (random), so the
    // number says nothing about the member either. Staff names in measures map through them.
    std::map<std::pair<std::string, std::string>, std::string> pseudonym_of;  // (team id, name) -> pseudonym
    {
        for (Member& m : d.members) id(m.id);
        std::vector<Member*> order;
        for (Member& m : d.members) order.push_back(&m);
        std::sort(order.begin(), order.end(), [](const Member* a, const Member* b) { return a->id < b->id; });
        std::map<std::string, int> count;
        for (Member* m : order) {
            const std::string name = "Medewerker " + std::to_string(++count[m->team_id]);
            pseudonym_of.emplace(std::pair(m->team_id, m->name), name);
            m->name = name;
        }
    }
    const auto staff = [&](const std::string& team_id, const std::string& name) {
        auto it = pseudonym_of.find({team_id, name});
        return it == pseudonym_of.end() ? std::string() : it->second;
    };
    for (Measure& m : d.measures) {
        m.decided_by = staff(m.team_id, m.decided_by);
        if (m.consent_by) m.consent_by = staff(m.team_id, *m.consent_by);
    }
    for (Action& a : d.actions) a.title = "[anonymized]";
    // Now every id and reference (team ids last: the staff lookup above used the old ones).
    for (Member& m : d.members) id(m.team_id);
    for (Team& t : d.teams) id(t.id);
    for (Youth& y : d.youths) id(y.id), id(y.team_id);
    for (Measure& m : d.measures) id(m.id), id(m.team_id), id(m.youth_id), opt_id(m.incident_id);
    for (Incident& i : d.incidents) {
        id(i.id), id(i.team_id);
        for (std::string& y : i.youth_ids) id(y);
    }
    for (Meeting& m : d.meetings) {
        id(m.id), id(m.team_id), opt_id(m.facilitator_id);
        for (std::string& a : m.attendee_ids) id(a);
        for (std::string& i : m.discussed_incident_ids) id(i);
    }
    for (Action& a : d.actions) id(a.id), id(a.team_id), opt_id(a.meeting_id), opt_id(a.owner_id), opt_id(a.incident_id);
    for (ActionUpdate& u : d.action_updates) id(u.id), id(u.action_id), opt_id(u.meeting_id);
    return d;
}

// --- BundleWriter -------------------------------------------------------------------------

namespace {

// The text of a value as nlohmann::json indents it in a whole tree. The program never stores
// text that is not UTF-8; should a damaged database hold some, the export carries U+FFFD
// instead of failing half-way.
std::string text_of(const ojson& j) { return j.dump(2, ' ', false, ojson::error_handler_t::replace); }

// A meeting's child rows as the bundle writes them; anonymized, their free text is left empty.
ojson meeting_json(const Meeting& m, bool anonymize) {
    const auto free_text = [&](const std::string& s) { return anonymize ? std::string() : s; };
    return write_fields(m, anonymize, [&](std::string_view list) {
        ojson rows = ojson::array();
        if (list == "steps") {
            for (const MeetingStep& s : m.steps)  // in the order of the meeting, not sorted
                rows.push_back({{"kind", to_string(s.kind)}, {"notes", free_text(s.notes)}, {"seconds_used", s.seconds_used}});
        } else if (list == "answers") {
            for (const auto& [q, t] : by_key(m.answers)) rows.push_back({{"question_id", q}, {"text", free_text(t)}});
        } else if (list == "ratings") {
            for (const auto& [r, rating] : by_key(m.ratings)) rows.push_back({{"recommendation_id", r}, {"rating", to_string(rating)}});
        } else {
            NoChildren::fail(list);
        }
        return rows;
    });
}

constexpr std::size_t kWriteChunk = std::size_t{1} << 20;

// A string as nlohmann::json dumps it (ensure_ascii off, invalid UTF-8 replaced): plain ASCII
// that needs no escape is written as it is, anything else through nlohmann::json itself.
void append_string(std::string& out, std::string_view s) {
    const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
    });
    if (plain) {
        out += '"';
        out += s;
        out += '"';
    } else {
        out += text_of(ojson(std::string(s)));
    }
}

// A record's fields as text, exactly as text_of(write_fields(record, anonymize)) writes them
// (a test holds the two together), without making the tree: the export's time went into it.
// `indent` is prepended to every line after the first; `code` replaces a youth's code.
template <typename T>
void append_record(std::string& out, const T& record, bool anonymize, std::string_view indent, const std::string* code = nullptr) {
    out += '{';
    bool first = true;
    for (const auto& f : fields_of<T>()) {
        out += first ? "\n" : ",\n";
        first = false;
        out += indent;
        out += "  ";
        append_string(out, f.key());
        out += ": ";
        if (code && f.name == "code") {
            append_string(out, *code);
            continue;
        }
        const FieldValue v = f.get(record);
        if (std::holds_alternative<std::monostate>(v)) {
            out += "null";
        } else if (f.type == FieldType::id_list) {
            std::vector<std::string_view> ids;
            for (std::string_view rest = std::get<std::string>(v); !rest.empty();) {
                const std::size_t comma = std::min(rest.find(','), rest.size());
                ids.push_back(rest.substr(0, comma));
                rest.remove_prefix(std::min(comma + 1, rest.size()));
            }
            std::sort(ids.begin(), ids.end());
            if (ids.empty()) {
                out += "[]";
                continue;
            }
            out += '[';
            for (std::size_t k = 0; k < ids.size(); ++k) {
                out += k ? ",\n" : "\n";
                out += indent;
                out += "    ";
                append_string(out, ids[k]);
            }
            out += "\n";
            out += indent;
            out += "  ]";
        } else if (const auto* t = std::get_if<std::string>(&v)) {
            append_string(out, f.type == FieldType::free_text && anonymize ? std::string_view() : std::string_view(*t));
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            out += std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            out += text_of(number(*d));
        } else {
            out += std::get<bool>(v) ? "true" : "false";
        }
    }
    out += first ? "}" : "\n" + std::string(indent) + "}";
}

}  // namespace

BundleWriter::BundleWriter(Output out, Anonymize level, std::int64_t exported_at, std::unordered_map<std::string, std::string> codes)
    : out_(std::move(out)), anonymize_(level != Anonymize::none), codes_(std::move(codes)) {
    if (level == Anonymize::external) throw std::logic_error("BundleWriter: an external export is written by write_bundle");
    text_ = "{\n";
    text_ += "  \"format\": " + text_of(kBundleFormat) + ",\n";
    text_ += "  \"version\": " + text_of(kBundleVersion) + ",\n";
    text_ += "  \"exported_at\": " + text_of(format_timestamp(exported_at)) + ",\n";
    text_ += "  \"anonymized\": " + text_of(anonymize_);
}

BundleWriter::~BundleWriter() = default;

// Opens list `list` (closing the ones before it, empty if nothing came for them).
void BundleWriter::reach(std::size_t list) {
    if (finished_ || (list_ != kNoList && list < list_))
        throw std::logic_error("BundleWriter: records out of the bundle's order");
    while (list_ == kNoList || list_ < list) {
        close_list();
        list_ = list_ == kNoList ? 0 : list_ + 1;
        text_ += ",\n  " + text_of(std::string(kLists[list_])) + ": [";
        first_ = true;
        closed_ = false;
    }
}

void BundleWriter::close_list() {
    if (list_ == kNoList || closed_) return;
    text_ += first_ ? "]" : "\n  ]";
    closed_ = true;
}

// One record, indented two levels deeper than on its own.
void BundleWriter::record(std::size_t list, const ojson& j) {
    reach(list);
    memory::throw_if_short();
    const std::string record = text_of(j);
    text_ += first_ ? "\n    " : ",\n    ";
    first_ = false;
    for (const char c : record) {
        text_ += c;
        if (c == '\n') text_ += "    ";  // (a newline inside a string is written as \n)
    }
    ++records_;
    if (text_.size() >= kWriteChunk) flush();
}

template <typename T>
void BundleWriter::text_record(std::size_t list, const T& r, const std::string* code) {
    reach(list);
    memory::throw_if_short();
    text_ += first_ ? "\n    " : ",\n    ";
    first_ = false;
    append_record(text_, r, anonymize_, "    ", code);
    ++records_;
    if (text_.size() >= kWriteChunk) flush();
}

void BundleWriter::flush() {
    if (text_.empty()) return;
    out_(text_);
    text_.clear();
}

void BundleWriter::add(Team&& r, std::size_t) { text_record(0, r); }
void BundleWriter::add(Member&& r, std::size_t) { text_record(1, r); }
void BundleWriter::add(Youth&& r, std::size_t) {
    const std::string* code = nullptr;
    if (anonymize_) {
        const auto it = codes_.find(r.id);
        if (it == codes_.end()) throw std::logic_error("BundleWriter: no pseudonym for youth " + r.id);
        code = &it->second;
    }
    text_record(2, r, code);
}
void BundleWriter::add(Incident&& r, std::size_t) { text_record(3, r); }
void BundleWriter::add(Measure&& r, std::size_t) { text_record(4, r); }
void BundleWriter::add(Meeting&& r, std::size_t) { record(5, meeting_json(r, anonymize_)); }
void BundleWriter::add(Action&& r, std::size_t) { text_record(6, r); }
void BundleWriter::add(ActionUpdate&& r, std::size_t) { text_record(7, r); }

void BundleWriter::finish() {
    if (finished_) return;
    reach(kLists.size() - 1);
    close_list();
    text_ += "\n}\n";
    memory::throw_if_short();
    finished_ = true;
    flush();
}

std::unordered_map<std::string, std::string> anonymous_code_map(const std::vector<Youth>& youths) {
    const std::vector<std::string> codes = anonymous_codes(youths);
    std::unordered_map<std::string, std::string> out;
    out.reserve(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) out.emplace(youths[i].id, codes[i]);
    return out;
}

std::string write_bundle(const Dataset& source, Anonymize level, std::int64_t exported_at) {
    const Dataset detached = level == Anonymize::external ? detach_identities(source) : Dataset{};
    const Dataset& data = level == Anonymize::external ? detached : source;
    std::string out;
    BundleWriter w([&](std::string_view piece) { out += piece; }, level == Anonymize::none ? Anonymize::none : Anonymize::pseudonyms,
                   exported_at, level == Anonymize::none ? std::unordered_map<std::string, std::string>{} : anonymous_code_map(data.youths));
    const auto each = [&](const auto& records) {
        auto sorted = by_id(records);
        for (std::size_t i = 0; i < sorted.size(); ++i) w.add(std::move(sorted[i]), i);
    };
    each(data.teams);
    each(data.members);
    each(data.youths);
    each(data.incidents);
    each(data.measures);
    each(data.meetings);
    each(data.actions);
    each(data.action_updates);
    w.finish();
    return out;
}

}  // namespace ts
