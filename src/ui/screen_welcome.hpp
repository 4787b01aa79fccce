// The welcome screen: create a team, or load synthetic demo data.
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "ui/shell.hpp"
#include "ui/screen_common.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::ui {

class WelcomeScreen {
public:
    void draw(Ctx& ctx);

private:
    std::string name_, location_;
    int capacity_ = 8;
    int goal_pct_ = 30;
    std::vector<FieldProblem> problems_;
    std::string error_;
};

}  // namespace ts::ui
