// The import policy over the store interface (see import.hpp and docs/bundle-format.md).
//
// Import is all-or-nothing: every check runs inside the one transaction before the first
// record is written, and any failure (a refused record or a failing database) undoes it.
#include "store/import.hpp"

#include "core/fields.hpp"
#include "core/rules.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ts {
namespace {

std::string at(std::string_view list, std::size_t index) {
    return std::string(list) + "[" + std::to_string(index) + "]";
}
std::string at(std::string_view list, std::size_t index, std::string_view field) {
    return at(list, index) + "." + std::string(field);
}

// Newer wins. A stored stamp that cannot be read loses against any readable one.
bool is_newer(const std::string& bundle, const std::string& stored) {
    const auto b = parse_timestamp(bundle);
    const auto s = parse_timestamp(stored);
    if (!b) return false;
    if (!s) return true;
    return *b > *s;
}

enum class Fate { insert, update, keep };

// The owner (team, or action) of the records of one kind, by id: the bundle's records first,
// then the store's, each stored one asked for once.
class Owners {
public:
    Owners(Store& store, Kind kind) : store_(store), kind_(kind) {}

    template <typename T>
    void add(const std::vector<T>& records) {
        for (const T& r : records) bundle_.emplace(r.id, owner_of(r));
    }

    // Empty when the record is in neither.
    std::optional<std::string> of(const std::string& id) {
        if (auto it = bundle_.find(id); it != bundle_.end()) return it->second;
        auto it = stored_.find(id);
        if (it == stored_.end()) {
            const auto head = store_.head(kind_, id);
            it = stored_.emplace(id, head ? std::optional<std::string>(head->owner) : std::nullopt).first;
        }
        return it->second;
    }

