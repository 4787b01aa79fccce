// core/record_pipe: records handed to another thread arrive in order, and a failure on either
// side ends it without a hang.
#include "core/record_pipe.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace ts;

namespace {

// Notes each record's kind, id and index; throws at record number `fail_at` (0: never).
class Notes final : public RecordSink {
public:
    std::vector<std::string> seen;
    std::size_t fail_at = 0;
    void add(Team&& r, std::size_t i) override { note("team", r.id, i); }
    void add(Member&& r, std::size_t i) override { note("member", r.id, i); }
    void add(Youth&& r, std::size_t i) override { note("youth", r.id, i); }
    void add(Measure&& r, std::size_t i) override { note("measure", r.id, i); }
    void add(Incident&& r, std::size_t i) override { note("incident", r.id, i); }
    void add(Meeting&& r, std::size_t i) override { note("meeting", r.id, i); }
    void add(Action&& r, std::size_t i) override { note("action", r.id, i); }
    void add(ActionUpdate&& r, std::size_t i) override { note("update", r.id, i); }

private:
    void note(const char* kind, const std::string& id, std::size_t i) {
        if (fail_at && seen.size() + 1 == fail_at) throw std::runtime_error("the disk is full");
        seen.push_back(std::string(kind) + " " + id + " " + std::to_string(i));
    }
};

// 3 teams, then more measures than several batches hold, then 2 incidents.
std::vector<std::string> feed(RecordSink& sink) {
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < 3; ++i) {
        Team t;
        t.id = "t" + std::to_string(i);
        expected.push_back("team " + t.id + " " + std::to_string(i));
        sink.add(std::move(t), i);
    }
    const std::size_t measures = RecordPipe::kBatchRecords * (RecordPipe::kMostWaiting + 3) + 17;
    for (std::size_t i = 0; i < measures; ++i) {
        Measure m;
        m.id = "m" + std::to_string(i);
        m.notes = std::string(100, 'x');  // moved, not lost
        expected.push_back("measure " + m.id + " " + std::to_string(i));
        sink.add(std::move(m), i);
    }
    for (std::size_t i = 0; i < 2; ++i) {
        Incident inc;
        inc.id = "i" + std::to_string(i);
        expected.push_back("incident " + inc.id + " " + std::to_string(i));
        sink.add(std::move(inc), i);
    }
    return expected;
}

}  // namespace

TEST_CASE("a record pipe hands every record over in order", "[pipe]") {
    Notes target;
    std::vector<std::string> expected;
    {
        RecordPipe pipe(target);
        expected = feed(pipe);
        pipe.finish();
        // Everything has arrived once finish returns.
        CHECK(target.seen.size() == expected.size());
    }
    CHECK(target.seen == expected);
}

TEST_CASE("a record pipe passes on what the target threw and stops", "[pipe]") {
    Notes target;
    target.fail_at = RecordPipe::kBatchRecords + 5;
    RecordPipe pipe(target);
    try {
        feed(pipe);
        pipe.finish();
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "the disk is full");
    }
    CHECK(target.seen.size() == RecordPipe::kBatchRecords + 4);
}

TEST_CASE("a record pipe left without finish stops its thread", "[pipe]") {
    Notes target;
    std::size_t fed = 0;
    {
        RecordPipe pipe(target);
        fed = feed(pipe).size();  // the reading side fails here: no finish
    }
    // What waited was dropped; what arrived came in order.
    CHECK(target.seen.size() <= fed);
    for (std::size_t i = 0; i < target.seen.size() && i < 3; ++i) CHECK(target.seen[i] == "team t" + std::to_string(i) + " " + std::to_string(i));
}
