#pragma once

// Outside text on its way into JSON. nlohmann::json throws (type_error.316) when it dumps a string
// that is not valid UTF-8; a server, a directory or a file may send anything. makeTextSafe rewrites
// every such string (and key) with text::printable's \xNN escapes before a dump, so no byte is lost
// and no dump can fail. Header-only: core's public headers do not depend on nlohmann.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "eascert/support/Text.h"

namespace eascert::text {

// Returns how many strings were not valid UTF-8 (and were escaped).
template <typename Json> std::size_t makeTextSafe(Json& j)
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
template <typename Json> std::string safeDump(Json j, int indent = -1)
{
    makeTextSafe(j);
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// A JSON string as nlohmann's dump() writes it (ensure_ascii off), appended to out: for writing a
// line that is produced often (a plan's account) without building a document. s must be valid
// UTF-8 — outside text goes through printable() or is kept as hex first.
inline void appendJsonString(std::string& out, std::string_view s)
{
    constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out.push_back(kHex[static_cast<unsigned char>(c) >> 4]);
                out.push_back(kHex[static_cast<unsigned char>(c) & 0xF]);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

}  // namespace eascert::text
