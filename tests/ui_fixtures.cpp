#include "ui_fixtures.hpp"

#include "core/uuid.hpp"

namespace ts::test {

Setup seed_store(Store& store, const std::vector<std::string>& codes) {
    Setup s;
    Team t;
    t.id = s.team_id = new_uuid();
    t.name = "De Linde";
    t.created_at = t.updated_at = "2026-01-01T00:00:00Z";
    store.save_team(t, "test");
    Member m;
    m.id = s.member_id = new_uuid();
    m.team_id = t.id;
    m.name = "Sanne B.";
    m.created_at = m.updated_at = t.created_at;
    store.save_member(m, "test");
    for (const auto& code : codes) {
        Youth y;
        y.id = s.youth_ids[code] = new_uuid();
        if (s.youth_id.empty()) s.youth_id = y.id;
        y.team_id = t.id;
        y.code = code;
        y.age_at_admission = 15;
        y.admitted_on = "2026-01-05";
        y.setting = CareSetting::closed;
        y.created_at = y.updated_at = t.created_at;
        store.save_youth(y, "test");
    }
    return s;
}

Setup seed(UiHarness& h, const std::vector<std::string>& codes) {
    const Setup s = seed_store(h.store(), codes);
    h.shell().set_team(s.team_id);
    h.shell().set_member(s.member_id);
    h.frame(2);
    return s;
}

std::string add_member(Store& store, const std::string& team_id, const std::string& name) {
    Member m;
    m.id = new_uuid();
    m.team_id = team_id;
    m.name = name;
    m.created_at = m.updated_at = "2026-01-01T00:00:00Z";
    store.save_member(m, "test");
    return m.id;
}

}  // namespace ts::test
