#include "app/window.hpp"

#include "app/preferences_file.hpp"
#include "report/output_file.hpp"
#include "ui/shell.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#ifdef TEAMSPIEGEL_SANITIZE
#include <dlfcn.h>
#include <link.h>
#endif

#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace ts::app {
namespace {

std::string g_glfw_error;

void on_glfw_error(int, const char* description) { g_glfw_error = description ? description : "unknown GLFW error"; }

#ifdef TEAMSPIEGEL_SANITIZE
// Sanitizer builds only (make test-asan). Mesa unloads its OpenGL driver (swrast_dri.so under
// Xvfb) when GLFW closes the display, and a few bytes the driver allocated become unreachable
// from an unloaded library: LeakSanitizer reports them with "<unknown module>" frames, which no
// suppression can name. Marking every loaded *_dri.so "never unload" (RTLD_NODELETE on the
// library already there; RTLD_NOLOAD loads nothing new) keeps the driver's memory reachable, and
// a real leak of ours still reports with its stack.
void keep_gl_drivers_loaded() {
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void*) {
            if (info->dlpi_name && std::strstr(info->dlpi_name, "_dri.so"))
                dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);  // the handle is kept on purpose
            return 0;
        },
        nullptr);
}
#endif

// Starts GLFW and makes an OpenGL 3.3 core window. Returns nullptr with a message on stderr.
GLFWwindow* open_window(int width, int height, bool visible) {
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        std::cerr << "teamspiegel: error: cannot open a window: no display available (" << g_glfw_error
                  << "). The command-line commands work without a display; see 'teamspiegel --help'.\n";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(width, height, "Teamspiegel", nullptr, nullptr);
    if (!window) {
        std::cerr << "teamspiegel: error: cannot create an OpenGL 3.3 window (" << g_glfw_error << ")\n";
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
#ifdef TEAMSPIEGEL_SANITIZE
    keep_gl_drivers_loaded();
#endif
    return window;
}

// Owns the ImGui context for one run.
struct ImGuiSession {
    ImGuiSession() {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // layout is fixed; nothing to remember in imgui.ini
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    }
    ~ImGuiSession() { ImGui::DestroyContext(); }
};

void rebuild_style(ui::Shell& shell, float content_scale) {
    shell.rebuild_style(*ImGui::GetIO().Fonts, content_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// --- the interactive window -------------------------------------------------------------

struct LoopState {
    ui::Shell* shell = nullptr;
    bool input_seen = true;
    int saved_x = 100, saved_y = 100, saved_w = 1600, saved_h = 900;
};

void toggle_fullscreen(GLFWwindow* w, LoopState& st) {
    if (GLFWmonitor* current = glfwGetWindowMonitor(w)) {
        (void)current;
        glfwSetWindowMonitor(w, nullptr, st.saved_x, st.saved_y, st.saved_w, st.saved_h, 0);
        st.shell->set_fullscreen_state(false);
    } else {
        glfwGetWindowPos(w, &st.saved_x, &st.saved_y);
        glfwGetWindowSize(w, &st.saved_w, &st.saved_h);
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        if (!monitor) return;
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwSetWindowMonitor(w, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
        st.shell->set_fullscreen_state(true);
    }
}

LoopState& state_of(GLFWwindow* w) { return *static_cast<LoopState*>(glfwGetWindowUserPointer(w)); }

// Our callbacks are installed before ImGui's backend, which chains to them: they note that
// input arrived (so a few frames are drawn) and handle the window-level shortcuts.
// GLFW calls back from C code: no exception may pass through it, so one is shown instead.
void on_key(GLFWwindow* w, int key, int, int action, int mods) {
    LoopState& st = state_of(w);
    st.input_seen = true;
    if (action != GLFW_PRESS && action != GLFW_REPEAT) return;
    try {
        if (key == GLFW_KEY_F11 && action == GLFW_PRESS) toggle_fullscreen(w, st);
        if (mods & GLFW_MOD_CONTROL) {
            if (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD) st.shell->zoom_in();
            if (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT) st.shell->zoom_out();
            if (key == GLFW_KEY_0 || key == GLFW_KEY_KP_0) st.shell->set_zoom_pct(100);
        }
    } catch (...) {
        st.shell->show_failure(st.shell->describe(std::current_exception()));
    }
}
void on_char(GLFWwindow* w, unsigned int) { state_of(w).input_seen = true; }
void on_mouse_button(GLFWwindow* w, int, int, int) { state_of(w).input_seen = true; }
void on_cursor(GLFWwindow* w, double, double) { state_of(w).input_seen = true; }
void on_scroll(GLFWwindow* w, double, double) { state_of(w).input_seen = true; }
void on_focus(GLFWwindow* w, int) { state_of(w).input_seen = true; }
void on_size(GLFWwindow* w, int, int) { state_of(w).input_seen = true; }

float content_scale_of(GLFWwindow* w) {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(w, &sx, &sy);
    return sx > 0.5f ? sx : 1.0f;
}

}  // namespace

int run_gui(const GuiOptions& options, Store& store, const Content& content) {
    GLFWwindow* window = open_window(1600, 900, true);
    if (!window) return 1;
    int rc = 0;
    {
        ImGuiSession session;
        PreferencesFile preferences(default_preferences_path());
        if (!preferences.problem().empty())
            std::cerr << "teamspiegel: warning: " << preferences.problem() << "; using the default preferences\n";
        ui::Shell shell(store, content, preferences);  // a store failure here shows on the failure screen
        LoopState st;
        st.shell = &shell;
        glfwSetWindowUserPointer(window, &st);
        glfwSetKeyCallback(window, on_key);
        glfwSetCharCallback(window, on_char);
        glfwSetMouseButtonCallback(window, on_mouse_button);
        glfwSetCursorPosCallback(window, on_cursor);
        glfwSetScrollCallback(window, on_scroll);
        glfwSetWindowFocusCallback(window, on_focus);
        glfwSetFramebufferSizeCallback(window, on_size);
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
            while (!glfwWindowShouldClose(window)) {
                if (options.frames > 0) {
                    if (frame >= options.frames) break;
                    glfwPollEvents();
                } else if (frames_left > 0) {
                    glfwPollEvents();
                } else if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
                    glfwWaitEvents();
                    continue;
                } else if (shell.needs_ticking()) {
                    glfwWaitEventsTimeout(1.0);
                } else {
                    glfwWaitEvents();
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

namespace {

// Thrown past the PNG writing when the shell could not draw the screen (reported already).
struct ScreenFailed {};

// The framebuffer-object entry points are not in GL 1.x, so they are looked up at run time.
struct FboApi {
    PFNGLGENFRAMEBUFFERSPROC GenFramebuffers = nullptr;
    PFNGLBINDFRAMEBUFFERPROC BindFramebuffer = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC DeleteFramebuffers = nullptr;
    PFNGLGENRENDERBUFFERSPROC GenRenderbuffers = nullptr;
    PFNGLBINDRENDERBUFFERPROC BindRenderbuffer = nullptr;
    PFNGLDELETERENDERBUFFERSPROC DeleteRenderbuffers = nullptr;
    PFNGLRENDERBUFFERSTORAGEPROC RenderbufferStorage = nullptr;
    PFNGLFRAMEBUFFERRENDERBUFFERPROC FramebufferRenderbuffer = nullptr;
    PFNGLCHECKFRAMEBUFFERSTATUSPROC CheckFramebufferStatus = nullptr;

    bool load() {
        GenFramebuffers = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(glfwGetProcAddress("glGenFramebuffers"));
        BindFramebuffer = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(glfwGetProcAddress("glBindFramebuffer"));
        DeleteFramebuffers = reinterpret_cast<PFNGLDELETEFRAMEBUFFERSPROC>(glfwGetProcAddress("glDeleteFramebuffers"));
        GenRenderbuffers = reinterpret_cast<PFNGLGENRENDERBUFFERSPROC>(glfwGetProcAddress("glGenRenderbuffers"));
        BindRenderbuffer = reinterpret_cast<PFNGLBINDRENDERBUFFERPROC>(glfwGetProcAddress("glBindRenderbuffer"));
        DeleteRenderbuffers = reinterpret_cast<PFNGLDELETERENDERBUFFERSPROC>(glfwGetProcAddress("glDeleteRenderbuffers"));
        RenderbufferStorage = reinterpret_cast<PFNGLRENDERBUFFERSTORAGEPROC>(glfwGetProcAddress("glRenderbufferStorage"));
        FramebufferRenderbuffer =
            reinterpret_cast<PFNGLFRAMEBUFFERRENDERBUFFERPROC>(glfwGetProcAddress("glFramebufferRenderbuffer"));
        CheckFramebufferStatus = reinterpret_cast<PFNGLCHECKFRAMEBUFFERSTATUSPROC>(glfwGetProcAddress("glCheckFramebufferStatus"));
        return GenFramebuffers && BindFramebuffer && DeleteFramebuffers && GenRenderbuffers && BindRenderbuffer &&
               DeleteRenderbuffers && RenderbufferStorage && FramebufferRenderbuffer && CheckFramebufferStatus;
    }
};

}  // namespace

int run_screenshot(const ScreenshotOptions& options, Store& store, const Content& content) {
    // "measure-form" / "incident-form": the screen with its newest record open.
    std::string name = options.screen;
    bool open_form = false;
    if (name == "measure-form" || name == "incident-form") {
        open_form = true;
        name = name == "measure-form" ? "measures" : "incidents";
    }
    const auto screen = ui::screen_from_name(name);
    if (!screen) {
        std::cerr << "teamspiegel: error: unknown screen \"" << options.screen << "\" (one of: " << ui::screen_names() << ")\n";
        return 2;
    }
    GLFWwindow* window = open_window(64, 64, false);
    if (!window) return 1;
    int rc = 0;
    {
        ImGuiSession session;
        // The user's preferences do not change how a screenshot looks: the same PNG on every machine.
        ui::MemoryPreferences preferences;
        ui::Shell shell(store, content, preferences);
        shell.show(*screen);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        if (open_form && !shell.show_newest_record(*screen)) {
            std::cerr << "teamspiegel: error: no record to show in " << options.screen << " (load demo data first)\n";
            ImGui_ImplOpenGL3_Shutdown();
            glfwDestroyWindow(window);
            glfwTerminate();
            return 1;
        }
        FboApi gl;
        GLuint fbo = 0, colour = 0;
        try {
            if (!gl.load()) throw std::runtime_error("the OpenGL driver has no framebuffer objects");
            // Screenshots are made at scale 1 so that the PNG looks the same on every machine.
            rebuild_style(shell, 1.0f);
            gl.GenFramebuffers(1, &fbo);
            gl.BindFramebuffer(GL_FRAMEBUFFER, fbo);
            gl.GenRenderbuffers(1, &colour);
            gl.BindRenderbuffer(GL_RENDERBUFFER, colour);
            gl.RenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, options.width, options.height);
            gl.FramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
            if (gl.CheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
                throw std::runtime_error("cannot make an off-screen framebuffer of " + std::to_string(options.width) + "x" +
                                         std::to_string(options.height));

            ImGuiIO& io = ImGui::GetIO();
            io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;  // no keyboard here: no key map
            io.DisplaySize = ImVec2(static_cast<float>(options.width), static_cast<float>(options.height));
            io.DisplayFramebufferScale = ImVec2(1, 1);
            // A few frames let auto-sized layouts settle before the picture is taken.
            for (int i = 0; i < 4; ++i) {
                io.DeltaTime = 1.0f / 60.0f;
                ImGui_ImplOpenGL3_NewFrame();
                ImGui::NewFrame();
                shell.draw();
                ImGui::Render();
                gl.BindFramebuffer(GL_FRAMEBUFFER, fbo);
                glViewport(0, 0, options.width, options.height);
                const ImVec4 bg = ui::palette().content_bg;
                glClearColor(bg.x, bg.y, bg.z, 1.0f);
                glClear(GL_COLOR_BUFFER_BIT);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            }
            // The store failed while drawing: the shell has said so on stderr; no picture of
            // its failure screen is written in place of the screen asked for.
            if (!shell.failure().empty()) throw ScreenFailed{};
            glFinish();
            const auto w = static_cast<std::size_t>(options.width), h = static_cast<std::size_t>(options.height);
            std::vector<unsigned char> pixels(w * h * 4);
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, options.width, options.height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
            // OpenGL's rows run bottom-up; PNG's top-down. Alpha is forced opaque.
            std::vector<unsigned char> png(w * h * 4);
            for (std::size_t y = 0; y < h; ++y)
                for (std::size_t x = 0; x < w; ++x)
                    for (std::size_t c = 0; c < 4; ++c)
                        png[(y * w + x) * 4 + c] = c == 3 ? 255 : pixels[((h - 1 - y) * w + x) * 4 + c];
            // Encoded in memory, then written by the one --out helper (0600, atomic, devices).
            std::string encoded;
            const auto append = [](void* out, void* data, int size) {
                static_cast<std::string*>(out)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
            };
            if (!stbi_write_png_to_func(append, &encoded, options.width, options.height, 4, png.data(), options.width * 4))
                throw std::runtime_error("cannot encode the screenshot as PNG");
            write_output_file(options.out, encoded);
        } catch (const ScreenFailed&) {
            rc = 1;
        } catch (const std::exception& e) {
            std::cerr << "teamspiegel: error: " << e.what() << "\n";
            rc = 1;
        }
        if (fbo) gl.DeleteFramebuffers(1, &fbo);
        if (colour) gl.DeleteRenderbuffers(1, &colour);
        ImGui_ImplOpenGL3_Shutdown();
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return rc;
}

}  // namespace ts::app