    // A reference to a record of a team: it must exist (in the bundle or the store) and belong
    // to the same team, so that a team's bundle always holds everything its records point to.
    void check(const std::string& id, const std::string& team_id, const std::string& path, const char* what) {
        const auto owner = of(id);
        if (!owner) throw ImportError(path, std::string("unknown ") + what);
        if (*owner != team_id) throw ImportError(path, std::string(what) + " of another team");
    }
    void check(const std::optional<std::string>& id, const std::string& team_id, const std::string& path, const char* what) {
        if (id) check(*id, team_id, path, what);
    }

private:
    Store& store_;
    Kind kind_;
    std::unordered_map<std::string, std::string> bundle_;
    std::unordered_map<std::string, std::optional<std::string>> stored_;
};

// Decides insert / update / keep for every record of one list, and refuses a record that
// would move to another owner (its stored children would be left behind).
template <typename T>
std::vector<Fate> decide(Store& store, const std::vector<T>& records, ImportSummary& sum) {
    const auto& table = table_of<T>();
    std::vector<Fate> out;
    out.reserve(records.size());
    std::unordered_map<std::string, std::size_t> first_at;  // the reader refuses these too; a Dataset may come from elsewhere
    for (std::size_t i = 0; i < records.size(); ++i) {
        const T& r = records[i];
        if (auto [it, fresh] = first_at.emplace(r.id, i); !fresh)
            throw ImportError(at(table.list, i, "id"), "duplicate id (also " + at(table.list, it->second) + ")");
        const auto stored = store.head(table.kind, r.id);
        if (!stored) {
            out.push_back(Fate::insert);
            ++sum.inserted;
            continue;
        }
        if (stored->owner != owner_of(r))
            throw ImportError(at(table.list, i, table.owner),
                              "differs from the stored record (" + std::string(table.owner) + " cannot change)");
        if (is_newer(r.updated_at, stored->updated_at)) {
            out.push_back(Fate::update);
            ++sum.updated;
        } else {
            out.push_back(Fate::keep);
            ++sum.unchanged;
        }
    }
    return out;
}

// Team names stay unique (as team_name_key) among the stored teams overlaid by the winners.
void check_team_names(Store& store, const std::vector<Team>& teams, const std::vector<Fate>& fate) {
    std::map<std::string, std::string> name_of;  // team id -> name
    for (const Team& t : store.teams()) name_of[t.id] = t.name;
    for (std::size_t i = 0; i < teams.size(); ++i)
        if (fate[i] != Fate::keep) name_of[teams[i].id] = teams[i].name;
    std::map<std::string, int> uses;
    for (const auto& [id, name] : name_of) ++uses[team_name_key(name)];
    for (std::size_t i = 0; i < teams.size(); ++i)
        if (fate[i] != Fate::keep && uses[team_name_key(teams[i].name)] > 1)
            throw ImportError(at("teams", i, "name"), "a different team with this name already exists");
}

// A team's youth codes stay unique among its stored youths overlaid by the winners. Only the
// teams a winning youth belongs to can get a clash (a youth never moves to another team).
void check_youth_codes(Store& store, const std::vector<Youth>& youths, const std::vector<Fate>& fate) {
    std::map<std::string, std::pair<std::string, std::string>> code_of;  // youth id -> (team id, code)
    std::map<std::string, bool> teams_read;
    for (std::size_t i = 0; i < youths.size(); ++i) {
        if (fate[i] == Fate::keep || teams_read[youths[i].team_id]) continue;
        teams_read[youths[i].team_id] = true;
        for (const Youth& y : store.youths(youths[i].team_id)) code_of[y.id] = {y.team_id, y.code};
    }
    for (std::size_t i = 0; i < youths.size(); ++i)
        if (fate[i] != Fate::keep) code_of[youths[i].id] = {youths[i].team_id, youths[i].code};
    std::map<std::pair<std::string, std::string>, int> uses;
    for (const auto& [id, team_code] : code_of) ++uses[team_code];
    for (std::size_t i = 0; i < youths.size(); ++i)
        if (fate[i] != Fate::keep && uses[{youths[i].team_id, youths[i].code}] > 1)
            throw ImportError(at("youths", i, "code"), english_problem("error.youth.code_taken"));
}

// What the database's refusal says of a record, in the import's words.
const char* refusal(ConstraintError::Reason reason) {
    switch (reason) {
        case ConstraintError::Reason::clash: return "clashes with a stored record";
        case ConstraintError::Reason::reference: return "refers to a record that does not exist";
        case ConstraintError::Reason::value: break;
    }
    return "has a value the database refuses";
}

// Saves the records whose fate is not keep; a record the database refuses is named.
template <typename T, typename Save>
void save_each(const std::vector<T>& records, const std::vector<Fate>& fate, Save&& save) {
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (fate[i] == Fate::keep) continue;
        try {
            save(records[i]);
        } catch (const ConstraintError& e) {
            throw ImportError(at(table_of<T>().list, i), refusal(e.reason()));
        }
    }
}

}  // namespace

