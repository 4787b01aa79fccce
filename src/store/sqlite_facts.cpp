// SqliteStore::facts: the compact rows the indicator engine counts, read straight from the
// tables through their indexes (no records are built), so that a report over ten years of
// forty teams reads each row once.
#include "store/sqlite_store.hpp"

#include "core/time.hpp"
#include "core/validation.hpp"

#include <nlohmann/json.hpp>

#include <unordered_map>

namespace ts {
namespace {

// Look-ups by id without making a string for every row.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdIndex = std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>>;

std::optional<std::uint32_t> find(const IdIndex& index, std::string_view id) {
    const auto it = index.find(id);
    if (it == index.end()) return std::nullopt;
    return it->second;
}

std::uint32_t intern(IdIndex& index, std::vector<std::string>& codes, std::string_view code) {
    if (const auto it = index.find(code); it != index.end()) return it->second;
    const auto i = static_cast<std::uint32_t>(codes.size());
    codes.emplace_back(code);
    index.emplace(std::string(code), i);
    return i;
}

std::int64_t time_or(std::string_view text, std::int64_t fallback) {
    if (text.empty()) return fallback;
    const auto t = parse_timestamp(text);
    return t ? *t : fallback;
}

std::optional<Date> date_of(const sql::Stmt& s, int col) {
    if (s.is_null(col)) return std::nullopt;
    return parse_date(s.view(col));
}

ActionStatus status_of(std::string_view s) { return action_status_from_string(s).value_or(ActionStatus::open); }

}  // namespace

ind::Facts SqliteStore::facts(const ind::FactsQuery& q) {
    ind::Facts f;
    // The teams of the query as a JSON list, so one statement serves one team or forty.
    const bool all = q.team_ids.empty();
    const std::string teams_json = nlohmann::json(q.team_ids).dump();
    const std::string team_filter = all ? "1" : "team_id IN (SELECT value FROM json_each(:teams))";
    const auto bind_teams = [&](sql::Stmt& s) {
        if (!all) s.bind(":teams", teams_json);
    };
    const std::string from = format_timestamp(local_midnight(q.range.from));
    const std::string to = format_timestamp(local_midnight(q.range.to));
    const std::string to_date = format_date(q.range.to);
    sql::Transaction tx(db_, sql::Transaction::Kind::deferred);  // one snapshot for every query

    IdIndex team_index;
    {
        reading(Kind::team);
        sql::Stmt s(db_, "SELECT id, name, reduction_goal_pct FROM team WHERE " + (all ? std::string("1") : "id IN (SELECT value FROM json_each(:teams))") +
                             " ORDER BY name, id");
        bind_teams(s);
        while (s.step()) {
            team_index.emplace(s.text(0), static_cast<std::uint32_t>(f.teams.size()));
            f.teams.push_back({s.text(0), s.text(1), s.real(2)});
        }
    }

    IdIndex youth_index;
    if (q.measures || q.incidents) {
        reading(Kind::youth);
        sql::Stmt s(db_, "SELECT id, team_id, admitted_on, discharged_on, setting, age_at_admission FROM youth WHERE " + team_filter);
        bind_teams(s);
        while (s.step()) {
            const auto team = find(team_index, s.view(1));
            const auto admitted = parse_date(s.view(2));
            if (!team || !admitted) continue;
            ind::YouthFact y;
            y.team = *team;
            y.admitted = days_from_civil(*admitted);
            if (const auto d = date_of(s, 3)) y.discharged = days_from_civil(*d);
            y.setting = care_setting_from_string(s.view(4)).value_or(CareSetting::open);
            y.age_at_admission = s.opt_int(5);
            youth_index.emplace(s.text(0), static_cast<std::uint32_t>(f.youths.size()));
            f.youths.push_back(y);
        }
    }

    if (q.measures) {
        reading(Kind::measure);
        IdIndex types;
        const std::string episode_types = nlohmann::json(q.episode_types).dump();
        // The measures that start in the range, and the earlier ones that may continue an
        // intervention into it: ended less than 24 hours before the range, or still running.
        const std::string day_before = format_timestamp(local_midnight(q.range.from) - 24 * 3600);
        sql::Stmt s(db_,
                    "SELECT team_id, youth_id, type, started_at, ended_at, emergency, consent_at IS NOT NULL,"
                    " debrief_at IS NOT NULL, parents_informed_at IS NOT NULL FROM measure WHERE " +
                        team_filter +
                        " AND ((started_at >= :from AND started_at < :to) OR (started_at < :from AND (ended_at > :day_before"
                        " OR (ended_at IS NULL AND (started_at > :day_before OR type IN (SELECT value FROM json_each(:episodes)))))))");
        bind_teams(s);
        s.bind(":from", from).bind(":to", to).bind(":day_before", day_before).bind(":episodes", episode_types);
        while (s.step()) {
            const auto team = find(team_index, s.view(0));
            const auto youth = find(youth_index, s.view(1));
            const auto start = parse_timestamp(s.view(3));
            if (!team || !youth || !start) continue;
            ind::MeasureFact m;
            m.start = *start;
            m.end = time_or(s.view(4), ind::kNoTime);
            m.team = *team;
            m.youth = *youth;
            m.type = static_cast<std::uint16_t>(intern(types, f.measure_types, s.view(2)));
            m.emergency = s.integer(5) != 0;
            m.consent = s.integer(6) != 0;
            m.debrief = s.integer(7) != 0;
            m.parents_informed = s.integer(8) != 0;
            f.measures.push_back(m);
        }
    }

    if (q.incidents) {
        reading(Kind::incident);
        IdIndex categories;
        sql::Stmt s(db_, "SELECT team_id, occurred_at, category, severity, reportable FROM incident WHERE " + team_filter +
                             " AND occurred_at >= :from AND occurred_at < :to");
        bind_teams(s);
        s.bind(":from", from).bind(":to", to);
        while (s.step()) {
            const auto team = find(team_index, s.view(0));
            const auto at = parse_timestamp(s.view(1));
            if (!team || !at) continue;
            ind::IncidentFact i;
            i.at = *at;
            i.team = *team;
            i.category = static_cast<std::uint16_t>(intern(categories, f.categories, s.view(2)));
            i.severity = static_cast<std::uint8_t>(std::clamp<std::int64_t>(s.integer(3), 1, 4));
            i.reportable = s.integer(4) != 0;
            f.incidents.push_back(i);
        }
    }

    IdIndex meeting_index;
    if (q.meetings || q.actions) {
        reading(Kind::meeting);
        sql::Stmt s(db_, "SELECT id, team_id, held_on, state FROM meeting WHERE " + team_filter + " AND held_on < :to ORDER BY held_on, id");
        bind_teams(s);
        s.bind(":to", to_date);
        while (s.step()) {
            const auto team = find(team_index, s.view(1));
            const auto held = parse_date(s.view(2));
            if (!team || !held) continue;
            ind::MeetingFact m;
            m.team = *team;
            m.held_on = *held;
            m.state = meeting_state_from_string(s.view(3)).value_or(MeetingState::planned);
            meeting_index.emplace(s.text(0), static_cast<std::uint32_t>(f.meetings.size()));
            f.meetings.push_back(std::move(m));
        }
    }
    if (q.meetings) {
        const std::string of_meetings = "meeting_id IN (SELECT id FROM meeting WHERE " + team_filter + " AND held_on < :to)";
        sql::Stmt r(db_, "SELECT meeting_id, recommendation_id, rating FROM meeting_rating WHERE " + of_meetings);
        bind_teams(r);
        r.bind(":to", to_date);
        while (r.step())
            if (const auto m = find(meeting_index, r.view(0)))
                if (const auto rating = rating_from_string(r.view(2))) f.meetings[*m].ratings.emplace_back(r.text(1), *rating);
        sql::Stmt a(db_, "SELECT meeting_id, question_id, text FROM meeting_answer WHERE " + of_meetings);
        bind_teams(a);
        a.bind(":to", to_date);
        while (a.step())
            if (const auto m = find(meeting_index, a.view(0)); m && !is_blank(a.text(2))) f.meetings[*m].answered.push_back(a.text(1));
    }

    if (q.actions) {
        reading(Kind::action);
        IdIndex action_index;
        sql::Stmt s(db_,
                    "SELECT a.id, a.team_id, m.held_on, a.created_at, a.due_on, a.status, a.completed_at, a.updated_at"
                    " FROM action AS a LEFT JOIN meeting AS m ON m.id = a.meeting_id WHERE " +
                        (all ? std::string("1") : "a.team_id IN (SELECT value FROM json_each(:teams))"));
        bind_teams(s);
        while (s.step()) {
            const auto team = find(team_index, s.view(1));
            if (!team) continue;
            std::optional<Date> agreed = date_of(s, 2);
            if (!agreed)
                if (const auto created = parse_timestamp(s.view(3))) agreed = local_date(*created);
            if (!agreed) continue;
            ind::ActionFact a;
            a.team = *team;
            a.agreed_on = *agreed;
            a.due_on = date_of(s, 4);
            a.status = status_of(s.view(5));
            a.completed_at = time_or(s.view(6), ind::kNoTime);
            a.updated_at = time_or(s.view(7), 0);
            action_index.emplace(s.text(0), static_cast<std::uint32_t>(f.actions.size()));
            f.actions.push_back(a);
        }
        reading(Kind::action_update);
        sql::Stmt u(db_,
                    "SELECT u.action_id, u.created_at, u.status, u.meeting_id FROM action_update AS u JOIN action AS a ON a.id = u.action_id"
                    " WHERE " +
                        (all ? std::string("1") : "a.team_id IN (SELECT value FROM json_each(:teams))"));
        bind_teams(u);
        while (u.step()) {
            const auto action = find(action_index, u.view(0));
            const auto at = parse_timestamp(u.view(1));
            if (!action || !at) continue;
            ind::ActionUpdateFact up;
            up.action = *action;
            up.at = *at;
            up.status = status_of(u.view(2));
            if (!u.is_null(3)) up.meeting = find(meeting_index, u.view(3));
            f.action_updates.push_back(up);
        }
    }
    tx.commit();
    return f;
}

}  // namespace ts
