#include "core/code_match.hpp"

#include <algorithm>
#include <tuple>

namespace ts {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Compares two keys with runs of digits by value ("j2" < "j10"). Keys that differ only in
// leading zeros ("j07", "j7") are told apart last: fewer zeros first.
int compare_natural(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    int zeros = 0;  // the first difference in leading zeros, if nothing else differs
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && is_digit(a[ie])) ++ie;
            while (je < b.size() && is_digit(b[je])) ++je;
            std::string_view da = a.substr(i, ie - i), db = b.substr(j, je - j);
            const std::size_t za = std::min(da.find_first_not_of('0'), da.size());
            const std::size_t zb = std::min(db.find_first_not_of('0'), db.size());
            const std::string_view va = da.substr(za), vb = db.substr(zb);
            if (va.size() != vb.size()) return va.size() < vb.size() ? -1 : 1;
            if (const int c = va.compare(vb); c != 0) return c < 0 ? -1 : 1;
            if (zeros == 0 && da.size() != db.size()) zeros = da.size() < db.size() ? -1 : 1;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
            ++i;
            ++j;
        }
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return zeros;
}

CodeMatch match_keys(const std::string& needle, const std::string& key) {
    if (needle.empty()) return CodeMatch::prefix;
    if (key == needle) return CodeMatch::exact;
    const std::size_t at = key.find(needle);
    if (at == 0) return CodeMatch::prefix;
    return at == std::string::npos ? CodeMatch::none : CodeMatch::contains;
}

}  // namespace

std::string code_key(std::string_view code) {
    std::string out;
    out.reserve(code.size());
    for (char c : code) {
        const auto u = static_cast<unsigned char>(c);
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || is_digit(c) || u >= 0x80) out += c;
    }
    return out;
}

CodeMatch match_code(std::string_view typed, std::string_view code) { return match_keys(code_key(typed), code_key(code)); }

bool code_less(std::string_view a, std::string_view b) {
    const int c = compare_natural(code_key(a), code_key(b));
    return c != 0 ? c < 0 : a < b;  // "J-07" and "j07" read the same: any fixed order
}

std::vector<std::size_t> rank_codes(std::string_view typed, const std::vector<CodeCandidate>& candidates) {
    const std::string needle = code_key(typed);
    struct Ranked {
        std::size_t index;
        CodeMatch match;
    };
    std::vector<Ranked> hits;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const CodeMatch m = match_keys(needle, code_key(candidates[i].code));
        if (m != CodeMatch::none) hits.push_back({i, m});
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const Ranked& a, const Ranked& b) {
        if (a.match != b.match) return a.match < b.match;
        const bool pa = candidates[a.index].preferred, pb = candidates[b.index].preferred;
        if (pa != pb) return pa;
        return code_less(candidates[a.index].code, candidates[b.index].code);
    });
    std::vector<std::size_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.index);
    return out;
}

namespace {

bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A space or an ASCII punctuation mark: what may stand between the letters and digits of a code.
bool is_separator(char c) { return c >= ' ' && c < 0x7f && !is_word(c); }

// The length of the text at `at` that spells `key` (a code_key(): "j07"), in any letter case and
// with at most one separator between two of its characters ("J-07", "j07", "J 07", "j.0/7");
// 0 when it does not.
std::size_t spelled_at(std::string_view text, std::size_t at, std::string_view key) {
    std::size_t j = at;
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (k > 0 && j + 1 < text.size() && is_separator(text[j]) && lower(text[j + 1]) == key[k]) ++j;
        if (j >= text.size() || lower(text[j]) != key[k]) return 0;
        ++j;
    }
    return j - at;
}

}  // namespace

// Replaces every youth code in `text` by `hidden`: as a whole word, in any letter case, also
// written without its separators or with others ("J-07": "j07", "J 07", "J.07"). `keys` are the
// codes' code_key(), longest first.
std::string mask_codes(std::string_view text, const std::vector<std::string>& keys, const std::string& hidden) {
    if (keys.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (i == 0 || !is_word(text[i - 1])) {
            bool matched = false;
            for (const std::string& key : keys) {
                const std::size_t n = spelled_at(text, i, key);
                if (n == 0 || (i + n < text.size() && is_word(text[i + n]))) continue;
                out += hidden;
                i += n;
                matched = true;
                break;
            }
            if (matched) continue;
        }
        out += text[i++];
    }
    return out;
}

std::vector<std::string> code_keys_longest_first(const std::vector<Youth>& youths) {
    std::vector<std::string> keys;
    for (const Youth& y : youths)
        if (std::string key = code_key(y.code); !key.empty()) keys.push_back(std::move(key));
    std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

}  // namespace ts
