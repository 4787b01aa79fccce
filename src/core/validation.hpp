// Checks on records before they are stored. Each problem names the field and a message key
// (translated by the UI, e.g. "error.team.name_required").
#pragma once

#include "core/content.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

struct FieldProblem {
    std::string field;        // "name", "capacity", …
    std::string message_key;  // key in data/i18n/*.json
    std::string detail = {};  // what exactly, shown after the message: "U+200B"
};

// What a text field may hold.
enum class TextKind {
    line,       // a name or code: one line; no control, invisible or direction-changing character
    multiline,  // free text: line breaks and tabs allowed; no other control or direction-changing character
};

// The first problem of a text a person typed or a file holds, if any:
//   error.text.invalid_utf8    bytes that are not UTF-8
//   error.text.control_char    a control character (U+0000…U+001F, U+007F…U+009F; tab and line
//                              breaks are allowed in multiline text)
//   error.text.invisible_char  a character that shows as nothing or changes the direction of
//                              what follows: zero-width spaces and joiners, bidirectional marks,
//                              embeddings, overrides and isolates, soft hyphen, variation
//                              selectors, unusual spaces (line text only: except the bidi
//                              controls, which are refused everywhere), non-characters
// so that two codes or names that look the same on screen are the same ("J-01" and "J-01"
// followed by U+200B). `detail` names the character: "U+200B".
std::optional<FieldProblem> text_problem(std::string_view text, TextKind kind, const char* field);

// Appends text_problem and a length check (error.text_too_long) for one field.
void check_text_field(std::vector<FieldProblem>& out, std::string_view text, TextKind kind, const char* field,
                      std::size_t max_bytes);

inline constexpr std::size_t kMaxNameLength = 120;

// Team names are unique ignoring surrounding space and ASCII case: "de linde " is "De Linde".
// This is the key to compare them by.
std::string team_name_key(const std::string& name);

// created_at and updated_at: readable, and not after `now`, because a record stamped in the
// future would win every later merge. Empty stamps (a record not stored yet) pass.
void check_record_stamps(std::vector<FieldProblem>& out, const std::string& created_at, const std::string& updated_at,
                         std::int64_t now);

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing, std::int64_t now);


// Limits on text, shared by the forms and the bundle importer.
inline constexpr std::size_t kMaxCodeLength = 32;
inline constexpr std::size_t kMaxFreeText = 20000;
// How far clocks of two team machines may differ: a bundle's records may be stamped up to this
// much after its exported_at, and its exported_at this much after the importing machine's now.
inline constexpr std::int64_t kClockTolerance = 3600;

// Only spaces, tabs and line breaks (or nothing).
bool is_blank(const std::string& s);

// Problems that block saving: one function per record kind, called by the forms and by the
// bundle importer alike, so that no rule exists in one place only. Field names are the
// bundle's ("ended_at"); message keys are in data/i18n ("error.measure.end_before_start");
// english_problem() gives the CLI wording. `now` is the clock of the check: the time of
// typing for a form, the bundle's exported_at (plus kClockTolerance) for an import. Nothing
// may lie after it: no start, end, occurrence, completion, created_at or updated_at.
std::vector<FieldProblem> validate_measure(const Measure& m, const Content& content, const Youth* youth, std::int64_t now);
std::vector<FieldProblem> validate_incident(const Incident& i, const Content& content,
                                            const std::vector<const Youth*>& youths, std::int64_t now);
std::vector<FieldProblem> validate_youth(const Youth& y, const std::vector<Youth>& team_youths, const YouthCodeRule& codes,
                                         std::int64_t now);
std::vector<FieldProblem> validate_member(const Member& m, std::int64_t now);
// Meetings, actions and their updates: field names as in the bundle ("steps[2].notes").
std::vector<FieldProblem> validate_meeting(const Meeting& m, const Content& content, std::int64_t now);
std::vector<FieldProblem> validate_action(const Action& a, const Content& content, std::int64_t now);
std::vector<FieldProblem> validate_action_update(const ActionUpdate& u, std::int64_t now);

// Every problem has two wordings. The screens say it to a person in a form, in Dutch or
// English, from data/i18n ("The end is before the start."). Bundles and the command line say
// it about a field of a file ("measures[3].ended_at: before started_at"), in English: those
// words name the file's fields, and the strict bundle reader gives them before any data file
// is loaded, so they live here.
// english_problem() gives the file wording of a key (the key itself when it has none).
std::string english_problem(const std::string& message_key);
// Every key a check can report; load_content refuses translations that lack one.
std::vector<std::string> problem_keys();

}  // namespace ts
