// The register of actions: what the team agreed, who does it, by when, and what became of it.
// A filtered, sortable list (open and in-progress actions first of all) and a form with the
// change history and the updates given in meetings.
#include "core/actions.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/layout.hpp"
#include "ui/list_table.hpp"
#include "ui/probe.hpp"
#include "ui/screen_actions.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace ts::ui {
namespace {

constexpr std::array<ActionStatus, 4> kStatuses{ActionStatus::open, ActionStatus::in_progress, ActionStatus::done,
                                                ActionStatus::dropped};

// As StatusFilter, for the probes ("actions.status_filter.all").
constexpr std::array<const char*, 6> kStatusFilterNames{"working", "all", "open", "in_progress", "done", "dropped"};

std::string status_name(ActionStatus s) { return tr(action_status_key(s)); }

const char* status_filter_key(StatusFilter f) {
    switch (f) {
        case StatusFilter::working: return "actions.filter.working";
        case StatusFilter::all: return "actions.filter.all_statuses";
        case StatusFilter::open: return "actions.status.open";
        case StatusFilter::in_progress: return "actions.status.in_progress";
        case StatusFilter::done: return "actions.status.done";
        case StatusFilter::dropped: return "actions.status.dropped";
    }
    return "actions.filter.working";
}

bool status_passes(StatusFilter f, ActionStatus s) {
    switch (f) {
        case StatusFilter::working: return action_is_working(s);
        case StatusFilter::all: return true;
        case StatusFilter::open: return s == ActionStatus::open;
        case StatusFilter::in_progress: return s == ActionStatus::in_progress;
        case StatusFilter::done: return s == ActionStatus::done;
        case StatusFilter::dropped: return s == ActionStatus::dropped;
    }
    return true;
}

std::string block_name(const Ctx& ctx, const BuildingBlock& b) { return std::to_string(b.number) + " " + b.title.in(ctx.lang); }

// "2026-03-12 · Teamreflectie": a meeting as the lists name it.
std::string meeting_name(const Ctx& ctx, const Meeting& m) {
    const MeetingTemplate* t = ctx.content.meeting_template(m.template_id);
    return m.held_on + (t ? "  ·  " + t->name.in(ctx.lang) : std::string());
}

// The marks of an action that needs attention, as words with a symbol (never colour alone).
std::string marks(const model::ActionRow& r) {
    std::string out;
    if (r.overdue) out = std::string("▲ ") + tr("actions.overdue");
    if (r.stale) out += (out.empty() ? "" : "  ") + std::string("↻ ") + tr("actions.stale");
    return out;
}

std::optional<std::string> text_or_none(const std::string& text) {
    if (is_blank(text)) return std::nullopt;
    return text;
}

// A due date as typed, without the spaces around it; none when empty.
std::optional<std::string> date_or_none(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

}  // namespace

void ActionsScreen::draw(Ctx& ctx) {
    if (form_.open) {
        draw_form(ctx);
        return;
    }
    heading(ctx.fonts, tr("nav.actions"));
    if (draw_needs_team(ctx)) return;
    if (primary_button(label("actions.new", "new_action").c_str())) open_new(ctx);
    probe("actions.new");
    ImGui::SameLine();
    muted(trn("actions.count", static_cast<long long>(ctx.model.actions().size()), {std::to_string(rows_.size())}).c_str());
    const int active = (status_filter_ != StatusFilter::working) + !owner_filter_.empty() + !block_filter_.empty() +
                       !meeting_filter_.empty() + overdue_only_ + stale_only_;
    if (filters_shown(filters_open_, active)) draw_filters(ctx);
    draw_list(ctx);
}

void ActionsScreen::draw_filters(Ctx& ctx) {
    bool changed = false;
    // A combo as wide as its widest choice (`widest`), within `most` em.
    auto fit = [](float widest, float most) {
        return std::min(widest + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x, em(most));
    };
    auto combo = [&](const char* id, float width, const std::string& preview, auto&& items) {
        flow(width);
        ImGui::SetNextItemWidth(width);
        const bool open = ImGui::BeginCombo(id, preview.c_str());
        probe(std::string("actions.filter.") + (id + 2));
        if (open) {
            items();
            ImGui::EndCombo();
        }
    };
    auto choice = [&](const std::string& text, bool selected, const std::string& probe_name, auto&& choose) {
        if (ImGui::Selectable(text.c_str(), selected)) {
            choose();
            changed = true;
        }
        probe(probe_name);
    };

    // Status: the working ones (open and in progress) unless asked otherwise.
    float widest = 0;
    for (int f = 0; f < static_cast<int>(kStatusFilterNames.size()); ++f)
        widest = std::max(widest, text_width(tr(status_filter_key(static_cast<StatusFilter>(f)))));
    combo("##status", fit(widest, 20), tr(status_filter_key(status_filter_)), [&] {
        for (StatusFilter f : {StatusFilter::working, StatusFilter::all, StatusFilter::open, StatusFilter::in_progress,
                               StatusFilter::done, StatusFilter::dropped})
            choice(tr(status_filter_key(f)), f == status_filter_, std::string("actions.status_filter.") + kStatusFilterNames[static_cast<std::size_t>(f)],
                   [&, f] { status_filter_ = f; });
    });
    const Member* owner = ctx.model.member(owner_filter_);
    widest = text_width(tr("actions.filter.all_owners"));
    for (const auto& m : ctx.model.members()) widest = std::max(widest, text_width(m.name.c_str()));
    combo("##owner", fit(widest, 14), owner ? owner->name : tr("actions.filter.all_owners"), [&] {
        choice(tr("actions.filter.all_owners"), owner_filter_.empty(), "actions.owner_filter.all", [&] { owner_filter_.clear(); });
        for (const auto& m : ctx.model.members())
            choice(m.name + "##" + m.id, m.id == owner_filter_, "actions.owner_filter." + m.name, [&] { owner_filter_ = m.id; });
    });
    const BuildingBlock* block = ctx.content.guideline.block(block_filter_);
    widest = text_width(tr("actions.filter.all_blocks"));
    for (const auto& b : ctx.content.guideline.building_blocks) widest = std::max(widest, text_width(block_name(ctx, b).c_str()));
    combo("##block", fit(widest, 18), block ? block_name(ctx, *block) : tr("actions.filter.all_blocks"), [&] {
        choice(tr("actions.filter.all_blocks"), block_filter_.empty(), "actions.block_filter.all", [&] { block_filter_.clear(); });
        for (const auto& b : ctx.content.guideline.building_blocks)
            choice(block_name(ctx, b), b.id == block_filter_, "actions.block_filter." + b.id, [&] { block_filter_ = b.id; });
    });
    const Meeting* meeting = ctx.model.meeting(meeting_filter_);
    widest = text_width(tr("actions.filter.all_meetings"));
    for (const auto& m : ctx.model.meetings()) widest = std::max(widest, text_width(meeting_name(ctx, m).c_str()));
    combo("##meeting", fit(widest, 18), meeting ? meeting_name(ctx, *meeting) : tr("actions.filter.all_meetings"), [&] {
        choice(tr("actions.filter.all_meetings"), meeting_filter_.empty(), "actions.meeting_filter.all", [&] { meeting_filter_.clear(); });
        for (const auto& m : ctx.model.meetings())
            choice(meeting_name(ctx, m) + "##" + m.id, m.id == meeting_filter_, "actions.meeting_filter." + m.held_on,
                   [&] { meeting_filter_ = m.id; });
    });
    const std::string overdue = label("actions.filter.overdue_only", "overdue_only"), stale = label("actions.filter.stale_only", "stale_only");
    flow(checkbox_width(overdue.c_str()));
    changed |= ImGui::Checkbox(overdue.c_str(), &overdue_only_);
    probe("actions.filter.overdue_only");
    flow(checkbox_width(stale.c_str()));
    changed |= ImGui::Checkbox(stale.c_str(), &stale_only_);
    probe("actions.filter.stale_only");
    if (changed) rows_dirty_ = true;
}

void ActionsScreen::rebuild_rows(Ctx& ctx) {
    const auto& all = ctx.model.actions();
    rows_.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const model::ActionRow& r = all[i];
        if (!status_passes(status_filter_, r.action.status)) continue;
        if (!owner_filter_.empty() && r.action.owner_id != owner_filter_) continue;
        if (!block_filter_.empty() && (!r.block || r.block->id != block_filter_)) continue;
        if (!meeting_filter_.empty() && r.action.meeting_id != meeting_filter_) continue;
        if (overdue_only_ && !r.overdue) continue;
        if (stale_only_ && !r.stale) continue;
        rows_.push_back(i);
    }
    // Ties by the due date (none last), then the title, so that the order never depends on
    // the order of storing.
    auto due_key = [](const model::ActionRow& r) { return std::tuple(!r.due, r.due.value_or(Date{})); };
    auto key_less = [&](std::size_t a, std::size_t b) {
        const model::ActionRow &x = all[a], &y = all[b];
        const auto then = [&] { return std::tuple(due_key(x), x.action.title) < std::tuple(due_key(y), y.action.title); };
        auto by = [&](const auto& kx, const auto& ky) { return kx < ky || (!(ky < kx) && then()); };
        switch (sort_column_) {
            case 0: return by(x.action.title, y.action.title);
            case 1: return by(std::tuple(!x.owner, x.owner ? x.owner->name : ""), std::tuple(!y.owner, y.owner ? y.owner->name : ""));
            case 3: return by(x.action.status, y.action.status);
            case 4: return by(x.agreed_on, y.agreed_on);
            case 5: return by(std::tuple(x.overdue, x.stale), std::tuple(y.overdue, y.stale));
            default: return then();
        }
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](std::size_t a, std::size_t b) {
        return sort_ascending_ ? key_less(a, b) : key_less(b, a);
    });
    rows_version_ = ctx.model.versions().actions;
    rows_dirty_ = false;
}

