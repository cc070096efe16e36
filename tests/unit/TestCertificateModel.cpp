// The certificate model: every fact the product reads from a certificate.

#include "CatchCompat.h"
#include "TestPki.h"

#include <array>

#include "eascert/support/Digest.h"
#include "eascert/support/OpenSslPtr.h"

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

namespace {

using eascert::ossl::EvpPkeyPtr;

EvpPkeyPtr dsaKey()
{
    eascert::ossl::EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr));
    EVP_PKEY* params = nullptr;
    REQUIRE(pctx);
    REQUIRE(EVP_PKEY_paramgen_init(pctx.get()) == 1);
    REQUIRE(EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx.get(), 1024) == 1);
    REQUIRE(EVP_PKEY_paramgen(pctx.get(), &params) == 1);
    EvpPkeyPtr owner(params);
    eascert::ossl::EvpPkeyCtxPtr kctx(EVP_PKEY_CTX_new_from_pkey(nullptr, params, nullptr));
    EVP_PKEY* key = nullptr;
    REQUIRE(EVP_PKEY_keygen_init(kctx.get()) == 1);
    REQUIRE(EVP_PKEY_keygen(kctx.get(), &key) == 1);
    return EvpPkeyPtr(key);
}

EvpPkeyPtr rsaPssKey()
{
    eascert::ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr));
    REQUIRE(ctx);
    REQUIRE(EVP_PKEY_keygen_init(ctx.get()) == 1);
    REQUIRE(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) == 1);
    EVP_PKEY* key = nullptr;
    REQUIRE(EVP_PKEY_keygen(ctx.get(), &key) == 1);
    return EvpPkeyPtr(key);
}

// A certificate for key, signed by issuer, with the extensions the product reads.
eascert::Bytes certificateFor(EVP_PKEY* key, EVP_PKEY* issuer, bool withExtensions)
{
    eascert::ossl::X509Ptr x(X509_new());
    REQUIRE(x);
    REQUIRE(X509_set_version(x.get(), withExtensions ? X509_VERSION_3 : X509_VERSION_1) == 1);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 0x00C0FFEE);
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Contoso"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Jörg"), -1, -1, 0);
    REQUIRE(X509_set_issuer_name(x.get(), name) == 1);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 86400);
    REQUIRE(X509_set_pubkey(x.get(), key) == 1);
    if (withExtensions) {
        X509V3_CTX ctx;
        X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
        for (auto [nid, value] : std::initializer_list<std::pair<int, const char*>>{
                 {NID_basic_constraints, "critical,CA:FALSE"},
                 {NID_key_usage, "critical,digitalSignature,keyAgreement,decipherOnly"},
                 {NID_ext_key_usage, "clientAuth,1.3.6.1.4.1.311.20.2.2"},
                 {NID_subject_alt_name, "email:j@contoso.test,DNS:phone.contoso.test,IP:10.0.0.1,otherName:1.3.6.1.4.1."
                                        "311.20.2.3;UTF8:j@contoso.test"},
                 {NID_subject_key_identifier, "hash"},
                 {NID_authority_key_identifier, "keyid:always"}}) {
            eascert::ossl::X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
            REQUIRE(ext);
            REQUIRE(X509_add_ext(x.get(), ext.get(), -1) == 1);
        }
    }
    const bool digestless = EVP_PKEY_get_base_id(issuer) == EVP_PKEY_ED25519;
    REQUIRE(X509_sign(x.get(), issuer, digestless ? nullptr : EVP_sha256()) > 0);
    unsigned char* der = nullptr;
    const int len = i2d_X509(x.get(), &der);
    eascert::ossl::OsslBytes owner(der);
    REQUIRE(len > 0);
    return eascert::toBytes(der, static_cast<std::size_t>(len));
}

}  // namespace

