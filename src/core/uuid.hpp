#pragma once
#include <string>
#include <string_view>

namespace ts {
// A random (version 4) UUID in canonical lower-case form.
std::string new_uuid();
// 8-4-4-4-12 hexadecimal digits, in either letter case.
bool is_uuid(std::string_view text);
// The one spelling the program stores: lower case. Ids from files are passed through this, so
// that "0F8FAD5B-…" and "0f8fad5b-…" are the same record.
std::string canonical_uuid(std::string_view text);
}  // namespace ts
