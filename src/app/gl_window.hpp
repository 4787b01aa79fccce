// What the interactive window and the off-screen screenshot share: a GLFW window with an
// OpenGL 3.3 core context, the ImGui context of one run, and fonts rebuilt into the renderer.
#pragma once

#include <imgui.h>

struct GLFWwindow;

namespace ts::ui {
class Shell;
}

namespace ts::app {

// Starts GLFW and makes an OpenGL 3.3 core window, its context current. Returns nullptr with a
// message on stderr (no display, no OpenGL 3.3).
GLFWwindow* open_window(int width, int height, bool visible);

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
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

// Builds the shell's fonts and style at `content_scale` and uploads the font texture anew.
void rebuild_style(ui::Shell& shell, float content_scale);

}  // namespace ts::app
