#include "TestPki.h"

#include <openssl/bio.h>
#include <openssl/pem.h>

#include "CatchCompat.h"

namespace testpki {

IssuedCertificate make(const CertificateSpec& spec, const IssuedCertificate* issuer)
{
    auto issued = eascert::lab::issue(spec, issuer);
    if (!issued)
        FAIL("test PKI: " << issued.error().detail);
    return *issued;
}

eascert::cert::Certificate parse(const IssuedCertificate& issued)
{
    // Round-trip through DER: OpenSSL sorts multi-valued RDNs only when encoding.
    auto c = eascert::cert::Certificate::fromDer(issued.der());
    REQUIRE(c.has_value());
    return *c;
}

const Hierarchy& hierarchy()
{
    static const Hierarchy h = [] {
        CertificateSpec root;
        root.subject = {{{"C", "US"}}, {{"O", "Contoso"}}, {{"CN", "Contoso Root CA"}}};
        root.ca = true;
        CertificateSpec issuing;
        issuing.subject = {{{"DC", "test"}}, {{"DC", "contoso"}}, {{"CN", "Contoso Issuing CA"}}};
        issuing.ca = true;
        auto r = make(root);
        auto i = make(issuing, &r);
        return Hierarchy{r, i};
    }();
    return h;
}

CertificateSpec userSpec(NameSpec subject)
{
    CertificateSpec s;
    s.subject = std::move(subject);
    return s;
}

eascert::Bytes bytes(std::initializer_list<unsigned> values)
{
    eascert::Bytes out;
    for (unsigned v : values)
        out.push_back(static_cast<std::byte>(v));
    return out;
}

eascert::Bytes privateKeyBlob(EVP_PKEY* key)
{
    BIO* bio = BIO_new(BIO_s_mem());
    REQUIRE(i2b_PrivateKey_bio(bio, key) > 0);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    eascert::Bytes out = eascert::toBytes(reinterpret_cast<const unsigned char*>(data), static_cast<std::size_t>(n));
    BIO_free(bio);
    return out;
}

}  // namespace testpki
