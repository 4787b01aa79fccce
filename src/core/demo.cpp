#include "core/demo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>

namespace ts {
namespace {

// std::mt19937_64's output is fixed by the standard; the distributions are not, so the
// few we need are written here to keep the data identical on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    double real() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
    int between(int lo, int hi) { return lo + static_cast<int>(real() * (hi - lo + 1)); }  // inclusive
    bool chance(double p) { return real() < p; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) { return a[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))]; }
    // Index drawn with the given weights.
    template <std::size_t N>
    std::size_t weighted(const std::array<double, N>& w) {
        double total = 0;
        for (double x : w) total += x;
        double r = real() * total;
        for (std::size_t i = 0; i < N; ++i) {
            if (r < w[i]) return i;
            r -= w[i];
        }
        return N - 1;
    }
    std::string uuid() {
        const std::uint64_t a = engine_(), b = engine_();
        char buf[40];
        std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                      static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                      static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)),
                      static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
        return buf;
    }

private:
    std::mt19937_64 engine_;
};

constexpr std::array<const char*, 12> kTeamNames{"De Linde", "De Wissel", "Het Anker", "De Vlinder", "Zonnehoek", "De Horizon",
                                                 "De Kompas", "Het Baken", "De Esdoorn", "De Brug", "Het Nest", "De Boog"};
constexpr std::array<const char*, 8> kPlaces{"Leiden", "Utrecht", "Zwolle", "Tilburg", "Groningen", "Arnhem", "Haarlem", "Breda"};
constexpr std::array<const char*, 24> kFirstNames{"Sanne", "Daan", "Fleur", "Bram", "Noor", "Thijs", "Lotte", "Ruben",
                                                  "Iris", "Jesse", "Eva", "Milan", "Femke", "Sem", "Anouk", "Youssef",
                                                  "Lieke", "Mehmet", "Roos", "Kevin", "Esra", "Tim", "Maaike", "Joost"};
constexpr std::array<const char*, 13> kMeasureTypes{"seclusion_room", "seclusion_cell", "physical_hold", "mechanical_restraint",
                                                    "time_out", "movement_restriction", "room_search", "body_search",
                                                    "urine_test", "communication_control", "camera_surveillance", "door_alarm", "other"};
constexpr std::array<double, 13> kMeasureWeights{14, 4, 22, 1, 12, 10, 9, 5, 6, 5, 3, 3, 2};
constexpr std::array<const char*, 11> kCategories{"aggression_physical_youth", "aggression_physical_staff", "aggression_verbal",
                                                  "sexual_transgression", "self_harm", "absconding", "substance_use",
                                                  "property_damage", "medication", "accident", "other"};
constexpr std::array<double, 11> kCategoryWeights{10, 12, 25, 3, 6, 10, 8, 12, 4, 6, 4};
// Typical duration in minutes for the episode types (index as kMeasureTypes; 0 = point in time).
constexpr std::array<int, 13> kTypicalMinutes{90, 120, 15, 45, 60, 24 * 60, 0, 0, 0, 3 * 24 * 60, 7 * 24 * 60, 7 * 24 * 60, 30};

std::string stamp(std::int64_t t) { return format_timestamp(t); }

}  // namespace

