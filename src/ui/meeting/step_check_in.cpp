#include "ui/meeting/step_check_in.hpp"

#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace ts::ui {

void CheckInStep::draw(Ctx& ctx, StepCtx& step) {
    const Meeting& m = step.session.meeting();
    step_question(ctx, step.tpl.prompt.in(ctx.lang).empty() ? tr("meeting.check_in.question") : step.tpl.prompt.in(ctx.lang));

    ImGui::PushFont(ctx.fonts.present_bold);
    say(trn("meeting.check_in.present", static_cast<long long>(m.attendee_ids.size())));
    ImGui::PopFont();
    if (const Member* f = m.facilitator_id ? ctx.model.member(*m.facilitator_id) : nullptr)
        muted(trf("meeting.check_in.facilitator", {f->name}).c_str());

    // The members as check boxes, in as many columns as the names need.
    const auto& members = ctx.model.members();
    float widest = em(6);
    for (const Member& mem : members) widest = std::max(widest, ImGui::CalcTextSize(mem.name.c_str()).x);
    const float cell = widest + ImGui::GetFrameHeight() + em(2);
    const int columns = std::max(1, static_cast<int>(step.width / cell));
    int k = 0;
    std::vector<std::string> attendees = m.attendee_ids;
    bool changed = false;
    for (const Member& mem : members) {
        const bool was = std::find(attendees.begin(), attendees.end(), mem.id) != attendees.end();
        if (!mem.active && !was) continue;
        if (k % columns != 0) ImGui::SameLine(static_cast<float>(k % columns) * cell + ImGui::GetStyle().WindowPadding.x);
        bool on = was;
        if (ImGui::Checkbox(mem.name.c_str(), &on)) {
            if (on) attendees.push_back(mem.id);
            else attendees.erase(std::remove(attendees.begin(), attendees.end(), mem.id), attendees.end());
            changed = true;
        }
        probe("meeting.attendee." + mem.name);
        ++k;
    }
    if (members.empty()) muted(tr("meeting.check_in.no_members"));
    if (changed) step.session.set_attendees(std::move(attendees));

    ImGui::Dummy(em(0, 0.5f));
    step_notes(ctx, step, "meeting.check_in.goal", 3);
}

}  // namespace ts::ui
