#include "store/sqlite_store.hpp"

#include "core/fields.hpp"

#include "core/time.hpp"
#include "store/migrations.hpp"

#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <thread>
#include <unordered_map>

namespace fs = std::filesystem;

namespace ts {
namespace {

// --- SQL from the field tables (core/fields.hpp) -------------------------------------------

// "id, team_id, name, …": the columns of a kind's table, as INSERT, upsert and SELECT use them.
template <typename T>
const std::string& cols_of() {
    static const std::string cols = [] {
        std::string out;
        for (const auto& f : fields_of<T>())
            if (f.column()) out += (out.empty() ? "" : ", ") + std::string(f.name);
        return out;
    }();
    return cols;
}

// "INSERT INTO t (a, b) VALUES (:a, :b)" and, for upserts, "… ON CONFLICT (id) DO UPDATE SET b = excluded.b".
template <typename T>
const std::string& insert_sql(bool upsert) {
    static const auto make = [](bool with_update) {
        const auto& table = table_of<T>();
        std::string sql = "INSERT INTO " + std::string(table.name) + " (" + cols_of<T>() + ") VALUES (";
        bool first = true;
        for (const auto& f : table.fields) {
            if (!f.column()) continue;
            sql += (first ? ":" : ", :") + std::string(f.name);
            first = false;
        }
        sql += ")";
        if (with_update) {
            sql += " ON CONFLICT (id) DO UPDATE SET ";
            first = true;
            for (const auto& f : table.fields) {
                if (!f.column() || f.name == "id") continue;
                sql += (first ? "" : ", ") + std::string(f.name) + " = excluded." + std::string(f.name);
                first = false;
            }
        }
        return sql;
    };
    static const std::string insert = make(false), upserting = make(true);
    return upsert ? upserting : insert;
}

// The insert of an imported record: its columns and the import that wrote it; `replace` updates
// a stored one (the insert triggers fire for a new row, the update triggers for a replaced one).
template <typename T>
const std::string& import_sql(bool replace) {
    static const auto make = [](bool with_update) {
        std::string sql = insert_sql<T>(false);
        const std::size_t cols_end = sql.find(") VALUES (");
        sql.insert(cols_end, ", import_id");
        sql.insert(sql.size() - 1, ", :import_id");
        if (with_update) {
            sql += " ON CONFLICT (id) DO UPDATE SET import_id = excluded.import_id";
            for (const auto& f : table_of<T>().fields) {
                if (!f.column() || f.name == "id") continue;
                sql += ", " + std::string(f.name) + " = excluded." + std::string(f.name);
            }
        }
        return sql;
    };
    static const std::string insert = make(false), replacing = make(true);
    return replace ? replacing : insert;
}

// How each kind's lists are ordered (Store's documented orders).
const char* order_of(Kind kind) {
    switch (kind) {
        case Kind::team:
        case Kind::member: return "name COLLATE NOCASE, id";
        case Kind::youth: return "code, id";
        case Kind::measure: return "started_at DESC, id";
        case Kind::incident: return "occurred_at DESC, id";
        case Kind::meeting: return "held_on DESC, id";
        case Kind::action:
        case Kind::action_update: break;
    }
    return "created_at, id";
}

template <typename T>
std::string select_sql(const char* where) {
    const auto& table = table_of<T>();
    return "SELECT " + cols_of<T>() + " FROM " + std::string(table.name) + (where && *where ? std::string(" WHERE ") + where : "") +
           " ORDER BY " + order_of(table.kind);
}

// Binds every column of `record` to its parameter (":started_at"). The statements of a kind
// (insert_sql, import_sql) name their parameters in the order of the field table's columns, so
// they are bound by position: no look-up of a name, and text without a copy (each statement runs
// before `record` goes). The order is checked against the names once per statement.
template <typename T>
void bind_fields(sql::Stmt& s, const T& record) {
    const auto& defs = fields_of<T>();
    static const std::vector<int> positions = [&] {
        std::vector<int> out(defs.size(), 0);
        int next = 1;
        for (std::size_t k = 0; k < defs.size(); ++k)
            if (defs[k].column()) out[k] = next++;
        return out;
    }();
    thread_local std::set<const sql::Stmt*> checked;
    if (checked.insert(&s).second) {
        for (std::size_t k = 0; k < defs.size(); ++k)
            if (defs[k].column() && s.parameter_name(positions[k]) != ":" + std::string(defs[k].name))
                throw std::logic_error("bind_fields: parameter " + std::to_string(positions[k]) + " is not :" + std::string(defs[k].name));
    }
    for (std::size_t k = 0; k < defs.size(); ++k) {
        const auto& f = defs[k];
        if (!f.column()) continue;
        const int p = positions[k];
        if (f.text) {
            if (const std::string* t = f.text(record)) s.bind_view_at(p, *t);
            else s.bind_null_at(p);
            continue;
        }
        const FieldValue v = f.get(record);
        if (const auto* t = std::get_if<std::string>(&v)) s.bind_copy_at(p, *t);  // (a choice's spelling)
        else if (const auto* n = std::get_if<std::int64_t>(&v)) s.bind_at(p, *n);
        else if (const auto* d = std::get_if<double>(&v)) s.bind_at(p, *d);
        else if (const auto* b = std::get_if<bool>(&v)) s.bind_at(p, static_cast<std::int64_t>(*b ? 1 : 0));
        else s.bind_null_at(p);
    }
}

// Reads rows of a record kind, each column found by its name in the statement.
template <typename T>
class RowReader {
public:
    explicit RowReader(sql::Stmt& s) : col_(fields_of<T>().size(), -1) {
        const auto& defs = fields_of<T>();
        for (int i = 0; i < s.column_count(); ++i)
            for (std::size_t k = 0; k < defs.size(); ++k)
                if (defs[k].name == s.column_name(i)) col_[k] = i;
    }

    // The record of the statement's current row.
    T row(sql::Stmt& s) const {
        const auto& defs = fields_of<T>();
        T r;
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const int c = col_[k];
            if (c < 0) continue;  // child rows are read apart
            if (defs[k].set_text) {
                defs[k].set_text(r, s.is_null(c) ? std::nullopt : std::optional<std::string_view>(s.view(c)));
                continue;
            }
            FieldValue v;
            if (!s.is_null(c)) {
                switch (defs[k].type) {
                    case FieldType::integer:
                    case FieldType::opt_integer: v = s.integer(c); break;
                    case FieldType::real: v = s.real(c); break;
                    case FieldType::boolean: v = s.integer(c) != 0; break;
                    default: v = s.text(c); break;
                }
            }
            defs[k].set(r, v);  // a spelling the program does not know keeps the default
        }
        return r;
    }

private:
    std::vector<int> col_;
};

template <typename T>
std::vector<T> read_rows(sql::Stmt& s) {
    const RowReader<T> reader(s);
    std::vector<T> out;
    while (s.step()) out.push_back(reader.row(s));
    return out;
}

// What is at a database path, judged before SQLite touches it.
enum class FileKind { missing, folder, empty, sqlite, other, unreadable };

FileKind classify(const std::string& path, std::string* reason = nullptr) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return FileKind::missing;
    if (fs::is_directory(status)) return FileKind::folder;
    if (!fs::is_regular_file(status)) return FileKind::other;  // a device, a pipe, a socket
    // A SQLite file starts with this 16-byte header; anything else is not a database.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (reason) *reason = std::strerror(errno);
        return FileKind::unreadable;
    }
    char header[16] = {};
    std::size_t got = 0;
    while (got < sizeof header) {
        const ssize_t n = ::read(fd, header + got, sizeof header - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && reason) *reason = std::strerror(errno);
        if (n < 0) {
            ::close(fd);
            return FileKind::unreadable;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got == 0) return FileKind::empty;
    return got == sizeof header && std::string(header, sizeof header) == std::string("SQLite format 3\0", 16) ? FileKind::sqlite
                                                                                                          : FileKind::other;
}

