// Any bytes as an IIS log (W3C u_ex*.log or HTTPERR): read with small limits; what is kept stays
// within them, every request's line number is in the file, and the summary counts only what was read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "eascert/evidence/IisLog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    eascert::evidence::IisLogLimits limits;
    limits.maxRequests = 64;
    limits.maxLineBytes = 512;
    const auto log = eascert::evidence::parseIisLog(text, limits);
    if (!log)
        return 0;
    if (!eascert::evidence::looksLikeIisLog(text) || log->requests.size() > limits.maxRequests)
        std::abort();
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& r : log->requests) {
        if (r.line == 0 || r.line > lines)
            std::abort();
        (void)eascert::evidence::iisStatusMeaning(r.status.value_or(0), r.substatus.value_or(0), r.win32Status.value_or(0));
    }
    if (eascert::evidence::mappingFailures(*log).count > log->requests.size())
        std::abort();
    return 0;
}
