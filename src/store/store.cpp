// What store.hpp declares that belongs to no backend.
#include "store/store.hpp"

namespace ts {

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::team: return "team";
        case Kind::member: return "member";
        case Kind::youth: return "youth";
        case Kind::measure: return "measure";
        case Kind::incident: return "incident";
        case Kind::meeting: return "meeting";
        case Kind::action: return "action";
        case Kind::action_update: return "action_update";
    }
    return "?";
}

}  // namespace ts
