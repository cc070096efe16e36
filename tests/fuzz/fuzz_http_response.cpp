// Any bytes as a server's HTTP response, fed in two pieces: a value or a typed error, never more.
#include <cstddef>
#include <cstdint>

#include "HttpResponse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    eascert::probe::HttpReader reader(4096, 4096);
    const std::size_t cut = size / 2;
    auto first = reader.feed(text.substr(0, cut), false);
    if (first && !*first)
        (void)reader.feed(text.substr(cut), true);
    (void)reader.result();
    (void)eascert::probe::parseUrl(text);
    return 0;
}
