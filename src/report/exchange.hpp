// Bundle files: export and import shared by the GUI and the command line.
// The format is in docs/bundle-format.md; reading and writing the JSON is core/bundle, the
// merge is import_dataset (store/import.hpp). Here: files, team names, and one error form for everything.
#pragma once

#include "core/bundle.hpp"
#include "core/content.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace ts {

// Any failure of an import or export as one line "FILE: path: problem", e.g.
//   teamspiegel.json: measures[17].ended_at: before started_at
// file or path may be empty (then left out): an unknown team name has neither.
class ExchangeError : public std::runtime_error {
public:
    ExchangeError(std::string file, std::string path, std::string problem);
    const std::string& file() const { return file_; }
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string file_, path_, problem_;
};

// Reads, validates and merges a bundle file into the store record by record (BundleImport
// over stream_bundle_file), all or nothing: one transaction, so a problem found half-way
// undoes what was written. Throws ExchangeError naming the file, the record and the field; the
// store is unchanged then. `who` goes into the change history's entry of the import (empty:
// the user logged in to this computer).
ImportSummary import_bundle_file(Store& store, const Content& content, const std::string& path, const std::string& who = "");

// The id of the team called `name`: the exact name, else the same name in other letter case.
// Throws ExchangeError ("--team: no team named \"X\" (teams: …)"; problem() without "--team").
std::string team_id_by_name(Store& store, const std::string& name);

// Writes the records of one team (by name; all teams when empty) as a bundle. out_path "" or
// "-" means standard output; a file is written next to its final name and renamed into place,
// so a failed export never leaves half a file. Returns the number of records written.
// Throws ExchangeError (an unknown team name lists the teams there are).
std::size_t export_bundle(Store& store, const std::optional<std::string>& team_name, Anonymize level,
                          const std::string& out_path);

}  // namespace ts
