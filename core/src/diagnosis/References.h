#pragma once

// The sources findings cite (domain.md's references), in one place for both rule sets.

namespace eascert::diagnosis::references {

inline constexpr const char* kKb5014754 = "https://support.microsoft.com/help/5014754";
inline constexpr const char* kKb5057784 = "https://support.microsoft.com/help/5057784";

}  // namespace eascert::diagnosis::references
