// Small drawing helpers shared by the screens. Sizes are in multiples of the font size.
#pragma once

#include "core/validation.hpp"
#include "ui/fonts.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ts::ui {

// `n` font heights in pixels (layouts scale with zoom).
float em(float n);
ImVec2 em(float x, float y);

void heading(const Fonts& fonts, const char* text);
void subheading(const Fonts& fonts, const char* text);
void muted(const char* text);           // wrapped, muted colour
void paragraph(const char* text);       // wrapped running text (at the reading width, if one is pushed)
void bullet_paragraph(const char* text);
// A selectable whose label wraps within `width` (long guideline titles). `id` is "##something".
bool wrapped_selectable(const char* id, const char* text, bool selected, float width);
// A wide button in the accent colour; returns true when pressed.
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A message box of one colour with a symbol, e.g. a warning "▲ …" or an error "✕ …".
enum class Tone { info, ok, warn, bad };
void notice(Tone tone, const char* text);
// A field's validation message under it (vermillion, with a symbol).
void field_error(const std::string& message);

// --- forms ---------------------------------------------------------------------------------

// A label above a field, in the muted colour.
void field_label(const char* text);
// The messages of `problems` for `field`, under the field.
void field_problems(const std::vector<FieldProblem>& problems, const char* field);
bool has_problem(const std::vector<FieldProblem>& problems, const char* field);
// "1 u 05 min" / "1 h 05 min": a duration in the UI language.
std::string duration_text(std::int64_t seconds);

// --- editing a stored record ---------------------------------------------------------------
//
// A form shows some values in less detail than they are stored: a timestamp to the minute, a
// youth's id as its code, two flags as one choice. Turning that text back into a record would
// change values nobody touched. So a form remembers what each field showed when the record was
// opened, and saves by starting from the stored record and writing only the fields whose value
// is no longer what they showed (`edited()`). A value is never rebuilt from its text unless the
// user changed that text.

// One field of a record form: the value the form edits, and the value it showed on opening.
template <class T>
struct FormField {
    T value{};
    T shown{};
    FormField() = default;
    FormField(T v) : value(v), shown(std::move(v)) {}  // NOLINT: a form field starts as a value
    void load(T v) {
        value = v;
        shown = std::move(v);
    }
    bool edited() const { return value != shown; }
};

// A date-time field of a record form. It shows a stored timestamp as local date and time to
// the minute, and gives the stored text back unchanged ("…T12:22:23Z", seconds, offset and
// all) while its text still reads what it showed. A text the user changed is what it says:
// resolved with parse_when(), to the minute.
struct TimeField {
    std::string text;                   // what the field shows and the user edits
    std::string shown;                  // the text it showed when loaded
    std::optional<std::string> source;  // the timestamp it was loaded from
    // Loads a stored timestamp, or none (an empty field). A text that is no timestamp is shown as it is.
    void load(const std::optional<std::string>& timestamp);
    bool edited() const { return text != shown; }
    // The instant the field stands for: the stored one while unedited (to the second), else
    // what the text resolves to. Nullopt for an empty or unreadable text.
    std::optional<std::int64_t> instant(std::optional<std::int64_t> base, std::int64_t now) const;
    // What to store: the loaded timestamp as it was while unedited; none for an empty text; a
    // new UTC timestamp for a text that resolves. Text that is no time gives none and sets
    // `unreadable`.
    std::optional<std::string> timestamp(std::optional<std::int64_t> base, std::int64_t now, bool* unreadable = nullptr) const;
};

// A date-time field that takes what people type: "2026-03-01 14:05", "14:05", "nu"/"now",
// "+15" (minutes after `base`). Shows what the text resolves to; on leaving the field a
// changed text is rewritten to the full date and time. `field.instant()` is what it stands
// for. Returns true when the text changed.
bool when_field(const char* id, TimeField& field, std::optional<std::int64_t> base, std::int64_t now, float width);
// A date field ("YYYY-MM-DD"); an empty text is allowed when `optional`.
bool date_field(const char* id, std::string& text, float width);

}  // namespace ts::ui
