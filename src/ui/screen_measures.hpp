// The measures register: its list with filters, and the measure form.
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

// The measure form's state: what it shows, beside the record it was opened from. Saving
// starts from that record and writes only the fields the user edited (see FormField).
struct MeasureForm {
    bool open = false;
    bool dirty = false;
    std::optional<Measure> stored;  // the record as opened; empty for a new measure
    FormField<std::string> youth_code;
    FormField<std::string> type{"physical_hold"};
    TimeField start, end;
    FormField<std::string> reason;
    FormField<bool> emergency{true};  // else in the care plan
    FormField<std::string> consent_by;
    TimeField consent;
    FormField<std::string> decided_by;
    TimeField parents, debrief;
    FormField<std::string> incident_id;
    FormField<std::string> notes;
    std::vector<FieldProblem> problems;  // those shown now (see FormCheck)
    FormCheck check;
    bool focus = false;  // the first field takes the keyboard focus in the next frame
    std::vector<Change> history;
    std::string error;
};

class MeasuresScreen {
public:
    void draw(Ctx& ctx);
    // Opens an empty form; with an incident, prefilled from it (youth, time, link).
    void open_new(Ctx& ctx, const Incident* from_incident = nullptr);
    void open_existing(Ctx& ctx, const Measure& m);
    bool form_open() const { return form_.open; }
    // The list with only these filters set (a figure clicked through to its records).
    void show_filtered(const request::ListFilter& f);
    // Rows shown in the list (after filters and sorting), as indices into the cache.
    const std::vector<std::size_t>& visible_rows() const { return rows_; }

private:
    void draw_filters(Ctx& ctx);
    void draw_list(Ctx& ctx);
    void draw_form(Ctx& ctx);
    void rebuild_rows(Ctx& ctx);
    // Validates the form and posts the save; the form closes once the store took it.
    void save(Ctx& ctx);
    void close_form();
    // The form as a record: the stored one with the edited fields written over it, or for a
    // new measure all fields (no id or timestamps of its own). Text that is not a time is left
    // out and, when `problems` is given, reported there.
    Measure form_measure(const Ctx& ctx, std::int64_t now, std::vector<FieldProblem>* problems) const;
    // Every problem of what the form holds now, as saving would find them.
    std::vector<FieldProblem> live_problems(const Ctx& ctx, std::int64_t now) const;
    // The youth the form's measure is about (the stored one while the code is unedited).
    const Youth* form_youth(const Ctx& ctx) const;

    // The long lists of the form, kept between frames and made again only when what they
    // depend on changed (issue 12: no loop over every record of the team per frame).
    // The incident drop-down: indices into the model's incidents within a week of the start
    // (all without a start), newest first.
    const std::vector<std::size_t>& incident_choices(Ctx& ctx, std::optional<std::int64_t> start);
    // The youths whose code matches what was typed, in rank_codes' order (indices into the
    // model's youths).
    const std::vector<std::size_t>& youth_choices(const Ctx& ctx, const std::string& typed);
    // The youth with this code, and the incident with this id, in the model's rows (or null).
    const Youth* youth_by_code(const Ctx& ctx, const std::string& code) const;
    const IncidentRow* incident_by_id(const Ctx& ctx, const std::string& id) const;

    // What a cached list was made from: the team, the version of its rows, and a key.
    template <typename Key>
    struct Cached {
        std::string team_id;
        std::uint64_t version = 0;
        Key key{};
        bool built = false;
        bool fresh(const std::string& team, std::uint64_t v, const Key& k) const { return built && team_id == team && version == v && key == k; }
        void made(const std::string& team, std::uint64_t v, Key k) { team_id = team, version = v, key = std::move(k), built = true; }
    };
    Cached<std::optional<std::int64_t>> incident_choices_made_;
    std::vector<std::size_t> incident_choices_;
    Cached<std::pair<std::string, Date>> youth_choices_made_;
    std::vector<std::size_t> youth_choices_;
    mutable Cached<std::string> youth_by_code_made_, incident_by_id_made_;
    mutable std::size_t youth_by_code_ = 0, incident_by_id_ = 0;  // an index, or the size: none

    std::string from_text_, to_text_, youth_filter_, type_filter_;
    bool warnings_only_ = false;
    bool filters_open_ = false;  // at a large zoom
    std::vector<std::size_t> rows_;
    std::uint64_t rows_revision_ = 0;
    bool rows_dirty_ = true;
    int sort_column_ = 0;
    bool sort_ascending_ = false;
    MeasureForm form_;
};

}  // namespace ts::ui