// Creates a missing database file readable and writable by the user only (0600), whatever the
// umask and the folder's mode; SQLite gives the -wal, -shm and journal files the mode of the
// database file. An existing file keeps the mode its owner gave it. Another process creating
// the file at the same moment is fine: whoever comes second opens what the first made.
void create_private_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return;
        throw StoreError(path + ": cannot be created (" + std::strerror(errno) + ")");
    }
    const bool ok = ::fchmod(fd, 0600) == 0;  // a umask such as 0277 takes bits from open()'s mode
    const std::string reason = ok ? "" : std::strerror(errno);
    ::close(fd);
    if (!ok) throw StoreError(path + ": cannot set its permissions (" + reason + ")");
}

constexpr int kBusyTimeoutMs = 5000;  // another Teamspiegel writing, or creating the file: wait
constexpr int kCheckBusyTimeoutMs = 2000;

// "file:/abs/path?immutable=1": reads the file as one that cannot change, without locks, -wal
// or -shm (SQLite URI syntax; %, ? and # in the path are escaped).
std::string immutable_uri(const std::string& path) {
    const std::string abs = fs::absolute(path).string();
    std::string uri = "file:";
    for (const unsigned char c : abs) {
        if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            uri += buf;
        }
    }
    return uri + "?immutable=1";
}

// Opens an existing file for reading only. A WAL database needs its -shm file; when that does
// not exist and cannot be made (a read-only folder) while the -wal file is absent or empty,
// nothing is being written to the file, and it is read as an unchanging file instead.
sql::Db open_for_reading(const std::string& path, int busy_ms) {
    sql::Db db(path, sql::Db::Mode::read_only);
    sqlite3_busy_timeout(db.handle(), busy_ms);
    try {
        db.scalar_int("PRAGMA application_id");
        return db;
    } catch (const sql::Error& e) {
        if (e.code() != SQLITE_READONLY_DIRECTORY && e.code() != SQLITE_READONLY_CANTINIT) throw;
        std::error_code ec;
        const auto wal = fs::file_size(path + "-wal", ec);
        if (!ec && wal > 0) throw;
    }
    sql::Db immutable(immutable_uri(path), sql::Db::Mode::read_only, true);
    immutable.scalar_int("PRAGMA application_id");
    return immutable;
}

bool is_busy(const sql::Error& e) { return (e.code() & 0xFF) == SQLITE_BUSY || (e.code() & 0xFF) == SQLITE_LOCKED; }

// Runs `body` (a whole transaction) again while it fails because another connection holds a
// lock, for up to the busy timeout. SQLite waits for locks by itself, except where waiting could
// deadlock; then it fails at once with SQLITE_BUSY, and the transaction is simply tried again.
void retry_while_busy(const std::function<void()>& body) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(kBusyTimeoutMs);
    for (int wait_ms = 1;; wait_ms = std::min(wait_ms * 2, 50)) {
        try {
            body();
            return;
        } catch (const sql::Error& e) {
            if (!is_busy(e) || steady_clock::now() > deadline) throw;
        }
        std::this_thread::sleep_for(milliseconds(wait_ms));
    }
}

// Switches the file to the WAL journal (once; it is kept in the file). That needs a moment's
// exclusive lock, for which SQLite does not wait on its own: while another process is opening
// the same new file it is tried again for up to the busy timeout. A file that stays in the
// rollback journal works the same, only with less concurrency, so giving up is no failure.
void use_wal(sql::Db& db) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(kBusyTimeoutMs);
    for (int wait_ms = 1;; wait_ms = std::min(wait_ms * 2, 50)) {
        try {
            sql::Stmt s(db, "PRAGMA journal_mode = WAL");
            if (s.step() && s.text(0) == "wal") return;
        } catch (const sql::Error& e) {
            if (!is_busy(e)) throw;
        }
        if (steady_clock::now() > deadline) return;
        std::this_thread::sleep_for(milliseconds(wait_ms));
    }
}

// A private new file beside `path` (PATH.new-XXXXXX, mode 0600), removed again with its
// journal, WAL and shared-memory files when this is destroyed, unless linked into place.
class TempBeside {
public:
    explicit TempBeside(const std::string& path) : path_(path), name_(path + ".new-XXXXXX") {
        const int fd = ::mkstemp(name_.data());
        if (fd < 0) throw StoreError(path + ": cannot be created (" + std::strerror(errno) + ")");
        const bool private_mode = ::fchmod(fd, 0600) == 0;  // a umask such as 0277 takes bits from the mode
        const std::string reason = private_mode ? "" : std::strerror(errno);
        ::close(fd);
        if (!private_mode) {
            remove();
            throw StoreError(path + ": cannot set its permissions (" + reason + ")");
        }
    }
    ~TempBeside() { remove(); }
    TempBeside(const TempBeside&) = delete;
    TempBeside& operator=(const TempBeside&) = delete;
    const std::string& name() const { return name_; }

    // Links the file to `path`, then its folder's new entry is made to reach the disk: 0, or
    // the errno of the link (EEXIST: another process made `path` first).
    int link_into_place() {
        if (::link(name_.c_str(), path_.c_str()) != 0) return errno;
        const fs::path folder = fs::path(path_).parent_path();
        const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
        return 0;
    }

private:
    void remove() {
        for (const char* side : {"", "-journal", "-wal", "-shm"}) ::unlink((name_ + side).c_str());
    }
    std::string path_, name_;
};

// A folder that takes no hard links (some shared or FAT drives).
bool no_links(int error) { return error == EPERM || error == ENOTSUP || error == ENOSYS; }

// Makes a new database whole under a name of its own beside `path` (the schema, and the switch
// to WAL, which take a few fsyncs) and then links it into place. A process killed meanwhile
// leaves the path missing, never an empty file or a file with a hot rollback journal, which
// `check` would call "not a Teamspiegel database" or could not read; what it leaves is its
// temporary file. If another process linked its new database first, that one is the database.
// Returns false where the folder takes no hard links: the caller then makes the database in
// place, as before.
bool make_new_database(const std::string& path) {
    TempBeside temp(path);
    try {
        {
            sql::Db db(temp.name(), sql::Db::Mode::read_write);
            sql::Transaction tx(db);
            store::migrate(db, 0);
            tx.commit();
            use_wal(db);
        }  // closing the only connection folds the WAL into the file and removes it
    } catch (const sql::Error& e) {
        throw StoreError(path + ": cannot be created (" + e.what() + ")");
    }
    const int error = temp.link_into_place();
    if (no_links(error)) return false;
    if (error != 0 && error != EEXIST) throw StoreError(path + ": cannot be created (" + std::strerror(error) + ")");
    return true;
}

// What marks a file as ours and which schema it has, read in the caller's transaction.
struct Identity {
    std::int64_t application_id = 0, version = 0, objects = 0;
    bool ours() const { return application_id == store::kApplicationId; }
    // A SQLite file with nothing in it: a new database, made by us a moment ago or by the user.
    bool blank() const { return application_id == 0 && version == 0 && objects == 0; }
};

Identity identify(sql::Db& db) {
    Identity id;
    id.application_id = db.scalar_int("PRAGMA application_id");
    id.version = db.scalar_int("PRAGMA user_version");
    id.objects = db.scalar_int("SELECT count(*) FROM sqlite_schema");
    return id;
}

std::string not_ours_message(const std::string& path, const Identity& id) {
    return path + (id.blank() ? ": not a Teamspiegel database (an empty SQLite database)"
                              : ": not a Teamspiegel database (a SQLite database of another program)");
}

std::string newer_message(const std::string& path, std::int64_t version) {
    return path + ": schema version " + std::to_string(version) + " is newer than this program understands (" +
           std::to_string(store::latest_schema_version()) + "); use a newer Teamspiegel";
}

