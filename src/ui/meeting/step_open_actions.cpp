#include "ui/meeting/step_open_actions.hpp"

#include "core/actions.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/screen_common.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <tuple>

namespace ts::ui {

namespace {

constexpr std::size_t kTitleDisplayChars = 60;  // longer titles in the heading font, so they stay a few lines
constexpr int kDueStepDays = 14;                  // "in 2 weeks" beside the new due date

// What this meeting decided about an action, from its update of this meeting.
enum class Decided { not_yet, done, carried_on, dropped };

const ActionUpdate* update_of(const model::ActionRow& row, const std::string& meeting_id) {
    for (const auto& u : row.updates)
        if (u.meeting_id && *u.meeting_id == meeting_id) return &u;
    return nullptr;
}

Decided decided(const ActionUpdate* u) {
    if (!u) return Decided::not_yet;
    if (u->status == ActionStatus::done) return Decided::done;
    if (u->status == ActionStatus::dropped) return Decided::dropped;
    return Decided::carried_on;
}

const char* decided_key(Decided d) {
    switch (d) {
        case Decided::done: return "meeting.open_actions.state.done";
        case Decided::carried_on: return "meeting.open_actions.state.carried_on";
        case Decided::dropped: return "meeting.open_actions.state.dropped";
        case Decided::not_yet: return "meeting.open_actions.state.not_yet";
    }
    return "meeting.open_actions.state.not_yet";
}

// A symbol per decision, so the strip does not rely on colour alone.
const char* decided_symbol(Decided d) {
    switch (d) {
        case Decided::done: return "✓";
        case Decided::carried_on: return "→";
        case Decided::dropped: return "✕";
        case Decided::not_yet: return "·";
    }
    return "·";
}

ImVec4 decided_colour(Decided d) {
    const Palette& p = palette();
    switch (d) {
        case Decided::done: return p.ok;
        case Decided::carried_on: return p.accent;
        case Decided::dropped: return p.muted;
        case Decided::not_yet: break;
    }
    return p.content_bg;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

// "label: value" in the presenter font, the label muted; `beside`: after the last one when
// it fits on the line.
void detail(const char* label_key, const std::string& value, bool beside = false) {
    if (beside) flow(text_width(tr(label_key)) + text_width(value.c_str()) + ImGui::GetStyle().ItemSpacing.x, em(2));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(tr(label_key));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextWrapped("%s", value.c_str());
    probe_text(value);
}

}  // namespace

void OpenActionsStep::reset() {
    meeting_id_.clear();
    ids_.clear();
    entries_.clear();
    pos_ = 0;
    error_.clear();
    error_id_.clear();
    focus_note_ = note_active_ = false;
}

void OpenActionsStep::build(const Ctx& ctx, const model::MeetingSession& session) {
    reset();
    const Meeting& m = session.meeting();
    meeting_id_ = m.id;
    // The actions still being worked on, and those this meeting already decided on (a meeting
    // reopened after a restart keeps the ones it marked done or dropped); not those agreed in
    // this meeting itself: they are new, not last time's.
    std::vector<const model::ActionRow*> rows;
    for (const auto& row : ctx.model.actions()) {
        if (row.action.meeting_id && *row.action.meeting_id == m.id) continue;
        if (!action_is_working(row.action.status) && !update_of(row, m.id)) continue;
        rows.push_back(&row);
    }
    // The oldest due date first (the overdue ones lead), those without one last, then as agreed.
    std::stable_sort(rows.begin(), rows.end(), [](const model::ActionRow* a, const model::ActionRow* b) {
        return std::tuple(!a->due, a->due.value_or(Date{})) < std::tuple(!b->due, b->due.value_or(Date{}));
    });
    for (const auto* row : rows) {
        ids_.push_back(row->action.id);
        Entry& e = entries_[row->action.id];
        if (action_is_working(row->action.status)) e.before = row->action.status;
    }
}

void OpenActionsStep::move_to(std::size_t pos) {
    if (pos == pos_ || pos >= ids_.size()) return;
    pos_ = pos;
    error_.clear();
    // Someone typing a note goes on typing in the next one's.
    focus_note_ = note_active_;
}

bool OpenActionsStep::next(Ctx& ctx, model::MeetingSession& session) {
    if (meeting_id_ != session.meeting().id) build(ctx, session);
    if (pos_ + 1 >= ids_.size()) return false;
    move_to(pos_ + 1);
    return true;
}

bool OpenActionsStep::back(Ctx& ctx, model::MeetingSession& session) {
    if (meeting_id_ != session.meeting().id) build(ctx, session);
    if (pos_ == 0 || ids_.empty()) return false;
    move_to(pos_ - 1);
    return true;
}

void OpenActionsStep::draw(Ctx& ctx, StepCtx& step) {
    if (meeting_id_ != step.session.meeting().id) build(ctx, step.session);
    if (ids_.empty()) {
        step_question(ctx, tr("meeting.open_actions.none"));
        muted(tr("meeting.open_actions.none_hint"));
        return;
    }
    pos_ = std::min(pos_, ids_.size() - 1);
    draw_strip(ctx, step);
    const model::ActionRow* row = ctx.model.action(ids_[pos_]);
    if (!row) {
        // Deleted in the register meanwhile.
        notice(Tone::info, tr("meeting.open_actions.gone"));
        return;
    }
    draw_action(ctx, step, *row);
    ImGui::Dummy(em(0, 0.3f));
    draw_choices(ctx, step, *row);
    ImGui::Dummy(em(0, 0.3f));
    draw_history(ctx, step, *row);
}

// "Action 3 of 7" and a small button for each, with what this meeting decided about it.
void OpenActionsStep::draw_strip(Ctx& ctx, StepCtx& step) {
    const Palette& p = palette();
    const std::string of = trf("meeting.open_actions.of", {std::to_string(pos_ + 1), std::to_string(ids_.size())});
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(of.c_str());
    ImGui::PopFont();
    probe_text(of);
    int left = 0;
    for (std::size_t k = 0; k < ids_.size(); ++k) {
        const model::ActionRow* row = ctx.model.action(ids_[k]);
        const Decided d = row ? decided(update_of(*row, step.session.meeting().id)) : Decided::not_yet;
        if (d == Decided::not_yet) ++left;
        const std::string label = std::to_string(k + 1) + " " + decided_symbol(d);
        flow(button_width(label.c_str()), k == 0 ? em(1) : -1.0f);
        const bool current = k == pos_;
        const ImVec4 fill = current ? p.accent : decided_colour(d);
        const bool light = current || d == Decided::done || d == Decided::carried_on || d == Decided::dropped;
        ImGui::PushStyleColor(ImGuiCol_Button, fill);
        ImGui::PushStyleColor(ImGuiCol_Text, light ? ImVec4(1, 1, 1, 1) : p.text);
        if (current) ImGui::PushFont(ctx.fonts.present_bold);
        ImGui::PushID(static_cast<int>(k));
        if (ImGui::Button(label.c_str())) move_to(k);
        if (row && ImGui::IsItemHovered()) ImGui::SetTooltip("%s — %s", row->action.title.c_str(), tr(decided_key(d)));
        probe("meeting.open_actions.strip." + std::to_string(k + 1));
        ImGui::PopID();
        if (current) ImGui::PopFont();
        ImGui::PopStyleColor(2);
    }
    const std::string rest = left == 0 ? std::string(tr("meeting.open_actions.all_decided"))
                                       : trn("meeting.open_actions.left", left);
    flow(text_width(rest.c_str()), em(1));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(rest.c_str());
    ImGui::PopStyleColor();
    probe_text(rest);
}

void OpenActionsStep::draw_action(Ctx& ctx, StepCtx& step, const model::ActionRow& row) {
    const Palette& p = palette();
    const Action& a = row.action;
    ImGui::PushFont(a.title.size() <= kTitleDisplayChars ? ctx.fonts.display : ctx.fonts.heading);
    ImGui::TextWrapped("%s", a.title.c_str());
    ImGui::PopFont();
    probe_text(a.title);

    // Overdue and stale: words with a symbol, in the warning colour.
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::PushStyleColor(ImGuiCol_Text, p.warn);
    if (row.overdue) {
        const std::string t = "▲ " + trf("meeting.open_actions.overdue", {row.due ? day_text(*row.due) : a.due_on.value_or("")});
        ImGui::TextWrapped("%s", t.c_str());
        probe_text(t);
        probe("meeting.open_actions.overdue");
    }
    if (row.stale) {
        const std::string t = "↻ " + trf("meeting.open_actions.stale", {std::to_string(row.review_meetings)});
        ImGui::TextWrapped("%s", t.c_str());
        probe_text(t);
        probe("meeting.open_actions.stale");
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();

    detail("meeting.open_actions.owner", row.owner ? row.owner->name : std::string(tr("actions.no_owner")));
    std::string due = row.due ? day_text(*row.due) : a.due_on.value_or(tr("meeting.open_actions.no_due"));
    if (a.status != ActionStatus::open) due += "  ·  " + std::string(tr(action_status_key(a.status)));
    detail("meeting.open_actions.due", due, true);
    detail("meeting.open_actions.agreed", row.meeting ? trf("meeting.open_actions.agreed_in", {day_text(row.agreed_on)})
                                                      : trf("meeting.open_actions.agreed_outside", {day_text(row.agreed_on)}));
    // What it belongs to: a building block, a topic or core recommendation (with its block),
    // an incident (its day and category: never its free text, nor a youth code in privacy mode).
    std::string link;
    if (a.guideline_ref) {
        const BuildingBlock* b = block_of_ref(ctx.content.guideline, *a.guideline_ref);
        const Text* t = guideline_text(ctx.content.guideline, *a.guideline_ref);
        if (b && b->id == *a.guideline_ref) link = std::to_string(b->number) + ". " + b->title.in(ctx.lang);
        else if (b && t) link = std::to_string(b->number) + ". " + b->title.in(ctx.lang) + ": " + t->in(ctx.lang);
        else link = *a.guideline_ref;
    }
    if (a.incident_id) {
        std::string inc = tr("meeting.open_actions.incident_unknown");
        if (const IncidentRow* i = ctx.model.incident(*a.incident_id)) {
            const IncidentCategory* cat = ctx.content.incident_category(i->incident.category);
            inc = trf("meeting.open_actions.incident", {format_local(i->at), cat ? cat->name.in(ctx.lang) : i->incident.category});
            if (!step.privacy && !i->youth_codes.empty()) inc += "  ·  " + i->youth_codes;
        }
        link += (link.empty() ? "" : "  ·  ") + inc;
    }
    if (!link.empty()) detail("meeting.open_actions.link", link);
}

// Its updates before this meeting, oldest first: the day, the status it got, the note.
void OpenActionsStep::draw_history(Ctx& ctx, StepCtx& step, const model::ActionRow& row) {
    std::vector<const ActionUpdate*> earlier;
    for (const auto& u : row.updates)
        if (!u.meeting_id || *u.meeting_id != step.session.meeting().id) earlier.push_back(&u);
    ImGui::Dummy(em(0, 0.2f));
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::TextUnformatted(tr("meeting.open_actions.history"));
    ImGui::PopFont();
    if (earlier.empty()) muted(tr("meeting.open_actions.no_history"));
    for (const ActionUpdate* u : earlier) {
        const Meeting* m = u->meeting_id ? ctx.model.meeting(*u->meeting_id) : nullptr;
        std::string when = m ? m->held_on : u->created_at.substr(0, 10);
        if (const auto d = parse_date(when)) when = day_text(*d);
        std::string line = when + "  ·  " + tr(action_status_key(u->status));
        if (!u->note.empty()) line += "  —  " + u->note;
        bullet_paragraph(line.c_str());
    }
}

void OpenActionsStep::draw_choices(Ctx& ctx, StepCtx& step, const model::ActionRow& row) {
    const Palette& p = palette();
    const std::string& id = row.action.id;
    const ActionUpdate* mine = update_of(row, step.session.meeting().id);
    const Decided now = decided(mine);
    Entry& e = entries_[id];
    if (!e.loaded) {
        e.loaded = true;
        e.note = mine ? mine->note : std::string();
        e.due = row.action.due_on.value_or("");
    }
    ImGui::PushID(id.c_str());
    if (now != Decided::not_yet) {
        std::string t = trf("meeting.open_actions.decided", {tr(decided_key(now))});
        if (now == Decided::carried_on && row.action.due_on) t += "  ·  " + trf("meeting.open_actions.until", {*row.action.due_on});
        notice(Tone::ok, t.c_str());
    }

    // The note (for a drop: the reason). PageDown moves on while typing; Enter leaves the field.
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::TextUnformatted(tr("meeting.open_actions.note"));
    ImGui::PopFont();
    if (focus_note_) {
        ImGui::SetKeyboardFocusHere();
        focus_note_ = false;
    }
    ImGui::SetNextItemWidth(std::min(step.width, em(40)));
    text_field("##note", e.note, tr("meeting.open_actions.note_hint"));
    note_active_ = ImGui::IsItemActive();
    probe("meeting.open_actions.note");

    // A new due date, for when it continues: on one line with its label, the day in words
    // after it (or that it is no date), so a typo shows before it is stored.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("meeting.open_actions.new_due"));
    flow(em(8));
    ImGui::SetNextItemWidth(em(8));
    text_field("##due", e.due, tr("form.date_hint"));
    probe("meeting.open_actions.due");
    const std::string later = tr("meeting.open_actions.in_two_weeks");
    flow(button_width(later.c_str()));
    if (ImGui::Button(later.c_str()))
        e.due = format_date(civil_from_days(days_from_civil(parse_date(step.session.meeting().held_on).value_or(local_date(now_unix()))) + kDueStepDays));
    probe("meeting.open_actions.in_two_weeks");
    const std::string due_text = trimmed(e.due);
    if (!due_text.empty()) {
        const auto d = parse_date(due_text);
        const std::string day = d ? day_text(*d) : std::string(tr("form.date_unknown"));
        flow(text_width(day.c_str()));
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, d ? p.muted : p.bad);
        ImGui::TextUnformatted(day.c_str());
        ImGui::PopStyleColor();
    }

    // The three choices; the one made in this meeting stands out.
    ImGui::Dummy(em(0, 0.2f));
    struct Button {
        Choice choice;
        Decided shows;
        const char* key;
        const char* probe_name;
    };
    const Button buttons[] = {
        {Choice::done, Decided::done, "meeting.open_actions.done", "meeting.open_actions.done"},
        {Choice::carry_on, Decided::carried_on, "meeting.open_actions.carry_on", "meeting.open_actions.carry_on"},
        {Choice::drop, Decided::dropped, "meeting.open_actions.drop", "meeting.open_actions.drop"},
    };
    for (std::size_t k = 0; k < std::size(buttons); ++k) {
        const Button& b = buttons[k];
        const bool on = now == b.shows;
        const std::string label = std::string(on ? "● " : "") + tr(b.key);
        if (k > 0) flow(button_width(label.c_str()));
        if (on) {
            ImGui::PushStyleColor(ImGuiCol_Button, decided_colour(b.shows));
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        }
        if (ImGui::Button(label.c_str())) choose(ctx, step, row, b.choice);
        probe(b.probe_name);
        if (on) ImGui::PopStyleColor(2);
    }
    if (error_id_ == id && !error_.empty()) field_error(error_);
    ImGui::PopID();
}

void OpenActionsStep::choose(Ctx& ctx, StepCtx& step, const model::ActionRow& row, Choice choice) {
    const Meeting& m = step.session.meeting();
    const Entry& e = entries_[row.action.id];
    error_id_ = row.action.id;
    error_.clear();
    const std::string note = trimmed(e.note);
    // Dropping needs its reason; continuing takes the new due date when one is given.
    std::optional<std::string> due = row.action.due_on;
    if (choice == Choice::drop && is_blank(note)) {
        error_ = "✕ " + std::string(tr("meeting.open_actions.reason_required"));
        return;
    }
    if (choice == Choice::carry_on) {
        const std::string text = trimmed(e.due);
        if (text.empty()) due.reset();
        else if (const auto d = parse_date(text)) due = format_date(*d);
        else {
            error_ = "✕ " + std::string(tr("meeting.open_actions.new_due")) + ": " + tr("form.date_unknown");
            return;
        }
    }
    // Continuing keeps it open or in progress (an action marked done or dropped by mistake in
    // this meeting goes back to what it was).
    const ActionStatus status = choice == Choice::done       ? ActionStatus::done
                                : choice == Choice::drop     ? ActionStatus::dropped
                                : action_is_working(row.action.status) ? row.action.status
                                                                       : e.before;
    const std::int64_t now = now_unix();
    const std::string stamp = format_timestamp(now);
    Action a = row.action;
    set_action_status(a, status, stamp);
    a.due_on = due;
    a.updated_at = stamp;
    ActionUpdate u;
    u.id = new_uuid();
    u.action_id = a.id;
    u.meeting_id = m.id;
    u.status = status;
    u.note = note;
    u.created_at = u.updated_at = stamp;
    std::vector<FieldProblem> problems = validate_action(a, ctx.content, now);
    for (auto& pr : validate_action_update(u, now)) problems.push_back(std::move(pr));
    if (!problems.empty()) {
        const FieldProblem& pr = problems.front();
        error_ = "✕ " + std::string(tr(pr.field == "note" ? "meeting.open_actions.note" : "meeting.open_actions.new_due")) + ": " +
                 tr(pr.message_key.c_str());
        return;
    }
    // One write: the action as stored now gets its new status (and due date), and this
    // meeting's update of it is replaced, or made when there is none yet.
    ctx.post(request::Write{
        [u, status, due, stamp, team_id = m.team_id, who = ctx.shell.who_or_unknown()](Store& store) mutable {
            store.transaction([&] {
                auto current = store.action(u.action_id);
                if (!current) throw StoreError("the action no longer exists");
                set_action_status(*current, status, stamp);
                current->due_on = due;
                current->updated_at = stamp;
                for (const auto& old : store.action_updates(team_id))
                    if (old.action_id == u.action_id && old.meeting_id == u.meeting_id) {
                        u.id = old.id;
                        u.created_at = old.created_at;
                        break;
                    }
                store.save_action(*current, who);
                store.save_action_update(u, who);
            });
        },
        [this, id = row.action.id](const StoreError* refused, Requests&) {
            if (!refused) return;
            error_id_ = id;
            error_ = "✕ " + std::string(refused->what());
        }});
}

}  // namespace ts::ui
