#include "ui/meeting/step_period.hpp"

#include "core/time.hpp"
#include "model/meeting_session.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>

namespace ts::ui {

namespace {
constexpr std::int64_t kReadAgainSeconds = 60;  // the warnings "as they stand now" move with the clock
}

void PeriodFacts::update(Ctx& ctx, const Meeting& m) {
    const Revisions rev = ctx.store.revisions();
    const std::int64_t now = now_unix();
    const bool same_records = rev[Kind::team] == seen_[Kind::team] && rev[Kind::youth] == seen_[Kind::youth] &&
                              rev[Kind::measure] == seen_[Kind::measure] && rev[Kind::incident] == seen_[Kind::incident];
    const ind::Period period = model::meeting_period(ctx.model.meetings(), m);
    if (ready_ && m.id == meeting_id_ && m.held_on == held_on_ && period == period_ && same_records && now - read_at_ < kReadAgainSeconds)
        return;
    meeting_id_ = m.id;
    held_on_ = m.held_on;
    seen_ = rev;
    period_ = period;
    read_at_ = now;
    clock_ = ind::Clock::at(now);
    facts_ = ctx.store.facts(ind::query_for(ctx.content, {m.team_id}, period_));
    ind::prepare(facts_, ctx.content);
    static std::uint64_t reads = 0;  // across every PeriodFacts: a reset one never repeats a number
    generation_ = ++reads;
    ready_ = true;
}

bool PeriodFacts::in_period(std::int64_t unix_seconds) const {
    const Date d = local_date(unix_seconds);
    return period_.from <= d && d < period_.to;
}

std::string period_text(const ind::Period& p) {
    if (p.days() <= 0) return "—";
    return day_text(p.from) + " – " + day_text(civil_from_days(days_from_civil(p.to) - 1));
}

std::string change_text(const ind::Figure& pct) {
    if (!pct) return "—";
    const long long whole = std::llround(*pct);
    if (whole == 0) return "0 %";
    return (whole > 0 ? "+" : "\u2212") + std::to_string(whole > 0 ? whole : -whole) + " %";
}

std::string decimal_text(const ind::Figure& value, Lang lang) { return value ? number_text(*value, 1, lang) : "—"; }

void key_figure(const Ctx& ctx, const std::string& figure, const char* probe_name, const ind::Figure& change) {
    ImGui::PushFont(ctx.fonts.display);
    plain_text(figure);
    probe(probe_name);
    if (change) {
        const std::string text = change_text(change);
        ImGui::SameLine(0, em(1));
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text.c_str()).x) ImGui::NewLine();  // a narrow window
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        plain_text(text);
        ImGui::PopStyleColor();
    }
    ImGui::PopFont();
}

void plain_text(const std::string& text) {
    ImGui::PushTextWrapPos(-1.0f);  // the presenter wraps its body's text: not this
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    probe_text(text);
}

}  // namespace ts::ui
