#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "eascert/support/Error.h"

namespace eascert {

enum class FileAccess
{
    Normal,
    Secret
};  // Secret: only the owner may read it (mode 0600)
enum class IfExists
{
    Replace,
    Refuse
};  // Refuse: FileExists, nothing touched

// Writes a file with its final mode from the first byte (never created world-readable and
// tightened afterwards), creating its folder. Replace writes a new file beside the old one and
// renames it over, so a failed write leaves the old file as it was; Refuse creates the file
// exclusively (O_EXCL) and removes it again if the write fails. Failures are FileUnwritable (or
// FileExists) with the path and the system's reason.
Result<void> writeFile(const std::filesystem::path& path, std::span<const std::byte> data,
                       FileAccess access = FileAccess::Normal, IfExists ifExists = IfExists::Replace);
Result<void> writeFile(const std::filesystem::path& path, std::string_view text, FileAccess access = FileAccess::Normal,
                       IfExists ifExists = IfExists::Replace);

// The same, for content written a piece at a time (a plan of 100,000 accounts): produce hands each
// piece to the sink, which returns false once writing has failed (produce may stop then).
using FileSink = std::function<bool(std::string_view)>;
using FileProducer = std::function<void(const FileSink&)>;
Result<void> writeFileBy(const std::filesystem::path& path, const FileProducer& produce,
                         FileAccess access = FileAccess::Normal, IfExists ifExists = IfExists::Replace);

// Older spelling: secret = FileAccess::Secret.
inline Result<void> writeFile(const std::filesystem::path& path, std::span<const std::byte> data, bool secret)
{
    return writeFile(path, data, secret ? FileAccess::Secret : FileAccess::Normal);
}
inline Result<void> writeFile(const std::filesystem::path& path, std::string_view text, bool secret)
{
    return writeFile(path, text, secret ? FileAccess::Secret : FileAccess::Normal);
}

// Reads a whole regular file of at most maxBytes: FileNotFound, NotAFile, FileUnreadable or
// FileTooLarge (checked on what was read, not only on what stat said: the file may grow) with the path.
Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes);

}  // namespace eascert
