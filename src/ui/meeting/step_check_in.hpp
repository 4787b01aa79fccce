// Check-in: who is there (picked from the team's members) and today's goal.
#pragma once

#include "ui/meeting/step.hpp"

namespace ts::ui {

class CheckInStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
};

}  // namespace ts::ui
