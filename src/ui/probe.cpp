#include "ui/probe.hpp"

#include <imgui_internal.h>

#include <map>
#include <set>
#include <string>

namespace ts::ui {
namespace {
bool g_enabled = false;

struct Probes {
    std::map<std::string, ProbeRect, std::less<>> rects;  // every frame so far
    std::set<std::string, std::less<>> this_frame;         // names probed in the current frame
    std::vector<std::string> texts;
    std::vector<ProbedProblem> problems;
    std::map<std::string, std::string, std::less<>> values;  // in the current frame
};

Probes& probes() {
    static Probes p;
    return p;
}
}  // namespace

void probe(std::string_view name) {
    if (!g_enabled) return;
    probes().rects[std::string(name)] = ProbeRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetCurrentContext()->LastItemData.ID};
    probes().this_frame.emplace(name);
}

void enable_probes(bool on) { g_enabled = on; }
bool probes_enabled() { return g_enabled; }

std::optional<ProbeRect> probed(std::string_view name) {
    auto it = probes().rects.find(name);
    if (it == probes().rects.end()) return std::nullopt;
    return it->second;
}

void clear_probes() { probes() = Probes{}; }

void begin_probe_frame() {
    Probes& p = probes();
    p.this_frame.clear();
    p.texts.clear();
    p.problems.clear();
    p.values.clear();
}

void probe_text(std::string_view text) {
    if (g_enabled) probes().texts.emplace_back(text);
}

void probe_problem(std::string_view field, std::string_view message_key) {
    if (g_enabled) probes().problems.push_back({std::string(field), std::string(message_key)});
}

bool probed_this_frame(std::string_view name) { return probes().this_frame.count(name) > 0; }

const std::vector<std::string>& probed_texts() { return probes().texts; }

const std::vector<ProbedProblem>& probed_problems() { return probes().problems; }

void probe_value(std::string_view name, std::string_view text) {
    if (g_enabled) probes().values[std::string(name)] = std::string(text);
}

std::vector<std::pair<std::string, std::string>> probed_values() {
    return {probes().values.begin(), probes().values.end()};
}

std::optional<std::string> probed_value(std::string_view name) {
    const auto it = probes().values.find(name);
    if (it == probes().values.end()) return std::nullopt;
    return it->second;
}

}  // namespace ts::ui
