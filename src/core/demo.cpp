#include "core/demo.hpp"

#include "core/working_days.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
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
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }
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

// The first twelve teams keep the names they always had (tests and screenshots name them);
// further teams get a compound of a tree or bird and a word for a homestead: 12 x 5 names.
constexpr std::array<const char*, 12> kTeamNames{"De Linde", "De Wissel", "Het Anker", "De Vlinder", "Zonnehoek", "De Horizon",
                                                 "De Kompas", "Het Baken", "De Esdoorn", "De Brug", "Het Nest", "De Boog"};
constexpr std::array<const char*, 12> kNameStems{"Eiken", "Beuken", "Berken", "Wilgen", "Elzen",   "Iepen",
                                                 "Merel", "Zwaluw", "Reiger", "Kievit", "Lijster", "Valken"};
constexpr std::array<const char*, 5> kNameEnds{"hof", "hoeve", "stede", "oord", "weide"};
static_assert(kTeamNames.size() + kNameStems.size() * kNameEnds.size() >= kDemoMaxTeams);

std::string team_name(int index) {
    if (index < static_cast<int>(kTeamNames.size())) return kTeamNames[static_cast<std::size_t>(index)];
    // k = 12a + b gives stem b and end (3a + b) mod 5: for a fixed stem the five values of a
    // give five different ends, so the 60 names are distinct, and neighbours differ in both.
    const int k = index - static_cast<int>(kTeamNames.size());
    const int a = k / 12, b = k % 12;
    return std::string(kNameStems[static_cast<std::size_t>(b)]) + kNameEnds[static_cast<std::size_t>((3 * a + b) % 5)];
}

constexpr std::array<const char*, 8> kPlaces{"Leiden", "Utrecht", "Zwolle", "Tilburg", "Groningen", "Arnhem", "Haarlem", "Breda"};
constexpr std::array<const char*, 24> kFirstNames{"Sanne", "Daan", "Fleur", "Bram", "Noor", "Thijs", "Lotte", "Ruben",
                                                  "Iris", "Jesse", "Eva", "Milan", "Femke", "Sem", "Anouk", "Youssef",
                                                  "Lieke", "Mehmet", "Roos", "Kevin", "Esra", "Tim", "Maaike", "Joost"};
constexpr std::array<const char*, 13> kMeasureTypes{"seclusion_room", "seclusion_cell", "physical_hold", "mechanical_restraint",
                                                    "time_out", "movement_restriction", "room_search", "body_search",
                                                    "urine_test", "communication_control", "camera_surveillance", "door_alarm", "other"};
// How often each type is used (index as kMeasureTypes): a closed group restricts movement,
// searches and tests far more, and has a seclusion room.
constexpr std::array<double, 13> kOpenWeights{12, 1, 22, 0.5, 16, 10, 12, 4, 5, 8, 2, 3, 3};
constexpr std::array<double, 13> kClosedWeights{14, 8, 14, 1, 10, 18, 14, 8, 8, 8, 3, 3, 2};
// Right after an incident: the acute types.
constexpr std::array<double, 13> kAcuteWeights{25, 6, 35, 1, 20, 6, 4, 3, 0, 0, 0, 0, 1};
// Types that are mostly part of a youth's care plan (long, planned) rather than an emergency.
constexpr std::array<bool, 13> kMostlyPlanned{false, false, false, false, false, true, true, true, true, true, true, true, false};
constexpr std::array<const char*, 11> kCategories{"aggression_physical_youth", "aggression_physical_staff", "aggression_verbal",
                                                  "sexual_transgression", "self_harm", "absconding", "substance_use",
                                                  "property_damage", "medication", "accident", "other"};
constexpr std::array<double, 11> kCategoryWeights{10, 12, 25, 3, 6, 10, 8, 12, 4, 6, 4};
// Typical duration in minutes for the episode types (index as kMeasureTypes; 0 = point in time).
constexpr std::array<int, 13> kTypicalMinutes{90, 120, 15, 45, 60, 24 * 60, 0, 0, 0, 3 * 24 * 60, 7 * 24 * 60, 7 * 24 * 60, 30};

