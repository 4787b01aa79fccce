// The actions agreed before, one at a time, large: every open or in-progress action of the
// team as it stood when the meeting reached this step (the list stays fixed for the step, so an
// action marked done stays on it), with its owner, due date, where it was agreed, what it
// belongs to and its updates so far; overdue and stale marked. Each gets done, continue (with a
// new due date if wanted) or drop (with a reason), and a note: an action update of this
// meeting, stored at once together with the action's new status. Choosing again in the same
// meeting replaces this meeting's update. The clicker walks through the actions before it
// moves to the next step.
#pragma once

#include "ui/meeting/step.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ts::ui {

class OpenActionsStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override;
    bool next(Ctx& ctx, model::MeetingSession& session) override;
    bool back(Ctx& ctx, model::MeetingSession& session) override;

    enum class Choice { done, carry_on, drop };

private:
    // What this step holds of one action: the note and the new due date being typed, and the
    // status it had when the list was made (continuing after a "done" by mistake goes back to it).
    struct Entry {
        std::string note, due;
        ActionStatus before = ActionStatus::in_progress;
        bool loaded = false;
    };

    void build(const Ctx& ctx, const model::MeetingSession& session);
    void draw_strip(Ctx& ctx, StepCtx& step);
    void draw_action(Ctx& ctx, StepCtx& step, const model::ActionRow& row);
    void draw_history(Ctx& ctx, StepCtx& step, const model::ActionRow& row);
    void draw_choices(Ctx& ctx, StepCtx& step, const model::ActionRow& row);
    void choose(Ctx& ctx, StepCtx& step, const model::ActionRow& row, Choice choice);
    void move_to(std::size_t pos);

    std::string meeting_id_;        // the meeting the list was made for
    std::vector<std::string> ids_;  // the actions of this step, in the order shown
    std::size_t pos_ = 0;
    std::map<std::string, Entry> entries_;
    std::string error_, error_id_;  // what refused a choice, and for which action
    bool note_active_ = false;      // the note was being typed (the next action's note gets the cursor)
    bool focus_note_ = false;
};

}  // namespace ts::ui
