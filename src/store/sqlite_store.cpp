#include "store/sqlite_store.hpp"

#include "core/fields.hpp"

#include "core/time.hpp"
#include "store/migrations.hpp"

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
#include <thread>
#include <unordered_map>

namespace fs = std::filesystem;

namespace ts {
namespace {

// --- column lists: one per table, used by INSERT, upsert and SELECT alike -----------------

// Teams, members, youths, measures and incidents: from their field tables (core/fields.hpp).
template <typename T>
const char* cols_of() {
    static const std::string cols = [] {
        std::string out;
        for (const auto& f : fields_of<T>())
            if (f.column()) out += (out.empty() ? "" : ", ") + std::string(f.name);
        return out;
    }();
    return cols.c_str();
}
const char* const kTeamCols = cols_of<Team>();
const char* const kMemberCols = cols_of<Member>();
const char* const kYouthCols = cols_of<Youth>();
const char* const kMeasureCols = cols_of<Measure>();
const char* const kIncidentCols = cols_of<Incident>();
// Meetings (with their child rows) and actions: by hand.
constexpr const char* kMeetingCols =
    "id, team_id, template, held_on, facilitator_id, state, current_step, next_meeting_on, created_at, updated_at";
constexpr const char* kActionCols =
    "id, team_id, meeting_id, title, description, owner_id, due_on, status, guideline_ref, incident_id, completed_at, created_at, "
    "updated_at";
constexpr const char* kActionUpdateCols = "id, action_id, meeting_id, status, note, created_at, updated_at";

std::vector<std::string> split_cols(const char* cols) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = cols;; ++p) {
        if (*p == ',' || *p == '\0') {
            out.push_back(cur);
            cur.clear();
            if (*p == '\0') break;
        } else if (*p != ' ') {
            cur += *p;
        }
    }
    return out;
}

// "INSERT INTO t (a, b) VALUES (:a, :b)" and, for upserts, "… ON CONFLICT (id) DO UPDATE SET b = excluded.b".
std::string insert_sql(const char* table, const char* cols, bool upsert) {
    const auto names = split_cols(cols);
    std::string sql = std::string("INSERT INTO ") + table + " (" + cols + ") VALUES (";
    for (std::size_t i = 0; i < names.size(); ++i) sql += (i ? ", :" : ":") + names[i];
    sql += ")";
    if (upsert) {
        sql += " ON CONFLICT (id) DO UPDATE SET ";
        bool first = true;
        for (const auto& n : names) {
            if (n == "id") continue;
            sql += (first ? "" : ", ") + n + " = excluded." + n;
            first = false;
        }
    }
    return sql;
}

std::string select_sql(const char* table, const char* cols, const char* where, const char* order) {
    return std::string("SELECT ") + cols + " FROM " + table + (where && *where ? std::string(" WHERE ") + where : "") +
           " ORDER BY " + order;
}

template <typename T>
void bind_fields(sql::Stmt& s, const T& record) {
    static const std::vector<std::string> params = [] {
        std::vector<std::string> out;
        for (const auto& f : fields_of<T>()) out.push_back(":" + std::string(f.name));
        return out;
    }();
    const auto& defs = fields_of<T>();
    for (std::size_t k = 0; k < defs.size(); ++k) {
        if (!defs[k].column()) continue;
        const char* p = params[k].c_str();
        const FieldValue v = defs[k].get(record);
        if (const auto* t = std::get_if<std::string>(&v)) s.bind(p, *t);
        else if (const auto* n = std::get_if<std::int64_t>(&v)) s.bind(p, *n);
        else if (const auto* d = std::get_if<double>(&v)) s.bind(p, *d);
        else if (const auto* b = std::get_if<bool>(&v)) s.bind(p, *b);
        else s.bind_null(p);
    }
}
void bind(sql::Stmt& s, const Team& t) { bind_fields(s, t); }
void bind(sql::Stmt& s, const Member& m) { bind_fields(s, m); }
void bind(sql::Stmt& s, const Youth& y) { bind_fields(s, y); }
void bind(sql::Stmt& s, const Measure& m) { bind_fields(s, m); }
void bind(sql::Stmt& s, const Incident& i) { bind_fields(s, i); }

