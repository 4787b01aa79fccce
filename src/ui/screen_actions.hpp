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
    // Rows shown in the list (after filters and sorting), as indices into the model's actions.
    const std::vector<std::size_t>& visible_rows() const { return rows_; }

private:
    void draw_filters(Ctx& ctx);
    void draw_list(Ctx& ctx);
    void draw_form(Ctx& ctx);
    void draw_updates(Ctx& ctx);
    void rebuild_rows(Ctx& ctx);
    void save(Ctx& ctx);
    void close_form();
    // The form as a record: the stored one with the edited fields written over it (a status
    // set as set_action_status does), or for a new action all fields.
    Action form_action(const Ctx& ctx, std::int64_t now) const;
    std::vector<FieldProblem> live_problems(const Ctx& ctx, std::int64_t now) const;

    StatusFilter status_filter_ = StatusFilter::working;
    std::string owner_filter_, block_filter_, meeting_filter_;
    bool overdue_only_ = false, stale_only_ = false;
    bool filters_open_ = false;  // at a large zoom
    std::vector<std::size_t> rows_;
    std::uint64_t rows_version_ = 0;
    bool rows_dirty_ = true;
    int sort_column_ = 2;  // the due date, soonest first
    bool sort_ascending_ = true;
    ActionForm form_;
};

}  // namespace ts::ui
