// The indicator engine: every figure Teamspiegel shows — on a screen, in a report, in an
// export — is computed here, by the formulas and counting conventions of docs/indicators.md
// (PRODUCT.md "Indicators"). Pure functions over compact facts; no ImGui, no SQL.
//
// The facts come from a store query (Store::facts, which reads only what a period needs) or
// from records in memory (facts_from, used by tests and by screens that hold the records).
// Either way the same functions count them, so a number is the same everywhere.
#pragma once

#include "core/content.hpp"
#include "core/time.hpp"
#include "core/types.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::ind {

// A figure whose denominator is zero has no value: "no data" (null in JSON, empty in CSV).
using Figure = std::optional<double>;

// ---- periods --------------------------------------------------------------------------

// Calendar days of the local time zone, half-open: `from` counts, `to` does not.
struct Period {
    Date from, to;
    std::int64_t days() const { return days_from_civil(to) - days_from_civil(from); }
    friend bool operator==(const Period&, const Period&) = default;
};

enum class Split { none, month, quarter, year };
std::string_view to_string(Split s);                       // "month", … ("none" for none)
std::optional<Split> split_from_string(std::string_view);  // "month", "quarter", "year"

// The calendar months (quarters, years) of a period, the first and last clipped to it.
// Split::none gives the period itself. An empty period (to <= from) gives nothing.
std::vector<Period> split(const Period& p, Split s);
// The period of the same number of days that ends where `p` starts.
Period previous_period(const Period& p);
// The same calendar dates one year earlier (29 February becomes 28 February).
Period year_earlier(const Period& p);
// The default period of the reports: the twelve months up to and including `today`,
// [today + 1 day − 1 year, today + 1 day).
Period last_twelve_months(const Date& today);
// The `months` calendar months up to and including `today`: [today + 1 day − months, today + 1
// day), a day past the month's end taken as its last day (31 August back 6 months: from 1 March).
Period last_months(const Date& today, int months);
// The calendar quarter of `d` up to and including `d` (this quarter so far), and the whole
// quarter before it.
Period quarter_so_far(const Date& d);
Period quarter_before(const Date& d);

// The days whose facts the figures of `p` need: the period itself, the previous period of the
// same length and the same period one year earlier (the goal's target).
Period facts_range(const Period& p);

// ---- facts ----------------------------------------------------------------------------

inline constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

struct TeamFact {
    std::string id, name;
    double reduction_goal_pct = 0;
};

struct YouthFact {
    std::uint32_t team = 0;              // index in Facts::teams
    std::int64_t admitted = 0;           // days_from_civil of the admission date
    std::optional<std::int64_t> discharged;  // days_from_civil of the discharge date
    CareSetting setting = CareSetting::open;
    std::optional<int> age_at_admission;
};

struct MeasureFact {
    std::int64_t start = 0;       // unix seconds
    std::int64_t end = kNoTime;   // unix seconds; kNoTime while ongoing and for a point in time
    std::uint32_t team = 0;       // index in Facts::teams
    std::uint32_t youth = 0;      // index in Facts::youths
    std::uint16_t type = 0;       // index in Facts::measure_types
    bool emergency = false, consent = false, debrief = false, parents_informed = false;
};

struct IncidentFact {
    std::int64_t at = 0;     // occurred at, unix seconds
    std::uint32_t team = 0;  // index in Facts::teams
    std::uint16_t category = 0;  // index in Facts::categories
    std::uint8_t severity = 1;   // 1–4
    bool reportable = false;
    std::optional<Date> reported_on, investigation_concluded_on;
};

struct ActionFact {
    std::uint32_t team = 0;
    Date agreed_on;                 // the meeting's date, else the day it was created
    std::optional<Date> due_on;
    ActionStatus status = ActionStatus::open;  // as it is now
    std::int64_t completed_at = kNoTime;       // unix seconds
    std::int64_t updated_at = 0;               // unix seconds: the status has not changed since
};

struct ActionUpdateFact {
    std::uint32_t action = 0;  // index in Facts::actions
    std::int64_t at = 0;       // created at, unix seconds
    ActionStatus status = ActionStatus::open;
    std::optional<std::uint32_t> meeting;  // index in Facts::meetings
};

struct MeetingFact {
    std::uint32_t team = 0;
    Date held_on;
    MeetingState state = MeetingState::planned;
    std::vector<std::pair<std::string, Rating>> ratings;  // recommendation id → rating
    std::vector<std::string> answered;                      // question ids with an answer
};

