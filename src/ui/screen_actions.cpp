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
#include <unordered_map>

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

const Team* team_of(const Ctx& ctx, const std::string& id) { return ctx.model.team(id); }

std::string team_name(const Ctx& ctx, const std::string& id) {
    const Team* t = team_of(ctx, id);
    return t ? t->name : "—";
}

// A member or meeting of the current team, or (another team's action) of any team.
const Member* any_member(const Ctx& ctx, const std::string& id) {
    if (const Member* m = ctx.model.member(id)) return m;
    return ctx.model.all_actions().member(id);
}
const Meeting* any_meeting(const Ctx& ctx, const std::string& id) {
    if (const Meeting* m = ctx.model.meeting(id)) return m;
    return ctx.model.all_actions().meeting(id);
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
    // Across all teams a new action is still one of the current team: the button says so.
    if (all_teams_ && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(trf("actions.all.new_for_team", {team_name(ctx, ctx.model.team_id())}).c_str());
        ImGui::EndTooltip();
    }
    draw_scope(ctx);
    if (all_teams_ && !ctx.model.all_actions().loaded) {
        // The shell holds every team's actions from the next frame on.
        ctx.redraw_within(0);
        muted(tr("actions.all.loading"));
        return;
    }
    const std::string count = trn("actions.count", static_cast<long long>(listed(ctx).size()), {std::to_string(rows_.size())});
    flow(text_width(count.c_str()));
    ImGui::AlignTextToFramePadding();
    muted(count.c_str());
    const int active = (status_filter_ != StatusFilter::working) + !owner_filter_.empty() + !block_filter_.empty() +
                       !meeting_filter_.empty() + overdue_only_ + stale_only_ + (all_teams_ && !team_filter_.empty());
    if (filters_shown(filters_open_, active)) draw_filters(ctx);
    draw_list(ctx);
}

const std::vector<model::ActionRow>& ActionsScreen::listed(const model::Model& model) const {
    return all_teams_ ? model.all_actions().actions : model.actions();
}
const std::vector<model::ActionRow>& ActionsScreen::listed(const Ctx& ctx) const { return listed(ctx.model); }

void ActionsScreen::set_all_teams(bool on) {
    if (on == all_teams_) return;
    all_teams_ = on;
    // The owners and meetings of one team are not those of all teams, and back.
    owner_filter_.clear();
    meeting_filter_.clear();
    team_filter_.clear();
    rows_.clear();
    rows_dirty_ = true;
}

// "This team / All teams": two radio buttons, each a tab stop (Tab, then Space).
void ActionsScreen::draw_scope(Ctx&) {
    const std::string team = tr("actions.all.this_team") + std::string("##scope_team"),
                      all = tr("actions.all.all_teams") + std::string("##scope_all");
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    flow(checkbox_width(team.c_str()) + gap + checkbox_width(all.c_str()), em(1.5f));
    bool to = all_teams_;
    tab_stop(team.c_str());
    if (ImGui::RadioButton(team.c_str(), !all_teams_)) to = false;
    end_tab_stop();
    probe("actions.all.this_team");
    ImGui::SameLine();
    tab_stop(all.c_str());
    if (ImGui::RadioButton(all.c_str(), all_teams_)) to = true;
    end_tab_stop();
    probe("actions.all.all_teams");
    set_all_teams(to);
}