void ActionsScreen::draw_list(Ctx& ctx) {
    // The title takes what the other columns leave. The due date and the status carry the
    // marks as symbols ("▲ 2026-03-01", "↻ bezig"), so they show while the words of the last
    // column are folded away at a large zoom.
    const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
    std::string status_sample;
    for (ActionStatus st : kStatuses)
        if (const std::string t = "↻ " + status_name(st); text_width(t.c_str()) > text_width(status_sample.c_str())) status_sample = t;
    const std::string marks_sample = std::string("▲ ") + tr("actions.overdue") + "  ↻ " + tr("actions.stale");
    const std::vector<ListColumn> columns{
        {tr("actions.col.title"), 10, nullptr, 0},
        {tr("actions.col.owner"), 7, nullptr, 2, fixed},
        {tr("actions.col.due"), 5, "▲ 2026-12-28", 0, fixed | ImGuiTableColumnFlags_DefaultSort},
        {tr("actions.col.status"), 4, status_sample.c_str(), 0, fixed},
        {tr("actions.col.agreed"), 5, "2026-12-28", 3, fixed},
        {tr("actions.col.marks"), 6, marks_sample.c_str(), 1, fixed},
    };
    if (!begin_list("##actions", columns)) return;
    headers_row("actions.col.");
    if (take_sort_specs(sort_column_, sort_ascending_)) rows_dirty_ = true;
    if (rows_dirty_ || rows_version_ != ctx.model.versions().actions) rebuild_rows(ctx);

    const Palette& p = palette();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const model::ActionRow& r = ctx.model.actions()[rows_[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            // The whole row opens the action; the title is drawn over it, cut to its column.
            const float x = ImGui::GetCursorPosX();
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                open_existing(ctx, r.action);
            probe("actions.row." + std::to_string(i));
            ImGui::SameLine();
            ImGui::SetCursorPosX(x);
            cell_text(r.action.title);
            ImGui::PopID();
            ImGui::TableNextColumn();
            cell_text(r.owner ? r.owner->name : "—");
            ImGui::TableNextColumn();
            const std::string due = r.due ? format_date(*r.due) : r.action.due_on.value_or("—");
            if (r.overdue) cell_text("▲ " + due, p.warn);
            else cell_text(due);
            ImGui::TableNextColumn();
            if (r.action.status == ActionStatus::done) cell_text("✓ " + status_name(r.action.status), p.ok);
            else if (r.stale) cell_text("↻ " + status_name(r.action.status), p.warn);
            else cell_text(status_name(r.action.status));
            ImGui::TableNextColumn();
            cell_text(format_date(r.agreed_on));
            ImGui::TableNextColumn();
            if (const std::string m = marks(r); !m.empty()) {
                cell_text(m, p.warn);
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    if (r.overdue) ImGui::TextUnformatted(trf("actions.overdue_since", {r.action.due_on.value_or("")}).c_str());
                    if (r.stale) ImGui::TextUnformatted(trf("actions.stale_long", {std::to_string(r.review_meetings)}).c_str());
                    ImGui::EndTooltip();
                }
            }
        }
    }
    end_list();
}

