#include "ui/screen_lock.hpp"

#include "ui/probe.hpp"
#include "ui/shell.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace ts::ui {

void LockScreen::refuse(std::string message_key) {
    message_key_ = std::move(message_key);
    pin_.clear();
    focus_pin_ = true;
}

void LockScreen::reset() {
    focus_pin_ = false;
    chosen_.clear();
    pin_.clear();
    message_key_.clear();
}

void LockScreen::draw(Ctx& ctx) {
    const Shell& shell = ctx.shell;
    const bool locked = shell.locked();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("##teamspiegel_lock", nullptr, flags);
    const float width = em(24);
    ImGui::SetCursorPos(ImVec2(std::max(em(2), (vp->Size.x - width) / 2), std::max(em(2), vp->Size.y / 2 - em(9))));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushFont(ctx.fonts.display);
    ImGui::TextUnformatted("Teamspiegel");
    ImGui::PopFont();
    paragraph(tr(locked ? "lock.prompt_locked" : "lock.prompt_who"));
    ImGui::Dummy(em(0, 0.5f));

    // Who you are: a closed list, so that no name shows until someone opens it.
    const auto& members = ctx.model.members();
    bool any = false;
    for (const auto& m : members) any |= m.active;
    bool submit = false;
    if (any) {
        field_label(tr("lock.who"));
        const Member* chosen = ctx.model.member(chosen_);
        ImGui::SetNextItemWidth(width);
        if (ImGui::BeginCombo("##lock_who", chosen ? chosen->name.c_str() : tr("rail.who_choose"))) {
            for (const auto& m : members) {
                if (!m.active) continue;
                if (ImGui::Selectable(m.name.c_str(), m.id == chosen_)) {
                    chosen_ = m.id;
                    focus_pin_ = true;
                }
                probe("lock.who." + m.name);
            }
            ImGui::EndCombo();
        }
        probe("lock.who");
    }
    if (locked && shell.pin_set()) {
        field_label(tr("lock.pin"));
        ImGui::SetNextItemWidth(em(10));
        if (focus_pin_ || (!any && ImGui::IsWindowAppearing())) ImGui::SetKeyboardFocusHere();
        focus_pin_ = false;
        submit |= ImGui::InputText("##lock_pin", &pin_, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                                            ImGuiInputTextFlags_EnterReturnsTrue);
        probe("lock.pin");
    }
    ImGui::Dummy(em(0, 0.3f));
    submit |= primary_button(label(locked ? "lock.unlock" : "lock.continue", "lock_unlock").c_str());
    probe("lock.unlock");
    if (!locked) {
        ImGui::SameLine();
        if (ImGui::Button(label("lock.later", "lock_later").c_str())) ctx.post(request::DismissQuestion{});
        probe("lock.later");
    }
    if (submit) ctx.post(request::Unlock{chosen_, pin_});
    if (!message_key_.empty()) notice(Tone::bad, tr(message_key_));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::End();
}

}  // namespace ts::ui
