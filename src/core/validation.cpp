#include "core/validation.hpp"

#include "core/care.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

namespace ts {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Decodes one UTF-8 sequence at `i` (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF). Returns the code point and advances `i`, or nullopt for bytes that are not UTF-8.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
    else return std::nullopt;
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    return cp;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Embeddings, overrides and isolates: they reorder the text that follows ("Trojan Source").
bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Characters that show as nothing, or as a space that is not a space, in a name or code.
bool is_invisible(char32_t c) {
    return c == 0x00A0 || c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
           c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
           (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
           c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

bool is_noncharacter(char32_t c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

void check_optional_stamp(std::vector<FieldProblem>& out, const std::optional<std::string>& v, const char* field) {
    if (v && !parse_timestamp(*v)) out.push_back({field, "error.timestamp_invalid"});
}

void check_optional_date(std::vector<FieldProblem>& out, const std::optional<std::string>& v, const char* field) {
    if (v && !parse_date(*v)) out.push_back({field, "error.date_invalid"});
}

void check_free_text(std::vector<FieldProblem>& out, const std::string& v, const char* field) {
    check_text_field(out, v, TextKind::multiline, field, kMaxFreeText);
}

void check_name(std::vector<FieldProblem>& out, const std::string& v, const char* field) {
    check_text_field(out, v, TextKind::line, field, kMaxNameLength);
}

}  // namespace

std::optional<FieldProblem> text_problem(std::string_view text, TextKind kind, const char* field) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const auto cp = next_code_point(text, i);
        if (!cp) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[at])));
            return FieldProblem{field, "error.text.invalid_utf8", std::string("byte ") + buf};
        }
        const char32_t c = *cp;
        const bool line_break = c == '\n' || c == '\r' || c == '\t';
        if (is_control(c) && !(kind == TextKind::multiline && line_break))
            return FieldProblem{field, "error.text.control_char", code_point_name(c)};
        if (is_bidi_control(c) || is_noncharacter(c) || (kind == TextKind::line && is_invisible(c)))
            return FieldProblem{field, "error.text.invisible_char", code_point_name(c)};
    }
    return std::nullopt;
}

void check_text_field(std::vector<FieldProblem>& out, std::string_view text, TextKind kind, const char* field,
                      std::size_t max_bytes) {
    if (auto p = text_problem(text, kind, field)) out.push_back(std::move(*p));
    else if (text.size() > max_bytes) out.push_back({field, "error.text_too_long", "at most " + std::to_string(max_bytes) + " bytes"});
}

