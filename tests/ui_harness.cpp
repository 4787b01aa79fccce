#include "ui_harness.hpp"

#include "ui/probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <stdexcept>

namespace ts::test {

UiHarness::UiHarness(std::unique_ptr<Store> store, ui::Preferences& preferences) : UiHarness(std::move(store), &preferences) {}

UiHarness::UiHarness(std::unique_ptr<Store> store, ui::Preferences* preferences)
    : content_(load_content(TEAMSPIEGEL_TEST_DATA_DIR)), store_(store ? std::move(store) : open_sqlite_store(":memory:")) {
    if (preferences) preferences_ = preferences;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the window does
    // Our own key indices (a backend would use its key codes).
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 100 + k;
    shell_ = std::make_unique<ui::Shell>(*store_, content_, *preferences_);
    shell_->rebuild_style(*io.Fonts, 1.0f);
    ui::enable_probes(true);
    ui::clear_probes();
}

UiHarness::~UiHarness() {
    ui::enable_probes(false);
    shell_.reset();
    ImGui::DestroyContext();
}

void UiHarness::frame(int count) {
    for (int i = 0; i < count; ++i) {
        if (shell_->style_dirty()) shell_->rebuild_style(*ImGui::GetIO().Fonts, 1.0f);
        ui::begin_probe_frame();
        ImGui::NewFrame();
        shell_->draw();
        ImGui::Render();
    }
}

void UiHarness::advance(double seconds) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = static_cast<float>(seconds);
    frame();
    io.DeltaTime = 1.0f / 60.0f;
}

void UiHarness::click(std::string_view probe_name) {
    frame();
    const auto r = ui::probed(probe_name);
    if (!r) throw std::runtime_error("no widget probed as " + std::string(probe_name));
    // Where it was an earlier frame is no place to click: it is scrolled away or gone.
    if (!ui::probed_this_frame(probe_name))
        throw std::runtime_error(std::string(probe_name) + " was not drawn in the last frame (scrolled out of view, or gone)");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = r->centre();
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
}

void UiHarness::type(const std::string& utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
    frame();
}

void UiHarness::scroll(std::string_view name_part, bool to_end) {
    frame(2);
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::string_view(w->Name).find(name_part) != std::string_view::npos)
            ImGui::SetScrollY(w, to_end ? w->ScrollMax.y : 0.0f);
    frame(3);
}

int UiHarness::key(ImGuiKey_ k) const { return ImGui::GetIO().KeyMap[k]; }

void UiHarness::press(int key_index, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key_index] = true;
    frame();
    io.KeysDown[key_index] = false;
    io.KeyCtrl = false;
    frame();
}

void UiHarness::press_alt(int key_index) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyAlt = true;
    io.KeysDown[key_index] = true;
    frame();
    io.KeysDown[key_index] = false;
    io.KeyAlt = false;
    frame();
}

void UiHarness::tab(int count) {
    for (int i = 0; i < count; ++i) press(key(ImGuiKey_Tab));
}

bool UiHarness::focused(std::string_view probe_name) const {
    const auto r = ui::probed(probe_name);
    if (!r) throw std::runtime_error("no widget probed as " + std::string(probe_name));
    return r->id != 0 && ImGui::GetCurrentContext()->NavId == r->id;
}

bool UiHarness::drew(std::string_view text) const {
    for (const auto& t : ui::probed_texts())
        if (t == text) return true;
    return false;
}

bool UiHarness::shows(std::string_view part) const {
    for (const auto& t : ui::probed_texts())
        if (t.find(part) != std::string::npos) return true;
    return false;
}

std::vector<std::string> UiHarness::refused_fields() const {
    std::vector<std::string> fields;
    for (const auto& p : ui::probed_problems()) fields.push_back(p.field);
    return fields;
}

bool UiHarness::refused(std::string_view field, std::string_view message_key) const {
    for (const auto& p : ui::probed_problems())
        if (p.field == field && p.message_key == message_key) return true;
    return false;
}

std::string UiHarness::tr(std::string_view key) const { return shell_->i18n().get(key); }

std::string UiHarness::screen_text() {
    frame();
    std::map<std::tuple<float, float, float, float>, unsigned> glyphs;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) glyphs[{g.U0, g.V0, g.U1, g.V1}] = g.Codepoint;
    std::string out;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const ImVector<ImDrawVert>& v = dd->CmdLists[l]->VtxBuffer;
        for (int i = 0; i + 3 < v.Size; ++i) {
            const auto it = glyphs.find({v[i].uv.x, v[i].uv.y, v[i + 2].uv.x, v[i + 2].uv.y});
            if (it == glyphs.end() || v[i + 1].uv.x != v[i + 2].uv.x || v[i + 1].uv.y != v[i].uv.y) continue;
            const unsigned c = it->second;
            if (c < 0x80) {
                out += static_cast<char>(c);
            } else if (c < 0x800) {
                out += static_cast<char>(0xC0 | (c >> 6));
                out += static_cast<char>(0x80 | (c & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (c >> 12));
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (c & 0x3F));
            }
            i += 3;
        }
        out += '\n';
    }
    return out;
}

bool UiHarness::screen_has(const std::string& text, std::string part) {
    part.erase(std::remove(part.begin(), part.end(), ' '), part.end());
    return text.find(part) != std::string::npos;
}

}  // namespace ts::test
