// The import policy over the store interface (see import.hpp and docs/bundle-format.md).
//
// Import is all-or-nothing: it runs inside one transaction, and any failure (a refused record,
// found as it comes or by finish(), or a failing database) undoes everything it wrote.
#include "store/import.hpp"

#include "core/bundle.hpp"
#include "core/fields.hpp"
#include "core/json_check.hpp"
#include "core/rules.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
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

// Where a reference is in the bundle, its path made only for a message: "measures[3].youth_id",
// "incidents[2].youth_ids[1]".
struct Where {
    const char* list;
    std::uint32_t index;
    const char* field;
    std::int32_t item = -1;
    std::string path() const {
        std::string p = at(list, index, field);
        if (item >= 0) p += "[" + std::to_string(item) + "]";
        return p;
    }
};

// Newer wins. A stored stamp that cannot be read loses against any readable one.
bool is_newer(const std::string& bundle, const std::string& stored) {
    const auto b = parse_timestamp(bundle);
    const auto s = parse_timestamp(stored);
    if (!b) return false;
    if (!s) return true;
    return *b > *s;
}

enum class Fate { insert, update, keep };

std::uint32_t idx(std::size_t i) { return static_cast<std::uint32_t>(i); }

// The index at which each id of one list was first given, in little memory: an id in the
// program's form (a UUID in lower case) as its 16 bytes, any other as text. A bundle of this
// program lists every kind by id, so its ids come in increasing order: they are kept in a
// sorted list as they come (an id larger than the last is new without a look-up), and only ids
// out of that order go to a hash table.
class FirstSeen {
public:
    // The index `id` was given at before; else remembers `index` for it.
    std::optional<std::size_t> seen(const std::string& id, std::size_t index) {
        if (const auto key = packed(id)) {
            if (!uuids_.empty())
                if (const auto it = uuids_.find(*key); it != uuids_.end()) return it->second;
            if (run_.empty() || run_.back() < *key) {
                run_.push_back(*key);
                run_index_.push_back(static_cast<std::uint32_t>(index));
                return std::nullopt;
            }
            if (const auto it = std::lower_bound(run_.begin(), run_.end(), *key); it != run_.end() && *it == *key)
                return run_index_[static_cast<std::size_t>(it - run_.begin())];
            uuids_.emplace(*key, static_cast<std::uint32_t>(index));
            return std::nullopt;
        }
        const auto [it, fresh] = others_.emplace(id, index);
        if (!fresh) return it->second;
        return std::nullopt;
    }
    // The index `id` was given at, if it was.
    std::optional<std::size_t> find(const std::string& id) const {
        if (const auto key = packed(id)) {
            if (const auto it = std::lower_bound(run_.begin(), run_.end(), *key); it != run_.end() && *it == *key)
                return run_index_[static_cast<std::size_t>(it - run_.begin())];
            if (const auto it = uuids_.find(*key); it != uuids_.end()) return it->second;
            return std::nullopt;
        }
        if (const auto it = others_.find(id); it != others_.end()) return it->second;
        return std::nullopt;
    }

private:
    using Key = std::pair<std::uint64_t, std::uint64_t>;
    struct KeyHash {
        std::size_t operator()(const Key& k) const { return static_cast<std::size_t>(k.first ^ (k.second * 0x9E3779B97F4A7C15ULL)); }
    };
    static std::optional<Key> packed(const std::string& id) {
        if (id.size() != 36) return std::nullopt;
        std::uint64_t half[2] = {0, 0};
        int digits = 0;
        for (std::size_t i = 0; i < id.size(); ++i) {
            const char c = id[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') return std::nullopt;
                continue;
            }
            int v = 0;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else return std::nullopt;
            std::uint64_t& h = half[digits / 16];
            h = (h << 4) | static_cast<std::uint64_t>(v);
            ++digits;
        }
        return Key{half[0], half[1]};
    }
    std::vector<Key> run_;                 // ids in increasing order, as they came
    std::vector<std::uint32_t> run_index_;  // the index of each
    std::unordered_map<Key, std::uint32_t, KeyHash> uuids_;  // the ids out of that order
    std::unordered_map<std::string, std::size_t> others_;
};

