// The GLFW + OpenGL 3.3 window around the shell: the main loop.
#pragma once

#include "core/content.hpp"
#include "store/store.hpp"

#include <string>

namespace ts::app {

struct GuiOptions {
    int frames = 0;  // quit after this many frames; 0 = run until the window closes
};

// Runs the GUI. Returns the process exit code (1 with a message when no window can be opened).
int run_gui(const GuiOptions& options, Store& store, const Content& content);

}  // namespace ts::app
