#include "ui/meeting/step_measures.hpp"

#include "core/rules.hpp"
#include "core/time.hpp"
#include "ui/i18n.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ts::ui {

namespace {

std::string type_name(const Ctx& ctx, const std::string& code) {
    const MeasureType* t = ctx.content.measure_type(code);
    return t ? t->name.in(ctx.lang) : code;
}

ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

// Per type: its name, then two bars — this period (accent) and the period before (muted) — each
// with its count, scaled to the largest count of either period.
void bar_chart(const std::vector<MeasureBar>& bars, float width) {
    const Palette& p = palette();
    std::int64_t top = 1;
    for (const MeasureBar& b : bars) top = std::max({top, b.now, b.before});
    float name_w = 0;
    for (const MeasureBar& b : bars) name_w = std::max(name_w, ImGui::CalcTextSize(b.name.c_str()).x);
    name_w = std::min(name_w + em(1), width * 0.4f);
    const float count_w = ImGui::CalcTextSize("0000").x + em(0.5f);
    const float bar_room = std::max(em(4), width - name_w - count_w);
    const float line_h = ImGui::GetTextLineHeight();
    const float bar_h = line_h * 0.8f;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The legend.
    const auto swatch = [&](const ImVec4& colour, const std::string& text) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(at.x, at.y + line_h * 0.2f), ImVec2(at.x + line_h * 0.6f, at.y + line_h * 0.8f), u32(colour));
        ImGui::Dummy(ImVec2(line_h * 0.8f, line_h));
        ImGui::SameLine();
        plain_text(text);
    };
    swatch(p.accent, tr("meeting.measures.this_period"));
    ImGui::SameLine(0, em(1.5f));
    swatch(p.muted, tr("meeting.measures.period_before"));

    for (const MeasureBar& b : bars) {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + name_w - em(0.5f));
        ImGui::TextWrapped("%s", b.name.c_str());
        probe_text(b.name);
        ImGui::PopTextWrapPos();
        const float name_h = ImGui::GetItemRectSize().y;
        const auto bar = [&](std::int64_t n, const ImVec4& colour, float y) {
            const float x = origin.x + name_w;
            const float w = bar_room * static_cast<float>(n) / static_cast<float>(top);
            if (n > 0) dl->AddRectFilled(ImVec2(x, y), ImVec2(x + std::max(w, em(0.15f)), y + bar_h), u32(colour), em(0.1f));
            const std::string count = std::to_string(n);
            dl->AddText(ImVec2(x + w + em(0.3f), y + (bar_h - line_h) / 2), u32(p.text), count.c_str());
            probe_text(count);
        };
        bar(b.now, p.accent, origin.y);
        bar(b.before, p.muted, origin.y + bar_h + em(0.15f));
        ImGui::SetCursorScreenPos(origin);
        ImGui::Dummy(ImVec2(width, std::max(name_h, 2 * bar_h + em(0.15f)) + em(0.35f)));
    }
}

}  // namespace

const MeasuresStep::Shown& MeasuresStep::shown(Ctx& ctx, bool privacy) {
    Shown& s = shown_;
    if (s.built && s.facts == facts_.generation() && s.measures == ctx.model.versions().measures && s.team_id == ctx.model.team_id() &&
        s.privacy == privacy && s.lang == ctx.lang)
        return s;
    s = Shown{};
    // The period's rows, when older than the model holds, are read for the next frame.
    if (const std::int64_t from = local_midnight(facts_.period().from); from < ctx.model.rows().since) ctx.post(request::HoldSince{from});
    s.facts = facts_.generation();
    s.measures = ctx.model.versions().measures;
    s.team_id = ctx.model.team_id();
    s.privacy = privacy;
    s.lang = ctx.lang;
    s.built = true;
    s.row = ind::measure_row(facts_.facts(), ctx.content, {}, facts_.period(), facts_.clock());
    const ind::MeasureFigures& now = s.row.figures;
    const ind::MeasureFigures& before = s.row.previous;
    for (std::size_t k = 0; k < facts_.facts().measure_types.size(); ++k) {
        const std::int64_t a = k < now.by_type.size() ? now.by_type[k].count : 0;
        const std::int64_t b = k < before.by_type.size() ? before.by_type[k].count : 0;
        if (a == 0 && b == 0) continue;
        s.bars.push_back({type_name(ctx, facts_.facts().measure_types[k]), a, b});
    }

    // The measures of the period, as the registers hold them (the warnings as core/rules gives
    // them), for the warnings and the debriefs.
    std::vector<const model::MeasureRow*> rows;
    for (const auto& r : ctx.model.measures())
        if (facts_.in_period(r.start)) rows.push_back(&r);
    std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->start < b->start; });
    const auto line_of = [&](const model::MeasureRow& r) {
        std::string line = day_text(local_date(r.start)) + "  ·  " + type_name(ctx, r.measure.type);
        if (!privacy) {
            if (r.youth) line += "  ·  " + r.youth->code;
            if (!r.measure.reason.empty()) line += "  ·  " + r.measure.reason;
        }
        return line;
    };
    // Rule warnings (the open-setting flag is a note to review, not a rule broken: left out).
    for (const model::MeasureRow* r : rows) {
        std::string names;
        for (MeasureWarning w : r->warnings) {
            if (is_setting_flag(w)) continue;
            names += (names.empty() ? "" : "; ") + std::string(tr(message_key(w) + ".short"));
        }
        if (!names.empty()) s.warnings.push_back("▲ " + line_of(*r) + "  —  " + names);
    }
    // Without a debrief (with the youth, within 7 days: core/rules).
    for (const model::MeasureRow* r : rows)
        if (!r->measure.debrief_at) s.no_debrief.push_back(line_of(*r));
    warned_.forget();
    no_debrief_.forget();
    return s;
}