// Rows of a record kind, each column found by its name in the statement.
template <typename T>
std::vector<T> read_rows(sql::Stmt& s) {
    const auto& defs = fields_of<T>();
    std::vector<int> col(defs.size(), -1);
    for (int i = 0; i < s.column_count(); ++i)
        for (std::size_t k = 0; k < defs.size(); ++k)
            if (defs[k].name == s.column_name(i)) col[k] = i;
    std::vector<T> out;
    while (s.step()) {
        T r;
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const int c = col[k];
            if (c < 0) continue;  // child rows (an incident's youths) are read apart
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
        out.push_back(std::move(r));
    }
    return out;
}
void bind(sql::Stmt& s, const Meeting& m) {
    s.bind(":id", m.id).bind(":team_id", m.team_id).bind(":template", m.template_id).bind(":held_on", m.held_on);
    s.bind(":facilitator_id", m.facilitator_id).bind(":state", to_string(m.state)).bind(":current_step", m.current_step);
    s.bind(":next_meeting_on", m.next_meeting_on).bind(":created_at", m.created_at).bind(":updated_at", m.updated_at);
}
void bind(sql::Stmt& s, const Action& a) {
    s.bind(":id", a.id).bind(":team_id", a.team_id).bind(":meeting_id", a.meeting_id).bind(":title", a.title);
    s.bind(":description", a.description).bind(":owner_id", a.owner_id).bind(":due_on", a.due_on);
    s.bind(":status", to_string(a.status)).bind(":guideline_ref", a.guideline_ref).bind(":incident_id", a.incident_id);
    s.bind(":completed_at", a.completed_at).bind(":created_at", a.created_at).bind(":updated_at", a.updated_at);
}
void bind(sql::Stmt& s, const ActionUpdate& u) {
    s.bind(":id", u.id).bind(":action_id", u.action_id).bind(":meeting_id", u.meeting_id).bind(":status", to_string(u.status));
    s.bind(":note", u.note).bind(":created_at", u.created_at).bind(":updated_at", u.updated_at);
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

StoreCounts read_counts(sql::Db& db) {
    StoreCounts c;
    c.teams = db.scalar_int("SELECT count(*) FROM team");
    c.members = db.scalar_int("SELECT count(*) FROM member");
    c.youths = db.scalar_int("SELECT count(*) FROM youth");
    c.measures = db.scalar_int("SELECT count(*) FROM measure");
    c.incidents = db.scalar_int("SELECT count(*) FROM incident");
    c.meetings = db.scalar_int("SELECT count(*) FROM meeting");
    c.actions = db.scalar_int("SELECT count(*) FROM action");
    c.action_updates = db.scalar_int("SELECT count(*) FROM action_update");
    return c;
}

// Turns constraint failures into sentences a team coach understands.
[[noreturn]] void rethrow_friendly(const sql::Error& e, const std::string& what) {
    const int code = e.code();
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) throw StoreError(what + " already exists");
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
        // Deleting a youth with measures, or inserting a record pointing nowhere.
        throw StoreError(what + " refers to a record that does not exist, or is still referred to");
    }
    if (code == SQLITE_CONSTRAINT_CHECK) throw StoreError(what + " has a value out of range");
    if ((code & 0xFF) == SQLITE_CONSTRAINT || (code & 0xFF) == SQLITE_ERROR) throw StoreError(what + ": " + e.what());
    // Damaged, in use, disk full, read-only: the database's own plain words (a DatabaseError).
    throw e;
}

}  // namespace

// --- field lists for the change history ----------------------------------------------------

FieldList SqliteFields::of(const Team& t) { return history_fields(t); }
FieldList SqliteFields::of(const Member& m) { return history_fields(m); }
FieldList SqliteFields::of(const Youth& y) { return history_fields(y); }
FieldList SqliteFields::of(const Measure& m) { return history_fields(m); }
FieldList SqliteFields::of(const Incident& i) { return history_fields(i); }

// --- opening ------------------------------------------------------------------------------

SqliteStore::SqliteStore(const std::string& path, OpenMode mode)
    : path_(path), read_only_(mode == OpenMode::read_only), db_(mode == OpenMode::read_only ? open_read_only(path) : open(path)) {
    data_version_ = db_.scalar_int("PRAGMA data_version");
}