// The youths in care of a set of teams, for the care days of any period in a few binary searches
// instead of a walk over the youths: the days of admission and discharge, each sorted and with
// running sums. A youth without a discharge date is in care up to and including `today`, which
// a figure gives, so those are kept apart. (Youths whose stay has no days are left out.)
struct CareIndex {
    std::vector<std::int64_t> admitted, admitted_sum;          // discharged youths: day of admission
    std::vector<std::int64_t> discharged, discharged_sum;      // their day of discharge
    std::vector<std::int64_t> open_admitted, open_admitted_sum;  // youths still in care
};

// The facts of some teams over a range of days. Once prepare() has run, measures are grouped by
// team (in the order of Facts::teams), each team's in order of start, and incidents likewise by
// team in order of occurrence. Type and category codes are kept as the records have them (a code
// that data/ no longer knows still counts).
struct Facts {
    std::vector<TeamFact> teams;
    std::vector<YouthFact> youths;
    std::vector<std::string> measure_types;  // codes; after prepare(): data/'s in order, then others
    std::vector<MeasureFact> measures;
    std::vector<std::string> categories;     // codes; after prepare(): data/'s in order, then others
    std::vector<IncidentFact> incidents;
    std::vector<MeetingFact> meetings;
    std::vector<ActionFact> actions;
    std::vector<ActionUpdateFact> action_updates;  // after prepare(): by action, each in order of time

    // Set by prepare(), from the content:
    std::vector<bool> starts_intervention;  // per measure: the 24-hour rule
    std::vector<bool> runs_until_ended;     // per measure type: a duration, so no end = ongoing
    std::vector<bool> seclusion;            // per measure type
    std::vector<std::uint32_t> update_offsets;  // the updates of action i: action_updates
                                                // [update_offsets[i], update_offsets[i + 1])
    std::vector<std::uint32_t> measure_offsets;   // team t's measures: [measure_offsets[t], measure_offsets[t + 1])
    std::vector<std::uint32_t> incident_offsets;  // team t's incidents, likewise
    std::vector<std::uint32_t> actions_by_team, action_offsets;  // team t's actions: actions_by_team
                                                                  // [action_offsets[t], action_offsets[t + 1])
    std::vector<CareIndex> care;  // per team, and last the teams together
    // The measures' rule warnings at one moment, worked out by the first figure that needs them.
    mutable std::vector<std::uint8_t> warning_bits;
    mutable std::int64_t warnings_now = kNoTime;
    mutable std::vector<std::uint8_t> incident_warning_bits;  // the incidents', at one day
    mutable std::optional<Date> incident_warnings_today;
};

// Sorts the facts and works out the interventions. Measures before the first period asked
// about only serve to continue interventions; a fact source includes those that can (see
// Store::facts). Call once after filling; the figure functions require it.
void prepare(Facts& f, const Content& c);

// What a store reads for the figures (Store::facts): the teams (all when empty), the days, and
// which kinds of facts. Measures and incidents are those that start in [range.from, range.to),
// plus the earlier measures that can continue an intervention into the range; youths are
// every youth of the teams; meetings, actions and their updates are every one of the teams
// up to range.to (an action's state at the end of a period needs its history). `meetings`
// asks for their ratings and answers; actions bring the meetings themselves (dates, states).
struct FactsQuery {
    std::vector<std::string> team_ids;
    Period range;
    bool measures = true, incidents = true, actions = true, meetings = true;
    // Codes of the measure types with a duration: one of these without an end is still
    // running before the range, so it may continue an intervention into it.
    std::vector<std::string> episode_types;
};
// The query for the figures of `p` (facts_range) of some teams, all kinds of facts.
FactsQuery query_for(const Content& c, std::vector<std::string> team_ids, const Period& p);

// The facts of records in memory, of the teams given (all of `data.teams` when empty), with
// every record of those teams: for tests, and for screens that hold the records already.
Facts facts_from(const Dataset& data, const std::vector<std::string>& team_ids = {});

// ---- what is counted -------------------------------------------------------------------

// The moment the figures are made: warnings and "as they stand now" depend on it.
struct Clock {
    std::int64_t now = 0;  // unix seconds
    Date today;            // local_date(now)
    static Clock at(std::int64_t unix_seconds);
};

// Which teams a figure covers: indices in Facts::teams (all when empty).
using TeamSet = std::vector<std::uint32_t>;

struct TypeFigures {
    std::int64_t count = 0, interventions = 0, ongoing = 0;
    Figure per_1000_care_days, mean_minutes, median_minutes;  // minutes: ended episodes only
    friend bool operator==(const TypeFigures&, const TypeFigures&) = default;
};

