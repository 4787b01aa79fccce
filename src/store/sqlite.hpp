// A thin RAII layer over the SQLite C API: connection, prepared statement with named
// parameters, and a transaction that rolls back unless committed.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ts::sql {

class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

class Db {
public:
    enum class Mode { read_write_create, read_write, read_only };
    Db(const std::string& path, Mode mode);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Db& operator=(Db&&) = delete;

    sqlite3* handle() const { return db_; }
    void exec(const char* sql);  // one or more statements, no parameters
    std::int64_t scalar_int(const char* sql);
    std::int64_t changes() const;

private:
    sqlite3* db_ = nullptr;
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

    bool step();     // true while a row is available
    void run();      // step to completion
    void reset();

    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;
    std::int64_t integer(int col) const;
    std::optional<int> opt_int(int col) const;
    double real(int col) const;
    bool is_null(int col) const;

private:
    int index(const char* name) const;
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() was called.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Db& db_;
    bool done_ = false;
};

}  // namespace ts::sql
