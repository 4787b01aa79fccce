#include "core/indicators.hpp"

#include "core/care.hpp"
#include "core/rules.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <system_error>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace ts::ind {
namespace {

constexpr std::int64_t kInterventionGap = 24 * 3600;  // the Argus rule: a gap under 24 hours continues
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();

Date with_year(const Date& d, int year) {
    Date out{year, d.month, d.day};
    if (out.month == 2 && out.day == 29 && !parse_date(format_date(out))) out.day = 28;
    return out;
}

Date add_days(const Date& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

Date next_boundary(const Date& d, Split s) {
    switch (s) {
        case Split::month: return d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        case Split::quarter: {
            const int next = (d.month - 1) / 3 * 3 + 4;  // 4, 7, 10 or 13
            return next > 12 ? Date{d.year + 1, 1, 1} : Date{d.year, next, 1};
        }
        case Split::year: return Date{d.year + 1, 1, 1};
        case Split::none: break;
    }
    return d;
}

// Which teams count: a flag per team of the facts.
std::vector<char> team_mask(const Facts& f, const TeamSet& teams) {
    std::vector<char> mask(f.teams.size(), teams.empty() ? 1 : 0);
    for (const std::uint32_t t : teams)
        if (t < mask.size()) mask[t] = 1;
    return mask;
}

// The instants a period covers: local midnight of `from` up to local midnight of `to`.
struct Span {
    std::int64_t from, to;
};
Span span_of(const Period& p) { return {local_midnight(p.from), local_midnight(p.to)}; }

// Care days of a youth in a period: the admission day counts, the discharge day does not,
// and a youth without a discharge date is in care up to and including today.
std::int64_t care_days_of(const YouthFact& y, std::int64_t from, std::int64_t to, std::int64_t today) {
    const std::int64_t end = y.discharged ? *y.discharged : today + 1;
    return std::max<std::int64_t>(0, std::min(end, to) - std::max(y.admitted, from));
}

// Which youths are in care in a period: a stamp per youth that equals this call's number,
// kept between calls so that a report of thousands of rows clears nothing.
struct Stamps {
    std::vector<std::uint32_t> of;
    std::uint32_t now = 0;
    void start(std::size_t n) {
        if (of.size() != n || ++now == 0) {
            of.assign(n, 0);
            now = 1;
        }
    }
    bool has(std::size_t i) const { return of[i] == now; }
    void set(std::size_t i) { of[i] = now; }
};

struct Care {
    std::int64_t days = 0, youths = 0;
};

// Σ over the days d of [from, to) of the number of days in `days` (sorted, with running sums
// `sum`) that are at or before d: Σ over those before `to` of to − max(day, from).
std::int64_t days_reached(const std::vector<std::int64_t>& days, const std::vector<std::int64_t>& sum, std::int64_t from, std::int64_t to) {
    if (!(from < to)) return 0;
    const auto by_from = static_cast<std::size_t>(std::upper_bound(days.begin(), days.end(), from) - days.begin());
    const auto by_to = static_cast<std::size_t>(std::lower_bound(days.begin() + static_cast<std::ptrdiff_t>(by_from), days.end(), to) - days.begin());
    const std::int64_t between = sum[by_to] - sum[by_from];
    return static_cast<std::int64_t>(by_from) * (to - from) + static_cast<std::int64_t>(by_to - by_from) * to - between;
}

std::size_t count_before(const std::vector<std::int64_t>& days, std::int64_t day) {
    return static_cast<std::size_t>(std::lower_bound(days.begin(), days.end(), day) - days.begin());
}
std::size_t count_up_to(const std::vector<std::int64_t>& days, std::int64_t day) {
    return static_cast<std::size_t>(std::upper_bound(days.begin(), days.end(), day) - days.begin());
}

// The care days and youths in care of one CareIndex in the days [from, to). A youth is in care
// on day d when admitted <= d < discharged; so the care days are the days each admission has
// reached minus those each discharge has, and those still in care are counted up to today.
Care care_in(const CareIndex& c, std::int64_t from, std::int64_t to, std::int64_t today) {
    Care out;
    if (!(from < to)) return out;
    out.days = days_reached(c.admitted, c.admitted_sum, from, to) - days_reached(c.discharged, c.discharged_sum, from, to);
    // Those admitted before `to` and not discharged by `from` (a discharge at or before `from`
    // follows an admission before it).
    out.youths = static_cast<std::int64_t>(count_before(c.admitted, to)) - static_cast<std::int64_t>(count_up_to(c.discharged, from));
    const std::int64_t open_to = std::min(to, today + 1);
    if (from < open_to) {
        out.days += days_reached(c.open_admitted, c.open_admitted_sum, from, open_to);
        out.youths += static_cast<std::int64_t>(count_before(c.open_admitted, open_to));
    }
    return out;
}

Care care_of(const Facts& f, const std::vector<char>& mask, const Period& p, const Date& today) {
    const std::int64_t from = days_from_civil(p.from), to = days_from_civil(p.to), day = days_from_civil(today);
    if (std::all_of(mask.begin(), mask.end(), [](char c) { return c != 0; })) return care_in(f.care.back(), from, to, day);
    Care c;
    for (std::uint32_t t = 0; t < mask.size(); ++t) {
        if (!mask[t]) continue;
        const Care team = care_in(f.care[t], from, to, day);
        c.days += team.days;
        c.youths += team.youths;
    }
    return c;
}

void build_care_index(Facts& f) {
    f.care.assign(f.teams.size() + 1, CareIndex{});
    for (const YouthFact& y : f.youths) {
        if (y.team >= f.teams.size()) continue;
        for (CareIndex* c : {&f.care[y.team], &f.care.back()}) {
            if (!y.discharged) {
                c->open_admitted.push_back(y.admitted);
            } else if (y.admitted < *y.discharged) {
                c->admitted.push_back(y.admitted);
                c->discharged.push_back(*y.discharged);
            }
        }
    }
    const auto sorted_with_sums = [](std::vector<std::int64_t>& days, std::vector<std::int64_t>& sum) {
        std::sort(days.begin(), days.end());
        sum.assign(days.size() + 1, 0);
        std::partial_sum(days.begin(), days.end(), sum.begin() + 1);
    };
    for (CareIndex& c : f.care) {
        sorted_with_sums(c.admitted, c.admitted_sum);
        sorted_with_sums(c.discharged, c.discharged_sum);
        sorted_with_sums(c.open_admitted, c.open_admitted_sum);
    }
}

Figure ratio(double part, double whole, double scale) {
    if (whole == 0) return std::nullopt;
    return part / whole * scale;
}

// Calls `each(index)` for every fact of the teams in `mask` that starts in the span: the facts
// are grouped by team, team t's at [offsets[t], offsets[t + 1]) in order of `key`, so one team's
// month is as quick to count in a database of forty teams as in one of its own.
template <typename V, typename Key, typename Each>
void for_each_in(const V& all, const std::vector<std::uint32_t>& offsets, const std::vector<char>& mask, Span s, Key key, Each each) {
    for (std::uint32_t t = 0; t < mask.size(); ++t) {
        if (!mask[t]) continue;
        const auto first = all.begin() + offsets[t], last = all.begin() + offsets[t + 1];
        auto it = std::partition_point(first, last, [&](const auto& x) { return key(x) < s.from; });
        for (; it != last && key(*it) < s.to; ++it) each(static_cast<std::size_t>(it - all.begin()));
    }
}

// Where each team's facts start in `all`, which is grouped by team: team t's at
// [offsets[t], offsets[t + 1]).
template <typename V>
std::vector<std::uint32_t> team_offsets(const V& all, std::size_t teams) {
    std::vector<std::uint32_t> offsets(teams + 1, 0);
    for (const auto& x : all) ++offsets[x.team + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    return offsets;
}

// The facts of each team, as indices into `all` in its order: `by_team` grouped by team, team t
// at [offsets[t], offsets[t + 1]).
template <typename V>
void index_by_team(const V& all, std::size_t teams, std::vector<std::uint32_t>& by_team, std::vector<std::uint32_t>& offsets) {
    offsets = team_offsets(all, teams);
    by_team.resize(all.size());
    std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (std::uint32_t i = 0; i < all.size(); ++i) by_team[next[all[i].team]++] = i;
}

constexpr auto measure_start = [](const MeasureFact& m) { return m.start; };
constexpr auto incident_at = [](const IncidentFact& i) { return i.at; };

bool is_working(ActionStatus s) { return s == ActionStatus::open || s == ActionStatus::in_progress; }

// Puts the codes in a fixed order — those of data/ in its order, then any others the records
// have in alphabetical order — so that a figure's index means the same whatever order the
// facts came in, and every known code has its place even without facts. `renumber` gets the
// new index of every old one.
template <typename Known, typename Renumber>
void canonical_codes(std::vector<std::string>& codes, const std::vector<Known>& known, Renumber renumber) {
    std::vector<std::string> order;
    for (const Known& k : known) order.push_back(k.code);
    std::vector<std::string> unknown;
    for (const std::string& code : codes)
        if (std::find(order.begin(), order.end(), code) == order.end()) unknown.push_back(code);
    std::sort(unknown.begin(), unknown.end());
    order.insert(order.end(), unknown.begin(), unknown.end());
    std::vector<std::uint32_t> to(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i)
        to[i] = static_cast<std::uint32_t>(std::find(order.begin(), order.end(), codes[i]) - order.begin());
    renumber(to);
    codes = std::move(order);
}

}  // namespace

// ---- periods ------------------------------------------------------------------------------

std::string_view to_string(Split s) {
    switch (s) {
        case Split::none: return "none";
        case Split::month: return "month";
        case Split::quarter: return "quarter";
        case Split::year: return "year";
    }
    return "none";
}

std::optional<Split> split_from_string(std::string_view s) {
    if (s == "month") return Split::month;
    if (s == "quarter") return Split::quarter;
    if (s == "year") return Split::year;
    return std::nullopt;
}

std::vector<Period> split(const Period& p, Split s) {
    std::vector<Period> out;
    if (!(p.from < p.to)) return out;
    if (s == Split::none) return {p};
    Date at = p.from;
    while (at < p.to) {
        const Date next = std::min(next_boundary(at, s), p.to);
        out.push_back({at, next});
        at = next;
    }
    return out;
}

Period previous_period(const Period& p) { return {add_days(p.from, -p.days()), p.from}; }

Period year_earlier(const Period& p) { return {with_year(p.from, p.from.year - 1), with_year(p.to, p.to.year - 1)}; }

Period last_twelve_months(const Date& today) {
    const Date to = add_days(today, 1);
    return {with_year(to, to.year - 1), to};
}

Period last_months(const Date& today, int months) {
    const Date to = add_days(today, 1);
    const int index = to.year * 12 + (to.month - 1) - months;
    Date from{index / 12, index % 12 + 1, 1};
    const int last = days_in_month(from.year, from.month);
    from.day = std::min(to.day, last);
    return {from, to};
}

Period quarter_so_far(const Date& d) { return {Date{d.year, (d.month - 1) / 3 * 3 + 1, 1}, add_days(d, 1)}; }

Period quarter_before(const Date& d) {
    const Date start = quarter_so_far(d).from;
    const Date before = add_days(start, -1);
    return {Date{before.year, (before.month - 1) / 3 * 3 + 1, 1}, start};
}

Period facts_range(const Period& p) { return {std::min(previous_period(p).from, year_earlier(p).from), p.to}; }

FactsQuery query_for(const Content& c, std::vector<std::string> team_ids, const Period& p) {
    FactsQuery q;
    q.team_ids = std::move(team_ids);
    q.range = facts_range(p);
    for (const MeasureType& t : c.measure_types)
        if (t.duration != DurationKind::none) q.episode_types.push_back(t.code);
    return q;
}

Clock Clock::at(std::int64_t unix_seconds) { return {unix_seconds, local_date(unix_seconds)}; }

// ---- facts --------------------------------------------------------------------------------

void prepare(Facts& f, const Content& c) {
    // Grouped by team, each team's in order of time. (A store may deliver them in this order
    // already; sorting is skipped then.)
    const auto by_start = [](const MeasureFact& a, const MeasureFact& b) { return a.team != b.team ? a.team < b.team : a.start < b.start; };
    if (!std::is_sorted(f.measures.begin(), f.measures.end(), by_start)) std::stable_sort(f.measures.begin(), f.measures.end(), by_start);
    const auto by_time = [](const IncidentFact& a, const IncidentFact& b) { return a.team != b.team ? a.team < b.team : a.at < b.at; };
    if (!std::is_sorted(f.incidents.begin(), f.incidents.end(), by_time)) std::stable_sort(f.incidents.begin(), f.incidents.end(), by_time);
    const auto by_action = [](const ActionUpdateFact& a, const ActionUpdateFact& b) { return a.action != b.action ? a.action < b.action : a.at < b.at; };
    if (!std::is_sorted(f.action_updates.begin(), f.action_updates.end(), by_action))
        std::stable_sort(f.action_updates.begin(), f.action_updates.end(), by_action);

    canonical_codes(f.measure_types, c.measure_types, [&](const std::vector<std::uint32_t>& to) {
        for (MeasureFact& m : f.measures) m.type = static_cast<std::uint16_t>(to[m.type]);
    });
    canonical_codes(f.categories, c.incident_categories, [&](const std::vector<std::uint32_t>& to) {
        for (IncidentFact& i : f.incidents) i.category = static_cast<std::uint16_t>(to[i.category]);
    });

    f.runs_until_ended.assign(f.measure_types.size(), false);
    f.seclusion.assign(f.measure_types.size(), false);
    for (std::size_t i = 0; i < f.measure_types.size(); ++i)
        if (const MeasureType* t = c.measure_type(f.measure_types[i])) {
            f.runs_until_ended[i] = t->duration != DurationKind::none;
            f.seclusion[i] = t->seclusion;
        }

    // The 24-hour rule: walk each youth's measures in order of start, keeping per youth and type
    // the latest end so far (a running episode has not ended; a point in time ends as it starts).
    // A youth's measures are those of its team, each team's in order of start; should a measure
    // be of another team than its youth, the walk goes by start over all measures instead.
    const std::size_t types = std::max<std::size_t>(1, f.measure_types.size());
    std::vector<std::int64_t> last_end(f.youths.size() * types, kNoTime);
    f.starts_intervention.assign(f.measures.size(), true);
    const auto walk = [&](std::size_t i) {
        const MeasureFact& m = f.measures[i];
        std::int64_t& last = last_end[m.youth * types + m.type];
        f.starts_intervention[i] = last == kNoTime || m.start - last >= kInterventionGap;
        const std::int64_t end = m.end != kNoTime ? m.end : f.runs_until_ended[m.type] ? kForever : m.start;
        last = std::max(last, end);
    };
    const bool with_own_team = std::all_of(f.measures.begin(), f.measures.end(), [&](const MeasureFact& m) { return f.youths[m.youth].team == m.team; });
    if (with_own_team) {
        for (std::size_t i = 0; i < f.measures.size(); ++i) walk(i);
    } else {
        std::vector<std::uint32_t> order(f.measures.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return f.measures[a].start < f.measures[b].start; });
        for (const std::uint32_t i : order) walk(i);
    }

    f.measure_offsets = team_offsets(f.measures, f.teams.size());
    f.incident_offsets = team_offsets(f.incidents, f.teams.size());
    index_by_team(f.actions, f.teams.size(), f.actions_by_team, f.action_offsets);
    build_care_index(f);
    f.warning_bits.clear();
    f.incident_warning_bits.clear();

    f.update_offsets.assign(f.actions.size() + 1, 0);
    for (const ActionUpdateFact& u : f.action_updates) ++f.update_offsets[u.action + 1];
    std::partial_sum(f.update_offsets.begin(), f.update_offsets.end(), f.update_offsets.begin());
}

namespace {

template <typename Map>
std::uint32_t index_of(Map& map, const std::string& key) {
    const auto [it, inserted] = map.try_emplace(key, static_cast<std::uint32_t>(map.size()));
    return it->second;
}

std::int64_t time_or(const std::optional<std::string>& text, std::int64_t fallback) {
    if (!text) return fallback;
    const auto t = parse_timestamp(*text);
    return t ? *t : fallback;
}

}  // namespace

Facts facts_from(const Dataset& data, const std::vector<std::string>& team_ids) {
    Facts f;
    std::unordered_map<std::string, std::uint32_t> team_index, youth_index, meeting_index, action_index, types, categories;
    for (const Team& t : data.teams) {
        if (!team_ids.empty() && std::find(team_ids.begin(), team_ids.end(), t.id) == team_ids.end()) continue;
        team_index.emplace(t.id, static_cast<std::uint32_t>(f.teams.size()));
        f.teams.push_back({t.id, t.name, t.reduction_goal_pct});
    }
    const auto team_of = [&](const std::string& id) -> std::optional<std::uint32_t> {
        const auto it = team_index.find(id);
        if (it == team_index.end()) return std::nullopt;
        return it->second;
    };
    for (const Youth& y : data.youths) {
        const auto team = team_of(y.team_id);
        const auto admitted = parse_date(y.admitted_on);
        if (!team || !admitted) continue;
        YouthFact yf;
        yf.team = *team;
        yf.admitted = days_from_civil(*admitted);
        if (y.discharged_on)
            if (const auto d = parse_date(*y.discharged_on)) yf.discharged = days_from_civil(*d);
        yf.setting = y.setting;
        yf.age_at_admission = y.age_at_admission;
        youth_index.emplace(y.id, static_cast<std::uint32_t>(f.youths.size()));
        f.youths.push_back(yf);
    }
    for (const Measure& m : data.measures) {
        const auto team = team_of(m.team_id);
        const auto youth = youth_index.find(m.youth_id);
        const auto start = parse_timestamp(m.started_at);
        if (!team || youth == youth_index.end() || !start) continue;
        MeasureFact mf;
        mf.start = *start;
        mf.end = time_or(m.ended_at, kNoTime);
        mf.team = *team;
        mf.youth = youth->second;
        mf.type = static_cast<std::uint16_t>(index_of(types, m.type));
        mf.emergency = m.emergency;
        mf.consent = m.consent_at.has_value();
        mf.debrief = m.debrief_at.has_value();
        mf.parents_informed = m.parents_informed_at.has_value();
        f.measures.push_back(mf);
    }
    f.measure_types.resize(types.size());
    for (const auto& [code, i] : types) f.measure_types[i] = code;
    for (const Incident& i : data.incidents) {
        const auto team = team_of(i.team_id);
        const auto at = parse_timestamp(i.occurred_at);
        if (!team || !at) continue;
        IncidentFact inc;
        inc.at = *at;
        inc.team = *team;
        inc.category = static_cast<std::uint16_t>(index_of(categories, i.category));
        inc.severity = static_cast<std::uint8_t>(std::clamp(i.severity, 1, 4));
        inc.reportable = i.reportable;
        if (i.reported_on) inc.reported_on = parse_date(*i.reported_on);
        if (i.investigation_concluded_on) inc.investigation_concluded_on = parse_date(*i.investigation_concluded_on);
        f.incidents.push_back(inc);
    }
    f.categories.resize(categories.size());
    for (const auto& [code, i] : categories) f.categories[i] = code;
    for (const Meeting& m : data.meetings) {
        const auto team = team_of(m.team_id);
        const auto held = parse_date(m.held_on);
        if (!team || !held) continue;
        MeetingFact mf;
        mf.team = *team;
        mf.held_on = *held;
        mf.state = m.state;
        mf.ratings = m.ratings;
        for (const auto& [question, text] : m.answers)
            if (!is_blank(text)) mf.answered.push_back(question);
        meeting_index.emplace(m.id, static_cast<std::uint32_t>(f.meetings.size()));
        f.meetings.push_back(std::move(mf));
    }
    for (const Action& a : data.actions) {
        const auto team = team_of(a.team_id);
        if (!team) continue;
        ActionFact af;
        af.team = *team;
        std::optional<Date> agreed;
        if (a.meeting_id)
            if (const auto it = meeting_index.find(*a.meeting_id); it != meeting_index.end()) agreed = f.meetings[it->second].held_on;
        if (!agreed)
            if (const auto created = parse_timestamp(a.created_at)) agreed = local_date(*created);
        if (!agreed) continue;
        af.agreed_on = *agreed;
        if (a.due_on) af.due_on = parse_date(*a.due_on);
        af.status = a.status;
        af.completed_at = time_or(a.completed_at, kNoTime);
        af.updated_at = time_or(a.updated_at, 0);
        action_index.emplace(a.id, static_cast<std::uint32_t>(f.actions.size()));
        f.actions.push_back(af);
    }
    for (const ActionUpdate& u : data.action_updates) {
        const auto action = action_index.find(u.action_id);
        const auto at = parse_timestamp(u.created_at);
        if (action == action_index.end() || !at) continue;
        ActionUpdateFact uf;
        uf.action = action->second;
        uf.at = *at;
        uf.status = u.status;
        if (u.meeting_id)
            if (const auto it = meeting_index.find(*u.meeting_id); it != meeting_index.end()) uf.meeting = it->second;
        f.action_updates.push_back(uf);
    }
    return f;
}

// ---- figures ------------------------------------------------------------------------------

Figure change_pct(Figure before, Figure now) {
    if (!before || !now || *before == 0) return std::nullopt;
    return (*now - *before) / *before * 100.0;
}

Figure median(std::vector<double> v) { return median_of(v); }

Figure median_of(std::vector<double>& v) {
    if (v.empty()) return std::nullopt;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1) return upper;
    const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
    return (lower + upper) / 2.0;
}

