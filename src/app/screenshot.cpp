#include "app/screenshot.hpp"

#include "app/gl_window.hpp"
#include "report/output_file.hpp"
#include "ui/preferences.hpp"
#include "ui/meeting/meeting_screen.hpp"
#include "ui/probe.hpp"
#include "ui/screen_actions.hpp"
#include "ui/shell.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ts::app {

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

// Opens the meeting asked for (or the newest of all teams) in the presenter view, at the step
// asked for; nothing of it is stored. The problem in words when there is nothing to show.
std::optional<std::string> present_meeting(ui::Shell& shell, Store& store, const Content& content, const ScreenshotOptions& options) {
    std::optional<Meeting> found;
    for (const Team& t : store.teams())
        for (Meeting& m : store.meetings(t.id)) {
            if (!options.meeting_id.empty() ? m.id == options.meeting_id
                                            : !found || std::tie(m.held_on, m.created_at) > std::tie(found->held_on, found->created_at))
                found = std::move(m);
        }
    if (!found)
        return options.meeting_id.empty() ? std::string("no meeting to show (start one, or load demo data first)")
                                          : "no meeting with id \"" + options.meeting_id + "\"";
    shell.set_team(found->team_id);
    auto& screen = shell.meeting_screen();
    screen.set_saving(false);
    const MeetingTemplate* tpl = content.meeting_template(found->template_id);
    if (!tpl) return "the meeting's template \"" + found->template_id + "\" is not in data/templates";
    const std::size_t steps = std::max(found->steps.size(), tpl->steps.size());
    if (options.step > 0 && static_cast<std::size_t>(options.step) > steps)
        return "--step " + std::to_string(options.step) + ": the meeting has " + std::to_string(steps) + " steps";
    screen.open(content, *found, options.step > 0 ? std::optional<std::size_t>(options.step - 1) : std::nullopt);
    return std::nullopt;
}

}  // namespace

int run_screenshot(const ScreenshotOptions& options, Store& store, const Content& content) {
    // "measure-form" / "incident-form" / "action-form": the screen with its newest record open.
    std::string name = options.screen;
    bool open_form = false;
    if (name == "measure-form" || name == "incident-form" || name == "action-form") {
        open_form = true;
        name = name == "measure-form" ? "measures" : name == "incident-form" ? "incidents" : "actions";
    }
    if (name == "meeting-start") name = "meeting";
    // "actions-all": the actions screen across all teams.
    const bool all_teams = name == "actions-all";
    if (all_teams) name = "actions";
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
        shell.set_zoom_pct(options.zoom_pct);
        shell.set_language(options.lang);
        shell.dismiss_question();  // nobody to ask: the screen itself is what is wanted
        shell.meeting_screen().set_saving(false);  // a picture of a meeting changes nothing in it
        shell.show(*screen);
        if (all_teams) shell.actions_screen().set_all_teams(true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        if (open_form && !shell.show_newest_record(*screen)) {
            std::cerr << "teamspiegel: error: no record to show in " << options.screen << " (load demo data first)\n";
            ImGui_ImplOpenGL3_Shutdown();
            glfwDestroyWindow(window);
            glfwTerminate();
            return 1;
        }
        if (options.present) {
            if (const auto problem = present_meeting(shell, store, content, options)) {
                std::cerr << "teamspiegel: error: " << *problem << "\n";
                ImGui_ImplOpenGL3_Shutdown();
                glfwDestroyWindow(window);
                glfwTerminate();
                return 1;
            }
        } else if (options.screen == "meeting-start") {
            shell.meeting_screen().leave();
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
            if (!options.values_out.empty()) ui::enable_probes(true);
            for (int i = 0; i < 4; ++i) {
                ui::begin_probe_frame();
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
            if (!options.values_out.empty()) {
                nlohmann::json values = nlohmann::json::object();
                for (const auto& [key, text] : ui::probed_values()) values[key] = text;
                write_output_file(options.values_out, values.dump(1) + "\n");
            }
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
