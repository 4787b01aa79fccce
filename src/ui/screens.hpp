// One class per screen; each has its own file (screen_<name>.cpp) and keeps its own state.
#pragma once

#include "core/validation.hpp"
#include "ui/shell.hpp"

#include <string>

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

class MeetingScreen {
public:
    void draw(Ctx& ctx);
};
class ActionsScreen {
public:
    void draw(Ctx& ctx);
};
class IncidentsScreen {
public:
    void draw(Ctx& ctx);
};
class MeasuresScreen {
public:
    void draw(Ctx& ctx);
};
class OverviewScreen {
public:
    void draw(Ctx& ctx);
};
class SettingsScreen {
public:
    void draw(Ctx& ctx);
};

// Shown on register screens while no team exists yet; returns true if it drew the hint.
bool draw_needs_team(Ctx& ctx);

}  // namespace ts::ui
