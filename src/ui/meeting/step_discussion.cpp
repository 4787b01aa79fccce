#include "ui/meeting/step_discussion.hpp"

#include "ui/i18n.hpp"

#include <imgui.h>

namespace ts::ui {

void DiscussionStep::draw(Ctx& ctx, StepCtx& step) {
    step_question(ctx, step.tpl.prompt.in(ctx.lang));
    step_notes(ctx, step, "meeting.notes");
}

}  // namespace ts::ui