// What the database's refusal says of a record, in the import's words.
const char* refusal(ConstraintError::Reason reason) {
    switch (reason) {
        case ConstraintError::Reason::clash: return "clashes with a stored record";
        case ConstraintError::Reason::reference: return "refers to a record that does not exist";
        case ConstraintError::Reason::value: break;
    }
    return "has a value the database refuses";
}

}  // namespace

struct BundleImport::State {
    State(Store& st, const std::string& file, const std::string& who, std::int64_t expected)
        : store(st), import_id(st.begin_import(file, who, expected)), stored(st.counts()) {
        for (const Team& t : store.teams()) team_name_of.emplace(t.id, t.name);
    }

    Store& store;
    std::int64_t import_id;
    StoreCounts stored;  // before the import: a kind with none needs no look-up of its ids
    ImportSummary sum;
    bool finished = false;
    std::array<FirstSeen, kKindCount> first;

    // Teams: the stored ones' names overlaid by the bundle's winners.
    std::unordered_map<std::string, std::string> team_name_of;
    // Owners of members, youths and meetings by id: the bundle's as they come, the store's as
    // asked for (nullopt: in neither yet). Incidents and actions, which are many, are found by
    // their place in the bundle (bundle_teams), else asked of the store every time.
    std::unordered_map<std::string, std::optional<std::string>> owners[kKindCount];
    // The youths of the teams seen so far, for the rule that a youth is in care on the date of a
    // measure or incident: the store's, overlaid by the bundle's as they come.
    std::unordered_map<std::string, Youth> youths;
    // What is known of each team a record names, found in one look-up per record: it exists
    // (stored or in the bundle; a team is never removed during an import), its stored youths
    // were read.
    struct TeamSeen {
        bool exists = false, youths_read = false;
    };
    std::unordered_map<std::string, TeamSeen> teams_seen;
    // A team's youth codes as they will be (id -> code): stored, overlaid by the winners.
    std::unordered_map<std::string, std::unordered_map<std::string, std::string>> codes;
    std::unordered_map<std::string, std::unordered_map<std::string, int>> code_uses;  // team -> code -> youths

    // A reference to a record not (yet) found: checked again by finish(). Kept small: bundles
    // of older versions, and hand-made ones, may hold many (measures before their incidents).
    struct Later {
        Where where;
        Kind kind;
        const char* what;
        std::uint32_t team;  // the team it must belong to (team_ids); kNoTeam: only that it exists
        std::string id;
    };
    static constexpr std::uint32_t kNoTeam = static_cast<std::uint32_t>(-1);
    std::vector<std::string> team_ids;
    std::unordered_map<std::string, std::uint32_t> team_index;
    std::uint32_t team_number(const std::string& team) {
        if (team.empty()) return kNoTeam;
        const auto [it, fresh] = team_index.emplace(team, static_cast<std::uint32_t>(team_ids.size()));
        if (fresh) team_ids.push_back(team);
        return it->second;
    }
    std::vector<Later> later;
    std::vector<std::pair<std::size_t, Measure>> later_measures;    // their youth not yet found
    std::vector<std::pair<std::size_t, Incident>> later_incidents;  // a youth not yet found
    std::vector<std::pair<std::size_t, ActionUpdate>> later_updates;  // their action not yet found

    void read_youths(const std::string& team_id, TeamSeen& seen) {
        if (seen.youths_read) return;
        seen.youths_read = true;
        auto& team_codes = codes[team_id];
        for (Youth& y : store.youths(team_id)) {
            team_codes.emplace(y.id, y.code);
            owners[static_cast<std::size_t>(Kind::youth)].insert_or_assign(y.id, y.team_id);
            const std::string id = y.id;
            youths.emplace(id, std::move(y));  // a bundle youth read before stays
        }
    }

    // The team of each incident and action of the bundle so far, by its index in its list
    // (team_ids; kNoTeam where none was given at that index): owner() asks the store only of
    // those the bundle does not have.
    std::vector<std::uint32_t> bundle_teams[2];
    std::vector<std::uint32_t>* bundle_teams_of(Kind kind) {
        if (kind == Kind::incident) return &bundle_teams[0];
        if (kind == Kind::action) return &bundle_teams[1];
        return nullptr;
    }
    void note_team(Kind kind, std::size_t i, const std::string& team) {
        auto& teams = *bundle_teams_of(kind);
        if (teams.size() <= i) teams.resize(i + 1, kNoTeam);
        teams[i] = team_number(team);
    }

