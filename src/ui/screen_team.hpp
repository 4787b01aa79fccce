// The team screen: the team's details, its members and its youths, each with its form.
#pragma once

#include "core/bundle.hpp"
#include "core/validation.hpp"
#include "ui/shell.hpp"
#include "ui/screen_common.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ts::ui {

// The team screen's three forms, kept like the measure form: each field remembers what it
// showed when its record was loaded, and saving starts from the record as the store has it
// then and writes only the fields the user edited (see FormField).
struct TeamForm {
    std::optional<Team> stored;  // the current team as loaded; empty before the first draw
    FormField<std::string> name, location;
    FormField<int> capacity;
    FormField<double> goal;  // reduction_goal_pct, shown in full (12.5, not "12")
    FormField<bool> active{true};
    std::vector<FieldProblem> problems;
    FormCheck check;  // which problems show (live, as the user types)
};
struct MemberForm {
    std::optional<Member> stored;  // the member as opened; empty for a new member
    FormField<std::string> name;
    FormField<Role> role{Role::group_worker};
    FormField<bool> active{true};
    std::vector<FieldProblem> problems;
    FormCheck check;
    std::string draft_id;  // the id a new member is checked (and saved) under
};
struct YouthForm {
    std::optional<Youth> stored;  // the youth as opened; empty for a new youth
    FormField<std::string> code;
    FormField<std::string> age;  // years at admission as typed; empty = unknown (0 is an age)
    FormField<std::string> admitted_on;
    FormField<std::string> discharged_on;  // empty = not discharged
    FormField<CareSetting> setting{CareSetting::open};
    std::vector<FieldProblem> problems;
    FormCheck check;
    std::string draft_id;  // the id a new youth is checked (and saved) under
};

// Team details, team members and youths (by pseudonym code).
class TeamScreen {
public:
    void draw(Ctx& ctx);
    // An empty member form with the keyboard focus in its name (N on the team screen); a
    // member form with unsaved edits keeps them and only gets the focus.
    void new_member() {
        if (!member_.name.edited() && !member_.role.edited() && !member_.active.edited()) member_ = MemberForm{};
        member_focus_ = true;
    }

private:
    void draw_team(Ctx& ctx);
    void draw_members(Ctx& ctx);
    void draw_youths(Ctx& ctx);
    void save_team(Ctx& ctx);
    void save_member(Ctx& ctx);
    void save_youth(Ctx& ctx);
    // The record each form would save now, with everything wrong with it (worked out every
    // frame: a problem that is fixed goes at once).
    Team team_draft(const Ctx& ctx, std::vector<FieldProblem>& problems) const;
    Member member_draft(Ctx& ctx, std::vector<FieldProblem>& problems);
    Youth youth_draft(Ctx& ctx, std::vector<FieldProblem>& problems);

    TeamForm team_;
    MemberForm member_;
    YouthForm youth_;
    model::Versions seen_versions_;  // the model's versions the forms last followed
    bool show_discharged_ = false;
    // The youths the list shows (indices into the model's youths): made again only when the
    // youths, the day or the discharged switch changed, and drawn through a clipper (issue 12).
    std::vector<std::size_t> youth_rows_;
    std::string youth_rows_team_;
    std::uint64_t youth_rows_version_ = 0;
    Date youth_rows_day_;
    bool youth_rows_discharged_ = false, youth_rows_built_ = false;
    bool member_focus_ = false;
    std::string error_;
};

}  // namespace ts::ui
