// The store interface: everything the program reads and writes goes through it, so the
// screens never see SQL and a PostgreSQL backend can be added beside SQLite later.
#pragma once

#include "core/indicators.hpp"
#include "core/types.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ts {

// A failure the user can act on, in plain words ("a team named De Linde already exists").
// Nothing else leaves the store: SQLite's own errors arrive as DatabaseError below.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The database file itself failed while in use: it is damaged, in use by another program,
// the disk is full, it cannot be written or read. The message is plain words without the
// file's name ("the database is damaged; run `teamspiegel check`"), so the caller names the
// file; code() is SQLite's extended result code, detail() SQLite's own words.
class DatabaseError : public StoreError {
public:
    DatabaseError(int code, const std::string& message, std::string detail)
        : StoreError(message), code_(code), detail_(std::move(detail)) {}
    int code() const { return code_; }
    const std::string& detail() const { return detail_; }

private:
    int code_;
    std::string detail_;
};

// Who the change history records when nobody is chosen at the keyboard yet (setting up a
// team, before it has members): a fixed stored value, shown translated ("onbekend").
inline constexpr const char* kUnknownWho = "unknown";

// One changed field of a record, for the change history (who, when, old → new).
struct Change {
    std::string field;                     // "ended_at", or "created" / "deleted", or "imported"
    // "imported": the record came from a bundle; new_value is its file, old_value the number of
    // records of that import (one entry per bundle, none per field).
    std::optional<std::string> old_value, new_value;
    std::string changed_by, changed_at;
};

// A record the database refused by one of its rules: its id or name clashes with a stored
// record, it refers to a record that does not exist (or is still referred to), or a value is
// out of range. The message names the record ("a team named \"De Linde\" already exists");
// reason() lets a caller (the import) say it in its own words.
class ConstraintError : public StoreError {
public:
    enum class Reason { clash, reference, value };
    ConstraintError(Reason reason, const std::string& message) : StoreError(message), reason_(reason) {}
    Reason reason() const { return reason_; }

private:
    Reason reason_;
};

// A bundle record the import refuses, named like "measures[17].youth_id".
class ImportError : public StoreError {
public:
    ImportError(std::string path, std::string problem)
        : StoreError(path + ": " + problem), path_(std::move(path)), problem_(std::move(problem)) {}
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string path_, problem_;
};

struct ImportSummary {
    std::int64_t inserted = 0;   // unknown ids
    std::int64_t updated = 0;    // known ids with a newer updated_at in the bundle
    std::int64_t unchanged = 0;  // known ids whose stored copy is as new or newer
};

// What the import needs to know of a stored record before it decides (store/import.hpp).
struct RecordHead {
    std::string updated_at;
    std::string owner;  // the value of its owner field: team_id (a team: its id; an action update: action_id)
};

struct StoreCounts {
    std::int64_t teams = 0, members = 0, youths = 0, measures = 0, incidents = 0, meetings = 0, actions = 0,
                 action_updates = 0;
    // The number of records of `kind`.
    std::int64_t& of(Kind kind) {
        switch (kind) {
            case Kind::team: return teams;
            case Kind::member: return members;
            case Kind::youth: return youths;
            case Kind::measure: return measures;
            case Kind::incident: return incidents;
            case Kind::meeting: return meetings;
            case Kind::action: return actions;
            case Kind::action_update: break;
        }
        return action_updates;
    }
    std::int64_t of(Kind kind) const { return const_cast<StoreCounts&>(*this).of(kind); }
    friend bool operator==(const StoreCounts&, const StoreCounts&) = default;
};

// One counter per kind of record. A write increases the counters of the kinds it changed, so
// whoever keeps rows (src/model) reads again only those; preferences change none.
struct Revisions {
    std::array<std::uint64_t, kKindCount> of{};
    std::uint64_t operator[](Kind k) const { return of[static_cast<std::size_t>(k)]; }
    void bump(Kind k) { ++of[static_cast<std::size_t>(k)]; }
    void bump_all() {
        for (auto& n : of) ++n;
    }
    friend bool operator==(const Revisions&, const Revisions&) = default;
};

// What a read fetched: a kind's rows (one or a list), its count, or a record's history.
enum class ReadOf : std::uint8_t { rows, count, history };
// Called once for every read of records from the database, before it runs. For tests and
// diagnostics (which reads does a frame cause?); none is set by default.
using ReadHook = std::function<void(Kind, ReadOf)>;
// Called with the text of every SQL statement the store runs, as it starts (SQLite: its trace of
// statements, those of triggers included), for tests and diagnostics: a frame where nothing
// changed runs none. None is set by default.
using StatementHook = std::function<void(std::string_view sql)>;

class Store {
public:
    virtual ~Store() = default;

