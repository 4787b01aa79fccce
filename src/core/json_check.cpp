#include "core/json_check.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>

#include <fcntl.h>
#include <unistd.h>
#include <climits>
#include <fstream>
#include <sstream>
#include <unordered_set>

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

namespace {

using nlohmann::json;

std::string member_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

// "line 3, column 14" for a byte offset, as a person finds it in an editor.
std::string line_and_column(const std::string& text, std::size_t offset) {
    const std::size_t at = std::min(offset, text.size());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

// A SAX handler for nlohmann::json::sax_parse that builds values itself, so that it sees what
// the library's own tree builder would hide (a key given twice), knows the path of every value,
// and (with a visitor) builds one top-level member or array element at a time.
class StrictParser {
public:
    // `where(offset)`: "line 3, column 14" for a byte offset of the text parsed.
    StrictParser(std::function<std::string(std::size_t)> where, std::string file, std::string root, JsonObjectVisitor* visitor)
        : where_(std::move(where)), file_(std::move(file)), root_(std::move(root)), visitor_(visitor) {}

    json result() { return std::move(whole_); }

    // --- the SAX interface ---
    bool null() { return scalar(json(nullptr)); }
    bool boolean(bool v) { return scalar(json(v)); }
    bool number_integer(json::number_integer_t v) { return scalar(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) { return scalar(json(v)); }
    bool string(std::string& v) { return scalar(json(std::move(v))); }
    bool binary(json::binary_t&) { fail(value_path(), "binary data is not JSON"); }
    bool start_object(std::size_t) { return start(false); }
    bool start_array(std::size_t) { return start(true); }
    bool end_object() { return end(); }
    bool end_array() { return end(); }

    bool key(std::string& k) {
        Frame& f = frames_.back();
        const bool again = f.node ? f.node->contains(k) : !f.keys.insert(k).second;
        if (again) fail(member_path(container_path(), k), "key given twice");
        f.key = std::move(k);
        f.key_pending = true;
        return true;
    }

    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
        if (e.id == 406) fail(value_path(), "number out of range (" + token + ")");
        const std::string what = e.what();
        if (what.find("ill-formed UTF-8") != std::string::npos) fail(value_path(), "invalid UTF-8");
        std::string reason = what;
        if (auto p = reason.find("; last read"); p != std::string::npos) reason = reason.substr(0, p);
        if (auto q = reason.rfind(": "); q != std::string::npos) reason = reason.substr(q + 2);
        fail(root_, "not valid JSON at " + where_(position == 0 ? 0 : position - 1) + " (" + reason + ")");
    }

private:
    struct Frame {
        bool array = false;
        json* node = nullptr;         // the container being built, when this value is kept
        std::size_t index = 0;        // arrays: index of the next element
        std::string key;              // objects: the last key read
        bool key_pending = false;     // objects: a key was read, its value not yet
        std::unordered_set<std::string> keys;  // objects that are not built: the keys seen
        bool stream = false;          // an array member whose elements go to the visitor
    };

    [[noreturn]] void fail(const std::string& path, const std::string& problem) const { throw JsonError(file_, path, problem); }

    // The path of the innermost open container.
    std::string container_path() const {
        std::string p = root_;
        for (std::size_t i = 0; i + 1 < frames_.size(); ++i) p = child_path(p, frames_[i]);
        return p;
    }
    static std::string child_path(const std::string& parent, const Frame& f) {
        return f.array ? parent + "[" + std::to_string(f.index) + "]" : member_path(parent, f.key);
    }
    // The path of the value being read now (the pending member or the next element).
    std::string value_path() const {
        if (frames_.empty()) return root_;
        const Frame& f = frames_.back();
        if (!f.array && !f.key_pending) return container_path();
        return child_path(container_path(), f);
    }

    bool building() const { return capture_at_ != kNone; }

    // Where a new value goes when it is being built: the slot in its parent container.
    json* place(json&& v) {
        Frame& parent = frames_.back();
        if (parent.array) {
            parent.node->push_back(std::move(v));
            return &parent.node->back();
        }
        json& slot = (*parent.node)[parent.key];
        slot = std::move(v);
        return &slot;
    }

    // Is a value starting at the current depth built (and later handed over)?
    bool keep_new_value(bool is_array) const {
        if (!visitor_) return frames_.empty();  // the whole document
        if (frames_.size() == 1) return !is_array;
        return frames_.size() == 2 && frames_.back().stream;
    }

    void done_value() {
        if (frames_.empty()) return;
        Frame& f = frames_.back();
        if (f.array) ++f.index;
        else f.key_pending = false;
    }

    // Hands a finished value built from the current depth to its receiver.
    void hand_over(json& v) {
        if (!visitor_) {
            whole_ = std::move(v);
            return;
        }
        const Frame& parent = frames_.back();
        const std::string path = value_path();
        if (frames_.size() == 1) visitor_->member(parent.key, v, path);
        else visitor_->element(frames_[0].key, parent.index, v, path);
    }

    bool scalar(json&& v) {
        if (building()) {
            place(std::move(v));
        } else if (frames_.empty() && visitor_) {
            fail(root_, std::string("expected an object, found ") + (v.is_string() ? "a string" : v.is_null() ? "null" : v.is_boolean() ? "a boolean" : "a number"));
        } else if (keep_new_value(false)) {
            hand_over(v);
        }
        done_value();
        return true;
    }

    bool start(bool is_array) {
        if (frames_.size() >= kMaxJsonDepth) fail(value_path(), "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
        if (frames_.empty() && visitor_ && is_array) fail(root_, "expected an object, found an array");
        Frame f;
        f.array = is_array;
        if (building()) {
            f.node = place(is_array ? json::array() : json::object());
        } else if (keep_new_value(is_array)) {
            capture_at_ = frames_.size();
            captured_ = is_array ? json::array() : json::object();
            f.node = &captured_;
        } else if (visitor_ && frames_.size() == 1 && is_array) {
            f.stream = visitor_->array_member(frames_.back().key, value_path());
        }
        frames_.push_back(std::move(f));
        return true;
    }

    bool end() {
        frames_.pop_back();
        if (building() && frames_.size() == capture_at_) {
            capture_at_ = kNone;
            hand_over(captured_);
            captured_ = json();
        }
        done_value();
        return true;
    }

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::function<std::string(std::size_t)> where_;
    std::string file_, root_;
    JsonObjectVisitor* visitor_;
    std::vector<Frame> frames_;
    std::size_t capture_at_ = kNone;  // depth at which the value being built started
    json captured_, whole_;
};

void run(StrictParser& parser, const std::string& text) {
    // strict: nothing but white space may follow the value. Errors are thrown by the handler.
    json::sax_parse(text, &parser, json::input_format_t::json, true);
}

// A file read a megabyte at a time, as the characters nlohmann::json's parser asks for.
class FileChars {
public:
    FileChars(const std::string& path, const std::string& shown_name, std::size_t max_bytes, std::string_view what)
        : shown_(shown_name), what_(what), max_bytes_(max_bytes), buf_(std::size_t{1} << 20) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw JsonError(shown_, "", "cannot be read (missing or no permission)");
    }
    ~FileChars() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileChars(const FileChars&) = delete;
    FileChars& operator=(const FileChars&) = delete;

    bool at_end() { return pos_ >= len_ && !fill(); }
    char current() const { return buf_[pos_]; }
    void next() { ++pos_; }

    // The input iterator the parser reads through; only compared with the end.
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = const char&;
        Iterator() = default;
        explicit Iterator(FileChars* chars) : chars_(chars) {}
        char operator*() const { return chars_->current(); }
        Iterator& operator++() {
            chars_->next();
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            chars_->next();
            return before;
        }
        bool operator==(const Iterator& other) const { return end() == other.end(); }
        bool operator!=(const Iterator& other) const { return !(*this == other); }

    private:
        bool end() const { return !chars_ || chars_->at_end(); }
        FileChars* chars_ = nullptr;
    };

private:
    bool fill() {
        if (eof_) return false;
        for (;;) {
            const ssize_t n = ::read(fd_, buf_.data(), buf_.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw JsonError(shown_, "", std::string("cannot be read (") + std::strerror(errno) + ")");
            pos_ = 0;
            len_ = static_cast<std::size_t>(n);
            total_ += len_;
            if (total_ > max_bytes_) throw JsonError(shown_, "", too_large_message(total_, max_bytes_, what_));
            if (n == 0) eof_ = true;
            return n > 0;
        }
    }

    std::string shown_, what_;
    std::size_t max_bytes_;
    int fd_ = -1;
    std::vector<char> buf_;
    std::size_t pos_ = 0, len_ = 0, total_ = 0;
    bool eof_ = false;
};

// "line 3, column 14" for a byte offset of a file, read again up to there (only for a message).
std::string file_line_and_column(const std::string& path, std::size_t offset) {
    std::ifstream in(path, std::ios::binary);
    std::size_t line = 1, col = 1;
    char c = 0;
    for (std::size_t i = 0; i < offset && in.get(c); ++i) {
        if (c == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

}  // namespace

nlohmann::json parse_json_text(const std::string& text, const std::string& shown_name, const std::string& path) {
    StrictParser parser([&](std::size_t at) { return line_and_column(text, at); }, shown_name, path, nullptr);
    run(parser, text);
    return parser.result();
}

void stream_json_object(const std::string& text, const std::string& shown_name, const std::string& root_path,
                        JsonObjectVisitor& visitor) {
    StrictParser parser([&](std::size_t at) { return line_and_column(text, at); }, shown_name, root_path, &visitor);
    run(parser, text);
}

std::string too_large_message(std::uintmax_t bytes, std::uintmax_t max_bytes, std::string_view what) {
    return "too large (" + std::to_string(bytes / (1024 * 1024)) + " MB; " + std::string(what) + " may hold at most " +
           std::to_string(max_bytes / (1024 * 1024)) + " MB)";
}

void stream_json_file(const std::string& path, const std::string& shown_name, const std::string& root_path, std::size_t max_bytes,
                      std::string_view what, JsonObjectVisitor& visitor) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw JsonError(shown_name, "", "is a folder, not a file");
    if (std::filesystem::is_regular_file(path, ec)) {
        const std::uintmax_t size = std::filesystem::file_size(path, ec);
        if (!ec && size > max_bytes) throw JsonError(shown_name, "", too_large_message(size, max_bytes, what));
    }
    FileChars chars(path, shown_name, max_bytes, what);
    StrictParser parser([&](std::size_t at) { return file_line_and_column(path, at); }, shown_name, root_path, &visitor);
    json::sax_parse(FileChars::Iterator(&chars), FileChars::Iterator(), &parser, json::input_format_t::json, true);
}

void JsonAt::fail(const std::string& problem) const { throw JsonError(file_, path_, problem); }

namespace {
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
    const auto out_of_range = [&] {
        // The value as written in the file: a value past the range of long long must not be
        // shown wrapped around (9223372036854775808 is not -9223372036854775808).
        fail(value_->dump() + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
    };
    if (value_->is_number_unsigned() && value_->get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX))
        out_of_range();
    if (!value_->is_number_integer()) {
        if (value_->is_number()) fail("expected a whole number, found " + value_->dump());
        fail(std::string("expected a whole number, found ") + type_name(*value_));
    }
    const long long v = value_->get<long long>();
    if (v < min || v > max) out_of_range();
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
    only_keys(std::vector<std::string_view>(allowed));
}

void JsonAt::only_keys(const std::vector<std::string_view>& allowed) const {
    require_object();
    for (const auto& [key, v] : value_->items()) {
        bool ok = false;
        for (auto a : allowed) ok = ok || a == key;
        if (!ok) throw JsonError(file_, member_path(path_, key), "unknown field");
    }
}

}  // namespace ts
