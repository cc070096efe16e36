#include "eascert/support/File.h"
#include "eascert/support/Path.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace eascert {

Result<void> writeFile(const std::filesystem::path& path, std::span<const std::byte> data, bool secret)
{
    std::error_code ec;
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": " + std::strerror(errno));
        if (secret)
            std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                         std::filesystem::perm_options::replace, ec);
        out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
        if (!out)
            return fail(ErrorCode::FileUnreadable, utf8Path(path) + ": write failed");
    }
    return {};
}

Result<void> writeFile(const std::filesystem::path& path, std::string_view text, bool secret)
{
    return writeFile(path, std::span(reinterpret_cast<const std::byte*>(text.data()), text.size()), secret);
}

} // namespace eascert
