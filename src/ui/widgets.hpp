// Small drawing helpers shared by the screens. Sizes are in multiples of the font size.
#pragma once

#include "core/validation.hpp"
#include "ui/fonts.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
// Bullet paragraphs, one per line, of which only those in sight are laid out (a long list in
// a scrolling page costs what is on screen, issue 12). Each line's height, once drawn at a
// width, is kept; a line out of sight is a Dummy of that height. The owner calls forget()
// whenever it makes the lines again.
class BulletList {
public:
    void draw(const std::vector<std::string>& lines);
    void forget() { heights_.clear(); }

private:
    std::vector<float> heights_;  // per line at width_; 0 while not drawn yet
    float width_ = -1;
};
// A selectable whose label wraps within `width` (long guideline titles). `id` is "##something".
bool wrapped_selectable(const char* id, const char* text, bool selected, float width);
// A wide button in the accent colour; returns true when pressed.
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A button for what cannot be undone (discard, delete): white on the error colour, with a
// "✕" so it does not rely on colour alone.
bool danger_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A message box of one colour with a symbol, e.g. a warning "▲ …" or an error "✕ …".
enum class Tone { info, ok, warn, bad };
void notice(Tone tone, const char* text);
// A field's validation message under it (vermillion, with a symbol).
void field_error(const std::string& message);

// --- forms ---------------------------------------------------------------------------------

// A label above a field, in the muted colour.
void field_label(const char* text);
// The messages of `problems` for `field`, under the field, on a line kept free for them: the
// line is there with or without a message, so nothing below moves when one appears or goes.
// The message wraps within `width` (0: the wider of the last item and the item width) and never makes
// the field's column wider.
void field_problems(const std::vector<FieldProblem>& problems, const char* field, float width = 0);
// The messages of several fields of a one-row form, in a fixed area under the row (one line
// kept free): "✕ Code: …", one line each (cut with "…", the whole on hover). A message never
// pushes the row's fields sideways.
void row_problems(const std::vector<FieldProblem>& problems, const std::vector<std::pair<const char*, const char*>>& fields_and_labels);

// The width of a form's column: two columns side by side when there is room (30 em at most
// each), else one column of the whole width (a narrow window, a high zoom).
float form_column_width();
bool form_two_columns();
// Starts the next column of a form at `top`, `gap` to the right of the last group. Its first
// label sits at the same height as the first column's (SameLine alone would align it to the
// last framed item of the column before).
void next_column(float top, float gap);
// In a row of field groups: the next group (`label` over a field of `field_width`) goes
// beside the last one, starting at `top`, when it fits in the window; else it starts a new
// line of the row (and `top` becomes that line's top). Nothing leaves the window sideways.
void next_group(float& top, const char* label, float field_width);
// Gives the next item keyboard focus once, when `pending` is set (a form that just opened),
// so what is typed right away lands in the first field.
void focus_first(bool& pending);
// Makes the next combo, radio button or checkbox (drawn with `label`) a Tab stop: ImGui 1.86
// tabs through text fields only. Arriving by Tab only focuses it (ImGui would press it:
// open the list, toggle the box); Space then works it as usual. Close with end_tab_stop().
void tab_stop(const char* label);
void end_tab_stop();
// Call once at the start of a frame: Tab from a focused item that is not a text being edited
// (a list, a radio button) goes on to the next field, not back to the first (ImGui 1.86
// restarts tabbing whenever no text field is active). Up/Down on a focused tab stop move to the
// previous/next field in Tab order too, never sideways into a form's other column.
void continue_tabbing();
// Call right before an InputText with the same id: Esc then leaves the field and keeps what
// was typed (ImGui 1.86 would put back the text from before the edit).
void escape_keeps_text(const char* id);
// A one-line text field that keeps its text on Esc.
bool text_field(const char* id, std::string& text, const char* hint = nullptr, ImGuiInputTextFlags flags = 0);
// A text of several lines (reason, notes, description): wraps at the field's width, keeps its
// text on Esc, and shows "4 812 / 5 000" under it once the text nears `limit` bytes.
bool text_area(const char* id, std::string& text, std::size_t limit, float width, float lines = 4);
// Whether the last text field was just left with Enter (a one-line form submits then).
bool left_with_enter();
// Whether the last field (text, date, time) was just left after an edit: its problems show
// from then on (see FormCheck).
bool left_after_edit();

// Live validation for a form. Problems of a field show once the user left it after an edit,
// or everywhere once a save was tried; they are worked out again every frame, so a fixed
// problem disappears at once.
struct FormCheck {
    bool tried = false;               // a save was tried
    std::vector<std::string> touched; // fields left after an edit
    void touch(const char* field);    // marks `field` when left_after_edit()
    // The problems to show out of all those the form has now.
    std::vector<FieldProblem> shown(const std::vector<FieldProblem>& all) const;
};
// "4 812": a count with a (non-breaking) space between thousands, as Dutch writes it.
std::string grouped(std::size_t n);
// `text` cut to `width` pixels with "…"; the full text shows in a tooltip on hover. Only its
// first line is shown.
void text_ellipsis(const std::string& text, float width);
// `text` cut to fit `width` pixels with "…" at the end (whole code points), as measured by
// `measure`; the text itself when it fits.
template <typename Measure>
std::string_view fitting_prefix(std::string_view text, float width, float ellipsis_width, Measure&& measure);

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
// `probe_name`: the field's probe (ui/probe.hpp), taken before the "unknown date" mark after it.
bool date_field(const char* id, std::string& text, float width, const char* probe_name = nullptr);
// A number with `decimals` decimals and the language's decimal sign ("78,1" / "78.1").
std::string number_text(double value, int decimals, Lang lang);
// "wo 11 mrt 2026" / "Wed 11 Mar 2026": a day as people say it.
std::string day_text(const Date& d);
// "mrt 2026" / "Mar 2026": a month.
std::string month_text(const Date& d);

template <typename Measure>
std::string_view fitting_prefix(std::string_view text, float width, float ellipsis_width, Measure&& measure) {
    if (measure(text) <= width) return text;
    // The ends of whole UTF-8 code points, then the longest prefix that leaves room for "…".
    std::vector<std::size_t> ends;
    for (std::size_t i = 1; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
    std::size_t lo = 0, hi = ends.size();  // the answer is ends[k-1] for the largest fitting k (0: nothing)
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (measure(text.substr(0, ends[mid - 1])) + ellipsis_width <= width) lo = mid;
        else hi = mid - 1;
    }
    std::string_view prefix = lo == 0 ? std::string_view() : text.substr(0, ends[lo - 1]);
    while (!prefix.empty() && prefix.back() == ' ') prefix.remove_suffix(1);
    return prefix;
}

}  // namespace ts::ui
