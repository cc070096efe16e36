#pragma once

// File names are UTF-8 throughout the API. A std::filesystem::path built from a std::string, and
// path::string(), use the ANSI code page on Windows (on Linux they are the bytes as they are), so a
// name like "Zertifikate für Jürgen" or "証明書" would be mangled or rejected there. Every
// conversion between a UTF-8 string and a path goes through these two.

#include <filesystem>
#include <string>
#include <string_view>

namespace eascert {

std::filesystem::path pathFromUtf8(std::string_view utf8);
// As UTF-8, with the platform's own separators (backslashes on Windows), for showing and for APIs
// that take UTF-8 file names (OpenSSL).
std::string utf8Path(const std::filesystem::path& path);

}  // namespace eascert
