// The overview screen. This version shows what is registered; the full screen is built on it.
#include "ui/screen_overview.hpp"

#include <imgui.h>

namespace ts::ui {

void OverviewScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.overview"));
    if (draw_needs_team(ctx)) return;
    const StoreCounts& c = ctx.model.counts();
    paragraph(trf("overview.summary", {std::to_string(c.teams), std::to_string(c.youths), std::to_string(c.measures),
                                   std::to_string(c.incidents), std::to_string(c.actions), std::to_string(c.meetings)})
                  .c_str());
    muted(tr("overview.next"));
}

}  // namespace ts::ui
