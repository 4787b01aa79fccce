#include "ui/meeting/step.hpp"

#include "core/code_match.hpp"
#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

namespace ts::ui {

namespace {
constexpr std::size_t kNotesLimit = 20000;  // as a measure's or incident's description: pages of text
}

const std::string& MaskedCodes::shown(const Ctx& ctx, std::uint32_t field, const std::string& text) {
    if (!built_ || version_ != ctx.model.versions().youths || team_id_ != ctx.model.team_id() || lang_ != ctx.lang) {
        keys_ = code_keys_longest_first(ctx.model.youths());
        texts_.clear();
        team_id_ = ctx.model.team_id();
        version_ = ctx.model.versions().youths;
        lang_ = ctx.lang;
        built_ = true;
    }
    const auto [at, added] = texts_.try_emplace(field);
    auto& [source, masked] = at->second;
    if (added || source != text) {
        source = text;
        masked = mask_codes(text, keys_, tr("minutes.code_hidden"));
    }
    return masked;
}

const char* rating_key(Rating r) {
    switch (r) {
        case Rating::already: return "meeting.rating.already";
        case Rating::partly: return "meeting.rating.partly";
        case Rating::not_yet: return "meeting.rating.not_yet";
    }
    return "meeting.rating.not_yet";
}

void say(std::string_view text) {
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    probe_text(text);
}

void say_wrapped(std::string_view text) {
    ImGui::PushTextWrapPos(ImGui::GetCurrentWindow()->DC.TextWrapPos < 0 ? 0.0f : ImGui::GetCurrentWindow()->DC.TextWrapPos);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    probe_text(text);
}

void step_question(Ctx& ctx, const std::string& text) {
    if (text.empty()) return;
    ImGui::PushFont(ctx.fonts.display);
    ImGui::PushTextWrapPos(0);
    say(text);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    probe_text(text);
    ImGui::Dummy(em(0, 0.4f));
}

bool step_text_area(Ctx& ctx, const StepCtx& step, const char* id, std::string& text, float lines) {
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID real = ImGui::GetID(id);
    const ImGuiID focus_key = ImGui::GetID((std::string(id) + "#focus").c_str());
    std::string shown;
    // Frames left for the text itself to take the keyboard after a click on the hidden one.
    int opening = storage->GetInt(focus_key, 0);
    if (step.privacy && ImGui::GetActiveID() != real && opening == 0) {
        shown = step.masked ? step.masked->shown(ctx, real, text)
                            : mask_codes(text, code_keys_longest_first(ctx.model.youths()), tr("minutes.code_hidden"));
        if (shown != text) {
            // The codes hidden while nobody types here; a click (or Tab) opens the text itself.
            const float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
            ImGui::InputTextMultiline((std::string(id) + "#shown").c_str(), &shown, ImVec2(step.width, height), ImGuiInputTextFlags_ReadOnly);
            probe_text(shown);
            if (ImGui::IsItemActivated()) {
                ImGui::ClearActiveID();
                storage->SetInt(focus_key, 3);
            }
            return false;
        }
    }
    if (opening == 3) ImGui::SetKeyboardFocusHere();
    const bool changed = text_area(id, text, kNotesLimit, step.width, lines);
    if (opening > 0) {
        ImGuiInputTextState* state = ImGui::GetActiveID() == real ? ImGui::GetInputTextState(real) : nullptr;
        if (state) {
            // Opened by a click on the hidden text: go on writing at its end.
            state->Stb.cursor = state->Stb.select_start = state->Stb.select_end = state->CurLenW;
            state->CursorAnimReset();
        }
        storage->SetInt(focus_key, state ? 0 : opening - 1);
    }
    probe_text(text);
    return changed;
}

void step_notes(Ctx& ctx, StepCtx& step, const char* label_key, float lines) {
    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr(label_key));
    ImGui::PopFont();
    std::string notes = step.session.notes();
    if (step_text_area(ctx, step, "##step_notes", notes, lines)) step.session.set_notes(std::move(notes));
    probe("meeting.notes");
}

}  // namespace ts::ui
