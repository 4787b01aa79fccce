// The manager overview (issue 11): one row per team, worst first — the follow-up of its actions,
// its measures per 1,000 care days and their change (arrow and word, never colour alone), its
// incidents, its reportable incidents past their deadline, its last meeting and the building
// blocks it reflected on. Sorts on any column; every number opens the records behind it, a
// team's name its overview. The rows come from model::ManagerOverview, as `report teams` has them.
#pragma once

#include "model/manager_overview.hpp"
#include "ui/ctx.hpp"
#include "ui/screen_common.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ts::ui {

class ManagersScreen {
public:
    void draw(Ctx& ctx);
    // The number of columns and their names in probes ("managers.cell.<team>.<name>").
    static constexpr std::size_t kColumns = 12;
    static const std::array<const char*, kColumns>& column_names();

private:
    void rebuild_cells(const Ctx& ctx);
    void draw_table(Ctx& ctx);

    model::ManagerOverview overview_;
    model::ManagerPeriod which_ = model::ManagerPeriod::this_quarter;
    int sort_column_ = -1;  // -1: worst first
    bool sort_ascending_ = false;
    // The rows in the order shown and each cell's text, made again only when the rows, the
    // sort or the language change (never per frame).
    std::vector<model::TeamRow> rows_;
    std::vector<std::array<std::string, kColumns>> cells_;
    std::uint64_t built_version_ = 0;
    int built_sort_ = -2;
    bool built_ascending_ = false;
    Lang built_lang_ = Lang::nl;
    ExportBar export_;
};

}  // namespace ts::ui
