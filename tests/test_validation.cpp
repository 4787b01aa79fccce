#include "core/validation.hpp"

#include <catch2/catch.hpp>

using namespace ts;

namespace {
Team team(std::string name, int capacity = 8, double goal = 30) {
    Team t;
    t.id = "t-new";
    t.name = std::move(name);
    t.capacity = capacity;
    t.reduction_goal_pct = goal;
    return t;
}
bool has(const std::vector<FieldProblem>& ps, const std::string& field, const std::string& key) {
    for (const auto& p : ps)
        if (p.field == field && p.message_key == key) return true;
    return false;
}
}  // namespace

TEST_CASE("team validation names the field and the problem", "[validation]") {
    Team existing = team("De Linde");
    existing.id = "t-1";
    const std::vector<Team> all{existing};

    CHECK(validate_team(team("De Wissel"), all).empty());
    CHECK(has(validate_team(team(""), all), "name", "error.team.name_required"));
    CHECK(has(validate_team(team("   "), all), "name", "error.team.name_required"));
    CHECK(has(validate_team(team("de linde"), all), "name", "error.team.name_taken"));
    CHECK(has(validate_team(team(" De Linde "), all), "name", "error.team.name_taken"));
    CHECK(validate_team(existing, all).empty());  // a team does not clash with itself
    CHECK(has(validate_team(team(std::string(121, 'x')), all), "name", "error.team.name_too_long"));
    CHECK(validate_team(team(std::string(120, 'x')), all).empty());
    CHECK(has(validate_team(team("A", -1), all), "capacity", "error.team.capacity_range"));
    CHECK(has(validate_team(team("A", 201), all), "capacity", "error.team.capacity_range"));
    CHECK(validate_team(team("A", 200), all).empty());
    CHECK(has(validate_team(team("A", 8, 100.5), all), "reduction_goal_pct", "error.team.goal_range"));
    CHECK(has(validate_team(team("A", 8, -1), all), "reduction_goal_pct", "error.team.goal_range"));
}