namespace {

// The median of some durations in seconds, in minutes: median_of() of their minutes, to the
// last bit, but ordering integers.
Figure median_minutes(std::vector<std::int64_t>& seconds) {
    if (seconds.empty()) return std::nullopt;
    const std::size_t mid = seconds.size() / 2;
    std::nth_element(seconds.begin(), seconds.begin() + static_cast<std::ptrdiff_t>(mid), seconds.end());
    const double upper = static_cast<double>(seconds[mid]) / 60.0;
    if (seconds.size() % 2 == 1) return upper;
    const double lower = static_cast<double>(*std::max_element(seconds.begin(), seconds.begin() + static_cast<std::ptrdiff_t>(mid))) / 60.0;
    return (lower + upper) / 2.0;
}

// The rule warnings of every measure as they stand at the clock: worked out once per clock,
// not once for every period a measure is counted in.
const std::vector<std::uint8_t>& warnings_at(const Facts& f, const Clock& clock) {
    if (f.warnings_now == clock.now && f.warning_bits.size() == f.measures.size()) return f.warning_bits;
    f.warning_bits.resize(f.measures.size());
    for (std::size_t i = 0; i < f.measures.size(); ++i) {
        const MeasureFact& m = f.measures[i];
        const YouthFact& y = f.youths[m.youth];
        MeasureRuleFacts r;
        r.start = m.start;
        if (m.end != kNoTime) r.end = m.end;
        r.runs_until_ended = f.runs_until_ended[m.type];
        r.emergency = m.emergency;
        r.consent = m.consent;
        r.debrief = m.debrief;
        r.seclusion = f.seclusion[m.type];
        if (r.seclusion) r.age_at_start = age_on(y.age_at_admission, civil_from_days(y.admitted), local_date(m.start));
        r.setting = y.setting;
        f.warning_bits[i] = static_cast<std::uint8_t>(measure_warning_bits(r, clock.now));
    }
    f.warnings_now = clock.now;
    return f.warning_bits;
}

// The reportable incidents' warnings (the inspectorate's deadline) at the clock's day: worked
// out once per clock, as the measures' warnings are.
const std::vector<std::uint8_t>& incident_warnings_at(const Facts& f, const Content& c, const Clock& clock) {
    if (f.incident_warnings_today == clock.today && f.incident_warning_bits.size() == f.incidents.size()) return f.incident_warning_bits;
    f.incident_warning_bits.assign(f.incidents.size(), 0);
    for (std::size_t k = 0; k < f.incidents.size(); ++k) {
        const IncidentFact& i = f.incidents[k];
        if (!i.reportable) continue;
        const IncidentRuleFacts r{true, local_date(i.at), i.reported_on, i.investigation_concluded_on};
        f.incident_warning_bits[k] = static_cast<std::uint8_t>(incident_warning_bits(r, c.holidays, clock.today));
    }
    f.incident_warnings_today = clock.today;
    return f.incident_warning_bits;
}

}  // namespace

