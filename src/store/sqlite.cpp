#include "store/sqlite.hpp"

#include <sqlite3.h>

namespace ts::sql {
namespace {
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    // sqlite3_errmsg is the latest error of the connection; its extended code is the precise one.
    throw Error(db ? sqlite3_extended_errcode(db) : rc, msg);
}
}  // namespace

std::string plain_message(int code, const std::string& detail) {
    if (code == SQLITE_IOERR_NOMEM) return "out of memory";
    switch (code & 0xFF) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return "the database is damaged; run `teamspiegel check`";
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return "the database is in use by another program; try again";
        case SQLITE_FULL: return "the disk is full; make room and try again";
        case SQLITE_READONLY: return "the database cannot be written (the file or its folder is read-only)";
        case SQLITE_PERM:
        case SQLITE_AUTH:
        case SQLITE_CANTOPEN: return "the database cannot be opened (no permission, or its folder is gone)";
        case SQLITE_IOERR: return "the database cannot be read or written (input/output error: " + detail + ")";
        case SQLITE_NOMEM: return "out of memory";
        default: return "database error: " + detail;
    }
}

Error::Error(int code, const std::string& detail) : DatabaseError(code, plain_message(code, detail), detail) {}

Db::Db(const std::string& path, Mode mode, bool uri) {
    int flags = SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0);
    switch (mode) {
        case Mode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    }
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        const int code = db_ ? sqlite3_extended_errcode(db_) : rc;
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(code, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { sqlite3_close_v2(db_); }

void Db::exec(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw Error(rc, msg);
    }
}

std::int64_t Db::scalar_int(const char* sql) {
    Stmt s(*this, sql);
    if (!s.step()) throw Error(SQLITE_ERROR, std::string("no row from: ") + sql);
    return s.integer(0);
}

std::int64_t Db::changes() const { return sqlite3_changes64(db_); }

Stmt::Stmt(Db& db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_error(db.handle(), rc, "prepare");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

int Stmt::index(const char* name) const {
    const int i = sqlite3_bind_parameter_index(stmt_, name);
    if (i == 0) throw Error(SQLITE_RANGE, std::string("no SQL parameter ") + name);
    return i;
}

Stmt& Stmt::bind(const char* name, std::string_view v) {
    const int rc = sqlite3_bind_text64(stmt_, index(name), v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) throw_error(db_.handle(), rc, "bind");
    return *this;
}
Stmt& Stmt::bind_blob(const char* name, std::string_view bytes) {
    const int rc = sqlite3_bind_blob64(stmt_, index(name), bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throw_error(db_.handle(), rc, "bind");
    return *this;
}
Stmt& Stmt::bind(const char* name, std::int64_t v) {
    sqlite3_bind_int64(stmt_, index(name), v);
    return *this;
}
Stmt& Stmt::bind(const char* name, double v) {
    sqlite3_bind_double(stmt_, index(name), v);
    return *this;
}
Stmt& Stmt::bind(const char* name, const std::optional<std::string>& v) {
    return v ? bind(name, std::string_view(*v)) : bind_null(name);
}
Stmt& Stmt::bind(const char* name, const std::optional<int>& v) {
    return v ? bind(name, static_cast<std::int64_t>(*v)) : bind_null(name);
}
Stmt& Stmt::bind_null(const char* name) {
    sqlite3_bind_null(stmt_, index(name));
    return *this;
}

Stmt& Stmt::bind_view_at(int position, std::string_view v) {
    const int rc = sqlite3_bind_text64(stmt_, position, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (rc != SQLITE_OK) throw_error(db_.handle(), rc, "bind");
    return *this;
}
Stmt& Stmt::bind_copy_at(int position, std::string_view v) {
    const int rc = sqlite3_bind_text64(stmt_, position, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) throw_error(db_.handle(), rc, "bind");
    return *this;
}
Stmt& Stmt::bind_at(int position, std::int64_t v) {
    sqlite3_bind_int64(stmt_, position, v);
    return *this;
}
Stmt& Stmt::bind_at(int position, double v) {
    sqlite3_bind_double(stmt_, position, v);
    return *this;
}
Stmt& Stmt::bind_null_at(int position) {
    sqlite3_bind_null(stmt_, position);
    return *this;
}
std::string Stmt::parameter_name(int position) const {
    const char* name = sqlite3_bind_parameter_name(stmt_, position);
    return name ? name : "";
}

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_error(db_.handle(), rc, "step");
}

void Stmt::run() {
    while (step()) {
    }
    reset();
}

void Stmt::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Stmt::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::string_view Stmt::blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}
std::string_view Stmt::view(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}
std::optional<std::string> Stmt::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}
std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
std::optional<int> Stmt::opt_int(int col) const {
    if (is_null(col)) return std::nullopt;
    return static_cast<int>(integer(col));
}
double Stmt::real(int col) const { return sqlite3_column_double(stmt_, col); }
bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int Stmt::column_count() const { return sqlite3_column_count(stmt_); }
std::string_view Stmt::column_name(int col) const {
    const char* name = sqlite3_column_name(stmt_, col);
    return name ? std::string_view(name) : std::string_view();
}

namespace {
// SQLite ended the transaction by itself (after SQLITE_FULL, SQLITE_IOERR, …) while we still
// hold it open.
bool rolled_back_by_sqlite(Db& db) { return sqlite3_get_autocommit(db.handle()) != 0; }
constexpr const char* kRolledBack = "the transaction was rolled back after an earlier failure";
}  // namespace

Transaction::Transaction(Db& db, Kind kind) : db_(db), level_(db.depth_) {
    if (level_ == 0) {
        db_.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    } else {
        if (rolled_back_by_sqlite(db_)) throw Error(SQLITE_ABORT, kRolledBack);
        db_.exec(("SAVEPOINT " + savepoint()).c_str());
    }
    ++db_.depth_;
}

std::string Transaction::savepoint() const { return "ts_" + std::to_string(level_); }

Transaction::~Transaction() {
    if (done_) return;
    --db_.depth_;
    try {
        if (level_ == 0) {
            db_.exec("ROLLBACK");
        } else if (!rolled_back_by_sqlite(db_)) {
            // ROLLBACK TO keeps the savepoint open; RELEASE then ends it (having undone it).
            const std::string name = savepoint();
            db_.exec(("ROLLBACK TO " + name + "; RELEASE " + name).c_str());
        }
    } catch (...) {
        // The connection is unusable anyway; the destructor must not throw.
    }
}

void Transaction::commit() {
    if (rolled_back_by_sqlite(db_)) throw Error(SQLITE_ABORT, kRolledBack);
    db_.exec((level_ == 0 ? std::string("COMMIT") : "RELEASE " + savepoint()).c_str());
    --db_.depth_;
    done_ = true;
}

}  // namespace ts::sql
