// The meeting's first step until a meeting is run step by step: the templates the team can
// choose from, with their steps and minutes.
#pragma once

#include "ui/meeting/step.hpp"

namespace ts::ui {

class TemplatesStep final : public MeetingStep {
public:
    void draw(Ctx& ctx) override;
};

}  // namespace ts::ui
