// DejaVu Sans at the scaled pixel size, with glyphs for Dutch text and our symbols.
#pragma once

#include <imgui.h>

#include <string>

namespace ts::ui {

struct Fonts {
    ImFont* body = nullptr;     // running text
    ImFont* bold = nullptr;     // labels, table headers
    ImFont* heading = nullptr;  // screen titles (1.5x)
    ImFont* display = nullptr;  // the one large thing of a step (2.4x)
    // The meeting's presenter view, read from the back of the room: running text (1.25x, 30 px
    // at zoom 100 %) and its labels.
    ImFont* present = nullptr;
    ImFont* present_bold = nullptr;
    float body_px = 0;
};

// Base body size in pixels at zoom 100 % on a 1x monitor: readable from three metres at 1080p.
constexpr float kBaseFontPx = 24.0f;

// Glyph ranges: Latin-1, Latin Extended-A, general punctuation (– ‘ ’ “ ” …), €, arrows,
// geometric shapes and check marks used as status symbols.
const ImWchar* glyph_ranges();

// Clears `atlas` and adds the fonts at `body_px`. Throws std::runtime_error naming the missing file.
Fonts build_fonts(ImFontAtlas& atlas, float body_px);

std::string font_path(const char* file);

}  // namespace ts::ui
