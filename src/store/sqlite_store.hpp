// The SQLite implementation of Store. Internal to src/store: the rest of the program sees
// only store.hpp. Split over sqlite_store.cpp (records, registers, change history) and
// sqlite_exchange.cpp (bundle export).
#pragma once

#include "store/sqlite.hpp"
#include "store/store.hpp"
#include "core/fields.hpp"

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace ts {


// One month of one team's measures packed (sqlite_facts.cpp); empty facts when it has none.
struct PackedMonth {
    std::string facts;
    std::optional<std::int64_t> max_end;
};
// `rows` is a statement of month_rows_sql(), bound here.
PackedMonth pack_month(sql::Stmt& rows, const std::string& team, const std::string& month);
std::string month_rows_sql();
// The same for a month of incidents: the packed bytes, empty when it has none.
std::string pack_incident_month(sql::Stmt& rows, const std::string& team, const std::string& month);
std::string incident_rows_sql();
// The same for each of `months` (team id, 'YYYY-MM'), in one pass over all measures or all
// incidents, each packed exactly as its month's query would pack it.
std::vector<PackedMonth> pack_months_in_one_pass(sql::Db& db, const std::vector<std::pair<std::string, std::string>>& months);
std::vector<std::string> pack_incident_months_in_one_pass(sql::Db& db, const std::vector<std::pair<std::string, std::string>>& months);
// What `check` says about the packed months: none when each matches its measures.
std::vector<std::string> packed_month_problems(sql::Db& db);
// One team's actions, with their updates and the team's meetings, packed (sqlite_facts.cpp):
// the bytes, empty when the team has neither actions nor meetings. `rows` are statements of
// action_rows_sql(), bound here.
struct ActionRows {
    sql::Stmt& meetings;
    sql::Stmt& actions;
    sql::Stmt& updates;
};
struct ActionRowsSql {
    const char* meetings;
    const char* actions;
    const char* updates;
};
ActionRowsSql action_rows_sql();
std::string pack_action_team(const ActionRows& rows, const std::string& team);
// What `check` says about the packed actions: none when each team's matches its rows.
std::vector<std::string> packed_action_problems(sql::Db& db);

class SqliteStore final : public Store {
    friend bool fill_new_sqlite_database(const std::string& path, const std::function<void(Store&)>& fill);

public:
    SqliteStore(const std::string& path, OpenMode mode);
    // A new database being filled in `fresh_file`, which exists and is empty, by one import
    // (fill_new_sqlite_database): no journal on disk, no syncs, no foreign keys checked by the
    // database (the import checks every reference itself). `path` names it in messages.
    SqliteStore(const std::string& path, const std::string& fresh_file);

    Revisions revisions() const override { return revisions_; }
    bool poll_changes() override;
    std::optional<std::vector<std::string>> written_since(Kind kind, std::uint64_t since) const override;
    void set_read_hook(ReadHook hook) override { read_hook_ = std::move(hook); }
    void set_statement_hook(StatementHook hook) override;
    const std::string& path() const override { return path_; }
    void transaction(const std::function<void()>& body) override;

    std::vector<Team> teams() override;
    std::optional<Team> team(const std::string& id) override;
    std::vector<Member> members(const std::string& team_id) override;
    std::vector<Youth> youths(const std::string& team_id) override;

    void save_team(const Team& team, const std::string& who) override;
    void save_member(const Member& member, const std::string& who) override;
    void save_youth(const Youth& youth, const std::string& who) override;
    std::vector<Measure> measures(const std::string& team_id) override;
    std::vector<Measure> measures_since(const std::string& team_id, std::int64_t since) override;
    std::optional<Measure> measure(const std::string& id) override;
    void save_measure(const Measure& measure, const std::string& who) override;
    void delete_measure(const std::string& id, const std::string& who) override;
    std::vector<Incident> incidents(const std::string& team_id) override;
    std::vector<Incident> incidents_since(const std::string& team_id, std::int64_t since) override;
    std::vector<Incident> incidents_with_ids(const std::vector<std::string>& ids) override;
    std::int64_t team_count(Kind kind, const std::string& team_id) override;
    std::optional<Incident> incident(const std::string& id) override;
    void save_incident(const Incident& incident, const std::string& who) override;
    void delete_incident(const std::string& id, const std::string& who) override;
    std::vector<Meeting> meetings(const std::string& team_id) override;
    std::vector<Action> actions(const std::string& team_id) override;
    std::optional<Action> action(const std::string& id) override;
    void save_action(const Action& action, const std::string& who) override;
    void delete_action(const std::string& id, const std::string& who) override;
    std::vector<ActionUpdate> action_updates(const std::string& team_id) override;
    std::vector<Action> all_actions() override;
    std::vector<ActionUpdate> all_action_updates() override;
    std::vector<Member> all_members() override;
    std::vector<Meeting> all_meetings() override;
    void save_meeting(const Meeting& meeting, const std::string& who) override;
    void save_action_update(const ActionUpdate& update, const std::string& who) override;
    std::optional<RecordHead> head(Kind kind, const std::string& id) override;
    std::vector<Change> changes(const std::string& entity, const std::string& id) override;

    void export_each(const std::optional<std::string>& team_id, RecordSink& sink) override;

    void insert_dataset(const Dataset& data) override;
    std::int64_t begin_import(const std::string& file, const std::string& who, std::int64_t expected_records) override;
    void put_imported(ImportedRecord record, bool replace, std::int64_t import_id) override;
    void finish_import(std::int64_t import_id, const ImportSummary& summary) override;
    ind::Facts facts(const ind::FactsQuery& query) override;  // sqlite_facts.cpp
    // Packs again every month of measures the triggers marked (measure_month); the write paths
    // call it before the outermost transaction commits, so a reader finds them packed.
    void pack_stale_months();  // measures and incidents
    // From this many marked months of measures or incidents, and at least a quarter of all, they
    // are packed in one pass over the table (pack_months_in_one_pass).
    static constexpr std::size_t kOnePassMonths = 48;
    bool many_marked(const char* table, std::size_t marked);  // (of `table`'s months)
    void pack_stale_incident_months();
    void pack_stale_action_teams();  // action_team
    // The months of a packed table (measure_month, incident_month) that the triggers marked.
    std::vector<std::pair<std::string, std::string>> marked_months(const char* table);
    void rebuild_summaries() override;
    StoreCounts counts() override;
    std::int64_t count(Kind kind) override;
    std::optional<std::string> legacy_setting(std::string_view key) override;

private:
    using Binder = std::function<void(sql::Stmt&)>;

    // The records of one kind for a WHERE clause over its table ("team_id = :team", bound by
    // `bind`), in the kind's order, with their child rows. Tells the read hook.
    template <typename T>
    std::vector<T> read(const char* where, const Binder& bind);
    template <typename T>
    std::optional<T> read_one(const std::string& id);
    // The rows of one kind without child rows, ordered by id, to `sink` as they are read.
    template <typename T>
    void export_rows(const char* where, const Binder& bind, RecordSink& sink);
    // Writes one record and its child rows without a transaction of its own (callers hold
    // one). `upsert` replaces the row with the same id, and its child rows.
    template <typename T>
    void put(const T& record, bool upsert);
    // The child rows of records just read / of a record just written; the kinds without any
    // have nothing to do.
    void read_children(std::vector<Incident>& out, const char* where, const Binder& bind);
    void read_children(std::vector<Meeting>& out, const char* where, const Binder& bind);
    template <typename T>
    void read_children(std::vector<T>&, const char*, const Binder&) {}
    void write_children(const Incident& i, bool replace);
    void write_children(const Meeting& m, bool replace);
    template <typename T>
    void write_children(const T&, bool) {}

    // Writes one change-history row per field that differs between `before` and `after`
    // (field name → value; nullopt for NULL). `before` empty means created.
    void log_changes(std::string_view entity, const std::string& id, const FieldList* before, const FieldList& after,
                     const std::string& who);
    void log_deleted(const std::string& entity, const std::string& id, const std::string& who);
    // Upserts `record` and, for the kinds with a change history, logs how it differs from the
    // stored copy (or that it was created).
    template <typename T>
    void save_logged(const T& record, const std::string& who);

    // Runs `body` in one transaction (a savepoint inside Store::transaction), turns SQL
    // failures into StoreError and, once committed, bumps the revisions of `kinds` (the kinds
    // of records `body` may change).
    void write(const std::string& what, const std::vector<Kind>& kinds, const std::function<void()>& body);
    // What a write changed: the kinds, and the ids of the records it noted (note_written).
    struct Written {
        std::array<bool, kKindCount> kinds{};
        std::vector<std::pair<Kind, std::string>> ids;
    };
    // Marks what `w` wrote: bumps the revisions of its kinds now and adds its ids to the feed
    // (written_since) or, inside Store::transaction, when the outermost one commits.
    void changed(Written w);
    // Notes that the write under way saves or deletes record `id` of `kind`. A kind written
    // with no id noted is "changed as a whole" in the feed.
    void note_written(Kind kind, const std::string& id) {
        if (!pending_.empty()) pending_.back().ids.emplace_back(kind, id);
    }
    // Tells the read hook, if any.
    void reading(Kind kind, ReadOf what = ReadOf::rows) {
        if (read_hook_) read_hook_(kind, what);
    }

    // Create mode: creates, checks and migrates under one write lock. Read-only mode: checks
    // only, and refuses any file this program would have to change.
    static sql::Db open(const std::string& path);
    static sql::Db open_read_only(const std::string& path);

    // A statement prepared once and kept for the life of the store (imports and demo data
    // write thousands of rows, each save reads the stored copy first); returned reset, with
    // no bindings. Readers reset it again when done, so that no read stays open.
    sql::Stmt& prepared(const std::string& sql);

    std::string path_;
    bool read_only_ = false;
    sql::Db db_;
    bool fresh_ = false;  // made by the constructor for a new database being filled
    static sql::Db open_fresh(const std::string& path, const std::string& file);
    Revisions revisions_;
    // Per open Store::transaction or write, innermost last: what was written in it so far.
    std::vector<Written> pending_;
    // The records written by this store, per revision of their kind, oldest first; an entry
    // without id stands for the whole kind (written_since). Holds the last kFeedEntries;
    // feed_floor_ is the newest revision of each kind that was dropped.
    struct FeedEntry {
        Kind kind;
        std::uint64_t revision;
        std::optional<std::string> id;
    };
    static constexpr std::size_t kFeedEntries = 4096;
    std::deque<FeedEntry> feed_;
    std::array<std::uint64_t, kKindCount> feed_floor_{};
    void add_to_feed(Kind kind, std::optional<std::string> id);
    std::int64_t data_version_ = 0;  // PRAGMA data_version when last polled
    ReadHook read_hook_;
    StatementHook statement_hook_;
    // An import's larger page cache (begin_import), given back when the transaction ends.
    static constexpr std::int64_t kImportCacheKiB = 64 * 1024;
    static constexpr std::int64_t kIndexCacheKiB = 2 * 1024;  // while finish_import makes indexes
    static constexpr std::int64_t kBulkImportRecords = 20000;
    bool import_cache_ = false;
    // A large import's indexes and insert triggers of measures and incidents, dropped while it
    // writes and made again by finish_import (begin_import).
    struct SchemaObject {
        std::string type, name, sql;
    };
    std::vector<SchemaObject> bulk_schema_;
    // The months (team id -> 'YYYY-MM') of the measures [0] and incidents [1] such an import
    // inserted, noted as they are written, for what the dropped insert triggers would have marked.
    std::array<std::unordered_map<std::string, std::unordered_set<std::string>>, 2> bulk_months_;
    template <typename T>
    void note_bulk_month(const T& record);
    std::int64_t saved_cache_size_ = 0;
    void end_import_cache() noexcept;
    // Counts every kind of record again into the numbers the triggers keep (record_count).
    void recount_records();
    // Declared after db_, so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<sql::Stmt>> statements_;
    std::array<sql::Stmt*, 2 * kKindCount> import_statements_{};  // put_imported's, of statements_
    std::array<int, 2 * kKindCount> import_id_at_{};  // the position of :import_id in each
    sql::Stmt* link_youth_ = nullptr;  // of statements_: an incident's youth written

};

}  // namespace ts
