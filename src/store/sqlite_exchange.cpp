// Bundle export and import for the SQLite store (see docs/bundle-format.md).
//
// Import is all-or-nothing: every check runs inside the one write transaction before the
// first row is written, and any failure (a refused record or an SQL error) rolls it back.
#include "store/sqlite_store.hpp"

#include "core/rules.hpp"
#include "core/validation.hpp"
#include "core/time.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <unordered_map>

namespace ts {
namespace {

template <typename T>
std::vector<T> by_id(std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return v;
}

std::string at(const char* list, std::size_t index) { return std::string(list) + "[" + std::to_string(index) + "]"; }
std::string at(const char* list, std::size_t index, const char* field) { return at(list, index) + "." + field; }

// Newer wins. A stored stamp that cannot be read loses against any readable one.
bool is_newer(const std::string& bundle, const std::string& stored) {
    const auto b = parse_timestamp(bundle);
    const auto s = parse_timestamp(stored);
    if (!b) return false;
    if (!s) return true;
    return *b > *s;
}


// A constraint the record broke while being written, in words; the caller names the record.
// Anything else (busy, disk full, damaged) is the database's failure, not the record's: empty.
std::optional<std::string> record_problem(const sql::Error& e) {
    const int code = e.code();
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) return "clashes with a stored record";
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return "refers to a record that does not exist";
    if ((code & 0xFF) == SQLITE_CONSTRAINT) return "has a value the database refuses";
    return std::nullopt;
}

enum class Fate { insert, update, keep };

// One table's stored copies, looked up by id: updated_at and the owner column (team_id, or
// action_id for action updates). Records of the bundle are seen first.
class Lookup {
public:
    Lookup(sql::Db& db, const char* table, const char* owner_column)
        : find_(db, std::string("SELECT updated_at, ") + owner_column + " FROM " + table + " WHERE id = :id") {}

    struct Row {
        std::string updated_at, owner;
    };

    std::optional<Row> stored(const std::string& id) {
        find_.bind(":id", id);
        std::optional<Row> row;
        if (find_.step()) row = Row{find_.text(0), find_.text(1)};
        find_.reset();
        return row;
    }

    void add_from_bundle(const std::string& id, const std::string& owner) { bundle_.emplace(id, owner); }

    // The owner of a record in the bundle or else the database; empty when it exists in neither.
    std::optional<std::string> owner(const std::string& id) {
        if (auto it = bundle_.find(id); it != bundle_.end()) return it->second;
        if (auto row = stored(id)) return row->owner;
        return std::nullopt;
    }

private:
    sql::Stmt find_;
    std::unordered_map<std::string, std::string> bundle_;
};

// Decides insert / update / keep for every record of one list, and refuses a record that
// would move to another team (its stored children would be left in the old one).
template <typename T>
std::vector<Fate> decide(const std::vector<T>& records, Lookup& table, const char* list, const char* owner_field,
                         std::string T::*owner, ImportSummary& sum) {
    std::vector<Fate> out;
    out.reserve(records.size());
    std::unordered_map<std::string, std::size_t> first_at;  // the reader refuses these too; a Dataset may come from elsewhere
    for (std::size_t i = 0; i < records.size(); ++i) {
        const T& r = records[i];
        if (auto [it, fresh] = first_at.emplace(r.id, i); !fresh)
            throw ImportError(at(list, i, "id"), "duplicate id (also " + at(list, it->second) + ")");
        const auto row = table.stored(r.id);
        if (!row) {
            out.push_back(Fate::insert);
            ++sum.inserted;
            continue;
        }
        if (row->owner != r.*owner)
            throw ImportError(at(list, i, owner_field), std::string("differs from the stored record (") + owner_field +
                                                             " cannot change)");
        if (is_newer(r.updated_at, row->updated_at)) {
            out.push_back(Fate::update);
            ++sum.updated;
        } else {
            out.push_back(Fate::keep);
            ++sum.unchanged;
        }
    }
    return out;
}

// A reference to a record of a team: it must exist (in the bundle or the database) and belong
// to the same team, so that a team's bundle always holds everything its records point to.
void check_ref(Lookup& table, const std::string& id, const std::string& team_id, const std::string& path, const char* what) {
    const auto owner = table.owner(id);
    if (!owner) throw ImportError(path, std::string("unknown ") + what);
    if (*owner != team_id) throw ImportError(path, std::string(what) + " of another team");
}

void check_opt_ref(Lookup& table, const std::optional<std::string>& id, const std::string& team_id, const std::string& path,
                   const char* what) {
    if (id) check_ref(table, *id, team_id, path, what);
}

}  // namespace

