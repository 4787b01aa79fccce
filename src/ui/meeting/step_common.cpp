#include "ui/meeting/step.hpp"

#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace ts::ui {

namespace {
constexpr std::size_t kNotesLimit = 20000;  // as a measure's or incident's description: pages of text
}

void step_question(Ctx& ctx, const std::string& text) {
    if (text.empty()) return;
    ImGui::PushFont(ctx.fonts.display);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    probe_text(text);
    ImGui::Dummy(em(0, 0.4f));
}

void step_notes(Ctx& ctx, StepCtx& step, const char* label_key, float lines) {
    (void)ctx;
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::TextUnformatted(tr(label_key));
    ImGui::PopFont();
    std::string notes = step.session.notes();
    if (text_area("##step_notes", notes, kNotesLimit, step.width, lines)) step.session.set_notes(std::move(notes));
    probe("meeting.notes");
}

}  // namespace ts::ui
