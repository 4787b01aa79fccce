#pragma once
#include <string>
#include <string_view>

namespace ts {
// A random (version 4) UUID in canonical lower-case form.
std::string new_uuid();
bool is_uuid(std::string_view text);
}  // namespace ts
