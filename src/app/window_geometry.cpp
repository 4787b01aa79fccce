#include "app/window_geometry.hpp"

#include <algorithm>
#include <string>

namespace ts::app {
namespace {

constexpr const char* kKeyX = "window.x";
constexpr const char* kKeyY = "window.y";
constexpr const char* kKeyWidth = "window.width";
constexpr const char* kKeyHeight = "window.height";
constexpr const char* kKeyFullscreen = "window.fullscreen";

long overlap(const WindowGeometry& g, const MonitorArea& m) {
    const long w = std::min<long>(g.x + g.width, m.x + m.width) - std::max(g.x, m.x);
    const long h = std::min<long>(g.y + g.height, m.y + m.height) - std::max(g.y, m.y);
    return w > 0 && h > 0 ? w * h : 0;
}

}  // namespace

std::optional<WindowGeometry> read_window_geometry(const ui::Preferences& preferences) {
    const auto x = ui::whole_number(preferences.get(kKeyX), -kMaxWindowCoord, kMaxWindowCoord);
    const auto y = ui::whole_number(preferences.get(kKeyY), -kMaxWindowCoord, kMaxWindowCoord);
    const auto w = ui::whole_number(preferences.get(kKeyWidth), kMinWindowWidth, kMaxWindowSide);
    const auto h = ui::whole_number(preferences.get(kKeyHeight), kMinWindowHeight, kMaxWindowSide);
    const auto fs = preferences.get(kKeyFullscreen);
    if (!x || !y || !w || !h) return std::nullopt;
    if (fs && *fs != "0" && *fs != "1") return std::nullopt;
    return WindowGeometry{*x, *y, *w, *h, fs && *fs == "1"};
}

void remember_window_geometry(ui::Preferences& preferences, const WindowGeometry& g) {
    preferences.set(kKeyX, std::to_string(g.x));
    preferences.set(kKeyY, std::to_string(g.y));
    preferences.set(kKeyWidth, std::to_string(g.width));
    preferences.set(kKeyHeight, std::to_string(g.height));
    preferences.set(kKeyFullscreen, g.fullscreen ? "1" : "0");
}

WindowGeometry fit_to_monitors(WindowGeometry g, const std::vector<MonitorArea>& monitors) {
    const MonitorArea* best = nullptr;
    long best_overlap = -1;
    for (const MonitorArea& m : monitors) {
        if (m.width <= 0 || m.height <= 0) continue;
        const long o = overlap(g, m);
        if (o > best_overlap) {
            best = &m;
            best_overlap = o;
        }
    }
    if (!best) return g;
    const MonitorArea& m = *best;
    g.width = std::min(g.width, m.width);
    g.height = std::min(g.height, m.height);
    g.x = std::clamp(g.x, m.x, m.x + m.width - g.width);
    g.y = std::clamp(g.y, m.y, m.y + m.height - g.height);
    return g;
}

WindowGeometry default_geometry(const MonitorArea& m) {
    WindowGeometry g;
    g.width = std::max(kMinWindowWidth, m.width * 4 / 5);
    g.height = std::max(kMinWindowHeight, m.height * 4 / 5);
    g.x = m.x + (m.width - g.width) / 2;
    g.y = m.y + (m.height - g.height) / 2;
    return g;
}

}  // namespace ts::app
