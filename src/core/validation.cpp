#include "core/validation.hpp"

#include <algorithm>
#include <cctype>

namespace ts {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace

std::string team_name_key(const std::string& name) {
    std::string out = trimmed(name);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing) {
    std::vector<FieldProblem> out;
    const std::string name = trimmed(team.name);
    if (name.empty()) out.push_back({"name", "error.team.name_required"});
    else if (name.size() > kMaxNameLength) out.push_back({"name", "error.team.name_too_long"});
    else if (std::any_of(existing.begin(), existing.end(),
                         [&](const Team& t) { return t.id != team.id && team_name_key(t.name) == team_name_key(name); }))
        out.push_back({"name", "error.team.name_taken"});
    if (team.location.size() > kMaxNameLength) out.push_back({"location", "error.team.location_too_long"});
    if (team.capacity < 0 || team.capacity > 200) out.push_back({"capacity", "error.team.capacity_range"});
    if (team.reduction_goal_pct < 0 || team.reduction_goal_pct > 100) out.push_back({"reduction_goal_pct", "error.team.goal_range"});
    return out;
}

}  // namespace ts