    // The team of an incident or action given earlier in the bundle; nullptr otherwise.
    const std::string* bundle_team(Kind kind, const std::string& id) {
        const auto* teams = bundle_teams_of(kind);
        if (!teams) return nullptr;
        const auto i = first[static_cast<std::size_t>(kind)].find(id);
        if (!i || *i >= teams->size() || (*teams)[*i] == kNoTeam) return nullptr;
        return &team_ids[(*teams)[*i]];
    }

    std::optional<std::string> owner(Kind kind, const std::string& id) {
        if (kind == Kind::team) return team_name_of.count(id) ? std::optional<std::string>(id) : std::nullopt;
        if (const std::string* team = bundle_team(kind, id)) return *team;
        if (kind == Kind::incident || kind == Kind::action || kind == Kind::measure || kind == Kind::action_update) {
            const auto head = store.head(kind, id);
            return head ? std::optional<std::string>(head->owner) : std::nullopt;
        }
        auto& cache = owners[static_cast<std::size_t>(kind)];
        auto it = cache.find(id);
        if (it == cache.end() || !it->second) {
            const auto head = store.head(kind, id);
            it = cache.insert_or_assign(id, head ? std::optional<std::string>(head->owner) : std::nullopt).first;
        }
        return it->second;
    }

    // A reference to a record of a team: it must exist (in the bundle or the store) and belong
    // to the same team, so that a team's bundle always holds everything its records point to.
    void check(Kind kind, const std::string& id, const std::string& team, const Where& where, const char* what) {
        if (kind == Kind::team) {  // (every record refers to its team: one look-up, no copy)
            if (!team_name_of.count(id)) later.push_back({where, kind, what, team_number(team), id});
            return;
        }
        if (const std::string* owner_team = bundle_team(kind, id)) {  // (without a copy of its id)
            if (!team.empty() && *owner_team != team) throw ImportError(where.path(), std::string(what) + " of another team");
            return;
        }
        const auto o = owner(kind, id);
        if (!o) {
            later.push_back({where, kind, what, team_number(team), id});
            return;
        }
        if (!team.empty() && *o != team) throw ImportError(where.path(), std::string(what) + " of another team");
    }
    void check(Kind kind, const std::optional<std::string>& id, const std::string& team, const Where& where, const char* what) {
        if (id) check(kind, *id, team, where, what);
    }
    // check(Kind::youth, …) for a measure's or incident's youth: one of the team's youths known
    // here (the bundle's, and the stored ones read_youths read) is of that team without a look-up
    // of its owner (a youth cannot move to another team).
    // Returns the youth when it is known here (then it is of that team), for the youth rule.
    const Youth* check_youth(const std::string& id, const std::string& team, const Where& where) {
        const auto it = youths.find(id);
        if (it != youths.end() && it->second.team_id == team) return &it->second;
        check(Kind::youth, id, team, where, "youth");
        return nullptr;
    }
    TeamSeen& known_team(const std::string& team_id, const char* list, std::size_t i) {
        TeamSeen& seen = teams_seen[team_id];
        if (!seen.exists) {
            seen.exists = team_name_of.count(team_id) > 0;
            if (!seen.exists) check(Kind::team, team_id, "", Where{list, idx(i), "team_id"}, "team");
        }
        return seen;
    }

    // Insert, update or keep; refuses an id given twice and a record that would move to
    // another owner (its stored children would be left behind).
    template <typename T>
    Fate decide(const T& r, std::size_t i) {
        if (finished) throw std::logic_error("BundleImport: a record after finish()");
        const auto& table = table_of<T>();
        if (const auto before = first[static_cast<std::size_t>(table.kind)].seen(r.id, i))
            throw ImportError(at(table.list, i, "id"), "duplicate id (also " + at(table.list, *before) + ")");
        const auto head = none_stored(table.kind) ? std::nullopt : store.head(table.kind, r.id);
        if (!head) {
            ++sum.inserted;
            return Fate::insert;
        }
        if (head->owner != owner_of(r))
            throw ImportError(at(table.list, i, table.owner), "differs from the stored record (" + std::string(table.owner) + " cannot change)");
        if (is_newer(r.updated_at, head->updated_at)) {
            ++sum.updated;
            return Fate::update;
        }
        ++sum.unchanged;
        return Fate::keep;
    }

