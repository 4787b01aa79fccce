#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/store.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace ts;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("ts-store-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

Team make_team(const std::string& name) {
    Team t;
    t.id = new_uuid();
    t.name = name;
    t.location = "Leiden";
    t.capacity = 8;
    t.reduction_goal_pct = 30;
    t.created_at = t.updated_at = "2026-01-05T09:00:00Z";
    return t;
}

// Reads a value straight from the file, bypassing the store.
std::int64_t pragma(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void exec_raw(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema and marked as ours", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("new.db");
    {
        auto store = open_sqlite_store(path);
        CHECK(store->teams().empty());
        store->insert_team(make_team("De Linde"));
    }
    CHECK(pragma(path, "PRAGMA user_version") == 1);
    CHECK(pragma(path, "PRAGMA application_id") == 0x54535047);
    CHECK(pragma(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                       "('team','member','youth','measure','incident','incident_youth','meeting','meeting_attendee',"
                       "'meeting_step','meeting_answer','meeting_rating','action','action_update','change_log','setting')") == 15);
}

TEST_CASE("re-opening keeps the data and does not migrate again", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("reopen.db");
    const Team t = make_team("De Wissel");
    { open_sqlite_store(path)->insert_team(t); }
    {
        auto store = open_sqlite_store(path);
        const auto teams = store->teams();
        REQUIRE(teams.size() == 1);
        CHECK(teams[0].id == t.id);
        CHECK(teams[0].name == "De Wissel");
        CHECK(teams[0].reduction_goal_pct == 30);
        CHECK(store->counts().teams == 1);
    }
    CHECK(pragma(path, "PRAGMA user_version") == 1);
}

TEST_CASE("the database runs in WAL mode with foreign keys enforced", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("wal.db");
    auto store = open_sqlite_store(path);
    store->insert_team(make_team("A"));
    CHECK(fs::exists(path + "-wal"));
    Member orphan;
    orphan.id = new_uuid();
    orphan.team_id = new_uuid();  // no such team
    orphan.name = "Sanne B.";
    orphan.created_at = orphan.updated_at = now_utc();
    CHECK_THROWS_WITH(store->insert_member(orphan), Catch::Contains("refers to a record that does not exist"));
    CHECK(store->counts().members == 0);
}

TEST_CASE("team names are unique, whatever their case", "[store]") {
    auto store = open_sqlite_store(":memory:");
    store->insert_team(make_team("De Linde"));
    CHECK_THROWS_WITH(store->insert_team(make_team("de linde")), Catch::Contains("already exists"));
    CHECK(store->teams().size() == 1);
}

TEST_CASE("insert_dataset stores all records or none", "[store]") {
    auto store = open_sqlite_store(":memory:");
    Dataset d;
    d.teams.push_back(make_team("A"));
    Youth y;
    y.id = new_uuid();
    y.team_id = d.teams[0].id;
    y.code = "J-01";
    y.admitted_on = "2026-01-05";
    y.created_at = y.updated_at = now_utc();
    d.youths.push_back(y);
    Youth dup = y;
    dup.id = new_uuid();  // same code in the same team: refused
    d.youths.push_back(dup);
    const auto before = store->revision();
    CHECK_THROWS_AS(store->insert_dataset(d), StoreError);
    CHECK(store->counts().teams == 0);
    CHECK(store->counts().youths == 0);
    CHECK(store->revision() == before);

    d.youths.pop_back();
    store->insert_dataset(d);
    CHECK(store->counts().teams == 1);
    CHECK(store->youths(d.teams[0].id).size() == 1);
    CHECK(store->revision() > before);
}

TEST_CASE("settings are remembered", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("settings.db");
    {
        auto store = open_sqlite_store(path);
        CHECK_FALSE(store->setting("ui.zoom_pct"));
        store->set_setting("ui.zoom_pct", "140");
        store->set_setting("ui.zoom_pct", "150");
    }
    CHECK(open_sqlite_store(path)->setting("ui.zoom_pct") == std::optional<std::string>("150"));
}

TEST_CASE("files that are not Teamspiegel databases are refused and left alone", "[store]") {
    TempDir tmp;

    SECTION("text") {
        const std::string path = tmp.file("notes.txt");
        std::ofstream(path) << "shopping list: milk, bread, a new projector\n";
        const auto size = fs::file_size(path);
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("not a Teamspiegel database (not a SQLite file)"));
        CHECK(fs::file_size(path) == size);
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0] == path + ": not a Teamspiegel database (not a SQLite file)");
    }
    SECTION("another program's SQLite database") {
        const std::string path = tmp.file("other.db");
        exec_raw(path, "CREATE TABLE recipes (name TEXT)");
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("a SQLite database of another program"));
        CHECK(pragma(path, "PRAGMA user_version") == 0);
        CHECK(pragma(path, "SELECT count(*) FROM sqlite_schema") == 1);
        CHECK_FALSE(check_database(path).ok);
    }
    SECTION("a database from a newer Teamspiegel") {
        const std::string path = tmp.file("newer.db");
        { open_sqlite_store(path); }
        exec_raw(path, "PRAGMA user_version = 99");
        CHECK_THROWS_WITH(open_sqlite_store(path), Catch::Contains("newer than this program"));
        const CheckReport r = check_database(path);
        CHECK_FALSE(r.ok);
        CHECK(r.problems[0].find("schema version 99") != std::string::npos);
    }
    SECTION("a folder") {
        CHECK_THROWS_WITH(open_sqlite_store(tmp.path.string()), Catch::Contains("is a folder"));
    }
}

