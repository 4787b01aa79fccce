// Team details, team members and youths. Youths are entered by pseudonym code only; a code
// that looks like a full name is warned about. Discharging keeps the youth and its history.
//
// The three forms edit stored records the way the measure form does (see FormField): saving
// starts from the record as the store has it at that moment and writes only the fields the
// user changed, so an age of 0, a goal of 12.5 or a change an import made meanwhile is kept.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/layout.hpp"
#include "ui/list_table.hpp"
#include "ui/probe.hpp"
#include "ui/screen_team.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ts::ui {
namespace {

constexpr std::array<Role, 4> kRoles{Role::group_worker, Role::coach, Role::behavioural_scientist, Role::manager};

std::string role_key(Role r) { return "role." + std::string(to_string(r)); }

// A printf format that shows `v` in full and without an exponent where it can: 12.5 as "12.5",
// 30 as "30", never rounded to whole percents.
std::string exact_format(double v) {
    for (int digits = 1; digits <= 17; ++digits) {
        char format[8], text[64];
        std::snprintf(format, sizeof format, "%%.%dg", digits);
        std::snprintf(text, sizeof text, format, v);
        if (!std::strchr(text, 'e') && std::strtod(text, nullptr) == v) return format;
    }
    return "%.17g";
}

std::string age_text(const std::optional<int>& age) { return age ? std::to_string(*age) : std::string(); }

// Reads an age as typed into `age`: none for an empty text, else a whole number of years.
// False, leaving `age` alone, when the text is no number (validate_youth checks the range).
bool read_age(const std::string& text, std::optional<int>& age) {
    const auto begin = text.find_first_not_of(' ');
    if (begin == std::string::npos) {
        age.reset();
        return true;
    }
    const char* first = text.data() + begin;
    const char* last = text.data() + text.find_last_not_of(' ') + 1;
    int years = 0;
    const auto [end, error] = std::from_chars(first, last, years);
    if (error != std::errc() || end != last) return false;
    age = years;
    return true;
}

// Shows a record's value in a form field. With `keep_edits` (the record changed elsewhere while
// its form is open), a field the user changed keeps what they entered; every other field shows
// the record as it is now.
template <class T>
void show(FormField<T>& field, T value, bool keep_edits) {
    if (!keep_edits || !field.edited()) field.load(std::move(value));
}

void show(TeamForm& f, const Team& t, bool keep_edits) {
    f.stored = t;
    show(f.name, t.name, keep_edits);
    show(f.location, t.location, keep_edits);
    show(f.capacity, t.capacity, keep_edits);
    show(f.goal, t.reduction_goal_pct, keep_edits);
    show(f.active, t.active, keep_edits);
}

void show(MemberForm& f, const Member& m, bool keep_edits) {
    f.stored = m;
    show(f.name, m.name, keep_edits);
    show(f.role, m.role, keep_edits);
    show(f.active, m.active, keep_edits);
}

void show(YouthForm& f, const Youth& y, bool keep_edits) {
    f.stored = y;
    show(f.code, y.code, keep_edits);
    show(f.age, age_text(y.age_at_admission), keep_edits);
    show(f.admitted_on, y.admitted_on, keep_edits);
    show(f.discharged_on, y.discharged_on.value_or(""), keep_edits);
    show(f.setting, y.setting, keep_edits);
}

// The forms as records: the stored record with the edited fields written over it; for a new
// member or youth, all fields (no id or timestamps of its own).
Team form_team(const TeamForm& f) {
    Team t = *f.stored;
    if (f.name.edited()) t.name = f.name.value;
    if (f.location.edited()) t.location = f.location.value;
    if (f.capacity.edited()) t.capacity = f.capacity.value;
    if (f.goal.edited()) t.reduction_goal_pct = f.goal.value;
    if (f.active.edited()) t.active = f.active.value;
    return t;
}

Member form_member(const MemberForm& f, const std::string& team_id) {
    Member m = f.stored.value_or(Member{});
    const bool fresh = !f.stored;
    auto take = [&](const auto& field) { return fresh || field.edited(); };
    if (fresh) m.team_id = team_id;
    if (take(f.name)) m.name = f.name.value;
    if (take(f.role)) m.role = f.role.value;
    if (take(f.active)) m.active = f.active.value;
    return m;
}

// An age that is no number is left out and reported in `problems`.
Youth form_youth(const YouthForm& f, const std::string& team_id, std::vector<FieldProblem>& problems) {
    Youth y = f.stored.value_or(Youth{});
    const bool fresh = !f.stored;
    auto take = [&](const auto& field) { return fresh || field.edited(); };
    if (fresh) y.team_id = team_id;
    if (take(f.code)) y.code = f.code.value;
    if (take(f.age) && !read_age(f.age.value, y.age_at_admission)) problems.push_back({"age_at_admission", "error.youth.age_range"});
    if (take(f.admitted_on)) y.admitted_on = f.admitted_on.value;
    if (take(f.discharged_on))
        y.discharged_on = f.discharged_on.value.empty() ? std::nullopt : std::optional<std::string>(f.discharged_on.value);
    if (take(f.setting)) y.setting = f.setting.value;
    return y;
}

}  // namespace

void TeamScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.team"));
    if (draw_needs_team(ctx)) return;
    const Team& current = *ctx.model.current_team();
    if (!team_.stored || team_.stored->id != current.id) {
        team_ = TeamForm{};
        show(team_, current, false);
        member_ = MemberForm{};
        youth_ = YouthForm{};
    } else if (!(ctx.model.versions() == seen_versions_)) {
        // The store changed (an import, another screen, our own save): what the user did not
        // edit shows the records as they are now.
        show(team_, current, true);
        if (member_.stored)
            if (const Member* m = ctx.model.member(member_.stored->id)) show(member_, *m, true);
        if (youth_.stored)
            if (const Youth* y = ctx.model.youth(youth_.stored->id)) show(youth_, *y, true);
    }
    seen_versions_ = ctx.model.versions();
    if (!error_.empty()) field_error(error_);
    ImGui::BeginChild("##team_scroll", ImVec2(0, 0), false);
    draw_team(ctx);
    ImGui::Dummy(em(0, 0.8f));
    draw_members(ctx);
    ImGui::Dummy(em(0, 0.8f));
    draw_youths(ctx);
    ImGui::EndChild();
}

Team TeamScreen::team_draft(const Ctx& ctx, std::vector<FieldProblem>& problems) const {
    Team t = form_team(team_);
    t.updated_at = now_utc();
    const auto found = validate_team(t, ctx.model.teams(), now_unix());
    problems.insert(problems.end(), found.begin(), found.end());
    return t;
}

Member TeamScreen::member_draft(Ctx& ctx, std::vector<FieldProblem>& problems) {
    if (member_.draft_id.empty()) member_.draft_id = new_uuid();
    Member m = form_member(member_, ctx.model.team_id());
    if (!member_.stored) {
        m.id = member_.draft_id;
        m.created_at = now_utc();
    }
    m.updated_at = now_utc();
    const auto found = validate_member(m, now_unix());
    problems.insert(problems.end(), found.begin(), found.end());
    return m;
}

Youth TeamScreen::youth_draft(Ctx& ctx, std::vector<FieldProblem>& problems) {
    if (youth_.draft_id.empty()) youth_.draft_id = new_uuid();
    Youth y = form_youth(youth_, ctx.model.team_id(), problems);
    if (!youth_.stored) {
        y.id = youth_.draft_id;
        y.created_at = now_utc();
    }
    y.updated_at = now_utc();
    const auto found = validate_youth(y, ctx.model.youths(), ctx.content.youth_codes, now_unix());
    problems.insert(problems.end(), found.begin(), found.end());
    // The code rule in the reader's language (the problem carries the English words).
    for (FieldProblem& p : problems)
        if (p.message_key == "error.youth.code_pattern") p.detail = ctx.content.youth_codes.description.in(ctx.lang);
    return y;
}

