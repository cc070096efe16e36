// Loading certificates from every file format an admin has, and refusing bad input clearly.

#include <fstream>
#include <random>

#include "CatchCompat.h"
#include "TempDir.h"
#include "TestPki.h"

#include "eascert/cert/CertificateLoader.h"

#include <openssl/bio.h>
#include <openssl/pem.h>

using namespace eascert;
using namespace eascert::cert;
using eascert::lab::Pkcs12Encryption;
using eascert::lab::Pkcs12Password;
using eascert::lab::Pkcs12Spec;

namespace {

struct Files
{
    testpki::IssuedCertificate user;
    testpki::IssuedCertificate otherLeaf;
};

const Files& files()
{
    static const Files f = [] {
        const auto& h = testpki::hierarchy();
        auto spec = testpki::userSpec({{{"CN", "usertest1"}}});
        auto user = testpki::make(spec, &h.issuing);
        auto other = testpki::userSpec({{{"CN", "web server"}}});
        other.clientAuth = false;
        other.serverNames = {"eas.contoso.test"};
        return Files{user, testpki::make(other, &h.issuing)};
    }();
    return f;
}

Bytes pfx(const Pkcs12Spec& spec, bool withChain = true)
{
    const auto& h = testpki::hierarchy();
    std::vector<const testpki::IssuedCertificate*> chain;
    if (withChain)
        chain = {&h.issuing, &h.root};
    auto data = lab::pkcs12(files().user, chain, spec);
    REQUIRE(data);
    return *data;
}

Result<LoadedCertificate> load(const Bytes& data, const char* password = nullptr)
{
    if (!password)
        return loadCertificate(data);
    Secret secret{std::string(password)};
    LoadOptions options;
    options.password = &secret;
    return loadCertificate(data, options);
}

std::string subjectCn(const LoadedCertificate& l)
{
    return l.certificate.info().subject.first("2.5.4.3");
}

}  // namespace

TEST_CASE("PKCS#12 with a password, AES (PBES2) and legacy RC2/3DES", "[loader][pkcs12]")
{
    for (auto enc : {Pkcs12Encryption::Aes256, Pkcs12Encryption::Legacy}) {
        Pkcs12Spec spec;
        spec.encryption = enc;
        spec.password = "Pa55 wörd!";
        const Bytes data = pfx(spec);
        auto loaded = load(data, "Pa55 wörd!");
        REQUIRE(loaded);
        CHECK(loaded->format == SourceFormat::Pkcs12);
        CHECK(subjectCn(*loaded) == "usertest1");
        CHECK(loaded->rule == SelectionRule::MatchesPrivateKey);
        CHECK(loaded->hasPrivateKey);
        CHECK(loaded->privateKeyMatches);
        CHECK(loaded->passwordProtected);
        CHECK(loaded->certificateCount == 3);
        REQUIRE(loaded->chain.size() == 2);
        CHECK(loaded->chain[0].info().subject.first("2.5.4.3") == "Contoso Issuing CA");
        CHECK(loaded->chain[1].info().subject.first("2.5.4.3") == "Contoso Root CA");
        REQUIRE(loaded->issuer());

        auto wrong = load(data, "wrong");
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().code == ErrorCode::WrongPassword);
        auto none = load(data);
        REQUIRE_FALSE(none);
        CHECK(none.error().code == ErrorCode::PasswordRequired);
    }
}

TEST_CASE("PKCS#12 with an empty and with an absent password opens without one", "[loader][pkcs12]")
{
    for (auto kind : {Pkcs12Password::Empty, Pkcs12Password::Absent}) {
        for (auto enc : {Pkcs12Encryption::Aes256, Pkcs12Encryption::Legacy, Pkcs12Encryption::None}) {
            Pkcs12Spec spec;
            spec.passwordKind = kind;
            spec.encryption = enc;
            const Bytes data = pfx(spec);
            auto loaded = load(data);
            INFO("password kind " << static_cast<int>(kind) << ", encryption " << static_cast<int>(enc));
            REQUIRE(loaded);
            CHECK(subjectCn(*loaded) == "usertest1");
            CHECK_FALSE(loaded->passwordProtected);
            // An admin who types an empty password gets the same result.
            CHECK(load(data, "").has_value());
        }
    }
}

