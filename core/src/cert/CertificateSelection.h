#pragma once

#include <vector>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/support/OpenSslPtr.h"

namespace eascert::cert::detail {

struct Candidate
{
    ossl::X509Ptr x509;
};

// Picks the client certificate among the file's certificates (see SelectionRule) and orders the rest
// as its chain. key may be null.
Result<LoadedCertificate> selectClientCertificate(std::vector<Candidate> certs, EVP_PKEY* key);

}  // namespace eascert::cert::detail