MeasureFigures measure_figures(const Facts& f, const Content&, const TeamSet& teams, const Period& p, const Clock& clock) {
    MeasureFigures out;
    out.by_type.resize(f.measure_types.size());
    if (!(p.from < p.to)) return out;
    const std::vector<char> mask = team_mask(f, teams);
    thread_local Stamps counted;
    const Care care = care_of(f, mask, p, clock.today);
    out.care_days = care.days;
    out.youths_in_care = care.youths;
    counted.start(f.youths.size());
    const std::int64_t from_day = days_from_civil(p.from), to_day = days_from_civil(p.to), today = days_from_civil(clock.today);
    const std::vector<std::uint8_t>& warning_bits = warnings_at(f, clock);
    std::int64_t youths_with_measure = 0, debriefs = 0, parents = 0;
    // The durations per type: kept between calls so that their room is not asked for again.
    thread_local std::vector<std::vector<std::int64_t>> durations;  // seconds
    durations.resize(f.measure_types.size());
    for (auto& d : durations) d.clear();
    thread_local std::vector<std::int64_t> seconds;  // per type, summed as integers: the same in any order
    seconds.assign(f.measure_types.size(), 0);
    for_each_in(f.measures, f.measure_offsets, mask, span_of(p), measure_start, [&](std::size_t i) {
        const MeasureFact& m = f.measures[i];
        TypeFigures& t = out.by_type[m.type];
        ++out.measures;
        ++t.count;
        if (f.starts_intervention[i]) {
            ++out.interventions;
            ++t.interventions;
        }
        if (m.end != kNoTime) {
            seconds[m.type] += m.end - m.start;
            durations[m.type].push_back(m.end - m.start);
        } else if (f.runs_until_ended[m.type]) {
            ++out.ongoing;
            ++t.ongoing;
        }
        if (!counted.has(m.youth)) {
            counted.set(m.youth);
            if (care_days_of(f.youths[m.youth], from_day, to_day, today) > 0) ++youths_with_measure;
        }
        debriefs += m.debrief;
        parents += m.parents_informed;

        if (const unsigned bits = warning_bits[i])
            for (std::size_t w = 0; w < out.warnings.size(); ++w)
                if (bits & (1u << w)) ++out.warnings[w];
    });
    const double days = static_cast<double>(out.care_days);
    const double episode_seconds = static_cast<double>(std::accumulate(seconds.begin(), seconds.end(), std::int64_t{0}));
    out.per_1000_care_days = ratio(static_cast<double>(out.measures), days, 1000);
    out.hours_per_1000_hours = ratio(episode_seconds / 3600.0, days * 24.0, 1000);
    out.pct_youths_with_measure = ratio(static_cast<double>(youths_with_measure), static_cast<double>(out.youths_in_care), 100);
    out.pct_debrief = ratio(static_cast<double>(debriefs), static_cast<double>(out.measures), 100);
    out.pct_parents_informed = ratio(static_cast<double>(parents), static_cast<double>(out.measures), 100);
    for (std::size_t t = 0; t < out.by_type.size(); ++t) {
        TypeFigures& tf = out.by_type[t];
        tf.per_1000_care_days = ratio(static_cast<double>(tf.count), days, 1000);
        if (!durations[t].empty()) {
            tf.mean_minutes = static_cast<double>(seconds[t]) / 60.0 / static_cast<double>(durations[t].size());
            tf.median_minutes = median_minutes(durations[t]);
        }
    }
    return out;
}

