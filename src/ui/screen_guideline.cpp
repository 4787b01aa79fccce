// The guideline "Jeugdhulp met verblijf": building blocks with their guiding question, core
// recommendations and topics; the questions of "Aan de slag met de richtlijn"; the spearheads.
#include "ui/probe.hpp"
#include "ui/screen_guideline.hpp"

#include <imgui.h>

namespace ts::ui {
namespace {

constexpr int kReflection = 4;
constexpr int kAgenda = 5;

void item_list(const std::vector<GuidelineItem>& items, Lang lang) {
    for (const auto& item : items) bullet_paragraph(item.text.in(lang).c_str());
}

void numbered_list(const std::vector<GuidelineItem>& items, Lang lang) {
    int n = 1;
    for (const auto& item : items) {
        ImGui::Text("%d.", n++);
        ImGui::SameLine(em(1.6f));
        paragraph(item.text.in(lang).c_str());
    }
}

}  // namespace

void GuidelineScreen::draw(Ctx& ctx) {
    const Guideline& g = ctx.content.guideline;
    const Lang lang = text_lang_.value_or(ctx.lang);
    const Palette& p = palette();

    heading(ctx.fonts, g.source_title.in(lang).c_str());

    // Language of the guideline text, independent of the UI language.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("guideline.text_language"));
    ImGui::SameLine();
    if (ImGui::RadioButton("Nederlands###lang_nl", lang == Lang::nl)) text_lang_ = Lang::nl;
    ImGui::SameLine();
    if (ImGui::RadioButton("English###lang_en", lang == Lang::en)) text_lang_ = Lang::en;
    probe("guideline.lang_en");
    ImGui::Spacing();

    // Left: what to read. Right: the text.
    const float index_w = em(14);
    ImGui::BeginChild("##guideline_index", ImVec2(index_w, 0), false);
    subheading(ctx.fonts, tr("guideline.building_blocks"));
    for (int i = 0; i < static_cast<int>(g.building_blocks.size()); ++i) {
        const auto& b = g.building_blocks[static_cast<std::size_t>(i)];
        const std::string text = std::to_string(b.number) + ". " + b.title.in(lang);
        if (wrapped_selectable(("##block" + std::to_string(i)).c_str(), text.c_str(), selected_ == i, index_w)) selected_ = i;
        probe("guideline.block." + std::to_string(i));
    }
    ImGui::Dummy(em(0, 0.4f));
    subheading(ctx.fonts, tr("guideline.more"));
    if (wrapped_selectable("##reflection", g.reflection_title.in(lang).c_str(), selected_ == kReflection, index_w))
        selected_ = kReflection;
    probe("guideline.reflection");
    if (wrapped_selectable("##agenda", g.agenda_title.in(lang).c_str(), selected_ == kAgenda, index_w)) selected_ = kAgenda;
    probe("guideline.agenda");
    ImGui::EndChild();

    ImGui::SameLine(0, em(1.5f));
    ImGui::BeginChild("##guideline_text", ImVec2(0, 0), false);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, em(42)));

    if (selected_ >= 0 && selected_ < static_cast<int>(g.building_blocks.size())) {
        const BuildingBlock& b = g.building_blocks[static_cast<std::size_t>(selected_)];
        ImGui::PushFont(ctx.fonts.heading);
        ImGui::TextWrapped("%d · %s", b.number, b.title.in(lang).c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(tr("guideline.guiding_question"));
        ImGui::PopStyleColor();
        paragraph(b.guiding_question.in(lang).c_str());
        ImGui::Dummy(em(0, 0.6f));
        subheading(ctx.fonts, tr("guideline.recommendations"));
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        ImGui::PushFont(ctx.fonts.bold);
        for (const auto& r : b.recommendations) bullet_paragraph(r.text.in(lang).c_str());
        ImGui::PopFont();
        ImGui::PopStyleColor();
        ImGui::Dummy(em(0, 0.6f));
        subheading(ctx.fonts, tr("guideline.topics"));
        item_list(b.topics, lang);
    } else if (selected_ == kReflection) {
        ImGui::PushFont(ctx.fonts.heading);
        paragraph(g.reflection_title.in(lang).c_str());
        ImGui::PopFont();
        muted(g.reflection_intro.in(lang).c_str());
        ImGui::Spacing();
        numbered_list(g.reflection_questions, lang);
    } else {
        ImGui::PushFont(ctx.fonts.heading);
        paragraph(g.agenda_title.in(lang).c_str());
        ImGui::PopFont();
        muted(g.agenda_makers.in(lang).c_str());
        for (const auto& s : g.spearheads) {
            ImGui::Dummy(em(0, 0.5f));
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextWrapped("%s %d · %s", tr("guideline.spearhead"), s.number, s.title.in(lang).c_str());
            ImGui::PopFont();
            paragraph(s.summary.in(lang).c_str());
            item_list(s.key_points, lang);
        }
    }

    // Source, always named.
    ImGui::Dummy(em(0, 1.0f));
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("%s: %s – %s. %s", tr("guideline.source"), g.source_title.in(lang).c_str(),
                       g.source_makers.in(lang).c_str(), g.source_url.c_str());
    if (lang == Lang::en) paragraph(g.translation_note.en.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace ts::ui
