#pragma once

#include <string>
#include <string_view>

namespace eascert::text {

// Case folding for comparing values the way Active Directory does (case-insensitive). Folds ASCII,
// Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other code points compare exactly.
std::string foldCase(std::string_view utf8);
bool equalsIgnoreCase(std::string_view a, std::string_view b);

std::string_view trim(std::string_view s);
std::string toUpperAscii(std::string_view s);
bool startsWithIgnoreCase(std::string_view s, std::string_view prefix);

// True if the bytes are valid UTF-8.
bool isValidUtf8(std::string_view s);

} // namespace eascert::text
