#include "core/memory.hpp"

#include <atomic>
#include <new>

namespace ts::memory {
namespace {
std::atomic<bool> g_short{false};
}  // namespace

void note_short() { g_short = true; }

void throw_if_short() {
    if (g_short) throw std::bad_alloc();
}

}  // namespace ts::memory
