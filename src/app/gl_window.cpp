#include "app/gl_window.hpp"

#include "ui/shell.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#ifdef TEAMSPIEGEL_SANITIZE
#include <dlfcn.h>
#include <link.h>
#endif

#include <cstring>
#include <iostream>
#include <string>

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

}  // namespace

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

void rebuild_style(ui::Shell& shell, float content_scale) {
    shell.rebuild_style(*ImGui::GetIO().Fonts, content_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace ts::app
