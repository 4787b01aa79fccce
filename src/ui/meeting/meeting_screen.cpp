#include "ui/meeting/meeting_screen.hpp"

#include "ui/meeting/step_templates.hpp"

namespace ts::ui {

MeetingScreen::MeetingScreen() { steps_.push_back(std::make_unique<TemplatesStep>()); }
MeetingScreen::~MeetingScreen() = default;

void MeetingScreen::draw(Ctx& ctx) {
    if (current_ < steps_.size()) steps_[current_]->draw(ctx);
}

}  // namespace ts::ui
