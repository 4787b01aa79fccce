#pragma once
#include <string>

namespace ts::app {
// Where data/ is: $TEAMSPIEGEL_DATA, else the source tree's data/ (a build-tree run), else
// <exe>/../share/teamspiegel/data, else <exe>/data. Returns "" when none exists.
std::string find_data_dir();
}  // namespace ts::app
