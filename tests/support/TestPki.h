#pragma once

#include <string>
#include <vector>

#include "eascert/cert/Certificate.h"
#include "eascert/lab/LabPki.h"

namespace testpki {

using eascert::lab::CertificateSpec;
using eascert::lab::IssuedCertificate;
using eascert::lab::NameSpec;

// Issues a certificate or fails the running test.
IssuedCertificate make(const CertificateSpec& spec, const IssuedCertificate* issuer = nullptr);
eascert::cert::Certificate parse(const IssuedCertificate& issued);

// A standalone CA encoded DC=test, DC=contoso, CN=Contoso Issuing CA, under a root CA.
struct Hierarchy
{
    IssuedCertificate root;
    IssuedCertificate issuing;
};
const Hierarchy& hierarchy();

CertificateSpec userSpec(NameSpec subject = {{{"CN", "usertest1"}}});
eascert::Bytes bytes(std::initializer_list<unsigned> values);

// The key as Windows exports it from a certificate store: a Microsoft PRIVATEKEYBLOB.
eascert::Bytes privateKeyBlob(EVP_PKEY* key);

}  // namespace testpki