ImportSummary import_dataset(Store& store, const Dataset& d) {
    ImportSummary sum;
    store.transaction([&] {
        sum = ImportSummary{};
        // --- decide, before anything is written ---
        const auto team_fate = decide(store, d.teams, sum);
        const auto member_fate = decide(store, d.members, sum);
        const auto youth_fate = decide(store, d.youths, sum);
        const auto incident_fate = decide(store, d.incidents, sum);
        const auto measure_fate = decide(store, d.measures, sum);
        const auto meeting_fate = decide(store, d.meetings, sum);
        const auto action_fate = decide(store, d.actions, sum);
        const auto update_fate = decide(store, d.action_updates, sum);

        // --- names and codes that must stay unique, as they will be after the import ---
        check_team_names(store, d.teams, team_fate);
        check_youth_codes(store, d.youths, youth_fate);

        // --- references: in the bundle or in the store, and within one team ---
        Owners teams(store, Kind::team), members(store, Kind::member), youths(store, Kind::youth),
            incidents(store, Kind::incident), meetings(store, Kind::meeting), actions(store, Kind::action);
        teams.add(d.teams);
        members.add(d.members);
        youths.add(d.youths);
        incidents.add(d.incidents);
        meetings.add(d.meetings);
        actions.add(d.actions);
        const auto known_team = [&](const std::string& team_id, const char* list, std::size_t i) {
            if (!teams.of(team_id)) throw ImportError(at(list, i, "team_id"), "unknown team");
        };
        for (std::size_t i = 0; i < d.members.size(); ++i) known_team(d.members[i].team_id, "members", i);
        for (std::size_t i = 0; i < d.youths.size(); ++i) known_team(d.youths[i].team_id, "youths", i);
        for (std::size_t i = 0; i < d.incidents.size(); ++i) {
            const Incident& x = d.incidents[i];
            known_team(x.team_id, "incidents", i);
            for (std::size_t k = 0; k < x.youth_ids.size(); ++k)
                youths.check(x.youth_ids[k], x.team_id, at("incidents", i, "youth_ids") + "[" + std::to_string(k) + "]", "youth");
        }
        for (std::size_t i = 0; i < d.measures.size(); ++i) {
            const Measure& x = d.measures[i];
            known_team(x.team_id, "measures", i);
            youths.check(x.youth_id, x.team_id, at("measures", i, "youth_id"), "youth");
            incidents.check(x.incident_id, x.team_id, at("measures", i, "incident_id"), "incident");
        }
        for (std::size_t i = 0; i < d.meetings.size(); ++i) {
            const Meeting& x = d.meetings[i];
            known_team(x.team_id, "meetings", i);
            members.check(x.facilitator_id, x.team_id, at("meetings", i, "facilitator"), "member");
            for (std::size_t k = 0; k < x.attendee_ids.size(); ++k)
                members.check(x.attendee_ids[k], x.team_id, at("meetings", i, "attendee_ids") + "[" + std::to_string(k) + "]", "member");
            for (std::size_t k = 0; k < x.discussed_incident_ids.size(); ++k)
                incidents.check(x.discussed_incident_ids[k], x.team_id,
                                at("meetings", i, "discussed_incident_ids") + "[" + std::to_string(k) + "]", "incident");
        }
        for (std::size_t i = 0; i < d.actions.size(); ++i) {
            const Action& x = d.actions[i];
            known_team(x.team_id, "actions", i);
            meetings.check(x.meeting_id, x.team_id, at("actions", i, "meeting_id"), "meeting");
            members.check(x.owner_id, x.team_id, at("actions", i, "owner_id"), "member");
            incidents.check(x.incident_id, x.team_id, at("actions", i, "incident_id"), "incident");
        }
        for (std::size_t i = 0; i < d.action_updates.size(); ++i) {
            const ActionUpdate& x = d.action_updates[i];
            const auto team = actions.of(x.action_id);
            if (!team) throw ImportError(at("action_updates", i, "action_id"), "unknown action");
            meetings.check(x.meeting_id, *team, at("action_updates", i, "meeting_id"), "meeting");
        }

        // --- write, in dependency order; the registers log "created" or old -> new ---
        const std::string who = "import";
        save_each(d.teams, team_fate, [&](const Team& x) { store.save_team(x, who); });
        save_each(d.members, member_fate, [&](const Member& x) { store.save_member(x, who); });
        save_each(d.youths, youth_fate, [&](const Youth& x) { store.save_youth(x, who); });
        save_each(d.incidents, incident_fate, [&](const Incident& x) { store.save_incident(x, who); });
        save_each(d.measures, measure_fate, [&](const Measure& x) { store.save_measure(x, who); });
        save_each(d.meetings, meeting_fate, [&](const Meeting& x) { store.save_meeting(x, who); });
        save_each(d.actions, action_fate, [&](const Action& x) { store.save_action(x, who); });
        save_each(d.action_updates, update_fate, [&](const ActionUpdate& x) { store.save_action_update(x, who); });
    });
    return sum;
}

}  // namespace ts