sql::Db SqliteStore::open(const std::string& path) {
    const bool memory = path == ":memory:";
    if (!memory) {
        ensure_database_folder(path);
        switch (classify(path)) {
            case FileKind::folder: throw StoreError(path + ": is a folder, not a database file");
            case FileKind::other: throw StoreError(path + ": not a Teamspiegel database (not a SQLite file)");
            case FileKind::missing: create_private_file(path); break;
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
    try {
        sql::Transaction tx(db_);
        body();
        tx.commit();
    } catch (const sql::Error& e) {
        rethrow_friendly(e, what);
    }
    for (Kind k : kinds) revisions_.bump(k);
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
    revisions_.bump_all();
    return true;
}

std::int64_t SqliteStore::count(Kind kind) {
    reading(kind, ReadOf::count);
    return db_.scalar_int(("SELECT count(*) FROM " + std::string(kind_name(kind))).c_str());
}

// --- readers ------------------------------------------------------------------------------

std::vector<Team> SqliteStore::read_teams(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::team);
    sql::Stmt s(db_, select_sql("team", kTeamCols, where, "name COLLATE NOCASE, id"));
    if (b) b(s);
    return read_rows<Team>(s);
}

std::vector<Member> SqliteStore::read_members(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::member);
    sql::Stmt s(db_, select_sql("member", kMemberCols, where, "name COLLATE NOCASE, id"));
    if (b) b(s);
    return read_rows<Member>(s);
}

std::vector<Youth> SqliteStore::read_youths(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::youth);
    sql::Stmt s(db_, select_sql("youth", kYouthCols, where, "code, id"));
    if (b) b(s);
    return read_rows<Youth>(s);
}

std::vector<Measure> SqliteStore::read_measures(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::measure);
    sql::Stmt s(db_, select_sql("measure", kMeasureCols, where, "started_at DESC, id"));
    if (b) b(s);
    return read_rows<Measure>(s);
}

std::vector<Incident> SqliteStore::read_incidents(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::incident);
    sql::Stmt s(db_, select_sql("incident", kIncidentCols, where, "occurred_at DESC, id"));
    if (b) b(s);
    std::vector<Incident> out = read_rows<Incident>(s);
    // The youths involved, in one query for all incidents read.
    if (!out.empty()) {
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t k = 0; k < out.size(); ++k) index.emplace(out[k].id, k);
        sql::Stmt y(db_, std::string("SELECT incident_id, youth_id FROM incident_youth WHERE incident_id IN (SELECT id FROM incident") +
                             (where && *where ? std::string(" WHERE ") + where : "") + ") ORDER BY incident_id, youth_id");
        if (b) b(y);
        while (y.step()) {
            auto it = index.find(y.text(0));
            if (it != index.end()) out[it->second].youth_ids.push_back(y.text(1));
        }
    }
    return out;
}

std::vector<Meeting> SqliteStore::read_meetings(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::meeting);
    sql::Stmt s(db_, select_sql("meeting", kMeetingCols, where, "held_on DESC, id"));
    if (b) b(s);
    std::vector<Meeting> out;
    while (s.step()) {
        Meeting m;
        m.id = s.text(0);
        m.team_id = s.text(1);
        m.template_id = s.text(2);
        m.held_on = s.text(3);
        m.facilitator_id = s.opt_text(4);
        m.state = meeting_state_from_string(s.text(5)).value_or(MeetingState::planned);
        m.current_step = static_cast<int>(s.integer(6));
        m.next_meeting_on = s.opt_text(7);
        m.created_at = s.text(8);
        m.updated_at = s.text(9);
        out.push_back(std::move(m));
    }
    for (auto& m : out) {
        sql::Stmt a(db_, "SELECT member_id FROM meeting_attendee WHERE meeting_id = :id ORDER BY member_id");
        a.bind(":id", m.id);
        while (a.step()) m.attendee_ids.push_back(a.text(0));
        sql::Stmt st(db_, "SELECT kind, notes, seconds_used FROM meeting_step WHERE meeting_id = :id ORDER BY position");
        st.bind(":id", m.id);
        while (st.step())
            m.steps.push_back({step_kind_from_string(st.text(0)).value_or(StepKind::check_in), st.text(1), static_cast<int>(st.integer(2))});
        sql::Stmt an(db_, "SELECT question_id, text FROM meeting_answer WHERE meeting_id = :id ORDER BY question_id");
        an.bind(":id", m.id);
        while (an.step()) m.answers.emplace_back(an.text(0), an.text(1));
        sql::Stmt r(db_, "SELECT recommendation_id, rating FROM meeting_rating WHERE meeting_id = :id ORDER BY recommendation_id");
        r.bind(":id", m.id);
        while (r.step()) m.ratings.emplace_back(r.text(0), rating_from_string(r.text(1)).value_or(Rating::not_yet));
    }
    return out;
}