void TeamScreen::draw_team(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.details"));
    {
        std::vector<FieldProblem> all;
        team_draft(ctx, all);
        team_.problems = team_.check.shown(all);
    }
    // One row: the details fit side by side on a wide screen, each group starting at the same
    // height; their messages go under the row, so none pushes a field aside.
    float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    field_label(tr("team.name"));
    ImGui::SetNextItemWidth(em(14));
    text_field("##team_name", team_.name.value);
    team_.check.touch("name");
    probe("team.name");
    ImGui::EndGroup();
    next_group(top, tr("team.location"), em(10));
    ImGui::BeginGroup();
    field_label(tr("team.location"));
    ImGui::SetNextItemWidth(em(10));
    text_field("##team_location", team_.location.value);
    team_.check.touch("location");
    probe("team.location");
    ImGui::EndGroup();
    next_group(top, tr("team.capacity"), em(7));
    ImGui::BeginGroup();
    field_label(tr("team.capacity"));
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputInt("##team_capacity", &team_.capacity.value);
    team_.check.touch("capacity");
    probe("team.capacity");
    ImGui::EndGroup();
    next_group(top, tr("team.reduction_goal"), em(7));
    ImGui::BeginGroup();
    field_label(tr("team.reduction_goal"));
    ImGui::SetNextItemWidth(em(7));
    // The value as it is (12.5 reads "12.5"); it changes only when the user changes it.
    ImGui::InputDouble("##team_goal", &team_.goal.value, 5, 10, exact_format(team_.goal.value).c_str());
    team_.check.touch("reduction_goal_pct");
    probe("team.goal");
    ImGui::EndGroup();
    row_problems(team_.problems, {{"name", tr("team.name")},
                                  {"location", tr("team.location")},
                                  {"capacity", tr("team.capacity")},
                                  {"reduction_goal_pct", tr("team.reduction_goal")}});
    ImGui::Checkbox(label("team.active", "team_active").c_str(), &team_.active.value);
    probe("team.active");
    const std::string save_label = label("team.save", "team_save"), new_label = label("team.new_team", "new_team");
    flow(button_width(save_label.c_str()), em(1.5f));
    const bool save = primary_button(save_label.c_str());
    probe("team.save");
    if (save) save_team(ctx);
    flow(button_width(new_label.c_str()));
    if (ImGui::Button(new_label.c_str())) ctx.post(request::Show{ScreenId::welcome});
}

void TeamScreen::save_team(Ctx& ctx) {
    error_.clear();
    // Edits go onto the team as it is now (an import may have changed it since it was shown).
    if (auto now_stored = ctx.store.team(team_.stored->id)) team_.stored = std::move(*now_stored);
    team_.check.tried = true;
    team_.problems.clear();
    const Team t = team_draft(ctx, team_.problems);
    if (ctx.shell.who().empty()) error_ = tr("form.who_required");
    else if (team_.problems.empty()) {
        ctx.post(request::Write{[t, who = ctx.shell.who()](Store& store) { store.save_team(t, who); },
                                [this, t](const StoreError* refused, Requests& then) {
                                    if (refused) {
                                        error_ = refused->what();
                                        return;
                                    }
                                    show(team_, t, false);  // what is stored now is what the form shows unedited
                                    then.post(request::Flash{Tone::ok, tr("team.saved")});
                                }});
    }
}

