// The screens of the window, by id and by the name the `screenshot` command uses.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ts::ui {

enum class ScreenId { welcome, meeting, actions, incidents, measures, overview, managers, guideline, team, settings };
inline constexpr std::array<ScreenId, 9> kRailScreens{ScreenId::meeting,  ScreenId::actions,  ScreenId::incidents,
                                                      ScreenId::measures, ScreenId::overview, ScreenId::managers,
                                                      ScreenId::guideline, ScreenId::team,    ScreenId::settings};
std::string_view screen_name(ScreenId id);  // "welcome", "guideline", … (used by `screenshot --screen`)
std::optional<ScreenId> screen_from_name(std::string_view name);
std::string screen_names();                  // "welcome, meeting, …" for messages

}  // namespace ts::ui