MeasureRow measure_row(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock) {
    MeasureRow row;
    row.figures = measure_figures(f, c, teams, p, clock);
    row.previous = measure_figures(f, c, teams, previous_period(p), clock);
    row.change_pct = change_pct(row.previous.per_1000_care_days, row.figures.per_1000_care_days);

    // The goal is a yearly reduction: the target is what each team had one year earlier,
    // reduced by its goal, over the care days of one year earlier.
    const Period before = year_earlier(p);
    const std::vector<char> mask = team_mask(f, teams);
    const Care care = care_of(f, mask, before, clock.today);
    double allowed = 0;  // summed per team in the order of the teams, so the same whatever order the measures are in
    const Span span = span_of(before);
    for (std::uint32_t t = 0; t < mask.size(); ++t) {
        if (!mask[t]) continue;
        const auto first = f.measures.begin() + f.measure_offsets[t], last = f.measures.begin() + f.measure_offsets[t + 1];
        const auto lo = std::partition_point(first, last, [&](const MeasureFact& m) { return m.start < span.from; });
        const auto measures = std::partition_point(lo, last, [&](const MeasureFact& m) { return m.start < span.to; }) - lo;
        allowed += static_cast<double>(measures) * (1.0 - f.teams[t].reduction_goal_pct / 100.0);
    }
    std::size_t team_count = 0;
    std::optional<std::uint32_t> only;
    for (std::uint32_t t = 0; t < mask.size(); ++t)
        if (mask[t]) {
            ++team_count;
            only = t;
        }
    if (team_count == 1) row.goal.reduction_goal_pct = f.teams[*only].reduction_goal_pct;
    row.goal.target_per_1000_care_days = ratio(allowed, static_cast<double>(care.days), 1000);
    if (row.goal.target_per_1000_care_days && row.figures.per_1000_care_days)
        row.goal.on_track = *row.figures.per_1000_care_days <= *row.goal.target_per_1000_care_days;
    return row;
}

