// Team details, team members and youths. Youths are entered by pseudonym code only; a code
// that looks like a full name is warned about. Discharging keeps the youth and its history.
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screens.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>

namespace ts::ui {
namespace {

constexpr std::array<Role, 4> kRoles{Role::group_worker, Role::coach, Role::behavioural_scientist, Role::manager};

std::string role_key(Role r) { return "role." + std::string(to_string(r)); }

}  // namespace

void TeamScreen::draw(Ctx& ctx) {
    heading(ctx.fonts, tr("nav.team"));
    if (draw_needs_team(ctx)) return;
    if (ctx.cache.team_id != team_loaded_) {
        team_ = *ctx.cache.current_team();
        team_loaded_ = ctx.cache.team_id;
        team_problems_.clear();
        member_id_.clear();
        member_name_.clear();
        youth_id_.clear();
        youth_code_.clear();
    }
    if (!error_.empty()) field_error(error_);
    ImGui::BeginChild("##team_scroll", ImVec2(0, 0), false);
    draw_team(ctx);
    ImGui::Dummy(em(0, 0.8f));
    draw_members(ctx);
    ImGui::Dummy(em(0, 0.8f));
    draw_youths(ctx);
    ImGui::EndChild();
}

void TeamScreen::draw_team(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.details"));
    // One row: the details fit side by side on a wide screen. Each group starts at the same
    // height (SameLine would align to the previous group's last, framed, item).
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    field_label(tr("team.name"));
    ImGui::SetNextItemWidth(em(14));
    ImGui::InputText("##team_name", &team_.name);
    field_problems(team_problems_, "name");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("team.location"));
    ImGui::SetNextItemWidth(em(10));
    ImGui::InputText("##team_location", &team_.location);
    field_problems(team_problems_, "location");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("team.capacity"));
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputInt("##team_capacity", &team_.capacity);
    field_problems(team_problems_, "capacity");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("team.reduction_goal"));
    ImGui::SetNextItemWidth(em(7));
    ImGui::InputDouble("##team_goal", &team_.reduction_goal_pct, 5, 10, "%.0f");
    field_problems(team_problems_, "reduction_goal_pct");
    ImGui::EndGroup();
    ImGui::Checkbox(label("team.active", "team_active").c_str(), &team_.active);
    ImGui::SameLine(0, em(1.5f));
    if (primary_button(label("team.save", "team_save").c_str())) {
        error_.clear();
        team_problems_ = validate_team(team_, ctx.cache.teams, now_unix());
        if (ctx.shell.who().empty()) error_ = tr("form.who_required");
        else if (team_problems_.empty()) {
            team_.updated_at = now_utc();
            try {
                ctx.store.save_team(team_, ctx.shell.who());
                ctx.shell.flash(Tone::ok, tr("team.saved"));
            } catch (const StoreError& e) {
                error_ = e.what();
            }
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(label("team.new_team", "new_team").c_str())) ctx.shell.show(ScreenId::welcome);
}

void TeamScreen::draw_members(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.members"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##members", 3, flags, ImVec2(em(34), 0))) {
        ImGui::TableSetupColumn(tr("member.name"), 0, 2.0f);
        ImGui::TableSetupColumn(tr("member.role"), 0, 2.0f);
        ImGui::TableSetupColumn(tr("member.status"), 0, 1.0f);
        ImGui::TableHeadersRow();
        for (const auto& m : ctx.cache.members) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable((m.name + "##m" + m.id).c_str(), m.id == member_id_, ImGuiSelectableFlags_SpanAllColumns)) {
                member_id_ = m.id;
                member_name_ = m.name;
                member_role_ = m.role;
                member_active_ = m.active;
                member_problems_.clear();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr(role_key(m.role)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.active ? tr("member.active") : tr("member.inactive"));
        }
        ImGui::EndTable();
    }
    // Add or edit one member.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(member_id_.empty() ? tr("member.add") : tr("member.edit"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(12));
    ImGui::InputTextWithHint("##member_name", tr("member.name"), &member_name_);
    probe("team.member_name");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(12));
    if (ImGui::BeginCombo("##member_role", tr(role_key(member_role_)))) {
        for (Role r : kRoles)
            if (ImGui::Selectable(tr(role_key(r)), r == member_role_)) member_role_ = r;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Checkbox(label("member.active", "member_active").c_str(), &member_active_);
    ImGui::SameLine();
    if (ImGui::Button(label("form.save", "member_save").c_str())) {
        error_.clear();
        Member m;
        if (const Member* old = ctx.cache.member(member_id_)) m = *old;
        else {
            m.id = new_uuid();
            m.team_id = ctx.cache.team_id;
            m.created_at = now_utc();
        }
        m.name = member_name_;
        m.role = member_role_;
        m.active = member_active_;
        m.updated_at = now_utc();
        member_problems_ = validate_member(m, now_unix());
        // The first member may be saved by nobody in particular: there is no one to choose yet.
        const std::string who = ctx.shell.who().empty() && ctx.cache.members.empty() ? m.name : ctx.shell.who();
        if (who.empty()) error_ = tr("form.who_required");
        else if (member_problems_.empty()) {
            try {
                ctx.store.save_member(m, who);
                if (ctx.cache.members.empty()) ctx.shell.set_member(m.id);
                member_id_.clear();
                member_name_.clear();
                member_active_ = true;
            } catch (const StoreError& e) {
                error_ = e.what();
            }
        }
    }
    probe("team.member_save");
    if (!member_id_.empty()) {
        ImGui::SameLine();
        if (ImGui::Button(label("form.new", "member_new").c_str())) {
            member_id_.clear();
            member_name_.clear();
            member_active_ = true;
        }
    }
    field_problems(member_problems_, "name");
}

