// Small drawing helpers shared by the screens. Sizes are in multiples of the font size.
#pragma once

#include "core/validation.hpp"
#include "ui/fonts.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
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

// A date-time field that takes what people type: "2026-03-01 14:05", "14:05", "nu"/"now",
// "+15" (minutes after `base`). Shows what the text resolves to; on leaving the field the
// text is rewritten to the full date and time. `resolved` is set when the text is valid.
// Returns true when the text changed.
bool when_field(const char* id, std::string& text, std::optional<std::int64_t> base, std::int64_t now,
                std::optional<std::int64_t>& resolved, float width);
// A date field ("YYYY-MM-DD"); an empty text is allowed when `optional`.
bool date_field(const char* id, std::string& text, float width);

}  // namespace ts::ui
