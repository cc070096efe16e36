// Any text given as an altSecurityIdentities value, checked against a fixed certificate.
#include <cstddef>
#include <cstdint>

#include "eascert/lab/LabPki.h"
#include "eascert/mapping/MappingMatch.h"
#include "eascert/mapping/WindowsName.h"

namespace {
const eascert::cert::CertificateInfo& certificate()
{
    static const eascert::cert::CertificateInfo info = [] {
        eascert::lab::CertificateSpec spec;
        spec.subject = {{{"C", "US"}}, {{"O", "Contoso, Inc."}}, {{"CN", "JANE DOE"}, {"UID", "470"}}};
        auto issued = eascert::lab::issue(spec);
        if (!issued)
            std::abort();
        return eascert::cert::Certificate::fromDer(issued->der())->info();
    }();
    return info;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)eascert::mapping::parseName(text);
    (void)eascert::mapping::checkMapping(text, certificate());
    return 0;
}