IncidentFigures incident_figures(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock) {
    IncidentFigures out;
    out.by_category.assign(f.categories.size(), 0);
    if (!(p.from < p.to)) return out;
    const std::vector<char> mask = team_mask(f, teams);
    out.care_days = care_of(f, mask, p, clock.today).days;
    const std::vector<std::uint8_t>& deadline_bits = incident_warnings_at(f, c, clock);
    for_each_in(f.incidents, f.incident_offsets, mask, span_of(p), incident_at, [&](std::size_t k) {
        const IncidentFact& i = f.incidents[k];
        ++out.count;
        ++out.by_category[i.category];
        ++out.by_severity[static_cast<std::size_t>(std::clamp<int>(i.severity, 1, 4) - 1)];
        if (i.reportable) {
            ++out.reportable;
            if (deadline_bits[k] & (1u << static_cast<unsigned>(IncidentWarning::not_reported_in_time))) ++out.reportable_past_deadline;
        }
    });
    out.per_1000_care_days = ratio(static_cast<double>(out.count), static_cast<double>(out.care_days), 1000);
    return out;
}

IncidentRow incident_row(const Facts& f, const Content& c, const TeamSet& teams, const Period& p, const Clock& clock) {
    IncidentRow row;
    row.figures = incident_figures(f, c, teams, p, clock);
    row.previous = incident_figures(f, c, teams, previous_period(p), clock);
    row.change_pct = change_pct(row.previous.per_1000_care_days, row.figures.per_1000_care_days);
    return row;
}

