#include "core/json_check.hpp"

#include <fstream>
#include <sstream>

namespace ts {

JsonError::JsonError(std::string file, std::string path, std::string problem)
    : std::runtime_error(file + ": " + (path.empty() ? std::string() : path + ": ") + problem),
      file_(std::move(file)),
      path_(std::move(path)),
      problem_(std::move(problem)) {}

nlohmann::json read_json_file(const std::string& path, const std::string& shown_name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw JsonError(shown_name, "$", "cannot be read (missing or no permission)");
    std::ostringstream buf;
    buf << in.rdbuf();
    return parse_json_text(buf.str(), shown_name);
}

nlohmann::json parse_json_text(const std::string& text, const std::string& shown_name, const std::string& path) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Translate the byte offset into line:column, which a person can find in an editor.
        const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < at; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string what = e.what();
        if (auto p = what.find("; last read"); p != std::string::npos) what = what.substr(p + 2);
        else if (auto q = what.rfind(": "); q != std::string::npos) what = what.substr(q + 2);
        throw JsonError(shown_name, path, "not valid JSON at line " + std::to_string(line) + ", column " +
                                             std::to_string(col) + " (" + what + ")");
    }
}

void JsonAt::fail(const std::string& problem) const { throw JsonError(file_, path_, problem); }

namespace {
std::string member_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

const char* type_name(const nlohmann::json& j) {
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "a boolean";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    return "an object";
}
}  // namespace

void JsonAt::require_object() const {
    if (!value_->is_object()) fail(std::string("expected an object, found ") + type_name(*value_));
}

bool JsonAt::has(const char* key) const { return value_->is_object() && value_->contains(key); }

JsonAt JsonAt::operator[](const char* key) const {
    require_object();
    auto it = value_->find(key);
    if (it == value_->end()) throw JsonError(file_, member_path(path_, key), "missing");
    return JsonAt(*it, file_, member_path(path_, key));
}

std::vector<JsonAt> JsonAt::items(std::size_t min_count, std::size_t max_count) const {
    if (!value_->is_array()) fail(std::string("expected an array, found ") + type_name(*value_));
    if (value_->size() < min_count)
        fail("expected at least " + std::to_string(min_count) + " entries, found " + std::to_string(value_->size()));
    if (value_->size() > max_count)
        fail("expected at most " + std::to_string(max_count) + " entries, found " + std::to_string(value_->size()));
    std::vector<JsonAt> out;
    out.reserve(value_->size());
    for (std::size_t i = 0; i < value_->size(); ++i)
        out.emplace_back((*value_)[i], file_, path_ + "[" + std::to_string(i) + "]");
    return out;
}

std::string JsonAt::str_or_empty() const {
    if (!value_->is_string()) fail(std::string("expected a string, found ") + type_name(*value_));
    return value_->get<std::string>();
}

std::string JsonAt::str() const {
    std::string s = str_or_empty();
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) fail("empty text");
    return s;
}

long long JsonAt::integer(long long min, long long max) const {
    if (!value_->is_number_integer()) fail(std::string("expected a whole number, found ") + type_name(*value_));
    const long long v = value_->get<long long>();
    if (v < min || v > max)
        fail(std::to_string(v) + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
    return v;
}

double JsonAt::number(double min, double max) const {
    if (!value_->is_number()) fail(std::string("expected a number, found ") + type_name(*value_));
    const double v = value_->get<double>();
    if (v < min || v > max) fail("value out of range");
    return v;
}

bool JsonAt::boolean() const {
    if (!value_->is_boolean()) fail(std::string("expected true or false, found ") + type_name(*value_));
    return value_->get<bool>();
}

std::string JsonAt::id() const {
    std::string s = str();
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
            fail("\"" + s + "\" is not a valid id (use a-z, 0-9, _ . -)");
    return s;
}

void JsonAt::only_keys(std::initializer_list<std::string_view> allowed) const {
    require_object();
    for (const auto& [key, v] : value_->items()) {
        bool ok = false;
        for (auto a : allowed) ok = ok || a == key;
        if (!ok) throw JsonError(file_, member_path(path_, key), "unknown field");
    }
}

}  // namespace ts
