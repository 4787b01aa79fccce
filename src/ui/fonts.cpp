#include "ui/fonts.hpp"

#include <filesystem>
#include <stdexcept>

#ifndef TEAMSPIEGEL_FONT_DIR
#define TEAMSPIEGEL_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

namespace ts::ui {

const ImWchar* glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement (ë, é, ï, ü, …)
        0x0100, 0x017F,  // Latin Extended-A (names such as Ratkoceri, Höfte, ş, ć)
        0x2010, 0x205E,  // General Punctuation (– — ‘ ’ “ ” … •)
        0x20AC, 0x20AC,  // €
        0x2190, 0x21FF,  // Arrows (← → ↑ ↓)
        0x2212, 0x2212,  // − minus sign
        0x2500, 0x25FF,  // Box drawing, block elements, geometric shapes (▁▃▅ ▲ ▼ ● ○ ◉ ▸)
        0x2713, 0x2717,  // ✓ ✔ ✕ ✖ ✗
        0,
    };
    return ranges;
}

std::string font_path(const char* file) {
    if (const char* env = std::getenv("TEAMSPIEGEL_FONT_DIR"); env && *env) return std::string(env) + "/" + file;
    return std::string(TEAMSPIEGEL_FONT_DIR) + "/" + file;
}

Fonts build_fonts(ImFontAtlas& atlas, float body_px) {
    const std::string regular = font_path("DejaVuSans.ttf");
    const std::string bold = font_path("DejaVuSans-Bold.ttf");
    for (const auto& f : {regular, bold})
        if (!std::filesystem::exists(f))
            throw std::runtime_error("font " + f + " not found (Debian package fonts-dejavu-core)");
    atlas.Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    Fonts f;
    f.body_px = body_px;
    f.body = atlas.AddFontFromFileTTF(regular.c_str(), body_px, &cfg, glyph_ranges());
    f.bold = atlas.AddFontFromFileTTF(bold.c_str(), body_px, &cfg, glyph_ranges());
    f.heading = atlas.AddFontFromFileTTF(bold.c_str(), body_px * 1.5f, &cfg, glyph_ranges());
    f.display = atlas.AddFontFromFileTTF(bold.c_str(), body_px * 2.4f, &cfg, glyph_ranges());
    f.present = atlas.AddFontFromFileTTF(regular.c_str(), body_px * 1.25f, &cfg, glyph_ranges());
    f.present_bold = atlas.AddFontFromFileTTF(bold.c_str(), body_px * 1.25f, &cfg, glyph_ranges());
    if (!f.body || !f.bold || !f.heading || !f.display || !f.present || !f.present_bold) throw std::runtime_error("cannot load font " + regular);
    if (!atlas.Build()) throw std::runtime_error("cannot build the font atlas");
    return f;
}

}  // namespace ts::ui
