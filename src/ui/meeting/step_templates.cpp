#include "ui/meeting/step_templates.hpp"

#include "ui/screen_common.hpp"

#include <imgui.h>

namespace ts::ui {

void TemplatesStep::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.meeting"));
    if (draw_needs_team(ctx)) return;
    subheading(ctx.fonts, ctx.model.current_team()->name.c_str());
    muted(trn("meeting.count", ctx.model.counts().meetings).c_str());
    ImGui::Dummy(em(0, 0.5f));
    subheading(ctx.fonts, tr("meeting.templates"));
    for (const auto& t : ctx.content.templates) {
        ImGui::Dummy(em(0, 0.3f));
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextUnformatted((t.name.in(ctx.lang) + "  ·  " + trn("meeting.minutes", t.total_minutes())).c_str());
        ImGui::PopFont();
        muted(t.description.in(ctx.lang).c_str());
        std::string steps;
        for (const auto& s : t.steps) {
            if (!steps.empty()) steps += "  →  ";
            steps += s.title.in(ctx.lang);
        }
        paragraph(steps.c_str());
    }
}

}  // namespace ts::ui
