#include "ui/meeting/step_agree_actions.hpp"

#include "core/actions.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/probe.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace ts::ui {

namespace {

// A new action is due two weeks after the meeting unless the room says otherwise: soon enough
// to be done before the next monthly meeting, late enough for most of what a team agrees.
constexpr int kDefaultDueDays = 14;

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::optional<std::string> text_or_none(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

// An incident as the link shows it: its moment and category; the youth codes only outside
// privacy mode; never its free text.
std::string incident_text(const Ctx& ctx, const IncidentRow& row, bool privacy) {
    const IncidentCategory* cat = ctx.content.incident_category(row.incident.category);
    std::string t = format_local(row.at) + "  " + (cat ? cat->name.in(ctx.lang) : row.incident.category);
    if (!privacy && !row.youth_codes.empty()) t += "  ·  " + row.youth_codes;
    return t;
}

std::string guideline_link_text(const Ctx& ctx, const std::string& ref) {
    const BuildingBlock* b = block_of_ref(ctx.content.guideline, ref);
    const Text* t = guideline_text(ctx.content.guideline, ref);
    if (b && b->id == ref) return std::to_string(b->number) + ". " + b->title.in(ctx.lang);
    if (b && t) return std::to_string(b->number) + ". " + t->in(ctx.lang);
    return ref;
}

}  // namespace

void AgreeActionsStep::reset() {
    meeting_id_.clear();
    title_.clear();
    owner_id_.clear();
    due_.clear();
    guideline_ref_.clear();
    incident_id_.clear();
    editing_id_.clear();
    confirm_id_.clear();
    problems_.clear();
    error_.clear();
    focus_title_ = false;
}

void AgreeActionsStep::start_form(const Meeting& m) {
    reset();
    meeting_id_ = m.id;
    if (const auto held = parse_date(m.held_on)) due_ = format_date(civil_from_days(days_from_civil(*held) + kDefaultDueDays));
}

void AgreeActionsStep::draw(Ctx& ctx, StepCtx& step) {
    const Meeting& m = step.session.meeting();
    if (meeting_id_ != m.id) start_form(m);
    if (step.entered) focus_title_ = true;  // the room starts typing at once
    draw_form(ctx, step);
    ImGui::Dummy(em(0, 0.4f));
    draw_agreed(ctx, step);
}

void AgreeActionsStep::draw_form(Ctx& ctx, StepCtx& step) {
    const Palette& p = palette();
    ImGui::PushFont(ctx.fonts.present_bold);
    ImGui::TextUnformatted(tr(editing_id_.empty() ? "meeting.agree.new" : "meeting.agree.editing"));
    ImGui::PopFont();

    // The title, as wide as the step: what the room reads back while it is typed.
    field_label(tr("meeting.agree.title"));
    if (focus_title_) {
        ImGui::SetKeyboardFocusHere();
        focus_title_ = false;
    }
    ImGui::SetNextItemWidth(step.width);
    text_field("##agree_title", title_, tr("meeting.agree.title_hint"));
    const bool entered = left_with_enter();
    probe("meeting.agree.title");

    // Owner, due date and link side by side when they fit.
    float top = ImGui::GetCursorPosY();
    const float owner_w = std::min(step.width, em(12));
    ImGui::BeginGroup();
    field_label(tr("meeting.agree.owner"));
    const Member* owner = ctx.model.member(owner_id_);
    ImGui::SetNextItemWidth(owner_w);
    tab_stop("##agree_owner");
    const bool owner_open = ImGui::BeginCombo("##agree_owner", owner ? owner->name.c_str() : tr("actions.no_owner"));
    end_tab_stop();
    probe("meeting.agree.owner");
    if (owner_open) {
        if (ImGui::Selectable(tr("actions.no_owner"), owner_id_.empty())) owner_id_.clear();
        for (const Member& mem : ctx.model.members()) {
            if (!mem.active && mem.id != owner_id_) continue;
            if (ImGui::Selectable((mem.name + "##" + mem.id).c_str(), mem.id == owner_id_)) owner_id_ = mem.id;
            probe("meeting.agree.owner." + mem.name);
        }
        ImGui::EndCombo();
    }
    ImGui::EndGroup();

    const float due_w = em(8);
    next_group(top, tr("meeting.agree.due"), due_w);
    ImGui::BeginGroup();
    field_label(tr("meeting.agree.due"));
    ImGui::SetNextItemWidth(due_w);
    text_field("##agree_due", due_, tr("form.date_hint"));
    probe("meeting.agree.due");
    // The day in words under it ("wo 1 apr 2026"), or that it is no date, so a typo shows.
    const auto due_day = parse_date(trimmed(due_));
    const bool no_date = !due_day && !trimmed(due_).empty();
    ImGui::PushStyleColor(ImGuiCol_Text, no_date ? p.bad : p.muted);
    ImGui::TextUnformatted(due_day ? day_text(*due_day).c_str() : no_date ? tr("form.date_unknown") : tr("meeting.agree.no_due"));
    ImGui::PopStyleColor();
    ImGui::EndGroup();

    const float link_w = std::min(step.width, em(22));
    next_group(top, tr("meeting.agree.link"), link_w);
    ImGui::BeginGroup();
    field_label(tr("meeting.agree.link"));
    draw_link(ctx, step, link_w);
    ImGui::EndGroup();

    row_problems(problems_, {{"title", tr("meeting.agree.title")},
                             {"owner_id", tr("meeting.agree.owner")},
                             {"due_on", tr("meeting.agree.due")},
                             {"guideline_ref", tr("meeting.agree.link")},
                             {"incident_id", tr("meeting.agree.link")}});
    if (!error_.empty()) field_error(error_);

    const std::string add = tr(editing_id_.empty() ? "meeting.agree.add" : "meeting.agree.save");
    const bool clicked = primary_button(add.c_str());
    probe("meeting.agree.add");
    if (!editing_id_.empty()) {
        flow(button_width(tr("meeting.agree.cancel")));
        if (ImGui::Button(tr("meeting.agree.cancel"))) {
            const Meeting& m = step.session.meeting();
            start_form(m);
            focus_title_ = true;
        }
        probe("meeting.agree.cancel");
    }
    const std::string hint = tr("meeting.agree.enter_hint");
    flow(text_width(hint.c_str()), em(1));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(hint.c_str());
    ImGui::PopStyleColor();
    if (entered || clicked) submit(ctx, step);
}

// What the action belongs to: a building block or one of its core recommendations, or an
// incident of the team (newest first).
void AgreeActionsStep::draw_link(Ctx& ctx, StepCtx& step, float width) {
    std::string preview = tr("actions.no_link");
    if (!guideline_ref_.empty()) preview = guideline_link_text(ctx, guideline_ref_);
    else if (!incident_id_.empty())
        if (const IncidentRow* i = ctx.model.incident(incident_id_)) preview = incident_text(ctx, *i, step.privacy);
    // The recommendations are sentences: the list is wider than the field, within the window.
    const float list_w = std::min(std::max(width, em(36)), ImGui::GetIO().DisplaySize.x - em(2));
    ImGui::SetNextWindowSizeConstraints(ImVec2(list_w, 0), ImVec2(list_w, em(20)));
    ImGui::SetNextItemWidth(width);
    tab_stop("##agree_link");
    const bool open = ImGui::BeginCombo("##agree_link", preview.c_str());
    end_tab_stop();
    probe("meeting.agree.link");
    if (!open) return;
    auto item = [&](const std::string& probe_id, const std::string& text, bool selected, float indent) {
        if (indent > 0) ImGui::Indent(indent);
        const bool chosen = wrapped_selectable(("##l_" + probe_id).c_str(), text.c_str(), selected, ImGui::GetContentRegionAvail().x);
        probe("meeting.agree.link." + probe_id);
        if (indent > 0) ImGui::Unindent(indent);
        return chosen;
    };
    if (item("none", tr("actions.no_link"), guideline_ref_.empty() && incident_id_.empty(), 0)) {
        guideline_ref_.clear();
        incident_id_.clear();
    }
    for (const auto& b : ctx.content.guideline.building_blocks) {
        auto choose = [&](const std::string& ref) {
            guideline_ref_ = ref;
            incident_id_.clear();
        };
        if (item(b.id, std::to_string(b.number) + ". " + b.title.in(ctx.lang), guideline_ref_ == b.id, 0)) choose(b.id);
        for (const auto& r : b.recommendations)
            if (item(r.id, "◆ " + r.text.in(ctx.lang), guideline_ref_ == r.id, em(1))) choose(r.id);
    }
    if (!ctx.model.incidents().empty()) {
        ImGui::Separator();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::TextUnformatted(tr("meeting.agree.incidents"));
        ImGui::PopStyleColor();
    }
    // Every incident of the team, newest first: only those in sight are drawn (issue 12).
    const auto& incidents = ctx.model.incidents();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(incidents.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const IncidentRow& row = incidents[static_cast<std::size_t>(i)];
            if (item(row.incident.id, incident_text(ctx, row, step.privacy), incident_id_ == row.incident.id, 0)) {
                incident_id_ = row.incident.id;
                guideline_ref_.clear();
            }
        }
    ImGui::EndCombo();
}

void AgreeActionsStep::submit(Ctx& ctx, StepCtx& step) {
    const Meeting& m = step.session.meeting();
    problems_.clear();
    error_.clear();
    const std::int64_t now = now_unix();
    const std::string stamp = format_timestamp(now);
    Action a;
    const model::ActionRow* row = editing_id_.empty() ? nullptr : ctx.model.action(editing_id_);
    if (row) {
        a = row->action;
    } else {
        a.id = new_uuid();
        a.team_id = m.team_id;
        a.meeting_id = m.id;
        a.status = ActionStatus::open;
        a.created_at = stamp;
    }
    a.title = trimmed(title_);
    a.owner_id = text_or_none(owner_id_);
    // A readable date is stored as "YYYY-MM-DD"; anything else as typed, so validation names it.
    const std::string due = trimmed(due_);
    const auto due_day = parse_date(due);
    a.due_on = due.empty() ? std::nullopt : std::optional<std::string>(due_day ? format_date(*due_day) : due);
    a.guideline_ref = text_or_none(guideline_ref_);
    a.incident_id = text_or_none(incident_id_);
    a.updated_at = stamp;
    problems_ = validate_action(a, ctx.content, now);
    if (!problems_.empty()) {
        if (has_problem(problems_, "title")) focus_title_ = true;
        return;
    }
    const bool editing = row != nullptr;
    ctx.post(request::Write{
        [a, editing, who = ctx.shell.who_or_unknown()](Store& store) {
            if (!editing) {
                store.save_action(a, who);
                return;
            }
            // An edit goes onto the action as stored now: only what this form shows changes.
            auto current = store.action(a.id);
            if (!current) throw StoreError("the action no longer exists");
            current->title = a.title;
            current->owner_id = a.owner_id;
            current->due_on = a.due_on;
            current->guideline_ref = a.guideline_ref;
            current->incident_id = a.incident_id;
            current->updated_at = a.updated_at;
            store.save_action(*current, who);
        },
        [this, meeting_id = m.id](const StoreError* refused, Requests&) {
            if (refused) {
                error_ = "✕ " + std::string(refused->what());
                return;
            }
            if (meeting_id_ != meeting_id) return;
            // Ready for the next action. The title goes, and so does the owner: the next action
            // usually has another owner, and a kept one would silently give it to the wrong
            // person when the typist only types a title and Enter. The due date and the link
            // stay: actions agreed one after another tend to share the horizon and the topic,
            // and both are in plain sight to change.
            title_.clear();
            owner_id_.clear();
            editing_id_.clear();
            problems_.clear();
            focus_title_ = true;
        }});
}

void AgreeActionsStep::edit(const Action& a) {
    editing_id_ = a.id;
    confirm_id_.clear();
    title_ = a.title;
    owner_id_ = a.owner_id.value_or("");
    due_ = a.due_on.value_or("");
    guideline_ref_ = a.guideline_ref.value_or("");
    incident_id_ = a.incident_id.value_or("");
    problems_.clear();
    error_.clear();
    focus_title_ = true;
}

void AgreeActionsStep::remove(Ctx& ctx, const std::string& id) {
    confirm_id_.clear();
    ctx.post(request::Write{[id, who = ctx.shell.who_or_unknown()](Store& store) { store.delete_action(id, who); },
                            [this, id](const StoreError* refused, Requests&) {
                                if (refused) {
                                    error_ = "✕ " + std::string(refused->what());
                                    return;
                                }
                                if (editing_id_ == id) {
                                    editing_id_.clear();
                                    title_.clear();
                                }
                            }});
}

// The actions agreed in this meeting so far, oldest first: title, owner, due date.
void AgreeActionsStep::draw_agreed(Ctx& ctx, StepCtx& step) {
    const Meeting& m = step.session.meeting();
    std::vector<const model::ActionRow*> rows;
    for (const auto& row : ctx.model.actions())
        if (row.action.meeting_id && *row.action.meeting_id == m.id) rows.push_back(&row);
    ImGui::PushFont(ctx.fonts.present_bold);
    const std::string head = trn("meeting.agree.agreed", static_cast<long long>(rows.size()));
    ImGui::TextUnformatted(head.c_str());
    ImGui::PopFont();
    probe_text(head);
    if (rows.empty()) {
        muted(tr("meeting.agree.none_yet"));
        return;
    }
    const Palette& p = palette();
    int n = 0;
    for (const model::ActionRow* row : rows) {
        const Action& a = row->action;
        ImGui::PushID(a.id.c_str());
        ImGui::Separator();
        std::string line = a.title + "  —  " + (row->owner ? row->owner->name : std::string(tr("actions.no_owner")));
        line += "  ·  " + (row->due ? day_text(*row->due) : a.due_on.value_or(tr("meeting.agree.no_due")));
        if (a.guideline_ref) line += "  ·  " + guideline_link_text(ctx, *a.guideline_ref);
        if (a.incident_id)
            if (const IncidentRow* i = ctx.model.incident(*a.incident_id)) line += "  ·  " + incident_text(ctx, *i, step.privacy);
        const bool being_edited = editing_id_ == a.id;
        if (being_edited) ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        bullet_paragraph(line.c_str());
        if (being_edited) ImGui::PopStyleColor();
        if (confirm_id_ == a.id) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(tr("meeting.agree.remove_question"));
            const std::string yes = tr("meeting.agree.remove_yes"), no = tr("meeting.agree.remove_no");
            flow(button_width(yes.c_str()) + ImGui::CalcTextSize("✕ ").x);
            if (danger_button(yes.c_str())) remove(ctx, a.id);
            probe("meeting.agree.remove_yes." + std::to_string(n));
            flow(button_width(no.c_str()));
            if (ImGui::Button(no.c_str())) confirm_id_.clear();
            probe("meeting.agree.remove_no." + std::to_string(n));
        } else {
            if (ImGui::SmallButton(tr("meeting.agree.edit"))) edit(a);
            probe("meeting.agree.edit." + std::to_string(n));
            ImGui::SameLine();
            if (ImGui::SmallButton(tr("meeting.agree.remove"))) confirm_id_ = a.id;
            probe("meeting.agree.remove." + std::to_string(n));
        }
        ImGui::PopID();
        ++n;
    }
}

}  // namespace ts::ui
