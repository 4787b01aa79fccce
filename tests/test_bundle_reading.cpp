// The fast reading of a bundle file against the strict one (core/bundle.hpp, BundleReading):
// for every file, good or bad, both must hand on the same records in the same order and end
// with the same error. The files are the fuzz corpus and many damaged copies of a good bundle.
#include "core/bundle.hpp"
#include "core/content.hpp"
#include "core/json_check.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

using namespace ts;

namespace {

const Content& content() {
    static const Content c = load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    return c;
}

const std::int64_t kNow = *parse_timestamp("2030-01-01T00:00:00Z");

// Every record handed on, as "measures[3]" in order, and the records themselves as a bundle.
class Recorder final : public RecordSink {
public:
    std::string log;
    DatasetSink data;
    void add(Team&& r, std::size_t i) override {
        note("teams", i);
        data.add(std::move(r), i);
    }
    void add(Member&& r, std::size_t i) override {
        note("members", i);
        data.add(std::move(r), i);
    }
    void add(Youth&& r, std::size_t i) override {
        note("youths", i);
        data.add(std::move(r), i);
    }
    void add(Measure&& r, std::size_t i) override {
        note("measures", i);
        data.add(std::move(r), i);
    }
    void add(Incident&& r, std::size_t i) override {
        note("incidents", i);
        data.add(std::move(r), i);
    }
    void add(Meeting&& r, std::size_t i) override {
        note("meetings", i);
        data.add(std::move(r), i);
    }
    void add(Action&& r, std::size_t i) override {
        note("actions", i);
        data.add(std::move(r), i);
    }
    void add(ActionUpdate&& r, std::size_t i) override {
        note("action_updates", i);
        data.add(std::move(r), i);
    }

private:
    void note(const char* list, std::size_t i) { log += std::string(list) + "[" + std::to_string(i) + "] "; }
};

// What reading `path` gives: the records handed on, then the records' text or the error.
std::string outcome(const std::string& path, BundleReading reading) {
    Recorder sink;
    std::string end;
    try {
        stream_bundle_file(path, "b.json", content(), kNow, sink, reading);
        end = write_bundle(sink.data.data, Anonymize::none, kNow);
    } catch (const JsonError& e) {
        end = std::string("error: ") + e.what();
    }
    return sink.log + "\n" + end;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string temp_path() { return (std::filesystem::temp_directory_path() / ("ts_bundle_reading_" + std::to_string(::getpid()) + ".json")).string(); }

}  // namespace

TEST_CASE("the fast reading gives what the strict reading gives for every corpus file", "[bundle][reading]") {
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(TEAMSPIEGEL_FUZZ_CORPUS_DIR)) {
        const std::string path = entry.path().string();
        INFO(path);
        CHECK(outcome(path, BundleReading::fast_first) == outcome(path, BundleReading::strict_only));
        ++files;
        // The fast reading starts only with a whole header: the same file with one.
        std::string text = read_text(path);
        if (const auto at = text.find("\"version\": 1,"); at != std::string::npos && text.find("\"anonymized\"") == std::string::npos) {
            text.insert(at, "\"anonymized\": false, ");
            const std::string copy = temp_path();
            write_text(copy, text);
            CHECK(outcome(copy, BundleReading::fast_first) == outcome(copy, BundleReading::strict_only));
            std::filesystem::remove(copy);
        }
    }
    CHECK(files > 30);
}

TEST_CASE("the fast reading gives what the strict reading gives for damaged bundles", "[bundle][reading]") {
    const std::string good = read_text(std::string(TEAMSPIEGEL_FUZZ_CORPUS_DIR) + "/seed-valid-full.json");
    REQUIRE(good.size() > 1000);
    const std::string path = temp_path();
    const auto same = [&](const std::string& text) {
        write_text(path, text);
        const std::string fast = outcome(path, BundleReading::fast_first);
        const std::string strict = outcome(path, BundleReading::strict_only);
        if (fast != strict) {
            INFO(text);
            CHECK(fast == strict);
            return false;
        }
        return true;
    };
    // The good bundle itself is read to the end, and whole.
    write_text(path, good);
    CHECK(outcome(path, BundleReading::fast_first).find("error:") == std::string::npos);
    bool all = same(good);
    for (std::size_t at = 0; at < good.size() && all; at += 13) {
        all = all && same(good.substr(0, at));                                     // cut short
        for (const char* put : {"\"", "\\", ",", "}", "]", "x", "0", "-", "\x01", "\xC3", "A", "\\u00e9", " ", "e5", "{}", "null"}) {
            std::string changed = good;
            changed.replace(at, 1, put);                                             // one byte replaced
            all = all && same(changed);
            std::string inserted = good;
            inserted.insert(at, put);                                                // text put in
            all = all && same(inserted);
        }
    }
    std::filesystem::remove(path);
    CHECK(all);
}