struct MeasureFigures {
    std::int64_t care_days = 0, youths_in_care = 0;
    std::int64_t measures = 0, ongoing = 0, interventions = 0;
    Figure per_1000_care_days, hours_per_1000_hours, pct_youths_with_measure, pct_debrief, pct_parents_informed;
    std::vector<TypeFigures> by_type;          // index as Facts::measure_types
    std::array<std::int64_t, 5> warnings{};    // index as MeasureWarning (core/rules.hpp)
    friend bool operator==(const MeasureFigures&, const MeasureFigures&) = default;
};

struct Goal {
    std::optional<double> reduction_goal_pct;  // one team's goal; null for several teams
    Figure target_per_1000_care_days;
    std::optional<bool> on_track;
    friend bool operator==(const Goal&, const Goal&) = default;
};

struct MeasureRow {
    MeasureFigures figures, previous;
    Figure change_pct;  // of per_1000_care_days against the previous period
    Goal goal;
    friend bool operator==(const MeasureRow&, const MeasureRow&) = default;
};

struct IncidentFigures {
    std::int64_t care_days = 0, count = 0, reportable = 0, reportable_past_deadline = 0;
    Figure per_1000_care_days;
    std::vector<std::int64_t> by_category;     // index as Facts::categories
    std::array<std::int64_t, 4> by_severity{};  // index 0 = severity 1
    friend bool operator==(const IncidentFigures&, const IncidentFigures&) = default;
};

struct IncidentRow {
    IncidentFigures figures, previous;
    Figure change_pct;  // of per_1000_care_days against the previous period
    friend bool operator==(const IncidentRow&, const IncidentRow&) = default;
};

struct ActionFigures {
    std::int64_t agreed = 0;  // actions agreed before the end of the period
    std::int64_t open = 0, in_progress = 0, overdue = 0, done = 0, dropped = 0, stale = 0;
    std::int64_t due = 0, done_on_time = 0, completed = 0;
    Figure done_on_time_pct, median_days_to_done;
    friend bool operator==(const ActionFigures&, const ActionFigures&) = default;
};

struct RecommendationFigures {
    std::string id;  // "veiligheid.k1"
    std::optional<Rating> latest, before_latest;  // as they stand at the end of the period
    std::optional<Date> latest_on;
    std::int64_t times_rated = 0;  // in the period
    friend bool operator==(const RecommendationFigures&, const RecommendationFigures&) = default;
};

struct GuidelineFigures {
    std::int64_t meetings = 0;                  // held in the period
    std::vector<std::string> blocks_reflected;  // building block ids, in the guideline's order
    std::vector<RecommendationFigures> recommendations;  // every core recommendation, in order
    friend bool operator==(const GuidelineFigures&, const GuidelineFigures&) = default;
};

MeasureFigures measure_figures(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock);
MeasureRow measure_row(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock);
IncidentFigures incident_figures(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock);
IncidentRow incident_row(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock);
ActionFigures action_figures(const Facts& f, const TeamSet& teams, const Period& p, const Clock& clock);
GuidelineFigures guideline_figures(const Facts& f, const Content& c, const TeamSet& teams, const Period& p);
// The day of the teams' last meeting held (not merely planned) before `before`, as the guideline
// figures count meetings held; none when there is none.
std::optional<Date> last_meeting(const Facts& f, const TeamSet& teams, const Date& before);

// The rows of every team set of `teams` for every one of `periods` — the first set's periods in
// order, then the next set's — as measure_row() (incident_row()) gives them one by one, worked
// out on the machine's cores: a report of forty teams by month, or an overview of every team.
std::vector<MeasureRow> measure_rows(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                                     const Clock& clock);
std::vector<IncidentRow> incident_rows(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                                       const Clock& clock);
// The same rows, each handed to `use(index, row)` on the calling thread in order as soon as it
// and those before it are done (index as above): a report writes the first rows while the
// cores work out the next. A failure in `use` stops the work and is thrown.
void for_each_measure_row(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                          const Clock& clock, const std::function<void(std::size_t, const MeasureRow&)>& use);
void for_each_incident_row(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                           const Clock& clock, const std::function<void(std::size_t, const IncidentRow&)>& use);

// The change from `before` to `now` in percent; no data when either has none or `before` is 0.
Figure change_pct(Figure before, Figure now);
// The median of some values (the mean of the middle two for an even count); no data when empty.
Figure median(std::vector<double> values);
// The same, reordering `values` in place instead of copying them.
Figure median_of(std::vector<double>& values);

}  // namespace ts::ind
