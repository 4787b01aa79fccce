#include "query_plans.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <string_view>

namespace ts::test {

StatementLog::StatementLog(Store& store) : store_(store) {
    store_.set_statement_hook([this](std::string_view sql) {
        if (seen_.find(sql) != seen_.end()) return;
        seen_.emplace(sql);
        list_.emplace_back(sql);
    });
}

StatementLog::~StatementLog() { store_.set_statement_hook(nullptr); }

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The words and single characters of a statement, string literals and quoted names left out
// (a literal 'measure' names no table).
std::vector<std::string> tokens(std::string_view sql) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sql.size();) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            const std::size_t end = sql.find(c, i + 1);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (word_char(c)) {
            std::size_t j = i;
            while (j < sql.size() && word_char(sql[j])) ++j;
            out.emplace_back(sql.substr(i, j - i));
            i = j;
        } else {
            if (!std::isspace(static_cast<unsigned char>(c))) out.emplace_back(1, c);
            ++i;
        }
    }
    return out;
}

// What follows a table's name in a statement without being its alias.
bool keyword(const std::string& word) {
    static const std::set<std::string> words = {"WHERE", "ON",    "JOIN",   "INNER",  "LEFT",      "CROSS", "NATURAL", "ORDER",
                                                "GROUP", "LIMIT", "UNION",  "EXCEPT", "INTERSECT", "USING", "INDEXED", "NOT",
                                                "SET",   "VALUES", "WINDOW", "HAVING", "DEFAULT", "RETURNING", "SELECT", "FULL",
                                                "RIGHT", "OUTER", "AS"};
    return words.count(upper(word)) > 0;
}

// The table each name of a plan line stands for, when it is `measure` or `incident`: the tables
// themselves and the aliases the statement gives them ("FROM measure AS m", "JOIN incident i").
std::map<std::string, std::string> watched_names(std::string_view sql) {
    std::map<std::string, std::string> names{{"measure", "measure"}, {"incident", "incident"}};
    const auto t = tokens(sql);
    for (std::size_t k = 0; k < t.size(); ++k) {
        const std::string low = [&] {
            std::string s = t[k];
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        }();
        if (low != "measure" && low != "incident") continue;
        std::size_t a = k + 1;
        if (a < t.size() && upper(t[a]) == "AS") ++a;
        if (a < t.size() && word_char(t[a].front()) && !keyword(t[a])) names[t[a]] = low;
    }
    return names;
}

// Statements with no plan to speak of: a trigger's statement as the trace reports it
// ("-- TRIGGER …": its statements are planned with the statement that fires it), PRAGMAs and
// the transactions' own statements.
bool without_plan(std::string_view sql) {
    if (sql.substr(0, 2) == "--") return true;
    const auto t = tokens(sql);
    if (t.empty()) return true;
    static const std::set<std::string> verbs = {"PRAGMA", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"};
    return verbs.count(upper(t.front())) > 0;
}


class Connection {
public:
    explicit Connection(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + path + ": " + why);
        }
    }
    ~Connection() { sqlite3_close(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace

PlanCheck check_plans(const std::string& path, const std::vector<std::string>& statements) {
    PlanCheck out;
    const Connection db(path, SQLITE_OPEN_READONLY);
    for (const std::string& text : statements) {
        const std::string_view sql = trimmed(text);
        if (without_plan(sql)) {
            out.skipped.emplace_back(sql);
            continue;
        }
        Plan plan{std::string(sql), {}};
        sqlite3_stmt* s = nullptr;
        const std::string explain = "EXPLAIN QUERY PLAN " + plan.sql;
        if (sqlite3_prepare_v2(db.get(), explain.c_str(), -1, &s, nullptr) != SQLITE_OK) {
            out.failures.push_back(plan.sql + ": " + sqlite3_errmsg(db.get()));
            sqlite3_finalize(s);
            continue;
        }
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) plan.lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 3)));
        if (rc != SQLITE_DONE) out.failures.push_back(plan.sql + ": " + sqlite3_errmsg(db.get()));
        sqlite3_finalize(s);

        const auto names = watched_names(plan.sql);
        bool measure = false, incident = false, scan = false;
        for (const std::string& line : plan.lines) {
            const bool is_scan = line.rfind("SCAN ", 0) == 0, is_search = line.rfind("SEARCH ", 0) == 0;
            if (!is_scan && !is_search) continue;
            const std::size_t from = line.find(' ') + 1;
            const std::string object = line.substr(from, line.find(' ', from) - from);
            const auto it = names.find(object);
            if (it == names.end()) continue;
            (it->second == "measure" ? measure : incident) = true;
            // "SCAN measure", and "SCAN measure USING COVERING INDEX …" alike: every row (of the
            // table or of an index of it) is read.
            if (is_scan) scan = true;
        }
        if (measure) out.measure_reads.push_back(plan);
        if (incident) out.incident_reads.push_back(plan);
        if (scan) out.full_scans.push_back(plan);
        out.explained.push_back(std::move(plan));
    }
    return out;
}

std::string describe(const std::vector<Plan>& plans) {
    std::string out;
    for (const Plan& p : plans) {
        out += p.sql + "\n";
        for (const std::string& line : p.lines) out += "    " + line + "\n";
    }
    return out;
}

void exec_on_file(const std::string& path, const std::string& sql) {
    const Connection db(path, SQLITE_OPEN_READWRITE);
    char* error = nullptr;
    if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string why = error ? error : "unknown";
        sqlite3_free(error);
        throw std::runtime_error(sql + ": " + why);
    }
}

}  // namespace ts::test
