// Synthetic demo data at the scale of a care organisation: teams with members, youths coming and
// going, restrictive measures (far more per care day in closed groups than in open ones) whose
// frequency falls over time in some teams, incidents with linked measures, some rule
// violations, and the teams' meetings every four to six weeks with the actions agreed there and
// their follow-up. Deterministic for a seed and an end date. No real person is in it.
#pragma once

#include "core/time.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ts {

// What the demo command accepts: 40 teams over 10 years give about 200,000 measures.
inline constexpr int kDemoMaxTeams = 60;
inline constexpr int kDemoMaxYears = 10;
// A national-scale database (issue 12): --scale multiplies the places of every team, and so its
// youths, measures and incidents, while meetings and actions stay as they are.
inline constexpr int kDemoMaxScale = 20;

struct DemoOptions {
    int teams = 4;  // 1 to kDemoMaxTeams (clamped)
    int years = 2;  // 1 to kDemoMaxYears (clamped)
    std::uint64_t seed = 1;
    int scale = 1;  // 1 to kDemoMaxScale (clamped): places per team times this; 1 is the data as always
    std::optional<Date> end;  // last day covered is the day before; default today (UTC)
};

Dataset generate_demo(const DemoOptions& options);

// The guideline ids (building blocks, core recommendations, reflection questions) and meeting
// templates the demo refers to. They are written into the generator, so that making demo data
// needs no data folder; a test checks them against data/.
std::vector<std::string> demo_guideline_ids();
struct DemoTemplate {
    std::string id;
    std::vector<std::pair<StepKind, int>> steps;  // kind, minutes
};
const std::vector<DemoTemplate>& demo_templates();

}  // namespace ts