// The number of records of each kind, counted in the tables (check compares the summary with it).
StoreCounts count_rows(sql::Db& db) {
    StoreCounts c;
    for (Kind k : kAllKinds) c.of(k) = db.scalar_int(("SELECT count(*) FROM " + std::string(kind_name(k))).c_str());
    return c;
}

// The number of records of each kind, from the summary the triggers keep (migration 5).
StoreCounts read_counts(sql::Db& db) {
    StoreCounts c;
    sql::Stmt s(db, "SELECT kind, n FROM record_count");
    while (s.step()) {
        const std::string kind = s.text(0);
        for (Kind k : kAllKinds)
            if (kind == kind_name(k)) c.of(k) = s.integer(1);
    }
    return c;
}

// Resets a kept statement when a read is done (or fails half-way), so no read stays open.
class ResetOnExit {
public:
    explicit ResetOnExit(sql::Stmt& s) : s_(s) {}
    ~ResetOnExit() { s_.reset(); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sql::Stmt& s_;
};

// Turns constraint failures into sentences a team coach understands.
[[noreturn]] void rethrow_friendly(const sql::Error& e, const std::string& what) {
    const int code = e.code();
    using Reason = ConstraintError::Reason;
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) throw ConstraintError(Reason::clash, what + " already exists");
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
        // Deleting a youth with measures, or inserting a record pointing nowhere.
        throw ConstraintError(Reason::reference, what + " refers to a record that does not exist, or is still referred to");
    }
    if (code == SQLITE_CONSTRAINT_CHECK) throw ConstraintError(Reason::value, what + " has a value out of range");
    if ((code & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(Reason::value, what + ": " + e.what());
    if ((code & 0xFF) == SQLITE_ERROR) throw StoreError(what + ": " + e.what());
    // Damaged, in use, disk full, read-only: the database's own plain words (a DatabaseError).
    throw e;
}

}  // namespace

// --- opening ------------------------------------------------------------------------------

SqliteStore::SqliteStore(const std::string& path, OpenMode mode)
    : path_(path), read_only_(mode == OpenMode::read_only), db_(mode == OpenMode::read_only ? open_read_only(path) : open(path)) {
    // Months of measures marked by a migration or by a change outside this program: pack them
    // now, so that the reports read them packed.
    if (!read_only_ && db_.scalar_int("SELECT EXISTS (SELECT 1 FROM measure_month WHERE facts IS NULL) OR "
                                      "EXISTS (SELECT 1 FROM incident_month WHERE facts IS NULL) OR "
                                      "EXISTS (SELECT 1 FROM action_team WHERE facts IS NULL)"))
        write("the packed measures", {}, [] {});
    data_version_ = db_.scalar_int("PRAGMA data_version");
}

SqliteStore::SqliteStore(const std::string& path, const std::string& fresh_file)
    : path_(path), db_(open_fresh(path, fresh_file)), fresh_(true) {
    data_version_ = db_.scalar_int("PRAGMA data_version");
}

sql::Db SqliteStore::open_fresh(const std::string& path, const std::string& file) {
    try {
        sql::Db db(file, sql::Db::Mode::read_write);
        // No other process knows the file, and a failure throws it away: no locks to share, no
        // journal but the few pages of the schema (in memory), no waiting for the disk.
        db.exec("PRAGMA locking_mode = EXCLUSIVE");
        db.exec("PRAGMA journal_mode = MEMORY");
        db.exec("PRAGMA synchronous = OFF");
        sql::Transaction tx(db);
        store::migrate(db, 0);
        tx.commit();
        return db;
    } catch (const sql::Error& e) {
        throw StoreError(path + ": cannot be created (" + e.what() + ")");
    }
}

bool fill_new_sqlite_database(const std::string& path, const std::function<void(Store&)>& fill) {
    ensure_database_folder(path);
    if (classify(path) != FileKind::missing) return false;
    TempBeside temp(path);
    {
        SqliteStore store(path, temp.name());
        fill(store);
        // In the WAL journal, as every database this program makes (closing folds it back in).
        store.db_.exec("PRAGMA journal_mode = WAL");
    }
    // On disk before it has its name: the file was written without waiting for the disk.
    const int fd = ::open(temp.name().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const std::string reason = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        throw StoreError(path + ": cannot be created (" + reason + ")");
    }
    ::close(fd);
    const int error = temp.link_into_place();
    if (error == EEXIST || no_links(error)) return false;
    if (error != 0) throw StoreError(path + ": cannot be created (" + std::strerror(error) + ")");
    return true;
}

sql::Db SqliteStore::open(const std::string& path) {
    const bool memory = path == ":memory:";
    if (!memory) {
        ensure_database_folder(path);
        switch (classify(path)) {
            case FileKind::folder: throw StoreError(path + ": is a folder, not a database file");
            case FileKind::other: throw StoreError(path + ": not a Teamspiegel database (not a SQLite file)");
            case FileKind::missing:
                if (!make_new_database(path)) create_private_file(path);
                break;
            case FileKind::unreadable:
            case FileKind::empty:
            case FileKind::sqlite: break;  // SQLite says why it cannot open an unreadable file
        }
    }
    try {
        sql::Db db(path, memory ? sql::Db::Mode::read_write_create : sql::Db::Mode::read_write);
        sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
        // One write transaction around "is it ours", the version check and the migration: a
        // second process opening the same new file waits here, then finds it made.
        retry_while_busy([&] {
            sql::Transaction tx(db);
            const Identity id = identify(db);
            if (id.blank()) {
                store::migrate(db, 0);
            } else {
                if (!id.ours()) throw StoreError(not_ours_message(path, id));
                if (id.version > store::latest_schema_version()) throw StoreError(newer_message(path, id.version));
                if (const auto problems = store::schema_problems(db, static_cast<int>(id.version)); !problems.empty())
                    throw StoreError(path + ": the database is damaged (" + problems.front() + "); run `teamspiegel check`");
                if (id.version < store::latest_schema_version()) store::migrate(db, static_cast<int>(id.version));
            }
            tx.commit();
        });
        db.exec("PRAGMA foreign_keys = ON");
        if (!memory) {
            // Only now that the file is known to be ours is its journal mode changed.
            use_wal(db);
            db.exec("PRAGMA synchronous = NORMAL");
        }
        return db;
    } catch (const sql::Error& e) {
        throw StoreError(path + ": " + e.what());
    }
}

sql::Db SqliteStore::open_read_only(const std::string& path) {
    std::string reason;
    switch (classify(path, &reason)) {
        case FileKind::missing: throw StoreError(path + ": no such database");
        case FileKind::folder: throw StoreError(path + ": is a folder, not a database file");
        case FileKind::empty: throw StoreError(path + ": not a Teamspiegel database (an empty file)");
        case FileKind::other: throw StoreError(path + ": not a Teamspiegel database (not a SQLite file)");
        case FileKind::unreadable: throw StoreError(path + ": cannot be read (" + reason + ")");
        case FileKind::sqlite: break;
    }
    try {
        sql::Db db = open_for_reading(path, kBusyTimeoutMs);
        {
            sql::Transaction tx(db, sql::Transaction::Kind::deferred);
            const Identity id = identify(db);
            if (!id.ours()) throw StoreError(not_ours_message(path, id));
            const int latest = store::latest_schema_version();
            if (id.version > latest) throw StoreError(newer_message(path, id.version));
            if (const auto problems = store::schema_problems(db, static_cast<int>(id.version)); !problems.empty())
                throw StoreError(path + ": the database is damaged (" + problems.front() + "); run `teamspiegel check`");
            if (id.version < latest)
                throw StoreError(path + ": schema version " + std::to_string(id.version) + " is older than this program's (" +
                                 std::to_string(latest) + "); open it once in the program's window to update it");
            tx.commit();
        }
        db.exec("PRAGMA query_only = ON");
        return db;
    } catch (const sql::Error& e) {
        throw StoreError(path + ": " + e.what());
    }
}