void ActionsScreen::open_new(Ctx&) {
    form_ = ActionForm{};
    form_.open = true;
    form_.focus = true;
}

void ActionsScreen::open_existing(Ctx& ctx, const Action& a) {
    form_ = ActionForm{};
    form_.open = true;
    form_.stored = a;
    form_.title.load(a.title);
    form_.description.load(a.description);
    form_.owner_id.load(a.owner_id.value_or(""));
    form_.due_on.load(a.due_on.value_or(""));
    form_.status.load(a.status);
    form_.guideline_ref.load(a.guideline_ref.value_or(""));
    form_.incident_id.load(a.incident_id.value_or(""));
    form_.history = ctx.store.changes("action", a.id);
}

void ActionsScreen::close_form() { form_ = ActionForm{}; }

Action ActionsScreen::form_action(const Ctx& ctx, std::int64_t now) const {
    // A stored action keeps every field the form did not change, exactly as stored.
    Action a = form_.stored.value_or(Action{});
    const bool fresh = !form_.stored;
    auto take = [&](const auto& field) { return fresh || field.edited(); };
    if (fresh) a.team_id = ctx.model.team_id();
    if (take(form_.title)) a.title = form_.title.value;
    if (take(form_.description)) a.description = form_.description.value;
    if (take(form_.owner_id)) a.owner_id = text_or_none(form_.owner_id.value);
    if (take(form_.due_on)) a.due_on = date_or_none(form_.due_on.value);
    // Done sets the completion time, reopening clears it.
    if (take(form_.status)) set_action_status(a, form_.status.value, format_timestamp(now));
    if (take(form_.guideline_ref)) a.guideline_ref = text_or_none(form_.guideline_ref.value);
    if (take(form_.incident_id)) a.incident_id = text_or_none(form_.incident_id.value);
    return a;
}

