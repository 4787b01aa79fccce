// Restrictive measures: the figures since the team's previous meeting (model::meeting_period)
// from the indicator engine — the total as the key figure, per type as bars beside the period
// before, the change per 1,000 care days, the team's reduction goal (the target and whether the
// team is on track) — then the rule warnings and the measures still without a debrief, and
// notes. Privacy mode hides youth codes and the measures' free text.
#pragma once

#include "ui/meeting/step.hpp"
#include "ui/meeting/step_period.hpp"

namespace ts::ui {

class MeasuresStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override { facts_.reset(); }

private:
    PeriodFacts facts_;
};

}  // namespace ts::ui
