// Reading JSON with a path, so that every problem is reported as one line:
//   data/guideline.json: $.building_blocks[2].topics[0].text.en: missing
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

class JsonError : public std::runtime_error {
public:
    JsonError(std::string file, std::string path, std::string problem);
    const std::string& file() const { return file_; }
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string file_, path_, problem_;
};

// Reads a file and parses it; a parse error names the line and column.
nlohmann::json read_json_file(const std::string& path, const std::string& shown_name);
// Parses text already in memory; a parse error is reported at `path` with line and column.
nlohmann::json parse_json_text(const std::string& text, const std::string& shown_name, const std::string& path = "$");

// A JSON value together with where it is. Accessors throw JsonError naming the path.
// Data files use the root path "$" ("$.types[2].code"); an empty root path gives paths
// that start at the first member ("measures[17].ended_at"), as bundle errors are written.
class JsonAt {
public:
    JsonAt(const nlohmann::json& value, std::string file, std::string path = "$")
        : value_(&value), file_(std::move(file)), path_(std::move(path)) {}

    const nlohmann::json& value() const { return *value_; }
    const std::string& path() const { return path_; }
    const std::string& file() const { return file_; }

    [[noreturn]] void fail(const std::string& problem) const;

    bool has(const char* key) const;
    JsonAt operator[](const char* key) const;       // member must exist
    std::vector<JsonAt> items(std::size_t min_count = 0, std::size_t max_count = SIZE_MAX) const;  // array

    std::string str() const;                        // non-empty string
    std::string str_or_empty() const;               // string, may be empty
    long long integer(long long min, long long max) const;
    double number(double min, double max) const;
    bool boolean() const;
    std::string id() const;                         // non-empty, [a-z0-9_.-]
    void require_object() const;
    // Fails if the object has a member not in `allowed` (catches typos in data files).
    void only_keys(std::initializer_list<std::string_view> allowed) const;

private:
    const nlohmann::json* value_;
    std::string file_, path_;
};

}  // namespace ts