std::vector<Action> SqliteStore::read_actions(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::action);
    sql::Stmt s(db_, select_sql("action", kActionCols, where, "created_at, id"));
    if (b) b(s);
    std::vector<Action> out;
    while (s.step()) {
        Action a;
        a.id = s.text(0);
        a.team_id = s.text(1);
        a.meeting_id = s.opt_text(2);
        a.title = s.text(3);
        a.description = s.text(4);
        a.owner_id = s.opt_text(5);
        a.due_on = s.opt_text(6);
        a.status = action_status_from_string(s.text(7)).value_or(ActionStatus::open);
        a.guideline_ref = s.opt_text(8);
        a.incident_id = s.opt_text(9);
        a.completed_at = s.opt_text(10);
        a.created_at = s.text(11);
        a.updated_at = s.text(12);
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<ActionUpdate> SqliteStore::read_action_updates(const char* where, const std::function<void(sql::Stmt&)>& b) {
    reading(Kind::action_update);
    sql::Stmt s(db_, select_sql("action_update", kActionUpdateCols, where, "created_at, id"));
    if (b) b(s);
    std::vector<ActionUpdate> out;
    while (s.step()) {
        ActionUpdate u;
        u.id = s.text(0);
        u.action_id = s.text(1);
        u.meeting_id = s.opt_text(2);
        u.status = action_status_from_string(s.text(3)).value_or(ActionStatus::open);
        u.note = s.text(4);
        u.created_at = s.text(5);
        u.updated_at = s.text(6);
        out.push_back(std::move(u));
    }
    return out;
}

// --- row writers --------------------------------------------------------------------------

sql::Stmt& SqliteStore::prepared(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<sql::Stmt>(db_, sql)).first;
    it->second->reset();  // a statement that failed half-way is usable again
    return *it->second;
}

namespace {
// The INSERT / upsert text per table, built once.
const std::string& row_sql(const char* table, const char* cols, bool upsert) {
    static std::unordered_map<std::string, std::string> cache;
    const std::string key = std::string(table) + (upsert ? "+" : "");
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, insert_sql(table, cols, upsert)).first;
    return it->second;
}
}  // namespace

template <typename T>
void SqliteStore::write_row(const char* table, const char* cols, const T& record, bool upsert) {
    sql::Stmt& s = prepared(row_sql(table, cols, upsert));
    bind(s, record);
    s.run();
}

void SqliteStore::add_team(const Team& t) { write_row("team", kTeamCols, t, false); }
void SqliteStore::add_member(const Member& m) { write_row("member", kMemberCols, m, false); }
void SqliteStore::add_youth(const Youth& y) { write_row("youth", kYouthCols, y, false); }
void SqliteStore::add_measure(const Measure& m) { write_row("measure", kMeasureCols, m, false); }
void SqliteStore::upsert_team(const Team& t) { write_row("team", kTeamCols, t, true); }
void SqliteStore::upsert_member(const Member& m) { write_row("member", kMemberCols, m, true); }
void SqliteStore::upsert_youth(const Youth& y) { write_row("youth", kYouthCols, y, true); }
void SqliteStore::upsert_measure(const Measure& m) { write_row("measure", kMeasureCols, m, true); }
void SqliteStore::add_action(const Action& a) { write_row("action", kActionCols, a, false); }
void SqliteStore::upsert_action(const Action& a) { write_row("action", kActionCols, a, true); }
void SqliteStore::add_action_update(const ActionUpdate& u) { write_row("action_update", kActionUpdateCols, u, false); }
void SqliteStore::upsert_action_update(const ActionUpdate& u) { write_row("action_update", kActionUpdateCols, u, true); }

