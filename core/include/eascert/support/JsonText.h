#pragma once

// Outside text on its way into JSON. nlohmann::json throws (type_error.316) when it dumps a string
// that is not valid UTF-8; a server, a directory or a file may send anything. makeTextSafe rewrites
// every such string (and key) with text::printable's \xNN escapes before a dump, so no byte is lost
// and no dump can fail. Header-only: core's public headers do not depend on nlohmann.

#include <cstddef>
#include <string>
#include <utility>

#include "eascert/support/Text.h"

namespace eascert::text {

// Returns how many strings were not valid UTF-8 (and were escaped).
template <typename Json>
std::size_t makeTextSafe(Json& j)
{
    std::size_t invalid = 0;
    if (j.is_string()) {
        auto& s = j.template get_ref<std::string&>();
        if (needsEscaping(s)) {
            invalid += isValidUtf8(s) ? 0 : 1;
            s = printable(s);
        }
    } else if (j.is_array()) {
        for (auto& child : j)
            invalid += makeTextSafe(child);
    } else if (j.is_object()) {
        bool badKey = false;
        for (auto it = j.begin(); it != j.end(); ++it) {
            invalid += makeTextSafe(it.value());
            badKey = badKey || needsEscaping(it.key());
        }
        if (badKey) {
            Json rebuilt = Json::object();
            for (auto it = j.begin(); it != j.end(); ++it) {
                invalid += isValidUtf8(it.key()) ? 0 : 1;
                rebuilt[printable(it.key())] = std::move(it.value());
            }
            j = std::move(rebuilt);
        }
    }
    return invalid;
}

// A dump that cannot throw: made safe first; the replace handler is only a last line of defence.
template <typename Json>
std::string safeDump(Json j, int indent = -1)
{
    makeTextSafe(j);
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace eascert::text