namespace {

// A bundle of `n` members of one team (many batches of the read-ahead queue).
std::string many_members(int n) {
    std::string text = R"({"format": "teamspiegel-bundle", "version": 1, "exported_at": "2026-11-23T00:00:00Z", "anonymized": false,
  "teams": [{"id": "2245bd5f-bb68-4f68-a2eb-92502318fa4e", "name": "De Linde", "location": "Tilburg", "capacity": 6,
             "reduction_goal_pct": 30, "active": true, "updated_at": "2025-11-23T00:00:00Z"}],
  "members": [)";
    for (int i = 0; i < n; ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        text += std::string(i ? ",\n" : "\n") + R"({"id": ")" + id +
                R"(", "team_id": "2245bd5f-bb68-4f68-a2eb-92502318fa4e", "name": "Medewerker )" + std::to_string(i) +
                R"(", "role": "group_worker", "updated_at": "2025-11-23T00:00:00Z"})";
    }
    return text + "]}\n";
}

// What the read-ahead gives for `path`, as outcome() words it.
std::string read_ahead_outcome(const std::string& path) {
    Recorder sink;
    std::string end;
    try {
        stream_bundle_file_read_ahead(path, "b.json", content(), kNow, sink);
        end = write_bundle(sink.data.data, Anonymize::none, kNow);
    } catch (const JsonError& e) {
        end = std::string("error: ") + e.what();
    }
    return sink.log + "\n" + end;
}

// Stops at record `at` with its own exception.
class Refuser final : public RecordSink {
public:
    explicit Refuser(std::size_t at) : at_(at) {}
    std::size_t seen = 0;
    void add(Team&&, std::size_t) override { next(); }
    void add(Member&&, std::size_t) override { next(); }
    void add(Youth&&, std::size_t) override { next(); }
    void add(Measure&&, std::size_t) override { next(); }
    void add(Incident&&, std::size_t) override { next(); }
    void add(Meeting&&, std::size_t) override { next(); }
    void add(Action&&, std::size_t) override { next(); }
    void add(ActionUpdate&&, std::size_t) override { next(); }

private:
    void next() {
        if (seen++ == at_) throw std::runtime_error("refused by the sink");
    }
    std::size_t at_;
};

}  // namespace

TEST_CASE("reading ahead on a thread hands on what the plain reading hands on", "[bundle][reading]") {
    const std::string path = temp_path();
    const std::string good = many_members(5000);
    for (const std::string& text : {good, good.substr(0, good.size() - 40), good.substr(0, good.size() / 2) + "x" + good.substr(good.size() / 2),
                                    many_members(3)}) {
        write_text(path, text);
        CHECK(read_ahead_outcome(path) == outcome(path, BundleReading::fast_first));
    }
    write_text(path, good);
    CHECK(read_ahead_outcome(path).find("error:") == std::string::npos);
    CHECK(read_ahead_outcome(path).find("members[4999]") != std::string::npos);

    SECTION("the sink's refusal comes first and ends the reading") {
        // A syntax error near the end: the sink refuses record 1000 long before it.
        write_text(path, good.substr(0, good.size() - 40));
        Refuser sink(1000);
        CHECK_THROWS_WITH(stream_bundle_file_read_ahead(path, "b.json", content(), kNow, sink), "refused by the sink");
        CHECK(sink.seen == 1001);
    }
    SECTION("a reading problem comes after every record before it") {
        write_text(path, good.substr(0, good.size() - 40));
        Refuser sink(1000000);
        CHECK_THROWS_AS(stream_bundle_file_read_ahead(path, "b.json", content(), kNow, sink), JsonError);
        CHECK(sink.seen > 4990);
    }
    std::filesystem::remove(path);
}