void TeamScreen::draw_members(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.members"));
    const std::vector<ListColumn> columns{
        {tr("member.name"), 8, nullptr, 0},
        {tr("member.role"), 8, nullptr, 1},
        {tr("member.status"), 4, nullptr, 2},
    };
    const float width = std::min(em(40), ImGui::GetContentRegionAvail().x);
    if (begin_list("##members", columns, ImVec2(width, list_height(static_cast<int>(ctx.model.members().size()), 10)), false)) {
        ImGui::TableHeadersRow();
        for (const auto& m : ctx.model.members()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = member_.stored && member_.stored->id == m.id;
            if (ImGui::Selectable((m.name + "##m" + m.id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
                member_ = MemberForm{};
                show(member_, m, false);
            }
            probe("team.member." + m.name);
            ImGui::TableNextColumn();
            cell_text(tr(role_key(m.role)));
            ImGui::TableNextColumn();
            cell_text(m.active ? tr("member.active") : tr("member.inactive"));
        }
        end_list();
    }
    // Add or edit one member; its problems as it stands now.
    {
        std::vector<FieldProblem> all;
        member_draft(ctx, all);
        member_.problems = member_.check.shown(all);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(member_.stored ? tr("member.edit") : tr("member.add"));
    // The row wraps at a large zoom instead of running off the edge.
    flow(em(12));
    ImGui::SetNextItemWidth(em(12));
    focus_first(member_focus_);
    text_field("##member_name", member_.name.value, tr("member.name"));
    member_.check.touch("name");
    probe("team.member_name");
    // Enter in the name saves the member (a one-line form).
    const bool enter = left_with_enter();
    // Wide enough for the longest role ("Gedragswetenschapper").
    float role_w = 0;
    for (Role r : kRoles) role_w = std::max(role_w, ImGui::CalcTextSize(tr(role_key(r))).x);
    role_w += ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemInnerSpacing.x;
    flow(role_w);
    ImGui::SetNextItemWidth(role_w);
    tab_stop("##member_role");
    const bool role_open = ImGui::BeginCombo("##member_role", tr(role_key(member_.role.value)));
    end_tab_stop();
    if (role_open) {
        for (Role r : kRoles) {
            if (ImGui::Selectable(tr(role_key(r)), r == member_.role.value)) member_.role.value = r;
            probe("team.role." + std::string(to_string(r)));
        }
        ImGui::EndCombo();
    }
    probe("team.member_role");
    const std::string active_label = label("member.active", "member_active");
    flow(checkbox_width(active_label.c_str()));
    tab_stop(active_label.c_str());
    ImGui::Checkbox(active_label.c_str(), &member_.active.value);
    end_tab_stop();
    probe("team.member_active");
    const std::string save_label = label("form.save", "member_save");
    flow(button_width(save_label.c_str()));
    if (ImGui::Button(save_label.c_str()) || enter) save_member(ctx);
    probe("team.member_save");
    if (member_.stored) {
        const std::string new_label = label("form.new", "member_new");
        flow(button_width(new_label.c_str()));
        if (ImGui::Button(new_label.c_str())) member_ = MemberForm{};
    }
    field_problems(member_.problems, "name");
}

void TeamScreen::save_member(Ctx& ctx) {
    error_.clear();
    // Edits go onto the member as it is now (an import may have changed it since it was opened).
    if (member_.stored)
        for (auto& m : ctx.store.members(member_.stored->team_id))
            if (m.id == member_.stored->id) member_.stored = std::move(m);
    member_.check.tried = true;
    member_.problems.clear();
    const Member m = member_draft(ctx, member_.problems);
    // While the team has nobody who can be chosen, members are saved by "unknown" (not under a
    // name someone might choose later).
    bool anyone = false;
    for (const auto& other : ctx.model.members()) anyone |= other.active;
    const std::string who = anyone ? ctx.shell.who() : ctx.shell.who_or_unknown();
    if (who.empty()) error_ = tr("form.who_required");
    else if (member_.problems.empty()) {
        ctx.post(request::Write{[m, who](Store& store) { store.save_member(m, who); },
                                [this](const StoreError* refused, Requests&) {
                                    if (refused) {
                                        error_ = refused->what();
                                        return;
                                    }
                                    member_ = MemberForm{};
                                }});
    }
}

void TeamScreen::draw_youths(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.youths"));
    muted(tr("team.youths_hint"));
    ImGui::Checkbox(label("youth.show_discharged", "show_discharged").c_str(), &show_discharged_);
    const Date today = local_date(now_unix());
    const std::vector<ListColumn> columns{
        {tr("youth.code"), 4, "J-000", 0},
        {tr("youth.age"), 3, nullptr, 2},
        {tr("youth.admitted_on"), 4, "2026-12-28", 0},
        {tr("youth.discharged_on"), 4, "2026-12-28", 0},
        {tr("youth.setting"), 4, nullptr, 1},
    };
    const auto& youths = ctx.model.youths();
    if (!youth_rows_built_ || youth_rows_version_ != ctx.model.versions().youths || youth_rows_team_ != ctx.model.team_id() ||
        youth_rows_day_ != today || youth_rows_discharged_ != show_discharged_) {
        youth_rows_.clear();
        for (std::size_t i = 0; i < youths.size(); ++i)
            if (show_discharged_ || !(youths[i].discharged_on && !in_care_on(youths[i], today))) youth_rows_.push_back(i);
        youth_rows_version_ = ctx.model.versions().youths;
        youth_rows_team_ = ctx.model.team_id();
        youth_rows_day_ = today;
        youth_rows_discharged_ = show_discharged_;
        youth_rows_built_ = true;
    }
    const float width = std::min(em(52), ImGui::GetContentRegionAvail().x);
    if (begin_list("##youths", columns, ImVec2(width, list_height(static_cast<int>(youth_rows_.size()), 12)), false)) {
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(youth_rows_.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Youth& y = youths[youth_rows_[static_cast<std::size_t>(row)]];
                const bool discharged = y.discharged_on && !in_care_on(y, today);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (discharged) ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
                const bool selected = youth_.stored && youth_.stored->id == y.id;
                if (ImGui::Selectable((y.code + "##y" + y.id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
                    youth_ = YouthForm{};
                    show(youth_, y, false);
                }
                probe("team.youth." + y.code);
                ImGui::TableNextColumn();
                if (y.age_at_admission) cell_text(std::to_string(*y.age_at_admission));
                ImGui::TableNextColumn();
                cell_text(y.admitted_on);
                ImGui::TableNextColumn();
                cell_text(y.discharged_on.value_or(""));
                ImGui::TableNextColumn();
                cell_text(y.setting == CareSetting::closed ? tr("youth.setting.closed") : tr("youth.setting.open"));
                if (discharged) ImGui::PopStyleColor();
            }
        }
        end_list();
    }

    {
        std::vector<FieldProblem> all;
        youth_draft(ctx, all);
        youth_.problems = youth_.check.shown(all);
    }
    ImGui::TextUnformatted(youth_.stored ? tr("youth.edit") : tr("youth.add"));
    // One row of fields, each group starting at the same height. Warnings and messages go in
    // a fixed area under the row: none pushes a field aside or off the screen.
    float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    field_label(tr("youth.code"));
    ImGui::SetNextItemWidth(em(8));
    text_field("##youth_code", youth_.code.value, "J-07");
    youth_.check.touch("code");
    probe("team.youth_code");
    ImGui::EndGroup();
    next_group(top, tr("youth.age"), em(6));
    ImGui::BeginGroup();
    // Empty while the age is unknown: 0 is an age like any other.
    field_label(tr("youth.age"));
    ImGui::SetNextItemWidth(em(6));
    text_field("##youth_age", youth_.age.value, "?", ImGuiInputTextFlags_CharsDecimal);
    youth_.check.touch("age_at_admission");
    probe("team.youth_age");
    ImGui::EndGroup();
    next_group(top, tr("youth.admitted_on"), em(8));
    ImGui::BeginGroup();
    field_label(tr("youth.admitted_on"));
    date_field("##youth_admitted", youth_.admitted_on.value, em(8));
    youth_.check.touch("admitted_on");
    probe("team.youth_admitted");
    ImGui::EndGroup();
    next_group(top, tr("youth.discharged_on"), em(8));
    ImGui::BeginGroup();
    field_label(tr("youth.discharged_on"));
    date_field("##youth_discharged", youth_.discharged_on.value, em(8));
    youth_.check.touch("discharged_on");
    probe("team.youth_discharged");
    ImGui::EndGroup();
    next_group(top, tr("youth.setting"), em(14));
    ImGui::BeginGroup();
    field_label(tr("youth.setting"));
    const std::string open_label = label("youth.setting.open", "set_open"), closed_label = label("youth.setting.closed", "set_closed");
    tab_stop(open_label.c_str());
    if (ImGui::RadioButton(open_label.c_str(), youth_.setting.value == CareSetting::open)) youth_.setting.value = CareSetting::open;
    end_tab_stop();
    probe("team.youth_setting.open");
    ImGui::SameLine();
    tab_stop(closed_label.c_str());
    if (ImGui::RadioButton(closed_label.c_str(), youth_.setting.value == CareSetting::closed)) youth_.setting.value = CareSetting::closed;
    end_tab_stop();
    probe("team.youth_setting.closed");
    ImGui::EndGroup();
    {
        const float y0 = ImGui::GetCursorPosY();
        if (looks_like_full_name(youth_.code.value)) notice(Tone::warn, tr("youth.looks_like_name"));
        row_problems(youth_.problems, {{"code", tr("youth.code")},
                                       {"age_at_admission", tr("youth.age")},
                                       {"admitted_on", tr("youth.admitted_on")},
                                       {"discharged_on", tr("youth.discharged_on")}});
        // Three lines are kept for the warning and messages, so the buttons stay put.
        const float keep = ImGui::GetTextLineHeightWithSpacing() * 3;
        if (ImGui::GetCursorPosY() < y0 + keep) ImGui::SetCursorPosY(y0 + keep);
    }

    if (primary_button(label("form.save", "youth_save").c_str())) save_youth(ctx);
    probe("team.youth_save");
    if (youth_.stored) {
        ImGui::SameLine();
        if (youth_.discharged_on.value.empty() && ImGui::Button(label("youth.discharge_today", "discharge").c_str()))
            youth_.discharged_on.value = format_date(today);
        ImGui::SameLine();
        if (ImGui::Button(label("form.new", "youth_new").c_str())) youth_ = YouthForm{};
    }
}

void TeamScreen::save_youth(Ctx& ctx) {
    error_.clear();
    youth_.problems.clear();
    youth_.check.tried = true;
    // Edits go onto the youth as it is now (an import may have changed it since it was opened).
    if (youth_.stored)
        for (auto& y : ctx.store.youths(youth_.stored->team_id))
            if (y.id == youth_.stored->id) youth_.stored = std::move(y);
    const Youth y = youth_draft(ctx, youth_.problems);
    if (ctx.shell.who().empty()) error_ = tr("form.who_required");
    else if (youth_.problems.empty()) {
        ctx.post(request::Write{[y, who = ctx.shell.who()](Store& store) { store.save_youth(y, who); },
                                [this](const StoreError* refused, Requests&) {
                                    if (refused) {
                                        error_ = refused->what();
                                        return;
                                    }
                                    youth_ = YouthForm{};
                                }});
    }
}

}  // namespace ts::ui
