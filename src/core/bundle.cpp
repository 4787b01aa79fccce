#include "core/bundle.hpp"

#include "core/json_check.hpp"
#include "core/rules.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace ts {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// U+FFFF in UTF-8: what mark_invalid_utf8 puts where the file had bytes that are not UTF-8.
constexpr std::string_view kInvalidMark = "\xEF\xBF\xBF";

constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string too_long(std::size_t max) {
    return english_problem("error.text_too_long") + " (at most " + std::to_string(max) + " bytes)";
}

// --- field readers: each names the field in its error ------------------------------------

// Any string; fails on text that was not UTF-8 in the file and on text over `max` bytes.
std::string text_of(const JsonAt& j, std::size_t max) {
    std::string s = j.str_or_empty();
    if (s.find(kInvalidMark) != std::string::npos) j.fail("invalid UTF-8");
    if (s.size() > max) j.fail(too_long(max));
    return s;
}

std::string text(const JsonAt& r, const char* key, std::size_t max) { return text_of(r[key], max); }

// A string that must hold more than white space.
std::string required_text(const JsonAt& r, const char* key, std::size_t max) {
    const JsonAt j = r[key];
    std::string s = text_of(j, max);
    if (blank(s)) j.fail(english_problem("error.required"));
    return s;
}

std::optional<std::string> opt_text(const JsonAt& r, const char* key, std::size_t max) {
    const JsonAt j = r[key];
    if (j.value().is_null()) return std::nullopt;
    return text_of(j, max);
}

std::string uuid_of(const JsonAt& j) {
    std::string s = text_of(j, kNoLimit);
    if (!is_uuid(s)) j.fail("not a UUID (expected the form 0f8fad5b-d9cb-469f-a165-70867728950e)");
    return s;
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
    std::string s = text_of(j, kNoLimit);
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
    std::string s = text_of(j, kNoLimit);
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
    const std::string s = text_of(j, kNoLimit);
    if (auto v = parse(s)) return *v;
    std::string names;
    for (int i = 0; i < 32; ++i) {
        const std::string_view n = to_string(static_cast<E>(i));
        if (n == "?") break;
        names += (names.empty() ? "" : ", ") + std::string(n);
    }
    j.fail("\"" + s + "\" is not one of " + names);
}

