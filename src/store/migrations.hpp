#pragma once
#include "store/sqlite.hpp"

namespace ts::store {

// "TSPG": marks a SQLite file as a Teamspiegel database (PRAGMA application_id).
constexpr int kApplicationId = 0x54535047;

// The schema version this program writes; PRAGMA user_version holds the version of a file.
int latest_schema_version();

// Brings the database to the latest schema, one numbered migration per transaction.
// Throws sql::Error when the file is newer than this program.
void migrate(sql::Db& db);

}  // namespace ts::store
