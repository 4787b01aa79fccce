// Register lists that stay readable at any zoom (issue 8, finding 1). Every column keeps a
// minimum width: its header, a sample of its widest usual value, or a number of em. When the
// window is too narrow for all of them, the less important columns fold away first; beyond that
// the list scrolls sideways. Text longer than its column ends in "…", and shows whole on hover.
#pragma once

#include <imgui.h>

#include <string_view>
#include <vector>

namespace ts::ui {

// The sample of a date-and-time column: format_local's "YYYY-MM-DD HH:MM" (digits are of one width).
inline constexpr const char* kDateTimeSample = "2026-12-28 23:58";

struct ListColumn {
    const char* label;
    float min_em = 4.0f;           // never narrower than this many em …
    const char* sample = nullptr;  // … nor than this text ("2026-05-01 14:05"), nor its header
    int fold = 0;                  // 0: always shown; 1, 2, …: folds away when narrow, highest first
    ImGuiTableColumnFlags flags = 0;
};

// Which columns are shown in `avail` pixels, given each one's minimum width and fold order, and
// how wide the table is inside (more than `avail` when even the columns that never fold do not
// fit: then it scrolls sideways).
struct ListPlan {
    std::vector<bool> shown;
    float inner_width = 0;
};
ListPlan plan_list(const std::vector<float>& min_width, const std::vector<int>& fold, float avail);

// Begins a list of `size` (0: the rest of the window's width or height), the header row
// frozen, the rows sortable by a click on a header when `sortable`. Call TableHeadersRow after, then end_list() only when it
// returned true. Cells of a folded column are not shown (TableNextColumn still steps over them).
// `extra`: more table flags (ImGuiTableFlags_SortTristate: a third click on a header unsorts).
bool begin_list(const char* id, const std::vector<ListColumn>& columns, ImVec2 size = ImVec2(0, 0), bool sortable = true,
                ImGuiTableFlags extra = 0);
// The header row, as ImGui::TableHeadersRow draws it, with each header probed as
// `probe_prefix` + its column index ("actions.col.0"), so a test can click one to sort.
void headers_row(const char* probe_prefix);
// The height that shows `rows` rows and the header without scrolling, but at most `max_rows`.
float list_height(int rows, int max_rows);
void end_list();

// Text in a list cell: whole when it fits the column, else cut with "…" and whole on hover.
void cell_text(std::string_view text);
void cell_text(std::string_view text, const ImVec4& colour);

}  // namespace ts::ui
