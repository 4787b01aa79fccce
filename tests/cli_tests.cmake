# Command-line behaviour (exit codes 0 / 1 data error / 2 usage error, messages on stderr).
set(CLI_TMP "${CMAKE_CURRENT_BINARY_DIR}/cli_tmp")
file(MAKE_DIRECTORY "${CLI_TMP}")
file(WRITE "${CLI_TMP}/garbage.db" "this is not a database, just some text that is long enough to be noticed\n")
set(TS "$<TARGET_FILE:teamspiegel>")

function(cli_test name rc)
  cmake_parse_arguments(A "NO_DISPLAY" "OUT;ERR;REJECT" "ARGS" ${ARGN})
  string(REPLACE ";" "|" cmd "${TS};${A_ARGS}")
  set(defs -DCMD=${cmd} -DEXPECT_RC=${rc})
  if(A_OUT)
    list(APPEND defs "-DEXPECT_OUT=${A_OUT}")
  endif()
  if(A_ERR)
    list(APPEND defs "-DEXPECT_ERR=${A_ERR}")
  endif()
  if(A_REJECT)
    list(APPEND defs "-DREJECT_ERR=${A_REJECT}")
  endif()
  if(A_NO_DISPLAY)
    list(APPEND defs -DUNSET_DISPLAY=1)
  endif()
  add_test(NAME cli.${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_expect.cmake)
endfunction()

cli_test(help 0 ARGS --help OUT "Usage: teamspiegel.*--db PATH.*--frames N.*check.*demo.*screenshot.*Exit codes")
cli_test(version 0 ARGS --version OUT "^teamspiegel [0-9]+\\.[0-9]+\\.[0-9]+")
cli_test(screenshot_help 0 ARGS screenshot --help OUT "--screen.*--out.*--size")
cli_test(bad_flag 2 ARGS --no-such-flag ERR "--no-such-flag.*teamspiegel --help")
cli_test(unknown_command 2 ARGS frobnicate ERR "frobnicate")
cli_test(frames_not_a_number 2 ARGS --frames many ERR "--frames")
cli_test(screenshot_needs_out 2 ARGS screenshot --screen guideline ERR "--out")
cli_test(screenshot_bad_size 2 ARGS --db ${CLI_TMP}/size.db screenshot --screen guideline --out ${CLI_TMP}/x.png --size huge ERR "--size")
cli_test(screenshot_unknown_screen 2 ARGS --db ${CLI_TMP}/screen.db screenshot --screen kitchen --out ${CLI_TMP}/x.png ERR "kitchen.*welcome")
cli_test(screenshot_bad_lang 2 ARGS --db ${CLI_TMP}/screen.db screenshot --screen welcome --lang de --out ${CLI_TMP}/x.png ERR "--lang: expected nl or en")
cli_test(check_garbage 1 ARGS --db ${CLI_TMP}/garbage.db check ERR "garbage.db: not a Teamspiegel database")
cli_test(check_missing 1 ARGS --db ${CLI_TMP}/does-not-exist.db check ERR "does-not-exist.db: no such file")
cli_test(gui_garbage_db 1 ARGS --db ${CLI_TMP}/garbage.db --frames 1 ERR "not a Teamspiegel database")
cli_test(gui_without_display 1 NO_DISPLAY ARGS --db ${CLI_TMP}/nodisplay.db --frames 1 ERR "no display" REJECT "Segmentation|Aborted")
cli_test(demo_bad_teams 2 ARGS --db ${CLI_TMP}/demo_bad.db demo --teams 0 ERR "--teams")
cli_test(demo_too_many_teams 2 ARGS --db ${CLI_TMP}/demo_bad.db demo --teams 61 ERR "--teams: Value 61 not in range 1 to 60")
cli_test(demo_too_many_years 2 ARGS --db ${CLI_TMP}/demo_bad.db demo --years 11 ERR "--years")
cli_test(demo_scale_zero 2 ARGS --db ${CLI_TMP}/demo_bad.db demo --scale 0 ERR "--scale: Value 0 not in range 1 to 20")
cli_test(demo_scale_too_large 2 ARGS --db ${CLI_TMP}/demo_bad.db demo --scale 21 ERR "--scale: Value 21 not in range 1 to 20")
cli_test(demo_help 0 ARGS demo --help OUT "--teams N +Number of teams \\(1-60,.*--years N +Years of history[^\n]*\\(1-10,")
# An organisation's worth of teams (one year, to keep the test short; 40 teams over 10 years
# take about 10 seconds).
add_test(NAME cli.demo_org_clean COMMAND ${CMAKE_COMMAND} -E rm -f ${CLI_TMP}/demo_org.db ${CLI_TMP}/demo_org.db-wal ${CLI_TMP}/demo_org.db-shm)
set_tests_properties(cli.demo_org_clean PROPERTIES FIXTURES_SETUP demo_org_clean)
cli_test(demo_forty_teams 0 ARGS --db ${CLI_TMP}/demo_org.db demo --teams 40 --years 1 --seed 3
         OUT ": 40 teams, [0-9]+ youths, [1-9][0-9]+ measures, [1-9][0-9]+ incidents, [1-9][0-9]+ meetings, [1-9][0-9]+ actions\n$")
cli_test(check_forty_teams 0 ARGS --db ${CLI_TMP}/demo_org.db check OUT "ok \\(schema [0-9]+. 40 teams")
set_tests_properties(cli.demo_forty_teams PROPERTIES FIXTURES_REQUIRED demo_org_clean FIXTURES_SETUP demo_org_db)
set_tests_properties(cli.check_forty_teams PROPERTIES DEPENDS cli.demo_forty_teams FIXTURES_REQUIRED demo_org_db)

# demo then check: a database the program made passes its own check. Each run starts clean.
add_test(NAME cli.demo_clean COMMAND ${CMAKE_COMMAND} -E rm -f ${CLI_TMP}/demo.db ${CLI_TMP}/demo.db-wal ${CLI_TMP}/demo.db-shm)
set_tests_properties(cli.demo_clean PROPERTIES FIXTURES_SETUP demo_db)
cli_test(demo_fills 0 ARGS --db ${CLI_TMP}/demo.db demo --teams 2 --years 1 --seed 7 OUT "2 teams")
cli_test(check_after_demo 0 ARGS --db ${CLI_TMP}/demo.db check OUT "ok \\(schema 5; 2 teams")
set_tests_properties(cli.demo_fills PROPERTIES FIXTURES_REQUIRED demo_db)
set_tests_properties(cli.check_after_demo PROPERTIES DEPENDS cli.demo_fills FIXTURES_REQUIRED demo_db)
# The same demo twice into one database is refused whole (team names are unique).
cli_test(demo_twice_refused 1 ARGS --db ${CLI_TMP}/demo.db demo --teams 2 --years 1 --seed 7 ERR "already exists.*nothing was written")
set_tests_properties(cli.demo_twice_refused PROPERTIES DEPENDS cli.check_after_demo FIXTURES_REQUIRED demo_db)
set_tests_properties(cli.check_after_demo cli.demo_twice_refused cli.demo_fills PROPERTIES RESOURCE_LOCK demo_db)
# Counts with a noun read "1 team", not "1 teams".
add_test(NAME cli.demo_one_clean COMMAND ${CMAKE_COMMAND} -E rm -f ${CLI_TMP}/demo_one.db ${CLI_TMP}/demo_one.db-wal ${CLI_TMP}/demo_one.db-shm)
set_tests_properties(cli.demo_one_clean PROPERTIES FIXTURES_SETUP demo_one_db)
cli_test(demo_one_team 0 ARGS --db ${CLI_TMP}/demo_one.db demo --teams 1 --years 1 --seed 7 OUT ": 1 team, [0-9]+ youths, ")
cli_test(check_one_team 0 ARGS --db ${CLI_TMP}/demo_one.db check OUT "ok \\(schema 5; 1 team, [0-9]+ members, ")
set_tests_properties(cli.demo_one_team PROPERTIES FIXTURES_REQUIRED demo_one_db)
set_tests_properties(cli.check_one_team PROPERTIES DEPENDS cli.demo_one_team FIXTURES_REQUIRED demo_one_db)

# End to end under Xvfb: a real window for 30 frames, then screenshots checked for size and content.
add_test(NAME e2e.window_and_screenshots
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e_screenshot.sh $<TARGET_FILE:teamspiegel> $<TARGET_FILE:png_info>
                 ${CMAKE_CURRENT_BINARY_DIR}/e2e)
set_tests_properties(e2e.window_and_screenshots PROPERTIES RESOURCE_LOCK xvfb TIMEOUT 300)

# --- bundle exchange: export, import into a fresh database, refusals --------------------------
# Two hand-made bad bundles: one refused by the reader (a field of one record), one by the store
# (a reference that resolves nowhere).
file(WRITE "${CLI_TMP}/ex_bad_end.json" [=[{
  "format": "teamspiegel-bundle", "version": 1, "exported_at": "2026-11-22T10:00:00Z",
  "measures": [{"id": "0b7e0c8e-1111-4222-8333-944455556601", "team_id": "0b7e0c8e-1111-4222-8333-944455556602",
                "youth_id": "0b7e0c8e-1111-4222-8333-944455556603", "type": "physical_hold",
                "started_at": "2026-03-01T14:05:00Z", "ended_at": "2026-03-01T13:20:00Z",
                "reason": "", "incident_id": null, "emergency": true, "in_care_plan": false,
                "consent_by": null, "consent_at": null, "decided_by": "", "parents_informed_at": null,
                "debrief_at": null, "notes": "", "updated_at": "2026-03-01T15:00:00Z"}]
}
]=])
file(WRITE "${CLI_TMP}/ex_bad_ref.json" [=[{
  "format": "teamspiegel-bundle", "version": 1, "exported_at": "2026-11-22T10:00:00Z",
  "teams": [{"id": "0b7e0c8e-1111-4222-8333-944455556602", "name": "Het Proefhuis", "location": "", "capacity": 4,
             "reduction_goal_pct": 0, "active": true, "updated_at": "2026-01-01T00:00:00Z"}],
  "measures": [{"id": "0b7e0c8e-1111-4222-8333-944455556601", "team_id": "0b7e0c8e-1111-4222-8333-944455556602",
                "youth_id": "0b7e0c8e-1111-4222-8333-944455556603", "type": "physical_hold",
                "started_at": "2026-03-01T14:05:00Z", "ended_at": "2026-03-01T14:20:00Z",
                "reason": "", "incident_id": null, "emergency": true, "in_care_plan": false,
                "consent_by": null, "consent_at": null, "decided_by": "", "parents_informed_at": null,
                "debrief_at": null, "notes": "", "updated_at": "2026-03-01T15:00:00Z"}]
}
]=])

# Each run starts clean: demo -> export -> import into a fresh database -> refusals.
add_test(NAME cli.exchange_clean
         COMMAND ${CMAKE_COMMAND} -E rm -f ${CLI_TMP}/ex_src.db ${CLI_TMP}/ex_src.db-wal ${CLI_TMP}/ex_src.db-shm
                 ${CLI_TMP}/ex_dst.db ${CLI_TMP}/ex_dst.db-wal ${CLI_TMP}/ex_dst.db-shm ${CLI_TMP}/ex_bundle.json
                 ${CLI_TMP}/ex_missing.db ${CLI_TMP}/ex_missing.db-wal ${CLI_TMP}/ex_missing.db-shm)
set_tests_properties(cli.exchange_clean PROPERTIES FIXTURES_SETUP exchange_clean)
cli_test(exchange_demo 0 ARGS --db ${CLI_TMP}/ex_src.db demo --teams 2 --years 1 --seed 5 OUT "2 teams")
set_tests_properties(cli.exchange_demo PROPERTIES FIXTURES_REQUIRED exchange_clean FIXTURES_SETUP exchange_src)
cli_test(export_out 0 ARGS --db ${CLI_TMP}/ex_src.db export --out ${CLI_TMP}/ex_bundle.json
         OUT "^exported [1-9][0-9]* records to .*ex_bundle.json\n$")
set_tests_properties(cli.export_out PROPERTIES FIXTURES_REQUIRED exchange_src FIXTURES_SETUP exchange_bundle)
cli_test(import_good 0 ARGS --db ${CLI_TMP}/ex_dst.db import ${CLI_TMP}/ex_bundle.json
         OUT "^imported .*ex_bundle.json: [1-9][0-9]* inserted, 0 updated, 0 unchanged\n$")
cli_test(import_again 0 ARGS --db ${CLI_TMP}/ex_dst.db import ${CLI_TMP}/ex_bundle.json
         OUT "^imported .*ex_bundle.json: 0 inserted, 0 updated, [1-9][0-9]* unchanged\n$")
cli_test(import_bad_record 1 ARGS --db ${CLI_TMP}/ex_dst.db import ${CLI_TMP}/ex_bad_end.json
         ERR "^teamspiegel: error: [^\n]*ex_bad_end.json: measures\\[0\\]\\.ended_at: before started_at\n$")
cli_test(import_bad_reference 1 ARGS --db ${CLI_TMP}/ex_dst.db import ${CLI_TMP}/ex_bad_ref.json
         ERR "^teamspiegel: error: [^\n]*ex_bad_ref.json: measures\\[0\\]\\.youth_id: unknown youth\n$")
# The refused bundles changed nothing: still the two demo teams (the bad one had a third).
cli_test(check_after_refused_imports 0 ARGS --db ${CLI_TMP}/ex_dst.db check OUT "ok \\(schema 5. 2 teams")
cli_test(export_team_stdout 0 ARGS --db ${CLI_TMP}/ex_dst.db export --team "De Linde" --anonymize
         OUT "^{\n  \"format\": \"teamspiegel-bundle\",.*\"anonymized\": true.*\"code\": \"Y-[0-9a-f]+\"" REJECT ".")
cli_test(export_unknown_team 1 ARGS --db ${CLI_TMP}/ex_dst.db export --team Nergenshuis
         ERR "no team named \"Nergenshuis\" \\(teams: De Linde, De Wissel\\)")
set_tests_properties(cli.import_good PROPERTIES FIXTURES_REQUIRED exchange_bundle FIXTURES_SETUP exchange_imported)
set_tests_properties(cli.import_again cli.import_bad_record cli.import_bad_reference cli.check_after_refused_imports
                     cli.export_team_stdout cli.export_unknown_team PROPERTIES FIXTURES_REQUIRED exchange_imported)
set_tests_properties(cli.import_bad_record cli.import_bad_reference PROPERTIES DEPENDS cli.import_again)
set_tests_properties(cli.check_after_refused_imports cli.export_team_stdout cli.export_unknown_team
                     PROPERTIES DEPENDS "cli.import_bad_record;cli.import_bad_reference")
set_tests_properties(cli.exchange_clean cli.exchange_demo cli.export_out cli.import_good cli.import_again cli.import_bad_record
                     cli.import_bad_reference cli.check_after_refused_imports cli.export_team_stdout cli.export_unknown_team
                     PROPERTIES RESOURCE_LOCK exchange_db)
# Usage errors: exit 2.
cli_test(import_needs_file 2 ARGS --db ${CLI_TMP}/ex_usage.db import ERR "BUNDLE is required")
cli_test(export_bad_flag 2 ARGS --db ${CLI_TMP}/ex_usage.db export --team ERR "--team")
cli_test(import_missing_file 1 ARGS --db ${CLI_TMP}/ex_missing.db import ${CLI_TMP}/does-not-exist.json
         ERR "does-not-exist.json: cannot be read")
# ...and a refused import does not even create the database file.
cli_test(no_database_after_refused_import 1 ARGS --db ${CLI_TMP}/ex_missing.db check ERR "ex_missing.db: no such file")
set_tests_properties(cli.import_missing_file cli.no_database_after_refused_import
                     PROPERTIES FIXTURES_REQUIRED exchange_clean RESOURCE_LOCK exchange_db)
set_tests_properties(cli.no_database_after_refused_import PROPERTIES DEPENDS cli.import_missing_file)
# The exported bundle matches data/schema/bundle.schema.json. Debian's python3 with
# python3-jsonschema (in scripts/debian-packages.txt) checks it.
add_test(NAME cli.exported_bundle_matches_schema
         COMMAND /usr/bin/python3 -c [=[
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
bundle = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bundle))
for e in errors[:10]:
    print("/".join(str(p) for p in e.absolute_path), e.message)
sys.exit(1 if errors or not bundle["measures"] else 0)
]=] ${CMAKE_SOURCE_DIR}/data/schema/bundle.schema.json ${CLI_TMP}/ex_bundle.json)
set_tests_properties(cli.exported_bundle_matches_schema PROPERTIES FIXTURES_REQUIRED exchange_bundle RESOURCE_LOCK exchange_db)

