// Incidents: what happened since the team's previous meeting (model::meeting_period) — the
// count by category and by severity beside the period before of the same length (the indicator
// engine), the incidents one per line with a reportable one's inspectorate deadline, a mark on
// each the room discusses (kept with the meeting: Meeting::discussed_incident_ids), and notes on
// what the team learns. Privacy mode hides youth codes and descriptions.
#pragma once

#include "ui/meeting/step.hpp"
#include "ui/meeting/step_period.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ts::ui {

class IncidentsStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override {
        facts_.reset();
        shown_ = Shown{};
    }

    // A count of this period and the period before, under a name.
    struct CountLine {
        std::string name;
        std::int64_t now = 0, before = 0;
    };
    // An incident of the period as its line shows it.
    struct Line {
        const model::IncidentRow* row = nullptr;
        std::string day, category, severity, report, text;
        bool late = false;
    };

private:
    // What the step shows, worked out when the facts, the register's incidents, the privacy
    // mode, the language or the font size changed: not every frame (issue 12).
    struct Shown {
        std::uint64_t facts = 0, incidents = 0;
        std::string team_id;
        bool privacy = false;
        Lang lang = Lang::nl;
        float font_size = 0;
        bool built = false;
        ind::IncidentRow row;
        std::vector<CountLine> categories, severities;
        std::vector<Line> lines;                   // oldest first
        float day_w = 0, sev_w = 0, report_w = 0;  // the widest text of these columns
        std::vector<float> heights;                // each line's row, as last drawn at `width`
        float width = -1;
        bool wide = false;
    };
    const Shown& shown(Ctx& ctx, bool privacy);

    PeriodFacts facts_;
    Shown shown_;
};

}  // namespace ts::ui