void SqliteStore::add_incident(const Incident& i) {
    write_row("incident", kIncidentCols, i, false);
    sql::Stmt& link = prepared("INSERT INTO incident_youth (incident_id, youth_id) VALUES (:incident, :youth)");
    for (const auto& y : i.youth_ids) {
        link.bind(":incident", i.id).bind(":youth", y);
        link.run();
    }
}

void SqliteStore::upsert_incident(const Incident& i) {
    write_row("incident", kIncidentCols, i, true);
    sql::Stmt& clear = prepared("DELETE FROM incident_youth WHERE incident_id = :id");
    clear.bind(":id", i.id);
    clear.run();
    sql::Stmt& link = prepared("INSERT INTO incident_youth (incident_id, youth_id) VALUES (:incident, :youth)");
    for (const auto& y : i.youth_ids) {
        link.bind(":incident", i.id).bind(":youth", y);
        link.run();
    }
}

void SqliteStore::add_meeting(const Meeting& m) { upsert_meeting(m); }

void SqliteStore::upsert_meeting(const Meeting& m) {
    write_row("meeting", kMeetingCols, m, true);
    for (const char* child : {"meeting_attendee", "meeting_step", "meeting_answer", "meeting_rating"}) {
        sql::Stmt clear(db_, std::string("DELETE FROM ") + child + " WHERE meeting_id = :id");
        clear.bind(":id", m.id);
        clear.run();
    }
    sql::Stmt att(db_, "INSERT INTO meeting_attendee (meeting_id, member_id) VALUES (:meeting, :member)");
    for (const auto& a : m.attendee_ids) {
        att.bind(":meeting", m.id).bind(":member", a);
        att.run();
    }
    sql::Stmt step(db_, "INSERT INTO meeting_step (meeting_id, position, kind, notes, seconds_used) "
                        "VALUES (:meeting, :pos, :kind, :notes, :seconds)");
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
        step.bind(":meeting", m.id).bind(":pos", static_cast<std::int64_t>(i)).bind(":kind", to_string(m.steps[i].kind));
        step.bind(":notes", m.steps[i].notes).bind(":seconds", m.steps[i].seconds_used);
        step.run();
    }
    sql::Stmt ans(db_, "INSERT INTO meeting_answer (meeting_id, question_id, text) VALUES (:meeting, :q, :text)");
    for (const auto& [q, text] : m.answers) {
        ans.bind(":meeting", m.id).bind(":q", q).bind(":text", text);
        ans.run();
    }
    sql::Stmt rat(db_, "INSERT INTO meeting_rating (meeting_id, recommendation_id, rating) VALUES (:meeting, :r, :rating)");
    for (const auto& [r, rating] : m.ratings) {
        rat.bind(":meeting", m.id).bind(":r", r).bind(":rating", to_string(rating));
        rat.run();
    }
}

// --- change history -----------------------------------------------------------------------

void SqliteStore::log_changes(const std::string& entity, const std::string& id, const Fields* before, const Fields& after,
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
    return out;
}

// --- public API ---------------------------------------------------------------------------

std::vector<Team> SqliteStore::teams() { return read_teams("", nullptr); }

