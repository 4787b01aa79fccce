// EXPLAIN QUERY PLAN over the statements a store ran (issue 12): which of them read every row of
// `measure` or `incident`. The statements are caught with Store::set_statement_hook, not listed
// by hand; their plans come from a second connection to the same database file, with the
// parameters unbound (Debian's SQLite has no sqlite_stat4, so a plan never depends on a
// parameter's value; sqlite_stat1, written by ANALYZE, may change it).
#pragma once

#include "store/store.hpp"

#include <set>
#include <string>
#include <vector>

namespace ts::test {

// Every distinct statement a store runs while this lives, in the order first run.
class StatementLog {
public:
    explicit StatementLog(Store& store);
    ~StatementLog();  // stops listening
    StatementLog(const StatementLog&) = delete;
    StatementLog& operator=(const StatementLog&) = delete;
    const std::vector<std::string>& statements() const { return list_; }

private:
    Store& store_;
    std::vector<std::string> list_;
    std::set<std::string, std::less<>> seen_;
};

struct Plan {
    std::string sql;
    std::vector<std::string> lines;  // the plan's details, in order ("SEARCH m USING INDEX …")
};

struct PlanCheck {
    std::vector<Plan> explained;        // every statement explained
    std::vector<std::string> skipped;   // trigger lines ("-- …"), PRAGMA, BEGIN, COMMIT, SAVEPOINT, …
    std::vector<Plan> measure_reads;    // plans that read `measure` (a SCAN or a SEARCH of it)
    std::vector<Plan> incident_reads;   // plans that read `incident`
    std::vector<Plan> full_scans;       // plans with a SCAN of `measure` or `incident`: every row read
    std::vector<std::string> failures;  // statements the second connection could not explain, with why
};

// Explains every statement of `statements` on the database file at `path` (opened read-only).
PlanCheck check_plans(const std::string& path, const std::vector<std::string>& statements);

// "SQL\n  plan line\n  plan line\n" for each, to name what failed.
std::string describe(const std::vector<Plan>& plans);

// Runs `sql` (no parameters) on the database file at `path` through a connection of its own:
// to spoil the database for a test (drop an index, mark the packed months).
void exec_on_file(const std::string& path, const std::string& sql);

}  // namespace ts::test