TEST_CASE("PKCS#12 without a MAC and without a key", "[loader][pkcs12]")
{
    Pkcs12Spec spec;
    spec.mac = false;
    spec.includeKey = false;
    spec.encryption = Pkcs12Encryption::None;
    auto loaded = load(pfx(spec, false));
    REQUIRE(loaded);
    CHECK_FALSE(loaded->hasPrivateKey);
    CHECK(loaded->rule == SelectionRule::OnlyCertificate);
}

TEST_CASE("DER, PEM and PKCS#7 files", "[loader]")
{
    const auto& h = testpki::hierarchy();
    const auto& user = files().user;
    SECTION("DER certificate")
    {
        auto loaded = load(user.der());
        REQUIRE(loaded);
        CHECK(loaded->format == SourceFormat::DerCertificate);
        CHECK(loaded->rule == SelectionRule::OnlyCertificate);
        CHECK_FALSE(loaded->hasPrivateKey);
    }
    SECTION("Base-64 .cer exported by Windows (CRLF line ends)")
    {
        std::string pem = user.pem();
        std::string crlf;
        for (char c : pem) {
            if (c == '\n')
                crlf += '\r';
            crlf += c;
        }
        auto loaded = load(toBytes(crlf));
        REQUIRE(loaded);
        CHECK(loaded->format == SourceFormat::PemText);
        CHECK(subjectCn(*loaded) == "usertest1");
    }
    SECTION("PEM bundle with the root first: the end entity is chosen")
    {
        const std::string text = "Text before the block\n" + h.root.pem() + h.issuing.pem() + user.pem();
        auto loaded = load(toBytes(text));
        REQUIRE(loaded);
        CHECK(loaded->format == SourceFormat::PemText);
        CHECK(subjectCn(*loaded) == "usertest1");
        CHECK(loaded->rule == SelectionRule::OnlyEndEntity);
        REQUIRE(loaded->chain.size() == 2);
        CHECK(loaded->chain[0].info().subject.first("2.5.4.3") == "Contoso Issuing CA");
    }
    SECTION("PEM with an encrypted key")
    {
        const std::string pw = "secret";
        const std::string text = user.privateKeyPem(&pw) + user.pem() + files().otherLeaf.pem();
        auto loaded = load(toBytes(text), "secret");
        REQUIRE(loaded);
        CHECK(loaded->rule == SelectionRule::MatchesPrivateKey);
        CHECK(loaded->privateKeyMatches);
        CHECK(subjectCn(*loaded) == "usertest1");
        auto wrong = load(toBytes(text), "nope");
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().code == ErrorCode::WrongPassword);
        auto none = load(toBytes(text));
        REQUIRE_FALSE(none);
        CHECK(none.error().code == ErrorCode::PasswordRequired);
    }
    SECTION("two end entities: the one for client authentication is chosen")
    {
        const std::string text = files().otherLeaf.pem() + user.pem();
        auto loaded = load(toBytes(text));
        REQUIRE(loaded);
        CHECK(loaded->rule == SelectionRule::ClientAuthEndEntity);
        CHECK(loaded->endEntityCandidates == 2);
        CHECK(subjectCn(*loaded) == "usertest1");
    }
    SECTION("a key that belongs to no certificate in the file")
    {
        const std::string text = files().otherLeaf.privateKeyPem() + user.pem();
        auto loaded = load(toBytes(text));
        REQUIRE(loaded);
        CHECK(loaded->hasPrivateKey);
        CHECK_FALSE(loaded->privateKeyMatches);
    }
    SECTION("PKCS#7 (.p7b) in DER and PEM")
    {
        auto p7 = lab::pkcs7({&h.root, &user, &h.issuing});
        REQUIRE(p7);
        auto loaded = load(*p7);
        REQUIRE(loaded);
        CHECK(loaded->format == SourceFormat::Pkcs7);
        CHECK(subjectCn(*loaded) == "usertest1");
        CHECK(loaded->chain.size() == 2);
    }
}

