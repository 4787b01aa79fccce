// The objects later migrations added, for tests that make a database of an older schema
// version by dropping them (SQLite cannot run a migration backwards).
#pragma once

namespace ts::test {

// What migration 5 added (the import's entries and the numbers of records), to make older files.
inline constexpr const char* kDropVersion5 =
    "DROP TRIGGER team_count_insert; DROP TRIGGER team_count_delete; DROP TRIGGER member_count_insert; "
    "DROP TRIGGER member_count_delete; DROP TRIGGER youth_count_insert; DROP TRIGGER youth_count_delete; "
    "DROP TRIGGER measure_count_insert; DROP TRIGGER measure_count_delete; "
    "DROP TRIGGER incident_count_insert; DROP TRIGGER incident_count_delete; "
    "DROP TRIGGER meeting_count_insert; DROP TRIGGER meeting_count_delete; "
    "DROP TRIGGER action_count_insert; DROP TRIGGER action_count_delete; "
    "DROP TRIGGER action_update_count_insert; DROP TRIGGER action_update_count_delete; "
    "DROP TABLE record_count; DROP TABLE import_log; "
    "ALTER TABLE team DROP COLUMN import_id; ALTER TABLE member DROP COLUMN import_id; "
    "ALTER TABLE youth DROP COLUMN import_id; ALTER TABLE measure DROP COLUMN import_id; "
    "ALTER TABLE incident DROP COLUMN import_id; ALTER TABLE meeting DROP COLUMN import_id; "
    "ALTER TABLE action DROP COLUMN import_id; ALTER TABLE action_update DROP COLUMN import_id; ";
inline constexpr const char* kDropVersion3 =
    "DROP TRIGGER measure_month_insert; DROP TRIGGER measure_month_update; DROP TRIGGER measure_month_delete; "
    "DROP TABLE measure_month; DROP INDEX measure_running; "
    "DROP TRIGGER incident_month_insert; DROP TRIGGER incident_month_update; DROP TRIGGER incident_month_delete; "
    "DROP TABLE incident_month; "
    "DROP TRIGGER action_team_action_insert; DROP TRIGGER action_team_action_update; "
    "DROP TRIGGER action_team_action_delete; "
    "DROP TRIGGER action_team_update_insert; DROP TRIGGER action_team_update_update; "
    "DROP TRIGGER action_team_update_delete; "
    "DROP TRIGGER action_team_meeting_insert; DROP TRIGGER action_team_meeting_update; "
    "DROP TRIGGER action_team_meeting_delete; "
    "DROP TABLE action_team; DROP TABLE meeting_incident; ";

}  // namespace ts::test