// Rates per care day of one youth of average intensity. Each incident brings a measure in most
// cases, so a group has about 0.43 incidents per measure; a closed group about 3.5 times the
// measures of an open one per care day (0.35 against 0.10).
constexpr double kOpenIncidentRate = 0.045, kOpenMeasureRate = 0.063;
constexpr double kClosedIncidentRate = 0.145, kClosedMeasureRate = 0.235;

// How a team's use of measures changes. A declining team starts a reduction programme 1.5 to 3
// years before the end and then cuts 30 % of its starting level a year, down to 35 % of it: its
// last year is 27 % to 37 % below the year before, so a goal of 20, 30 or 40 % is met by some
// and missed by others. The other teams rise slowly (10 % over the whole period).
struct Trend {
    bool declining = false;
    std::int64_t start_day = 0, end_day = 1, programme_day = 0;
    double at(std::int64_t day) const {
        if (!declining) return 1.0 + 0.1 * static_cast<double>(day - start_day) / static_cast<double>(end_day - start_day);
        if (day < programme_day) return 1.0;
        return std::max(0.35, 1.0 - 0.3 * static_cast<double>(day - programme_day) / 365.0);
    }
};

// --- meetings ---------------------------------------------------------------------------------

const std::vector<DemoTemplate>& templates() {
    using K = StepKind;
    static const std::vector<DemoTemplate> t{
        {"teamreflectie",
         {{K::check_in, 10}, {K::open_actions, 15}, {K::incidents, 10}, {K::measures, 10}, {K::reflection, 20}, {K::agree_actions, 10}, {K::close, 5}}},
        {"veiligheid_vrijheidsbeperking",
         {{K::check_in, 5}, {K::open_actions, 10}, {K::incidents, 20}, {K::measures, 20}, {K::agree_actions, 10}, {K::close, 5}}},
        {"aan_de_slag", {{K::check_in, 5}, {K::open_actions, 10}, {K::reflection, 35}, {K::agree_actions, 10}, {K::close, 5}}},
        {"nabespreking_incident",
         {{K::check_in, 5}, {K::open_actions, 5}, {K::incidents, 25}, {K::measures, 10}, {K::agree_actions, 10}, {K::close, 5}}},
    };
    return t;
}
enum TemplateIndex : std::size_t { kTeamreflectie, kVeiligheid, kAanDeSlag, kNabespreking };

struct Block {
    const char* id;
    std::vector<const char*> core;  // the core recommendations (kernaanbevelingen)
};
const std::array<Block, 4>& blocks() {
    static const std::array<Block, 4> b{Block{"pedagogisch_klimaat", {"pedagogisch_klimaat.k1", "pedagogisch_klimaat.k2"}},
                                        Block{"veiligheid", {"veiligheid.k1", "veiligheid.k2", "veiligheid.k3"}},
                                        Block{"ouderschap", {"ouderschap.k1", "ouderschap.k2"}},
                                        Block{"toekomstgericht", {"toekomstgericht.k1", "toekomstgericht.k2", "toekomstgericht.k3"}}};
    return b;
}
constexpr std::size_t kSafetyBlock = 1;

struct Question {
    const char* id;
    std::array<const char*, 2> answers;
};
constexpr std::array<Question, 6> kQuestions{{
    {"aan_de_slag.v1", {"Jongeren betrekken bij de groepsregels doen we al; de debriefing na een maatregel nog niet altijd.",
                        "Veel: vooral het samen met ouders bespreken van de veiligheid op de groep."}},
    {"aan_de_slag.v2", {"Hoe nadrukkelijk de richtlijn vraagt om risico's te verdragen.",
                        "Dat klachten van jongeren als veiligheidsinstrument worden gezien."}},
    {"aan_de_slag.v3", {"Reflectie en teamcoaching expliciet als veiligheidsinstrument inzetten.",
                        "Het toekomstperspectief vanaf de eerste week bespreken."}},
    {"aan_de_slag.v4", {"In de avonddienst staan we met te weinig mensen om de-escalatie altijd vol te houden.",
                        "Het huisreglement is strenger dan de richtlijn voorstelt."}},
    {"aan_de_slag.v5", {"Na elke maatregel binnen een dag een nagesprek met de jongere.",
                        "Maandelijks de cijfers van de vrijheidsbeperking samen bekijken."}},
    {"aan_de_slag.v6", {"Een vast agendapunt in het teamoverleg en een aandachtsfunctionaris.",
                        "De kernaanbevelingen zichtbaar in de teamruimte."}},
}};