TEST_CASE("the fast reading of a certificate gives the facts OpenSSL's X509 gives, for every key type", "[model]")
{
    EvpPkeyPtr issuer(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    REQUIRE(issuer);
    struct Key
    {
        const char* what;
        EvpPkeyPtr key;
        KeyType type;
    };
    std::vector<Key> keys;
    keys.push_back({"RSA 2048", EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})), KeyType::Rsa});
    keys.push_back({"RSA 1031 (bits not a multiple of 8)",
                    EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1031})), KeyType::Rsa});
    keys.push_back({"RSA-PSS", rsaPssKey(), KeyType::Rsa});
    for (const char* curve : {"P-256", "P-384", "P-521", "secp256k1", "brainpoolP256r1"})
        keys.push_back({curve, EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve)), KeyType::Ec});
    keys.push_back({"Ed25519", EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")), KeyType::Ed25519});
    keys.push_back({"Ed448", EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448")), KeyType::Ed448});
    keys.push_back(
        {"X25519 (decoded by OpenSSL)", EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519")), KeyType::Other});
    keys.push_back({"DSA 1024", dsaKey(), KeyType::Dsa});
    for (const auto& k : keys) {
        INFO(k.what);
        REQUIRE(k.key);
        for (bool extensions : {true, false}) {
            INFO(k.what << (extensions ? ", v3 with extensions" : ", v1"));
            const auto der = certificateFor(k.key.get(), issuer.get(), extensions);
            const auto fast = describeDer(std::as_bytes(std::span(der)));
            const auto handle = Certificate::fromDer(der);
            REQUIRE(fast);
            REQUIRE(handle);
            CHECK(*fast == handle->info());
            CHECK(fast->publicKey.type == k.type);
            CHECK(fast->publicKey.bits == EVP_PKEY_get_bits(k.key.get()));
            if (k.type == KeyType::Ec) {
                std::array<char, 80> group{};
                std::size_t len = 0;
                REQUIRE(EVP_PKEY_get_utf8_string_param(k.key.get(), "group", group.data(), group.size(), &len) == 1);
                CHECK(fast->publicKey.curve == std::string(group.data(), len));
            }
            CHECK(fast->version == (extensions ? 3 : 1));
            CHECK(fast->hasKeyUsage == extensions);
            if (extensions) {
                CHECK(fast->keyUsage == std::vector<std::string>{"digitalSignature", "keyAgreement", "decipherOnly"});
                CHECK(fast->upns() == std::vector<std::string>{"j@contoso.test"});
                CHECK(fast->subjectKeyId);
            }
        }
    }
}

TEST_CASE("the fast reading agrees with the X509 reading on the lab's certificates, and refuses what d2i_X509 refuses",
          "[model]")
{
    auto spec = testpki::userSpec();
    spec.upns = {"usertest1@contoso.test"};
    spec.sidExtension = "S-1-5-21-1-2-3-1105";
    for (const auto* issued : {&testpki::hierarchy().root, &testpki::hierarchy().issuing}) {
        const auto der = issued->der();
        CHECK(*describeDer(std::as_bytes(std::span(der))) == testpki::parse(*issued).info());
    }
    const auto user = testpki::make(spec, &testpki::hierarchy().issuing);
    auto der = user.der();
    CHECK(*describeDer(std::as_bytes(std::span(der))) == testpki::parse(user).info());

    // Trailing bytes are not part of the certificate (as with d2i_X509): the thumbprint is the certificate's.
    auto longer = der;
    longer.push_back(std::byte{0});
    CHECK(describeDer(std::as_bytes(std::span(longer)))->sha1Thumbprint == eascert::sha1(der));
    // Cut anywhere, or a byte of the outer structure changed: not a certificate, by either reading.
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{4}, der.size() / 2, der.size() - 1}) {
        const eascert::Bytes part(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(cut));
        CHECK_FALSE(describeDer(std::as_bytes(std::span(part))));
        CHECK_FALSE(Certificate::fromDer(part));
    }
    // A signature BIT STRING whose unused bits are not zero: OpenSSL clears them when it re-encodes,
    // but the certificate, and its thumbprint as Windows shows it, are the bytes as given.
    auto padded = der;
    std::size_t at = padded.size() - 3;
    while (at > 0 &&
           !(padded[at] == std::byte{0x03} && std::to_integer<std::size_t>(padded[at + 1]) == padded.size() - at - 2 &&
             padded[at + 2] == std::byte{0}))
        --at;
    REQUIRE(at > 0);
    padded[at + 2] = std::byte{1};
    padded.back() |= std::byte{1};
    CHECK(describeDer(std::as_bytes(std::span(padded)))->sha1Thumbprint == eascert::sha1(padded));
    CHECK(Certificate::fromDer(padded)->info().sha1Thumbprint == eascert::sha1(padded));
    CHECK(Certificate::fromDer(padded)->info().der == padded);

    auto badTag = der;
    badTag[0] = std::byte{0x31};
    CHECK_FALSE(describeDer(std::as_bytes(std::span(badTag))));
    CHECK_FALSE(Certificate::fromDer(badTag));
}