Dataset SqliteStore::export_data(const std::optional<std::string>& team_id) {
    const bool all = !team_id || team_id->empty();
    const std::string team = all ? std::string() : *team_id;
    const auto bind_team = [&](sql::Stmt& s) {
        if (!all) s.bind(":team", team);
    };
    const char* owned = all ? "" : "team_id = :team";
    Dataset d;
    d.teams = by_id(read<Team>(all ? "" : "id = :team", bind_team));
    d.members = by_id(read<Member>(owned, bind_team));
    d.youths = by_id(read<Youth>(owned, bind_team));
    d.measures = by_id(read<Measure>(owned, bind_team));
    d.incidents = by_id(read<Incident>(owned, bind_team));
    d.meetings = by_id(read<Meeting>(owned, bind_team));
    d.actions = by_id(read<Action>(owned, bind_team));
    d.action_updates = by_id(read<ActionUpdate>(all ? "" : "action_id IN (SELECT id FROM action WHERE team_id = :team)", bind_team));
    return d;
}

ImportSummary SqliteStore::import_data(const Dataset& d) {
    ImportSummary sum;
    write("the bundle", std::vector<Kind>(kAllKinds.begin(), kAllKinds.end()), [&] {
        sum = ImportSummary{};
        Lookup teams(db_, "team", "id"), members(db_, "member", "team_id"), youths(db_, "youth", "team_id"),
            measures(db_, "measure", "team_id"), incidents(db_, "incident", "team_id"), meetings(db_, "meeting", "team_id"),
            actions(db_, "action", "team_id"), updates(db_, "action_update", "action_id");

        // --- decide, before anything is written ---
        const auto team_fate = decide(d.teams, teams, "teams", "id", &Team::id, sum);
        const auto member_fate = decide(d.members, members, "members", "team_id", &Member::team_id, sum);
        const auto youth_fate = decide(d.youths, youths, "youths", "team_id", &Youth::team_id, sum);
        const auto incident_fate = decide(d.incidents, incidents, "incidents", "team_id", &Incident::team_id, sum);
        const auto measure_fate = decide(d.measures, measures, "measures", "team_id", &Measure::team_id, sum);
        const auto meeting_fate = decide(d.meetings, meetings, "meetings", "team_id", &Meeting::team_id, sum);
        const auto action_fate = decide(d.actions, actions, "actions", "team_id", &Action::team_id, sum);
        const auto update_fate = decide(d.action_updates, updates, "action_updates", "action_id", &ActionUpdate::action_id, sum);

        for (const auto& t : d.teams) teams.add_from_bundle(t.id, t.id);
        for (const auto& m : d.members) members.add_from_bundle(m.id, m.team_id);
        for (const auto& y : d.youths) youths.add_from_bundle(y.id, y.team_id);
        for (const auto& i : d.incidents) incidents.add_from_bundle(i.id, i.team_id);
        for (const auto& m : d.measures) measures.add_from_bundle(m.id, m.team_id);
        for (const auto& m : d.meetings) meetings.add_from_bundle(m.id, m.team_id);
        for (const auto& a : d.actions) actions.add_from_bundle(a.id, a.team_id);

        // --- names and codes that must stay unique, as they will be after the import ---
        {
            std::map<std::string, std::string> name_of;  // team id -> name, stored overlaid by the bundle's winners
            for (const Team& t : read<Team>("", nullptr)) name_of[t.id] = t.name;
            for (std::size_t i = 0; i < d.teams.size(); ++i)
                if (team_fate[i] != Fate::keep) name_of[d.teams[i].id] = d.teams[i].name;
            std::multimap<std::string, std::string> ids_by_name;
            for (const auto& [id, name] : name_of) ids_by_name.emplace(team_name_key(name), id);
            for (std::size_t i = 0; i < d.teams.size(); ++i)
                if (team_fate[i] != Fate::keep && ids_by_name.count(team_name_key(d.teams[i].name)) > 1)
                    throw ImportError(at("teams", i, "name"), "a different team with this name already exists");
        }
        {
            std::map<std::string, std::pair<std::string, std::string>> code_of;  // youth id -> (team id, code)
            for (const Youth& y : read<Youth>("", nullptr)) code_of[y.id] = {y.team_id, y.code};
            for (std::size_t i = 0; i < d.youths.size(); ++i)
                if (youth_fate[i] != Fate::keep) code_of[d.youths[i].id] = {d.youths[i].team_id, d.youths[i].code};
            std::map<std::pair<std::string, std::string>, int> uses;
            for (const auto& [id, team_code] : code_of) ++uses[team_code];
            for (std::size_t i = 0; i < d.youths.size(); ++i)
                if (youth_fate[i] != Fate::keep && uses[{d.youths[i].team_id, d.youths[i].code}] > 1)
                    throw ImportError(at("youths", i, "code"), english_problem("error.youth.code_taken"));
        }

        // --- references: in the bundle or in the database, and within one team ---
        for (std::size_t i = 0; i < d.members.size(); ++i)
            if (!teams.owner(d.members[i].team_id)) throw ImportError(at("members", i, "team_id"), "unknown team");
        for (std::size_t i = 0; i < d.youths.size(); ++i)
            if (!teams.owner(d.youths[i].team_id)) throw ImportError(at("youths", i, "team_id"), "unknown team");
        for (std::size_t i = 0; i < d.incidents.size(); ++i) {
            const Incident& x = d.incidents[i];
            if (!teams.owner(x.team_id)) throw ImportError(at("incidents", i, "team_id"), "unknown team");
            for (std::size_t k = 0; k < x.youth_ids.size(); ++k)
                check_ref(youths, x.youth_ids[k], x.team_id, at("incidents", i, "youth_ids") + "[" + std::to_string(k) + "]", "youth");
        }
        for (std::size_t i = 0; i < d.measures.size(); ++i) {
            const Measure& x = d.measures[i];
            if (!teams.owner(x.team_id)) throw ImportError(at("measures", i, "team_id"), "unknown team");
            check_ref(youths, x.youth_id, x.team_id, at("measures", i, "youth_id"), "youth");
            check_opt_ref(incidents, x.incident_id, x.team_id, at("measures", i, "incident_id"), "incident");
        }
        for (std::size_t i = 0; i < d.meetings.size(); ++i) {
            const Meeting& x = d.meetings[i];
            if (!teams.owner(x.team_id)) throw ImportError(at("meetings", i, "team_id"), "unknown team");
            check_opt_ref(members, x.facilitator_id, x.team_id, at("meetings", i, "facilitator"), "member");
            for (std::size_t k = 0; k < x.attendee_ids.size(); ++k)
                check_ref(members, x.attendee_ids[k], x.team_id, at("meetings", i, "attendee_ids") + "[" + std::to_string(k) + "]",
                          "member");
        }
        for (std::size_t i = 0; i < d.actions.size(); ++i) {
            const Action& x = d.actions[i];
            if (!teams.owner(x.team_id)) throw ImportError(at("actions", i, "team_id"), "unknown team");
            check_opt_ref(meetings, x.meeting_id, x.team_id, at("actions", i, "meeting_id"), "meeting");
            check_opt_ref(members, x.owner_id, x.team_id, at("actions", i, "owner_id"), "member");
            check_opt_ref(incidents, x.incident_id, x.team_id, at("actions", i, "incident_id"), "incident");
        }
        for (std::size_t i = 0; i < d.action_updates.size(); ++i) {
            const ActionUpdate& x = d.action_updates[i];
            const auto team = actions.owner(x.action_id);
            if (!team) throw ImportError(at("action_updates", i, "action_id"), "unknown action");
            check_opt_ref(meetings, x.meeting_id, *team, at("action_updates", i, "meeting_id"), "meeting");
        }

        // --- write, in dependency order; an SQL failure names the record being written ---
        const std::string who = "import";
        const auto each = [&](const auto& records, const std::vector<Fate>& fates, const char* list, auto&& store_one) {
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (fates[i] == Fate::keep) continue;
                try {
                    store_one(records[i], fates[i] == Fate::update);
                } catch (const sql::Error& e) {
                    if (auto problem = record_problem(e)) throw ImportError(at(list, i), *problem);
                    throw;  // the database's own failure, in its plain words
                }
            }
        };
        // Register records keep their change history: "created" by the import, or old -> new.
        each(d.teams, team_fate, "teams", [&](const Team& x, bool update) {
            save_logged(x, who, update);
        });
        each(d.members, member_fate, "members", [&](const Member& x, bool update) {
            save_logged(x, who, update);
        });
        each(d.youths, youth_fate, "youths", [&](const Youth& x, bool update) {
            save_logged(x, who, update);
        });
        each(d.incidents, incident_fate, "incidents", [&](const Incident& x, bool update) {
            save_logged(x, who, update);
        });
        each(d.measures, measure_fate, "measures", [&](const Measure& x, bool update) {
            save_logged(x, who, update);
        });
        each(d.meetings, meeting_fate, "meetings", [&](const Meeting& x, bool) { save_logged(x, who); });
        each(d.actions, action_fate, "actions", [&](const Action& x, bool) { save_logged(x, who); });
        each(d.action_updates, update_fate, "action_updates", [&](const ActionUpdate& x, bool) { save_logged(x, who); });
    });
    return sum;
}

}  // namespace ts
