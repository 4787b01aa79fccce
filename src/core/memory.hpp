// Running out of memory, reported where it is safe to. Some destructors allocate (nlohmann::json
// frees a nested value through a vector of its children), and a destructor may not throw: an
// allocation that fails in one ends the program with std::terminate. So the program's
// new-handler (app/cli.cpp) meets the first shortage from memory it kept aside and notes it
// here, and code that builds large trees of values asks between records whether memory ran
// short, and throws std::bad_alloc there — a point the stack can unwind from.
#pragma once

namespace ts::memory {

// Memory ran out and was met from the reserve: the next throw_if_short() throws.
void note_short();
// Throws std::bad_alloc when memory ran short (see note_short).
void throw_if_short();

}  // namespace ts::memory
