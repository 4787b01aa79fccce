#include "ui/list_table.hpp"

#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace ts::ui {

ListPlan plan_list(const std::vector<float>& min_width, const std::vector<int>& fold, float avail) {
    ListPlan plan;
    plan.shown.assign(min_width.size(), true);
    float total = std::accumulate(min_width.begin(), min_width.end(), 0.0f);
    while (total > avail) {
        // The shown column that folds first: the highest fold number, the rightmost of equals.
        std::size_t pick = min_width.size();
        for (std::size_t i = 0; i < min_width.size(); ++i)
            if (plan.shown[i] && fold[i] > 0 && (pick == min_width.size() || fold[i] >= fold[pick])) pick = i;
        if (pick == min_width.size()) break;
        plan.shown[pick] = false;
        total -= min_width[pick];
    }
    plan.inner_width = std::max(total, avail);
    return plan;
}

float list_height(int rows, int max_rows) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
    return static_cast<float>(std::min(rows, max_rows) + 1) * row + style.ScrollbarSize + 2 * style.CellPadding.y;
}

bool begin_list(const char* id, const std::vector<ListColumn>& columns, ImVec2 size, bool sortable, ImGuiTableFlags extra) {
    const ImGuiStyle& style = ImGui::GetStyle();
    // A column's content plus the cell's padding; a header also has room for the sort arrow.
    const float padding = 2 * style.CellPadding.x + style.ItemSpacing.x;
    const float arrow = ImGui::GetFontSize() + style.ItemInnerSpacing.x;
    std::vector<float> min_width;
    std::vector<int> fold;
    for (const ListColumn& c : columns) {
        float w = em(c.min_em);
        // A column marked NoHeaderWidth is compact, for tables of many columns: only the cell's
        // own padding around its text (ImGui keeps the header's room for the sort arrow itself).
        // (The header's arrow takes FontSize × 0.65 + FramePadding.x there, as ImGui's TableHeader
        // measures it.)
        const bool compact = (c.flags & ImGuiTableColumnFlags_NoHeaderWidth) != 0;
        const float arrow_room = compact ? std::floor(ImGui::GetFontSize() * 0.65f + style.FramePadding.x) : arrow;
        w = std::max(w, ImGui::CalcTextSize(c.label, nullptr, true).x + arrow_room);
        if (c.sample) w = std::max(w, ImGui::CalcTextSize(c.sample).x);
        min_width.push_back(w + (compact ? 2 * style.CellPadding.x + 1 : padding));
        fold.push_back(c.fold);
    }
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const ImVec2 outer(size.x > 0 ? size.x : room.x, size.y > 0 ? size.y : room.y);
    const float avail = outer.x - style.ScrollbarSize;
    const ListPlan plan = plan_list(min_width, fold, avail);

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
    if (sortable) flags |= ImGuiTableFlags_Sortable;
    flags |= extra;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, outer, plan.inner_width)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        // Stretch weights in proportion to the minimums: at the inner width every column gets
        // at least its minimum.
        ImGuiTableColumnFlags f = columns[i].flags;
        if (!plan.shown[i]) f |= ImGuiTableColumnFlags_Disabled;
        ImGui::TableSetupColumn(columns[i].label, f, min_width[i]);
    }
    return true;
}

void end_list() { ImGui::EndTable(); }

void headers_row(const char* probe_prefix) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        ImGui::PushID(c);
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        ImGui::PopID();
        probe(probe_prefix + std::to_string(c));
    }
}


void cell_text(std::string_view text) { text_ellipsis(std::string(text), ImGui::GetContentRegionAvail().x); }

void cell_text(std::string_view text, const ImVec4& colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    cell_text(text);
    ImGui::PopStyleColor();
}

}  // namespace ts::ui
