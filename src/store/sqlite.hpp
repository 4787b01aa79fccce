// A thin RAII layer over the SQLite C API: connection, prepared statement with named
// parameters, and a transaction that rolls back unless committed and nests as a savepoint.
#pragma once

#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ts::sql {

// A failed SQLite call. It is a DatabaseError (so a StoreError): its message is plain words for
// what the user can do about it (damaged, in use, disk full, cannot be written), code() keeps
// SQLite's extended result code for callers that map constraint failures, detail() SQLite's text.
class Error : public DatabaseError {
public:
    Error(int code, const std::string& detail);
};

// Plain words for an SQLite result code: "the database is damaged; run `teamspiegel check`",
// "the database is in use by another program; try again", … Codes that are no fault of the
// file (constraints, SQL errors) give "database error: DETAIL".
std::string plain_message(int code, const std::string& detail);

class Db {
public:
    enum class Mode { read_write_create, read_write, read_only };
    // `uri`: `path` is an SQLite URI ("file:/a/b.db?immutable=1").
    Db(const std::string& path, Mode mode, bool uri = false);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& other) noexcept : db_(other.db_), depth_(other.depth_) { other.db_ = nullptr; }
    Db& operator=(Db&&) = delete;

    sqlite3* handle() const { return db_; }
    void exec(const char* sql);  // one or more statements, no parameters
    std::int64_t scalar_int(const char* sql);
    std::int64_t changes() const;
    // How many Transactions are open on this connection (0: none; 2: a savepoint in a transaction).
    int depth() const { return depth_; }

private:
    friend class Transaction;
    sqlite3* db_ = nullptr;
    int depth_ = 0;
};

class Stmt {
public:
    Stmt(Db& db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // Named parameters, e.g. bind(":name", team.name). Unknown names are a programming error.
    Stmt& bind(const char* name, std::string_view value);
    Stmt& bind(const char* name, const char* value) { return bind(name, std::string_view(value)); }
    Stmt& bind(const char* name, const std::string& value) { return bind(name, std::string_view(value)); }
    Stmt& bind(const char* name, std::int64_t value);
    Stmt& bind(const char* name, int value) { return bind(name, static_cast<std::int64_t>(value)); }
    Stmt& bind(const char* name, bool value) { return bind(name, static_cast<std::int64_t>(value ? 1 : 0)); }
    Stmt& bind(const char* name, double value);
    Stmt& bind(const char* name, const std::optional<std::string>& value);
    Stmt& bind(const char* name, const std::optional<int>& value);
    Stmt& bind_null(const char* name);
    Stmt& bind_blob(const char* name, std::string_view bytes);
    // By position (1 is the first parameter), for statements bound thousands of times: no
    // look-up of a name. bind_view_at does not copy: the text must stay as it is until the
    // statement has run.
    Stmt& bind_view_at(int position, std::string_view value);
    Stmt& bind_copy_at(int position, std::string_view value);
    Stmt& bind_at(int position, std::int64_t value);
    Stmt& bind_at(int position, double value);
    Stmt& bind_null_at(int position);
    std::string parameter_name(int position) const;  // ":name", or empty
    int position(const char* name) const { return index(name); }  // of a named parameter

    bool step();     // true while a row is available
    void run();      // step to completion
    void reset();

    std::string text(int col) const;
    // The text of a column without a copy: valid until the next step(), reset() or read of it.
    std::string_view view(int col) const;
    std::string_view blob(int col) const;  // the bytes of a BLOB, as view()
    std::optional<std::string> opt_text(int col) const;
    std::int64_t integer(int col) const;
    std::optional<int> opt_int(int col) const;
    double real(int col) const;
    bool is_null(int col) const;
    int column_count() const;
    std::string_view column_name(int col) const;  // as selected: "started_at"

private:
    int index(const char* name) const;
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (a write lock at once, waiting for other writers) or, for reading, BEGIN
// DEFERRED on construction; ROLLBACK in the destructor unless commit() was called.
//
// Opened while another Transaction of the same connection is open, it is a SAVEPOINT of it
// instead (`kind` does not matter then): commit() releases it into the enclosing transaction,
// which still decides whether it is kept; the destructor without commit() rolls back to it,
// undoing only what was done since it was opened, and the enclosing transaction goes on.
// Transactions must end in the reverse order of their opening (as scopes do).
//
// Some failures (a full disk, an I/O error) make SQLite roll back the whole transaction by
// itself. Then a savepoint can no longer be opened, nor the enclosing transaction committed:
// both throw Error (SQLITE_ABORT), so nothing after such a failure is written on its own.
class Transaction {
public:
    enum class Kind { immediate, deferred };
    explicit Transaction(Db& db, Kind kind = Kind::immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    bool nested() const { return level_ > 0; }

private:
    // "ts_1" for the first savepoint inside a transaction, "ts_2" inside that, ….
    std::string savepoint() const;
    Db& db_;
    int level_;  // 0: the transaction itself; n: the n-th savepoint inside it
    bool done_ = false;
};

}  // namespace ts::sql