std::vector<FieldProblem> ActionsScreen::live_problems(const Ctx& ctx, std::int64_t now) const {
    Action a = form_action(ctx, now);
    if (a.created_at.empty()) a.created_at = format_timestamp(now);
    a.updated_at = format_timestamp(now);
    return validate_action(a, ctx.content, now);
}

void ActionsScreen::save(Ctx& ctx) {
    const std::int64_t now = now_unix();
    form_.problems.clear();
    form_.error.clear();
    form_.check.tried = true;
    if (ctx.shell.who().empty()) {
        form_.error = tr("form.who_required");
        return;
    }
    // Edits go onto the record as it is now (a meeting or an import may have changed it since).
    if (form_.stored)
        if (auto current = ctx.store.action(form_.stored->id)) form_.stored = std::move(*current);
    Action a = form_action(ctx, now);
    if (!form_.stored) {
        a.id = new_uuid();
        a.created_at = now_utc();
    }
    a.updated_at = now_utc();
    form_.problems = validate_action(a, ctx.content, now);
    if (!form_.problems.empty()) return;
    ctx.post(request::Write{[a, who = ctx.shell.who()](Store& store) { store.save_action(a, who); },
                            [this](const StoreError* refused, Requests& then) {
                                if (refused) {
                                    form_.error = refused->what();
                                    return;
                                }
                                then.post(request::Flash{Tone::ok, tr("actions.saved")});
                                close_form();
                            }});
}

