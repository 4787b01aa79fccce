// New actions, entered quickly while the room agrees them: a title, an owner of the team, a
// due date (two weeks after the meeting unless changed) and what it belongs to (a building
// block or core recommendation of the guideline, or an incident of the team). Enter in the
// title stores it at once (agreed in this meeting, open) and the form is ready for the next
// one. The actions agreed in this meeting so far are listed under the form, each to edit or
// remove (removing asks first).
#pragma once

#include "ui/meeting/step.hpp"

#include <string>
#include <vector>

namespace ts::ui {

class AgreeActionsStep final : public MeetingStepView {
public:
    void draw(Ctx& ctx, StepCtx& step) override;
    void reset() override;

private:
    void start_form(const Meeting& m);
    void draw_form(Ctx& ctx, StepCtx& step);
    void draw_link(Ctx& ctx, StepCtx& step, float width);
    void draw_agreed(Ctx& ctx, StepCtx& step);
    void submit(Ctx& ctx, StepCtx& step);
    void edit(const Action& a);
    void remove(Ctx& ctx, const std::string& id);

    std::string meeting_id_;   // the meeting the form belongs to
    std::string title_, owner_id_, due_;
    std::string guideline_ref_, incident_id_;  // the link: one of them, or neither
    std::string editing_id_;   // an action of this meeting loaded into the form; empty: a new one
    std::string confirm_id_;   // the action whose removal is being asked about
    std::vector<FieldProblem> problems_;
    std::string error_;
    bool focus_title_ = false;
};

}  // namespace ts::ui
