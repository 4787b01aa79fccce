// The actions screen. This version shows what is registered; the full screen is built on it.
#include "ui/screen_actions.hpp"

#include <imgui.h>

namespace ts::ui {

void ActionsScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.actions"));
    if (draw_needs_team(ctx)) return;
    const StoreCounts& c = ctx.model.counts();
    paragraph(trn("actions.summary", c.actions).c_str());
    muted(tr("actions.next"));
}

}  // namespace ts::ui
