// Building altSecurityIdentities values (domain.md §2, §2.2–2.4) with golden values.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/mapping/Mapping.h"

using namespace eascert::mapping;
using eascert::toHex;
using testpki::bytes;

namespace {

eascert::cert::Certificate userWithSerial(eascert::Bytes serial, const testpki::IssuedCertificate& issuer)
{
    auto spec = testpki::userSpec();
    spec.serialMagnitude = std::move(serial);
    return testpki::parse(testpki::make(spec, &issuer));
}

const MappingCandidate& candidate(const std::vector<MappingCandidate>& all, MappingForm form)
{
    for (const auto& c : all)
        if (c.form == form)
            return c;
    FAIL("no candidate for " << formId(form));
    return all.front();
}

bool hasNote(const MappingCandidate& c, Note n)
{
    return std::find(c.notes.begin(), c.notes.end(), n) != c.notes.end();
}

const testpki::IssuedCertificate& contosoDcCa()
{
    static const auto ca = [] {
        testpki::CertificateSpec spec;
        spec.subject = {{{"DC", "com"}}, {{"DC", "contoso"}}, {{"CN", "CONTOSO-DC-CA"}}};
        spec.ca = true;
        return testpki::make(spec);
    }();
    return ca;
}

}  // namespace

TEST_CASE("golden Issuer+Serial value from domain.md", "[mapping][golden]")
{
    auto cert = userWithSerial(bytes({0x2B, 0, 0, 0, 0, 0x11, 0xAC, 0, 0, 0, 0, 0x12}), contosoDcCa());
    CHECK(toHex(cert.info().serial) == "2B0000000011AC0000000012");
    CHECK(reversedSerialHex(cert.info()) == "1200000000AC11000000002B");
    CHECK(buildMapping(cert.info(), MappingForm::IssuerSerial) ==
          "X509:<I>DC=com,DC=contoso,CN=CONTOSO-DC-CA<SR>1200000000AC11000000002B");
}

TEST_CASE("second golden serial: 3d0000000000a3 reverses to A300000000003D", "[mapping][golden]")
{
    auto cert = userWithSerial(bytes({0x3d, 0, 0, 0, 0, 0, 0xa3}), contosoDcCa());
    CHECK(reversedSerialHex(cert.info()) == "A300000000003D");
}

TEST_CASE("serials of 1 and 20 bytes, with and without a sign byte", "[mapping][serial]")
{
    const auto& ca = contosoDcCa();
    SECTION("1 byte, no sign byte")
    {
        auto c = userWithSerial(bytes({0x05}), ca);
        CHECK(toHex(c.info().serial) == "05");
        CHECK_FALSE(c.info().serialHasSignByte());
        CHECK(reversedSerialHex(c.info()) == "05");
    }
    SECTION("1 byte with a sign byte: DER 00 85, <SR>85")
    {
        auto c = userWithSerial(bytes({0x85}), ca);
        CHECK(toHex(c.info().serial) == "0085");
        CHECK(c.info().serialHasSignByte());
        CHECK(reversedSerialHex(c.info()) == "85");
        auto all = buildMappings(c.info());
        CHECK(hasNote(candidate(all, MappingForm::IssuerSerial), Note::SerialSignByte));
    }
    SECTION("20 bytes, no sign byte")
    {
        eascert::Bytes s;
        for (unsigned i = 0; i < 20; ++i)
            s.push_back(static_cast<std::byte>(0x70 + i));
        auto c = userWithSerial(s, ca);
        CHECK(c.info().serial.size() == 20);
        CHECK(reversedSerialHex(c.info()) == "838281807F7E7D7C7B7A79787776757473727170");
        CHECK_FALSE(hasNote(candidate(buildMappings(c.info()), MappingForm::IssuerSerial), Note::SerialSignByte));
    }
    SECTION("20 bytes with a sign byte (21 content octets): 00 f2 bc 57 ... reverses without the 00")
    {
        eascert::Bytes s = bytes({0xf2, 0xbc, 0x57});
        for (unsigned i = 0; i < 17; ++i)
            s.push_back(static_cast<std::byte>(i + 1));
        auto c = userWithSerial(s, ca);
        CHECK(c.info().serial.size() == 21);
        CHECK(c.info().serialHasSignByte());
        const std::string sr = reversedSerialHex(c.info());
        CHECK(sr.size() == 40);
        CHECK(sr.ends_with("57BCF2"));
        CHECK(sr.starts_with("1110"));
    }
    SECTION("domain.md example: DER 00 f2 bc 57 → 57BCF2")
    {
        auto c = userWithSerial(bytes({0xf2, 0xbc, 0x57}), ca);
        CHECK(toHex(c.info().serial) == "00F2BC57");
        CHECK(reversedSerialHex(c.info()) == "57BCF2");
    }
}

