// The lock screen's PIN (Settings): kept only as a salted hash, made and checked with
// libsodium's crypto_pwhash_str (Argon2id, its own random salt and parameters in the string).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ts {

// A PIN is 4 to 12 digits. The message key of what is wrong with `pin` ("pin.too_short",
// "pin.too_long", "pin.digits_only"), or nothing when it will do.
std::optional<std::string> pin_problem(std::string_view pin);
// The hash to keep for `pin` (throws std::runtime_error when libsodium cannot make one, e.g.
// out of memory). Two calls for the same PIN give different strings: each has its own salt.
std::string hash_pin(std::string_view pin);
// Whether `pin` is the one `hash` was made from. A damaged or empty hash matches nothing.
bool pin_matches(const std::string& hash, std::string_view pin);

}  // namespace ts
