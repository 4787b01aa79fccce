#include "core/validation.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ts {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Decodes one UTF-8 sequence at `i` (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF). Returns the code point and advances `i`, or nullopt for bytes that are not UTF-8.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
    else return std::nullopt;
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    return cp;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Embeddings, overrides and isolates: they reorder the text that follows ("Trojan Source").
bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Characters that show as nothing, or as a space that is not a space, in a name or code.
bool is_invisible(char32_t c) {
    return c == 0x00A0 || c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
           c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
           (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
           c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

bool is_noncharacter(char32_t c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

}  // namespace

std::optional<FieldProblem> text_problem(std::string_view text, TextKind kind, const char* field) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const auto cp = next_code_point(text, i);
        if (!cp) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[at])));
            return FieldProblem{field, "error.text.invalid_utf8", std::string("byte ") + buf};
        }
        const char32_t c = *cp;
        const bool line_break = c == '\n' || c == '\r' || c == '\t';
        if (is_control(c) && !(kind == TextKind::multiline && line_break))
            return FieldProblem{field, "error.text.control_char", code_point_name(c)};
        if (is_bidi_control(c) || is_noncharacter(c) || (kind == TextKind::line && is_invisible(c)))
            return FieldProblem{field, "error.text.invisible_char", code_point_name(c)};
    }
    return std::nullopt;
}

void check_text_field(std::vector<FieldProblem>& out, std::string_view text, TextKind kind, const char* field,
                      std::size_t max_bytes) {
    if (auto p = text_problem(text, kind, field)) out.push_back(std::move(*p));
    else if (text.size() > max_bytes) out.push_back({field, "error.text_too_long", "at most " + std::to_string(max_bytes) + " bytes"});
}

std::string team_name_key(const std::string& name) {
    std::string out = trimmed(name);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void check_record_stamps(std::vector<FieldProblem>& out, const std::string& created_at, const std::string& updated_at,
                         std::int64_t now) {
    for (const auto& [value, field] : {std::pair{&updated_at, "updated_at"}, std::pair{&created_at, "created_at"}}) {
        if (value->empty()) continue;
        const auto t = parse_timestamp(*value);
        if (!t) out.push_back({field, "error.timestamp_invalid"});
        else if (*t > now) out.push_back({field, "error.in_future"});
    }
}

std::vector<FieldProblem> validate_team(const Team& team, const std::vector<Team>& existing, std::int64_t now) {
    std::vector<FieldProblem> out;
    const std::string name = trimmed(team.name);
    if (name.empty()) out.push_back({"name", "error.team.name_required"});
    else if (auto p = text_problem(team.name, TextKind::line, "name")) out.push_back(std::move(*p));
    else if (name.size() > kMaxNameLength) out.push_back({"name", "error.team.name_too_long"});
    else if (std::any_of(existing.begin(), existing.end(),
                         [&](const Team& t) { return t.id != team.id && team_name_key(t.name) == team_name_key(name); }))
        out.push_back({"name", "error.team.name_taken"});
    if (auto p = text_problem(team.location, TextKind::line, "location")) out.push_back(std::move(*p));
    else if (team.location.size() > kMaxNameLength) out.push_back({"location", "error.team.location_too_long"});
    if (team.capacity < 0 || team.capacity > 200) out.push_back({"capacity", "error.team.capacity_range"});
    if (!(team.reduction_goal_pct >= 0 && team.reduction_goal_pct <= 100)) out.push_back({"reduction_goal_pct", "error.team.goal_range"});
    check_record_stamps(out, team.created_at, team.updated_at, now);
    return out;
}

}  // namespace ts