const ActionsScreen::Owners& ActionsScreen::owners(Ctx& ctx) {
    const model::Versions& v = ctx.model.versions();
    Owners& o = owners_;
    if (o.built && o.all_teams == all_teams_ && o.team_filter == team_filter_ && o.team_id == ctx.model.team_id() &&
        o.members_version == v.members && o.all_version == v.all_actions && o.teams_version == v.teams && o.lang == ctx.lang &&
        o.font_size == ImGui::GetFontSize())
        return o;
    const model::AllActions& every = ctx.model.all_actions();
    o = Owners{};
    if (!all_teams_) {
        for (const auto& m : ctx.model.members()) o.members.push_back(&m);
    } else {
        for (const auto& m : every.members)
            if (team_filter_.empty() || m.team_id == team_filter_) o.members.push_back(&m);
    }
    // Its width from the names, and (every team's members) the longest team name after them.
    for (const Member* m : o.members) o.names_w = std::max(o.names_w, text_width(m->name.c_str()));
    if (all_teams_ && team_filter_.empty())
        for (const auto& t : ctx.model.teams()) o.teams_w = std::max(o.teams_w, text_width(("  ·  " + t.name).c_str()));
    for (const auto& t : ctx.model.teams())
        if (const float w = text_width(t.name.c_str()); w > o.widest_team_w) o.widest_team_w = w, o.widest_team = t.name;
    o.all_teams = all_teams_;
    o.team_filter = team_filter_;
    o.team_id = ctx.model.team_id();
    o.members_version = v.members;
    o.all_version = v.all_actions;
    o.teams_version = v.teams;
    o.lang = ctx.lang;
    o.font_size = ImGui::GetFontSize();
    o.built = true;
    return o;
}

