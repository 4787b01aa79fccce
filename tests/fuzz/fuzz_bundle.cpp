// Fuzz target for the bundle reader (libFuzzer entry point).
//
// Built two ways from this one file:
//   - with clang and -fsanitize=fuzzer,address,undefined as `fuzz_bundle` (make fuzz);
//   - with the normal compiler, linked with corpus_main.cpp, as `fuzz_bundle_corpus`, which the
//     CTest case fuzz.bundle_corpus runs over tests/fuzz/corpus/ so that every past finding
//     stays fixed.
//
// The reader is given a fixed "now" (2030-01-01), not the clock, so that a finding replays the
// same way on any day.
//
// What counts as a finding:
//   - any exception other than ts::JsonError (the reader's one way to refuse a file);
//   - a crash, a sanitizer report or a hang;
//   - a bundle that was accepted, written back with write_bundle and then refused, or that
//     does not give the same text when written a second time (docs/bundle-format.md promises
//     "the same data always gives the same text").
#include "core/bundle.hpp"
#include "core/content.hpp"
#include "core/json_check.hpp"
#include "core/time.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#ifndef TEAMSPIEGEL_TEST_DATA_DIR
#error "TEAMSPIEGEL_TEST_DATA_DIR must name the program's data/ folder"
#endif

namespace {

ts::Content load_or_exit() {
    try {
        return ts::load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_bundle: cannot load the program's content from %s: %s\n", TEAMSPIEGEL_TEST_DATA_DIR,
                     e.what());
        std::exit(2);
    }
}

const ts::Content& content() {
    static const ts::Content c = load_or_exit();
    return c;
}

[[noreturn]] void finding(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_bundle: FINDING: %s: %s\n", what, detail.c_str());
    std::fflush(stderr);
    std::abort();
}

// "Now" for the reader: 2030-01-01T00:00:00Z.
constexpr std::int64_t kNow = 1893456000;

// The exported_at and anonymized flag of a bundle the reader has accepted, so that writing the
// data back keeps what the reader's rules compare against (a record's times against the
// bundle's exported_at; empty free text and pseudonyms in an anonymized bundle). An anonymized
// bundle is written back at the level "pseudonyms": "external" draws new random ids each time.
struct Header {
    std::int64_t exported_at = 0;
    bool anonymized = false;
};

Header header_of(const std::string& text) {
    Header h;
    try {
        const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (!doc.is_object()) return h;
        if (auto it = doc.find("exported_at"); it != doc.end() && it->is_string())
            h.exported_at = ts::parse_timestamp(it->get<std::string>()).value_or(0);
        if (auto it = doc.find("anonymized"); it != doc.end() && it->is_boolean()) h.anonymized = it->get<bool>();
    } catch (const std::exception&) {
        // Only a hint for the round trip; the reader has already judged the text.
    }
    return h;
}

void check_bundle(const std::string& text) {
    const ts::Content& c = content();
    ts::Dataset data;
    try {
        data = ts::read_bundle(text, "fuzz.json", c, kNow);
    } catch (const ts::JsonError&) {
        return;  // refused with a path and a message: the expected way to say no
    }

    // Accepted: what we write from it must be accepted too, and be stable.
    const Header h = header_of(text);
    const ts::Anonymize level = h.anonymized ? ts::Anonymize::pseudonyms : ts::Anonymize::none;
    const std::string first = ts::write_bundle(data, level, h.exported_at);
    ts::Dataset again;
    try {
        again = ts::read_bundle(first, "roundtrip.json", c, kNow);
    } catch (const ts::JsonError& e) {
        finding("round trip refused", e.what() + std::string("\n--- written text ---\n") + first);
    }
    const std::string second = ts::write_bundle(again, level, h.exported_at);
    if (second != first)
        finding("round trip not stable", "--- first ---\n" + first + "\n--- second ---\n" + second);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(bytes), size);
    try {
        check_bundle(text);
    } catch (const std::exception& e) {
        finding("exception escaped read_bundle/write_bundle",
                std::string(typeid(e).name()) + ": " + e.what());
    } catch (...) {
        finding("exception escaped read_bundle/write_bundle", "not a std::exception");
    }
    return 0;
}
