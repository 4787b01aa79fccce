// Type-ahead for youth codes: what matches and in what order (issue 8, item 7).
#include "core/code_match.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ts;

namespace {

// The codes offered for `typed`, in order, all of them preferred unless listed in `not_preferred`.
std::vector<std::string> offered(std::string_view typed, const std::vector<std::string>& codes,
                                 const std::vector<std::string>& not_preferred = {}) {
    std::vector<CodeCandidate> cs;
    for (const auto& c : codes)
        cs.push_back({c, std::find(not_preferred.begin(), not_preferred.end(), c) == not_preferred.end()});
    std::vector<std::string> out;
    for (std::size_t i : rank_codes(typed, cs)) out.push_back(codes[i]);
    return out;
}

// As a team's list holds them: in the order they were added, not sorted.
const std::vector<std::string> kCodes{"J-11", "J-15", "J-19", "J-10", "J-1", "J-2", "AJ-1", "J-21", "K-1"};

}  // namespace

TEST_CASE("type-ahead: an exact match comes first then prefixes in code order", "[codes]") {
    // J-21 and K-1 do not hold "j1": not offered.
    CHECK(offered("J-1", kCodes) == std::vector<std::string>{"J-1", "J-10", "J-11", "J-15", "J-19", "AJ-1"});
}

TEST_CASE("type-ahead: case and punctuation do not matter", "[codes]") {
    const auto with_hyphen = offered("J-1", kCodes);
    CHECK(offered("j1", kCodes) == with_hyphen);
    CHECK(offered("j 1", kCodes) == with_hyphen);
    CHECK(offered("J.1", kCodes) == with_hyphen);
    CHECK(match_code("j1", "J-1") == CodeMatch::exact);
    CHECK(match_code("j1", "J-10") == CodeMatch::prefix);
    CHECK(match_code("j1", "AJ-1") == CodeMatch::contains);
    CHECK(match_code("j1", "K-1") == CodeMatch::none);
    CHECK(code_key("J-07") == "j07");
}

TEST_CASE("type-ahead: code order counts digits by value", "[codes]") {
    CHECK(offered("j", {"J-10", "J-2", "J-1", "J-100", "J-9"}) == std::vector<std::string>{"J-1", "J-2", "J-9", "J-10", "J-100"});
    CHECK(code_less("J-2", "J-10"));
    CHECK_FALSE(code_less("J-10", "J-2"));
    CHECK(code_less("J-07", "J-7a"));
    CHECK(code_less("J-7", "J-07"));
    CHECK(offered("j", {"J-8", "J-07", "J-7"}) == std::vector<std::string>{"J-7", "J-07", "J-8"});
}

TEST_CASE("type-ahead: nothing typed offers every code in code order", "[codes]") {
    CHECK(offered("", {"J-2", "J-1", "A-3"}) == std::vector<std::string>{"A-3", "J-1", "J-2"});
    CHECK(offered("-", {"J-2", "J-1"}) == std::vector<std::string>{"J-1", "J-2"});
    CHECK(offered("x", {"J-2", "J-1"}).empty());
}

TEST_CASE("type-ahead: within a kind of match preferred codes come first", "[codes]") {
    // J-10 has left care: J-11 is offered before it, but the exact J-1 still comes first.
    CHECK(offered("j1", {"J-10", "J-11", "J-1"}, {"J-10", "J-1"}) == std::vector<std::string>{"J-1", "J-11", "J-10"});
}
