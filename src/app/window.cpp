#include "app/window.hpp"

#include "app/gl_window.hpp"
#include "app/preferences_file.hpp"
#include "app/window_geometry.hpp"
#include "ui/shell.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace ts::app {
namespace {

// --- the interactive window -------------------------------------------------------------

struct LoopState {
    ui::Shell* shell = nullptr;
    bool input_seen = true;
    int saved_x = 100, saved_y = 100, saved_w = 1600, saved_h = 900;
};

std::vector<MonitorArea> monitor_areas() {
    std::vector<MonitorArea> areas;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        MonitorArea a;
        glfwGetMonitorWorkarea(monitors[i], &a.x, &a.y, &a.width, &a.height);
        if (a.width > 0 && a.height > 0) areas.push_back(a);
    }
    return areas;
}

// The monitor under the window's centre (full screen goes there), else the primary one.
GLFWmonitor* monitor_of(GLFWwindow* w) {
    int x = 0, y = 0, width = 0, height = 0, count = 0;
    glfwGetWindowPos(w, &x, &y);
    glfwGetWindowSize(w, &width, &height);
    const int cx = x + width / 2, cy = y + height / 2;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        int mx = 0, my = 0;
        glfwGetMonitorPos(monitors[i], &mx, &my);
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        if (mode && cx >= mx && cx < mx + mode->width && cy >= my && cy < my + mode->height) return monitors[i];
    }
    return glfwGetPrimaryMonitor();
}

void toggle_fullscreen(GLFWwindow* w, LoopState& st) {
    if (GLFWmonitor* current = glfwGetWindowMonitor(w)) {
        (void)current;
        glfwSetWindowMonitor(w, nullptr, st.saved_x, st.saved_y, st.saved_w, st.saved_h, 0);
        st.shell->set_fullscreen_state(false);
    } else {
        glfwGetWindowPos(w, &st.saved_x, &st.saved_y);
        glfwGetWindowSize(w, &st.saved_w, &st.saved_h);
        GLFWmonitor* monitor = monitor_of(w);
        if (!monitor) return;
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwSetWindowMonitor(w, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
        st.shell->set_fullscreen_state(true);
    }
}

LoopState& state_of(GLFWwindow* w) { return *static_cast<LoopState*>(glfwGetWindowUserPointer(w)); }

// Our callbacks are installed before ImGui's backend, which chains to them: they only note
// that input arrived, so a few frames are drawn. The shortcuts are read inside the frame
// (ui/keys.hpp), where ImGui knows whether a text field has focus.
void on_key(GLFWwindow* w, int, int, int, int) { state_of(w).input_seen = true; }
static_assert(ui::key::equal == GLFW_KEY_EQUAL && ui::key::minus == GLFW_KEY_MINUS && ui::key::zero == GLFW_KEY_0 &&
              ui::key::f11 == GLFW_KEY_F11 && ui::key::keypad_add == GLFW_KEY_KP_ADD &&
              ui::key::keypad_subtract == GLFW_KEY_KP_SUBTRACT && ui::key::keypad_0 == GLFW_KEY_KP_0 &&
              ui::key::page_up == GLFW_KEY_PAGE_UP && ui::key::page_down == GLFW_KEY_PAGE_DOWN &&
              ui::key::space == GLFW_KEY_SPACE && ui::key::letter('p') == GLFW_KEY_P && ui::key::escape == GLFW_KEY_ESCAPE &&
              ui::key::right == GLFW_KEY_RIGHT && ui::key::left == GLFW_KEY_LEFT,
              "ui/keys.hpp spells keys as the GLFW backend indexes io.KeysDown");
void on_char(GLFWwindow* w, unsigned int) { state_of(w).input_seen = true; }
void on_mouse_button(GLFWwindow* w, int, int, int) { state_of(w).input_seen = true; }
void on_cursor(GLFWwindow* w, double, double) { state_of(w).input_seen = true; }
void on_scroll(GLFWwindow* w, double, double) { state_of(w).input_seen = true; }
void on_focus(GLFWwindow* w, int) { state_of(w).input_seen = true; }
void on_size(GLFWwindow* w, int, int) { state_of(w).input_seen = true; }
void on_refresh(GLFWwindow* w) { state_of(w).input_seen = true; }  // uncovered: draw again

float content_scale_of(GLFWwindow* w) {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(w, &sx, &sy);
    return sx > 0.5f ? sx : 1.0f;
}

}  // namespace

// Where the window was when the program closes (its place before full screen, if it is).
WindowGeometry geometry_of(GLFWwindow* w, const LoopState& st) {
    WindowGeometry g;
    g.fullscreen = glfwGetWindowMonitor(w) != nullptr;
    if (g.fullscreen) {
        g.x = st.saved_x, g.y = st.saved_y, g.width = st.saved_w, g.height = st.saved_h;
    } else {
        glfwGetWindowPos(w, &g.x, &g.y);
        glfwGetWindowSize(w, &g.width, &g.height);
    }
    return g;
}

