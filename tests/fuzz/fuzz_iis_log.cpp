// Any bytes as an IIS log (W3C u_ex*.log or HTTPERR): read with small limits; what is kept stays
// within them, every request's line number is in the file, the summary counts only what was read, and
// the same bytes fed in pieces (as a file is streamed) read exactly as they do whole.
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
        (void)eascert::evidence::iisStatusMeaning(r.status.value_or(0), r.substatus.value_or(0),
                                                  r.win32Status.value_or(0));
    }
    if (eascert::evidence::mappingFailures(*log).count > log->requests.size())
        std::abort();
    // Three pieces, split where the input says: the streaming reader must not see the seams.
    const std::size_t a = size > 0 ? data[0] % (size + 1) : 0;
    const std::size_t b = std::min(size, a + (size > 1 ? data[1] : 0));
    eascert::evidence::IisLogReader reader(limits);
    reader.feed(text.substr(0, a));
    reader.feed(text.substr(a, b - a));
    reader.feed(text.substr(b));
    const auto pieces = reader.finish();
    if (pieces.requests.size() != log->requests.size() || pieces.total != log->total ||
        pieces.damagedLines != log->damagedLines || pieces.skipped != log->skipped ||
        pieces.minutes.size() != log->minutes.size())
        std::abort();
    for (std::size_t i = 0; i < pieces.requests.size(); ++i)
        if (pieces.requests[i].line != log->requests[i].line || pieces.requests[i].status != log->requests[i].status)
            std::abort();
    return 0;
}
