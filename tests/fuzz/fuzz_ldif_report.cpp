// Any bytes as a directory export, through the whole pipeline: the LDIF reader, the account lookup and
// inspection for a fixed certificate, the diagnosis and both renderings of the report.
#include <cstddef>
#include <cstdint>

#include "FuzzSupport.h"
#include "eascert/directory/Inspection.h"
#include "eascert/directory/Ldif.h"
#include "eascert/directory/LdifDirectory.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace eascert;
    auto entries = directory::parseLdif(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!entries)
        return 0;
    auto dir = directory::LdifDirectory::fromEntries(std::move(*entries));
    diagnosis::Session session(fuzzsupport::certificate());
    for (const std::optional<std::string>& user :
         {std::optional<std::string>(), std::optional<std::string>("usertest1")}) {
        if (session.inspect(*dir, user)) {
            fuzzsupport::renderBoth(session);
            if (auto plan = session.planFix()) {
                (void)plan->ldif();
                (void)plan->powershell();
            }
        }
    }
    return 0;
}
