// A RecordSink that hands its records to another sink on a second thread, in the same order:
// while the store reads the next records (SQLite's page look-ups), the other thread writes the
// text of the last ones (the bundle's export, report/exchange.cpp). At most a few batches
// wait between the two, so memory stays bounded whatever the number of records.
#pragma once

#include "core/types.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace ts {

class RecordPipe final : public RecordSink {
public:
    explicit RecordPipe(RecordSink& target);
    // Without finish() (the reading side failed): the other thread drops what waits and stops.
    ~RecordPipe() override;
    RecordPipe(const RecordPipe&) = delete;
    RecordPipe& operator=(const RecordPipe&) = delete;

    void add(Team&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Member&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Youth&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Measure&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Incident&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Meeting&& r, std::size_t index) override { put(std::move(r), index); }
    void add(Action&& r, std::size_t index) override { put(std::move(r), index); }
    void add(ActionUpdate&& r, std::size_t index) override { put(std::move(r), index); }
    // Hands over the last records and waits until the target has taken them all. What the
    // target threw (a full disk) is thrown here, or by the add() after it happened.
    void finish();

    static constexpr std::size_t kBatchRecords = 4096, kMostWaiting = 4;

private:
    using Record = std::variant<Team, Member, Youth, Measure, Incident, Meeting, Action, ActionUpdate>;
    using Batch = std::vector<std::pair<Record, std::size_t>>;
    template <typename T>
    void put(T&& r, std::size_t index) {
        batch_.emplace_back(Record(std::in_place_type<T>, std::move(r)), index);
        if (batch_.size() >= kBatchRecords) send();
    }
    void send();  // the current batch to the queue; waits while it is full
    void run();   // the other thread

    RecordSink& target_;
    Batch batch_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> queue_;
    bool done_ = false, stop_ = false;
    bool thread_busy_ = false;  // the other thread is handing a batch to the target
    std::exception_ptr failed_;
    std::thread thread_;
};

}  // namespace ts