ActionFigures action_figures(const Facts& f, const TeamSet& teams, const Period& p, const Clock& clock) {
    ActionFigures out;
    if (!(p.from < p.to)) return out;
    const std::vector<char> mask = team_mask(f, teams);
    // As the actions stand at the end of the period, or now when that is earlier.
    const std::int64_t end = local_midnight(p.to);
    const bool now_is_earlier = clock.now < end;
    const std::int64_t at = now_is_earlier ? clock.now : end;
    const Date as_of = now_is_earlier ? clock.today : p.to;  // a due date before this day has passed
    const std::int64_t period_start = local_midnight(p.from);

    std::vector<double> days_to_done;
    std::vector<std::uint32_t> meetings;
    const auto count = [&](std::uint32_t a) {
        const ActionFact& act = f.actions[a];
        if (!(act.agreed_on < p.to) || (now_is_earlier && clock.today < act.agreed_on)) return;
        const std::uint32_t first = f.update_offsets[a], last = f.update_offsets[a + 1];

        // Its status then: the current one if it has not changed since; else done when it was
        // completed by then, else the status of its last update by then, else open.
        ActionStatus status = ActionStatus::open;
        if (act.updated_at <= at) {
            status = act.status;
        } else if (act.status == ActionStatus::done && act.completed_at != kNoTime && act.completed_at <= at) {
            status = ActionStatus::done;
        } else {
            for (std::uint32_t u = first; u < last && f.action_updates[u].at <= at; ++u) status = f.action_updates[u].status;
        }

        ++out.agreed;
        switch (status) {
            case ActionStatus::open: ++out.open; break;
            case ActionStatus::in_progress: ++out.in_progress; break;
            case ActionStatus::done: ++out.done; break;
            case ActionStatus::dropped: ++out.dropped; break;
        }
        const bool working = is_working(status);
        if (working && act.due_on && *act.due_on < as_of) ++out.overdue;
        if (working) {
            meetings.clear();
            for (std::uint32_t u = first; u < last && f.action_updates[u].at <= at; ++u)
                if (const auto m = f.action_updates[u].meeting) meetings.push_back(*m);
            std::sort(meetings.begin(), meetings.end());
            if (std::unique(meetings.begin(), meetings.end()) - meetings.begin() >= 3) ++out.stale;
        }

        const bool completed = status == ActionStatus::done && act.completed_at != kNoTime;
        // Done on time: of the actions due in the period and not dropped — leaving out those
        // still open whose due date has not yet come — those done on or before the due date.
        if (act.due_on && !(*act.due_on < p.from) && *act.due_on < p.to && status != ActionStatus::dropped &&
            (completed || *act.due_on < as_of)) {
            ++out.due;
            // (Done on or before the due date: before the local midnight that ends it.)
            if (completed && act.completed_at < local_midnight(add_days(*act.due_on, 1))) ++out.done_on_time;
        }
        if (completed && act.completed_at >= period_start && act.completed_at < at) {
            ++out.completed;
            days_to_done.push_back(static_cast<double>(days_from_civil(local_date(act.completed_at)) - days_from_civil(act.agreed_on)));
        }
    };
    for (std::uint32_t t = 0; t < mask.size(); ++t)
        if (mask[t])
            for (std::uint32_t k = f.action_offsets[t]; k < f.action_offsets[t + 1]; ++k) count(f.actions_by_team[k]);
    out.done_on_time_pct = ratio(static_cast<double>(out.done_on_time), static_cast<double>(out.due), 100);
    out.median_days_to_done = median(std::move(days_to_done));
    return out;
}