    // No record of this kind was stored before the import, so an id not given before in the
    // bundle (FirstSeen) is new.
    bool none_stored(Kind kind) const { return stored.of(kind) == 0; }

    template <typename T>
    void write(const T& r, Fate fate, std::size_t i) {
        if (fate == Fate::keep) return;
        try {
            store.put_imported(&r, fate == Fate::update, import_id);
        } catch (const ConstraintError& e) {
            throw ImportError(at(table_of<T>().list, i), refusal(e.reason()));
        }
    }

    // The youth rule of a measure; false when its youth is not known yet.
    bool youth_rule(const Measure& m, std::size_t i) {
        const auto it = youths.find(m.youth_id);
        if (it == youths.end()) return false;
        youth_rule(m, it->second, i);
        return true;
    }
    void youth_rule(const Measure& m, const Youth& y, std::size_t i) {
        if (!measure_youth_in_care(m, y)) check_youth_rule([&] { check_measure_youth(m, y, at("measures", i)); });
    }
    bool youth_rule(const Incident& x, std::size_t i) {
        std::vector<const Youth*> ys;
        for (const std::string& id : x.youth_ids) {
            const auto it = youths.find(id);
            if (it == youths.end()) return false;
            ys.push_back(&it->second);
        }
        if (!incident_youths_in_care(x, ys)) check_youth_rule([&] { check_incident_youths(x, ys, at("incidents", i)); });
        return true;
    }
    template <typename F>
    static void check_youth_rule(F&& f) {
        try {
            f();
        } catch (const JsonError& e) {
            throw ImportError(e.path(), e.problem());
        }
    }

    void update_refs(const ActionUpdate& x, const std::string& team, std::size_t i) {
        check(Kind::meeting, x.meeting_id, team, Where{"action_updates", idx(i), "meeting_id"}, "meeting");
    }
};

BundleImport::BundleImport(Store& store, const std::string& file, const std::string& who, std::int64_t expected_records)
    : s_(std::make_unique<State>(store, file, who, expected_records)) {}

BundleImport::~BundleImport() = default;

void BundleImport::add(Team&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    if (fate != Fate::keep) {
        // Team names stay unique (as team_name_key) among the stored teams and the bundle's so far.
        s.team_name_of.insert_or_assign(x.id, x.name);
        const std::string key = team_name_key(x.name);
        for (const auto& [id, name] : s.team_name_of)
            if (id != x.id && team_name_key(name) == key) throw ImportError(at("teams", i, "name"), "a different team with this name already exists");
    }
    s.write(x, fate, i);
}

void BundleImport::add(Member&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.owners[static_cast<std::size_t>(Kind::member)].insert_or_assign(x.id, x.team_id);
    s.known_team(x.team_id, "members", i);
    s.write(x, fate, i);
}

void BundleImport::add(Youth&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.read_youths(x.team_id, s.known_team(x.team_id, "youths", i));
    s.owners[static_cast<std::size_t>(Kind::youth)].insert_or_assign(x.id, x.team_id);
    if (fate != Fate::keep) {
        // A team's youth codes stay unique among its stored youths and the bundle's so far.
        auto& team_codes = s.codes[x.team_id];
        auto& uses = s.code_uses[x.team_id];
        if (uses.empty())
            for (const auto& [id, code] : team_codes) ++uses[code];
        if (const auto old = team_codes.find(x.id); old != team_codes.end()) --uses[old->second];
        team_codes.insert_or_assign(x.id, x.code);
        if (++uses[x.code] > 1) throw ImportError(at("youths", i, "code"), english_problem("error.youth.code_taken"));
    }
    s.write(x, fate, i);
    s.youths.insert_or_assign(x.id, std::move(x));
}

void BundleImport::add(Measure&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.read_youths(x.team_id, s.known_team(x.team_id, "measures", i));
    // (one look-up of the youth for both its team and the youth rule: an import has a million)
    const Youth* youth = s.check_youth(x.youth_id, x.team_id, Where{"measures", idx(i), "youth_id"});
    s.check(Kind::incident, x.incident_id, x.team_id, Where{"measures", idx(i), "incident_id"}, "incident");
    s.write(x, fate, i);
    if (youth) s.youth_rule(x, *youth, i);
    else s.later_measures.emplace_back(i, std::move(x));  // (a youth of another team was refused above)
}