void SqliteStore::write(const std::string& what, const std::vector<Kind>& kinds, const std::function<void()>& body) {
    if (read_only_) throw StoreError(path_ + ": the database was opened for reading only; " + what + " was not saved");
    pending_.emplace_back();
    try {
        sql::Transaction tx(db_);
        body();
        if (!tx.nested()) pack_stale_months();
        tx.commit();
    } catch (const sql::Error& e) {
        pending_.pop_back();
        rethrow_friendly(e, what);
    } catch (...) {
        pending_.pop_back();
        throw;
    }
    Written w = std::move(pending_.back());
    pending_.pop_back();
    for (Kind k : kinds) w.kinds[static_cast<std::size_t>(k)] = true;
    changed(std::move(w));
}

void SqliteStore::changed(Written w) {
    if (!pending_.empty()) {  // into the enclosing transaction
        Written& outer = pending_.back();
        for (std::size_t k = 0; k < kKindCount; ++k) outer.kinds[k] = outer.kinds[k] || w.kinds[k];
        for (auto& id : w.ids) outer.ids.push_back(std::move(id));
        return;
    }
    for (Kind k : kAllKinds) {
        if (!w.kinds[static_cast<std::size_t>(k)]) continue;
        revisions_.bump(k);
        bool noted = false;
        for (const auto& [kind, id] : w.ids)
            if (kind == k) {
                add_to_feed(k, id);
                noted = true;
            }
        if (!noted) add_to_feed(k, std::nullopt);
    }
}

void SqliteStore::add_to_feed(Kind kind, std::optional<std::string> id) {
    feed_.push_back({kind, revisions_[kind], std::move(id)});
    while (feed_.size() > kFeedEntries) {
        const FeedEntry& oldest = feed_.front();
        feed_floor_[static_cast<std::size_t>(oldest.kind)] = oldest.revision;
        feed_.pop_front();
    }
}

std::optional<std::vector<std::string>> SqliteStore::written_since(Kind kind, std::uint64_t since) const {
    std::vector<std::string> ids;
    if (since >= revisions_[kind]) return ids;
    if (since < feed_floor_[static_cast<std::size_t>(kind)]) return std::nullopt;
    for (const auto& e : feed_) {
        if (e.kind != kind || e.revision <= since) continue;
        if (!e.id) return std::nullopt;
        if (std::find(ids.begin(), ids.end(), *e.id) == ids.end()) ids.push_back(*e.id);
    }
    return ids;
}

void SqliteStore::transaction(const std::function<void()>& body) {
    if (read_only_) throw StoreError(path_ + ": the database was opened for reading only; the changes were not saved");
    pending_.emplace_back();
    Written written;
    try {
        std::optional<sql::Transaction> tx;
        try {
            tx.emplace(db_);
        } catch (const sql::Error& e) {
            rethrow_friendly(e, "the changes");
        }
        body();
        try {
            if (!tx->nested()) pack_stale_months();
            tx->commit();
        } catch (const sql::Error& e) {
            rethrow_friendly(e, "the changes");
        }
        written = std::move(pending_.back());
        pending_.pop_back();
    } catch (...) {
        pending_.pop_back();  // what was written in it is undone: nothing changed
        if (pending_.empty()) end_import_cache();
        throw;
    }
    if (pending_.empty()) end_import_cache();
    changed(std::move(written));  // into the enclosing transaction, if any
}

void SqliteStore::set_statement_hook(StatementHook hook) {
    statement_hook_ = std::move(hook);
    if (!statement_hook_) {
        sqlite3_trace_v2(db_.handle(), 0, nullptr, nullptr);
        return;
    }
    sqlite3_trace_v2(
        db_.handle(), SQLITE_TRACE_STMT,
        [](unsigned, void* self, void*, void* sql) {
            // The statement's text as prepared, or "-- …" for a statement of a trigger.
            static_cast<SqliteStore*>(self)->statement_hook_(static_cast<const char*>(sql));
            return 0;
        },
        this);
}

bool SqliteStore::poll_changes() {
    std::int64_t v = 0;
    try {
        v = db_.scalar_int("PRAGMA data_version");
    } catch (const sql::Error& e) {
        rethrow_friendly(e, "looking for changes");
    }
    if (v == data_version_) return false;
    data_version_ = v;
    for (Kind k : kAllKinds) {
        revisions_.bump(k);
        add_to_feed(k, std::nullopt);  // another connection wrote: which records is not known
    }
    return true;
}

std::int64_t SqliteStore::count(Kind kind) {
    reading(kind, ReadOf::count);
    sql::Stmt& s = prepared("SELECT n FROM record_count WHERE kind = :kind");
    const ResetOnExit reset(s);
    s.bind(":kind", kind_name(kind));
    return s.step() ? s.integer(0) : 0;
}

// --- readers ------------------------------------------------------------------------------

template <typename T>
std::vector<T> SqliteStore::read(const char* where, const Binder& b) {
    reading(table_of<T>().kind);
    std::vector<T> out;
    {
        // Kept prepared (a save reads the stored copy first, an import thousands of times);
        // reset on the way out, so no read stays open.
        sql::Stmt& s = prepared(select_sql<T>(where));
        const ResetOnExit reset(s);
        if (b) b(s);
        out = read_rows<T>(s);
    }
    read_children(out, where, b);
    return out;
}

template <typename T>
std::optional<T> SqliteStore::read_one(const std::string& id) {
    auto v = read<T>("id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

// The youths involved, in one query for all incidents read.
void SqliteStore::read_children(std::vector<Incident>& out, const char* where, const Binder& b) {
    if (out.empty()) return;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < out.size(); ++k) index.emplace(out[k].id, k);
    sql::Stmt& y = prepared(std::string("SELECT incident_id, youth_id FROM incident_youth WHERE incident_id IN (SELECT id FROM incident") +
                            (where && *where ? std::string(" WHERE ") + where : "") + ") ORDER BY incident_id, youth_id");
    const ResetOnExit reset(y);
    if (b) b(y);
    while (y.step()) {
        auto it = index.find(y.text(0));
        if (it != index.end()) out[it->second].youth_ids.push_back(y.text(1));
    }
}

// Attendees, steps, answers and ratings of the meetings read: one query per kind of child row
// for all of them (a team's years of meetings in four reads, not four per meeting).
void SqliteStore::read_children(std::vector<Meeting>& out, const char* where, const Binder& b) {
    if (out.empty()) return;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < out.size(); ++k) index.emplace(out[k].id, k);
    const std::string of_these = std::string(" WHERE meeting_id IN (SELECT id FROM meeting") +
                                 (where && *where ? std::string(" WHERE ") + where : "") + ")";
    auto each = [&](const std::string& sql, const auto& take) {
        sql::Stmt& s = prepared(sql);
        const ResetOnExit reset(s);
        if (b) b(s);
        while (s.step()) {
            auto it = index.find(s.text(0));
            if (it != index.end()) take(out[it->second], s);
        }
    };
    each("SELECT meeting_id, member_id FROM meeting_attendee" + of_these + " ORDER BY meeting_id, member_id",
         [](Meeting& m, sql::Stmt& s) { m.attendee_ids.push_back(s.text(1)); });
    each("SELECT meeting_id, incident_id FROM meeting_incident" + of_these + " ORDER BY meeting_id, incident_id",
         [](Meeting& m, sql::Stmt& s) { m.discussed_incident_ids.push_back(s.text(1)); });
    each("SELECT meeting_id, kind, notes, seconds_used FROM meeting_step" + of_these + " ORDER BY meeting_id, position",
         [](Meeting& m, sql::Stmt& s) {
             m.steps.push_back({step_kind_from_string(s.text(1)).value_or(StepKind::check_in), s.text(2), static_cast<int>(s.integer(3))});
         });
    each("SELECT meeting_id, question_id, text FROM meeting_answer" + of_these + " ORDER BY meeting_id, question_id",
         [](Meeting& m, sql::Stmt& s) { m.answers.emplace_back(s.text(1), s.text(2)); });
    each("SELECT meeting_id, recommendation_id, rating FROM meeting_rating" + of_these + " ORDER BY meeting_id, recommendation_id",
         [](Meeting& m, sql::Stmt& s) { m.ratings.emplace_back(s.text(1), rating_from_string(s.text(2)).value_or(Rating::not_yet)); });
}

