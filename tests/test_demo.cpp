#include "core/demo.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace ts;

namespace {
DemoOptions opts(std::uint64_t seed) {
    DemoOptions o;
    o.teams = 3;
    o.years = 2;
    o.seed = seed;
    o.end = Date{2026, 11, 1};
    return o;
}
}  // namespace

TEST_CASE("demo data is deterministic for a seed", "[demo]") {
    const Dataset a = generate_demo(opts(42)), b = generate_demo(opts(42)), c = generate_demo(opts(43));
    REQUIRE(a.measures.size() == b.measures.size());
    REQUIRE(a.youths.size() == b.youths.size());
    for (std::size_t i = 0; i < a.measures.size(); ++i) {
        CHECK(a.measures[i].id == b.measures[i].id);
        CHECK(a.measures[i].started_at == b.measures[i].started_at);
    }
    CHECK(a.teams[0].id != c.teams[0].id);
    CHECK(a.measures.size() != c.measures.size());
}

TEST_CASE("demo data is consistent: references, care periods, durations", "[demo]") {
    const Dataset d = generate_demo(opts(7));
    REQUIRE(d.teams.size() == 3);
    std::map<std::string, const Youth*> youths;
    for (const auto& y : d.youths) youths[y.id] = &y;
    std::set<std::string> incidents;
    for (const auto& i : d.incidents) incidents.insert(i.id);
    const std::set<std::string> point_types{"room_search", "body_search", "urine_test"};
    REQUIRE(d.measures.size() > 100);
    for (const auto& m : d.measures) {
        const Youth* y = youths.at(m.youth_id);
        CHECK(y->team_id == m.team_id);
        // A measure starts on a care day: on or after admission, before discharge.
        const std::string day = m.started_at.substr(0, 10);
        CHECK(day >= y->admitted_on);
        if (y->discharged_on) CHECK(day < *y->discharged_on);
        if (m.ended_at) CHECK(*parse_timestamp(*m.ended_at) >= *parse_timestamp(m.started_at));
        if (point_types.count(m.type)) CHECK_FALSE(m.ended_at);
        if (m.incident_id) CHECK(incidents.count(*m.incident_id) == 1);
        CHECK(m.emergency != m.in_care_plan);
    }
    // Youth codes are pseudonyms and unique within a team.
    std::set<std::pair<std::string, std::string>> codes;
    for (const auto& y : d.youths) {
        CHECK(y.code.rfind("J-", 0) == 0);
        CHECK(codes.insert({y.team_id, y.code}).second);
    }
}

TEST_CASE("demo measures fall over time in declining teams", "[demo]") {
    const Dataset d = generate_demo(opts(3));
    // Team 0 is generated with a falling trend, team 1 with a steady one.
    auto per_year = [&](const std::string& team_id) {
        std::pair<int, int> n{0, 0};
        for (const auto& m : d.measures) {
            if (m.team_id != team_id) continue;
            (m.started_at < "2025-11-01" ? n.first : n.second)++;
        }
        return n;
    };
    const auto falling = per_year(d.teams[0].id);
    CHECK(falling.second < falling.first * 0.8);
}