namespace {

// Calls `row(set, period)` for every team set and period — row i is set i / periods.size() and
// period i % periods.size() — and hands each row to `use(i, row)` on the calling thread, in
// order, as soon as it and every row before it are done: a report writes its first rows while
// the next are still being worked out. The rows are taken in small batches by as many threads
// as the machine has cores (up to eight), the calling thread among them while it waits. The
// figure functions only read the facts once their caches at the clock are filled, which the
// caller does first. A failure — in any thread, or in `use` — is thrown here, after every
// thread has stopped.
template <typename Row, typename MakeRow, typename UseRow>
void rows_in_order(std::size_t sets, const std::vector<Period>& periods, MakeRow row, UseRow use) {
    const std::size_t total = sets * periods.size();
    if (total == 0) return;
    std::vector<Row> out(total);
    const std::unique_ptr<std::atomic<bool>[]> done(new std::atomic<bool>[total]());
    constexpr std::size_t kBatch = 8;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex failure_lock;
    std::exception_ptr failure;
    // Works out one batch, if any is left; false when none is.
    const auto batch = [&] {
        const std::size_t first = next.fetch_add(kBatch);
        if (first >= total) return false;
        const std::size_t last = std::min(total, first + kBatch);
        try {
            for (std::size_t i = first; i < last; ++i) out[i] = row(i / periods.size(), periods[i % periods.size()]);
        } catch (...) {
            {
                const std::lock_guard lock(failure_lock);
                if (!failure) failure = std::current_exception();
            }
            failed = true;
            next = total;
        }
        for (std::size_t i = first; i < last; ++i) {
            done[i].store(true, std::memory_order_release);
            done[i].notify_one();
        }
        return true;
    };
    // (A few rows are quicker worked out here than a thread is started.)
    const std::size_t wanted = total < 64 ? 1 : std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, (total + kBatch - 1) / kBatch});
    std::vector<std::thread> helpers;
    for (std::size_t i = 1; i < wanted; ++i) {
        try {
            helpers.emplace_back([&]() noexcept {
                while (batch()) {
                }
            });
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones there are do the work
        }
    }
    const auto stop = [&] {
        next = total;
        for (std::thread& t : helpers) t.join();
        helpers.clear();
    };
    try {
        for (std::size_t i = 0; i < total && !failed; ++i) {
            while (!done[i].load(std::memory_order_acquire))
                if (!batch()) done[i].wait(false, std::memory_order_acquire);
            if (failed) break;
            use(i, out[i]);
            out[i] = Row{};  // written: its room is given back
        }
    } catch (...) {
        stop();
        throw;
    }
    stop();
    if (failure) std::rethrow_exception(failure);
}

