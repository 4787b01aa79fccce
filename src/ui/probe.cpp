#include "ui/probe.hpp"

#include <map>
#include <string>

namespace ts::ui {
namespace {
bool g_enabled = false;
std::map<std::string, ProbeRect, std::less<>>& rects() {
    static std::map<std::string, ProbeRect, std::less<>> r;
    return r;
}
}  // namespace

void probe(std::string_view name) {
    if (!g_enabled) return;
    rects()[std::string(name)] = ProbeRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

void enable_probes(bool on) { g_enabled = on; }

std::optional<ProbeRect> probed(std::string_view name) {
    auto it = rects().find(name);
    if (it == rects().end()) return std::nullopt;
    return it->second;
}

void clear_probes() { rects().clear(); }

}  // namespace ts::ui