// --- row writers --------------------------------------------------------------------------

sql::Stmt& SqliteStore::prepared(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<sql::Stmt>(db_, sql)).first;
    it->second->reset();  // a statement that failed half-way is usable again
    return *it->second;
}

template <typename T>
void SqliteStore::put(const T& record, bool upsert) {
    sql::Stmt& s = prepared(insert_sql<T>(upsert));
    bind_fields(s, record);
    s.run();
    write_children(record, upsert);
}

void SqliteStore::write_children(const Incident& i, bool replace) {
    if (replace) {
        sql::Stmt& clear = prepared("DELETE FROM incident_youth WHERE incident_id = :id");
        clear.bind(":id", i.id);
        clear.run();
    }
    if (!link_youth_) link_youth_ = &prepared("INSERT INTO incident_youth (incident_id, youth_id) VALUES (:incident, :youth)");
    for (const auto& y : i.youth_ids) {
        link_youth_->reset();
        link_youth_->bind_view_at(1, i.id).bind_view_at(2, y);
        link_youth_->run();
    }
}

void SqliteStore::write_children(const Meeting& m, bool replace) {
    if (replace) {
        for (const char* child : {"meeting_attendee", "meeting_step", "meeting_answer", "meeting_rating", "meeting_incident"}) {
            sql::Stmt& clear = prepared(std::string("DELETE FROM ") + child + " WHERE meeting_id = :id");
            clear.bind(":id", m.id);
            clear.run();
        }
    }
    sql::Stmt& att = prepared("INSERT INTO meeting_attendee (meeting_id, member_id) VALUES (:meeting, :member)");
    for (const auto& a : m.attendee_ids) {
        att.bind(":meeting", m.id).bind(":member", a);
        att.run();
    }
    sql::Stmt& inc = prepared("INSERT INTO meeting_incident (meeting_id, incident_id) VALUES (:meeting, :incident)");
    for (const auto& i : m.discussed_incident_ids) {
        inc.bind(":meeting", m.id).bind(":incident", i);
        inc.run();
    }
    sql::Stmt& step = prepared("INSERT INTO meeting_step (meeting_id, position, kind, notes, seconds_used) "
                               "VALUES (:meeting, :pos, :kind, :notes, :seconds)");
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
        step.bind(":meeting", m.id).bind(":pos", static_cast<std::int64_t>(i)).bind(":kind", to_string(m.steps[i].kind));
        step.bind(":notes", m.steps[i].notes).bind(":seconds", m.steps[i].seconds_used);
        step.run();
    }
    sql::Stmt& ans = prepared("INSERT INTO meeting_answer (meeting_id, question_id, text) VALUES (:meeting, :q, :text)");
    for (const auto& [q, text] : m.answers) {
        ans.bind(":meeting", m.id).bind(":q", q).bind(":text", text);
        ans.run();
    }
    sql::Stmt& rat = prepared("INSERT INTO meeting_rating (meeting_id, recommendation_id, rating) VALUES (:meeting, :r, :rating)");
    for (const auto& [r, rating] : m.ratings) {
        rat.bind(":meeting", m.id).bind(":r", r).bind(":rating", to_string(rating));
        rat.run();
    }
}

template <typename T>
void SqliteStore::save_logged(const T& record, const std::string& who) {
    const auto& table = table_of<T>();
    note_written(table.kind, record.id);
    if (!table.history) {
        put(record, true);
        return;
    }
    const auto old = read_one<T>(record.id);
    const FieldList before = old ? history_fields(*old) : FieldList{};
    put(record, true);
    log_changes(table.name, record.id, old ? &before : nullptr, history_fields(record), who);
}

// --- change history -----------------------------------------------------------------------

void SqliteStore::log_changes(std::string_view entity, const std::string& id, const FieldList* before, const FieldList& after,
                              const std::string& who) {
    sql::Stmt& s = prepared("INSERT INTO change_log (entity, entity_id, field, old_value, new_value, changed_by, changed_at) "
                            "VALUES (:entity, :id, :field, :old, :new, :who, :at)");
    const std::string at = now_utc();
    auto row = [&](const std::string& field, const std::optional<std::string>& old_v, const std::optional<std::string>& new_v) {
        s.bind(":entity", entity).bind(":id", id).bind(":field", field).bind(":old", old_v).bind(":new", new_v);
        s.bind(":who", who).bind(":at", at);
        s.run();
    };
    if (!before) {
        row("created", std::nullopt, std::nullopt);
        return;
    }
    for (std::size_t k = 0; k < after.size(); ++k)
        if (k < before->size() && (*before)[k].second != after[k].second) row(after[k].first, (*before)[k].second, after[k].second);
}

void SqliteStore::log_deleted(const std::string& entity, const std::string& id, const std::string& who) {
    sql::Stmt s(db_, "INSERT INTO change_log (entity, entity_id, field, changed_by, changed_at) "
                     "VALUES (:entity, :id, 'deleted', :who, :at)");
    s.bind(":entity", entity).bind(":id", id).bind(":who", who).bind(":at", now_utc());
    s.run();
}

std::vector<Change> SqliteStore::changes(const std::string& entity, const std::string& id) {
    for (Kind k : kAllKinds)
        if (entity == kind_name(k)) reading(k, ReadOf::history);
    sql::Stmt s(db_, "SELECT field, old_value, new_value, changed_by, changed_at FROM change_log "
                     "WHERE entity = :entity AND entity_id = :id ORDER BY seq");
    s.bind(":entity", entity).bind(":id", id);
    std::vector<Change> out;
    while (s.step()) out.push_back({s.text(0), s.opt_text(1), s.opt_text(2), s.text(3), s.text(4)});
    // The import that last wrote the record: one entry of its bundle, in its place in time.
    for (Kind k : kAllKinds) {
        if (entity != kind_name(k)) continue;
        sql::Stmt i(db_, "SELECT l.file, l.records, l.imported_by, l.imported_at FROM " + std::string(kind_name(k)) +
                             " AS r JOIN import_log AS l ON l.id = r.import_id WHERE r.id = :id");
        i.bind(":id", id);
        if (!i.step()) break;
        Change c{"imported", std::to_string(i.integer(1)), i.text(0), i.text(2), i.text(3)};
        // (A change in the same second as the import is taken to follow it.)
        const auto at = std::lower_bound(out.begin(), out.end(), c.changed_at,
                                         [](const Change& x, const std::string& t) { return x.changed_at < t; });
        out.insert(at, std::move(c));
        break;
    }
    return out;
}

// --- public API ---------------------------------------------------------------------------

std::vector<Team> SqliteStore::teams() { return read<Team>("", nullptr); }

std::optional<Team> SqliteStore::team(const std::string& id) { return read_one<Team>(id); }