void ActionsScreen::draw_filters(Ctx& ctx) {
    bool changed = false;
    // A combo as wide as its widest choice (`widest`), within `most` em and the window's width
    // (the meetings of every team, named with their team, are wider than the window at 200 %).
    const float line = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    auto fit = [line](float widest, float most) {
        return std::min({widest + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x, em(most), line});
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

    const model::AllActions& every = ctx.model.all_actions();
    if (all_teams_) {
        // The team: choosing one lets go of an owner or meeting of another team.
        const Team* team = team_of(ctx, team_filter_);
        const float widest = std::max(text_width(tr("actions.filter.all_teams")), owners(ctx).widest_team_w);
        combo("##team", fit(widest, 14), team ? team->name : tr("actions.filter.all_teams"), [&] {
            choice(tr("actions.filter.all_teams"), team_filter_.empty(), "actions.team_filter.all", [&] { team_filter_.clear(); });
            for (const auto& t : ctx.model.teams())
                choice(t.name + "##" + t.id, t.id == team_filter_, "actions.team_filter." + t.name, [&, id = t.id] {
                    team_filter_ = id;
                    if (const Member* m = every.member(owner_filter_); m && m->team_id != id) owner_filter_.clear();
                    if (const Meeting* m = every.meeting(meeting_filter_); m && m->team_id != id) meeting_filter_.clear();
                });
        });
    }
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
    // Across all teams: the members of the chosen team, or of every team with their team's name.
    const Owners& o = owners(ctx);
    const std::vector<const Member*>& owner_list = o.members;
    auto owner_name = [&](const Member& m) { return all_teams_ && team_filter_.empty() ? m.name + "  ·  " + team_name(ctx, m.team_id) : m.name; };
    const Member* owner = all_teams_ ? every.member(owner_filter_) : ctx.model.member(owner_filter_);
    widest = std::max(text_width(tr("actions.filter.all_owners")), o.names_w + o.teams_w);
    combo("##owner", fit(widest, all_teams_ ? 22 : 14), owner ? owner_name(*owner) : tr("actions.filter.all_owners"), [&] {
        choice(tr("actions.filter.all_owners"), owner_filter_.empty(), "actions.owner_filter.all", [&] { owner_filter_.clear(); });
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(owner_list.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const Member& m = *owner_list[static_cast<std::size_t>(i)];
                choice(owner_name(m) + "##" + m.id, m.id == owner_filter_, "actions.owner_filter." + m.name, [&] { owner_filter_ = m.id; });
            }
    });
    const BuildingBlock* block = ctx.content.guideline.block(block_filter_);
    widest = text_width(tr("actions.filter.all_blocks"));
    for (const auto& b : ctx.content.guideline.building_blocks) widest = std::max(widest, text_width(block_name(ctx, b).c_str()));
    combo("##block", fit(widest, 18), block ? block_name(ctx, *block) : tr("actions.filter.all_blocks"), [&] {
        choice(tr("actions.filter.all_blocks"), block_filter_.empty(), "actions.block_filter.all", [&] { block_filter_.clear(); });
        for (const auto& b : ctx.content.guideline.building_blocks)
            choice(block_name(ctx, b), b.id == block_filter_, "actions.block_filter." + b.id, [&] { block_filter_ = b.id; });
    });
    // Across all teams the meetings of every team (thousands over the years) name their team;
    // the list is clipped, and its width taken from a sample: the longest team name.
    const Meeting* meeting = all_teams_ ? every.meeting(meeting_filter_) : ctx.model.meeting(meeting_filter_);
    auto meeting_text = [&](const Meeting& m) {
        return all_teams_ && team_filter_.empty() ? meeting_name(ctx, m) + "  ·  " + team_name(ctx, m.team_id) : meeting_name(ctx, m);
    };
    widest = text_width(tr("actions.filter.all_meetings"));
    if (!all_teams_) {
        for (const auto& m : ctx.model.meetings()) widest = std::max(widest, text_width(meeting_text(m).c_str()));
    } else {
        const float team_w = owners(ctx).widest_team_w;
        float template_w = 0;
        for (const auto& t : ctx.content.templates) template_w = std::max(template_w, text_width(t.name.in(ctx.lang).c_str()));
        widest = std::max(widest, text_width("2026-12-28  ·    ·  ") + template_w + (team_filter_.empty() ? team_w : 0));
    }
    combo("##meeting", fit(widest, all_teams_ ? 30 : 18), meeting ? meeting_text(*meeting) : tr("actions.filter.all_meetings"), [&] {
        choice(tr("actions.filter.all_meetings"), meeting_filter_.empty(), "actions.meeting_filter.all", [&] { meeting_filter_.clear(); });
        std::vector<const Meeting*> meetings;
        for (const auto& m : all_teams_ ? every.meetings : ctx.model.meetings())
            if (!all_teams_ || team_filter_.empty() || m.team_id == team_filter_) meetings.push_back(&m);
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(meetings.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const Meeting& m = *meetings[static_cast<std::size_t>(i)];
                choice(meeting_text(m) + "##" + m.id, m.id == meeting_filter_, "actions.meeting_filter." + m.held_on,
                       [&] { meeting_filter_ = m.id; });
            }
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
    const auto& all = listed(ctx);
    rows_.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const model::ActionRow& r = all[i];
        if (all_teams_ && !team_filter_.empty() && r.action.team_id != team_filter_) continue;
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
    // Across all teams the Team column is the second (1); the others follow it, one further on.
    int column = all_teams_ ? all_sort_column_ : sort_column_;
    const bool ascending = all_teams_ ? all_sort_ascending_ : sort_ascending_;
    constexpr int kByTeam = 100;
    if (all_teams_) column = column == 1 ? kByTeam : column > 1 ? column - 1 : column;
    // The keys compared by reference, never copied: 30,000 rows take some 450,000 comparisons.
    static const std::string none;
    std::vector<const std::string*> team_names;  // by the row's index in `all`
    if (column == kByTeam) {
        std::unordered_map<std::string, const std::string*> by_id;
        for (const auto& t : ctx.model.teams()) by_id.emplace(t.id, &t.name);
        team_names.resize(all.size(), &none);
        for (std::size_t i : rows_)
            if (const auto it = by_id.find(all[i].action.team_id); it != by_id.end()) team_names[i] = it->second;
    }
    auto key_less = [&](std::size_t a, std::size_t b) {
        const model::ActionRow &x = all[a], &y = all[b];
        const auto then = [&] {
            const auto dx = due_key(x), dy = due_key(y);
            return dx < dy || (!(dy < dx) && x.action.title < y.action.title);
        };
        auto by = [&](const auto& kx, const auto& ky) { return kx < ky || (!(ky < kx) && then()); };
        switch (column) {
            case kByTeam: return by(*team_names[a], *team_names[b]);
            case 0: return by(x.action.title, y.action.title);
            case 1: return by(std::tuple<bool, const std::string&>(!x.owner, x.owner ? x.owner->name : none),
                              std::tuple<bool, const std::string&>(!y.owner, y.owner ? y.owner->name : none));
            case 3: return by(x.action.status, y.action.status);
            case 4: return by(x.agreed_on, y.agreed_on);
            case 5: return by(std::tuple(x.overdue, x.stale), std::tuple(y.overdue, y.stale));
            default: return then();
        }
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](std::size_t a, std::size_t b) {
        return ascending ? key_less(a, b) : key_less(b, a);
    });
    rows_version_ = all_teams_ ? ctx.model.versions().all_actions : ctx.model.versions().actions;
    rows_dirty_ = false;
    ++rebuilds_;
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
    // Across all teams: the team's name after the title.
    const std::string team_sample = all_teams_ ? owners(ctx).widest_team : std::string();
    std::vector<ListColumn> columns{
        {tr("actions.col.title"), 10, nullptr, 0},
        {tr("actions.col.owner"), 7, nullptr, 2, fixed},
        {tr("actions.col.due"), 5, "▲ 2026-12-28", 0, fixed | ImGuiTableColumnFlags_DefaultSort},
        {tr("actions.col.status"), 4, status_sample.c_str(), 0, fixed},
        {tr("actions.col.agreed"), 5, "2026-12-28", 3, fixed},
        {tr("actions.col.marks"), 6, marks_sample.c_str(), 1, fixed},
    };
    // Across all teams the team never folds away: the status does, after the marks (the due
    // date keeps its ▲; a done action is not listed unless asked for).
    if (all_teams_) {
        columns[3].fold = 1;
        columns.insert(columns.begin() + 1, ListColumn{tr("actions.all.col.team"), 6, team_sample.c_str(), 0, fixed});
    }
    // Never fewer than 6 rows: with the filters open at a large zoom (across all teams one more
    // list) the page scrolls instead, so the list keeps rows to read.
    const ImVec2 size(0, std::max(ImGui::GetContentRegionAvail().y, list_height(6, 6)));
    // Its own table (and sort) across all teams: the columns differ.
    if (!begin_list(all_teams_ ? "##actions_all" : "##actions", columns, size)) return;
    headers_row(all_teams_ ? "actions.all.col." : "actions.col.");
    if (take_sort_specs(all_teams_ ? all_sort_column_ : sort_column_, all_teams_ ? all_sort_ascending_ : sort_ascending_)) rows_dirty_ = true;
    if (rows_dirty_ || rows_version_ != (all_teams_ ? ctx.model.versions().all_actions : ctx.model.versions().actions)) rebuild_rows(ctx);
    const auto& all = listed(ctx);

    const Palette& p = palette();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const model::ActionRow& r = all[rows_[static_cast<std::size_t>(i)]];
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
            if (all_teams_) {
                ImGui::TableNextColumn();
                cell_text(team_name(ctx, r.action.team_id));
            }
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
    form_.other_team = a.team_id != ctx.model.team_id();
    // The model holds the current team's incidents only: another team's, read once here.
    if (form_.other_team && a.incident_id)
        if (const auto i = ctx.store.incident(*a.incident_id)) {
            const IncidentCategory* cat = ctx.content.incident_category(i->category);
            const auto at = parse_timestamp(i->occurred_at);
            form_.incident_text = (at ? format_local(*at) : i->occurred_at) + "  " + (cat ? cat->name.in(ctx.lang) : i->category);
        }
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

const model::ActionRow* ActionsScreen::form_row(const Ctx& ctx) const {
    if (!form_.stored) return nullptr;
    if (const model::ActionRow* row = ctx.model.action(form_.stored->id)) return row;
    return ctx.model.all_actions().action(form_.stored->id);
}

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
    if (form_.other_team) {  // shown, not edited (draw_form)
        form_.error = trf("actions.all.other_team", {team_name(ctx, form_.stored->team_id)});
        return;
    }
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
    // Another team's action (opened from the list across all teams) is shown, not edited: its
    // owner and incident choices are that team's, which the model does not hold. One click
    // switches to its team; the form stays open and can be edited then. A new action opened
    // across all teams is one of the current team, and says so.
    form_.other_team = form_.stored && form_.stored->team_id != ctx.model.team_id();
    if (form_.other_team) {
        const std::string team = team_name(ctx, form_.stored->team_id);
        notice(Tone::info, trf("actions.all.other_team", {team}).c_str());
        probe("actions.all.other_team");
        if (ImGui::Button(trf("actions.all.switch_team", {team}).c_str())) ctx.post(request::SwitchTeam{form_.stored->team_id});
        probe("actions.all.switch_team");
    } else if (!form_.stored && all_teams_) {
        notice(Tone::info, trf("actions.all.new_for_team", {team_name(ctx, ctx.model.team_id())}).c_str());
        probe("actions.all.new_for_team");
    }
    bool changed = false;
    form_.problems = form_.check.shown(live_problems(ctx, now));
    if (form_.error == tr("form.who_required") && !ctx.shell.who().empty()) form_.error.clear();
    const float col_w = form_column_width();

    ImGui::BeginChild("##action_form", ImVec2(0, -form_buttons_height()), false);
    ImGui::BeginDisabled(form_.other_team);
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
    const Member* owner = any_member(ctx, form_.owner_id.value);
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
    const std::string incident_preview = form_.other_team && !form_.incident_id.value.empty() ? form_.incident_text
                                         : incident                                          ? incident_text(*incident)
                                                                                             : tr("actions.no_link");
    const bool incident_open = ImGui::BeginCombo("##incident", incident_preview.c_str());
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
        const model::ActionRow* row = form_row(ctx);
        const Meeting* m = form_.stored->meeting_id ? any_meeting(ctx, *form_.stored->meeting_id) : nullptr;
        if (m) paragraph(trf("actions.agreed_in", {meeting_name(ctx, *m)}).c_str());
        else if (row) paragraph(trf("actions.agreed_outside", {format_date(row->agreed_on)}).c_str());
        else paragraph("—");
    } else {
        paragraph(tr("actions.agreed_now"));
    }
    ImGui::PopTextWrapPos();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::EndDisabled();
    if (changed) form_.dirty = true;

    if (form_.stored) {
        ImGui::Dummy(em(0, 0.5f));
        draw_updates(ctx);
        ImGui::Dummy(em(0, 0.5f));
        draw_history(ctx, form_.history);
    }
    ImGui::EndChild();

    if (form_.other_team) {
        // Shown, not edited: no Save or Delete, only Close (or Esc), in the bar's place.
        ImGui::Separator();
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
        const bool esc = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
                         !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
        const bool close = ImGui::Button(label("actions.all.close", "close").c_str());
        probe("actions.all.close");
        ImGui::SameLine(0, em(2));
        ImGui::AlignTextToFramePadding();
        muted(tr("actions.all.keys_read_only"));
        if (close || esc) close_form();
        return;
    }
    switch (form_buttons("actions", form_.dirty, form_.stored.has_value(), form_.error, tr("actions.delete_question"),
                         "form.keys_no_time")) {
        case FormAction::save: save(ctx); break;
        case FormAction::close: close_form(); break;
        case FormAction::remove:
            if (form_.other_team) {
                form_.error = trf("actions.all.other_team", {team_name(ctx, form_.stored->team_id)});
                break;
            }
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
    const model::ActionRow* row = form_row(ctx);
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
        const Meeting* m = u.meeting_id ? any_meeting(ctx, *u.meeting_id) : nullptr;
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
    // Across all teams with that team chosen (an empty team_id: every team), or the team's list
    // (the shell switched to the team first).
    set_all_teams(f.all_teams);
    team_filter_ = f.all_teams ? f.team_id : std::string();
    owner_filter_.clear();
    block_filter_.clear();
    meeting_filter_.clear();
    overdue_only_ = f.overdue;
    stale_only_ = f.stale;
    rows_dirty_ = true;
}

}  // namespace ts::ui
