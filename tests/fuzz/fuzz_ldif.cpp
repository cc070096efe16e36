// Any bytes as an LDIF export: parse, and if it parses, write it back and parse again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "eascert/directory/Ldif.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto entries = eascert::directory::parseLdif(text);
    if (entries) {
        auto again = eascert::directory::parseLdif(eascert::directory::ldifContent(*entries));
        if (!again || again->size() != entries->size())
            std::abort();  // what we write must read back
    }
    return 0;
}
