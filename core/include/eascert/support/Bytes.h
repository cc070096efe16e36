#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace eascert {

using Bytes = std::vector<std::byte>;

Bytes toBytes(std::string_view s);
Bytes toBytes(const unsigned char* data, std::size_t size);

// True when text holds exactly these bytes (LDAP values are byte strings in std::string).
bool sameBytes(std::string_view text, std::span<const std::byte> bytes);

// Upper-case hex without separators ("0A1B"); with a separator, e.g. ':' → "0A:1B".
std::string toHex(std::span<const std::byte> bytes, char separator = '\0');

// The value of one hex digit (0-15), or -1 for any other character.
int hexDigitValue(char c);

// Parses hex, ignoring spaces, tabs and ':' separators. Empty optional-like result: returns false.
bool fromHex(std::string_view text, Bytes& out);

}  // namespace eascert
