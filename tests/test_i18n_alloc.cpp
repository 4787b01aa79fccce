// tr() runs for every label of every frame: a look-up of a known key allocates nothing.
// This file replaces the global operator new of its own small test program to count.
#include "core/content.hpp"
#include "ui/i18n.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

// GCC 12 takes free() inside a replacement operator delete for a mismatch once it inlines a
// delete of memory from new; here both are ours and both use malloc/free.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Every plain form of new and delete goes through malloc and free, so that the pairs match
// also under AddressSanitizer (which would otherwise supply some of them itself).
void* operator new(std::size_t size) {
    ++g_allocations;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    ++g_allocations;
    return std::malloc(size ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

TEST_CASE("a translation look-up allocates nothing", "[i18n]") {
    const ts::Content content = ts::load_content(TEAMSPIEGEL_TEST_DATA_DIR);
    ts::ui::I18n i18n(content.translations);
    ts::ui::set_active_i18n(&i18n);
    const long before = g_allocations.load();
    const char* text = nullptr;
    // A key longer than the short-string buffer (15 bytes), so that making a std::string of it
    // would allocate.
    for (int i = 0; i < 1000; ++i) text = ts::ui::tr("welcome.guideline.button");
    CHECK(g_allocations.load() == before);
    CHECK(std::string(text) == content.translations.nl.at("welcome.guideline.button"));
    ts::ui::set_active_i18n(nullptr);
}
