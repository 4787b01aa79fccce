// The team most screen tests start from, written once: "De Linde" with a group worker (Sanne B.)
// and youths in care (J-07 unless other codes are given), all entered before the pinned now
// (15 March 2026, 10:00 UTC; see pinned_time.hpp) and saved by "test".
#pragma once

#include "store/store.hpp"
#include "ui_harness.hpp"

#include <map>
#include <string>
#include <vector>

namespace ts::test {

struct Setup {
    std::string team_id, member_id, youth_id;  // youth_id: the first youth's
    std::map<std::string, std::string> youth_ids;  // every youth's id by its code
};

// Each youth: 15 at admission on 5 January 2026, closed group, added in the order given.
Setup seed_store(Store& store, const std::vector<std::string>& codes = {"J-07"});
// The same, with the team open in the harness and Sanne B. at the keyboard.
Setup seed(UiHarness& h, const std::vector<std::string>& codes = {"J-07"});
// Another member of the team, active, saved by "test"; its id.
std::string add_member(Store& store, const std::string& team_id, const std::string& name);

}  // namespace ts::test
