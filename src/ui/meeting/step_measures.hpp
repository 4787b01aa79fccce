// Restrictive measures: the figures since the team's previous meeting (model::meeting_period)
// from the indicator engine — the total as the key figure, per type as bars beside the period
// before, the change per 1,000 care days, the team's reduction goal (the target and whether the
// team is on track) — then the rule warnings and the measures still without a debrief, and
// notes. Privacy mode hides youth codes and the measures' free text.
#pragma once

#include "ui/meeting/step.hpp"
#include "ui/meeting/step_period.hpp"
#include "ui/widgets.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ts::ui {

// A type's bar: its name, the count in this period and in the period before.
struct MeasureBar {
    std::string name;
    std::int64_t now = 0, before = 0;
};

class MeasuresStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override {
        facts_.reset();
        shown_ = Shown{};
        warned_.forget();
        no_debrief_.forget();
    }

private:
    // What the step shows, worked out when the facts, the register's measures, the privacy
    // mode or the language changed: not every frame (issue 12).
    struct Shown {
        std::uint64_t facts = 0, measures = 0;
        std::string team_id;
        bool privacy = false;
        Lang lang = Lang::nl;
        bool built = false;
        ind::MeasureRow row;
        std::vector<MeasureBar> bars;
        std::vector<std::string> warnings;     // a line per measure with a rule warning
        std::vector<std::string> no_debrief;   // a line per measure without a debrief
    };
    const Shown& shown(Ctx& ctx, bool privacy);

    PeriodFacts facts_;
    Shown shown_;
    BulletList warned_, no_debrief_;
};

}  // namespace ts::ui
