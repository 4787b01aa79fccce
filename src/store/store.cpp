// What the store interface does the same for every backend.
#include "store/store.hpp"

namespace ts {
namespace {

// Gathers what an export hands over, in its order.
class DatasetSink final : public RecordSink {
public:
    explicit DatasetSink(Dataset& d) : d_(d) {}
    void add(Team&& r, std::size_t) override { d_.teams.push_back(std::move(r)); }
    void add(Member&& r, std::size_t) override { d_.members.push_back(std::move(r)); }
    void add(Youth&& r, std::size_t) override { d_.youths.push_back(std::move(r)); }
    void add(Measure&& r, std::size_t) override { d_.measures.push_back(std::move(r)); }
    void add(Incident&& r, std::size_t) override { d_.incidents.push_back(std::move(r)); }
    void add(Meeting&& r, std::size_t) override { d_.meetings.push_back(std::move(r)); }
    void add(Action&& r, std::size_t) override { d_.actions.push_back(std::move(r)); }
    void add(ActionUpdate&& r, std::size_t) override { d_.action_updates.push_back(std::move(r)); }

private:
    Dataset& d_;
};

}  // namespace

Dataset Store::export_data(const std::optional<std::string>& team_id) {
    Dataset d;
    DatasetSink sink(d);
    export_each(team_id, sink);
    return d;
}

}  // namespace ts
