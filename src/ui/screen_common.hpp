// What the screens share: the "no team yet" hint, the change history, confirmations, sort
// specs, the form button bar and the period filter (screen_common.cpp).
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "report/document.hpp"
#include "ui/shell.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::ui {

// Shown on register screens while no team exists yet; returns true if it drew the hint.
bool draw_needs_team(Ctx& ctx);
// An incident category's name in the screen's language; the code itself when unknown.
std::string category_name(const Ctx& ctx, const std::string& code);
// "3 ernstig": a severity's number and word, without the explanation in brackets.
std::string severity_short(const Ctx& ctx, int severity);

// The message key of an action's status ("actions.status.in_progress": "bezig").
const char* action_status_key(ActionStatus status);

// A change-history list: who, when, field, old → new.
void draw_history(Ctx& ctx, const std::vector<Change>& history);
// One change as that list shows it, "2026-03-01 19:40  →  2026-03-01 19:45": values as people
// read them. Two different stored values that would read the same are shown in more detail
// (a time with its seconds, else the values as stored), never as "19:40  →  19:40".
std::string change_text(const Ctx& ctx, const Change& change);
// A confirmation popup with a title; returns true when the user confirmed. Open it with
// ImGui::OpenPopup(id) ("###discard"). The safe choice (`keep_label`) has the keyboard focus,
// so Space or Enter keeps; the confirming one is a danger_button.
bool confirm_popup(const char* id, const char* title, const char* question, const char* confirm_label, const char* keep_label);
// Reads a table's sort specs when they changed (column, direction); true then.
bool take_sort_specs(int& column, bool& ascending);

// The bar under a record form: Save (Ctrl+Enter), Cancel (Esc; asks first when there are
// unsaved changes), Delete (asks first; only for stored records). Says what the user chose.
// `keys_hint` is the message key of the key hint after the buttons: "form.keys" names the
// times a form's time fields take, "+15" (minutes after the start) included.
enum class FormAction { none, save, close, remove };
// The height the bar takes under a form's scrolling part (a line for its message included).
float form_buttons_height();
FormAction form_buttons(const char* probe_prefix, bool dirty, bool stored, const std::string& error, const char* delete_question,
                        const char* keys_hint = "form.keys");

// An overview's export: a file name (without extension, in the home folder at first) and two
// buttons, Excel and HTML. A click asks `make` for the document (made then, not per frame) and
// writes it; the result (the file written, or what went wrong) is shown under the buttons.
struct ExportBar {
    std::string path;    // without extension
    std::string result;  // the last export's message
    bool ok = false;
};
void export_bar(const char* probe_prefix, ExportBar& bar, const std::string& default_name,
                const std::function<report::Document()>& make);

// A period filter: two date fields and presets. Returns true when it changed.
bool period_filter(std::string& from_text, std::string& to_text);
// The current team holds its measures and incidents from rows().since on (model::Model). For
// a list of them: asks for the older ones when its period filter starts before that.
void hold_for_period(Ctx& ctx, const std::string& from_text);
// For a list of them with no period set, when older ones are not held: from when they are
// shown, and a button that shows a year more. On the line of the list's count.
void held_window_note(Ctx& ctx, std::size_t held, std::int64_t all);
// Whether to draw a list's filters. On a wide screen always; at a large zoom they fold under one
// button ("Filters (2)"), closed at first, so the list keeps its rows. `active`: the filters set.
bool filters_shown(bool& open, int active);

}  // namespace ts::ui
