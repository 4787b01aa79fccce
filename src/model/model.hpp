// What the screens show, without ImGui and without SQL: the rows of a team's registers with
// their warnings, the counts, and each team's figures. Built from the store interface and
// rebuilt only for the kinds of records that changed (Store::revisions), so a preference that
// changes, or a frame with nothing new, reads nothing. The CLI reports reuse it.
#pragma once

#include "core/content.hpp"
#include "core/rules.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ts::model {

// A measure with what the screens show of it, computed once per rebuild.
struct MeasureRow {
    Measure measure;
    const Youth* youth = nullptr;           // into the same team's youths; null when unknown
    std::int64_t start = 0;                 // unix seconds
    std::optional<std::int64_t> duration;   // ended episodes only
    std::vector<MeasureWarning> warnings;
};

struct IncidentRow {
    Incident incident;
    std::int64_t at = 0;
    std::string youth_codes;                 // "J-03, J-07"
    int linked_measures = 0;
    std::optional<Date> report_due;          // reportable incidents: report to the inspectorate by then
    std::vector<IncidentWarning> warnings;
};

// An action with what the lists show of it, computed once per rebuild (core/actions.hpp).
struct ActionRow {
    Action action;
    const Member* owner = nullptr;      // into the same team's members; null when none or unknown
    const Meeting* meeting = nullptr;   // where it was agreed; null when none or unknown
    Date agreed_on;                     // the meeting's date, else the local day it was created
    std::optional<Date> due;            // a readable due date
    const BuildingBlock* block = nullptr;  // the building block its guideline link lies in
    std::vector<ActionUpdate> updates;  // given in meetings, oldest first
    int review_meetings = 0;            // the different meetings among them
    bool overdue = false, stale = false;
};

// One team's registers as the screens show them. Lists in the store's order (names A–Z,
// measures and incidents newest first).
struct TeamRows {
    std::string team_id;
    std::vector<Member> members;
    std::vector<Youth> youths;
    std::vector<MeasureRow> measures;
    std::vector<IncidentRow> incidents;
    std::vector<Meeting> meetings;   // newest first
    std::vector<ActionRow> actions;  // oldest first (created)

    // By id, through an index made when the list was read (Model keeps them up to date).
    const Youth* youth(const std::string& id) const;
    const Member* member(const std::string& id) const;
    const IncidentRow* incident(const std::string& id) const;
    const Meeting* meeting(const std::string& id) const;
    const ActionRow* action(const std::string& id) const;

private:
    friend class Model;
    // Makes the index of one list again after it was read.
    void index_members();
    void index_youths();
    void index_incidents();
    void index_meetings();
    void index_actions();
    std::unordered_map<std::string, std::size_t> member_at_, youth_at_, incident_at_, meeting_at_, action_at_;
};

// Every team's actions for the actions screen across all teams: read once when first held
// (Model::hold_all_actions), and again only when the store's revision of actions or action
// updates changes (members or meetings: read again and linked; the hour turning: linked).
// Rows as a team's ActionRow, each pointing into these members and meetings.
struct AllActions {
    std::vector<Member> members;     // every team's
    std::vector<Meeting> meetings;   // every team's, newest first
    std::vector<ActionRow> actions;  // every team's, oldest first (created)
    bool loaded = false;

    const Member* member(const std::string& id) const;
    const Meeting* meeting(const std::string& id) const;
    const ActionRow* action(const std::string& id) const;

private:
    friend class Model;
    std::unordered_map<std::string, std::size_t> member_at_, meeting_at_, action_at_;
    Revisions seen_;
    std::int64_t built_at_ = 0;
};

// What the overview across teams shows of one team, from its rows.
struct TeamFigures {
    std::string team_id;
    int youths_in_care = 0;     // in care today
    int measures = 0;           // registered, all time
    int open_measures = 0;      // started and not ended
    int measures_with_warnings = 0;
    int incidents = 0;
};

// Increases when that part of the model was rebuilt; screens keep their own derived state
// (filtered, sorted lists; forms showing a record) against these.
struct Versions {
    std::uint64_t teams = 0, members = 0, youths = 0, measures = 0, incidents = 0, counts = 0, meetings = 0, actions = 0;
    std::uint64_t all_actions = 0;  // AllActions rebuilt or relinked
    friend bool operator==(const Versions&, const Versions&) = default;
};