// The notes of a step, by kind (index as StepKind).
constexpr std::array<std::array<const char*, 3>, 7> kStepNotes{{
    {"Iedereen aanwezig; korte ronde hoe het gaat.", "Rustige week gehad, twee collega's ziek.", "Nieuwe collega voorgesteld."},
    {"Openstaande acties doorgelopen.", "De meeste acties lopen; een paar liggen stil.", "Acties besproken en bijgewerkt."},
    {"Incidenten van de afgelopen weken besproken.", "Vooral verbale agressie in de avonduren.", "Eén ernstig incident nabesproken."},
    {"Cijfers vrijheidsbeperking bekeken: daling zet door.", "Meer time-outs dan vorige periode; oorzaak besproken.",
     "Nagesprekken met jongeren niet altijd op tijd gehouden."},
    {"Gesproken over de bouwsteen en wat we al doen.", "Goede discussie over risico's verdragen.", "Knelpunten in de avonddienst benoemd."},
    {"Nieuwe afspraken gemaakt.", "Eigenaren en termijnen afgesproken.", "Afspraken vastgelegd."},
    {"Volgende bijeenkomst gepland.", "Korte evaluatie: nuttig overleg.", "Afgesloten met een ronde."},
}};

struct ActionIdea {
    const char* title;
    const char* description;
    std::size_t block;  // index in blocks()
};
constexpr std::array<ActionIdea, 16> kActionIdeas{{
    {"Groepsregels samen met de jongeren herzien", "In de huiskamer, met de jongerenraad.", 0},
    {"Dagprogramma in het weekend uitbreiden", "Meer activiteiten op zaterdagmiddag.", 0},
    {"Overdracht tussen diensten eerder starten", "De avonddienst begint een kwartier eerder.", 0},
    {"Mentorgesprekken elke week inplannen", "", 0},
    {"Nagesprek na elke maatregel binnen 24 uur", "Een vast moment in de dienst, door de mentor.", 1},
    {"De-escalatietraining voor het hele team", "Twee dagdelen, ook voor invallers.", 1},
    {"Time-outs evalueren in het teamoverleg", "Elke time-out kort doorlopen: wat ging eraan vooraf?", 1},
    {"Klachtenprocedure met jongeren bespreken", "", 1},
    {"Signaleringsplannen van alle jongeren bijwerken", "Samen met de jongere en de gedragswetenschapper.", 1},
    {"Ouders uitnodigen voor een huiskamergesprek", "Eens per kwartaal, op een doordeweekse avond.", 2},
    {"Ouders informeren binnen een dag na een maatregel", "", 2},
    {"Gezinsgesprekken vaker op de groep houden", "", 2},
    {"Toekomstplan bespreken in de eerste week", "Met school, werk en wonen als onderwerpen.", 3},
    {"Stage- en schoolcontacten in kaart brengen", "", 3},
    {"Uitstroom voorbereiden met een vast netwerk", "Wie is er na het verblijf voor de jongere?", 3},
    {"Zelfstandigheidstraining op de groep starten", "Koken, geld en afspraken.", 3},
}};

constexpr std::array<const char*, 3> kProgressNotes{"Loopt; eerste stappen gezet.", "Nog mee bezig.", "Ligt stil door roosterdruk."};
constexpr std::array<const char*, 2> kDoneNotes{"Afgerond.", "Gedaan en besproken met het team."};
constexpr std::array<const char*, 2> kDroppedNotes{"Vervalt: niet meer nodig.", "Vervalt: opgenomen in een andere actie."};

