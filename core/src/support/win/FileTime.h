#pragma once

// Windows only (std + Win32): FILETIME (100 ns ticks since 1601) to a system-clock time.

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <chrono>
#include <cstdint>

namespace eascert::win {

inline std::chrono::sys_seconds toSysSeconds(const FILETIME& ft)
{
    constexpr std::int64_t kTicksTo1970 = 116444736000000000LL;
    const auto ticks =
        static_cast<std::int64_t>((static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime);
    return std::chrono::sys_seconds(std::chrono::seconds((ticks - kTicksTo1970) / 10000000LL));
}

}  // namespace eascert::win
