// The certificate model: every fact the product reads from a certificate.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/support/Digest.h"

using namespace eascert::cert;

TEST_CASE("SANs: UPN, rfc822, DNS, URI with the SID tag", "[model]")
{
    auto spec = testpki::userSpec();
    spec.upns = {"usertest1@contoso.test"};
    spec.emails = {"usertest1@mail.contoso.test"};
    spec.uris = {"tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-1105"};
    spec.serverNames = {"phone.contoso.test"};
    auto cert = testpki::parse(testpki::make(spec, &testpki::hierarchy().issuing));
    const auto& info = cert.info();
    CHECK(info.upns() == std::vector<std::string>{"usertest1@contoso.test"});
    CHECK(info.emails() == std::vector<std::string>{"usertest1@mail.contoso.test"});
    bool dns = false;
    bool uri = false;
    for (const auto& san : info.subjectAltNames) {
        dns = dns || (san.type == SanType::Dns && san.value == "phone.contoso.test");
        uri = uri || (san.type == SanType::Uri);
    }
    CHECK(dns);
    CHECK(uri);
    CHECK(info.sid() == "S-1-5-21-1-2-3-1105");
    CHECK_FALSE(info.sidExtension);
}

TEST_CASE("the SID extension 1.3.6.1.4.1.311.25.2", "[model]")
{
    auto spec = testpki::userSpec();
    spec.sidExtension = "S-1-5-21-3623811015-3361044348-30300820-1013";
    auto cert = testpki::parse(testpki::make(spec));
    CHECK(cert.info().sidExtension == "S-1-5-21-3623811015-3361044348-30300820-1013");
    CHECK(cert.info().sid() == cert.info().sidExtension);
}

TEST_CASE("EKUs, key usage, validity, key type, thumbprints", "[model]")
{
    auto spec = testpki::userSpec();
    spec.keyType = eascert::lab::LabKeyType::Rsa2048;
    spec.notBeforeOffset = -std::chrono::hours(48);
    spec.notAfterOffset = std::chrono::hours(24 * 30);
    const auto before = std::chrono::system_clock::now();
    auto issued = testpki::make(spec, &testpki::hierarchy().issuing);
    auto cert = testpki::parse(issued);
    const auto& info = cert.info();
    CHECK(info.hasEkuExtension);
    REQUIRE(info.ekus.size() == 1);
    CHECK(info.ekus[0].oid == "1.3.6.1.5.5.7.3.2");
    CHECK(info.allowsClientAuth());
    CHECK(info.hasKeyUsage);
    CHECK(info.keyUsage == std::vector<std::string>{"digitalSignature", "keyEncipherment"});
    CHECK(info.publicKey.type == KeyType::Rsa);
    CHECK(info.publicKey.bits == 2048);
    CHECK_FALSE(info.isCa);
    const auto expectedStart = std::chrono::floor<std::chrono::seconds>(before) - std::chrono::hours(48);
    CHECK(std::chrono::abs(info.notBefore - expectedStart) < std::chrono::seconds(5));
    CHECK(std::chrono::abs(info.notAfter - info.notBefore - std::chrono::hours(24 * 32)) < std::chrono::seconds(5));
    CHECK(info.sha1Thumbprint == eascert::sha1(issued.der()));
    CHECK(info.sha256Thumbprint == eascert::sha256(issued.der()));
    CHECK(info.sha256Thumbprint.size() == 32);
    REQUIRE(info.subjectKeyId);
    REQUIRE(info.authorityKeyId);
    CHECK(*info.authorityKeyId == *testpki::parse(testpki::hierarchy().issuing).info().subjectKeyId);
}

TEST_CASE("a certificate without client-auth EKU says so; one without EKU allows any use", "[model]")
{
    auto spec = testpki::userSpec();
    spec.clientAuth = false;
    auto noClient = testpki::parse(testpki::make(spec));
    CHECK(noClient.info().hasEkuExtension);
    CHECK_FALSE(noClient.info().allowsClientAuth());

    auto ca = testpki::parse(testpki::hierarchy().root);
    CHECK_FALSE(ca.info().hasEkuExtension);
    CHECK(ca.info().allowsClientAuth());
    CHECK(ca.info().isCa);
    CHECK(ca.info().selfIssued);
    CHECK(ca.info().publicKey.type == KeyType::Ec);
    CHECK(ca.info().publicKey.curve == "prime256v1");
}