std::string stamp(std::int64_t t) { return format_timestamp(t); }
std::string date_of(std::int64_t day) { return format_date(civil_from_days(day)); }

// A meeting (a report to the inspectorate) falls on a working day: Saturday and Sunday move to Monday.
std::int64_t working_day(std::int64_t day) {
    const int weekday = iso_weekday(civil_from_days(day));  // 1 Monday … 7 Sunday
    return weekday >= 6 ? day + (8 - weekday) : day;
}

// How an action goes, decided when it is agreed.
struct ActionPlan {
    std::size_t index = 0;            // in Dataset::actions
    std::int64_t agreed_day = 0;
    std::optional<std::int64_t> done_day;  // done on this day (reported at the next meeting)
    int resolve_at_review = -1;       // or resolved at this review (counted from 1) ...
    ActionStatus resolution = ActionStatus::done;  // ... as this
    int reviews = 0;
    bool resolved = false;
    ActionStatus last = ActionStatus::open;
};

struct TeamContext {
    std::string team_id;
    std::vector<std::string> member_ids;  // [0] coach, [1] behavioural scientist
    std::vector<std::pair<std::int64_t, std::size_t>> incidents;  // (time, index in Dataset), by time
    bool declining = false;
};

void generate_meetings(Dataset& d, Rng& rng, const TeamContext& tc, std::int64_t start_day, std::int64_t end_day) {
    // Meeting days: every four to six weeks; the first one on or after end_day is planned.
    std::vector<std::int64_t> days;
    for (std::int64_t day = start_day + rng.between(7, 35);; day += rng.between(28, 42)) {
        days.push_back(working_day(day));
        if (days.back() >= end_day) break;
    }
    const std::size_t held = days.size() - 1;
    std::vector<ActionPlan> open_actions;
    std::map<std::string, Rating, std::less<>> rated;  // the team's last rating of each recommendation
    std::size_t block_turn = static_cast<std::size_t>(rng.between(0, 3));

    for (std::size_t k = 0; k < days.size(); ++k) {
        const std::int64_t day = days[k];
        const bool closed = k < held;
        const double progress = static_cast<double>(day - start_day) / static_cast<double>(std::max<std::int64_t>(1, end_day - start_day));
        // A serious incident since the last meeting may call for a debriefing meeting.
        const std::int64_t since = (k == 0 ? start_day : days[k - 1]) * 86400;
        std::optional<std::size_t> serious;
        for (auto it = std::lower_bound(tc.incidents.begin(), tc.incidents.end(), std::pair<std::int64_t, std::size_t>{since, 0});
             it != tc.incidents.end() && it->first < day * 86400; ++it)
            if (d.incidents[it->second].severity >= 3) serious = it->second;
        std::size_t tpl;
        if (serious && rng.chance(0.3)) tpl = kNabespreking;
        else tpl = std::array<std::size_t, 3>{kTeamreflectie, kVeiligheid, kAanDeSlag}[rng.weighted(std::array<double, 3>{60, 25, 15})];
        const DemoTemplate& t = templates()[tpl];

        Meeting m;
        m.id = rng.uuid();
        m.team_id = tc.team_id;
        m.template_id = t.id;
        m.held_on = date_of(day);
        m.facilitator_id = tc.member_ids[rng.chance(0.7) ? 0 : 1];
        m.attendee_ids.push_back(*m.facilitator_id);
        for (const std::string& id : tc.member_ids)
            if (id != *m.facilitator_id && (rng.chance(0.7) || m.attendee_ids.size() < 3)) m.attendee_ids.push_back(id);
        std::sort(m.attendee_ids.begin(), m.attendee_ids.end());
        m.state = closed ? MeetingState::closed : MeetingState::planned;
        if (closed) m.next_meeting_on = date_of(days[k + 1]);
        bool reflection = false;
        for (const auto& [kind, minutes] : t.steps) {
            MeetingStep s;
            s.kind = kind;
            if (closed) {
                s.notes = rng.pick(kStepNotes[static_cast<std::size_t>(kind)]);
                s.seconds_used = static_cast<int>(minutes * 60 * (0.6 + 0.8 * rng.real()));
            }
            reflection = reflection || kind == StepKind::reflection;
            m.steps.push_back(std::move(s));
        }
        m.current_step = closed ? static_cast<int>(m.steps.size()) : 0;
        const Block& block = blocks()[tpl == kVeiligheid || tpl == kNabespreking ? kSafetyBlock : block_turn++ % blocks().size()];
        if (closed && reflection) {
            // A recommendation's first rating is better later on, more so in a team that works on
            // its measures; after that it moves from the team's last rating of it, at most one
            // step: up often in such a team, now and then in the others, down now and then.
            const double already = (tc.declining ? 0.25 : 0.15) + (tc.declining ? 0.5 : 0.25) * progress;
            const double up = tc.declining ? 0.40 : 0.15, down = tc.declining ? 0.05 : 0.12;
            for (const char* rec : block.core) {
                const double r = rng.real();
                const auto last = rated.find(rec);
                Rating rating;
                if (last == rated.end()) rating = r < already ? Rating::already : r < already + 0.45 ? Rating::partly : Rating::not_yet;
                else if (r < up) rating = last->second == Rating::not_yet ? Rating::partly : Rating::already;
                else if (r >= 1.0 - down) rating = last->second == Rating::already ? Rating::partly : Rating::not_yet;
                else rating = last->second;
                rated[rec] = rating;
                m.ratings.emplace_back(rec, rating);
            }
            std::array<std::size_t, 6> order{0, 1, 2, 3, 4, 5};
            for (std::size_t i = 5; i > 0; --i) std::swap(order[i], order[static_cast<std::size_t>(rng.between(0, static_cast<int>(i)))]);
            const int answered = rng.between(2, 3);
            for (int i = 0; i < answered; ++i) {
                const Question& q = kQuestions[order[static_cast<std::size_t>(i)]];
                m.answers.emplace_back(q.id, rng.pick(q.answers));
            }
        }
        const std::int64_t planned_on = k == 0 ? std::max(start_day, day - 28) : days[k - 1];
        m.created_at = stamp(planned_on * 86400 + 16 * 3600);
        m.updated_at = closed ? stamp(day * 86400 + 16 * 3600) : m.created_at;
        const std::string meeting_id = m.id;
        d.meetings.push_back(std::move(m));
        if (!closed) break;

        // The open actions are reviewed, one update each.
        const std::int64_t review_time = day * 86400 + 14 * 3600;
        int minute = 0;
        for (ActionPlan& p : open_actions) {
            Action& a = d.actions[p.index];
            ++p.reviews;
            ActionUpdate u;
            u.id = rng.uuid();
            u.action_id = a.id;
            u.meeting_id = meeting_id;
            if (p.done_day && *p.done_day <= day) {
                u.status = ActionStatus::done;
                a.completed_at = stamp(*p.done_day * 86400 + rng.between(9, 17) * 3600);
            } else if (p.reviews == p.resolve_at_review) {
                u.status = p.resolution;
                if (u.status == ActionStatus::done) a.completed_at = stamp(std::max(p.agreed_day + 1, day - rng.between(1, 10)) * 86400 + 12 * 3600);
            } else {
                u.status = p.reviews == 1 && rng.chance(0.3) ? ActionStatus::open : ActionStatus::in_progress;
            }
            u.note = u.status == ActionStatus::done      ? rng.pick(kDoneNotes)
                     : u.status == ActionStatus::dropped ? rng.pick(kDroppedNotes)
                                                         : rng.pick(kProgressNotes);
            u.created_at = u.updated_at = stamp(review_time + 60 * minute++);
            a.status = p.last = u.status;
            a.updated_at = u.updated_at;
            p.resolved = u.status == ActionStatus::done || u.status == ActionStatus::dropped;
            d.action_updates.push_back(std::move(u));
        }
        std::erase_if(open_actions, [](const ActionPlan& p) { return p.resolved; });

        // New agreements.
        const int count = rng.between(2, 4);
        for (int i = 0; i < count; ++i) {
            // An idea not agreed already and still open: the one drawn or the next free one.
            auto at = static_cast<std::size_t>(rng.between(0, static_cast<int>(kActionIdeas.size()) - 1));
            const auto taken = [&](const char* title) {
                return std::any_of(open_actions.begin(), open_actions.end(),
                                   [&](const ActionPlan& p) { return d.actions[p.index].title == title; });
            };
            for (std::size_t tries = 1; tries < kActionIdeas.size() && taken(kActionIdeas[at].title); ++tries)
                at = (at + 1) % kActionIdeas.size();
            const ActionIdea& idea = kActionIdeas[at];
            Action a;
            a.id = rng.uuid();
            a.team_id = tc.team_id;
            a.meeting_id = meeting_id;
            a.title = idea.title;
            a.description = idea.description;
            a.owner_id = rng.pick(d.meetings.back().attendee_ids);
            const int due_in = 7 * rng.between(2, 8);
            a.due_on = date_of(day + due_in);
            a.guideline_ref = i == 0 ? block.id : blocks()[idea.block].id;
            if (i == 0 && tpl == kNabespreking) a.incident_id = d.incidents[*serious].id;
            else if (serious && rng.chance(0.1)) a.incident_id = d.incidents[*serious].id;
            a.created_at = a.updated_at = stamp(day * 86400 + 15 * 3600 + 60 * i);

            ActionPlan p;
            p.index = d.actions.size();
            p.agreed_day = day;
            const double r = rng.real();
            // Every team has one action that stays open through three reviews and more: the
            // first one agreed four meetings before the last.
            const bool kept_open = i == 0 && held >= 4 && k == held - 4;
            if (kept_open) {
                // never resolved
            } else if (r < 0.10) {
                p.resolve_at_review = rng.between(1, 3), p.resolution = ActionStatus::dropped;
            } else if (r < 0.17) {  // stale for a while, then done late or dropped
                p.resolve_at_review = rng.between(4, 6);
                p.resolution = rng.chance(0.6) ? ActionStatus::done : ActionStatus::dropped;
            } else if (rng.chance(0.7)) {
                p.done_day = day + rng.between(5, due_in);  // on time
            } else {
                p.done_day = day + due_in + rng.between(3, 45);  // late
            }
            d.actions.push_back(std::move(a));
            open_actions.push_back(p);
        }
    }

    // Done since the last meeting: recorded on the day, outside a meeting.
    for (ActionPlan& p : open_actions) {
        if (!p.done_day || *p.done_day >= end_day) continue;
        Action& a = d.actions[p.index];
        ActionUpdate u;
        u.id = rng.uuid();
        u.action_id = a.id;
        u.status = ActionStatus::done;
        u.note = rng.pick(kDoneNotes);
        u.created_at = u.updated_at = stamp(*p.done_day * 86400 + rng.between(9, 17) * 3600);
        a.completed_at = u.created_at;
        a.status = ActionStatus::done;
        a.updated_at = u.updated_at;
        d.action_updates.push_back(std::move(u));
    }
}

}  // namespace

