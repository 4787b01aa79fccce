// Close: what the meeting decided, the new actions with their owners, the ratings that changed
// since last time, and the date of the next meeting; then the meeting is closed.
#pragma once

#include "ui/meeting/step.hpp"

#include <optional>
#include <string>

namespace ts::ui {

class CloseStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override {
        meeting_id_.clear();
        minutes_path_.clear();
        minutes_result_.clear();
        minutes_private_.reset();
    }

private:
    void draw_minutes(Ctx& ctx, StepCtx& step);

    std::string meeting_id_, next_on_;
    // The minutes: where to, which format, private or not (as the screen is, by default).
    std::string minutes_path_;
    bool minutes_html_ = true;
    std::optional<bool> minutes_private_;
    std::string minutes_result_;
    bool minutes_ok_ = false;
};

}  // namespace ts::ui
