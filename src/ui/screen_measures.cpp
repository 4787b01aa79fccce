// The measures screen. This version shows what is registered; the full screen is built on it.
#include "ui/screens.hpp"

#include <imgui.h>

namespace ts::ui {

void MeasuresScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.measures"));
    if (draw_needs_team(ctx)) return;
    const StoreCounts& c = ctx.cache.counts;
    paragraph(trf("measures.summary", {std::to_string(c.teams), std::to_string(c.youths), std::to_string(c.measures),
                                   std::to_string(c.incidents), std::to_string(c.actions), std::to_string(c.meetings)})
                  .c_str());
    muted(tr("measures.next"));
}

}  // namespace ts::ui
