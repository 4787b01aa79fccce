// The `screenshot` command: a screen drawn off-screen and written as a PNG.
#pragma once

#include "core/content.hpp"
#include "core/types.hpp"
#include "store/store.hpp"

#include <string>

namespace ts::app {

struct ScreenshotOptions {
    std::string screen;  // a name from ui::screen_names()
    std::string out;     // PNG file
    int width = 1920, height = 1080;
    int zoom_pct = 100;  // as the rail's zoom buttons set it
    Lang lang = Lang::nl;
    // The meeting screen's presenter view: of this meeting (empty: the newest), at this step
    // (from 1; 0: where it was left). Nothing of the meeting is stored.
    bool present = false;
    std::string meeting_id;
    int step = 0;
    // When set: the named values the last frame showed (ui::probe_value: the manager overview's
    // cells) as a JSON object {name: text}, for tests that compare the screen with the reports.
    std::string values_out;
};

// Renders `screen` into an off-screen framebuffer of the given size and writes a PNG.
int run_screenshot(const ScreenshotOptions& options, Store& store, const Content& content);

}  // namespace ts::app