TEST_CASE("bad input gets a typed error, never a crash", "[loader][bad-input]")
{
    TempDir dir;
    SECTION("empty")
    {
        CHECK(loadCertificate(Bytes{}).error().code == ErrorCode::EmptyFile);
        std::ofstream(dir / "empty.cer").close();
        CHECK(loadCertificateFile(dir / "empty.cer").error().code == ErrorCode::EmptyFile);
    }
    SECTION("missing file and a directory")
    {
        CHECK(loadCertificateFile(dir / "nope.pfx").error().code == ErrorCode::FileNotFound);
        CHECK(loadCertificateFile(dir.path()).error().code == ErrorCode::NotAFile);
    }
    SECTION("random bytes")
    {
        std::mt19937 rng(42);
        for (int round = 0; round < 200; ++round) {
            Bytes data(1 + rng() % 4096);
            for (auto& b : data)
                b = static_cast<std::byte>(rng());
            if (round % 2)
                data[0] = std::byte{0x30};  // looks like DER
            auto r = loadCertificate(data);
            REQUIRE_FALSE(r);
            CHECK((r.error().code == ErrorCode::UnrecognizedFormat || r.error().code == ErrorCode::CorruptData));
        }
    }
    SECTION("too large")
    {
        Bytes big(5 * 1024 * 1024, std::byte{0x30});
        CHECK(loadCertificate(big).error().code == ErrorCode::FileTooLarge);
    }
    SECTION("PEM with garbage")
    {
        auto r = load(toBytes("-----BEGIN CERTIFICATE-----\nnot base64 !!!\n-----END CERTIFICATE-----\n"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::CorruptData);
        auto noEnd = load(toBytes("-----BEGIN CERTIFICATE-----\nMIIB\n"));
        REQUIRE_FALSE(noEnd);
        CHECK(noEnd.error().code == ErrorCode::CorruptData);
        auto csrOnly = load(toBytes("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n"));
        REQUIRE_FALSE(csrOnly);
        CHECK(csrOnly.error().code == ErrorCode::NoCertificate);
    }
    SECTION("truncated PFX and certificate")
    {
        Pkcs12Spec spec;
        spec.password = "x";
        Bytes data = pfx(spec);
        for (std::size_t keep : {data.size() - 1, data.size() / 2, std::size_t{10}, std::size_t{2}}) {
            Bytes cut(data.begin(), data.begin() + static_cast<long>(keep));
            auto r = load(cut, "x");
            REQUIRE_FALSE(r);
            INFO("kept " << keep << " bytes: " << errorId(r.error().code));
            CHECK(r.error().code == ErrorCode::CorruptData);
        }
        Bytes der = files().user.der();
        der.resize(der.size() - 20);
        CHECK(load(der).error().code == ErrorCode::CorruptData);
    }
}

TEST_CASE("a certificate and key from the Windows store (PRIVATEKEYBLOB) load for the endpoint test", "[loader][store]")
{
    auto spec = testpki::userSpec();
    spec.keyType = lab::LabKeyType::Rsa2048;
    const auto user = testpki::make(spec);
    auto other = testpki::userSpec({{{"CN", "someone else"}}});
    other.keyType = lab::LabKeyType::Rsa2048;
    const auto someoneElse = testpki::make(other);

    auto loaded = loadFromStoreKey(user.der(), testpki::privateKeyBlob(user.key()));
    REQUIRE(loaded);
    CHECK(loaded->format == SourceFormat::WindowsStore);
    CHECK(loaded->hasPrivateKey);
    CHECK(loaded->privateKeyMatches);
    CHECK(loaded->certificate.info().der == user.der());

    auto mismatched = loadFromStoreKey(user.der(), testpki::privateKeyBlob(someoneElse.key()));
    REQUIRE_FALSE(mismatched);
    CHECK(mismatched.error().code == ErrorCode::CorruptData);

    const eascert::Bytes garbage(64, std::byte{0x42});
    auto bad = loadFromStoreKey(user.der(), garbage);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::UnsupportedAlgorithm);
}
