// The team's register of actions: its list with filters, and the action form with the change
// history and the updates given in meetings.
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "ui/shell.hpp"
#include "ui/screen_common.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::ui {

// The action form's state, kept like the measure form's: saving starts from the record as
// opened and writes only the fields the user edited (FormField).
struct ActionForm {
    bool open = false;
    bool dirty = false;
    std::optional<Action> stored;  // the record as opened; empty for a new action
    FormField<std::string> title, description;
    FormField<std::string> owner_id;  // "" = nobody
    FormField<std::string> due_on;    // "YYYY-MM-DD" as typed; "" = none
    FormField<ActionStatus> status{ActionStatus::open};
    FormField<std::string> guideline_ref, incident_id;  // "" = none
    std::vector<FieldProblem> problems;  // those shown now (see FormCheck)
    FormCheck check;
    bool focus = false;  // the first field takes the keyboard focus in the next frame
    std::vector<Change> history;
    std::string error;
    // Another team's action, opened from the list across all teams: shown, not edited (its
    // owner and incident are that team's; switch to the team to edit it). Its incident, read
    // once when opened: the model holds the current team's incidents only.
    bool other_team = false;
    std::string incident_text;
};

// Which statuses the list shows.
enum class StatusFilter { working, all, open, in_progress, done, dropped };

class ActionsScreen {
public:
    void draw(Ctx& ctx);
    void open_new(Ctx& ctx);
    void open_existing(Ctx& ctx, const Action& a);
    bool form_open() const { return form_.open; }
    // The list with only these filters set (a figure clicked through to its records).
    void show_filtered(const request::ListFilter& f);
    // Rows shown in the list (after filters and sorting), as indices into listed(): the
    // model's actions of the team, or across all teams every team's (model::AllActions).
    const std::vector<std::size_t>& visible_rows() const { return rows_; }
    // How often the rows were filtered and sorted again (for tests: not in a frame where nothing changed).
    std::uint64_t rebuilds() const { return rebuilds_; }
    const std::vector<model::ActionRow>& listed(const Ctx& ctx) const;
    const std::vector<model::ActionRow>& listed(const model::Model& model) const;
    // "This team / All teams": remembered while the program runs (the screen lives as long).
    // The shell holds every team's actions in the model (Model::hold_all_actions) while this
    // screen shows them.
    bool all_teams() const { return all_teams_; }
    void set_all_teams(bool on);

private:
    void draw_scope(Ctx& ctx);
    void draw_filters(Ctx& ctx);
    void draw_list(Ctx& ctx);
    void draw_form(Ctx& ctx);
    void draw_updates(Ctx& ctx);
    void rebuild_rows(Ctx& ctx);
    void save(Ctx& ctx);
    void close_form();
    // The open action's row: the current team's, or another team's from every team's actions.
    const model::ActionRow* form_row(const Ctx& ctx) const;
    // The form as a record: the stored one with the edited fields written over it (a status
    // set as set_action_status does), or for a new action all fields.
    Action form_action(const Ctx& ctx, std::int64_t now) const;
    std::vector<FieldProblem> live_problems(const Ctx& ctx, std::int64_t now) const;

    StatusFilter status_filter_ = StatusFilter::working;
    std::string owner_filter_, block_filter_, meeting_filter_;
    bool all_teams_ = false;
    std::string team_filter_;  // across all teams: "" = every team
    bool overdue_only_ = false, stale_only_ = false;
    bool filters_open_ = false;  // at a large zoom
    std::vector<std::size_t> rows_;
    std::uint64_t rows_version_ = 0;
    bool rows_dirty_ = true;
    std::uint64_t rebuilds_ = 0;
    // The owner filter's members and the widest of their names (and of their teams' names),
    // made again only when the members, the team filter, the language or the font changed:
    // across all teams they are every team's members, measured every frame before (issue 12).
    struct Owners {
        std::vector<const Member*> members;
        float names_w = 0, teams_w = 0;
        std::string widest_team;  // the team name that is widest on screen, and its width
        float widest_team_w = 0;
        bool all_teams = false, built = false;
        std::string team_id, team_filter;
        std::uint64_t members_version = 0, all_version = 0, teams_version = 0;
        Lang lang = Lang::nl;
        float font_size = 0;
    };
    Owners owners_;
    const Owners& owners(Ctx& ctx);  // owners_, made again when what it depends on changed
    int sort_column_ = 2;  // the due date, soonest first
    bool sort_ascending_ = true;
    // Across all teams the list has a Team column (index 1) and keeps its own sort.
    int all_sort_column_ = 3;
    bool all_sort_ascending_ = true;
    ActionForm form_;
};

}  // namespace ts::ui
