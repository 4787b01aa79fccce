#include "ui/meeting/step_reflection.hpp"

#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace ts::ui {

namespace {

constexpr Rating kRatings[] = {Rating::already, Rating::partly, Rating::not_yet};

ImVec4 rating_colour(Rating r) {
    const Palette& p = palette();
    return r == Rating::already ? p.ok : r == Rating::partly ? p.warn : p.bad;
}

}  // namespace

void ReflectionStep::reset() {
    meeting_id_.clear();
    block_id_.clear();
    part_ = 0;
}

const BuildingBlock* ReflectionStep::block(const Ctx& ctx, const model::MeetingSession& session) {
    const Guideline& g = ctx.content.guideline;
    if (meeting_id_ != session.meeting().id) {
        reset();
        meeting_id_ = session.meeting().id;
        // Reopened: the block whose recommendations were rated, or whose question was answered.
        for (const BuildingBlock& b : g.building_blocks) {
            bool used = session.answer(b.id) != nullptr;
            for (const auto& r : b.recommendations) used = used || session.rating(r.id).has_value();
            if (used) {
                block_id_ = b.id;
                break;
            }
        }
    }
    return block_id_.empty() ? nullptr : g.block(block_id_);
}

bool ReflectionStep::next(Ctx& ctx, model::MeetingSession& session) {
    const BuildingBlock* b = block(ctx, session);
    if (!b) return false;
    const int last = 1 + static_cast<int>(ctx.content.guideline.reflection_questions.size());
    if (part_ >= last) return false;
    ++part_;
    focus_answer_ = true;
    return true;
}

bool ReflectionStep::back(Ctx& ctx, model::MeetingSession& session) {
    if (!block(ctx, session) || part_ == 0) return false;
    --part_;
    focus_answer_ = part_ > 0;
    return true;
}

void ReflectionStep::draw(Ctx& ctx, StepCtx& step) {
    const BuildingBlock* b = block(ctx, step.session);
    if (!b) {
        draw_choice(ctx, step);
        return;
    }
    if (part_ == 0) draw_ratings(ctx, step, *b);
    else draw_question(ctx, step, *b);
}

void ReflectionStep::draw_choice(Ctx& ctx, StepCtx& step) {
    step_question(ctx, tr("meeting.reflection.choose"));
    for (const BuildingBlock& b : ctx.content.guideline.building_blocks) {
        const std::string text = std::to_string(b.number) + ".  " + b.title.in(ctx.lang);
        if (wrapped_selectable(("##block_" + b.id).c_str(), text.c_str(), false, step.width)) {
            block_id_ = b.id;
            part_ = 0;
        }
        probe("meeting.block." + std::to_string(b.number));
    }
}

void ReflectionStep::draw_ratings(Ctx& ctx, StepCtx& step, const BuildingBlock& b) {
    const Palette& p = palette();
    ImGui::PushFont(ctx.fonts.heading);
    say_wrapped((std::to_string(b.number) + ".  " + b.title.in(ctx.lang)));
    ImGui::PopFont();
    if (ImGui::SmallButton(tr("meeting.reflection.other_block"))) block_id_.clear();
    probe("meeting.block.other");

    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("guideline.recommendations"));
    ImGui::PopFont();
    const auto previous = model::previous_ratings(ctx.model.meetings(), step.session.meeting());
    for (const auto& r : b.recommendations) {
        ImGui::PushID(r.id.c_str());
        ImGui::Dummy(em(0, 0.2f));
        paragraph(r.text.in(ctx.lang).c_str());
        const auto current = step.session.rating(r.id);
        for (Rating choice : kRatings) {
            const bool on = current == choice;
            if (on) {
                ImGui::PushStyleColor(ImGuiCol_Button, rating_colour(choice));
                ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
            }
            const std::string label = std::string(on ? "● " : "") + tr(rating_key(choice));
            if (ImGui::Button(label.c_str()))
                step.session.set_rating(r.id, on ? std::nullopt : std::optional<Rating>(choice));  // again: no rating
            probe("meeting.rate." + r.id + "." + std::string(to_string(choice)));
            if (on) ImGui::PopStyleColor(2);
            ImGui::SameLine();
        }
        const auto prev = std::find_if(previous.begin(), previous.end(), [&](const auto& pr) { return pr.first == r.id; });
        const std::string was = prev == previous.end() ? std::string(tr("meeting.rating.never"))
                                                       : trf("meeting.rating.last_time", {tr(rating_key(prev->second))});
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        say_wrapped(was);
        ImGui::PopStyleColor();
        probe_text(was);
        ImGui::PopID();
    }
    ImGui::Dummy(em(0, 0.4f));
    // The topics in one paragraph, after the recommendations: context for the room, which rates
    // the recommendations.
    if (!b.topics.empty()) {
        std::string topics = std::string(tr("guideline.topics")) + ": ";
        for (std::size_t k = 0; k < b.topics.size(); ++k) topics += (k ? " · " : "") + b.topics[k].text.in(ctx.lang);
        muted(topics.c_str());
        ImGui::Dummy(em(0, 0.4f));
    }

    muted(tr("meeting.reflection.next_hint"));
}

void ReflectionStep::draw_question(Ctx& ctx, StepCtx& step, const BuildingBlock& b) {
    const auto& questions = ctx.content.guideline.reflection_questions;
    const int n = 1 + static_cast<int>(questions.size());
    std::string id, text;
    if (part_ == 1) {
        id = b.id;
        text = b.guiding_question.in(ctx.lang);
    } else {
        const auto& q = questions[static_cast<std::size_t>(std::min(part_ - 2, static_cast<int>(questions.size()) - 1))];
        id = q.id;
        text = q.text.in(ctx.lang);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    const std::string where = part_ == 1 ? trf("meeting.reflection.guiding", {b.title.in(ctx.lang)})
                                         : trf("meeting.reflection.question_of", {std::to_string(part_ - 1), std::to_string(n - 1)});
    say_wrapped(where);
    ImGui::PopStyleColor();
    step_question(ctx, text);

    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("meeting.reflection.answer"));
    ImGui::PopFont();
    const std::string* stored = step.session.answer(id);
    std::string answer = stored ? *stored : std::string();
    if (focus_answer_) {
        ImGui::SetKeyboardFocusHere();
        focus_answer_ = false;
    }
    ImGui::PushID(id.c_str());
    if (step_text_area(ctx, step, "##answer", answer, 5)) step.session.set_answer(id, answer);
    probe("meeting.answer");
    ImGui::PopID();
    ImGui::Dummy(em(0, 0.3f));
    if (ImGui::Button(tr("meeting.reflection.previous_part"))) back(ctx, step.session);
    probe("meeting.part.back");
    ImGui::SameLine();
    if (part_ < n && ImGui::Button(tr("meeting.reflection.next_part"))) next(ctx, step.session);
    probe("meeting.part.next");
}

}  // namespace ts::ui
