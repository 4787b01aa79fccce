// One class per screen; each has its own file (screen_<name>.cpp) and keeps its own state.
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "ui/shell.hpp"
#include "ui/widgets.hpp"

#include <string>

namespace ts::ui {

class WelcomeScreen {
public:
    void draw(Ctx& ctx);

private:
    std::string name_, location_;
    int capacity_ = 8;
    int goal_pct_ = 30;
    std::vector<FieldProblem> problems_;
    std::string error_;
};

class GuidelineScreen {
public:
    void draw(Ctx& ctx);
    // 0..3 building blocks, 4 = "Aan de slag met de richtlijn", 5 = the spearhead agenda.
    int selected() const { return selected_; }
    void select(int index) { selected_ = index; }

private:
    int selected_ = 0;
    std::optional<Lang> text_lang_;  // the guideline's language, may differ from the UI's
};

class MeetingScreen {
public:
    void draw(Ctx& ctx);
};
class ActionsScreen {
public:
    void draw(Ctx& ctx);
};
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
    std::vector<FieldProblem> problems;
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
    // The youth the form's measure is about (the stored one while the code is unedited).
    const Youth* form_youth(const Ctx& ctx) const;

    std::string from_text_, to_text_, youth_filter_, type_filter_;
    bool warnings_only_ = false;
    std::vector<std::size_t> rows_;
    std::uint64_t rows_revision_ = 0;
    bool rows_dirty_ = true;
    int sort_column_ = 0;
    bool sort_ascending_ = false;
    MeasureForm form_;
};

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
    std::vector<FieldProblem> problems;
    std::vector<Change> history;
    std::string error;
};

class IncidentsScreen {
public:
    void draw(Ctx& ctx);
    void open_new(Ctx& ctx);
    void open_existing(Ctx& ctx, const Incident& i);
    bool form_open() const { return form_.open; }
    const std::vector<std::size_t>& visible_rows() const { return rows_; }

private:
    void draw_filters(Ctx& ctx);
    void draw_list(Ctx& ctx);
    void draw_form(Ctx& ctx);
    void rebuild_rows(Ctx& ctx);
    // Validates the form and posts the save; the form closes once the store took it, and
    // with `then_add_measure` the measures screen opens a new measure prefilled from it.
    void save(Ctx& ctx, bool then_add_measure);
    // The form as a record, built like MeasuresScreen::form_measure().
    Incident form_incident(const Ctx& ctx, std::int64_t now) const;
    void close_form();

    std::string from_text_, to_text_, category_filter_;
    int min_severity_ = 1;
    bool reportable_only_ = false, warnings_only_ = false;
    std::vector<std::size_t> rows_;
    std::uint64_t rows_revision_ = 0;
    bool rows_dirty_ = true;
    int sort_column_ = 0;
    bool sort_ascending_ = false;
    IncidentForm form_;
};

// The team screen's three forms, kept like the measure form: each field remembers what it
// showed when its record was loaded, and saving starts from the record as the store has it
// then and writes only the fields the user edited (see FormField).
struct TeamForm {
    std::optional<Team> stored;  // the current team as loaded; empty before the first draw
    FormField<std::string> name, location;
    FormField<int> capacity;
    FormField<double> goal;  // reduction_goal_pct, shown in full (12.5, not "12")
    FormField<bool> active{true};
    std::vector<FieldProblem> problems;
};
struct MemberForm {
    std::optional<Member> stored;  // the member as opened; empty for a new member
    FormField<std::string> name;
    FormField<Role> role{Role::group_worker};
    FormField<bool> active{true};
    std::vector<FieldProblem> problems;
};
struct YouthForm {
    std::optional<Youth> stored;  // the youth as opened; empty for a new youth
    FormField<std::string> code;
    FormField<std::string> age;  // years at admission as typed; empty = unknown (0 is an age)
    FormField<std::string> admitted_on;
    FormField<std::string> discharged_on;  // empty = not discharged
    FormField<CareSetting> setting{CareSetting::open};
    std::vector<FieldProblem> problems;
};

// Team details, team members and youths (by pseudonym code).
class TeamScreen {
public:
    void draw(Ctx& ctx);

private:
    void draw_team(Ctx& ctx);
    void draw_members(Ctx& ctx);
    void draw_youths(Ctx& ctx);
    void save_team(Ctx& ctx);
    void save_member(Ctx& ctx);
    void save_youth(Ctx& ctx);

    TeamForm team_;
    MemberForm member_;
    YouthForm youth_;
    model::Versions seen_versions_;  // the model's versions the forms last followed
    bool show_discharged_ = false;
    std::string error_;
};
class OverviewScreen {
public:
    void draw(Ctx& ctx);
};
class SettingsScreen {
public:
    void draw(Ctx& ctx);

private:
    void draw_exchange(Ctx& ctx);
    std::string export_path_, import_path_;
    bool export_all_teams_ = false;
    Anonymize anonymize_ = Anonymize::none;
    Tone result_tone_ = Tone::info;
    std::string result_;
};

// Shown on register screens while no team exists yet; returns true if it drew the hint.
bool draw_needs_team(Ctx& ctx);

// A change-history list: who, when, field, old → new.
void draw_history(Ctx& ctx, const std::vector<Change>& history);
// One change as that list shows it, "2026-03-01 19:40  →  2026-03-01 19:45": values as people
// read them. Two different stored values that would read the same are shown in more detail
// (a time with its seconds, else the values as stored), never as "19:40  →  19:40".
std::string change_text(const Ctx& ctx, const Change& change);
// A confirmation popup; returns true when the user confirmed. Open it with ImGui::OpenPopup(id).
bool confirm_popup(const char* id, const char* question, const char* confirm_label);
// Reads a table's sort specs when they changed (column, direction); true then.
bool take_sort_specs(int& column, bool& ascending);

// The bar under a record form: Save (Ctrl+Enter), Cancel (Esc; asks first when there are
// unsaved changes), Delete (asks first; only for stored records). Says what the user chose.
enum class FormAction { none, save, close, remove };
FormAction form_buttons(const char* probe_prefix, bool dirty, bool stored, const std::string& error, const char* delete_question);

// A period filter: two date fields and presets. Returns true when it changed.
bool period_filter(std::string& from_text, std::string& to_text);

}  // namespace ts::ui