void ActionsScreen::draw_form(Ctx& ctx) {
    const std::int64_t now = now_unix();
    heading(ctx.fonts, !form_.stored ? tr("actions.form.new") : tr("actions.form.edit"));
    if (draw_needs_team(ctx)) return;
    bool changed = false;
    form_.problems = form_.check.shown(live_problems(ctx, now));
    if (form_.error == tr("form.who_required") && !ctx.shell.who().empty()) form_.error.clear();
    const float col_w = form_column_width();

    ImGui::BeginChild("##action_form", ImVec2(0, -form_buttons_height()), false);
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);
    field_label(tr("actions.field.title"));
    focus_first(form_.focus);
    changed |= text_field("##title", form_.title.value);
    form_.check.touch("title");
    probe("actions.field.title");
    field_problems(form_.problems, "title");

    field_label(tr("actions.field.description"));
    changed |= text_area("##description", form_.description.value, kMaxFreeText, col_w);
    form_.check.touch("description");
    probe("actions.field.description");
    field_problems(form_.problems, "description");

    // The owner: a member of the team (the inactive ones only when they own it already).
    field_label(tr("actions.field.owner"));
    const Member* owner = ctx.model.member(form_.owner_id.value);
    tab_stop("##owner");
    const bool owner_open = ImGui::BeginCombo("##owner", owner ? owner->name.c_str() : tr("actions.no_owner"));
    end_tab_stop();
    probe("actions.field.owner");
    if (owner_open) {
        if (ImGui::Selectable(tr("actions.no_owner"), form_.owner_id.value.empty())) {
            form_.owner_id.value.clear();
            changed = true;
        }
        for (const auto& m : ctx.model.members()) {
            if (!m.active && m.id != form_.owner_id.value) continue;
            if (ImGui::Selectable((m.name + "##" + m.id).c_str(), m.id == form_.owner_id.value)) {
                form_.owner_id.value = m.id;
                changed = true;
            }
            probe("actions.owner." + m.name);
        }
        ImGui::EndCombo();
    }
    field_problems(form_.problems, "owner_id");

    field_label(tr("actions.field.due"));
    changed |= date_field("##due", form_.due_on.value, em(8));
    form_.check.touch("due_on");
    probe("actions.field.due");
    ImGui::SameLine();
    if (ImGui::SmallButton(label("actions.in_two_weeks", "due14").c_str())) {
        form_.due_on.value = format_date(civil_from_days(days_from_civil(local_date(now)) + 14));
        changed = true;
    }
    probe("actions.due_in_two_weeks");
    field_problems(form_.problems, "due_on");
    ImGui::PopItemWidth();
    ImGui::EndGroup();

    next_column(top, em(2));
    ImGui::BeginGroup();
    ImGui::PushItemWidth(col_w);
    const float right_column_right = ImGui::GetCursorScreenPos().x + col_w;
    // Its texts wrap at the column's edge, as its fields end.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w);

    field_label(tr("actions.field.status"));
    for (std::size_t k = 0; k < kStatuses.size(); ++k) {
        const ActionStatus s = kStatuses[k];
        const std::string radio = status_name(s) + "##status_" + std::string(to_string(s));
        if (k > 0) flow(checkbox_width(radio.c_str()), -1.0f, right_column_right);
        tab_stop(radio.c_str());
        const bool pressed = ImGui::RadioButton(radio.c_str(), form_.status.value == s);
        end_tab_stop();
        if (pressed) {
            form_.status.value = s;
            changed = true;
        }
        probe("actions.status." + std::string(to_string(s)));
    }
    // What saving does to the completion date: set when done, cleared when reopened.
    const bool was_done = form_.stored && form_.stored->status == ActionStatus::done && form_.stored->completed_at;
    if (form_.status.value == ActionStatus::done) {
        if (was_done) {
            const auto at = parse_timestamp(*form_.stored->completed_at);
            muted(trf("actions.completed_on", {at ? format_local(*at) : *form_.stored->completed_at}).c_str());
        } else {
            muted(tr("actions.completes_on_save"));
        }
    } else if (was_done) {
        muted(tr("actions.reopens_on_save"));
    } else {
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));  // the line kept free
    }
    probe("actions.completion");

    // The link: a building block, topic or core recommendation of the guideline.
    field_label(tr("actions.field.guideline"));
    const Text* linked_text = guideline_text(ctx.content.guideline, form_.guideline_ref.value);
    std::string preview = form_.guideline_ref.value.empty() ? tr("actions.no_link")
                          : linked_text                      ? linked_text->in(ctx.lang)
                                                             : form_.guideline_ref.value;
    // The recommendations are sentences: the list is wider than the field, within the window,
    // and each choice wraps.
    const float list_w = std::min(std::max(col_w, em(36)), ImGui::GetIO().DisplaySize.x - em(2));
    ImGui::SetNextWindowSizeConstraints(ImVec2(list_w, 0), ImVec2(list_w, em(26)));
    tab_stop("##guideline");
    const bool guideline_open = ImGui::BeginCombo("##guideline", preview.c_str());
    end_tab_stop();
    probe("actions.field.guideline");
    if (guideline_open) {
        auto item = [&](const std::string& id, const std::string& text, float indent) {
            if (indent > 0) ImGui::Indent(indent);
            if (wrapped_selectable(("##g_" + id).c_str(), text.c_str(), id == form_.guideline_ref.value, ImGui::GetContentRegionAvail().x)) {
                form_.guideline_ref.value = id;
                changed = true;
            }
            probe("actions.guideline." + id);
            if (indent > 0) ImGui::Unindent(indent);
        };
        item("", tr("actions.no_link"), 0);
        for (const auto& b : ctx.content.guideline.building_blocks) {
            item(b.id, block_name(ctx, b), 0);
            // Its core recommendations (what the team rates in a meeting) first, then its topics.
            for (const auto& r : b.recommendations) item(r.id, "◆ " + r.text.in(ctx.lang), em(1));
            for (const auto& t : b.topics) item(t.id, t.text.in(ctx.lang), em(1));
        }
        ImGui::EndCombo();
    }
    // A topic or recommendation whole under the field (the field shows its start only), with
    // its building block; a building block is whole in the field.
    if (const BuildingBlock* block = block_of_ref(ctx.content.guideline, form_.guideline_ref.value);
        linked_text && block && block->id != form_.guideline_ref.value)
        muted((block_name(ctx, *block) + ": " + linked_text->in(ctx.lang)).c_str());
    field_problems(form_.problems, "guideline_ref");

    // … and/or an incident of the team.
    field_label(tr("actions.field.incident"));
    const IncidentRow* incident = ctx.model.incident(form_.incident_id.value);
    auto incident_text = [&](const IncidentRow& row) {
        const IncidentCategory* cat = ctx.content.incident_category(row.incident.category);
        return format_local(row.at) + "  " + (cat ? cat->name.in(ctx.lang) : row.incident.category);
    };
    tab_stop("##incident");
    const bool incident_open = ImGui::BeginCombo("##incident", incident ? incident_text(*incident).c_str() : tr("actions.no_link"));
    end_tab_stop();
    probe("actions.field.incident");
    if (incident_open) {
        if (ImGui::Selectable(tr("actions.no_link"), form_.incident_id.value.empty())) {
            form_.incident_id.value.clear();
            changed = true;
        }
        for (const auto& row : ctx.model.incidents())
            if (ImGui::Selectable((incident_text(row) + "##" + row.incident.id).c_str(), row.incident.id == form_.incident_id.value)) {
                form_.incident_id.value = row.incident.id;
                changed = true;
            }
        ImGui::EndCombo();
    }
    field_problems(form_.problems, "incident_id");

    // Where it was agreed (a meeting agrees it; this form does not move it to another).
    field_label(tr("actions.field.agreed"));
    if (form_.stored) {
        const model::ActionRow* row = ctx.model.action(form_.stored->id);
        const Meeting* m = form_.stored->meeting_id ? ctx.model.meeting(*form_.stored->meeting_id) : nullptr;
        if (m) paragraph(trf("actions.agreed_in", {meeting_name(ctx, *m)}).c_str());
        else if (row) paragraph(trf("actions.agreed_outside", {format_date(row->agreed_on)}).c_str());
        else paragraph("—");
    } else {
        paragraph(tr("actions.agreed_now"));
    }
    ImGui::PopTextWrapPos();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    if (changed) form_.dirty = true;

    if (form_.stored) {
        ImGui::Dummy(em(0, 0.5f));
        draw_updates(ctx);
        ImGui::Dummy(em(0, 0.5f));
        draw_history(ctx, form_.history);
    }
    ImGui::EndChild();

    switch (form_buttons("actions", form_.dirty, form_.stored.has_value(), form_.error, tr("actions.delete_question"),
                         "form.keys_no_time")) {
        case FormAction::save: save(ctx); break;
        case FormAction::close: close_form(); break;
        case FormAction::remove:
            if (ctx.shell.who().empty()) {
                form_.error = tr("form.who_required");
                break;
            }
            ctx.post(request::Write{[id = form_.stored->id, who = ctx.shell.who()](Store& store) { store.delete_action(id, who); },
                                    [this](const StoreError* refused, Requests& then) {
                                        if (refused) {
                                            form_.error = refused->what();
                                            return;
                                        }
                                        then.post(request::Flash{Tone::ok, tr("actions.deleted")});
                                        close_form();
                                    }});
            break;
        case FormAction::none: break;
    }
}

