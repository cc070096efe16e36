// Domain controller discovery with DsGetDcName (Windows only: std + Win32 / netapi32).

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <dsgetdc.h>
#include <lm.h>

#include <memory>

#include "eascert/directory/WinDcLocator.h"
#include "eascert/support/win/WideText.h"

namespace eascert::directory {

namespace {

// DsGetDcName returns names as "\\dc1.contoso.com" and addresses as "\\10.0.0.5".
std::string withoutBackslashes(const wchar_t* text)
{
    std::string s = win::narrow(text);
    const auto start = s.find_first_not_of('\\');
    return start == std::string::npos ? std::string() : s.substr(start);
}

}  // namespace

Result<DomainController> locateDomainController(std::string_view domain, bool forceRediscovery)
{
    const std::wstring wideDomain = win::wide(domain);
    ULONG flags = DS_DIRECTORY_SERVICE_REQUIRED | DS_WRITABLE_REQUIRED | DS_IP_REQUIRED | DS_RETURN_DNS_NAME;
    if (forceRediscovery)
        flags |= DS_FORCE_REDISCOVERY;
    PDOMAIN_CONTROLLER_INFOW info = nullptr;
    const DWORD status =
        DsGetDcNameW(nullptr, domain.empty() ? nullptr : wideDomain.c_str(), nullptr, nullptr, flags, &info);
    const std::string what = domain.empty() ? std::string("this computer's domain") : std::string(domain);
    if (status == ERROR_INVALID_DOMAINNAME)
        return fail(ErrorCode::InvalidArgument, "not a domain name: " + what);
    if (status != ERROR_SUCCESS)
        return fail(ErrorCode::NameNotResolved,
                    "no domain controller found for " + what + " (DsGetDcName error " + std::to_string(status) +
                        "). Check that this computer uses the domain's DNS servers, or enter the domain "
                        "controller's name.");
    std::unique_ptr<DOMAIN_CONTROLLER_INFOW, decltype(&NetApiBufferFree)> guard(info, &NetApiBufferFree);
    DomainController dc;
    dc.host = withoutBackslashes(info->DomainControllerName);
    dc.address = withoutBackslashes(info->DomainControllerAddress);
    dc.domain = win::narrow(info->DomainName);
    dc.forest = win::narrow(info->DnsForestName);
    dc.site = win::narrow(info->DcSiteName);
    return dc;
}

}  // namespace eascert::directory
