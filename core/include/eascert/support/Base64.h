#pragma once

#include <string>
#include <string_view>

namespace eascert {

// Standard base64 (RFC 4648, with padding), by OpenSSL.
std::string base64Encode(std::string_view bytes);
// Whitespace is ignored; false when text is not base64 (out is then unspecified).
bool base64Decode(std::string_view text, std::string& out);

}  // namespace eascert