TEST_CASE("check passes on a healthy database and finds broken references", "[store]") {
    TempDir tmp;
    const std::string path = tmp.file("check.db");
    {
        auto store = open_sqlite_store(path);
        const Team t = make_team("A");
        store->insert_team(t);
    }
    CheckReport r = check_database(path);
    CHECK(r.ok);
    CHECK(r.schema_version == 1);
    CHECK(r.counts.teams == 1);

    // A member pointing at a team that is gone (written with foreign keys off, as damage would).
    exec_raw(path, "PRAGMA foreign_keys = OFF; INSERT INTO member VALUES ('m1', 'gone', 'X', 'coach', 1, 'a', 'a');");
    r = check_database(path);
    CHECK_FALSE(r.ok);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("member row") != std::string::npos);
    CHECK(r.problems[0].find("missing team record") != std::string::npos);
}

TEST_CASE("the database folder is created with user-only permissions", "[store]") {
    TempDir tmp;
    const std::string path = (tmp.path / "a" / "b" / "teamspiegel.db").string();
    open_sqlite_store(path);
    for (const auto& folder : {tmp.path / "a", tmp.path / "a" / "b"}) {
        struct stat st{};
        REQUIRE(stat(folder.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0700);
    }
}

TEST_CASE("the default database path follows the environment", "[store]") {
    const char* old_db = std::getenv("TEAMSPIEGEL_DB");
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string keep_db = old_db ? old_db : "", keep_xdg = old_xdg ? old_xdg : "", keep_home = old_home ? old_home : "";

    setenv("TEAMSPIEGEL_DB", "/tmp/x/my.db", 1);
    CHECK(default_database_path() == "/tmp/x/my.db");
    unsetenv("TEAMSPIEGEL_DB");
    setenv("XDG_DATA_HOME", "/data/home", 1);
    CHECK(default_database_path() == "/data/home/teamspiegel/teamspiegel.db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/coach", 1);
    CHECK(default_database_path() == "/home/coach/.local/share/teamspiegel/teamspiegel.db");

    old_db ? setenv("TEAMSPIEGEL_DB", keep_db.c_str(), 1) : unsetenv("TEAMSPIEGEL_DB");
    old_xdg ? setenv("XDG_DATA_HOME", keep_xdg.c_str(), 1) : unsetenv("XDG_DATA_HOME");
    old_home ? setenv("HOME", keep_home.c_str(), 1) : unsetenv("HOME");
}
