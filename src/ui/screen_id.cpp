#include "ui/screen_id.hpp"

#include <utility>

namespace ts::ui {
namespace {

constexpr std::array<std::pair<ScreenId, std::string_view>, 10> kScreenNames{{
    {ScreenId::welcome, "welcome"},
    {ScreenId::meeting, "meeting"},
    {ScreenId::actions, "actions"},
    {ScreenId::incidents, "incidents"},
    {ScreenId::measures, "measures"},
    {ScreenId::overview, "overview"},
    {ScreenId::managers, "managers"},
    {ScreenId::guideline, "guideline"},
    {ScreenId::team, "team"},
    {ScreenId::settings, "settings"},
}};

}  // namespace

std::string_view screen_name(ScreenId id) {
    for (const auto& [s, n] : kScreenNames)
        if (s == id) return n;
    return "?";
}

std::optional<ScreenId> screen_from_name(std::string_view name) {
    for (const auto& [s, n] : kScreenNames)
        if (n == name) return s;
    return std::nullopt;
}

std::string screen_names() {
    std::string out;
    for (const auto& [s, n] : kScreenNames) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

}  // namespace ts::ui
