// The incidents register: its list with filters, and the incident form.
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

// The incident form's state, kept like the measure form's.
struct IncidentForm {
    bool open = false;
    bool dirty = false;
    std::optional<Incident> stored;  // the record as opened; empty for a new incident
    TimeField when;
    FormField<std::string> category{"aggression_verbal"};
    FormField<int> severity{1};
    FormField<std::vector<std::string>> youth_ids;
    FormField<std::string> description, response, follow_up;
    FormField<bool> reportable{false};
    // Reportable incidents: "YYYY-MM-DD" as typed; empty = not (yet).
    FormField<std::string> reported_on, concluded_on;
    std::vector<FieldProblem> problems;  // those shown now (see FormCheck)
    FormCheck check;
    bool focus = false;  // the first field takes the keyboard focus in the next frame
    std::vector<Change> history;
    std::string error;
};

class IncidentsScreen {
public:
    void draw(Ctx& ctx);
    void open_new(Ctx& ctx);
    void open_existing(Ctx& ctx, const Incident& i);
    bool form_open() const { return form_.open; }
    // The list with only these filters set (a figure clicked through to its records).
    void show_filtered(const request::ListFilter& f);
    const std::vector<std::size_t>& visible_rows() const { return rows_; }

private:
    void draw_filters(Ctx& ctx);
    void draw_list(Ctx& ctx);
    void draw_form(Ctx& ctx);
    // Under "reportable": the deadline, the dates of the report and the investigation, and
    // the rule warnings of the incident as the form holds it. Returns true when a field changed.
    bool draw_report(Ctx& ctx, std::optional<std::int64_t> at, std::int64_t now);
    void rebuild_rows(Ctx& ctx);
    // Validates the form and posts the save; the form closes once the store took it, and
    // with `then_add_measure` the measures screen opens a new measure prefilled from it.
    void save(Ctx& ctx, bool then_add_measure);
    // The form as a record, built like MeasuresScreen::form_measure().
    Incident form_incident(const Ctx& ctx, std::int64_t now) const;
    // Every problem of what the form holds now, as saving would find them.
    std::vector<FieldProblem> live_problems(const Ctx& ctx, std::int64_t now) const;
    void close_form();

    // The form's lists, kept between frames and made again only when what they depend on
    // changed (issue 12: no loop over every record of the team per frame): the youths in care
    // on a day, and the measures linked to an incident (indices into the model's rows).
    const std::vector<std::size_t>& youths_in_care(const Ctx& ctx, const Date& day);
    const std::vector<std::size_t>& linked_measures(const Ctx& ctx, const std::string& incident_id);
    struct Made {
        std::string team_id, key;
        std::uint64_t version = 0;
        bool built = false;
        bool fresh(const Ctx& ctx, std::uint64_t v, const std::string& k) const;
    };
    Made in_care_made_, linked_made_;
    std::vector<std::size_t> in_care_, linked_;

    std::string from_text_, to_text_, category_filter_;
    int min_severity_ = 1;
    // One severity only, as a figure clicked through asks (the overview's bar of "3 ernstig");
    // shown among the filters with a button that clears it. 0: none.
    int exact_severity_ = 0;
    bool reportable_only_ = false, warnings_only_ = false;
    bool filters_open_ = false;  // at a large zoom
    std::vector<std::size_t> rows_;
    std::uint64_t rows_revision_ = 0;
    bool rows_dirty_ = true;
    int sort_column_ = 0;
    bool sort_ascending_ = false;
    IncidentForm form_;
};

}  // namespace ts::ui