std::vector<Member> SqliteStore::members(const std::string& team_id) {
    return read<Member>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::vector<Youth> SqliteStore::youths(const std::string& team_id) {
    return read<Youth>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

void SqliteStore::save_team(const Team& t, const std::string& who) {
    write("a team named \"" + t.name + "\"", {Kind::team}, [&] { save_logged(t, who); });
}

void SqliteStore::save_member(const Member& m, const std::string& who) {
    write("team member \"" + m.name + "\"", {Kind::member}, [&] { save_logged(m, who); });
}

void SqliteStore::save_youth(const Youth& y, const std::string& who) {
    write("youth code \"" + y.code + "\"", {Kind::youth}, [&] { save_logged(y, who); });
}

std::vector<Measure> SqliteStore::measures(const std::string& team_id) {
    return read<Measure>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

namespace {

// Stored timestamps are compared as text, and one with an offset ("…+02:00") sorts by its
// local time: a window read from this much earlier, then each row kept by its instant.
constexpr std::int64_t kOffsetMargin = 15 * 3600;

}  // namespace

std::vector<Measure> SqliteStore::measures_since(const std::string& team_id, std::int64_t since) {
    const std::string from = format_timestamp(since - kOffsetMargin);
    auto bind = [&](sql::Stmt& s) { s.bind(":team", team_id).bind(":from", from); };
    std::vector<Measure> out = read<Measure>("team_id = :team AND started_at >= :from", bind);
    std::erase_if(out, [&](const Measure& m) { return parse_timestamp(m.started_at).value_or(since) < since; });
    // Older measures taken in the window's incidents: the incident shows them.
    auto linked = read<Measure>("incident_id IN (SELECT id FROM incident WHERE team_id = :team AND occurred_at >= :from) AND started_at < :from",
                                bind);
    for (auto& m : linked) out.push_back(std::move(m));  // older than every measure before them; by start, newest first
    return out;
}

std::optional<Measure> SqliteStore::measure(const std::string& id) { return read_one<Measure>(id); }

void SqliteStore::save_measure(const Measure& m, const std::string& who) {
    write("the measure", {Kind::measure}, [&] { save_logged(m, who); });
}

void SqliteStore::delete_measure(const std::string& id, const std::string& who) {
    write("the measure", {Kind::measure}, [&] {
        sql::Stmt s(db_, "DELETE FROM measure WHERE id = :id");
        s.bind(":id", id);
        s.run();
        if (db_.changes() == 0) throw StoreError("the measure no longer exists");
        note_written(Kind::measure, id);
        log_deleted("measure", id, who);
    });
}

std::vector<Incident> SqliteStore::incidents(const std::string& team_id) {
    return read<Incident>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::vector<Incident> SqliteStore::incidents_since(const std::string& team_id, std::int64_t since) {
    const std::string from = format_timestamp(since - kOffsetMargin);
    auto out = read<Incident>("team_id = :team AND occurred_at >= :from", [&](sql::Stmt& s) { s.bind(":team", team_id).bind(":from", from); });
    std::erase_if(out, [&](const Incident& i) { return parse_timestamp(i.occurred_at).value_or(since) < since; });
    return out;
}

std::optional<Incident> SqliteStore::incident(const std::string& id) { return read_one<Incident>(id); }

std::vector<Incident> SqliteStore::incidents_with_ids(const std::vector<std::string>& ids) {
    if (ids.empty()) return {};
    const std::string list = nlohmann::json(ids).dump();
    return read<Incident>("id IN (SELECT value FROM json_each(:ids))", [&](sql::Stmt& s) { s.bind(":ids", list); });
}

std::int64_t SqliteStore::team_count(Kind kind, const std::string& team_id) {
    reading(kind, ReadOf::count);
    std::string sql;
    switch (kind) {
        case Kind::team: sql = "SELECT count(*) FROM team WHERE id = :team"; break;
        case Kind::action_update:
            sql = "SELECT count(*) FROM action_update WHERE action_id IN (SELECT id FROM action WHERE team_id = :team)";
            break;
        default: sql = "SELECT count(*) FROM " + std::string(kind_name(kind)) + " WHERE team_id = :team";
    }
    sql::Stmt& s = prepared(sql);
    const ResetOnExit reset(s);
    s.bind(":team", team_id);
    return s.step() ? s.integer(0) : 0;
}

void SqliteStore::save_incident(const Incident& i, const std::string& who) {
    write("the incident", {Kind::incident}, [&] { save_logged(i, who); });
}

void SqliteStore::delete_incident(const std::string& id, const std::string& who) {
    // A meeting that discussed it forgets it (meeting_incident, ON DELETE CASCADE).
    write("the incident", {Kind::incident, Kind::measure, Kind::meeting}, [&] {
        // The link from measures is cleared by ON DELETE SET NULL; log it on each measure.
        auto linked = read<Measure>("incident_id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
        sql::Stmt s(db_, "DELETE FROM incident WHERE id = :id");
        s.bind(":id", id);
        s.run();
        if (db_.changes() == 0) throw StoreError("the incident no longer exists");
        note_written(Kind::incident, id);
        for (const auto& m : linked) {
            note_written(Kind::measure, m.id);
            const FieldList before = history_fields(m);
            Measure after = m;
            after.incident_id.reset();
            log_changes("measure", m.id, &before, history_fields(after), who);
        }
        log_deleted("incident", id, who);
    });
}

void SqliteStore::save_meeting(const Meeting& m, const std::string& who) {
    write("the meeting", {Kind::meeting}, [&] { save_logged(m, who); });
}

std::vector<Meeting> SqliteStore::meetings(const std::string& team_id) {
    return read<Meeting>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::vector<Action> SqliteStore::actions(const std::string& team_id) {
    return read<Action>("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::optional<Action> SqliteStore::action(const std::string& id) { return read_one<Action>(id); }

void SqliteStore::save_action(const Action& a, const std::string& who) {
    write("the action", {Kind::action}, [&] { save_logged(a, who); });
}

void SqliteStore::delete_action(const std::string& id, const std::string& who) {
    // Its updates go by ON DELETE CASCADE.
    write("the action", {Kind::action, Kind::action_update}, [&] {
        sql::Stmt s(db_, "DELETE FROM action WHERE id = :id");
        s.bind(":id", id);
        s.run();
        if (db_.changes() == 0) throw StoreError("the action no longer exists");
        note_written(Kind::action, id);
        log_deleted("action", id, who);
    });
}

std::vector<ActionUpdate> SqliteStore::action_updates(const std::string& team_id) {
    return read<ActionUpdate>("action_id IN (SELECT id FROM action WHERE team_id = :team)",
                              [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::vector<Action> SqliteStore::all_actions() { return read<Action>("", nullptr); }

std::vector<ActionUpdate> SqliteStore::all_action_updates() { return read<ActionUpdate>("", nullptr); }

std::vector<Member> SqliteStore::all_members() { return read<Member>("", nullptr); }

std::vector<Meeting> SqliteStore::all_meetings() { return read<Meeting>("", nullptr); }

void SqliteStore::save_action_update(const ActionUpdate& u, const std::string& who) {
    write("the update of an action", {Kind::action_update}, [&] { save_logged(u, who); });
}

std::optional<RecordHead> SqliteStore::head(Kind kind, const std::string& id) {
    reading(kind);
    const RecordKind& rk = record_kind(kind);
    sql::Stmt& s = prepared("SELECT updated_at, " + std::string(rk.owner) + " FROM " + std::string(rk.name) + " WHERE id = :id");
    const ResetOnExit reset(s);
    s.bind(":id", id);
    if (!s.step()) return std::nullopt;
    return RecordHead{s.text(0), s.text(1)};
}

void SqliteStore::insert_dataset(const Dataset& d) {
    write("the data", std::vector<Kind>(kAllKinds.begin(), kAllKinds.end()), [&] {
        for (const auto& x : d.teams) put(x, false);
        for (const auto& x : d.members) put(x, false);
        for (const auto& x : d.youths) put(x, false);
        for (const auto& x : d.incidents) put(x, false);
        for (const auto& x : d.measures) put(x, false);
        for (const auto& x : d.meetings) put(x, true);
        for (const auto& x : d.actions) put(x, false);
        for (const auto& x : d.action_updates) put(x, false);
    });
}

void SqliteStore::recount_records() {
    for (Kind k : kAllKinds) {
        const std::string kind = kind_name(k);
        db_.exec(("INSERT INTO record_count (kind, n) SELECT '" + kind + "', count(*) FROM " + kind +
                  " WHERE 1 ON CONFLICT (kind) DO UPDATE SET n = excluded.n")
                     .c_str());
    }
}

void SqliteStore::end_import_cache() noexcept {
    bulk_schema_.clear();  // made again by finish_import, or back by a rollback
    for (auto& months : bulk_months_) months.clear();
    if (!import_cache_) return;
    import_cache_ = false;
    try {
        db_.exec(("PRAGMA cache_size = " + std::to_string(saved_cache_size_)).c_str());
    } catch (...) {
        // (a cache left larger costs memory, nothing else)
    }
}

std::int64_t SqliteStore::begin_import(const std::string& file, const std::string& who, std::int64_t expected_records) {
    if (read_only_) throw StoreError(path_ + ": the database was opened for reading only; nothing was imported");
    if (pending_.empty()) throw std::logic_error("begin_import outside Store::transaction");
    try {
        // A record may refer to one later in the bundle; the import checks every reference
        // itself, and the database checks them all again when the transaction commits.
        db_.exec("PRAGMA defer_foreign_keys = ON");
        // A cache that holds what the import writes, so that SQLite need not spill pages to the
        // WAL and read them back (with the default 2 MB, a 256 MB database took 12.7 GB of
        // writes). Back to the usual size when the transaction ends.
        if (!import_cache_) {
            saved_cache_size_ = db_.scalar_int("PRAGMA cache_size");
            db_.exec(("PRAGMA cache_size = -" + std::to_string(kImportCacheKiB)).c_str());
            import_cache_ = true;
        }
        // A bundle larger than the measures and incidents there are: what inserts keep up row by
        // row is done once at the end instead (finish_import): three indexes of measures and
        // incidents made again in one sorted pass each, their months and the teams' actions
        // marked, and every kind counted, in one statement each. Their insert triggers and
        // indexes are dropped for that, inside the transaction, so a failed import gets them back
        // with everything else. (Not the indexes of their references to incidents and youths:
        // with the references deferred, SQLite looks those up for every incident or youth written.)
        const StoreCounts before = read_counts(db_);
        // A new database being filled (fill_new_sqlite_database) checks no foreign keys, so every
        // index can wait for the end.
        if (bulk_schema_.empty() && expected_records >= kBulkImportRecords && expected_records > before.measures + before.incidents) {
            sql::Stmt list(db_, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND (name IN "
                                "('measure_team_start', 'measure_running', 'incident_team_time', 'measure_month_insert', "
                                "'incident_month_insert', 'action_team_action_insert', 'action_team_update_insert', "
                                "'action_team_meeting_insert') OR (type = 'trigger' AND name LIKE '%\\_count\\_insert' ESCAPE '\\') "
                                "OR (type = 'index' AND :fresh))");
            list.bind(":fresh", fresh_);
            while (list.step()) bulk_schema_.push_back({list.text(0), list.text(1), list.text(2)});
            for (const auto& o : bulk_schema_) db_.exec(("DROP " + o.type + " " + o.name).c_str());
        }
        sql::Stmt& s = prepared("INSERT INTO import_log (file, imported_by, imported_at) VALUES (:file, :who, :at)");
        s.bind(":file", file).bind(":who", who).bind(":at", now_utc());
        s.run();
        return sqlite3_last_insert_rowid(db_.handle());
    } catch (const sql::Error& e) {
        rethrow_friendly(e, "the import");
    }
}

void SqliteStore::put_imported(ImportedRecord record, bool replace, std::int64_t import_id) {
    std::visit(
        [&](const auto* r) {
            using T = std::remove_cvref_t<decltype(*r)>;
            try {
                // Kept at hand: an import writes a million (no look-up of the statement's text).
                const std::size_t slot = 2 * static_cast<std::size_t>(table_of<T>().kind) + (replace ? 1 : 0);
                sql::Stmt*& kept = import_statements_[slot];
                if (kept) {
                    kept->reset();
                } else {
                    kept = &prepared(import_sql<T>(replace));
                    import_id_at_[slot] = kept->position(":import_id");
                }
                sql::Stmt& s = *kept;
                bind_fields(s, *r);
                s.bind_at(import_id_at_[slot], import_id);
                s.run();
                write_children(*r, replace);
            } catch (const sql::Error& e) {
                rethrow_friendly(e, std::string(table_of<T>().name) + " " + r->id);
            }
            if (!replace && !bulk_schema_.empty()) note_bulk_month(*r);
            // Written as a whole kind (no ids in the feed): an import writes thousands.
            if (!pending_.empty()) pending_.back().kinds[static_cast<std::size_t>(table_of<T>().kind)] = true;
        },
        record);
}

namespace {

// The first `n` characters of UTF-8 text, as SQL's substr(text, 1, n) takes them.
std::string_view first_chars(std::string_view text, std::size_t n) {
    std::size_t at = 0;
    for (std::size_t chars = 0; at < text.size(); ++at) {
        if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (chars++ == n) break;
    }
    return text.substr(0, at);
}

}  // namespace

template <typename T>
void SqliteStore::note_bulk_month(const T& record) {
    const auto note = [&](std::size_t k, const std::string& team, const std::string& time) {
        auto& months = bulk_months_[k][team];
        const std::string month(first_chars(time, 7));
        if (!months.count(month)) months.insert(month);
    };
    if constexpr (std::is_same_v<T, Measure>) note(0, record.team_id, record.started_at);
    else if constexpr (std::is_same_v<T, Incident>) note(1, record.team_id, record.occurred_at);
}

void SqliteStore::finish_import(std::int64_t import_id, const ImportSummary& sum) {
    try {
        if (!bulk_schema_.empty()) {
            // A small cache while the indexes are made: SQLite's sorter then sorts small runs and
            // merges them, which takes a third less time than one sort of everything in a large
            // cache (a million measures' index: 0.85 s against 1.45 s with the import's 64 MB).
            db_.exec(("PRAGMA cache_size = -" + std::to_string(kIndexCacheKiB)).c_str());
            for (const auto& o : bulk_schema_) db_.exec(o.sql.c_str());
            bulk_schema_.clear();
            // What the insert triggers would have done for the records this import inserted (its
            // replaced records fired their update triggers as usual): the months noted as they
            // were written, not found again by a scan of every measure and incident.
            sql::Stmt marks(db_, "INSERT INTO measure_month (team_id, month, facts) VALUES (:team, :month, NULL) "
                                 "ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL, max_end = NULL");
            sql::Stmt incident_marks(db_, "INSERT INTO incident_month (team_id, month, facts) VALUES (:team, :month, NULL) "
                                          "ON CONFLICT (team_id, month) DO UPDATE SET facts = NULL");
            for (std::size_t k = 0; k < bulk_months_.size(); ++k) {
                sql::Stmt& mark = k == 0 ? marks : incident_marks;
                for (const auto& [team, months] : bulk_months_[k])
                    for (const auto& month : months) {
                        mark.bind(":team", team).bind(":month", month);
                        mark.run();
                        mark.reset();
                    }
                bulk_months_[k].clear();
            }
            sql::Stmt teams(db_, "INSERT INTO action_team (team_id, facts) SELECT team_id, NULL FROM action WHERE import_id = :id "
                                 "UNION SELECT team_id, NULL FROM meeting WHERE import_id = :id UNION SELECT a.team_id, NULL "
                                 "FROM action_update AS u JOIN action AS a ON a.id = u.action_id WHERE u.import_id = :id "
                                 "ON CONFLICT (team_id) DO UPDATE SET facts = NULL");
            teams.bind(":id", import_id);
            teams.run();
            recount_records();
        }
        sql::Stmt& s = prepared("UPDATE import_log SET records = :records, inserted = :inserted, updated = :updated, "
                                "unchanged = :unchanged WHERE id = :id");
        s.bind(":records", sum.inserted + sum.updated + sum.unchanged).bind(":inserted", sum.inserted);
        s.bind(":updated", sum.updated).bind(":unchanged", sum.unchanged).bind(":id", import_id);
        s.run();
    } catch (const sql::Error& e) {
        rethrow_friendly(e, "the import");
    }
}

StoreCounts SqliteStore::counts() {
    for (Kind k : kAllKinds) reading(k, ReadOf::count);
    return read_counts(db_);
}

std::optional<std::string> SqliteStore::legacy_setting(std::string_view key) {
    sql::Stmt s(db_, "SELECT value FROM setting WHERE key = :key");
    s.bind(":key", key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode) {
    return std::make_unique<SqliteStore>(path, mode);
}

CheckReport check_database(const std::string& path) {
    CheckReport r;
    std::string reason;
    switch (classify(path, &reason)) {
        case FileKind::missing: r.problems.push_back(path + ": no such file"); return r;
        case FileKind::folder: r.problems.push_back(path + ": is a folder, not a database file"); return r;
        case FileKind::empty: r.problems.push_back(path + ": not a Teamspiegel database (an empty file)"); return r;
        case FileKind::other: r.problems.push_back(path + ": not a Teamspiegel database (not a SQLite file)"); return r;
        case FileKind::unreadable: r.problems.push_back(path + ": cannot be read (" + reason + ")"); return r;
        case FileKind::sqlite: break;
    }
    try {
        sql::Db db = open_for_reading(path, kCheckBusyTimeoutMs);
        // One read transaction: every check sees the same state of the file.
        sql::Transaction tx(db, sql::Transaction::Kind::deferred);
        const Identity id = identify(db);
        if (!id.ours()) {
            r.problems.push_back(not_ours_message(path, id));
            return r;
        }
        r.schema_version = static_cast<int>(id.version);
        if (r.schema_version > store::latest_schema_version()) {
            r.problems.push_back(newer_message(path, id.version));
            return r;
        }
        const auto schema = store::schema_problems(db, r.schema_version);
        for (const auto& p : schema) r.problems.push_back(path + ": " + p);
        {
            // integrity_check gives one row per problem, a row may hold several lines.
            constexpr std::size_t kMaxLines = 20;
            std::size_t lines = 0;
            sql::Stmt s(db, "PRAGMA integrity_check");
            while (s.step()) {
                const std::string text = s.text(0);
                if (text == "ok") continue;
                std::size_t start = 0;
                while (start <= text.size()) {
                    const std::size_t end = std::min(text.find('\n', start), text.size());
                    const std::string line = text.substr(start, end - start);
                    start = end + 1;
                    if (line.empty() || line.rfind("*** in database", 0) == 0) continue;
                    if (++lines <= kMaxLines) r.problems.push_back(path + ": damaged: " + line);
                }
            }
            if (lines > kMaxLines) r.problems.push_back(path + ": damaged: " + std::to_string(lines - kMaxLines) + " more problems");
        }
        // References are only meaningful between the tables the schema version promises.
        if (schema.empty()) {
            sql::Stmt s(db, "PRAGMA foreign_key_check");
            while (s.step())
                r.problems.push_back(path + ": " + s.text(0) + " row " + std::to_string(s.integer(1)) + " refers to a missing " +
                                     s.text(2) + " record");
        }
        if (schema.empty() && r.schema_version == store::latest_schema_version()) {
            r.counts = count_rows(db);
            const StoreCounts kept = read_counts(db);
            if (!(kept == r.counts)) r.problems.push_back(path + ": the kept numbers of records differ from the tables (run check --repair)");
            for (const auto& p : packed_month_problems(db)) r.problems.push_back(path + ": " + p);
            for (const auto& p : packed_action_problems(db)) r.problems.push_back(path + ": " + p);
        }
        tx.commit();
    } catch (const sql::Error& e) {
        const int code = e.code() & 0xFF;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            r.problems.push_back(path + ": in use by another program (locked); try again");
        else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            r.problems.push_back(path + ": damaged (" + e.detail() + ")");
        else if (code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_READONLY || code == SQLITE_AUTH)
            r.problems.push_back(path + ": cannot be read (" + e.detail() + ")");
        else
            r.problems.push_back(path + ": cannot be checked (" + e.what() + ")");
        return r;
    }
    r.ok = r.problems.empty();
    return r;
}

// sqlite_exchange.cpp reads every kind through this.
// --- exchange -----------------------------------------------------------------------------

// Hands over the rows of one kind without child rows, ordered by id, as a cursor reads them.
template <typename T>
void SqliteStore::export_rows(const char* where, const Binder& bind, RecordSink& sink) {
    reading(table_of<T>().kind);
    sql::Stmt s(db_, "SELECT " + cols_of<T>() + " FROM " + std::string(table_of<T>().name) +
                         (where && *where ? std::string(" WHERE ") + where : "") + " ORDER BY id");
    if (bind) bind(s);
    const RowReader<T> reader(s);
    std::size_t index = 0;
    while (s.step()) sink.add(reader.row(s), index++);
}

void SqliteStore::export_each(const std::optional<std::string>& team_id, RecordSink& sink) {
    const bool all = !team_id || team_id->empty();
    const std::string team = all ? std::string() : *team_id;
    const Binder bind_team = [&](sql::Stmt& s) {
        if (!all) s.bind(":team", team);
    };
    const char* owned = all ? "" : "team_id = :team";
    export_rows<Team>(all ? "" : "id = :team", bind_team, sink);
    export_rows<Member>(owned, bind_team, sink);
    export_rows<Youth>(owned, bind_team, sink);
    {
        // Incidents beside their youths, both ordered by incident id: one pass over each.
        reading(Kind::incident);
        const std::string where = all ? std::string() : std::string(" WHERE ") + owned;
        sql::Stmt s(db_, "SELECT " + cols_of<Incident>() + " FROM incident" + where + " ORDER BY id");
        sql::Stmt y(db_, "SELECT incident_id, youth_id FROM incident_youth" +
                             (all ? std::string() : " WHERE incident_id IN (SELECT id FROM incident" + where + ")") +
                             " ORDER BY incident_id, youth_id");
        bind_team(s);
        bind_team(y);
        const RowReader<Incident> reader(s);
        bool more_youths = y.step();
        std::size_t index = 0;
        while (s.step()) {
            Incident i = reader.row(s);
            while (more_youths && y.text(0) < i.id) more_youths = y.step();
            while (more_youths && y.text(0) == i.id) {
                i.youth_ids.push_back(y.text(1));
                more_youths = y.step();
            }
            sink.add(std::move(i), index++);
        }
    }
    export_rows<Measure>(owned, bind_team, sink);
    {
        // A team's meetings are few; their child rows are read for all of them at once.
        std::vector<Meeting> meetings = read<Meeting>(owned, bind_team);
        std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) { return a.id < b.id; });
        for (std::size_t i = 0; i < meetings.size(); ++i) sink.add(std::move(meetings[i]), i);
    }
    export_rows<Action>(owned, bind_team, sink);
    export_rows<ActionUpdate>(all ? "" : "action_id IN (SELECT id FROM action WHERE team_id = :team)", bind_team, sink);
}

#define TS_RECORD_KIND(T) template std::vector<T> SqliteStore::read<T>(const char*, const Binder&);
TS_RECORD_KIND(Team)
TS_RECORD_KIND(Member)
TS_RECORD_KIND(Youth)
TS_RECORD_KIND(Measure)
TS_RECORD_KIND(Incident)
TS_RECORD_KIND(Meeting)
TS_RECORD_KIND(Action)
TS_RECORD_KIND(ActionUpdate)
#undef TS_RECORD_KIND

}  // namespace ts