std::optional<Team> SqliteStore::team(const std::string& id) {
    auto v = read_teams("id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
    if (v.empty()) return std::nullopt;
    return v.front();
}

void SqliteStore::insert_team(const Team& t) {
    write("a team named \"" + t.name + "\"", {Kind::team}, [&] { add_team(t); });
}

std::vector<Member> SqliteStore::members(const std::string& team_id) {
    return read_members("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

void SqliteStore::insert_member(const Member& m) {
    write("team member \"" + m.name + "\"", {Kind::member}, [&] { add_member(m); });
}

std::vector<Youth> SqliteStore::youths(const std::string& team_id) {
    return read_youths("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

void SqliteStore::insert_youth(const Youth& y) {
    write("youth code \"" + y.code + "\"", {Kind::youth}, [&] { add_youth(y); });
}

void SqliteStore::save_team(const Team& t, const std::string& who) {
    write("a team named \"" + t.name + "\"", {Kind::team}, [&] { save_logged("team", t, &SqliteStore::read_teams, &SqliteStore::upsert_team, who); });
}

void SqliteStore::save_member(const Member& m, const std::string& who) {
    write("team member \"" + m.name + "\"", {Kind::member}, [&] { save_logged("member", m, &SqliteStore::read_members, &SqliteStore::upsert_member, who); });
}

void SqliteStore::save_youth(const Youth& y, const std::string& who) {
    write("youth code \"" + y.code + "\"", {Kind::youth}, [&] { save_logged("youth", y, &SqliteStore::read_youths, &SqliteStore::upsert_youth, who); });
}

std::vector<Measure> SqliteStore::measures(const std::string& team_id) {
    return read_measures("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::optional<Measure> SqliteStore::measure(const std::string& id) {
    auto v = read_measures("id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
    if (v.empty()) return std::nullopt;
    return v.front();
}

void SqliteStore::save_measure(const Measure& m, const std::string& who) {
    write("the measure", {Kind::measure}, [&] { save_logged("measure", m, &SqliteStore::read_measures, &SqliteStore::upsert_measure, who); });
}

void SqliteStore::delete_measure(const std::string& id, const std::string& who) {
    write("the measure", {Kind::measure}, [&] {
        sql::Stmt s(db_, "DELETE FROM measure WHERE id = :id");
        s.bind(":id", id);
        s.run();
        if (db_.changes() == 0) throw StoreError("the measure no longer exists");
        log_deleted("measure", id, who);
    });
}

std::vector<Incident> SqliteStore::incidents(const std::string& team_id) {
    return read_incidents("team_id = :team", [&](sql::Stmt& s) { s.bind(":team", team_id); });
}

std::optional<Incident> SqliteStore::incident(const std::string& id) {
    auto v = read_incidents("id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
    if (v.empty()) return std::nullopt;
    return v.front();
}

void SqliteStore::save_incident(const Incident& i, const std::string& who) {
    write("the incident", {Kind::incident}, [&] { save_logged("incident", i, &SqliteStore::read_incidents, &SqliteStore::upsert_incident, who); });
}

void SqliteStore::delete_incident(const std::string& id, const std::string& who) {
    write("the incident", {Kind::incident, Kind::measure}, [&] {
        // The link from measures is cleared by ON DELETE SET NULL; log it on each measure.
        auto linked = read_measures("incident_id = :id", [&](sql::Stmt& s) { s.bind(":id", id); });
        sql::Stmt s(db_, "DELETE FROM incident WHERE id = :id");
        s.bind(":id", id);
        s.run();
        if (db_.changes() == 0) throw StoreError("the incident no longer exists");
        for (const auto& m : linked) {
            const Fields before = SqliteFields::of(m);
            Measure after = m;
            after.incident_id.reset();
            log_changes("measure", m.id, &before, SqliteFields::of(after), who);
        }
        log_deleted("incident", id, who);
    });
}

void SqliteStore::insert_dataset(const Dataset& d) {
    write("the data", std::vector<Kind>(kAllKinds.begin(), kAllKinds.end()), [&] {
        for (const auto& x : d.teams) add_team(x);
        for (const auto& x : d.members) add_member(x);
        for (const auto& x : d.youths) add_youth(x);
        for (const auto& x : d.incidents) add_incident(x);
        for (const auto& x : d.measures) add_measure(x);
        for (const auto& x : d.meetings) add_meeting(x);
        for (const auto& x : d.actions) add_action(x);
        for (const auto& x : d.action_updates) add_action_update(x);
    });
}

StoreCounts SqliteStore::counts() {
    for (Kind k : kAllKinds) reading(k, ReadOf::count);
    return read_counts(db_);
}

std::optional<std::string> SqliteStore::setting(std::string_view key) {
    sql::Stmt s(db_, "SELECT value FROM setting WHERE key = :key");
    s.bind(":key", key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void SqliteStore::set_setting(std::string_view key, std::string_view value) {
    write("setting", {}, [&] {
        sql::Stmt s(db_, "INSERT INTO setting (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        s.bind(":key", key).bind(":value", value);
        s.run();
    });
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
        if (schema.empty() && r.schema_version == store::latest_schema_version()) r.counts = read_counts(db);
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

}  // namespace ts
