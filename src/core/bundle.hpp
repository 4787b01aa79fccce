// The JSON bundle (teamspiegel-bundle, version 1): reading with validation, writing.
// The format is described in docs/bundle-format.md and data/schema/bundle.schema.json.
//
// Reading checks every record on its own (types, enums, dates, content codes, the register's
// rules that need no other record) and reports the first problem as
//   FILE: measures[17].ended_at: before started_at
// References between records are not checked here: a reference may point to a record that is
// already in the database, so the store checks them on import.
#pragma once

#include "core/content.hpp"
#include "core/types.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ts {

inline constexpr std::string_view kBundleFormat = "teamspiegel-bundle";
inline constexpr int kBundleVersion = 1;

// Parses and validates a bundle. `shown_name` names the file in errors. Throws JsonError
// (path without "$.", e.g. "measures[17].ended_at"); an empty path means the whole file.
// Records keep the bundle's order, so the index in an ImportError is the index in the file.
Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content);

// Writes a bundle: 2-space indent, UTF-8 as is, every list ordered by id (lists inside a record
// by their key), so that the same data always gives the same text apart from exported_at.
// `anonymize` empties free text and replaces youth codes by pseudonyms (anonymous_codes).
std::string write_bundle(const Dataset& data, bool anonymize, std::int64_t exported_at);

// The pseudonym of every youth in `data`, in the order of data.youths: "Y-" and six hex
// digits derived from the youth's id only, so the same youth gets the same code in every
// export and the real code cannot be recovered from it. Unique within a team: on the rare
// collision the youth with the larger id takes the next derived candidate.
std::vector<std::string> anonymous_codes(const std::vector<Youth>& youths);

// Replaces every invalid UTF-8 sequence by U+FFFF (a noncharacter that real text never holds),
// so that the JSON parser accepts the text and the reader can name the field that held it.
std::string mark_invalid_utf8(std::string_view text);

}  // namespace ts
