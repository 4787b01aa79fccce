// The team meeting, led step by step. Each kind of step has its own file in this folder behind
// MeetingStep (step.hpp); the screen holds the steps of the running meeting.
#pragma once

#include "ui/meeting/step.hpp"
#include "ui/screen_common.hpp"

#include <memory>
#include <vector>

namespace ts::ui {

class MeetingScreen {
public:
    MeetingScreen();
    ~MeetingScreen();
    void draw(Ctx& ctx);

private:
    std::vector<std::unique_ptr<MeetingStep>> steps_;
    std::size_t current_ = 0;
};

}  // namespace ts::ui
