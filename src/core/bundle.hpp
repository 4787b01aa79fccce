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
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace ts {

inline constexpr std::string_view kBundleFormat = "teamspiegel-bundle";
inline constexpr int kBundleVersion = 1;

// A bundle larger than this is refused before it is read: a guard against a wrong file, not a
// limit of memory (a bundle is read record by record). Ten years of a 40-team organisation is
// about 230 MB, three times that 700 MB.
inline constexpr std::size_t kMaxBundleBytes = std::size_t{4096} * 1024 * 1024;

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

// Reads a bundle file as read_bundle does, record by record: each record, checked, goes to
// `sink` at once with its index in its list, and the file is read a chunk at a time, so that
// memory stays near one record whatever the bundle's size. The top level is checked before the
// first record (a bundle whose lists come before its format, version, exported_at and
// anonymized is read twice). An id given twice in a list is left to the sink (the import
// refuses it). Throws JsonError, also from the middle of the file after records went to `sink`:
// a sink that writes must undo what it wrote (the import runs in one transaction).
//
// A regular file is read first by a fast reading that takes on the bundles this program writes
// and hands on the same records; at anything else it stops, and the file is read again by the
// strict reading (the records already handed on are not handed on twice), which words every
// problem. `strict_only` skips the fast reading (the tests compare the two).
enum class BundleReading { fast_first, strict_only };
void stream_bundle_file(const std::string& path, const std::string& shown_name, const Content& content, std::int64_t now,
                        RecordSink& sink, BundleReading reading = BundleReading::fast_first);

// As stream_bundle_file, with the reading on a thread of its own: the records reach `sink` on
// the calling thread, in the same order and with the same indexes, while the next ones are
// read (a bounded queue of them in between). The outcome is the one stream_bundle_file gives:
// what the sink throws for a record comes before a reading problem found after that record,
// and ends the reading; a reading problem is thrown once the sink has had every record before
// it. The calling thread throws either; nothing runs on when this returns.
void stream_bundle_file_read_ahead(const std::string& path, const std::string& shown_name, const Content& content,
                                   std::int64_t now, RecordSink& sink);

// The checks of validate_measure and validate_incident that need the youth records (a youth in
// care on the date of the measure or incident), which the reader leaves out because it sees one
// record at a time; the import calls them with the youths it found in the bundle or the
// database. Throw JsonError with an empty file name and the record's path
// ("measures[3].youth_id"); `record_path` is "measures[3]".
void check_measure_youth(const Measure& m, const Youth& youth, const std::string& record_path);
void check_incident_youths(const Incident& i, const std::vector<const Youth*>& youths, const std::string& record_path);
// The same rules as questions, true when they hold: the import asks them a million times and
// makes a record's path only for a refusal.
bool measure_youth_in_care(const Measure& m, const Youth& youth);
bool incident_youths_in_care(const Incident& i, const std::vector<const Youth*>& youths);

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

// Writes a bundle as write_bundle does, record by record: the records come in the bundle's
// order (teams, members, youths, incidents, measures, meetings, actions, action updates; each
// list ordered by id, as Store::export_each gives them), and the text goes to `out` a chunk of
// about a megabyte at a time, so that a bundle of any size is written with one record in
// memory. A list for which nothing came is written empty. `level` is none or pseudonyms (an
// external export needs all records at once: write_bundle); with pseudonyms, `codes` holds the
// pseudonym of every youth (anonymous_code_map). Throws std::logic_error for records out of
// order; what `out` throws passes on.
class BundleWriter final : public RecordSink {
public:
    using Output = std::function<void(std::string_view)>;
    BundleWriter(Output out, Anonymize level, std::int64_t exported_at, std::unordered_map<std::string, std::string> codes = {});
    ~BundleWriter() override;
    BundleWriter(const BundleWriter&) = delete;
    BundleWriter& operator=(const BundleWriter&) = delete;

    void add(Team&& r, std::size_t index) override;
    void add(Member&& r, std::size_t index) override;
    void add(Youth&& r, std::size_t index) override;
    void add(Measure&& r, std::size_t index) override;
    void add(Incident&& r, std::size_t index) override;
    void add(Meeting&& r, std::size_t index) override;
    void add(Action&& r, std::size_t index) override;
    void add(ActionUpdate&& r, std::size_t index) override;
    // Closes the lists and the bundle and hands over the rest of the text.
    void finish();
    std::size_t records() const { return records_; }

private:
    static constexpr std::size_t kNoList = static_cast<std::size_t>(-1);
    void reach(std::size_t list);
    void close_list();
    void record(std::size_t list, const nlohmann::ordered_json& j);
    template <typename T>
    void text_record(std::size_t list, const T& r, const std::string* code = nullptr);
    void flush();

    Output out_;
    bool anonymize_;
    std::unordered_map<std::string, std::string> codes_;
    std::string text_;
    std::size_t list_ = kNoList;
    bool first_ = true, closed_ = false, finished_ = false;
    std::size_t records_ = 0;
};

// The pseudonym of every youth by id (anonymous_codes).
std::unordered_map<std::string, std::string> anonymous_code_map(const std::vector<Youth>& youths);

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
