// What the store interface does the same for every backend.
#include "store/store.hpp"

namespace ts {

Dataset Store::export_data(const std::optional<std::string>& team_id) {
    DatasetSink sink;
    export_each(team_id, sink);
    return std::move(sink.data);
}

}  // namespace ts
