// The overview screen. This version shows what is registered; the full screen is built on it.
#include "ui/screen_overview.hpp"

#include <imgui.h>

namespace ts::ui {

void OverviewScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.overview"));
    if (draw_needs_team(ctx)) return;
    const StoreCounts& c = ctx.model.counts();
    paragraph(trf("overview.summary", {trn("count.teams", c.teams), trn("count.youths", c.youths), trn("count.measures", c.measures),
                                       trn("count.incidents", c.incidents), trn("count.actions", c.actions)})
                  .c_str());
    muted(tr("overview.next"));
}

}  // namespace ts::ui
