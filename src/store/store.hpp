// The store interface: everything the program reads and writes goes through it, so the
// screens never see SQL and a PostgreSQL backend can be added beside SQLite later.
#pragma once

#include "core/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

// A failure the user can act on, in plain words ("a team named De Linde already exists").
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct StoreCounts {
    std::int64_t teams = 0, members = 0, youths = 0, measures = 0, incidents = 0, meetings = 0, actions = 0,
                 action_updates = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // Increases with every write; screens rebuild their cached rows when it changes.
    virtual std::uint64_t revision() const = 0;
    virtual const std::string& path() const = 0;

    virtual std::vector<Team> teams() = 0;
    virtual std::optional<Team> team(const std::string& id) = 0;
    virtual void insert_team(const Team& team) = 0;
    virtual std::vector<Member> members(const std::string& team_id) = 0;
    virtual void insert_member(const Member& member) = 0;
    virtual std::vector<Youth> youths(const std::string& team_id) = 0;
    virtual void insert_youth(const Youth& youth) = 0;
    virtual void insert_measure(const Measure& measure) = 0;
    virtual void insert_incident(const Incident& incident) = 0;

    // Inserts all records in one transaction: all of them are stored, or none.
    virtual void insert_dataset(const Dataset& data) = 0;

    virtual StoreCounts counts() = 0;

    // Preferences of this machine: language, theme, zoom, current team.
    virtual std::optional<std::string> setting(std::string_view key) = 0;
    virtual void set_setting(std::string_view key, std::string_view value) = 0;
};

// Opens (creating if needed) a Teamspiegel SQLite database and migrates it. ":memory:" gives a
// private in-memory database. Throws StoreError with a plain message on a file that is not
// a Teamspiegel database, is damaged, or is newer than this program.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

struct CheckReport {
    bool ok = false;
    std::vector<std::string> problems;  // empty when ok
    int schema_version = 0;
    StoreCounts counts;
};

// Checks an existing file without changing it: is it SQLite, is it ours, is the schema known,
// integrity_check and foreign_key_check.
CheckReport check_database(const std::string& path);

// The default database: $TEAMSPIEGEL_DB, else $XDG_DATA_HOME/teamspiegel/teamspiegel.db,
// else ~/.local/share/teamspiegel/teamspiegel.db.
std::string default_database_path();

// Creates the folder that will hold `file_path`, with user-only permissions (0700) for every
// folder it creates. Throws StoreError naming the folder on failure.
void ensure_database_folder(const std::string& file_path);

}  // namespace ts