void BundleImport::add(Incident&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.read_youths(x.team_id, s.known_team(x.team_id, "incidents", i));
    s.note_team(Kind::incident, i, x.team_id);
    for (std::size_t k = 0; k < x.youth_ids.size(); ++k)
        s.check_youth(x.youth_ids[k], x.team_id, Where{"incidents", idx(i), "youth_ids", static_cast<std::int32_t>(k)});
    s.write(x, fate, i);
    if (!s.youth_rule(x, i)) s.later_incidents.emplace_back(i, std::move(x));
}

void BundleImport::add(Meeting&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.owners[static_cast<std::size_t>(Kind::meeting)].insert_or_assign(x.id, x.team_id);
    s.known_team(x.team_id, "meetings", i);
    s.check(Kind::member, x.facilitator_id, x.team_id, Where{"meetings", idx(i), "facilitator"}, "member");
    for (std::size_t k = 0; k < x.attendee_ids.size(); ++k)
        s.check(Kind::member, x.attendee_ids[k], x.team_id, Where{"meetings", idx(i), "attendee_ids", static_cast<std::int32_t>(k)}, "member");
    for (std::size_t k = 0; k < x.discussed_incident_ids.size(); ++k)
        s.check(Kind::incident, x.discussed_incident_ids[k], x.team_id,
                Where{"meetings", idx(i), "discussed_incident_ids", static_cast<std::int32_t>(k)}, "incident");
    s.write(x, fate, i);
}

void BundleImport::add(Action&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.known_team(x.team_id, "actions", i);
    s.note_team(Kind::action, i, x.team_id);
    s.check(Kind::meeting, x.meeting_id, x.team_id, Where{"actions", idx(i), "meeting_id"}, "meeting");
    s.check(Kind::member, x.owner_id, x.team_id, Where{"actions", idx(i), "owner_id"}, "member");
    s.check(Kind::incident, x.incident_id, x.team_id, Where{"actions", idx(i), "incident_id"}, "incident");
    s.write(x, fate, i);
}

void BundleImport::add(ActionUpdate&& x, std::size_t i) {
    State& s = *s_;
    const Fate fate = s.decide(x, i);
    s.write(x, fate, i);
    if (const auto team = s.owner(Kind::action, x.action_id)) s.update_refs(x, *team, i);
    else s.later_updates.emplace_back(i, std::move(x));
}

ImportSummary BundleImport::finish() {
    State& s = *s_;
    if (s.finished) return s.sum;
    s.finished = true;
    // --- references to records that came later in the bundle (or nowhere) ---
    for (const auto& [i, x] : s.later_updates) {
        const auto team = s.owner(Kind::action, x.action_id);
        if (!team) throw ImportError(at("action_updates", i, "action_id"), "unknown action");
        s.update_refs(x, *team, i);
    }
    for (const State::Later& r : s.later) {
        const auto o = s.owner(r.kind, r.id);
        if (!o) throw ImportError(r.where.path(), std::string("unknown ") + r.what);
        if (r.team != State::kNoTeam && *o != s.team_ids[r.team]) throw ImportError(r.where.path(), std::string(r.what) + " of another team");
    }
    for (const auto& [i, m] : s.later_measures) s.youth_rule(m, i);  // (an unknown youth was refused above)
    for (const auto& [i, x] : s.later_incidents) s.youth_rule(x, i);

    s.store.finish_import(s.import_id, s.sum);
    return s.sum;
}

ImportSummary import_dataset(Store& store, const Dataset& d, const std::string& file, const std::string& who) {
    ImportSummary sum;
    store.transaction([&] {
        const std::size_t n = d.teams.size() + d.members.size() + d.youths.size() + d.measures.size() + d.incidents.size() +
                              d.meetings.size() + d.actions.size() + d.action_updates.size();
        BundleImport import(store, file, who, static_cast<std::int64_t>(n));
        const auto each = [&](const auto& records) {
            for (std::size_t i = 0; i < records.size(); ++i) {
                auto copy = records[i];
                import.add(std::move(copy), i);
            }
        };
        each(d.teams);
        each(d.members);
        each(d.youths);
        each(d.incidents);
        each(d.measures);
        each(d.meetings);
        each(d.actions);
        each(d.action_updates);
        sum = import.finish();
    });
    return sum;
}

}  // namespace ts
