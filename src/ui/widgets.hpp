// Small drawing helpers shared by the screens. Sizes are in multiples of the font size.
#pragma once

#include "ui/fonts.hpp"

#include <imgui.h>

#include <string>

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

}  // namespace ts::ui
