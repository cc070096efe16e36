#include "ProbeFixture.h"

#include "CatchCompat.h"

ProbeFixture::ProbeFixture()
{
    testpki::CertificateSpec caSpec;
    caSpec.subject = {{{"DC", "test"}}, {{"DC", "contoso"}}, {{"CN", "Contoso Standalone CA"}}};
    caSpec.ca = true;
    ca = testpki::make(caSpec);
    caSpec.subject = {{{"CN", "Fabrikam Public CA"}}};
    otherCa = testpki::make(caSpec);

    testpki::CertificateSpec server;
    server.subject = {{{"CN", "eas.contoso.test"}}};
    server.serverNames = {"localhost", "eas.contoso.test"};
    server.ipAddresses = {"127.0.0.1", "::1"};
    server.clientAuth = false;
    auto s = testpki::make(server, &ca);
    serverPem = (dir / "server.pem").string();
    serverKey = (dir / "server.key").string();
    caPem = (dir / "ca.pem").string();
    REQUIRE(eascert::lab::writeFile(serverPem, s.pem() + ca.pem()));
    REQUIRE(eascert::lab::writeFile(serverKey, s.privateKeyPem(), true));
    REQUIRE(eascert::lab::writeFile(caPem, ca.pem()));
}

eascert::cert::LoadedCertificate ProbeFixture::user(const std::string& cn, bool expired, bool fromOtherCa) const
{
    auto spec = testpki::userSpec({{{"C", "US"}}, {{"O", "Contoso"}}, {{"CN", cn}}});
    if (expired) {
        spec.notBeforeOffset = -std::chrono::hours(24 * 60);
        spec.notAfterOffset = -std::chrono::hours(24);
    }
    const auto& issuer = fromOtherCa ? otherCa : ca;
    auto issued = testpki::make(spec, &issuer);
    eascert::lab::Pkcs12Spec p12;
    p12.password = "pfx-secret-" + cn;
    auto pfx = eascert::lab::pkcs12(issued, {&issuer}, p12);
    REQUIRE(pfx);
    eascert::Secret pw(p12.password);
    eascert::cert::LoadOptions o;
    o.password = &pw;
    auto loaded = eascert::cert::loadCertificate(*pfx, o);
    REQUIRE(loaded);
    return *loaded;
}
