#pragma once
#include "store/sqlite.hpp"

#include <string>
#include <vector>

namespace ts::store {

// "TSPG": marks a SQLite file as a Teamspiegel database (PRAGMA application_id).
constexpr int kApplicationId = 0x54535047;

// The schema version this program writes; PRAGMA user_version holds the version of a file.
int latest_schema_version();

// Brings the database from schema version `from` to the latest, one numbered migration after
// the other, and marks it as ours. The caller holds the write transaction (BEGIN IMMEDIATE) in
// which it read `from`, so that two processes opening a new file at once cannot both migrate.
void migrate(sql::Db& db, int from);

// How the tables of `db` differ from those of schema version `version` (table and column
// names), in words: "schema version 0 but the tables of version 1 are present", "schema
// version 1 but table measure is missing". Empty when they match. Only reads.
std::vector<std::string> schema_problems(sql::Db& db, int version);

}  // namespace ts::store