# The database file (issue 6): damaged, locked, read-only, foreign, empty or missing files give
# exit 1 and one plain line, never a crash; export and check create and change nothing; a new
# database is 0600; processes creating one database at once all succeed. Uses xvfb-run for the
# window on a damaged database.
add_test(NAME cli.database_files COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli_database_files.sh $<TARGET_FILE:teamspiegel>)
set_tests_properties(cli.database_files PROPERTIES TIMEOUT 300 RESOURCE_LOCK xvfb)
# The reports for people (issue 11): report measures --by month in XLSX and HTML against the JSON
# of the same report on a demo database: typed XLSX cells (openpyxl), the HTML's data-values and
# one <svg> per chart, no youth code or free text without --with-details, usage errors.
add_test(NAME cli.report_export
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli_report_export.py $<TARGET_FILE:teamspiegel>)
set_tests_properties(cli.report_export PROPERTIES TIMEOUT 180)
# The HTML report printed by a real browser (Debian's chromium, headless) to PDF, its first page
# rendered by pdftoppm: not blank, and one <svg> per chart. Skipped when chromium cannot start.
add_test(NAME browser.report_html
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/browser_report.py $<TARGET_FILE:teamspiegel>)
set_tests_properties(browser.report_html PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 240)
# Issue 11's acceptance: the manager overview's cells on screen (under Xvfb, read through the
# probes) hold the numbers of `report teams` as JSON, XLSX and HTML.
add_test(NAME e2e.same_number
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/same_number.py $<TARGET_FILE:teamspiegel>)
set_tests_properties(e2e.same_number PROPERTIES RESOURCE_LOCK xvfb TIMEOUT 240)