std::string team_name_key(const std::string& name) {
    std::string out = trimmed(name);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void check_record_stamps(std::vector<FieldProblem>& out, const std::string& created_at, const std::string& updated_at,
                         std::int64_t now) {
    for (const auto& [value, field] : {std::pair{&updated_at, "updated_at"}, std::pair{&created_at, "created_at"}}) {
        if (value->empty()) continue;
        const auto t = parse_timestamp(*value);
        if (!t) out.push_back({field, "error.timestamp_invalid"});
        else if (*t > now) out.push_back({field, "error.in_future"});
    }
}

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing, std::int64_t now) {
    std::vector<FieldProblem> out;
    const std::string name = trimmed(team.name);
    if (name.empty()) out.push_back({"name", "error.team.name_required"});
    else if (auto p = text_problem(team.name, TextKind::line, "name")) out.push_back(std::move(*p));
    else if (name.size() > kMaxNameLength) out.push_back({"name", "error.team.name_too_long"});
    else if (std::any_of(existing.begin(), existing.end(),
                         [&](const Team& t) { return t.id != team.id && team_name_key(t.name) == team_name_key(name); }))
        out.push_back({"name", "error.team.name_taken"});
    if (auto p = text_problem(team.location, TextKind::line, "location")) out.push_back(std::move(*p));
    else if (team.location.size() > kMaxNameLength) out.push_back({"location", "error.team.location_too_long"});
    if (team.capacity < 0 || team.capacity > 200) out.push_back({"capacity", "error.team.capacity_range"});
    if (!(team.reduction_goal_pct >= 0 && team.reduction_goal_pct <= 100)) out.push_back({"reduction_goal_pct", "error.team.goal_range"});
    check_record_stamps(out, team.created_at, team.updated_at, now);
    return out;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::vector<FieldProblem> validate_measure(const Measure& m, const Content& content, const Youth* youth, std::int64_t now) {
    std::vector<FieldProblem> out;
    const MeasureType* type = content.measure_type(m.type);
    if (!type) out.push_back({"type", "error.measure.type_unknown"});

    const auto start = parse_timestamp(m.started_at);
    if (!start) out.push_back({"started_at", "error.timestamp_invalid"});
    else if (*start > now) out.push_back({"started_at", "error.in_future"});

    if (!youth) {
        out.push_back({"youth_id", "error.measure.youth_unknown"});
    } else if (start && !in_care_on(*youth, local_date(*start))) {
        out.push_back({"youth_id", "error.measure.youth_not_in_care"});
    }

    if (m.ended_at) {
        const auto end = parse_timestamp(*m.ended_at);
        if (type && type->duration == DurationKind::none) out.push_back({"ended_at", "error.measure.end_not_allowed"});
        else if (!end) out.push_back({"ended_at", "error.timestamp_invalid"});
        else if (start && *end < *start) out.push_back({"ended_at", "error.measure.end_before_start"});
        else if (*end > now) out.push_back({"ended_at", "error.in_future"});
    }
    if (type && type->reason_required && is_blank(m.reason)) out.push_back({"reason", "error.measure.reason_required"});
    check_free_text(out, m.reason, "reason");
    check_free_text(out, m.notes, "notes");
    check_name(out, m.decided_by, "decided_by");
    if (m.consent_by) check_name(out, *m.consent_by, "consent_by");
    check_optional_stamp(out, m.consent_at, "consent_at");
    check_optional_stamp(out, m.parents_informed_at, "parents_informed_at");
    check_optional_stamp(out, m.debrief_at, "debrief_at");
    check_record_stamps(out, m.created_at, m.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_incident(const Incident& i, const Content& content,
                                            const std::vector<const Youth*>& youths, std::int64_t now) {
    std::vector<FieldProblem> out;
    const auto at = parse_timestamp(i.occurred_at);
    if (!at) out.push_back({"occurred_at", "error.timestamp_invalid"});
    else if (*at > now) out.push_back({"occurred_at", "error.in_future"});
    if (!content.incident_category(i.category)) out.push_back({"category", "error.incident.category_unknown"});
    if (i.severity < 1 || i.severity > 4) out.push_back({"severity", "error.incident.severity_range"});
    for (const Youth* y : youths) {
        if (!y) out.push_back({"youth_ids", "error.measure.youth_unknown"});
        else if (at && !in_care_on(*y, local_date(*at))) out.push_back({"youth_ids", "error.measure.youth_not_in_care"});
    }
    if (is_blank(i.description)) out.push_back({"description", "error.required"});
    check_free_text(out, i.description, "description");
    check_free_text(out, i.response, "response");
    check_free_text(out, i.follow_up, "follow_up");
    // The report to the inspectorate and the internal investigation: only for a reportable
    // incident; a date, not before the day it occurred, not after today; the investigation
    // concludes before the report or on its day.
    auto check_day = [&](const std::optional<std::string>& text, const char* field) -> std::optional<Date> {
        if (!text) return std::nullopt;
        const auto d = parse_date(*text);
        if (!d) out.push_back({field, "error.date_invalid"});
        else if (!i.reportable) out.push_back({field, "error.incident.not_reportable"});
        else if (at && *d < local_date(*at)) out.push_back({field, "error.incident.before_occurred"});
        else if (local_midnight(*d) > now) out.push_back({field, "error.in_future"});  // a day that has not begun
        else return d;
        return std::nullopt;
    };
    const auto reported = check_day(i.reported_on, "reported_on");
    const auto concluded = check_day(i.investigation_concluded_on, "investigation_concluded_on");
    if (reported && concluded && *concluded > *reported)
        out.push_back({"investigation_concluded_on", "error.incident.concluded_after_report"});
    check_record_stamps(out, i.created_at, i.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_youth(const Youth& y, const std::vector<Youth>& team_youths, const YouthCodeRule& codes,
                                         std::int64_t now) {
    std::vector<FieldProblem> out;
    if (is_blank(y.code)) out.push_back({"code", "error.required"});
    else if (auto p = text_problem(y.code, TextKind::line, "code")) out.push_back(std::move(*p));
    else if (y.code.size() > kMaxCodeLength) out.push_back({"code", "error.text_too_long"});
    else if (!codes.matches(y.code)) out.push_back({"code", "error.youth.code_pattern", codes.description.en});
    else if (std::any_of(team_youths.begin(), team_youths.end(),
                         [&](const Youth& o) { return o.id != y.id && o.team_id == y.team_id && o.code == y.code; }))
        out.push_back({"code", "error.youth.code_taken"});
    if (y.age_at_admission && (*y.age_at_admission < 0 || *y.age_at_admission > 27))
        out.push_back({"age_at_admission", "error.youth.age_range"});
    const auto admitted = parse_date(y.admitted_on);
    if (!admitted) out.push_back({"admitted_on", "error.date_invalid"});
    if (y.discharged_on) {
        const auto discharged = parse_date(*y.discharged_on);
        if (!discharged) out.push_back({"discharged_on", "error.date_invalid"});
        else if (admitted && *discharged < *admitted) out.push_back({"discharged_on", "error.youth.discharge_before_admission"});
    }
    check_record_stamps(out, y.created_at, y.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_member(const Member& m, std::int64_t now) {
    std::vector<FieldProblem> out;
    if (is_blank(m.name)) out.push_back({"name", "error.required"});
    else check_name(out, m.name, "name");
    check_record_stamps(out, m.created_at, m.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_meeting(const Meeting& m, const Content& content, std::int64_t now) {
    std::vector<FieldProblem> out;
    if (!content.meeting_template(m.template_id)) out.push_back({"template", "error.meeting.template_unknown"});
    if (!parse_date(m.held_on)) out.push_back({"held_on", "error.date_invalid"});
    check_optional_date(out, m.next_meeting_on, "next_meeting_on");
    if (m.current_step < 0 || m.current_step > static_cast<int>(m.steps.size()))
        out.push_back({"current_step", "error.meeting.step_range"});
    for (std::size_t k = 0; k < m.steps.size(); ++k) {
        std::vector<FieldProblem> step;
        check_free_text(step, m.steps[k].notes, "notes");
        if (m.steps[k].seconds_used < 0) step.push_back({"seconds_used", "error.meeting.seconds_range"});
        for (FieldProblem& p : step) out.push_back({"steps[" + std::to_string(k) + "]." + p.field, p.message_key, p.detail});
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < m.answers.size(); ++k) {
        const std::string at = "answers[" + std::to_string(k) + "]";
        const auto& [question, text] = m.answers[k];
        if (!content.guideline.has_ref(question)) out.push_back({at + ".question_id", "error.meeting.question_unknown"});
        else if (!seen.insert(question).second) out.push_back({at + ".question_id", "error.meeting.question_twice"});
        check_free_text(out, text, (at + ".text").c_str());
    }
    seen.clear();
    for (std::size_t k = 0; k < m.ratings.size(); ++k) {
        const std::string at = "ratings[" + std::to_string(k) + "].recommendation_id";
        const std::string& rec = m.ratings[k].first;
        if (!content.guideline.has_ref(rec)) out.push_back({at, "error.meeting.recommendation_unknown"});
        else if (!seen.insert(rec).second) out.push_back({at, "error.meeting.recommendation_twice"});
    }
    check_record_stamps(out, m.created_at, m.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_action(const Action& a, const Content& content, std::int64_t now) {
    std::vector<FieldProblem> out;
    if (is_blank(a.title)) out.push_back({"title", "error.required"});
    else check_text_field(out, a.title, TextKind::line, "title", kMaxNameLength * 4);
    check_free_text(out, a.description, "description");
    check_optional_date(out, a.due_on, "due_on");
    if (a.guideline_ref && !content.guideline.has_ref(*a.guideline_ref)) out.push_back({"guideline_ref", "error.action.guideline_unknown"});
    check_optional_stamp(out, a.completed_at, "completed_at");
    if (a.completed_at)
        if (auto t = parse_timestamp(*a.completed_at); t && *t > now) out.push_back({"completed_at", "error.in_future"});
    check_record_stamps(out, a.created_at, a.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_action_update(const ActionUpdate& u, std::int64_t now) {
    std::vector<FieldProblem> out;
    check_free_text(out, u.note, "note");
    check_record_stamps(out, u.created_at, u.updated_at, now);
    return out;
}

namespace {
const std::map<std::string, std::string>& file_words() {
    static const std::map<std::string, std::string> text{
        {"error.required", "required"},
        {"error.text.invalid_utf8", "invalid UTF-8"},
        {"error.text.control_char", "contains a control character"},
        {"error.text.invisible_char", "contains an invisible or direction-changing character"},
        {"error.youth.code_pattern", "not a valid code"},
        {"error.meeting.template_unknown", "unknown meeting template"},
        {"error.meeting.step_range", "out of range (0 to the number of steps)"},
        {"error.meeting.seconds_range", "must be 0 or more"},
        {"error.meeting.question_unknown", "unknown guideline question"},
        {"error.meeting.question_twice", "duplicate question"},
        {"error.meeting.recommendation_unknown", "unknown guideline recommendation"},
        {"error.meeting.recommendation_twice", "duplicate recommendation"},
        {"error.action.guideline_unknown", "unknown guideline reference"},
        {"error.text_too_long", "text too long"},
        {"error.timestamp_invalid", "not a valid date-time (expected YYYY-MM-DDTHH:MM:SSZ)"},
        {"error.date_invalid", "not a valid date (expected YYYY-MM-DD)"},
        {"error.in_future", "in the future"},
        {"error.measure.type_unknown", "unknown measure type"},
        {"error.measure.youth_unknown", "unknown youth"},
        {"error.measure.youth_not_in_care", "youth not in care on that date"},
        {"error.measure.end_before_start", "before started_at"},
        {"error.measure.end_not_allowed", "a point-in-time measure has no end"},
        {"error.measure.reason_required", "required for this measure type"},
        {"error.incident.category_unknown", "unknown incident category"},
        {"error.incident.severity_range", "must be 1 to 4"},
        {"error.incident.not_reportable", "only for a reportable incident (reportable is false)"},
        {"error.incident.before_occurred", "before the day of occurred_at"},
        {"error.incident.concluded_after_report", "after reported_on (the investigation concludes before the report)"},
        {"error.youth.code_taken", "code already used in this team"},
        {"error.youth.age_range", "must be 0 to 27"},
        {"error.youth.discharge_before_admission", "before admitted_on"},
        {"error.team.name_required", "required"},
        {"error.team.name_too_long", "text too long"},
        {"error.team.name_taken", "a team with this name already exists"},
        {"error.team.location_too_long", "text too long"},
        {"error.team.capacity_range", "must be 0 to 200"},
        {"error.team.goal_range", "must be 0 to 100"},
    };
    return text;
}
}  // namespace

std::string english_problem(const std::string& key) {
    const auto it = file_words().find(key);
    return it == file_words().end() ? key : it->second;
}

std::vector<std::string> problem_keys() {
    std::vector<std::string> keys;
    for (const auto& [key, words] : file_words()) keys.push_back(key);
    return keys;
}

}  // namespace ts