void TeamScreen::draw_youths(Ctx& ctx) {
    subheading(ctx.fonts, tr("team.youths"));
    muted(tr("team.youths_hint"));
    ImGui::Checkbox(label("youth.show_discharged", "show_discharged").c_str(), &show_discharged_);
    const Date today = local_date(now_unix());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##youths", 5, flags, ImVec2(em(44), 0))) {
        ImGui::TableSetupColumn(tr("youth.code"), 0, 1.0f);
        ImGui::TableSetupColumn(tr("youth.age"), 0, 1.2f);
        ImGui::TableSetupColumn(tr("youth.admitted_on"), 0, 1.4f);
        ImGui::TableSetupColumn(tr("youth.discharged_on"), 0, 1.4f);
        ImGui::TableSetupColumn(tr("youth.setting"), 0, 1.2f);
        ImGui::TableHeadersRow();
        for (const auto& y : ctx.cache.youths) {
            const bool discharged = y.discharged_on && !in_care_on(y, today);
            if (discharged && !show_discharged_) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (discharged) ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
            if (ImGui::Selectable((y.code + "##y" + y.id).c_str(), y.id == youth_id_, ImGuiSelectableFlags_SpanAllColumns)) {
                youth_id_ = y.id;
                youth_code_ = y.code;
                youth_age_ = y.age_at_admission.value_or(0);
                youth_admitted_ = y.admitted_on;
                youth_discharged_ = y.discharged_on.value_or("");
                youth_setting_ = y.setting;
                youth_problems_.clear();
            }
            ImGui::TableNextColumn();
            if (y.age_at_admission) ImGui::Text("%d", *y.age_at_admission);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(y.admitted_on.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(y.discharged_on.value_or("").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(y.setting == CareSetting::closed ? tr("youth.setting.closed") : tr("youth.setting.open"));
            if (discharged) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }

    ImGui::TextUnformatted(youth_id_.empty() ? tr("youth.add") : tr("youth.edit"));
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    field_label(tr("youth.code"));
    ImGui::SetNextItemWidth(em(8));
    ImGui::InputTextWithHint("##youth_code", "J-07", &youth_code_);
    probe("team.youth_code");
    if (looks_like_full_name(youth_code_)) notice(Tone::warn, tr("youth.looks_like_name"));
    field_problems(youth_problems_, "code");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("youth.age_hint"));
    ImGui::SetNextItemWidth(em(6));
    ImGui::InputInt("##youth_age", &youth_age_, 0, 0);
    field_problems(youth_problems_, "age_at_admission");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("youth.admitted_on"));
    date_field("##youth_admitted", youth_admitted_, em(8));
    probe("team.youth_admitted");
    field_problems(youth_problems_, "admitted_on");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("youth.discharged_on"));
    date_field("##youth_discharged", youth_discharged_, em(8));
    field_problems(youth_problems_, "discharged_on");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    ImGui::BeginGroup();
    field_label(tr("youth.setting"));
    if (ImGui::RadioButton(label("youth.setting.open", "set_open").c_str(), youth_setting_ == CareSetting::open))
        youth_setting_ = CareSetting::open;
    ImGui::SameLine();
    if (ImGui::RadioButton(label("youth.setting.closed", "set_closed").c_str(), youth_setting_ == CareSetting::closed))
        youth_setting_ = CareSetting::closed;
    ImGui::EndGroup();

    if (primary_button(label("form.save", "youth_save").c_str())) {
        error_.clear();
        Youth y;
        if (const Youth* old = ctx.cache.youth(youth_id_)) y = *old;
        else {
            y.id = new_uuid();
            y.team_id = ctx.cache.team_id;
            y.created_at = now_utc();
        }
        y.code = youth_code_;
        y.age_at_admission = youth_age_ > 0 ? std::optional<int>(youth_age_) : std::nullopt;
        y.admitted_on = youth_admitted_;
        y.discharged_on = youth_discharged_.empty() ? std::nullopt : std::optional<std::string>(youth_discharged_);
        y.setting = youth_setting_;
        y.updated_at = now_utc();
        youth_problems_ = validate_youth(y, ctx.cache.youths, ctx.content.youth_codes, now_unix());
        // The code rule in the reader's language (the problem carries the English words).
        for (FieldProblem& p : youth_problems_)
            if (p.message_key == "error.youth.code_pattern") p.detail = ctx.content.youth_codes.description.in(ctx.lang);
        if (ctx.shell.who().empty()) error_ = tr("form.who_required");
        else if (youth_problems_.empty()) {
            try {
                ctx.store.save_youth(y, ctx.shell.who());
                youth_id_.clear();
                youth_code_.clear();
                youth_age_ = 0;
                youth_admitted_.clear();
                youth_discharged_.clear();
            } catch (const StoreError& e) {
                error_ = e.what();
            }
        }
    }
    probe("team.youth_save");
    if (!youth_id_.empty()) {
        ImGui::SameLine();
        if (youth_discharged_.empty() && ImGui::Button(label("youth.discharge_today", "discharge").c_str()))
            youth_discharged_ = format_date(today);
        ImGui::SameLine();
        if (ImGui::Button(label("form.new", "youth_new").c_str())) {
            youth_id_.clear();
            youth_code_.clear();
            youth_age_ = 0;
            youth_admitted_.clear();
            youth_discharged_.clear();
        }
    }
}

}  // namespace ts::ui
