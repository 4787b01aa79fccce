// The neutral screen shown in place of everything while the shared screen is locked (Ctrl+L,
// or idle), and at start while asking who is at the keyboard. It shows only the program's
// name, a prompt, a closed list of the team's members (their names appear only once someone
// opens it), and a PIN field when the lock has one: no youth code, no name, no free text.
// The screens behind it keep their state: an open form is as it was when the lock lifts.
#pragma once

#include "ui/ctx.hpp"

#include <string>

namespace ts::ui {

class LockScreen {
public:
    void draw(Ctx& ctx);
    // The shell's answer to an Unlock request: the message key of why not.
    void refuse(std::string message_key);
    void reset();

private:
    std::string chosen_, pin_, message_key_;
    bool focus_pin_ = false;  // after a choice: the PIN is typed next, Enter unlocks
};

}  // namespace ts::ui
