#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string_view>

#include "eascert/support/Error.h"

namespace eascert {

// Writes (replacing) a file, creating its folder. secret: mode 0600 (keys, passwords, PFX files).
Result<void> writeFile(const std::filesystem::path& path, std::span<const std::byte> data, bool secret = false);
Result<void> writeFile(const std::filesystem::path& path, std::string_view text, bool secret = false);

} // namespace eascert