int run_gui(const GuiOptions& options, Store& store, const Content& content) {
    PreferencesFile preferences(default_preferences_path());
    if (!preferences.problem().empty())
        std::cerr << "teamspiegel: warning: " << preferences.problem() << "; using the default preferences\n";
    // Opened hidden, placed where it was last time (on a monitor that is there now), then shown.
    GLFWwindow* window = open_window(1600, 900, false);
    if (!window) return 1;
    LoopState st;
    {
        const auto monitors = monitor_areas();
        WindowGeometry g;
        if (auto remembered = read_window_geometry(preferences)) g = *remembered;
        else if (!monitors.empty()) g = default_geometry(monitors.front());
        g = fit_to_monitors(g, monitors);
        glfwSetWindowSize(window, g.width, g.height);
        glfwSetWindowPos(window, g.x, g.y);
        st.saved_x = g.x, st.saved_y = g.y, st.saved_w = g.width, st.saved_h = g.height;
        glfwShowWindow(window);
        if (g.fullscreen) {
            if (GLFWmonitor* monitor = monitor_of(window)) {
                const GLFWvidmode* mode = glfwGetVideoMode(monitor);
                glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
            }
        }
    }
    int rc = 0;
    {
        ImGuiSession session;
        ui::Shell shell(store, content, preferences);  // a store failure here shows on the failure screen
        shell.set_fullscreen_state(glfwGetWindowMonitor(window) != nullptr);
        st.shell = &shell;
        glfwSetWindowUserPointer(window, &st);
        glfwSetKeyCallback(window, on_key);
        glfwSetCharCallback(window, on_char);
        glfwSetMouseButtonCallback(window, on_mouse_button);
        glfwSetCursorPosCallback(window, on_cursor);
        glfwSetScrollCallback(window, on_scroll);
        glfwSetWindowFocusCallback(window, on_focus);
        glfwSetFramebufferSizeCallback(window, on_size);
        glfwSetWindowRefreshCallback(window, on_refresh);
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");

        // Nothing thrown in here leaves the window half torn down: a failure of the store
        // during a frame is shown by the shell (see Shell::draw) and the program stays usable;
        // anything else (fonts, OpenGL) closes the window cleanly with exit code 1.
        try {
            float scale = content_scale_of(window);
            rebuild_style(shell, scale);
            // After input, draw a few more frames so ImGui settles (hover, widths, focus).
            constexpr int kFramesAfterInput = 3;
            int frames_left = kFramesAfterInput;
            long frame = 0;
            FramePacer pacer;  // frames the shell asked for: elapsed times, timers, idle limits
            while (!glfwWindowShouldClose(window)) {
                if (options.frames > 0) {
                    if (frame >= options.frames) break;
                    glfwPollEvents();
                } else if (frames_left > 0) {
                    glfwPollEvents();
                } else if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
                    glfwWaitEvents();
                    continue;
                } else {
                    // Wakes when the last frame asked to be drawn again (Shell::redraw_within:
                    // "running for 5 min", a timer, an idle limit), and at least once a second to
                    // ask the store whether another process wrote (a laptop on the same file).
                    // With none of these, no frame is drawn.
                    // (GLFW takes only a positive timeout: a frame due now polls instead.)
                    if (const double wait = pacer.wait(glfwGetTime(), 1.0); wait > 0) glfwWaitEventsTimeout(wait);
                    else glfwPollEvents();
                    if (!st.input_seen && !pacer.due(glfwGetTime()) && !shell.poll_changes()) continue;
                }
                if (st.input_seen) {
                    frames_left = kFramesAfterInput;
                    st.input_seen = false;
                }
                if (frames_left > 0) --frames_left;

                if (shell.take_quit_request()) break;
                if (shell.take_fullscreen_request()) toggle_fullscreen(window, st);
                if (const float s = content_scale_of(window); s != scale) {
                    scale = s;
                    rebuild_style(shell, scale);
                } else if (shell.style_dirty()) {
                    rebuild_style(shell, scale);
                }

                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                shell.draw();  // never throws
                pacer.drawn(glfwGetTime(), shell.redraw_within());
                ImGui::Render();
                int fw = 0, fh = 0;
                glfwGetFramebufferSize(window, &fw, &fh);
                glViewport(0, 0, fw, fh);
                const ImVec4 bg = ui::palette().content_bg;
                glClearColor(bg.x, bg.y, bg.z, 1.0f);
                glClear(GL_COLOR_BUFFER_BIT);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
                glfwSwapBuffers(window);
                ++frame;
            }
            // Closed while a failure was on screen: the run did not end well.
            if (!shell.failure().empty()) rc = 1;
            // The window opens here next time (not the database's business: this machine's).
            try {
                remember_window_geometry(preferences, geometry_of(window, st));
            } catch (const std::exception& e) {
                std::cerr << "teamspiegel: warning: " << e.what() << "\n";
            }
        } catch (const std::bad_alloc&) {
            std::cerr << "teamspiegel: error: out of memory\n";
            rc = 1;
        } catch (const std::exception& e) {
            std::cerr << "teamspiegel: error: " << e.what() << "\n";
            rc = 1;
        } catch (...) {
            std::cerr << "teamspiegel: error: an unexpected error closed the window\n";
            rc = 1;
        }
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return rc;
}

// --- screenshots ---------------------------------------------------------------------------

}  // namespace ts::app