    // Per kind of record, increases with every write of that kind by this store, and for every
    // kind when poll_changes() finds that another connection wrote.
    virtual Revisions revisions() const = 0;
    // Asks the database whether another connection (another process, a laptop on the same
    // file) has written since the last call; if so, every revision increases and it returns
    // true. Cheap enough to call once a second (SQLite: PRAGMA data_version).
    virtual bool poll_changes() = 0;
    // The ids of the records of `kind` that this store saved or deleted since its revision of
    // that kind was `since`, oldest first, each once; empty when nothing was. nullopt when it
    // cannot tell which: another connection wrote, a bundle or a data set was stored, or it
    // was too long ago. Whoever keeps rows then reads the kind again (src/model: a save puts
    // back the one row it changed instead of reading a team's years of measures).
    virtual std::optional<std::vector<std::string>> written_since(Kind kind, std::uint64_t since) const = 0;
    virtual void set_read_hook(ReadHook hook) = 0;
    virtual void set_statement_hook(StatementHook hook) = 0;
    virtual const std::string& path() const = 0;

    // Runs `body` so that every save and delete inside it is stored together or not at all:
    // when `body` throws, everything it wrote is undone and the exception passes on. A save
    // that fails inside it undoes only itself, so a caller that catches its StoreError may go
    // on and commit the rest. Transactions nest (the inner one commits into the outer one).
    // Revisions increase once, when the outermost transaction has committed, for the kinds of
    // records written. On a store opened for reading only it throws StoreError.
    virtual void transaction(const std::function<void()>& body) = 0;

    virtual std::vector<Team> teams() = 0;
    virtual std::optional<Team> team(const std::string& id) = 0;
    virtual std::vector<Member> members(const std::string& team_id) = 0;
    virtual std::vector<Youth> youths(const std::string& team_id) = 0;

    // --- one write verb per kind: save_* inserts a new id or replaces the stored record ---
    // The registers (team, member, youth, measure, incident) keep every save and delete in the
    // change history as `who`. A save that breaks a rule of the database throws
    // ConstraintError, any other failure StoreError (DatabaseError when the file failed).
    virtual void save_team(const Team& team, const std::string& who) = 0;      // insert or update
    virtual void save_member(const Member& member, const std::string& who) = 0;
    virtual void save_youth(const Youth& youth, const std::string& who) = 0;
    virtual std::vector<Measure> measures(const std::string& team_id) = 0;     // ordered by start, newest first
    // A team's measures that started at or after `since` (unix seconds), newest first, and
    // the older ones linked to its incidents that occurred since then: what a screen showing
    // that window needs, read through the index.
    virtual std::vector<Measure> measures_since(const std::string& team_id, std::int64_t since) = 0;
    virtual std::optional<Measure> measure(const std::string& id) = 0;
    virtual void save_measure(const Measure& measure, const std::string& who) = 0;
    virtual void delete_measure(const std::string& id, const std::string& who) = 0;
    virtual std::vector<Incident> incidents(const std::string& team_id) = 0;   // newest first
    // A team's incidents that occurred at or after `since` (unix seconds), newest first.
    virtual std::vector<Incident> incidents_since(const std::string& team_id, std::int64_t since) = 0;
    // The incidents with these ids (those that exist), in no set order.
    virtual std::vector<Incident> incidents_with_ids(const std::vector<std::string>& ids) = 0;
    // The number of one team's records of `kind`.
    virtual std::int64_t team_count(Kind kind, const std::string& team_id) = 0;
    virtual std::optional<Incident> incident(const std::string& id) = 0;
    virtual void save_incident(const Incident& incident, const std::string& who) = 0;
    // Measures linked to the incident keep their record; their link is cleared.
    virtual void delete_incident(const std::string& id, const std::string& who) = 0;
    // A team's meetings, newest first (by the day held), with their attendees, steps, answers
    // and ratings.
    virtual std::vector<Meeting> meetings(const std::string& team_id) = 0;
    // Actions keep every save and delete in the change history, as the registers do; meetings
    // and action updates keep none (an update is itself a line of an action's history).
    virtual std::vector<Action> actions(const std::string& team_id) = 0;  // oldest first (created_at)
    virtual std::optional<Action> action(const std::string& id) = 0;
    virtual void save_action(const Action& action, const std::string& who) = 0;
    // Its updates go with it.
    virtual void delete_action(const std::string& id, const std::string& who) = 0;
    // The updates of a team's actions, oldest first (created_at).
    virtual std::vector<ActionUpdate> action_updates(const std::string& team_id) = 0;
    // Every team's actions (oldest first), their updates (oldest first), members and meetings
    // (newest first): the actions screen across all teams reads these once, and again only when
    // the revision of their kind changes (model::AllActions).
    virtual std::vector<Action> all_actions() = 0;
    virtual std::vector<ActionUpdate> all_action_updates() = 0;
    virtual std::vector<Member> all_members() = 0;
    virtual std::vector<Meeting> all_meetings() = 0;
    virtual void save_meeting(const Meeting& meeting, const std::string& who) = 0;
    virtual void save_action_update(const ActionUpdate& update, const std::string& who) = 0;
    // The stamp and owner of a stored record of any kind, by id; nullopt when there is none.
    virtual std::optional<RecordHead> head(Kind kind, const std::string& id) = 0;
    // Oldest first. `entity` is "team", "member", "youth", "measure", "incident" or "action".
    virtual std::vector<Change> changes(const std::string& entity, const std::string& id) = 0;

