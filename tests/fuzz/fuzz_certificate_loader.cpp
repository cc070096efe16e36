// Any bytes given as a certificate file: the loader must return a value or a typed error. And the
// fast reading of a DER certificate (describeDer, an ASN.1 template without the key) must accept
// exactly what OpenSSL's d2i_X509 accepts, with the same facts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

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

    const auto fast = eascert::cert::describeDer(std::span(bytes, size));
    const auto handle = eascert::cert::Certificate::fromDer(eascert::Bytes(bytes, bytes + size));
    if (fast.has_value() != handle.has_value() || (fast && !(*fast == handle->info())))
        std::abort();
    return 0;
}
