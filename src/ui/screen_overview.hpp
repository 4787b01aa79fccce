// The overview screen.
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

class OverviewScreen {
public:
    void draw(Ctx& ctx);
};

}  // namespace ts::ui
