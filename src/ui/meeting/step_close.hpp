// Close: what the meeting decided, the new actions with their owners, the ratings that changed
// since last time, and the date of the next meeting; then the meeting is closed.
#pragma once

#include "ui/meeting/step.hpp"

#include <string>

namespace ts::ui {

class CloseStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override { meeting_id_.clear(); }

private:
    std::string meeting_id_, next_on_;
};

}  // namespace ts::ui