class Model {
public:
    Model(Store& store, const Content& content);
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    // The team whose rows the screens show. An unknown or empty id falls back to the first
    // team (by name) at the next refresh. Reads the team's records at the next refresh.
    void set_team(const std::string& team_id);
    // Holds the rows of every team, not only the current one (the overview across teams).
    void hold_all_teams(bool on);
    // Keeps every team's actions up to date at each refresh (the actions screen across all
    // teams). Off: they are left as they were (not freed), and nothing is read for them.
    void hold_all_actions(bool on);
    bool holds_all_actions() const { return hold_all_actions_; }

    // Brings the rows up to date with the store at time `now` (unix seconds): asks the store
    // at most once a second whether another process wrote (Store::poll_changes), reads again
    // only the kinds whose revision changed, and recomputes the time-dependent warnings when
    // the hour turned. Cheap when nothing changed: no read at all.
    void refresh(std::int64_t now);
    // Only the once-a-second question to the store; true when another process wrote (the
    // window then draws a frame). Reads no record.
    bool poll(std::int64_t now);
    // Forgets everything: the next refresh reads it all again ("try again" after a failure).
    void reload_all();

    const std::vector<Team>& teams() const { return teams_; }
    const std::string& team_id() const { return team_id_; }
    const Team* current_team() const;
    // The current team's rows; empty when there is no team.
    const TeamRows& rows() const;
    // Another team's rows, when every team is held (hold_all_teams) or it is the current one.
    const TeamRows* rows_of(const std::string& team_id) const;
    // One entry per held team, in the order of teams().
    const std::vector<TeamFigures>& figures() const { return figures_; }
    // Records of each kind, all teams together.
    const StoreCounts& counts() const { return counts_; }
    const Versions& versions() const { return versions_; }
    // Every team's actions; loaded once they were held at a refresh.
    const AllActions& all_actions() const { return all_actions_; }

    // Short-hands for the current team's rows.
    const std::vector<Member>& members() const { return rows().members; }
    const std::vector<Youth>& youths() const { return rows().youths; }
    const std::vector<MeasureRow>& measures() const { return rows().measures; }
    const std::vector<IncidentRow>& incidents() const { return rows().incidents; }
    const Youth* youth(const std::string& id) const { return rows().youth(id); }
    const Member* member(const std::string& id) const { return rows().member(id); }
    const IncidentRow* incident(const std::string& id) const { return rows().incident(id); }
    const std::vector<Meeting>& meetings() const { return rows().meetings; }
    const std::vector<ActionRow>& actions() const { return rows().actions; }
    const Meeting* meeting(const std::string& id) const { return rows().meeting(id); }
    const ActionRow* action(const std::string& id) const { return rows().action(id); }

private:
    struct Held {
        TeamRows rows;
        Revisions seen;  // the store's revisions these rows were read at
        bool loaded = false;
    };
    void read_teams();
    void choose_team();
    void sync_held();
    // Reads again what changed of one team; true when any of its rows changed.
    bool refresh_team(Held& held, const Revisions& rev, std::int64_t now, bool hour_turned);
    void build_measure_rows(TeamRows& rows, std::vector<Measure> measures, std::int64_t now);
    void relink_measure_rows(TeamRows& rows, std::int64_t now);
    void build_incident_rows(TeamRows& rows, std::vector<Incident> incidents, std::int64_t now);
    void relink_incident_rows(TeamRows& rows, std::int64_t now);
    void build_action_rows(TeamRows& rows, std::vector<Action> actions, std::vector<ActionUpdate> updates, std::int64_t now);
    void relink_action_rows(TeamRows& rows, std::int64_t now);
    void rebuild_figures(std::int64_t now);
    void refresh_all_actions(const Revisions& rev, std::int64_t now);
    void relink_all_actions(std::int64_t now);
    Held* held(const std::string& team_id);

    Store& store_;
    const Content& content_;
    std::string team_id_;
    bool all_teams_ = false;
    bool hold_all_actions_ = false;
    AllActions all_actions_;
    std::vector<Team> teams_;
    std::vector<std::unique_ptr<Held>> held_;  // the current team first, then others if held
    std::vector<TeamFigures> figures_;
    StoreCounts counts_;
    Revisions teams_seen_, counts_seen_;
    bool teams_loaded_ = false, counts_loaded_ = false;
    std::int64_t built_at_ = 0;
    std::optional<std::int64_t> polled_at_;
    Versions versions_;
};

}  // namespace ts::model
