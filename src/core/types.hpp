// Domain types of Teamspiegel (see PRODUCT.md "Domain"). Plain data, no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

enum class Lang { nl, en };
std::string_view to_string(Lang);
std::optional<Lang> lang_from_string(std::string_view);

enum class Role { group_worker, coach, behavioural_scientist, manager };
std::string_view to_string(Role);
std::optional<Role> role_from_string(std::string_view);

enum class CareSetting { open, closed };
std::string_view to_string(CareSetting);
std::optional<CareSetting> care_setting_from_string(std::string_view);

enum class ActionStatus { open, in_progress, done, dropped };
std::string_view to_string(ActionStatus);
std::optional<ActionStatus> action_status_from_string(std::string_view);

enum class MeetingState { planned, running, closed };
std::string_view to_string(MeetingState);
std::optional<MeetingState> meeting_state_from_string(std::string_view);

// `discussion`: a generic step of a method (intervisie, moreel beraad): a prompt on screen and notes.
enum class StepKind { check_in, open_actions, incidents, measures, reflection, agree_actions, close, discussion };
std::string_view to_string(StepKind);
std::optional<StepKind> step_kind_from_string(std::string_view);

// A team's rating of a core recommendation: "doen we al / deels / nog niet".
enum class Rating { already, partly, not_yet };
std::string_view to_string(Rating);
std::optional<Rating> rating_from_string(std::string_view);

// Timestamps are ISO 8601 UTC strings ("2026-03-01T14:05:00Z"); dates are "YYYY-MM-DD".
struct Team {
    std::string id;
    std::string name;
    std::string location;
    int capacity = 0;
    double reduction_goal_pct = 0;  // e.g. 30 means "-30 % per year"
    bool active = true;
    std::string created_at, updated_at;
};

struct Member {
    std::string id, team_id, name;
    Role role = Role::group_worker;
    bool active = true;
    std::string created_at, updated_at;
};

struct Youth {
    std::string id, team_id;
    std::string code;  // pseudonym, never a name
    std::optional<int> age_at_admission;
    std::string admitted_on;
    std::optional<std::string> discharged_on;
    CareSetting setting = CareSetting::open;
    std::string created_at, updated_at;
};

struct Measure {
    std::string id, team_id, youth_id, type;
    std::string started_at;
    std::optional<std::string> ended_at;
    std::string reason;
    std::optional<std::string> incident_id;
    bool emergency = false, in_care_plan = false;
    std::optional<std::string> consent_by, consent_at;
    std::string decided_by;
    std::optional<std::string> parents_informed_at, debrief_at;
    std::string notes;
    std::string created_at, updated_at;
};

struct Incident {
    std::string id, team_id, occurred_at, category;
    int severity = 1;
    std::vector<std::string> youth_ids;
    std::string description, response;
    bool reportable = false;
    std::string follow_up;
    // Reportable incidents only: the day it was reported to the inspectorate, and the day an
    // internal investigation into whether it is reportable concluded ("YYYY-MM-DD").
    std::optional<std::string> reported_on, investigation_concluded_on;
    std::string created_at, updated_at;
};

struct MeetingStep {
    StepKind kind = StepKind::check_in;
    std::string notes;
    int seconds_used = 0;
};

struct Meeting {
    std::string id, team_id, template_id, held_on;
    std::optional<std::string> facilitator_id;
    std::vector<std::string> attendee_ids;
    MeetingState state = MeetingState::planned;
    int current_step = 0;                       // where a running meeting resumes
    std::optional<std::string> next_meeting_on;  // agreed at the close
    std::vector<MeetingStep> steps;
    std::vector<std::pair<std::string, std::string>> answers;  // question id -> text
    std::vector<std::pair<std::string, Rating>> ratings;       // recommendation id -> rating
    // The team's incidents this meeting discussed (marked in its incidents step), each once.
    std::vector<std::string> discussed_incident_ids;
    std::string created_at, updated_at;
};

struct Action {
    std::string id, team_id;
    std::optional<std::string> meeting_id;
    std::string title, description;
    std::optional<std::string> owner_id, due_on;
    ActionStatus status = ActionStatus::open;
    std::optional<std::string> guideline_ref, incident_id, completed_at;
    std::string created_at, updated_at;
};

struct ActionUpdate {
    std::string id, action_id;
    std::optional<std::string> meeting_id;
    ActionStatus status = ActionStatus::open;
    std::string note;
    std::string created_at, updated_at;
};

// The kinds of records, named as the change history and the tables name them ("measure").
enum class Kind : std::uint8_t { team, member, youth, measure, incident, meeting, action, action_update };
inline constexpr std::size_t kKindCount = 8;
inline constexpr std::array<Kind, kKindCount> kAllKinds{Kind::team,     Kind::member,  Kind::youth,  Kind::measure,
                                                        Kind::incident, Kind::meeting, Kind::action, Kind::action_update};
const char* kind_name(Kind kind);

// A set of records, e.g. generated demo data or the content of a bundle.
struct Dataset {
    std::vector<Team> teams;
    std::vector<Member> members;
    std::vector<Youth> youths;
    std::vector<Measure> measures;
    std::vector<Incident> incidents;
    std::vector<Meeting> meetings;
    std::vector<Action> actions;
    std::vector<ActionUpdate> action_updates;
};

// Receives records one at a time, with their index in their list (a bundle's list, or the order
// an export hands them over), so that a bundle of any size is read or written without ever
// holding all of it: the bundle reader hands each record it has checked to one, the store's
// export fills one from the database (Store::export_each).
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void add(Team&& record, std::size_t index) = 0;
    virtual void add(Member&& record, std::size_t index) = 0;
    virtual void add(Youth&& record, std::size_t index) = 0;
    virtual void add(Measure&& record, std::size_t index) = 0;
    virtual void add(Incident&& record, std::size_t index) = 0;
    virtual void add(Meeting&& record, std::size_t index) = 0;
    virtual void add(Action&& record, std::size_t index) = 0;
    virtual void add(ActionUpdate&& record, std::size_t index) = 0;
};

// Gathers the records a RecordSink is handed into a Dataset, in their order.
class DatasetSink final : public RecordSink {
public:
    Dataset data;
    void add(Team&& r, std::size_t) override { data.teams.push_back(std::move(r)); }
    void add(Member&& r, std::size_t) override { data.members.push_back(std::move(r)); }
    void add(Youth&& r, std::size_t) override { data.youths.push_back(std::move(r)); }
    void add(Measure&& r, std::size_t) override { data.measures.push_back(std::move(r)); }
    void add(Incident&& r, std::size_t) override { data.incidents.push_back(std::move(r)); }
    void add(Meeting&& r, std::size_t) override { data.meetings.push_back(std::move(r)); }
    void add(Action&& r, std::size_t) override { data.actions.push_back(std::move(r)); }
    void add(ActionUpdate&& r, std::size_t) override { data.action_updates.push_back(std::move(r)); }
};

}  // namespace ts
