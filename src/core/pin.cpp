#include "core/pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ts {
namespace {

void init_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::optional<std::string> pin_problem(std::string_view pin) {
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) return "pin.digits_only";
    if (pin.size() < 4) return "pin.too_short";
    if (pin.size() > 12) return "pin.too_long";
    return std::nullopt;
}

std::string hash_pin(std::string_view pin) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("the PIN could not be hashed (out of memory)");
    return out;
}

bool pin_matches(const std::string& hash, std::string_view pin) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace ts
