// The SQLite implementation of Store. Internal to src/store: the rest of the program sees
// only store.hpp. Split over sqlite_store.cpp (records, registers, change history) and
// sqlite_exchange.cpp (bundle export and import).
#pragma once

#include "store/sqlite.hpp"
#include "store/store.hpp"
#include "core/fields.hpp"

#include <functional>
#include <memory>
#include <unordered_map>

namespace ts {


// Field lists of records, as written to the change history and compared on save.
struct SqliteFields {
    static FieldList of(const Team& t);
    static FieldList of(const Member& m);
    static FieldList of(const Youth& y);
    static FieldList of(const Measure& m);
    static FieldList of(const Incident& i);
};

class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, OpenMode mode);

    Revisions revisions() const override { return revisions_; }
    bool poll_changes() override;
    void set_read_hook(ReadHook hook) override { read_hook_ = std::move(hook); }
    const std::string& path() const override { return path_; }

    std::vector<Team> teams() override;
    std::optional<Team> team(const std::string& id) override;
    void insert_team(const Team& team) override;
    std::vector<Member> members(const std::string& team_id) override;
    void insert_member(const Member& member) override;
    std::vector<Youth> youths(const std::string& team_id) override;
    void insert_youth(const Youth& youth) override;

    void save_team(const Team& team, const std::string& who) override;
    void save_member(const Member& member, const std::string& who) override;
    void save_youth(const Youth& youth, const std::string& who) override;
    std::vector<Measure> measures(const std::string& team_id) override;
    std::optional<Measure> measure(const std::string& id) override;
    void save_measure(const Measure& measure, const std::string& who) override;
    void delete_measure(const std::string& id, const std::string& who) override;
    std::vector<Incident> incidents(const std::string& team_id) override;
    std::optional<Incident> incident(const std::string& id) override;
    void save_incident(const Incident& incident, const std::string& who) override;
    void delete_incident(const std::string& id, const std::string& who) override;
    std::vector<Change> changes(const std::string& entity, const std::string& id) override;

    Dataset export_data(const std::optional<std::string>& team_id) override;
    ImportSummary import_data(const Dataset& data) override;

    void insert_dataset(const Dataset& data) override;
    StoreCounts counts() override;
    std::int64_t count(Kind kind) override;
    std::optional<std::string> setting(std::string_view key) override;
    void set_setting(std::string_view key, std::string_view value) override;

private:
    // Row writers without a transaction of their own (callers hold one). An "upsert" replaces
    // the row with the same id, including its child rows (incident youths, meeting steps, …).
    void add_team(const Team& t);
    void add_member(const Member& m);
    void add_youth(const Youth& y);
    void add_measure(const Measure& m);
    void add_incident(const Incident& i);
    void add_meeting(const Meeting& m);
    void add_action(const Action& a);
    void add_action_update(const ActionUpdate& u);
    void upsert_team(const Team& t);
    void upsert_member(const Member& m);
    void upsert_youth(const Youth& y);
    void upsert_measure(const Measure& m);
    void upsert_incident(const Incident& i);
    void upsert_meeting(const Meeting& m);
    void upsert_action(const Action& a);
    void upsert_action_update(const ActionUpdate& u);

    // Row readers for WHERE clauses over one table ("team_id = :team", bound by `bind`).
    std::vector<Team> read_teams(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Member> read_members(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Youth> read_youths(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Measure> read_measures(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Incident> read_incidents(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Meeting> read_meetings(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<Action> read_actions(const char* where, const std::function<void(sql::Stmt&)>& bind);
    std::vector<ActionUpdate> read_action_updates(const char* where, const std::function<void(sql::Stmt&)>& bind);

    // Writes one change-history row per field that differs between `before` and `after`
    // (field name → value; nullopt for NULL). `before` empty means created.
    using Fields = FieldList;
    void log_changes(const std::string& entity, const std::string& id, const Fields* before, const Fields& after,
                     const std::string& who);
    void log_deleted(const std::string& entity, const std::string& id, const std::string& who);
    // Upserts `record` and logs how it differs from the stored copy (or that it was created).
    // `may_exist` false skips looking for a stored copy (an import that knows the id is new).
    template <typename T>
    using Reader = std::vector<T> (SqliteStore::*)(const char*, const std::function<void(sql::Stmt&)>&);
    template <typename T>
    void save_logged(const char* entity, const T& record, Reader<T> read, void (SqliteStore::*upsert)(const T&),
                     const std::string& who, bool may_exist = true) {
        const auto old = may_exist ? (this->*read)("id = :id", [&](sql::Stmt& s) { s.bind(":id", record.id); }) : std::vector<T>{};
        const Fields before = old.empty() ? Fields{} : SqliteFields::of(old.front());
        (this->*upsert)(record);
        log_changes(entity, record.id, old.empty() ? nullptr : &before, SqliteFields::of(record), who);
    }

    // Runs `body` in one transaction, turns SQL failures into StoreError and, once committed,
    // bumps the revisions of `kinds` (the kinds of records `body` may change).
    void write(const std::string& what, const std::vector<Kind>& kinds, const std::function<void()>& body);
    // Tells the read hook, if any.
    void reading(Kind kind, ReadOf what = ReadOf::rows) {
        if (read_hook_) read_hook_(kind, what);
    }

    // Create mode: creates, checks and migrates under one write lock. Read-only mode: checks
    // only, and refuses any file this program would have to change.
    static sql::Db open(const std::string& path);
    static sql::Db open_read_only(const std::string& path);

    // A write statement prepared once and kept for the life of the store (imports and demo
    // data write thousands of rows); returned reset, with no bindings.
    sql::Stmt& prepared(const std::string& sql);
    // Inserts (or, with `upsert`, inserts or updates by id) one row of `table`.
    template <typename T>
    void write_row(const char* table, const char* cols, const T& record, bool upsert);

    std::string path_;
    bool read_only_ = false;
    sql::Db db_;
    Revisions revisions_;
    std::int64_t data_version_ = 0;  // PRAGMA data_version when last polled
    ReadHook read_hook_;
    // Declared after db_, so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<sql::Stmt>> statements_;

};

}  // namespace ts
