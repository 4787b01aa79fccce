// Bundle export for the SQLite store (see docs/bundle-format.md). The import is
// backend-neutral: store/import.cpp.
#include "store/sqlite_store.hpp"

#include <algorithm>

namespace ts {
namespace {

template <typename T>
std::vector<T> by_id(std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.id < b.id; });
    return v;
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

}  // namespace ts