// The updates given in meetings, newest first: when, in which meeting, the status it got, the note.
void ActionsScreen::draw_updates(Ctx& ctx) {
    subheading(ctx.fonts, tr("actions.updates.title"));
    const model::ActionRow* row = ctx.model.action(form_.stored->id);
    if (!row || row->updates.empty()) {
        muted(tr("actions.updates.empty"));
        return;
    }
    if (row->stale) notice(Tone::warn, trf("actions.stale_long", {std::to_string(row->review_meetings)}).c_str());
    auto when = [](const ActionUpdate& u) {
        const auto at = parse_timestamp(u.created_at);
        return at ? format_local(*at) : u.created_at;
    };
    auto meeting = [&](const ActionUpdate& u) -> std::string {
        const Meeting* m = u.meeting_id ? ctx.model.meeting(*u.meeting_id) : nullptr;
        return m ? m->held_on : "—";
    };
    int n = 0;
    // Too narrow for a table with room for the notes: each update as a line, its note under it.
    if (ImGui::GetContentRegionAvail().x < em(50)) {
        for (auto it = row->updates.rbegin(); it != row->updates.rend(); ++it, ++n) {
            muted((when(*it) + "  ·  " + tr("actions.updates.meeting") + " " + meeting(*it) + "  ·  " + status_name(it->status)).c_str());
            probe("actions.update." + std::to_string(n));
            if (!it->note.empty()) paragraph(it->note.c_str());
            ImGui::Spacing();
        }
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##updates", 4, flags)) return;
    // Each fixed column as wide as its header or its widest value.
    float status_w = text_width(tr("actions.updates.status"));
    for (ActionStatus st : kStatuses) status_w = std::max(status_w, text_width(status_name(st).c_str()));
    ImGui::TableSetupColumn(tr("actions.updates.when"), ImGuiTableColumnFlags_WidthFixed,
                            std::max(text_width(tr("actions.updates.when")), text_width(kDateTimeSample)));
    ImGui::TableSetupColumn(tr("actions.updates.meeting"), ImGuiTableColumnFlags_WidthFixed,
                            std::max(text_width(tr("actions.updates.meeting")), text_width("2026-12-28")));
    ImGui::TableSetupColumn(tr("actions.updates.status"), ImGuiTableColumnFlags_WidthFixed, status_w);
    ImGui::TableSetupColumn(tr("actions.updates.note"));
    ImGui::TableHeadersRow();
    for (auto it = row->updates.rbegin(); it != row->updates.rend(); ++it, ++n) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        cell_text(when(*it));
        probe("actions.update." + std::to_string(n));
        ImGui::TableNextColumn();
        cell_text(meeting(*it));
        ImGui::TableNextColumn();
        cell_text(status_name(it->status));
        ImGui::TableNextColumn();
        paragraph(it->note.c_str());
    }
    ImGui::EndTable();
}

void ActionsScreen::show_filtered(const request::ListFilter& f) {
    status_filter_ = StatusFilter::all;
    if (f.status) {
        switch (*f.status) {
            case ActionStatus::open: status_filter_ = StatusFilter::open; break;
            case ActionStatus::in_progress: status_filter_ = StatusFilter::in_progress; break;
            case ActionStatus::done: status_filter_ = StatusFilter::done; break;
            case ActionStatus::dropped: status_filter_ = StatusFilter::dropped; break;
        }
    }
    if (f.working) status_filter_ = StatusFilter::working;
    owner_filter_.clear();
    block_filter_.clear();
    meeting_filter_.clear();
    overdue_only_ = f.overdue;
    stale_only_ = f.stale;
    rows_dirty_ = true;
}

}  // namespace ts::ui
