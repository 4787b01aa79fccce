// Incidents: what happened since the team's previous meeting (model::meeting_period) — the
// count by category and by severity beside the period before of the same length (the indicator
// engine), the incidents one per line with a reportable one's inspectorate deadline, a mark on
// each the room discusses (kept with the meeting: Meeting::discussed_incident_ids), and notes on
// what the team learns. Privacy mode hides youth codes and descriptions.
#pragma once

#include "ui/meeting/step.hpp"
#include "ui/meeting/step_period.hpp"

namespace ts::ui {

class IncidentsStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override { facts_.reset(); }

private:
    PeriodFacts facts_;
};

}  // namespace ts::ui
