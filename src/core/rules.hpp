// The register's rules: validation that blocks saving (with the field named), and the rule
// warnings of PRODUCT.md that never block but are always shown and counted.
//
// Sources: Jeugdwet art. 6.3.1.2 and the parliamentary debate on closed youth care (measures);
// Jeugdwet art. 4.1.8 (reportable incidents).
#pragma once

#include "core/content.hpp"
#include "core/time.hpp"
#include "core/types.hpp"
#include "core/validation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ts {

// Limits on text, shared by the forms and the bundle importer.
inline constexpr std::size_t kMaxCodeLength = 32;
inline constexpr std::size_t kMaxFreeText = 20000;
// How far clocks of two team machines may differ: a bundle's records may be stamped up to this
// much after its exported_at, and its exported_at this much after the importing machine's now.
inline constexpr std::int64_t kClockTolerance = 3600;

inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;
inline constexpr std::int64_t kConsentAfter = 12 * kHour;     // emergency measure needs consent after 12 h
inline constexpr std::int64_t kEmergencyMax = 3 * kDay;       // at most 3 consecutive days
inline constexpr int kSeclusionMinAge = 12;                   // never secluded under 12
inline constexpr std::int64_t kDebriefWithin = 7 * kDay;      // debrief with the youth within 7 days
inline constexpr std::int64_t kInternalCheckWithin = 42 * kDay;  // reportable incident: check within 6 weeks

enum class MeasureWarning {
    emergency_without_consent,  // emergency, longer than 12 hours, no consent of a behavioural scientist
    emergency_over_3_days,      // emergency measure longer than 3 consecutive days
    seclusion_under_12,         // seclusion of a youth under 12
    open_setting,               // any measure in an open setting: review
    no_debrief,                 // no debrief 7 days after the measure
};
inline constexpr std::size_t kMeasureWarningCount = 5;

enum class IncidentWarning {
    internal_check_overdue,  // possibly reportable, 6 weeks passed, no follow-up recorded
};

std::string_view to_string(MeasureWarning w);   // "emergency_without_consent", … (for exports)
std::string message_key(MeasureWarning w);      // "warning.measure.<name>"
std::string message_key(IncidentWarning w);

// Seconds an ended measure lasted; empty for ongoing and point-in-time measures.
std::optional<std::int64_t> measure_duration(const Measure& m);
// The youth's age on a date, estimated from the age at admission plus whole years since.
std::optional<int> age_on(const Youth& y, const Date& d);
// In care on a date: admitted on or before it, not discharged before it (the discharge day
// itself still counts, so a measure on the morning of discharge is accepted).
bool in_care_on(const Youth& y, const Date& d);

// Problems that block saving: one function per record kind, called by the forms and by the
// bundle importer alike, so that no rule exists in one place only. Field names are the
// bundle's ("ended_at"); message keys are in data/i18n ("error.measure.end_before_start");
// english_problem() gives the CLI wording. `now` is the clock of the check: the time of
// typing for a form, the bundle's exported_at (plus kClockTolerance) for an import. Nothing
// may lie after it: no start, end, occurrence, completion, created_at or updated_at.
std::vector<FieldProblem> validate_measure(const Measure& m, const Content& content, const Youth* youth, std::int64_t now);
std::vector<FieldProblem> validate_incident(const Incident& i, const Content& content,
                                            const std::vector<const Youth*>& youths, std::int64_t now);
std::vector<FieldProblem> validate_youth(const Youth& y, const std::vector<Youth>& team_youths, const YouthCodeRule& codes,
                                         std::int64_t now);
std::vector<FieldProblem> validate_member(const Member& m, std::int64_t now);
// Meetings, actions and their updates: field names as in the bundle ("steps[2].notes").
std::vector<FieldProblem> validate_meeting(const Meeting& m, const Content& content, std::int64_t now);
std::vector<FieldProblem> validate_action(const Action& a, const Content& content, std::int64_t now);
std::vector<FieldProblem> validate_action_update(const ActionUpdate& u, std::int64_t now);

// A youth code that looks like a full name ("Jan Jansen") earns a warning: codes only.
bool looks_like_full_name(const std::string& code);

std::vector<MeasureWarning> measure_warnings(const Measure& m, const Content& content, const Youth* youth, std::int64_t now);
std::vector<IncidentWarning> incident_warnings(const Incident& i, std::int64_t now);
// The date by which a reportable incident's internal check is due.
std::optional<Date> internal_check_due(const Incident& i);

// The English sentence for a problem key, for command-line errors ("before started_at").
std::string english_problem(const std::string& message_key);

}  // namespace ts
