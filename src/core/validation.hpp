// Checks on records before they are stored. Each problem names the field and a message key
// (translated by the UI, e.g. "error.team.name_required").
#pragma once

#include "core/types.hpp"

#include <string>
#include <vector>

namespace ts {

struct FieldProblem {
    std::string field;        // "name", "capacity", …
    std::string message_key;  // key in data/i18n/*.json
};

inline constexpr std::size_t kMaxNameLength = 120;

// Team names are unique ignoring surrounding space and ASCII case: "de linde " is "De Linde".
// This is the key to compare them by.
std::string team_name_key(const std::string& name);

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing);

}  // namespace ts
