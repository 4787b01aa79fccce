// Reading JSON with a path, so that every problem is reported as one line:
//   data/guideline.json: $.building_blocks[2].topics[0].text.en: missing
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
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

// JSON nested deeper than this is refused (our files nest at most five levels).
inline constexpr std::size_t kMaxJsonDepth = 64;

// Reads a file and parses it strictly (see parse_json_text).
nlohmann::json read_json_file(const std::string& path, const std::string& shown_name);

// Parses text already in memory, strictly: besides what is not JSON at all (reported at `path`
// with line and column), it refuses what a plain parser would accept silently and so hide:
//   - a key given twice in one object (a plain parser keeps the last one): "key given twice";
//   - a number too large for a double (1e400): "number out of range (1e400)";
//   - text that is not UTF-8: "invalid UTF-8";
//   - nesting deeper than kMaxJsonDepth.
// These errors name the path of the value ("$.types[2].code"), not only a line and column.
nlohmann::json parse_json_text(const std::string& text, const std::string& shown_name, const std::string& path = "$");

// Receives the top-level object of a document member by member, so that a large file never
// exists as one parsed tree: each array member is handed over one element at a time.
class JsonObjectVisitor {
public:
    virtual ~JsonObjectVisitor() = default;
    // A member whose value is not an array, parsed whole.
    virtual void member(const std::string& key, const nlohmann::json& value, const std::string& path) = 0;
    // A member whose value is an array, at its start. Return true to receive its elements.
    virtual bool array_member(const std::string& key, const std::string& path) = 0;
    // One element of an array member that was asked for, parsed whole; `path` is "key[index]".
    virtual void element(const std::string& key, std::size_t index, const nlohmann::json& value, const std::string& path) = 0;
};

// Parses `text` with the checks of parse_json_text and hands its top-level members to
// `visitor` in file order. The top level must be an object ("expected an object, found …").
// Paths start at `root_path` ("" gives "measures[17]", "$" gives "$.measures[17]").
void stream_json_object(const std::string& text, const std::string& shown_name, const std::string& root_path,
                        JsonObjectVisitor& visitor);

// The same for a file, read a chunk at a time, so that neither its text nor its tree is ever
// whole in memory. A file larger than `max_bytes` is refused with too_large_message: a regular
// file by its size before it is read, anything else (a pipe) once that much has been read.
// Errors name `shown_name`, and a syntax error its line and column; `what` names the kind of
// file in the message that it is too large ("a bundle").
void stream_json_file(const std::string& path, const std::string& shown_name, const std::string& root_path, std::size_t max_bytes,
                      std::string_view what, JsonObjectVisitor& visitor);
// "too large (600 MB; a bundle may hold at most 512 MB)", `what` being "a bundle"
std::string too_large_message(std::uintmax_t bytes, std::uintmax_t max_bytes, std::string_view what);

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
    void only_keys(const std::vector<std::string_view>& allowed) const;

private:
    const nlohmann::json* value_;
    std::string file_, path_;
};

}  // namespace ts
