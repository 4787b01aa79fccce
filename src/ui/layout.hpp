// Rows of widgets that wrap instead of running off the right edge when the zoom is large
// (issue 8, finding 1). Between two items of a row, call flow() with the next item's width: it
// stays on the same line when it fits, and starts a new line when it does not.
#pragma once

namespace ts::ui {

// `spacing` is the gap before the next item on the same line (-1: the style's). `right_edge`
// (screen x) is where the line ends, when not at the window's edge: a form's column.
void flow(float next_width, float spacing = -1.0f, float right_edge = 0.0f);
// Whether an item `next_width` wide still fits beside the last one, `gap` after it, before the
// window's right edge or `right_edge` when one is given (flow() and the form's row of field
// groups decide by it).
bool fits_on_line(float next_width, float gap, float right_edge = 0.0f);
// What the next widget will take, for flow(): a button, a checkbox or radio button with its
// label, a text. Labels may hold "##id" or "###id" parts, which are not shown.
float button_width(const char* label);
float checkbox_width(const char* label);
float text_width(const char* text);

// A radio button or checkbox whose label wraps at the window's edge (a long option at a large
// zoom); a click on the label chooses it too. `id` is the widget's hidden id.
bool wrapped_radio(const char* id, const char* text, bool active);
bool wrapped_checkbox(const char* id, const char* text, bool* value);

}  // namespace ts::ui
