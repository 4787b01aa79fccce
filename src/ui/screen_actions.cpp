// The actions screen. This version shows what is registered; the full screen is built on it.
#include "ui/screen_actions.hpp"

#include <imgui.h>

namespace ts::ui {

void ActionsScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.actions"));
    if (draw_needs_team(ctx)) return;
    const StoreCounts& c = ctx.model.counts();
    paragraph(trf("actions.summary", {std::to_string(c.teams), std::to_string(c.youths), std::to_string(c.measures),
                                   std::to_string(c.incidents), std::to_string(c.actions), std::to_string(c.meetings)})
                  .c_str());
    muted(tr("actions.next"));
}

}  // namespace ts::ui