void MeasuresStep::draw(Ctx& ctx, StepCtx& step) {
    const Palette& p = palette();
    const Meeting& m = step.session.meeting();
    facts_.update(ctx, m);
    const Shown& shown = this->shown(ctx, step.privacy);
    const ind::MeasureRow& row = shown.row;
    const ind::MeasureFigures& now = row.figures;
    const ind::MeasureFigures& before = row.previous;

    // The period, and the key figure: the measures taken, against the period before.
    muted(trf("meeting.measures.period", {period_text(facts_.period()), period_text(facts_.previous())}).c_str());
    // Beside it, the change per 1,000 care days against the period before (explained below).
    key_figure(ctx, trn("meeting.measures.count", static_cast<long long>(now.measures)), "meeting.measures.count", row.change_pct);
    paragraph(trf("meeting.measures.count_before", {std::to_string(before.measures)}).c_str());
    paragraph(trf("meeting.measures.rate", {decimal_text(now.per_1000_care_days, ctx.lang), decimal_text(before.per_1000_care_days, ctx.lang),
                                            change_text(row.change_pct)})
                  .c_str());
    // The reduction goal: the same period one year earlier less the goal (the engine's target).
    if (row.goal.reduction_goal_pct && *row.goal.reduction_goal_pct > 0) {
        const double pct = *row.goal.reduction_goal_pct;
        const std::string goal = std::abs(pct - std::round(pct)) < 0.05 ? std::to_string(std::llround(pct)) : decimal_text(pct, ctx.lang);
        if (row.goal.target_per_1000_care_days && row.goal.on_track) {
            const bool on = *row.goal.on_track;
            notice(on ? Tone::ok : Tone::warn,
                   trf(on ? "meeting.measures.goal_on_track" : "meeting.measures.goal_off_track",
                       {goal, decimal_text(row.goal.target_per_1000_care_days, ctx.lang)})
                       .c_str());
        } else {
            muted(trf("meeting.measures.goal_no_data", {goal}).c_str());
        }
        probe("meeting.measures.goal");
    } else {
        muted(tr("meeting.measures.no_goal"));
    }
    ImGui::Dummy(em(0, 0.3f));

    // Per type, as bars.
    ImGui::PushFont(ctx.fonts.present_bold);
    plain_text(tr("meeting.measures.by_type"));
    ImGui::PopFont();
    if (shown.bars.empty()) muted(tr("meeting.measures.none_either"));
    else bar_chart(shown.bars, std::min(step.width, em(50)));
    ImGui::Dummy(em(0, 0.3f));

    // Rule warnings (the open-setting flag is a note to review, not a rule broken: left out).
    ImGui::PushFont(ctx.fonts.present_bold);
    plain_text(tr("meeting.measures.warnings"));
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, p.warn);
    warned_.draw(shown.warnings);
    ImGui::PopStyleColor();
    if (shown.warnings.empty()) muted(tr("meeting.measures.no_warnings"));
    ImGui::Dummy(em(0, 0.3f));

    // Without a debrief (with the youth, within 7 days: core/rules).
    ImGui::PushFont(ctx.fonts.present_bold);
    plain_text(tr("meeting.measures.no_debrief"));
    ImGui::PopFont();
    if (now.pct_debrief) muted(trf("meeting.measures.pct_debrief", {decimal_text(now.pct_debrief, ctx.lang)}).c_str());
    no_debrief_.draw(shown.no_debrief);
    if (shown.no_debrief.empty()) muted(tr("meeting.measures.all_debriefed"));
    ImGui::Dummy(em(0, 0.5f));
    step_notes(ctx, step, "meeting.measures.notes", 4);
}

}  // namespace ts::ui
