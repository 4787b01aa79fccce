// Where named widgets were drawn in the last frame, so headless tests can click and type
// through ImGui like a person. Costs one branch per call unless a test enables it.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>

namespace ts::ui {

struct ProbeRect {
    ImVec2 min, max;
    ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

// Call right after a widget: records the last item's rectangle under `name`.
void probe(std::string_view name);
void enable_probes(bool on);
std::optional<ProbeRect> probed(std::string_view name);
void clear_probes();

}  // namespace ts::ui
