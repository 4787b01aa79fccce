#include "core/rules.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <array>

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


}  // namespace

int severity_rank(MeasureWarning w) {
    switch (w) {
        case MeasureWarning::emergency_without_consent: return 0;
        case MeasureWarning::emergency_over_3_days: return 1;
        case MeasureWarning::seclusion_under_12: return 2;
        case MeasureWarning::no_debrief: return 3;
        case MeasureWarning::open_setting: return 4;
    }
    return 5;
}

bool is_setting_flag(MeasureWarning w) { return w == MeasureWarning::open_setting; }

std::string_view to_string(MeasureWarning w) {
    for (const auto& [k, n] : kMeasureWarningNames)
        if (k == w) return n;
    return "?";
}

std::string message_key(MeasureWarning w) { return "warning.measure." + std::string(to_string(w)); }
std::string_view to_string(IncidentWarning w) {
    switch (w) {
        case IncidentWarning::not_reported_in_time: return "not_reported_in_time";
        case IncidentWarning::investigation_over_6_weeks: return "investigation_over_6_weeks";
    }
    return "?";
}

std::string message_key(IncidentWarning w) { return "warning.incident." + std::string(to_string(w)); }

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

unsigned measure_warning_bits(const MeasureRuleFacts& m, std::int64_t now) {
    const auto bit = [](MeasureWarning w) { return 1u << static_cast<unsigned>(w); };
    unsigned out = 0;
    // An ongoing episode counts up to now for the rule checks.
    std::optional<std::int64_t> lasted;
    if (m.end) lasted = *m.end - m.start;
    else if (m.runs_until_ended) lasted = std::max<std::int64_t>(0, now - m.start);
    if (m.emergency && lasted) {
        if (*lasted > kConsentAfter && !m.consent) out |= bit(MeasureWarning::emergency_without_consent);
        if (*lasted > kEmergencyMax) out |= bit(MeasureWarning::emergency_over_3_days);
    }
    if (m.seclusion && m.age_at_start && *m.age_at_start < kSeclusionMinAge) out |= bit(MeasureWarning::seclusion_under_12);
    if (!m.debrief && now - m.end.value_or(m.start) > kDebriefWithin) out |= bit(MeasureWarning::no_debrief);
    if (m.setting == CareSetting::open) out |= bit(MeasureWarning::open_setting);
    return out;
}

std::vector<MeasureWarning> measure_warnings(const Measure& m, const Content& content, const Youth* youth, std::int64_t now) {
    std::vector<MeasureWarning> out;
    const auto start = parse_timestamp(m.started_at);
    if (!start) return out;
    const MeasureType* type = content.measure_type(m.type);
    MeasureRuleFacts f;
    f.start = *start;
    if (m.ended_at) f.end = parse_timestamp(*m.ended_at);
    f.runs_until_ended = !m.ended_at && type && type->duration != DurationKind::none;
    f.emergency = m.emergency;
    f.consent = m.consent_at.has_value();
    f.debrief = m.debrief_at.has_value();
    f.seclusion = type && type->seclusion;
    if (youth) {
        if (f.seclusion) f.age_at_start = age_on(*youth, local_date(*start));
        f.setting = youth->setting;
    }
    const unsigned bits = measure_warning_bits(f, now);
    for (std::size_t i = 0; i < kMeasureWarningCount; ++i)
        if (bits & (1u << i)) out.push_back(static_cast<MeasureWarning>(i));
    // Most serious first, whatever order the checks above run in.
    std::stable_sort(out.begin(), out.end(), [](MeasureWarning a, MeasureWarning b) { return severity_rank(a) < severity_rank(b); });
    return out;
}

Date report_due(const Date& occurred_on, const std::optional<Date>& investigation_concluded_on, const Holidays& h) {
    return add_working_days(investigation_concluded_on.value_or(occurred_on), kReportWorkingDays, h);
}

Date investigation_due(const Date& occurred_on) { return civil_from_days(days_from_civil(occurred_on) + kInvestigationMaxDays); }

namespace {

std::optional<Date> date_of(const std::optional<std::string>& text) {
    return text ? parse_date(*text) : std::nullopt;
}

}  // namespace

std::optional<Date> report_due(const Incident& i, const Holidays& h) {
    if (!i.reportable) return std::nullopt;
    const auto at = parse_timestamp(i.occurred_at);
    if (!at) return std::nullopt;
    return report_due(local_date(*at), date_of(i.investigation_concluded_on), h);
}

unsigned incident_warning_bits(const IncidentRuleFacts& i, const Holidays& h, const Date& today) {
    const auto bit = [](IncidentWarning w) { return 1u << static_cast<unsigned>(w); };
    unsigned out = 0;
    if (!i.reportable) return out;
    const Date due = report_due(i.occurred_on, i.investigation_concluded_on, h);
    if (i.reported_on ? *i.reported_on > due : today > due) out |= bit(IncidentWarning::not_reported_in_time);
    const Date limit = investigation_due(i.occurred_on);
    if (i.investigation_concluded_on ? *i.investigation_concluded_on > limit : !i.reported_on && today > limit)
        out |= bit(IncidentWarning::investigation_over_6_weeks);
    return out;
}

std::vector<IncidentWarning> incident_warnings(const Incident& i, const Holidays& h, const Date& today) {
    std::vector<IncidentWarning> out;
    if (!i.reportable) return out;
    const auto at = parse_timestamp(i.occurred_at);
    if (!at) return out;
    const unsigned bits = incident_warning_bits({true, local_date(*at), date_of(i.reported_on), date_of(i.investigation_concluded_on)}, h, today);
    for (const IncidentWarning w : {IncidentWarning::not_reported_in_time, IncidentWarning::investigation_over_6_weeks})
        if (bits & (1u << static_cast<unsigned>(w))) out.push_back(w);
    return out;
}

}  // namespace ts