// created_at is our addition to the brief's example; a bundle without it takes updated_at.
void stamps(const JsonAt& r, std::string& created_at, std::string& updated_at) {
    updated_at = stamp(r, "updated_at");
    created_at = r.has("created_at") ? stamp(r, "created_at") : updated_at;
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

// The register's rules (core/rules) give field names and message keys; the first one not
// skipped becomes the error, worded as on the command line.
struct Skip {
    std::string_view field, key;  // empty field: any field
};

void report_rules(const JsonAt& record, const std::vector<FieldProblem>& problems, std::initializer_list<Skip> skip) {
    for (const FieldProblem& p : problems) {
        const bool skipped = std::any_of(skip.begin(), skip.end(), [&](const Skip& s) {
            return s.key == p.message_key && (s.field.empty() || s.field == p.field);
        });
        if (!skipped) throw JsonError(record.file(), record.path() + "." + p.field, english_problem(p.message_key));
    }
}

// Problems that need another record or the clock are not the bundle's to judge: references are
// checked by the store, and "in the future" is clock skew between machines.
constexpr Skip kSkipYouthUnknown{"", "error.measure.youth_unknown"};
constexpr Skip kSkipYouthNotInCare{"", "error.measure.youth_not_in_care"};
constexpr Skip kSkipInFuture{"", "error.in_future"};
constexpr std::int64_t kNoClock = std::numeric_limits<std::int64_t>::max();

class Reader {
public:
    Reader(const Content& content, bool anonymized) : content_(content), anonymized_(anonymized) {}

    Team team(const JsonAt& r) {
        r.only_keys({"id", "name", "location", "capacity", "reduction_goal_pct", "active", "created_at", "updated_at"});
        Team t;
        t.id = uuid(r, "id");
        t.name = text(r, "name", kNoLimit);
        t.location = text(r, "location", kNoLimit);
        t.capacity = whole(r["capacity"]);
        t.reduction_goal_pct = r["reduction_goal_pct"].number(std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
        t.active = r["active"].boolean();
        stamps(r, t.created_at, t.updated_at);
        report_rules(r, validate_team(t, teams_), {});
        teams_.push_back(t);
        return t;
    }

    Member member(const JsonAt& r) {
        r.only_keys({"id", "team_id", "name", "role", "active", "created_at", "updated_at"});
        Member m;
        m.id = uuid(r, "id");
        m.team_id = uuid(r, "team_id");
        m.name = text(r, "name", kNoLimit);
        m.role = enum_of(r["role"], role_from_string);
        m.active = r.has("active") ? r["active"].boolean() : true;
        stamps(r, m.created_at, m.updated_at);
        report_rules(r, validate_member(m), {});
        return m;
    }

    Youth youth(const JsonAt& r) {
        r.only_keys({"id", "team_id", "code", "age_at_admission", "admitted_on", "discharged_on", "setting", "created_at",
                     "updated_at"});
        Youth y;
        y.id = uuid(r, "id");
        y.team_id = uuid(r, "team_id");
        y.code = text(r, "code", kNoLimit);
        if (const JsonAt age = r["age_at_admission"]; !age.value().is_null()) y.age_at_admission = whole(age);
        y.admitted_on = date(r, "admitted_on");
        y.discharged_on = opt_date(r, "discharged_on");
        y.setting = enum_of(r["setting"], care_setting_from_string);
        stamps(r, y.created_at, y.updated_at);
        // Codes are unique within a team; compare with the team's youths read so far.
        auto& same_team = youths_by_team_[y.team_id];
        report_rules(r, validate_youth(y, same_team), {});
        same_team.push_back(y);
        return y;
    }

    Measure measure(const JsonAt& r) {
        r.only_keys({"id", "team_id", "youth_id", "type", "started_at", "ended_at", "reason", "incident_id", "emergency",
                     "in_care_plan", "consent_by", "consent_at", "decided_by", "parents_informed_at", "debrief_at", "notes",
                     "created_at", "updated_at"});
        Measure m;
        m.id = uuid(r, "id");
        m.team_id = uuid(r, "team_id");
        m.youth_id = uuid(r, "youth_id");
        m.type = text(r, "type", kNoLimit);
        m.started_at = stamp(r, "started_at");
        m.ended_at = opt_stamp(r, "ended_at");
        m.reason = text(r, "reason", kMaxFreeText);
        m.incident_id = opt_uuid(r, "incident_id");
        m.emergency = r["emergency"].boolean();
        m.in_care_plan = r["in_care_plan"].boolean();
        m.consent_by = opt_text(r, "consent_by", kMaxNameLength);
        m.consent_at = opt_stamp(r, "consent_at");
        m.decided_by = text(r, "decided_by", kMaxNameLength);
        m.parents_informed_at = opt_stamp(r, "parents_informed_at");
        m.debrief_at = opt_stamp(r, "debrief_at");
        m.notes = text(r, "notes", kMaxFreeText);
        stamps(r, m.created_at, m.updated_at);
        // An anonymized bundle has its reasons removed on purpose, also where one is required.
        const Skip reason{"reason", anonymized_ ? "error.measure.reason_required" : ""};
        report_rules(r, validate_measure(m, content_, nullptr, kNoClock),
                     {kSkipYouthUnknown, kSkipYouthNotInCare, kSkipInFuture, reason});
        return m;
    }

    Incident incident(const JsonAt& r) {
        r.only_keys({"id", "team_id", "occurred_at", "category", "severity", "youth_ids", "description", "response",
                     "reportable", "follow_up", "created_at", "updated_at"});
        Incident i;
        i.id = uuid(r, "id");
        i.team_id = uuid(r, "team_id");
        i.occurred_at = stamp(r, "occurred_at");
        i.category = text(r, "category", kNoLimit);
        i.severity = whole(r["severity"]);
        i.youth_ids = id_list(r["youth_ids"], "youth");
        i.description = text(r, "description", kMaxFreeText);
        i.response = text(r, "response", kMaxFreeText);
        i.reportable = r["reportable"].boolean();
        i.follow_up = text(r, "follow_up", kMaxFreeText);
        stamps(r, i.created_at, i.updated_at);
        const Skip description{"description", anonymized_ ? "error.required" : ""};
        report_rules(r, validate_incident(i, content_, {}, kNoClock), {kSkipInFuture, description});
        return i;
    }

    Meeting meeting(const JsonAt& r) {
        r.only_keys({"id", "team_id", "template", "held_on", "facilitator", "attendee_ids", "state", "current_step",
                     "next_meeting_on", "steps", "answers", "ratings", "created_at", "updated_at"});
        Meeting m;
        m.id = uuid(r, "id");
        m.team_id = uuid(r, "team_id");
        const JsonAt tmpl = r["template"];
        m.template_id = text_of(tmpl, kNoLimit);
        if (!content_.meeting_template(m.template_id)) tmpl.fail("unknown meeting template");
        m.held_on = date(r, "held_on");
        m.facilitator_id = opt_uuid(r, "facilitator");
        m.attendee_ids = id_list(r["attendee_ids"], "attendee");
        m.state = enum_of(r["state"], meeting_state_from_string);
        for (const JsonAt& s : r["steps"].items()) {
            s.only_keys({"kind", "notes", "seconds_used"});
            MeetingStep step;
            step.kind = enum_of(s["kind"], step_kind_from_string);
            step.notes = text(s, "notes", kMaxFreeText);
            step.seconds_used = whole(s["seconds_used"], 0);
            m.steps.push_back(std::move(step));
        }
        // current_step and next_meeting_on are our additions to the brief's example.
        if (r.has("current_step"))
            m.current_step = whole(r["current_step"], 0, static_cast<long long>(m.steps.size()));
        if (r.has("next_meeting_on")) m.next_meeting_on = opt_date(r, "next_meeting_on");
        std::set<std::string> questions, recommendations;
        for (const JsonAt& a : r["answers"].items()) {
            a.only_keys({"question_id", "text"});
            const JsonAt q = a["question_id"];
            std::string id = text_of(q, kNoLimit);
            if (!content_.guideline.has_ref(id)) q.fail("unknown guideline question");
            if (!questions.insert(id).second) q.fail("duplicate question");
            m.answers.emplace_back(std::move(id), text(a, "text", kMaxFreeText));
        }
        for (const JsonAt& g : r["ratings"].items()) {
            g.only_keys({"recommendation_id", "rating"});
            const JsonAt rec = g["recommendation_id"];
            std::string id = text_of(rec, kNoLimit);
            if (!content_.guideline.has_ref(id)) rec.fail("unknown guideline recommendation");
            if (!recommendations.insert(id).second) rec.fail("duplicate recommendation");
            m.ratings.emplace_back(std::move(id), enum_of(g["rating"], rating_from_string));
        }
        stamps(r, m.created_at, m.updated_at);
        return m;
    }

    Action action(const JsonAt& r) {
        r.only_keys({"id", "team_id", "meeting_id", "title", "description", "owner_id", "due_on", "status", "guideline_ref",
                     "incident_id", "completed_at", "created_at", "updated_at"});
        Action a;
        a.id = uuid(r, "id");
        a.team_id = uuid(r, "team_id");
        a.meeting_id = opt_uuid(r, "meeting_id");
        a.title = required_text(r, "title", kMaxFreeText);
        a.description = text(r, "description", kMaxFreeText);
        a.owner_id = opt_uuid(r, "owner_id");
        a.due_on = opt_date(r, "due_on");
        a.status = enum_of(r["status"], action_status_from_string);
        a.guideline_ref = opt_text(r, "guideline_ref", kNoLimit);
        if (a.guideline_ref && !content_.guideline.has_ref(*a.guideline_ref)) r["guideline_ref"].fail("unknown guideline reference");
        a.incident_id = opt_uuid(r, "incident_id");
        a.completed_at = opt_stamp(r, "completed_at");
        stamps(r, a.created_at, a.updated_at);
        return a;
    }

    ActionUpdate action_update(const JsonAt& r) {
        r.only_keys({"id", "action_id", "meeting_id", "status", "note", "created_at", "updated_at"});
        ActionUpdate u;
        u.id = uuid(r, "id");
        u.action_id = uuid(r, "action_id");
        u.meeting_id = opt_uuid(r, "meeting_id");
        u.status = enum_of(r["status"], action_status_from_string);
        u.note = text(r, "note", kMaxFreeText);
        u.created_at = stamp(r, "created_at");  // in the brief's example, so required here
        u.updated_at = stamp(r, "updated_at");
        return u;
    }

private:
    const Content& content_;
    bool anonymized_;
    std::vector<Team> teams_;
    std::unordered_map<std::string, std::vector<Youth>> youths_by_team_;
};

// Reads one list of the bundle (missing = empty), refusing a second record with the same id.
template <typename T, typename Read>
std::vector<T> read_list(const JsonAt& root, const char* name, Read read) {
    std::vector<T> out;
    if (!root.has(name)) return out;
    std::unordered_map<std::string, std::size_t> first_at;
    const auto items = root[name].items();
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const JsonAt& r = items[i];
        r.require_object();
        T record = read(r);
        if (auto [it, fresh] = first_at.emplace(record.id, i); !fresh)
            r["id"].fail("duplicate id (also " + std::string(name) + "[" + std::to_string(it->second) + "])");
        out.push_back(std::move(record));
    }
    return out;
}

// --- writing ------------------------------------------------------------------------------

ojson opt(const std::optional<std::string>& v) { return v ? ojson(*v) : ojson(nullptr); }

// 30.0 is written as 30, as in the brief's example; other values as they are.
ojson number(double v) {
    if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15) return ojson(static_cast<std::int64_t>(v));
    return ojson(v);
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

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
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
    std::snprintf(buf, sizeof buf, "Y-%06x", static_cast<unsigned>((h ^ (h >> 24) ^ (h >> 48)) & 0xFFFFFFu));
    return buf;
}

}  // namespace

