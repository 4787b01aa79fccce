#include "ui/meeting/step_close.hpp"

#include "core/time.hpp"
#include "report/minutes.hpp"
#include "ui/shell.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace ts::ui {

namespace {

constexpr int kDefaultWeeksToNext = 4;

// The text of a recommendation by id, in `lang`.
std::string recommendation_text(const Guideline& g, const std::string& id, Lang lang) {
    for (const auto& b : g.building_blocks)
        for (const auto& r : b.recommendations)
            if (r.id == id) return r.text.in(lang);
    return id;
}

}  // namespace

void CloseStep::draw(Ctx& ctx, StepCtx& step) {
    const Palette& p = palette();
    const Meeting& m = step.session.meeting();
    if (meeting_id_ != m.id) {
        meeting_id_ = m.id;
        if (m.next_meeting_on) next_on_ = *m.next_meeting_on;
        else if (auto held = parse_date(m.held_on)) next_on_ = format_date(civil_from_days(days_from_civil(*held) + 7 * kDefaultWeeksToNext));
        else next_on_.clear();
        if (!m.next_meeting_on && parse_date(next_on_)) step.session.set_next_meeting(next_on_);
    }
    const bool closed = step.session.closed();
    if (closed) notice(Tone::ok, tr("meeting.close.closed"));

    // New actions, with their owners.
    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("meeting.close.new_actions"));
    ImGui::PopFont();
    int actions = 0;
    for (const auto& row : ctx.model.actions()) {
        if (row.action.meeting_id != m.id) continue;
        std::string line = row.action.title;
        line += "  —  " + (row.owner ? row.owner->name : std::string(tr("meeting.nobody")));
        if (row.action.due_on) line += "  ·  " + trf("meeting.close.due", {*row.action.due_on});
        bullet_paragraph(line.c_str());
        ++actions;
    }
    if (actions == 0) muted(tr("meeting.close.no_actions"));
    ImGui::Dummy(em(0, 0.3f));

    // Ratings that changed since the last time each was rated.
    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("meeting.close.ratings"));
    ImGui::PopFont();
    const auto previous = model::previous_ratings(ctx.model.meetings(), m);
    int changed = 0;
    for (const auto& [rec, rating] : m.ratings) {
        const auto prev = std::find_if(previous.begin(), previous.end(), [&](const auto& pr) { return pr.first == rec; });
        if (prev != previous.end() && prev->second == rating) continue;
        const std::string from = prev == previous.end() ? std::string(tr("meeting.rating.never")) : std::string(tr(rating_key(prev->second)));
        bullet_paragraph((recommendation_text(ctx.content.guideline, rec, ctx.lang) + "  —  " + from + "  →  " + tr(rating_key(rating))).c_str());
        ++changed;
    }
    if (changed == 0) muted(tr("meeting.close.no_ratings"));
    ImGui::Dummy(em(0, 0.3f));

    step_notes(ctx, step, "meeting.close.decisions", 3);
    ImGui::Dummy(em(0, 0.3f));

    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("meeting.close.next_date"));
    ImGui::PopFont();
    const float width = std::min(step.width, em(14));
    if (date_field("##next_meeting", next_on_, width, "meeting.next_date")) {
        if (next_on_.find_first_not_of(' ') == std::string::npos) step.session.set_next_meeting(std::nullopt);
        else if (auto d = parse_date(next_on_)) step.session.set_next_meeting(format_date(*d));
    }
    if (auto d = parse_date(next_on_)) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        say(day_text(*d));
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(em(0, 0.3f));
    if (!closed) {
        if (primary_button(tr("meeting.close.button"))) step.session.close(step.now_ms);
        probe("meeting.close");
    }
    ImGui::Dummy(em(0, 0.6f));
    draw_minutes(ctx, step);
}

// The minutes, as `teamspiegel minutes` writes them: the meeting as it stands now (stored first,
// so that the last second's typing is in them), to a file of the user's choice.
void CloseStep::draw_minutes(Ctx& ctx, StepCtx& step) {
    const Meeting& m = step.session.meeting();
    if (minutes_path_.empty()) {
        const char* home = std::getenv("HOME");
        std::string team = ctx.model.current_team() ? ctx.model.current_team()->name : std::string("team");
        for (char& c : team)
            if (c == ' ' || c == '/') c = '-';
        minutes_path_ = std::string(home && *home ? home : ".") + "/" + tr("meeting.minutes.file") + "-" + team + "-" + m.held_on +
                        (minutes_html_ ? ".html" : ".md");
    }
    const bool is_private = minutes_private_.value_or(step.privacy);
    ImGui::PushFont(ctx.fonts.present_bold);
    say(tr("meeting.minutes.title"));
    ImGui::PopFont();
    ImGui::SetNextItemWidth(std::min(step.width, em(40)));
    ImGui::InputText("##minutes_path", &minutes_path_);
    probe("meeting.minutes.path");
    auto swap_extension = [&](const char* from, const char* to) {
        if (minutes_path_.size() >= std::string_view(from).size() &&
            minutes_path_.compare(minutes_path_.size() - std::string_view(from).size(), std::string::npos, from) == 0)
            minutes_path_.replace(minutes_path_.size() - std::string_view(from).size(), std::string::npos, to);
    };
    if (ImGui::RadioButton(tr("meeting.minutes.html"), minutes_html_) && !minutes_html_) {
        minutes_html_ = true;
        swap_extension(".md", ".html");
    }
    probe("meeting.minutes.html");
    flow(checkbox_width(tr("meeting.minutes.markdown")));
    if (ImGui::RadioButton(tr("meeting.minutes.markdown"), !minutes_html_) && minutes_html_) {
        minutes_html_ = false;
        swap_extension(".html", ".md");
    }
    probe("meeting.minutes.markdown");
    flow(checkbox_width(tr("meeting.minutes.private")), em(1.5f));
    bool priv = is_private;
    if (ImGui::Checkbox(tr("meeting.minutes.private"), &priv)) minutes_private_ = priv;
    probe("meeting.minutes.private");
    if (ImGui::Button(tr("meeting.minutes.save"))) {
        report::MinutesOptions opt;
        opt.format = minutes_html_ ? report::MinutesFormat::html : report::MinutesFormat::markdown;
        opt.lang = ctx.lang;
        opt.private_mode = is_private;
        auto problem = std::make_shared<std::optional<std::string>>();
        Meeting now = m;
        now.updated_at = now_utc();
        ctx.post(request::Write{[now, opt, problem, path = minutes_path_, &content = ctx.content, who = ctx.shell.who_or_unknown()](Store& store) {
                                    store.save_meeting(now, who);
                                    *problem = report::export_minutes(store, content, now.id, opt, path);
                                },
                                [this, problem, path = minutes_path_](const StoreError* refused, Requests&) {
                                    minutes_ok_ = !refused && !*problem;
                                    minutes_result_ = refused ? std::string(refused->what())
                                                      : *problem ? **problem
                                                                 : trf("meeting.minutes.saved", {path});
                                }});
    }
    probe("meeting.minutes.save");
    if (!minutes_result_.empty()) notice(minutes_ok_ ? Tone::ok : Tone::bad, minutes_result_.c_str());
}

}  // namespace ts::ui
