// A discussion step (the intervision and moral-deliberation templates are made of them): the
// step's prompt large on screen, and the room's notes.
#pragma once

#include "ui/meeting/step.hpp"

namespace ts::ui {

class DiscussionStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
};

}  // namespace ts::ui
