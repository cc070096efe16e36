#pragma once

#include <string>

#include "TempDir.h"
#include "TestPki.h"
#include "eascert/cert/CertificateLoader.h"

// A lab PKI on disk for the endpoint, and client identities for the probe.
struct ProbeFixture
{
    ProbeFixture();

    TempDir dir;
    testpki::IssuedCertificate ca;
    testpki::IssuedCertificate otherCa;
    std::string serverPem;
    std::string serverKey;
    std::string caPem;  // trusts ca only

    // A user certificate from ca (or otherCa), loaded with its key as the probe presents it.
    eascert::cert::LoadedCertificate user(const std::string& cn, bool expired = false, bool fromOtherCa = false) const;
};
