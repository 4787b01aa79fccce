// Reflection on the guideline: the team chooses a building block; its topics and core
// recommendations are on screen, and the team rates each recommendation (doen we al / deels /
// nog niet) with last time's rating beside it. Then the block's guiding question and the six
// "Aan de slag" questions, one at a time, each with the room's answer. The clicker moves
// through these parts before it moves to the next step.
#pragma once

#include "ui/meeting/step.hpp"

#include <string>

namespace ts::ui {

class ReflectionStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override;
    bool next(Ctx& ctx, model::MeetingSession& session) override;
    bool back(Ctx& ctx, model::MeetingSession& session) override;

private:
    void draw_choice(Ctx& ctx, StepCtx& step);
    void draw_ratings(Ctx& ctx, StepCtx& step, const BuildingBlock& block);
    void draw_question(Ctx& ctx, StepCtx& step, const BuildingBlock& block);
    // The block chosen: this step's own choice, else the one the meeting's ratings and answers
    // show (a meeting reopened after a restart).
    const BuildingBlock* block(const Ctx& ctx, const model::MeetingSession& session);

    std::string meeting_id_, block_id_;
    // 0: the recommendations and their ratings; 1: the guiding question; 2–7: the six questions.
    int part_ = 0;
    bool focus_answer_ = false;
};

}  // namespace ts::ui
