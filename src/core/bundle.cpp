#include "core/bundle.hpp"

#include "core/fields.hpp"
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
    const auto t = parse_timestamp(s);
    if (!t || format_timestamp(*t) != s) j.fail(english_problem("error.timestamp_invalid"));
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

// The validation of core/rules gives field names and message keys; the first one not skipped
// becomes the error, worded as on the command line, with the detail ("U+200B") if any.
struct Skip {
    std::string_view field, key;  // empty field: any field
};

void report_rules(const JsonAt& record, const std::vector<FieldProblem>& problems, std::initializer_list<Skip> skip = {}) {
    for (const FieldProblem& p : problems) {
        const bool skipped = std::any_of(skip.begin(), skip.end(), [&](const Skip& s) {
            return s.key == p.message_key && (s.field.empty() || s.field == p.field);
        });
        if (skipped) continue;
        std::string problem = english_problem(p.message_key);
        if (!p.detail.empty()) problem += " (" + p.detail + ")";
        throw JsonError(record.file(), record.path() + "." + p.field, problem);
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

class Reader {
public:
    // `now`: nothing in the bundle may lie after it (its exported_at plus kClockTolerance).
    Reader(const Content& content, bool anonymized, std::int64_t now) : content_(content), anonymized_(anonymized), now_(now) {}

    Team team(const JsonAt& r) {
        Team t;
        read_fields(r, t);
        report_rules(r, validate_team(t, teams_, now_));
        teams_.push_back(t);
        return t;
    }

    Member member(const JsonAt& r) {
        Member m;
        read_fields(r, m);
        report_rules(r, validate_member(m, now_));
        return m;
    }

    Youth youth(const JsonAt& r) {
        Youth y;
        read_fields(r, y);
        // Codes are unique within a team; compare with the team's youths read so far. An
        // anonymized bundle holds the export's pseudonyms instead of codes of the pattern.
        auto& same_team = youths_by_team_[y.team_id];
        const Skip pattern{"code", anonymized_ ? "error.youth.code_pattern" : ""};
        report_rules(r, validate_youth(y, same_team, content_.youth_codes, now_), {pattern});
        if (anonymized_ && !is_anonymous_code(y.code)) r["code"].fail("not a pseudonym of an anonymized export (Y- and six digits)");
        same_team.push_back(y);
        return y;
    }

    Measure measure(const JsonAt& r) {
        Measure m;
        read_fields(r, m);
        // An anonymized bundle has its reasons removed on purpose, also where one is required.
        const Skip reason{"reason", anonymized_ ? "error.measure.reason_required" : ""};
        report_rules(r, validate_measure(m, content_, nullptr, now_), {kSkipYouthUnknown, kSkipYouthNotInCare, reason});
        return m;
    }

    Incident incident(const JsonAt& r) {
        Incident i;
        read_fields(r, i);
        const Skip description{"description", anonymized_ ? "error.required" : ""};
        report_rules(r, validate_incident(i, content_, {}, now_), {description});
        return i;
    }

    Meeting meeting(const JsonAt& r) {
        Meeting m;
        read_fields(r, m, [&](std::string_view list, const JsonAt& items) { meeting_children(m, list, items); });
        report_rules(r, validate_meeting(m, content_, now_));
        return m;
    }

    Action action(const JsonAt& r) {
        Action a;
        read_fields(r, a);
        report_rules(r, validate_action(a, content_, now_));
        return a;
    }

    ActionUpdate action_update(const JsonAt& r) {
        ActionUpdate u;
        read_fields(r, u);
        report_rules(r, validate_action_update(u, now_));
        return u;
    }

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
        Reader& reader = *reader_;
        if (list == "teams") add(list, index, r, reader.team(r));
        else if (list == "members") add(list, index, r, reader.member(r));
        else if (list == "youths") add(list, index, r, reader.youth(r));
        else if (list == "measures") add(list, index, r, reader.measure(r));
        else if (list == "incidents") add(list, index, r, reader.incident(r));
        else if (list == "meetings") add(list, index, r, reader.meeting(r));
        else if (list == "actions") add(list, index, r, reader.action(r));
        else if (list == "action_updates") add(list, index, r, reader.action_update(r));
    }

    // Starts reading records with what the header says.
    void start(const Content& content, const Header& h) { reader_.emplace(content, h.anonymized, h.exported_at + kClockTolerance); }

private:
    template <typename T>
    void add(const std::string& list, std::size_t index, const JsonAt& r, T&& record) {
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
                        RecordSink& sink) {
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

// Only what needs the youth: everything else was checked when the record was read.
void report_youth_problems(const std::string& record, const std::vector<FieldProblem>& problems) {
    for (const FieldProblem& p : problems)
        if (p.message_key == "error.measure.youth_not_in_care") throw JsonError("", record + "." + p.field, english_problem(p.message_key));
}

const Content& no_content() {
    static const Content none;  // type and category were checked when read
    return none;
}
constexpr std::int64_t kNoClock = std::numeric_limits<std::int64_t>::max();

}  // namespace

void check_measure_youth(const Measure& m, const Youth& youth, const std::string& record_path) {
    report_youth_problems(record_path, validate_measure(m, no_content(), &youth, kNoClock));
}

void check_incident_youths(const Incident& i, const std::vector<const Youth*>& youths, const std::string& record_path) {
    report_youth_problems(record_path, validate_incident(i, no_content(), youths, kNoClock));
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
