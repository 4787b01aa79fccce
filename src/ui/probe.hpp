// Where named widgets were drawn in the last frame, so headless tests can click and type
// through ImGui like a person, and what the shared widgets showed in the current frame, so
// they can check what a screen says. Costs one branch per call unless a test enables it.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::ui {

struct ProbeRect {
    ImVec2 min, max;
    ImGuiID id = 0;  // the item's ImGui id (0 for a text), to see which one has the keyboard focus
    ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

// Call right after a widget: records the last item's rectangle under `name`.
void probe(std::string_view name);
void enable_probes(bool on);
bool probes_enabled();  // (a caller that builds a probe's name only when it is used)
// Where `name` was last drawn, in this frame or an earlier one.
std::optional<ProbeRect> probed(std::string_view name);
void clear_probes();

// --- what the current frame showed (read-only for tests) ----------------------------------
//
// The widgets record what they draw: paragraph() (and so heading, subheading, muted, notice,
// field errors) and wrapped_selectable() their text, field_problems() each problem under the
// field it names. begin_probe_frame() forgets the previous frame's; a test harness calls it
// before each frame.
struct ProbedProblem {
    std::string field;        // "ended_at", "youth_id", … as the form's FieldProblem names it
    std::string message_key;  // "error.measure.end_before_start"
};
void begin_probe_frame();
void probe_text(std::string_view text);
void probe_problem(std::string_view field, std::string_view message_key);
// Whether probe(name) was called in the current frame (probed() also knows earlier frames).
bool probed_this_frame(std::string_view name);
const std::vector<std::string>& probed_texts();
const std::vector<ProbedProblem>& probed_problems();
// A named value the frame showed (a table cell: "managers.cell.De Linde.overdue" → "6"), so a
// test can read what a screen says where without parsing its text.
void probe_value(std::string_view name, std::string_view text);
std::optional<std::string> probed_value(std::string_view name);  // in the current frame
std::vector<std::pair<std::string, std::string>> probed_values();  // all of the current frame, by name

}  // namespace ts::ui
