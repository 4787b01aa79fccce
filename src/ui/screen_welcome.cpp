// First start on an empty database: create a team, or load synthetic demo data.
#include "core/demo.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "ui/probe.hpp"
#include "ui/screen_welcome.hpp"

#include <imgui.h>

#include <imgui_stdlib.h>

#include <algorithm>
#include <memory>

namespace ts::ui {
void WelcomeScreen::draw(Ctx& ctx) {
    ImGui::Dummy(em(0, 0.5f));
    ImGui::PushFont(ctx.fonts.display);
    ImGui::TextWrapped("%s", tr("welcome.title"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(std::min(ImGui::GetCursorPosX() + em(49.5f), ImGui::GetContentRegionMax().x));
    paragraph(tr("welcome.intro"));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(em(0, 0.8f));

    // The two cards side by side, or one under the other when a large zoom leaves no room.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = (avail - em(1.5f)) / 2 >= em(20);
    const float column = side_by_side ? std::min(em(24), (avail - em(1.5f)) / 2) : std::min(em(24), avail);
    const Palette& p = palette();

    // Left card: create a team.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card_bg);
    ImGui::BeginChild("##create", ImVec2(column, em(29)), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    subheading(ctx.fonts, tr("welcome.create.title"));
    muted(tr("welcome.create.hint"));
    ImGui::Spacing();
    const float field_w = -1;
    ImGui::TextWrapped("%s", tr("team.name"));
    ImGui::SetNextItemWidth(field_w);
    text_field("##name", name_);
    probe("welcome.name");
    bool enter = left_with_enter();  // Enter in a field creates the team (a one-line form)
    field_problems(problems_, "name");
    ImGui::TextWrapped("%s", tr("team.location"));
    ImGui::SetNextItemWidth(field_w);
    text_field("##location", location_);
    probe("welcome.location");
    enter |= left_with_enter();
    field_problems(problems_, "location");
    ImGui::TextWrapped("%s", tr("team.capacity"));
    ImGui::SetNextItemWidth(em(8));
    ImGui::InputInt("##capacity", &capacity_);
    probe("welcome.capacity");
    enter |= left_with_enter();
    field_problems(problems_, "capacity");
    ImGui::TextWrapped("%s", tr("team.reduction_goal"));
    ImGui::SetNextItemWidth(em(8));
    ImGui::InputInt("##goal", &goal_pct_);
    probe("welcome.goal");
    enter |= left_with_enter();
    field_problems(problems_, "reduction_goal_pct");
    ImGui::Spacing();
    const bool create = primary_button(label("welcome.create.button", "create_team").c_str()) || enter;
    probe("welcome.create");
    if (create) {
        Team t;
        t.id = new_uuid();
        t.name = name_;
        t.location = location_;
        t.capacity = capacity_;
        t.reduction_goal_pct = goal_pct_;
        t.created_at = t.updated_at = now_utc();
        problems_ = validate_team(t, ctx.model.teams(), now_unix());
        error_.clear();
        if (problems_.empty()) {
            // Saved after the frame, with its "created" entry like every record; by "unknown"
            // when nobody is chosen (a new team has nobody to choose yet).
            ctx.post(request::Write{[t, who = ctx.shell.who_or_unknown()](Store& store) { store.save_team(t, who); },
                                    [this, id = t.id, name = t.name](const StoreError* refused, Requests& then) {
                                        if (refused) {
                                            error_ = refused->what();
                                            return;
                                        }
                                        then.post(request::SwitchTeam{id});
                                        then.post(request::Flash{Tone::ok, trf("welcome.create.done", {name})});
                                        then.post(request::Show{ScreenId::meeting});
                                        name_.clear();
                                        location_.clear();
                                    }});
        }
    }
    if (!error_.empty()) field_error(error_);
    ImGui::EndChild();

    if (side_by_side) ImGui::SameLine(0, em(1.5f));
    else ImGui::Dummy(em(0, 0.5f));

    // Right card: demo data, clearly synthetic.
    ImGui::BeginChild("##demo", ImVec2(column, em(29)), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    subheading(ctx.fonts, tr("welcome.demo.title"));
    paragraph(tr("welcome.demo.text"));
    ImGui::Spacing();
    const bool demo = ImGui::Button(label("welcome.demo.button", "load_demo").c_str());
    probe("welcome.demo");
    if (demo) {
        // Made and stored after the frame.
        auto data = std::make_shared<Dataset>();
        ctx.post(request::Write{[data](Store& store) {
                                    *data = generate_demo(DemoOptions{});
                                    store.insert_dataset(*data);
                                },
                                [this, data](const StoreError* refused, Requests& then) {
                                    if (refused) {
                                        error_ = refused->what();
                                        return;
                                    }
                                    if (!data->teams.empty()) then.post(request::SwitchTeam{data->teams.front().id});
                                    then.post(request::Flash{Tone::ok, trn("welcome.demo.done", static_cast<long long>(data->teams.size()))});
                                    then.post(request::Show{ScreenId::meeting});
                                }});
    }
    ImGui::Dummy(em(0, 1.0f));
    subheading(ctx.fonts, tr("welcome.guideline.title"));
    paragraph(tr("welcome.guideline.text"));
    if (ImGui::Button(label("welcome.guideline.button", "open_guideline").c_str())) ctx.post(request::Show{ScreenId::guideline});
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace ts::ui
