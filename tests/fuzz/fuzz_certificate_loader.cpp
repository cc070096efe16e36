// Any bytes given as a certificate file: the loader must return a value or a typed error.
#include <cstddef>
#include <cstdint>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/mapping/Mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto* bytes = reinterpret_cast<const std::byte*>(data);
    eascert::Secret password(std::string("fuzz"));
    eascert::cert::LoadOptions options;
    options.password = (size % 2) ? &password : nullptr;
    auto loaded = eascert::cert::loadCertificate(std::span(bytes, size), options);
    if (loaded)
        (void)eascert::mapping::buildMappings(loaded->certificate.info());
    return 0;
}
