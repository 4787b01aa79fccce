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
// measures and incidents newest first). Of measures and incidents, only a window is held: those
// since `since`, and the older measures taken in those incidents (Model::hold_since).
struct TeamRows {
    std::string team_id;
    std::int64_t since = 0;  // unix seconds: the measures and incidents held start here
    std::vector<Member> members;
    std::vector<Youth> youths;
    std::vector<MeasureRow> measures;
    std::vector<IncidentRow> incidents;
    std::vector<Meeting> meetings;   // newest first
    std::vector<ActionRow> actions;  // oldest first (created)
    // Older incidents than the window that a held measure or an action refers to, so that
    // they are found by id (incident()); not in the lists.
    std::vector<IncidentRow> referred;
    // All the team's measures and incidents, also those before the window.
    std::int64_t all_measures = 0, all_incidents = 0;

    // By id, through an index made when the list was read (Model keeps them up to date).
    const Youth* youth(const std::string& id) const;
    const Member* member(const std::string& id) const;
    const MeasureRow* measure(const std::string& id) const;
    const IncidentRow* incident(const std::string& id) const;  // the window's or a referred one
    const Meeting* meeting(const std::string& id) const;
    const ActionRow* action(const std::string& id) const;

private:
    friend class Model;
    std::unordered_map<std::string, std::size_t> member_at_, youth_at_, measure_at_, incident_at_, referred_at_, meeting_at_,
        action_at_;
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
    // Keeps every team's actions up to date at each refresh (the actions screen across all
    // teams). Off: they are left as they were (not freed), and nothing is read for them.
    void hold_all_actions(bool on);
    bool holds_all_actions() const { return hold_all_actions_; }
    // The current team's measures and incidents are held from the first day of the month
    // kWindowMonths before this one (a day's or a saved record's work reads only that); a
    // screen that shows older ones (a filter, "show earlier", a meeting's period) asks for
    // them here, and they are read at the next refresh. Only ever widens, until the team
    // changes.
    static constexpr int kWindowMonths = 3;
    void hold_since(std::int64_t since);
    // Whether the measures and incidents are wanted at all (on by default). The window turns
    // it off until a screen that shows them is opened: a start on the meeting's first page or
    // the overview reads none. Once read they are kept up to date, whatever this says.
    void want_registers(bool on) { registers_wanted_ = on; }
    bool holds_registers() const { return registers_loaded_; }
    // The window's start that the next refresh holds at time `now`.
    std::int64_t window_start(std::int64_t now) const;

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
    const Team* team(const std::string& id) const;  // by id, hashed; null when none
    // The current team's rows; empty when there is no team.
    const TeamRows& rows() const;
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
    const MeasureRow* measure(const std::string& id) const { return rows().measure(id); }
    const IncidentRow* incident(const std::string& id) const { return rows().incident(id); }
    const std::vector<Meeting>& meetings() const { return rows().meetings; }
    const std::vector<ActionRow>& actions() const { return rows().actions; }
    const Meeting* meeting(const std::string& id) const { return rows().meeting(id); }
    const ActionRow* action(const std::string& id) const { return rows().action(id); }

private:
    void read_teams();
    void choose_team();
    // Reads again what changed of the current team; true when any of its rows changed.
    bool refresh_team(const Revisions& rev, std::int64_t now, bool hour_turned);
    void read_measures_and_incidents(std::int64_t now);
    // Puts back the records `ids` as stored now (saved, changed or deleted); false when they
    // are too many to be worth it (then all is read again).
    bool patch_measures(const std::vector<std::string>& ids, std::int64_t now);
    bool patch_incidents(const std::vector<std::string>& ids);
    void read_referred();
    void link_measure_row(MeasureRow& row, std::int64_t now) const;
    void link_incident_row(IncidentRow& row, const std::unordered_map<std::string, int>& linked, std::int64_t now) const;
    void relink_measure_rows(std::int64_t now);
    void relink_incident_rows(std::int64_t now);
    void build_action_rows(std::vector<Action> actions, std::vector<ActionUpdate> updates, std::int64_t now);
    void relink_action_rows(std::int64_t now);
    void refresh_all_actions(const Revisions& rev, std::int64_t now);
    void relink_all_actions(std::int64_t now);

    Store& store_;
    const Content& content_;
    std::string team_id_;
    bool hold_all_actions_ = false;
    AllActions all_actions_;
    std::vector<Team> teams_;
    std::unordered_map<std::string, std::size_t> team_at_;
    TeamRows rows_;      // the current team's
    Revisions seen_;     // the store's revisions rows_ were read at
    bool loaded_ = false;
    bool registers_wanted_ = true, registers_loaded_ = false;  // the measures and incidents
    std::optional<std::int64_t> wanted_since_;  // hold_since, for the current team
    StoreCounts counts_;
    Revisions teams_seen_, counts_seen_;
    bool teams_loaded_ = false, counts_loaded_ = false;
    std::int64_t built_at_ = 0;
    std::optional<std::int64_t> polled_at_;
    Versions versions_;
};

}  // namespace ts::model