    // --- exchange (bundles) ---
    // Every record of one team (or of all teams when team_id is empty), list by list in the
    // bundle's order (teams, members, youths, incidents, measures, meetings, actions, action
    // updates), each list ordered by id, handed to `sink` one at a time with its index in its
    // list: the measures and incidents of any number of years are never all in memory.
    virtual void export_each(const std::optional<std::string>& team_id, RecordSink& sink) = 0;
    // The same records gathered in memory (export_each into a Dataset).
    Dataset export_data(const std::optional<std::string>& team_id);
    // (Merging a bundle into the store is BundleImport in store/import.hpp, over head(),
    // transaction() and the three verbs below: the same policy for every backend.)

    // Inside transaction(): notes that a bundle is being imported (which file, by whom) and
    // returns its number. Until the outermost transaction commits, a record may refer to one
    // that comes later in the bundle: the references are checked at the commit (the import
    // checks them itself before; the database's check is the last guard).
    // `expected_records` is a guess of the bundle's size (a backend may prepare for a large one).
    virtual std::int64_t begin_import(const std::string& file, const std::string& who, std::int64_t expected_records) = 0;
    // Writes a record of import `import_id`: inserted, or (replace) replacing the stored one
    // and its child rows. The record's history then shows that import instead of its fields:
    // one entry per bundle, not one per record. A record the database refuses throws
    // ConstraintError, as the save_* verbs do.
    using ImportedRecord = std::variant<const Team*, const Member*, const Youth*, const Measure*, const Incident*, const Meeting*,
                                        const Action*, const ActionUpdate*>;
    virtual void put_imported(ImportedRecord record, bool replace, std::int64_t import_id) = 0;
    // The import's counts, for its entry.
    virtual void finish_import(std::int64_t import_id, const ImportSummary& summary) = 0;

    // Inserts all records of a new data set (demo data) in one transaction, without change
    // history: all of them are stored, or none. Any id already stored refuses the whole set.
    virtual void insert_dataset(const Dataset& data) = 0;

    // What the indicator engine counts (core/indicators.hpp) for the teams, days and kinds of
    // the query, read through indexes: only the rows the range needs. Facts of kinds the
    // query leaves out are empty. The result is not yet prepare()d.
    virtual ind::Facts facts(const ind::FactsQuery& query) = 0;

    // Makes again, from the records themselves, what the store derives from them to answer
    // facts() quickly (SQLite: the packed months of measures and incidents, the packed actions of
    // each team). For `check --repair`.
    virtual void rebuild_summaries() = 0;

    virtual StoreCounts counts() = 0;
    // The number of records of one kind, of all teams.
    virtual std::int64_t count(Kind kind) = 0;

    // A preference of this machine that a database of an older version kept (language, theme,
    // zoom, team). Preferences now live in the user's config folder (ui/preferences.hpp); the
    // window reads these only where that file has none. Nothing writes them any more.
    virtual std::optional<std::string> legacy_setting(std::string_view key) = 0;
};

enum class OpenMode {
    // The window, demo, import, screenshot: creates a missing file (mode 0600) and its folders
    // (0700), and brings an older schema up to date. Safe when several processes start at once.
    create,
    // Read-only commands (export, check, reports, minutes): opens an existing Teamspiegel
    // database of this program's schema version for reading only. Creates no file or folder,
    // migrates nothing, and every write through the store fails with a StoreError.
    read_only,
};

// Opens a Teamspiegel SQLite database. ":memory:" gives a private in-memory database (create
// mode only). Throws StoreError with a plain message naming the file when it is missing (read
// only), not a Teamspiegel database, damaged, in use, or of a schema this program cannot use.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode = OpenMode::create);

// Makes the database `path`, which does not exist yet, by `fill`, which writes it through the
// store it is given in one transaction (an import into a new file). It is written under a name
// of its own beside `path` (PATH.new-XXXXXX), without a journal on disk or waiting for the disk,
// and linked into place once whole and on disk: a failure leaves `path` missing and removes the
// file; a kill leaves `path` missing and the file behind. Returns false, having made nothing,
// where `path` exists by now or its folder takes no hard links: the caller then opens it as
// usual. Throws what `fill` throws, and StoreError where the file cannot be made.
bool fill_new_sqlite_database(const std::string& path, const std::function<void(Store&)>& fill);

struct CheckReport {
    bool ok = false;
    std::vector<std::string> problems;  // empty when ok
    int schema_version = 0;
    StoreCounts counts;
};

// Checks an existing file without changing it (it may be read-only, in a read-only folder):
// is it SQLite, is it ours, is the schema known and do its tables match the schema version,
// integrity_check and foreign_key_check. A file in use by another program is reported as such.
CheckReport check_database(const std::string& path);

// The default database: $TEAMSPIEGEL_DB, else $XDG_DATA_HOME/teamspiegel/teamspiegel.db,
// else ~/.local/share/teamspiegel/teamspiegel.db.
std::string default_database_path();

// Creates the folder that will hold `file_path`, with user-only permissions (0700) for every
// folder it creates. Throws StoreError naming the folder on failure.
void ensure_database_folder(const std::string& file_path);

}  // namespace ts