const std::vector<DemoTemplate>& demo_templates() { return templates(); }

std::vector<std::string> demo_guideline_ids() {
    std::vector<std::string> out;
    for (const Block& b : blocks()) {
        out.emplace_back(b.id);
        for (const char* r : b.core) out.emplace_back(r);
    }
    for (const Question& q : kQuestions) out.emplace_back(q.id);
    return out;
}

Dataset generate_demo(const DemoOptions& opt) {
    Rng rng(opt.seed);
    // The report dates of reportable incidents come from their own stream, so that adding them
    // left every other record as it was.
    Rng reports(opt.seed * 7919 + 17);
    Dataset d;
    const Date end = opt.end.value_or(civil_from_days(now_unix() / 86400));
    const std::int64_t end_day = days_from_civil(end);
    const std::int64_t start_day = end_day - 365LL * std::clamp(opt.years, 1, kDemoMaxYears);
    const int team_count = std::clamp(opt.teams, 1, kDemoMaxTeams);
    const int scale = std::clamp(opt.scale, 1, kDemoMaxScale);
    const double approx_care_days = 9.0 * static_cast<double>(end_day - start_day) * team_count * scale;
    d.measures.reserve(static_cast<std::size_t>(approx_care_days * 0.2));
    d.incidents.reserve(static_cast<std::size_t>(approx_care_days * 0.09));

    for (int ti = 0; ti < team_count; ++ti) {
        const bool closed = ti % 3 == 2;  // every third team is a closed group
        const bool declining = ti % 2 == 0;
        Team team;
        team.id = rng.uuid();
        team.name = team_name(ti);
        team.location = rng.pick(kPlaces);
        // Scaled after the draw, so that scale 1 draws exactly what it always drew.
        team.capacity = scale * (closed ? rng.between(8, 10) : rng.between(6, 10));
        team.reduction_goal_pct = 10.0 * rng.between(2, 4);
        team.created_at = team.updated_at = stamp(start_day * 86400);
        d.teams.push_back(team);
        TeamContext tc;
        tc.team_id = team.id;
        tc.declining = declining;

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
            tc.member_ids.push_back(m.id);
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
                y.admitted_on = date_of(day);
                const std::int64_t stay = rng.between(60, 540);
                if (day + stay < end_day) y.discharged_on = date_of(day + stay);
                y.setting = closed ? CareSetting::closed : CareSetting::open;
                y.created_at = y.updated_at = stamp(day * 86400 + 9 * 3600);
                team_youths.push_back(d.youths.size());
                d.youths.push_back(std::move(y));
                day += stay + rng.between(3, 40);  // the place stays empty for a while
            }
        }

        // Per care day: incidents and measures; rates fall in the last years in declining teams.
        Trend trend_of{declining, start_day, end_day, 0};
        if (declining) trend_of.programme_day = std::max(start_day, end_day - rng.between(550, 1095));
        const double incident_rate = closed ? kClosedIncidentRate : kOpenIncidentRate;
        const double measure_rate = closed ? kClosedMeasureRate : kOpenMeasureRate;
        const auto& weights = closed ? kClosedWeights : kOpenWeights;
        const std::size_t first_incident = d.incidents.size();
        for (std::size_t yi : team_youths) {
            const Youth& y = d.youths[yi];
            const std::string youth_id = y.id;
            const bool young = y.age_at_admission && *y.age_at_admission < 12;
            // Some youths need far more restriction than others (mean 1).
            const double u = rng.real();
            const double intensity = 0.5 + 1.5 * u * u;
            const std::int64_t from = std::max(start_day, days_from_civil(*parse_date(y.admitted_on)));
            const std::int64_t to = y.discharged_on ? std::min(end_day, days_from_civil(*parse_date(*y.discharged_on))) : end_day;
            for (std::int64_t day = from; day < to; ++day) {
                const double trend = trend_of.at(day) * intensity;
                // (start time, index of the incident it follows, if any)
                std::array<std::pair<std::int64_t, std::optional<std::size_t>>, 4> todo;
                std::size_t n = 0;
                if (rng.chance(incident_rate * trend)) {
                    Incident inc;
                    inc.id = rng.uuid();
                    inc.team_id = team.id;
                    const std::int64_t t = day * 86400 + rng.between(7 * 3600, 22 * 3600);
                    inc.occurred_at = stamp(t);
                    inc.category = kCategories[rng.weighted(kCategoryWeights)];
                    inc.severity = static_cast<int>(rng.weighted(std::array<double, 4>{45, 35, 15, 5})) + 1;
                    inc.youth_ids.push_back(youth_id);
                    inc.description = "Synthetisch voorbeeld: incident op de groep.";
                    inc.response = "Medewerkers grepen in en boden rust.";
                    inc.reportable = inc.severity == 4 || (inc.severity == 3 && rng.chance(0.3));
                    if (inc.reportable) {
                        // Mostly reported within a day or two (a weekend moves it to Monday); now and
                        // then late; sometimes after an internal investigation of a few weeks.
                        const std::int64_t occurred = t / 86400;
                        const double r = reports.real();
                        std::optional<std::int64_t> reported, concluded;
                        if (r < 0.85) {
                            // (never the same UTC day: in a zone east of UTC it may be the next local day)
                            reported = working_day(occurred + reports.between(1, 2));
                        } else if (r < 0.95) {
                            reported = working_day(occurred + reports.between(7, 14));
                        } else {
                            concluded = working_day(occurred + reports.between(14, 35));
                            reported = working_day(*concluded + 1);
                        }
                        if (concluded && *concluded < end_day) inc.investigation_concluded_on = date_of(*concluded);
                        if (reported && *reported < end_day && (!concluded || inc.investigation_concluded_on))
                            inc.reported_on = date_of(*reported);
                    }
                    inc.created_at = inc.updated_at = stamp(t + 3600);
                    const std::size_t index = d.incidents.size();
                    d.incidents.push_back(std::move(inc));
                    const double r = rng.real();
                    if (r < 0.7) todo[n++] = {t + 300, index};
                    if (r < 0.1) todo[n++] = {t + 1200, index};
                }
                // Measures apart from incidents: two chances a day.
                for (int half = 0; half < 2; ++half)
                    if (rng.chance(measure_rate * trend / 2)) todo[n++] = {day * 86400 + rng.between(7 * 3600, 22 * 3600), std::nullopt};

                for (std::size_t e = 0; e < n; ++e) {
                    const auto& [start, incident_index] = todo[e];
                    std::size_t ti_type = rng.weighted(incident_index ? kAcuteWeights : weights);
                    // Youths under 12 are almost never secluded (a rare rule violation remains).
                    while (young && ti_type <= 1 && !rng.chance(0.02)) ti_type = rng.weighted(incident_index ? kAcuteWeights : weights);
                    const std::string type = kMeasureTypes[ti_type];
                    Measure m;
                    m.id = rng.uuid();
                    m.team_id = team.id;
                    m.youth_id = youth_id;
                    m.type = type;
                    m.started_at = stamp(start);
                    m.in_care_plan = !incident_index && rng.chance(kMostlyPlanned[ti_type] ? 0.9 : 0.3);
                    m.emergency = !m.in_care_plan;
                    const int typical = kTypicalMinutes[ti_type];
                    if (typical > 0) {
                        // Mostly near the typical length (an emergency stays under three days);
                        // now and then far longer (a rule warning).
                        double minutes = typical * (0.3 + 1.4 * rng.real());
                        if (m.emergency) minutes = std::min(minutes, 2.0 * 24 * 60);
                        if (rng.chance(0.02)) minutes *= 10;
                        const std::int64_t stop = start + static_cast<std::int64_t>(minutes * 60);
                        if (stop < end_day * 86400) m.ended_at = stamp(stop);
                    }
                    m.reason = type == "other"    ? "Synthetisch voorbeeld: overige maatregel."
                               : m.in_care_plan ? "Synthetisch voorbeeld: volgens het zorgplan."
                                                : "Synthetisch voorbeeld: acuut gevaar.";
                    if (incident_index) m.incident_id = d.incidents[*incident_index].id;
                    m.decided_by = staff[static_cast<std::size_t>(rng.between(0, static_cast<int>(staff.size()) - 1))];
                    if (m.emergency && rng.chance(0.93)) {
                        m.consent_by = staff[1];
                        m.consent_at = stamp(start + rng.between(600, 6 * 3600));
                    }
                    if (rng.chance(0.8)) m.parents_informed_at = stamp(start + rng.between(1800, 24 * 3600));
                    if (rng.chance(0.95)) m.debrief_at = stamp(start + rng.between(3600, 5 * 86400));
                    m.created_at = m.updated_at = stamp(start + 1800);
                    d.measures.push_back(std::move(m));
                }
            }
        }

        for (std::size_t i = first_incident; i < d.incidents.size(); ++i)
            tc.incidents.emplace_back(*parse_timestamp(d.incidents[i].occurred_at), i);
        std::sort(tc.incidents.begin(), tc.incidents.end());
        generate_meetings(d, rng, tc, start_day, end_day);
    }
    return d;
}

}  // namespace ts
