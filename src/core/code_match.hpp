// Type-ahead for codes (youth codes such as "J-07"): which codes match what was typed, and in
// what order a list offers them. Pure functions, so the order is tested without a window.
#pragma once

#include "core/types.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

// A code as matching sees it: letters and digits only, ASCII letters in lower case ("J-07" →
// "j07"). Bytes of other scripts are kept as they are.
std::string code_key(std::string_view code);

// How a code matches typed text, compared by code_key(): the best first.
enum class CodeMatch { exact, prefix, contains, none };
CodeMatch match_code(std::string_view typed, std::string_view code);

// One code on offer; `preferred` codes (youths in care) come first within a kind of match.
struct CodeCandidate {
    std::string_view code;
    bool preferred = true;
};

// The indices into `candidates` of the codes that match `typed`, in the order to offer them:
// exact matches first, then prefix matches, then codes that contain it; within each, the
// preferred ones first, then in code order (digits by value: J-2 before J-10). Text with no
// letters or digits (empty, "-") matches every code as a prefix.
std::vector<std::size_t> rank_codes(std::string_view typed, const std::vector<CodeCandidate>& candidates);

// Compares two codes in code order: by code_key(), runs of digits by their value.
bool code_less(std::string_view a, std::string_view b);

// Replaces every youth code in `text` by `hidden`: as a whole word, in any letter case, also
// written without its separators or with others ("J-07": "j07", "J 07", "J.07"). `keys` are the
// codes' code_key(), longest first (code_keys_longest_first). For private minutes and the
// meeting's privacy mode.
std::string mask_codes(std::string_view text, const std::vector<std::string>& keys, const std::string& hidden);
std::vector<std::string> code_keys_longest_first(const std::vector<Youth>& youths);

}  // namespace ts