template <typename Row, typename MakeRow>
std::vector<Row> rows_on_cores(std::size_t sets, const std::vector<Period>& periods, MakeRow row) {
    std::vector<Row> rows;
    rows.reserve(sets * periods.size());
    rows_in_order<Row>(sets, periods, row, [&](std::size_t, Row& r) { rows.push_back(std::move(r)); });
    return rows;
}

}  // namespace

void for_each_measure_row(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                          const Clock& clock, const std::function<void(std::size_t, const MeasureRow&)>& use) {
    warnings_at(f, clock);
    rows_in_order<MeasureRow>(
        teams.size(), periods, [&](std::size_t t, const Period& p) { return measure_row(f, c, teams[t], p, clock); },
        [&](std::size_t i, const MeasureRow& r) { use(i, r); });
}

void for_each_incident_row(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                           const Clock& clock, const std::function<void(std::size_t, const IncidentRow&)>& use) {
    incident_warnings_at(f, c, clock);
    rows_in_order<IncidentRow>(
        teams.size(), periods, [&](std::size_t t, const Period& p) { return incident_row(f, c, teams[t], p, clock); },
        [&](std::size_t i, const IncidentRow& r) { use(i, r); });
}

std::vector<MeasureRow> measure_rows(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                                     const Clock& clock) {
    warnings_at(f, clock);
    return rows_on_cores<MeasureRow>(teams.size(), periods, [&](std::size_t t, const Period& p) { return measure_row(f, c, teams[t], p, clock); });
}

std::vector<IncidentRow> incident_rows(const Facts& f, const Content& c, const std::vector<TeamSet>& teams, const std::vector<Period>& periods,
                                       const Clock& clock) {
    incident_warnings_at(f, c, clock);
    return rows_on_cores<IncidentRow>(teams.size(), periods, [&](std::size_t t, const Period& p) { return incident_row(f, c, teams[t], p, clock); });
}

GuidelineFigures guideline_figures(const Facts& f, const Content& c, const TeamSet& teams, const Period& p) {
    GuidelineFigures out;
    const std::vector<char> mask = team_mask(f, teams);
    const Guideline& g = c.guideline;
    std::unordered_map<std::string_view, std::size_t> block_of, rec_index;  // item id → block; recommendation id → position
    for (std::size_t b = 0; b < g.building_blocks.size(); ++b) {
        const BuildingBlock& block = g.building_blocks[b];
        block_of.emplace(block.id, b);
        for (const GuidelineItem& t : block.topics) block_of.emplace(t.id, b);
        for (const GuidelineItem& r : block.recommendations) {
            block_of.emplace(r.id, b);
            rec_index.emplace(r.id, out.recommendations.size());
            out.recommendations.push_back({r.id, std::nullopt, std::nullopt, std::nullopt, 0});
        }
    }
    std::vector<char> reflected(g.building_blocks.size(), 0);

    // Meetings held (not merely planned) before the end of the period, oldest first.
    std::vector<const MeetingFact*> held;
    for (const MeetingFact& m : f.meetings)
        if (mask[m.team] && m.state != MeetingState::planned && m.held_on < p.to) held.push_back(&m);
    std::stable_sort(held.begin(), held.end(), [](const MeetingFact* a, const MeetingFact* b) { return a->held_on < b->held_on; });
    for (const MeetingFact* m : held) {
        const bool in_period = !(m->held_on < p.from);
        if (in_period) ++out.meetings;
        for (const auto& [id, rating] : m->ratings) {
            const auto r = rec_index.find(id);
            if (r == rec_index.end()) continue;
            RecommendationFigures& rf = out.recommendations[r->second];
            rf.before_latest = rf.latest;
            rf.latest = rating;
            rf.latest_on = m->held_on;
            if (in_period) {
                ++rf.times_rated;
                reflected[block_of.at(id)] = 1;
            }
        }
        if (in_period)
            for (const std::string& q : m->answered)
                if (const auto b = block_of.find(q); b != block_of.end()) reflected[b->second] = 1;
    }
    for (std::size_t b = 0; b < reflected.size(); ++b)
        if (reflected[b]) out.blocks_reflected.push_back(g.building_blocks[b].id);
    return out;
}

std::optional<Date> last_meeting(const Facts& f, const TeamSet& teams, const Date& before) {
    const std::vector<char> mask = team_mask(f, teams);
    std::optional<Date> last;
    for (const MeetingFact& m : f.meetings)
        if (mask[m.team] && m.state != MeetingState::planned && m.held_on < before && (!last || *last < m.held_on)) last = m.held_on;
    return last;
}

}  // namespace ts::ind