TEST_CASE("every form is built, strong first, Issuer+Serial recommended and SKI second", "[mapping]")
{
    auto spec = testpki::userSpec({{{"C", "US"}}, {{"O", "Contoso"}}, {{"CN", "usertest1"}}});
    spec.emails = {"usertest1@contoso.test"};
    auto cert = testpki::parse(testpki::make(spec, &contosoDcCa()));
    const auto all = buildMappings(cert.info());
    REQUIRE(all.size() == 7);
    const auto rec = recommended(all);
    REQUIRE(rec);
    CHECK(rec->form == MappingForm::IssuerSerial);
    CHECK(rec->strength == Strength::Strong);

    const auto& ski = candidate(all, MappingForm::SubjectKeyId);
    CHECK(ski.rank == 2);
    CHECK(ski.value == "X509:<SKI>" + toHex(*cert.info().subjectKeyId));

    const auto& sha = candidate(all, MappingForm::Sha1PublicKey);
    CHECK(sha.value == "X509:<SHA1-PUKEY>" + toHex(cert.info().sha1Thumbprint));
    CHECK(hasNote(sha, Note::VerifyBeforeRelying));

    const auto& sid = candidate(all, MappingForm::IssuerSid);
    CHECK_FALSE(sid.value);
    CHECK(sid.unavailable == Unavailable::NoSid);

    const auto& is = candidate(all, MappingForm::IssuerSubject);
    CHECK(is.value == "X509:<I>DC=com,DC=contoso,CN=CONTOSO-DC-CA<S>C=US,O=Contoso,CN=usertest1");
    CHECK(is.strength == Strength::Weak);
    CHECK(hasNote(is, Note::WeakUnderEnforcement));
    CHECK(candidate(all, MappingForm::Subject).value == "X509:<S>C=US,O=Contoso,CN=usertest1");
    CHECK(candidate(all, MappingForm::Rfc822).value == "X509:<RFC822>usertest1@contoso.test");
}

TEST_CASE("a certificate without SKI reports the SKI form unavailable, with the reason", "[mapping]")
{
    auto spec = testpki::userSpec();
    spec.subjectKeyId = false;
    auto cert = testpki::parse(testpki::make(spec, &contosoDcCa()));
    CHECK_FALSE(cert.info().subjectKeyId);
    const auto all = buildMappings(cert.info());
    const auto& ski = candidate(all, MappingForm::SubjectKeyId);
    CHECK_FALSE(ski.value);
    CHECK(ski.unavailable == Unavailable::NoSubjectKeyId);
    CHECK(ski.rank == 0);
    CHECK(unavailableId(ski.unavailable) == "no-ski-extension");
    CHECK(candidate(all, MappingForm::Rfc822).unavailable == Unavailable::NoEmail);
}

TEST_CASE("an enterprise certificate with a SID gets the Issuer+SID form", "[mapping]")
{
    auto spec = testpki::userSpec();
    spec.sidExtension = "S-1-5-21-1004336348-1177238915-682003330-512";
    auto cert = testpki::parse(testpki::make(spec, &contosoDcCa()));
    CHECK(buildMapping(cert.info(), MappingForm::IssuerSid) ==
          "X509:<I>DC=com,DC=contoso,CN=CONTOSO-DC-CA<SID>S-1-5-21-1004336348-1177238915-682003330-512");
}
