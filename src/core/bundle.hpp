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
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ts {

inline constexpr std::string_view kBundleFormat = "teamspiegel-bundle";
inline constexpr int kBundleVersion = 1;

// A bundle larger than this is refused before it is read (ten years of a 40-team organisation
// is about 250 MB).
inline constexpr std::size_t kMaxBundleBytes = std::size_t{512} * 1024 * 1024;

// Parses and validates a bundle. `shown_name` names the file in errors. Throws JsonError
// (path without "$.", e.g. "measures[17].ended_at"); an empty path means the whole file.
// Records keep the bundle's order, so the index in an ImportError is the index in the file.
//
// Every record is checked by the validate_* function of its kind (core/rules), with the
// bundle's exported_at plus kClockTolerance as "now"; exported_at itself may not lie more
// than kClockTolerance after `now` (this computer's clock). Ids are returned in lower case.
// A key given twice, a number out of range, text that is not UTF-8 or control characters
// are refused with the path of the field. The text is parsed twice, record by record, so
// memory stays near the size of the records read.
Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content, std::int64_t now);
Dataset read_bundle(const std::string& text, const std::string& shown_name, const Content& content);  // now: the clock

// The checks of validate_measure and validate_incident that need the youth records (a youth in
// care on the date of the measure or incident), which read_bundle leaves out because it sees
// one record at a time. Youths are looked up in `data` first, then with `stored` (the
// database); a youth found in neither is left to the store's reference check. Throws
// JsonError with an empty file name and the record's path ("measures[3].youth_id").
void check_bundle_youths(const Dataset& data, const std::function<const Youth*(const std::string& id)>& stored);

// How much of who is who an export keeps (docs/bundle-format.md, "Anonymization").
enum class Anonymize {
    none,        // every record as stored
    pseudonyms,  // free text left out, youth codes replaced by stable pseudonyms: within the organisation
    external,    // as pseudonyms, and no record id or staff name of the organisation: for outside it
};
std::string_view to_string(Anonymize level);                  // "none", "pseudonyms", "external"
std::optional<Anonymize> anonymize_from_string(std::string_view);

// Writes a bundle: 2-space indent, UTF-8 as is, every list ordered by id (lists inside a record
// by their key), so that the same data always gives the same text apart from exported_at (an
// external export draws new ids every time, see detach_identities).
std::string write_bundle(const Dataset& data, Anonymize level, std::int64_t exported_at);

// For bundles that leave the organisation: a copy of `data` in which every record id is
// replaced by a new random one (references follow, so the copy is whole), member names by
// "Medewerker 1", "Medewerker 2", … per team, `decided_by` and `consent_by` by the pseudonym of
// the member of that name (else empty), and action titles by "[anonymized]". Nothing in it
// matches the plain export by id or name; two external exports do not match each other either.
Dataset detach_identities(const Dataset& data);

// The pseudonym of every youth in `data`, in the order of data.youths: "Y-" and six
// digits derived from the youth's id only, so the same youth gets the same code in every
// export and the real code cannot be recovered from it. Unique within a team: on the rare
// collision the youth with the larger id takes the next derived candidate.
std::vector<std::string> anonymous_codes(const std::vector<Youth>& youths);

// A pseudonym as anonymous_codes makes them ("Y-" and six digits). An anonymized bundle holds
// these instead of codes of the organisation's pattern.
bool is_anonymous_code(std::string_view code);

}  // namespace ts
