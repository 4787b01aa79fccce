// Merging a bundle into a store: the import policy, the same for every backend.
//
// It runs over the store interface only (head() to find a record by id, transaction(), and the
// import verbs begin_import / put_imported / finish_import), so a PostgreSQL store gets it
// without a line of its own. No SQL here; the layering test keeps it so.
#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace ts {

// Merges records by id as they come, one at a time (the bundle reader hands each one over as
// soon as it is read), so that a bundle of any size is imported with little more than one
// record in memory. Made inside one Store::transaction, which finish() ends the import of:
//  - an unknown id is inserted, a known one replaced only when the bundle's updated_at is
//    newer (a stored stamp that cannot be read loses against any readable one);
//  - an id given twice in a list is refused;
//  - a record may not move to another team (or an action update to another action);
//  - team names (compared as team_name_key) and a team's youth codes stay unique, as they
//    will be after the import;
//  - every reference points into the bundle or the store, and within one team (a reference to
//    a record later in the bundle is checked by finish());
//  - a measure's or incident's youth is in care on its date (the rule the forms apply).
// Any refused record throws ImportError naming it ("measures[17].youth_id: unknown youth"), and
// the transaction undoes everything; a failing database throws its StoreError / DatabaseError.
// The change history gets one entry for the whole import (`file`, `who`, its counts); each
// record written remembers that import.
class BundleImport final : public RecordSink {
public:
    // `expected_records`: a guess of the bundle's size, for the store to prepare.
    BundleImport(Store& store, const std::string& file, const std::string& who, std::int64_t expected_records = 0);
    ~BundleImport() override;
    BundleImport(const BundleImport&) = delete;
    BundleImport& operator=(const BundleImport&) = delete;

    void add(Team&& record, std::size_t index) override;
    void add(Member&& record, std::size_t index) override;
    void add(Youth&& record, std::size_t index) override;
    void add(Measure&& record, std::size_t index) override;
    void add(Incident&& record, std::size_t index) override;
    void add(Meeting&& record, std::size_t index) override;
    void add(Action&& record, std::size_t index) override;
    void add(ActionUpdate&& record, std::size_t index) override;

    // The checks that need the whole bundle; then the import's entry. Throws ImportError.
    ImportSummary finish();

    struct State;

private:
    std::unique_ptr<State> s_;
};

// A whole data set merged as BundleImport merges a bundle, in one transaction of `store`.
ImportSummary import_dataset(Store& store, const Dataset& data, const std::string& file = "", const std::string& who = "import");

}  // namespace ts
