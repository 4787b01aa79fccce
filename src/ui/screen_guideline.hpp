// The guideline screen: the building blocks, questions and recommendations of the guideline.
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

class GuidelineScreen {
public:
    void draw(Ctx& ctx);
    // 0..3 building blocks, 4 = "Aan de slag met de richtlijn", 5 = the spearhead agenda.
    int selected() const { return selected_; }
    void select(int index) { selected_ = index; }

private:
    int selected_ = 0;
    std::optional<Lang> text_lang_;  // the guideline's language, may differ from the UI's
};

}  // namespace ts::ui
