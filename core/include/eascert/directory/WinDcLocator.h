#pragma once

// Windows only: finding a domain controller the way Windows does (DsGetDcName: DNS SRV records,
// sites, the DC locator cache). Depends on std and Win32 alone; tested under Wine (tests/windows).

#include <string>
#include <string_view>

#include "eascert/support/Error.h"

namespace eascert::directory {

struct DomainController
{
    std::string host;     // dc1.contoso.com
    std::string address;  // 10.0.0.5
    std::string domain;   // contoso.com
    std::string forest;   // contoso.com
    std::string site;     // Default-First-Site-Name; empty when the DC did not say
};

// A writable DC running the directory service for domain (empty: this computer's domain). Windows'
// resolver timeouts bound the call; callers run it off the UI thread. NameNotResolved when no DC is
// found (the message says what to check), InvalidArgument for a malformed domain name.
Result<DomainController> locateDomainController(std::string_view domain, bool forceRediscovery = false);

}  // namespace eascert::directory