std::string mark_invalid_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    const auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        if (k >= in.size()) return false;
        const auto c = static_cast<unsigned char>(in[k]);
        return c >= lo && c <= hi;
    };
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        std::size_t len = 0;  // length of a well-formed sequence starting here (RFC 3629), 0 if none
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = cont(i + 1) ? 2 : 0;
        else if (c == 0xE0) len = cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
        else if (c == 0xED) len = cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;  // no surrogates
        else if (c == 0xF0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        else if (c >= 0xF1 && c <= 0xF3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        else if (c == 0xF4) len = cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        if (len == 0) {
            out += kInvalidMark;
            ++i;
        } else {
            out.append(in.substr(i, len));
            i += len;
        }
    }
    return out;
}

Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content) {
    const json doc = parse_json_text(mark_invalid_utf8(text), shown_name, "");
    const JsonAt root(doc, shown_name, "");
    root.require_object();
    // The format first, so that some other JSON file is called that rather than a broken bundle.
    const JsonAt format = root["format"];
    if (text_of(format, kNoLimit) != kBundleFormat)
        format.fail("expected \"" + std::string(kBundleFormat) + "\" (this is not a Teamspiegel bundle)");
    const JsonAt version = root["version"];
    if (version.integer(LLONG_MIN, LLONG_MAX) != kBundleVersion)
        version.fail("version " + version.value().dump() + " is not supported (this program reads version " +
                     std::to_string(kBundleVersion) + ")");
    root.only_keys({"format", "version", "exported_at", "anonymized", "teams", "members", "youths", "measures", "incidents",
                    "meetings", "actions", "action_updates"});
    stamp(root, "exported_at");
    const bool anonymized = root.has("anonymized") && root["anonymized"].boolean();

    Reader reader(content, anonymized);
    Dataset d;
    d.teams = read_list<Team>(root, "teams", [&](const JsonAt& r) { return reader.team(r); });
    d.members = read_list<Member>(root, "members", [&](const JsonAt& r) { return reader.member(r); });
    d.youths = read_list<Youth>(root, "youths", [&](const JsonAt& r) { return reader.youth(r); });
    d.measures = read_list<Measure>(root, "measures", [&](const JsonAt& r) { return reader.measure(r); });
    d.incidents = read_list<Incident>(root, "incidents", [&](const JsonAt& r) { return reader.incident(r); });
    d.meetings = read_list<Meeting>(root, "meetings", [&](const JsonAt& r) { return reader.meeting(r); });
    d.actions = read_list<Action>(root, "actions", [&](const JsonAt& r) { return reader.action(r); });
    d.action_updates = read_list<ActionUpdate>(root, "action_updates", [&](const JsonAt& r) { return reader.action_update(r); });
    return d;
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

std::string write_bundle(const Dataset& data, bool anonymize, std::int64_t exported_at) {
    // Anonymized free text becomes empty: nothing of it is left to leak.
    const auto free_text = [&](const std::string& s) { return anonymize ? std::string() : s; };

    ojson root;
    root["format"] = kBundleFormat;
    root["version"] = kBundleVersion;
    root["exported_at"] = format_timestamp(exported_at);
    root["anonymized"] = anonymize;

    ojson teams = ojson::array();
    for (const Team& t : by_id(data.teams)) {
        teams.push_back({{"id", t.id},
                         {"name", t.name},
                         {"location", t.location},
                         {"capacity", t.capacity},
                         {"reduction_goal_pct", number(t.reduction_goal_pct)},
                         {"active", t.active},
                         {"created_at", t.created_at},
                         {"updated_at", t.updated_at}});
    }
    root["teams"] = std::move(teams);

    ojson members = ojson::array();
    for (const Member& m : by_id(data.members)) {
        members.push_back({{"id", m.id},
                           {"team_id", m.team_id},
                           {"name", m.name},
                           {"role", to_string(m.role)},
                           {"active", m.active},
                           {"created_at", m.created_at},
                           {"updated_at", m.updated_at}});
    }
    root["members"] = std::move(members);

    const std::vector<std::string> codes = anonymize ? anonymous_codes(data.youths) : std::vector<std::string>{};
    std::unordered_map<std::string, std::string> code_of;
    for (std::size_t i = 0; i < codes.size(); ++i) code_of.emplace(data.youths[i].id, codes[i]);
    ojson youths = ojson::array();
    for (const Youth& y : by_id(data.youths)) {
        youths.push_back({{"id", y.id},
                          {"team_id", y.team_id},
                          {"code", anonymize ? code_of.at(y.id) : y.code},
                          {"age_at_admission", y.age_at_admission ? ojson(*y.age_at_admission) : ojson(nullptr)},
                          {"admitted_on", y.admitted_on},
                          {"discharged_on", opt(y.discharged_on)},
                          {"setting", to_string(y.setting)},
                          {"created_at", y.created_at},
                          {"updated_at", y.updated_at}});
    }
    root["youths"] = std::move(youths);

    ojson measures = ojson::array();
    for (const Measure& m : by_id(data.measures)) {
        measures.push_back({{"id", m.id},
                            {"team_id", m.team_id},
                            {"youth_id", m.youth_id},
                            {"type", m.type},
                            {"started_at", m.started_at},
                            {"ended_at", opt(m.ended_at)},
                            {"reason", free_text(m.reason)},
                            {"incident_id", opt(m.incident_id)},
                            {"emergency", m.emergency},
                            {"in_care_plan", m.in_care_plan},
                            {"consent_by", opt(m.consent_by)},
                            {"consent_at", opt(m.consent_at)},
                            {"decided_by", m.decided_by},
                            {"parents_informed_at", opt(m.parents_informed_at)},
                            {"debrief_at", opt(m.debrief_at)},
                            {"notes", free_text(m.notes)},
                            {"created_at", m.created_at},
                            {"updated_at", m.updated_at}});
    }
    root["measures"] = std::move(measures);

    ojson incidents = ojson::array();
    for (const Incident& i : by_id(data.incidents)) {
        incidents.push_back({{"id", i.id},
                             {"team_id", i.team_id},
                             {"occurred_at", i.occurred_at},
                             {"category", i.category},
                             {"severity", i.severity},
                             {"youth_ids", sorted(i.youth_ids)},
                             {"description", free_text(i.description)},
                             {"response", free_text(i.response)},
                             {"reportable", i.reportable},
                             {"follow_up", free_text(i.follow_up)},
                             {"created_at", i.created_at},
                             {"updated_at", i.updated_at}});
    }
    root["incidents"] = std::move(incidents);

    ojson meetings = ojson::array();
    for (const Meeting& m : by_id(data.meetings)) {
        ojson steps = ojson::array();
        for (const MeetingStep& s : m.steps)  // in the order of the meeting, not sorted
            steps.push_back({{"kind", to_string(s.kind)}, {"notes", free_text(s.notes)}, {"seconds_used", s.seconds_used}});
        ojson answers = ojson::array();
        for (const auto& [q, t] : by_key(m.answers)) answers.push_back({{"question_id", q}, {"text", free_text(t)}});
        ojson ratings = ojson::array();
        for (const auto& [r, rating] : by_key(m.ratings)) ratings.push_back({{"recommendation_id", r}, {"rating", to_string(rating)}});
        meetings.push_back({{"id", m.id},
                            {"team_id", m.team_id},
                            {"template", m.template_id},
                            {"held_on", m.held_on},
                            {"facilitator", opt(m.facilitator_id)},
                            {"attendee_ids", sorted(m.attendee_ids)},
                            {"state", to_string(m.state)},
                            {"current_step", m.current_step},
                            {"next_meeting_on", opt(m.next_meeting_on)},
                            {"steps", std::move(steps)},
                            {"answers", std::move(answers)},
                            {"ratings", std::move(ratings)},
                            {"created_at", m.created_at},
                            {"updated_at", m.updated_at}});
    }
    root["meetings"] = std::move(meetings);

    ojson actions = ojson::array();
    for (const Action& a : by_id(data.actions)) {
        actions.push_back({{"id", a.id},
                           {"team_id", a.team_id},
                           {"meeting_id", opt(a.meeting_id)},
                           {"title", a.title},
                           {"description", free_text(a.description)},
                           {"owner_id", opt(a.owner_id)},
                           {"due_on", opt(a.due_on)},
                           {"status", to_string(a.status)},
                           {"guideline_ref", opt(a.guideline_ref)},
                           {"incident_id", opt(a.incident_id)},
                           {"completed_at", opt(a.completed_at)},
                           {"created_at", a.created_at},
                           {"updated_at", a.updated_at}});
    }
    root["actions"] = std::move(actions);

    ojson updates = ojson::array();
    for (const ActionUpdate& u : by_id(data.action_updates)) {
        updates.push_back({{"id", u.id},
                           {"action_id", u.action_id},
                           {"meeting_id", opt(u.meeting_id)},
                           {"status", to_string(u.status)},
                           {"note", free_text(u.note)},
                           {"created_at", u.created_at},
                           {"updated_at", u.updated_at}});
    }
    root["action_updates"] = std::move(updates);

    // The program never stores text that is not UTF-8; should a damaged database hold some,
    // the export carries U+FFFD instead of failing half-way.
    return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace ts
