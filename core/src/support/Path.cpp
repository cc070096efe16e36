#include "eascert/support/Path.h"

namespace eascert {

std::filesystem::path pathFromUtf8(std::string_view utf8)
{
    return std::filesystem::path(std::u8string_view(reinterpret_cast<const char8_t*>(utf8.data()), utf8.size()));
}

std::string utf8Path(const std::filesystem::path& path)
{
    // Windows: one kind of separator, its own (C:/Users/x\report.html becomes C:\Users\x\report.html).
    const std::u8string text = std::filesystem::path(path).make_preferred().u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace eascert
