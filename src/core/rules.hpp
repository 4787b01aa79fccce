// The register's rule warnings of PRODUCT.md: they never block saving but are always shown
// and counted. What blocks saving is in core/validation.hpp; care periods in core/care.hpp.
//
// Sources: Jeugdwet art. 6.3.1.2 and the parliamentary debate on closed youth care (measures);
// Jeugdwet art. 4.1.8 and the Leidraad meldingen jeugd of the inspectorate (reportable incidents).
#pragma once

#include "core/care.hpp"
#include "core/content.hpp"
#include "core/time.hpp"
#include "core/types.hpp"
#include "core/validation.hpp"
#include "core/working_days.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ts {

inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;
inline constexpr std::int64_t kConsentAfter = 12 * kHour;     // emergency measure needs consent after 12 h
inline constexpr std::int64_t kEmergencyMax = 3 * kDay;       // at most 3 consecutive days
inline constexpr int kSeclusionMinAge = 12;                   // never secluded under 12
inline constexpr std::int64_t kDebriefWithin = 7 * kDay;      // debrief with the youth within 7 days
inline constexpr int kReportWorkingDays = 3;     // a reportable incident is reported within 3 working days
inline constexpr int kInvestigationMaxDays = 42;  // an internal investigation takes at most 6 weeks

enum class MeasureWarning {
    emergency_without_consent,  // emergency, longer than 12 hours, no consent of a behavioural scientist
    emergency_over_3_days,      // emergency measure longer than 3 consecutive days
    seclusion_under_12,         // seclusion of a youth under 12
    open_setting,               // any measure in an open setting: review
    no_debrief,                 // no debrief 7 days after the measure
};
inline constexpr std::size_t kMeasureWarningCount = 5;

// A reportable incident (calamity or violence) is reported to the inspectorate (IGJ) within 3
// working days of the day it occurred; when it was unclear whether it is reportable, an internal
// investigation of at most 6 weeks may come first, and the report follows within 3 working days
// of its conclusion. Warnings in this order:
enum class IncidentWarning {
    not_reported_in_time,        // reported after the due day, or not reported and the due day has passed
    investigation_over_6_weeks,  // concluded after 6 weeks, or neither concluded nor reported after 6 weeks
};
inline constexpr std::size_t kIncidentWarningCount = 2;

// How serious a warning is, 0 the most serious: an emergency measure over 12 hours without
// consent, then one over 3 days, seclusion under 12, no debrief, and the open-setting flag last.
// measure_warnings() lists its warnings in this order, so every screen and report does.
int severity_rank(MeasureWarning w);
// The open-setting flag holds for every measure in an open group: a note to review, not a rule
// that was broken. Lists may show it apart (its own column) from the other warnings.
bool is_setting_flag(MeasureWarning w);

std::string_view to_string(MeasureWarning w);   // "emergency_without_consent", … (for exports)
std::string message_key(MeasureWarning w);      // "warning.measure.<name>"
std::string_view to_string(IncidentWarning w);  // "not_reported_in_time", … (report keys)
std::string message_key(IncidentWarning w);     // "warning.incident.<name>"

// A youth code that looks like a full name ("Jan Jansen") earns a warning: codes only.
bool looks_like_full_name(const std::string& code);

// What the measure rules look at, so that a record and the indicator engine's compact facts
// (core/indicators.hpp) are checked by the same code.
struct MeasureRuleFacts {
    std::int64_t start = 0;
    std::optional<std::int64_t> end;  // ended at
    bool runs_until_ended = false;    // a type with a duration: without an end it is still running
    bool emergency = false, consent = false, debrief = false;
    bool seclusion = false;
    std::optional<int> age_at_start;  // the youth's age on the local day it started
    std::optional<CareSetting> setting;
};
// The warnings as bits: bit i is the MeasureWarning of value i.
unsigned measure_warning_bits(const MeasureRuleFacts& m, std::int64_t now);

// The rule warnings of a measure, most serious first (severity_rank).
std::vector<MeasureWarning> measure_warnings(const Measure& m, const Content& content, const Youth* youth, std::int64_t now);

// The day by which a reportable incident must be reported: 3 working days after the day it
// occurred (local date), or after the day its internal investigation concluded.
Date report_due(const Date& occurred_on, const std::optional<Date>& investigation_concluded_on, const Holidays& h);
// The last day of an internal investigation: 6 weeks after the day the incident occurred.
Date investigation_due(const Date& occurred_on);
// report_due() of a stored incident: none when it is not reportable or its occurred_at is no
// timestamp. An unreadable investigation_concluded_on counts as none.
std::optional<Date> report_due(const Incident& i, const Holidays& h);

// The warnings of a reportable incident on `today` (a local date), in the order of the enum:
//   not_reported_in_time        reported_on is later than report_due(), or there is no
//                               reported_on and today is later than report_due();
//   investigation_over_6_weeks  investigation_concluded_on is later than investigation_due(),
//                               or there is neither a conclusion nor a report and today is
//                               later than investigation_due().
// An investigation is known only once its conclusion is recorded: while it runs, the report
// is due 3 working days after the incident. An incident that is not reportable has none.
std::vector<IncidentWarning> incident_warnings(const Incident& i, const Holidays& h, const Date& today);

// What those rules look at, so that a record and the indicator engine's facts are checked by
// the same code; the warnings as bits (bit i: the IncidentWarning of value i).
struct IncidentRuleFacts {
    bool reportable = false;
    Date occurred_on;  // local date
    std::optional<Date> reported_on, investigation_concluded_on;
};
unsigned incident_warning_bits(const IncidentRuleFacts& i, const Holidays& h, const Date& today);

}  // namespace ts
