#include "core/rules.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace ts {
namespace {

constexpr std::array<std::pair<MeasureWarning, std::string_view>, kMeasureWarningCount> kMeasureWarningNames{{
    {MeasureWarning::emergency_without_consent, "emergency_without_consent"},
    {MeasureWarning::emergency_over_3_days, "emergency_over_3_days"},
    {MeasureWarning::seclusion_under_12, "seclusion_under_12"},
    {MeasureWarning::open_setting, "open_setting"},
    {MeasureWarning::no_debrief, "no_debrief"},
}};

// Lower-case words that sit inside Dutch and other surnames: "de Vries", "el Amrani".
bool is_name_particle(const std::string& w) {
    static constexpr std::array<std::string_view, 20> kParticles{"van", "de", "der", "den", "het", "ter", "ten", "te", "in",
                                                                "op", "'t", "el", "al", "la", "le", "du", "da", "di", "von", "bin"};
    return std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

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

std::string_view to_string(MeasureWarning w) {
    for (const auto& [k, n] : kMeasureWarningNames)
        if (k == w) return n;
    return "?";
}

std::string message_key(MeasureWarning w) { return "warning.measure." + std::string(to_string(w)); }
std::string message_key(IncidentWarning) { return "warning.incident.internal_check_overdue"; }

std::optional<std::int64_t> measure_duration(const Measure& m) {
    const auto start = parse_timestamp(m.started_at);
    if (!start) return std::nullopt;
    if (m.ended_at) {
        const auto end = parse_timestamp(*m.ended_at);
        if (!end) return std::nullopt;
        return *end - *start;
    }
    return std::nullopt;
}

std::optional<int> age_on(const Youth& y, const Date& d) {
    if (!y.age_at_admission) return std::nullopt;
    const auto admitted = parse_date(y.admitted_on);
    if (!admitted) return y.age_at_admission;
    int years = d.year - admitted->year;
    if (std::pair(d.month, d.day) < std::pair(admitted->month, admitted->day)) --years;
    return *y.age_at_admission + std::max(0, years);
}

bool in_care_on(const Youth& y, const Date& d) {
    const auto admitted = parse_date(y.admitted_on);
    if (!admitted || d < *admitted) return false;
    if (y.discharged_on) {
        const auto discharged = parse_date(*y.discharged_on);
        if (discharged && d > *discharged) return false;
    }
    return true;
}

bool looks_like_full_name(const std::string& code) {
    // Two or more words that each start with a capital and go on in lower case: "Jan Jansen".
    int words = 0;
    std::size_t i = 0;
    while (i < code.size()) {
        while (i < code.size() && code[i] == ' ') ++i;
        if (i >= code.size()) break;
        const std::size_t start = i;
        while (i < code.size() && code[i] != ' ') ++i;
        const std::string w = code.substr(start, i - start);
        const bool capital = w[0] >= 'A' && w[0] <= 'Z';
        const bool rest_lower = w.size() >= 2 && std::all_of(w.begin() + 1, w.end(), [](char c) {
                                    return (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) >= 0x80) || c == '\'' || c == '-';
                                });
        if (capital && rest_lower) ++words;
        else if (!is_name_particle(w)) return false;
    }
    return words >= 2;
}

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
    if (type && type->reason_required && blank(m.reason)) out.push_back({"reason", "error.measure.reason_required"});
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
    if (blank(i.description)) out.push_back({"description", "error.required"});
    check_free_text(out, i.description, "description");
    check_free_text(out, i.response, "response");
    check_free_text(out, i.follow_up, "follow_up");
    check_record_stamps(out, i.created_at, i.updated_at, now);
    return out;
}

std::vector<FieldProblem> validate_youth(const Youth& y, const std::vector<Youth>& team_youths, const YouthCodeRule& codes,
                                         std::int64_t now) {
    std::vector<FieldProblem> out;
    if (blank(y.code)) out.push_back({"code", "error.required"});
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
    if (blank(m.name)) out.push_back({"name", "error.required"});
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
    if (blank(a.title)) out.push_back({"title", "error.required"});
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

std::vector<MeasureWarning> measure_warnings(const Measure& m, const Content& content, const Youth* youth, std::int64_t now) {
    std::vector<MeasureWarning> out;
    const auto start = parse_timestamp(m.started_at);
    if (!start) return out;
    const MeasureType* type = content.measure_type(m.type);
    // An ongoing episode counts up to now for the rule checks.
    std::optional<std::int64_t> lasted;
    if (m.ended_at) {
        if (auto end = parse_timestamp(*m.ended_at)) lasted = *end - *start;
    } else if (type && type->duration != DurationKind::none) {
        lasted = std::max<std::int64_t>(0, now - *start);
    }
    if (m.emergency && lasted) {
        if (*lasted > kConsentAfter && !m.consent_at) out.push_back(MeasureWarning::emergency_without_consent);
        if (*lasted > kEmergencyMax) out.push_back(MeasureWarning::emergency_over_3_days);
    }
    if (type && type->seclusion && youth) {
        const auto age = age_on(*youth, local_date(*start));
        if (age && *age < kSeclusionMinAge) out.push_back(MeasureWarning::seclusion_under_12);
    }
    if (!m.debrief_at) {
        std::int64_t from = *start;
        if (m.ended_at)
            if (auto end = parse_timestamp(*m.ended_at)) from = *end;
        if (now - from > kDebriefWithin) out.push_back(MeasureWarning::no_debrief);
    }
    // Last: it holds for every measure in an open group, so lists show the specific ones first.
    if (youth && youth->setting == CareSetting::open) out.push_back(MeasureWarning::open_setting);
    return out;
}

std::optional<Date> internal_check_due(const Incident& i) {
    if (!i.reportable) return std::nullopt;
    const auto at = parse_timestamp(i.occurred_at);
    if (!at) return std::nullopt;
    return local_date(*at + kInternalCheckWithin);
}

std::vector<IncidentWarning> incident_warnings(const Incident& i, std::int64_t now) {
    std::vector<IncidentWarning> out;
    const auto at = parse_timestamp(i.occurred_at);
    if (i.reportable && at && now - *at > kInternalCheckWithin && blank(i.follow_up))
        out.push_back(IncidentWarning::internal_check_overdue);
    return out;
}

std::string english_problem(const std::string& key) {
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
    auto it = text.find(key);
    return it == text.end() ? key : it->second;
}

}  // namespace ts
