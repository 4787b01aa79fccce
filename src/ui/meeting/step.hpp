// One kind of meeting step (check-in, open actions, incidents, measures, reflection, agree
// actions, close, discussion): what it draws in the presenter view's body. The meeting screen
// owns the running meeting (model::MeetingSession) and hands it to the step while it draws;
// what a step enters goes into the session (stored by the screen within a second), and records
// of their own (action updates, new actions) are posted as writes.
#pragma once

#include "core/content.hpp"
#include "model/meeting_session.hpp"
#include "ui/ctx.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ts::ui {

// The youth codes privacy mode hides, and each text field's words as shown with them hidden:
// kept by the meeting screen between frames and made again only when the team's youths, the
// language or the text changed (issue 12: at 1,200 youths, sorting their codes and trying each
// at every word of the notes, every frame, cost more than the rest of the frame).
class MaskedCodes {
public:
    // `text` with the codes hidden; `field` tells the fields apart (an ImGui id).
    const std::string& shown(const Ctx& ctx, std::uint32_t field, const std::string& text);

private:
    std::string team_id_;
    std::uint64_t version_ = 0;
    Lang lang_ = Lang::nl;
    bool built_ = false;
    std::vector<std::string> keys_;
    std::map<std::uint32_t, std::pair<std::string, std::string>> texts_;  // by field: the text, as shown
};

// What a step gets while it draws, besides the Ctx.
struct StepCtx {
    model::MeetingSession& session;
    const TemplateStep& tpl;   // the template's step (title, prompt, minutes)
    std::size_t index = 0;     // 0-based
    bool privacy = true;       // youth codes and free text of incidents and measures hidden
    float width = 0;           // the body's width
    std::int64_t now_ms = 0;   // the session's clock (model::MeetingSession)
    // Whether this frame is the first in which the step is shown (the step may put the
    // keyboard focus in its first field).
    bool entered = false;
    MaskedCodes* masked = nullptr;  // the meeting screen's (none: worked out each time)
};

class MeetingStepView {
public:
    virtual ~MeetingStepView() = default;
    virtual void draw(Ctx& ctx, StepCtx& step) = 0;
    // The meeting shown changed (another meeting opened): forget what belonged to the last one.
    virtual void reset() {}
    // A step with parts of its own (the reflection's questions, the open actions one by one)
    // takes the clicker's next and back first: true when it moved within itself.
    virtual bool next(Ctx&, model::MeetingSession&) { return false; }
    virtual bool back(Ctx&, model::MeetingSession&) { return false; }
};

// A line of text, and the same wrapped at the wrap position; recorded for the tests (probe_text)
// as every text of the presenter view is, so that a test sees all it shows.
void say(std::string_view text);
void say_wrapped(std::string_view text);
// The words of a rating ("meeting.rating.partly").
const char* rating_key(Rating r);
// A step's title: the template's, else the name of its kind.
std::string step_title(const TemplateStep* tpl, StepKind kind, Lang lang);
// The notes of the current step: a large field the room sees, stored with the meeting.
void step_notes(Ctx& ctx, StepCtx& step, const char* label_key, float lines = 5);
// A text field of the room's words (notes, answers). With privacy on, youth codes in it are
// hidden while nobody types in it; clicking it shows the text itself for editing.
bool step_text_area(Ctx& ctx, const StepCtx& step, const char* id, std::string& text, float lines);
// The prompt of a step in the display font: the one thing the room discusses.
void step_question(Ctx& ctx, const std::string& text);

}  // namespace ts::ui