Dataset generate_demo(const DemoOptions& opt) {
    Rng rng(opt.seed);
    Dataset d;
    const Date end = opt.end.value_or(civil_from_days(now_unix() / 86400));
    const std::int64_t end_day = days_from_civil(end);
    const std::int64_t start_day = end_day - 365LL * std::max(1, opt.years);
    const int team_count = std::clamp(opt.teams, 1, static_cast<int>(kTeamNames.size()));

    for (int ti = 0; ti < team_count; ++ti) {
        Team team;
        team.id = rng.uuid();
        team.name = kTeamNames[static_cast<std::size_t>(ti)];
        team.location = rng.pick(kPlaces);
        team.capacity = rng.between(6, 10);
        team.reduction_goal_pct = 10.0 * rng.between(2, 4);
        team.created_at = team.updated_at = stamp(start_day * 86400);
        const bool closed = ti % 3 == 2;  // every third team is a closed group
        const bool declining = ti % 2 == 0;
        d.teams.push_back(team);

        std::vector<std::string> staff;
        const int member_count = rng.between(6, 9);
        for (int mi = 0; mi < member_count; ++mi) {
            Member m;
            m.id = rng.uuid();
            m.team_id = team.id;
            m.name = std::string(rng.pick(kFirstNames)) + " " + static_cast<char>('A' + rng.between(0, 25)) + ".";
            m.role = mi == 0 ? Role::coach : mi == 1 ? Role::behavioural_scientist : mi == 2 ? Role::manager : Role::group_worker;
            m.created_at = m.updated_at = team.created_at;
            staff.push_back(m.name);
            d.members.push_back(std::move(m));
        }

        // Places are filled by youths who stay a few months to a year and a half.
        int next_code = 1;
        std::vector<std::size_t> team_youths;
        for (int place = 0; place < team.capacity; ++place) {
            std::int64_t day = start_day - rng.between(0, 200);
            while (day < end_day) {
                Youth y;
                y.id = rng.uuid();
                y.team_id = team.id;
                char code[16];
                std::snprintf(code, sizeof code, "J-%02d", next_code++);
                y.code = code;
                y.age_at_admission = rng.between(closed ? 12 : 8, 17);
                y.admitted_on = format_date(civil_from_days(day));
                const std::int64_t stay = rng.between(60, 540);
                if (day + stay < end_day) y.discharged_on = format_date(civil_from_days(day + stay));
                y.setting = closed ? CareSetting::closed : CareSetting::open;
                y.created_at = y.updated_at = stamp(day * 86400 + 9 * 3600);
                team_youths.push_back(d.youths.size());
                d.youths.push_back(std::move(y));
                day += stay + rng.between(3, 40);  // the place stays empty for a while
            }
        }

        // Per care day: incidents and measures; rates fall over the years in declining teams.
        const double base_measure_rate = closed ? 0.05 : 0.02;
        for (std::size_t yi : team_youths) {
            const Youth y = d.youths[yi];
            const std::int64_t from = std::max(start_day, days_from_civil(*parse_date(y.admitted_on)));
            const std::int64_t to = y.discharged_on ? std::min(end_day, days_from_civil(*parse_date(*y.discharged_on))) : end_day;
            for (std::int64_t day = from; day < to; ++day) {
                const double progress = static_cast<double>(day - start_day) / static_cast<double>(end_day - start_day);
                const double trend = declining ? 1.0 - 0.6 * progress : 1.0 + 0.1 * progress;
                std::optional<std::size_t> incident_index;
                if (rng.chance(0.012 * trend + 0.004)) {
                    Incident inc;
                    inc.id = rng.uuid();
                    inc.team_id = team.id;
                    const std::int64_t t = day * 86400 + rng.between(7 * 3600, 23 * 3600);
                    inc.occurred_at = stamp(t);
                    inc.category = kCategories[rng.weighted(kCategoryWeights)];
                    inc.severity = static_cast<int>(rng.weighted(std::array<double, 4>{45, 35, 15, 5})) + 1;
                    inc.youth_ids.push_back(y.id);
                    inc.description = "Synthetisch voorbeeld: incident op de groep.";
                    inc.response = "Medewerkers grepen in en boden rust.";
                    inc.reportable = inc.severity == 4 || (inc.severity == 3 && rng.chance(0.3));
                    inc.created_at = inc.updated_at = stamp(t + 3600);
                    incident_index = d.incidents.size();
                    d.incidents.push_back(std::move(inc));
                }
                const bool measure_today = incident_index ? rng.chance(0.55) : rng.chance(base_measure_rate * trend);
                if (!measure_today) continue;
                const std::size_t ti_type = rng.weighted(kMeasureWeights);
                const std::string type = kMeasureTypes[ti_type];
                Measure m;
                m.id = rng.uuid();
                m.team_id = team.id;
                m.youth_id = y.id;
                m.type = type;
                const std::int64_t start = incident_index ? *parse_timestamp(d.incidents[*incident_index].occurred_at) + 300
                                                          : day * 86400 + rng.between(7 * 3600, 22 * 3600);
                m.started_at = stamp(start);
                const int typical = kTypicalMinutes[ti_type];
                if (typical > 0) {
                    // Mostly near the typical length; now and then far longer (a rule warning).
                    double minutes = typical * (0.3 + 1.4 * rng.real());
                    if (rng.chance(0.04)) minutes *= 10;
                    const std::int64_t stop = start + static_cast<std::int64_t>(minutes * 60);
                    if (stop < end_day * 86400) m.ended_at = stamp(stop);
                }
                m.reason = type == "other" ? "Synthetisch voorbeeld: overige maatregel." : "Synthetisch voorbeeld: acuut gevaar.";
                m.incident_id = incident_index ? std::optional<std::string>(d.incidents[*incident_index].id) : std::nullopt;
                m.in_care_plan = !incident_index && rng.chance(0.5);
                m.emergency = !m.in_care_plan;
                m.decided_by = staff[static_cast<std::size_t>(rng.between(0, static_cast<int>(staff.size()) - 1))];
                if (m.emergency && rng.chance(0.85)) {
                    m.consent_by = staff[1];
                    m.consent_at = stamp(start + rng.between(600, 6 * 3600));
                }
                if (rng.chance(0.8)) m.parents_informed_at = stamp(start + rng.between(1800, 24 * 3600));
                if (rng.chance(0.85)) m.debrief_at = stamp(start + rng.between(3600, 5 * 86400));
                m.created_at = m.updated_at = stamp(start + 1800);
                d.measures.push_back(std::move(m));
            }
        }
    }
    return d;
}

}  // namespace ts
