// Where the window opens: the size, position and full-screen state of the last run, kept in
// this machine's preferences (never the database), and fitted to a monitor that is there now.
// Pure functions, without GLFW, so that tests can check them; window.cpp asks GLFW for the
// monitors and moves the window. Also the pacing of frames while nothing happens.
#pragma once

#include "ui/preferences.hpp"

#include <limits>
#include <optional>
#include <vector>

namespace ts::app {

struct WindowGeometry {
    int x = 0, y = 0, width = 1600, height = 900;
    bool fullscreen = false;  // x, y, width and height are then the window's place before it
    bool operator==(const WindowGeometry&) const = default;
};

// A monitor's work area (without task bars), in screen coordinates.
struct MonitorArea {
    int x = 0, y = 0, width = 0, height = 0;
};

inline constexpr int kMinWindowWidth = 480, kMinWindowHeight = 320, kMaxWindowSide = 16384, kMaxWindowCoord = 65536;

// The remembered geometry; none when it was never stored, or when any of its values is not a
// whole number in range (a hand-edited or damaged file): then the window opens as on a first run.
std::optional<WindowGeometry> read_window_geometry(const ui::Preferences& preferences);
// Throws as Preferences::set does.
void remember_window_geometry(ui::Preferences& preferences, const WindowGeometry& g);

// `g` moved and shrunk, if need be, to lie wholly on the monitor it overlaps most (the first,
// the primary, when it overlaps none: a monitor unplugged since). No monitors: `g` unchanged.
WindowGeometry fit_to_monitors(WindowGeometry g, const std::vector<MonitorArea>& monitors);
// The first run's window: 80 % of the monitor's work area, centred on it.
WindowGeometry default_geometry(const MonitorArea& monitor);

// When the main loop draws while no input comes: at the time the last frame asked for (see
// Shell::redraw_within), and otherwise never. Times are seconds on one clock (glfwGetTime).
class FramePacer {
public:
    // After a frame drawn at `now`, which asked to be drawn again within `within` seconds.
    void drawn(double now, std::optional<double> within) { due_ = within ? now + *within : kNever; }
    bool due(double now) const { return now >= due_; }
    // How long to wait for events before looking again: until the frame is due, at most
    // `longest` (the store poll's interval), never negative.
    double wait(double now, double longest) const {
        const double left = due_ - now;
        return left < 0 ? 0 : left < longest ? left : longest;
    }
    std::optional<double> due_at() const {
        if (due_ == kNever) return std::nullopt;
        return due_;
    }

private:
    static constexpr double kNever = std::numeric_limits<double>::infinity();
    double due_ = kNever;
};

}  // namespace ts::app
