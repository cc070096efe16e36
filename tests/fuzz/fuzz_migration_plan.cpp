// Any bytes as a migration plan file: parse; if it parses, write it back, and it must read back the
// same (every value byte for byte, the same digest), whichever layout it came in.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "eascert/directory/Migration.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto plan = eascert::directory::parseMigrationPlan(text);
    if (!plan)
        return 0;
    auto again = eascert::directory::parseMigrationPlan(plan->json());
    if (!again || again->accounts.size() != plan->accounts.size() || again->digest() != plan->digest())
        std::abort();  // what we write must read back
    for (std::size_t i = 0; i < plan->accounts.size(); ++i)
        if (again->accounts[i].before != plan->accounts[i].before || again->accounts[i].add != plan->accounts[i].add)
            std::abort();
    return 0;
}
