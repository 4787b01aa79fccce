#include "core/validation.hpp"

#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace ts;

namespace {
const std::int64_t kNow = 1800000000;  // 2027-01-15
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

    CHECK(validate_team(team("De Wissel"), all, kNow).empty());
    CHECK(has(validate_team(team(""), all, kNow), "name", "error.team.name_required"));
    CHECK(has(validate_team(team("   "), all, kNow), "name", "error.team.name_required"));
    CHECK(has(validate_team(team("de linde"), all, kNow), "name", "error.team.name_taken"));
    CHECK(has(validate_team(team(" De Linde "), all, kNow), "name", "error.team.name_taken"));
    CHECK(validate_team(existing, all, kNow).empty());  // a team does not clash with itself
    CHECK(has(validate_team(team(std::string(121, 'x')), all, kNow), "name", "error.team.name_too_long"));
    CHECK(validate_team(team(std::string(120, 'x')), all, kNow).empty());
    CHECK(has(validate_team(team("A", -1), all, kNow), "capacity", "error.team.capacity_range"));
    CHECK(has(validate_team(team("A", 201), all, kNow), "capacity", "error.team.capacity_range"));
    CHECK(validate_team(team("A", 200), all, kNow).empty());
    CHECK(has(validate_team(team("A", 8, 100.5), all, kNow), "reduction_goal_pct", "error.team.goal_range"));
    CHECK(has(validate_team(team("A", 8, -1), all, kNow), "reduction_goal_pct", "error.team.goal_range"));
}

TEST_CASE("text fields refuse control, invisible and direction-changing characters", "[validation][text]") {
    // Names and codes: one line, nothing that shows as nothing.
    CHECK_FALSE(text_problem("J-01", TextKind::line, "code"));
    CHECK_FALSE(text_problem("Zoë el Amrani – coach", TextKind::line, "name"));
    const auto zero_width = text_problem("J-01\u200B", TextKind::line, "code");
    REQUIRE(zero_width);
    CHECK(zero_width->field == "code");
    CHECK(zero_width->message_key == "error.text.invisible_char");
    CHECK(zero_width->detail == "U+200B");
    CHECK(text_problem("J\u00A001", TextKind::line, "code")->detail == "U+00A0");  // a space that is not a space
    CHECK(text_problem("\uFEFFJ-01", TextKind::line, "code")->detail == "U+FEFF");
    CHECK(text_problem("J-01\u202E", TextKind::line, "code")->detail == "U+202E");
    CHECK(text_problem(std::string("\0J-01", 5), TextKind::line, "code")->message_key == "error.text.control_char");
    CHECK(text_problem(std::string("\0J-01", 5), TextKind::line, "code")->detail == "U+0000");
    CHECK(text_problem("J-01\n", TextKind::line, "code")->message_key == "error.text.control_char");
    CHECK(text_problem("a\u0085b", TextKind::line, "code")->detail == "U+0085");  // C1 control
    CHECK(text_problem("a\xC3\x28", TextKind::line, "code")->message_key == "error.text.invalid_utf8");
    CHECK(text_problem("\xED\xA0\x80", TextKind::line, "code")->message_key == "error.text.invalid_utf8");  // a surrogate
    CHECK(text_problem("\xC0\xAF", TextKind::line, "code")->message_key == "error.text.invalid_utf8");      // overlong '/'

    // Free text: line breaks and tabs, emoji with joiners; never controls or bidi overrides.
    CHECK_FALSE(text_problem("Eerste regel\r\n\tTweede 👨\u200D👩\u200D👧", TextKind::multiline, "notes"));
    CHECK(text_problem("rustig \u202Egnizeg\u202C", TextKind::multiline, "notes")->detail == "U+202E");
    CHECK(text_problem("bel\x07", TextKind::multiline, "notes")->detail == "U+0007");
    CHECK(text_problem("niet\xEF\xBF\xBF", TextKind::multiline, "notes")->detail == "U+FFFF");
}

TEST_CASE("team names are checked for look-alike characters and future stamps", "[validation][text]") {
    const std::vector<Team> all;
    CHECK(has(validate_team(team("De Linde\u200B"), all, kNow), "name", "error.text.invisible_char"));
    CHECK(has(validate_team(team("De\u00A0Linde"), all, kNow), "name", "error.text.invisible_char"));
    Team t = team("De Linde");
    t.location = std::string("Lei\0den", 7);
    CHECK(has(validate_team(t, all, kNow), "location", "error.text.control_char"));
    t = team("De Linde");
    t.created_at = t.updated_at = format_timestamp(kNow);
    CHECK(validate_team(t, all, kNow).empty());
    t.updated_at = format_timestamp(kNow + 1);
    CHECK(has(validate_team(t, all, kNow), "updated_at", "error.in_future"));
}
