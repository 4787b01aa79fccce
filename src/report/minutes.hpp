// The minutes (verslag) of one meeting, as Markdown or as a print-ready HTML page: the command
// line's `teamspiegel minutes`, and later the export button of the meeting's close step.
//
// Two halves: read_minutes_data() gathers from the store what the minutes name (the meeting,
// its team, members and youths, the actions agreed or reviewed in it, their updates, the
// incidents they are linked to); make_minutes() turns that into the document, without the
// store, so the GUI can hand it what it already holds. The sections and the privacy rules are
// in docs/minutes-format.md.
#pragma once

#include "core/content.hpp"
#include "core/types.hpp"
#include "store/store.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ts::report {

// Minutes the data cannot give, in plain words ("no meeting with id \"x\"").
class MinutesError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A rating the team gave a recommendation before, shown beside this meeting's rating of it.
struct PreviousRating {
    std::string recommendation_id;
    Rating rating = Rating::not_yet;
    std::string held_on;  // the date of the meeting that gave it
};

// What the minutes of one meeting read.
struct MinutesData {
    Meeting meeting;
    Team team;
    std::vector<Member> members;                // of the team (attendees, facilitator, owners)
    std::vector<Youth> youths;                  // of the team: their codes are kept out of private minutes
    std::vector<Action> actions;                // agreed in the meeting, or reviewed in it
    std::vector<ActionUpdate> updates;          // given in the meeting, oldest first
    std::vector<Incident> incidents;            // those the actions above link to, and those the meeting discussed
    // For each recommendation rated in the meeting, in the meeting's order: the team's rating of
    // it at the last earlier meeting (by date) that rated it; none if no earlier meeting did.
    std::vector<PreviousRating> previous_ratings;
};

// Reads the minutes' data of the meeting with this id (a UUID in either letter case). Throws
// MinutesError when there is no such meeting, StoreError when the database fails.
MinutesData read_minutes_data(Store& store, const std::string& meeting_id);

enum class MinutesFormat { markdown, html };

struct MinutesOptions {
    MinutesFormat format = MinutesFormat::markdown;
    Lang lang = Lang::nl;
    // Leaves out youth codes (also where the team typed one into its own notes) and the free
    // text of incidents and measures; an incident is named by its date and category only.
    bool private_mode = false;
};

// The minutes as one text: CommonMark, or one self-contained HTML page (inline CSS, A4 print
// styles). Every text from the data is escaped. The labels come from the translations
// ("minutes.*" in data/i18n/).
std::string make_minutes(const MinutesData& data, const Content& content, const MinutesOptions& options);

// Writes the minutes to the file `path` as every --out does (report/output_file.hpp: a
// temporary file in the same folder renamed over `path` when whole; a new file 0600; a missing
// or read-only folder refused, nothing left behind). For the export button of the meeting's
// close step, and the command line's --out. Returns nothing when the file is written, else the
// problem in one line that names the path ("/x/verslag.md: cannot be written (permission
// denied)"); it does not throw for a bad path.
std::optional<std::string> export_minutes(const MinutesData& data, const Content& content, const MinutesOptions& options,
                                          const std::string& path);
// The same for the meeting with this id, read from the store: also an unknown meeting ("no
// meeting with id \"…\"") and a database that cannot be read come back as the message.
std::optional<std::string> export_minutes(Store& store, const Content& content, const std::string& meeting_id,
                                          const MinutesOptions& options, const std::string& path);

// The translation keys make_minutes builds from a value (the statuses, states and ratings), for
// the test that every key the minutes use exists.
std::vector<std::string> minutes_value_keys();

}  // namespace ts::report
