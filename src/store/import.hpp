// Merging a bundle into a store: the import policy, the same for every backend.
//
// It runs over the store interface only (head() to find a record by id, the save_* verbs,
// transaction()), so a PostgreSQL store gets it without a line of its own. No SQL here; the
// layering test keeps it so.
#pragma once

#include "store/store.hpp"

namespace ts {

// Merges `data` by id, in one transaction of `store`:
//  - an unknown id is inserted, a known one replaced only when the bundle's updated_at is
//    newer (a stored stamp that cannot be read loses against any readable one);
//  - a record may not move to another team (or an action update to another action);
//  - team names (compared as team_name_key) and a team's youth codes stay unique, as they
//    will be after the import;
//  - every reference points into the bundle or the store, and within one team.
// The register records are saved with change history as "import". Any refused record throws
// ImportError naming it ("measures[17].youth_id: unknown youth") and nothing is changed;
// a failing database throws its StoreError / DatabaseError, and nothing is changed either.
ImportSummary import_dataset(Store& store, const Dataset& data);

}  // namespace ts
