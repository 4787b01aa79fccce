// One kind of meeting step (check-in, open actions, incidents, measures, reflection, agree
// actions, close): what it draws, what it does when the meeting enters and leaves it, and the
// keys it answers to while shown (a clicker's PageUp/PageDown, digits, P, T).
#pragma once

#include "ui/ctx.hpp"
#include "ui/keys.hpp"

namespace ts::ui {

class MeetingStep {
public:
    virtual ~MeetingStep() = default;
    virtual void draw(Ctx& ctx) = 0;
    virtual void enter(Ctx&) {}
    virtual void leave(Ctx&) {}
    // Adds this step's shortcuts; they fire only while the meeting screen shows this step.
    virtual void add_keys(KeyMap&) {}
};

}  // namespace ts::ui
