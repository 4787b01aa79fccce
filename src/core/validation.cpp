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

// ASCII case folding is enough to catch "de linde" against "De Linde".
bool same_name(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing) {
    std::vector<FieldProblem> out;
    const std::string name = trimmed(team.name);
    if (name.empty()) out.push_back({"name", "error.team.name_required"});
    else if (name.size() > kMaxNameLength) out.push_back({"name", "error.team.name_too_long"});
    else if (std::any_of(existing.begin(), existing.end(),
                         [&](const Team& t) { return t.id != team.id && same_name(trimmed(t.name), name); }))
        out.push_back({"name", "error.team.name_taken"});
    if (team.location.size() > kMaxNameLength) out.push_back({"location", "error.team.location_too_long"});
    if (team.capacity < 0 || team.capacity > 200) out.push_back({"capacity", "error.team.capacity_range"});
    if (team.reduction_goal_pct < 0 || team.reduction_goal_pct > 100) out.push_back({"reduction_goal_pct", "error.team.goal_range"});
    return out;
}

}  // namespace ts
