#include "core/record_pipe.hpp"

namespace ts {

RecordPipe::RecordPipe(RecordSink& target) : target_(target) {
    batch_.reserve(kBatchRecords);
    thread_ = std::thread([this] { run(); });
}

RecordPipe::~RecordPipe() {
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RecordPipe::send() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMostWaiting || failed_; });
    if (failed_) std::rethrow_exception(failed_);
    queue_.push_back(std::exchange(batch_, {}));
    lock.unlock();
    changed_.notify_all();
    batch_.reserve(kBatchRecords);
}

void RecordPipe::finish() {
    if (!batch_.empty()) send();
    std::unique_lock lock(mutex_);
    done_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return (queue_.empty() && !thread_busy_) || failed_; });
    if (failed_) std::rethrow_exception(failed_);
}

void RecordPipe::run() {
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || done_ || stop_; });
            if (stop_ || queue_.empty()) return;  // stopped, or finished with nothing left
            batch = std::move(queue_.front());
            queue_.pop_front();
            thread_busy_ = true;
        }
        changed_.notify_all();  // room in the queue
        try {
            for (auto& [record, index] : batch)
                std::visit([&, i = index](auto& r) { target_.add(std::move(r), i); }, record);
        } catch (...) {
            const std::lock_guard lock(mutex_);
            failed_ = std::current_exception();
            thread_busy_ = false;
            changed_.notify_all();
            return;
        }
        {
            const std::lock_guard lock(mutex_);
            thread_busy_ = false;
        }
        changed_.notify_all();
    }
}

}  // namespace ts
