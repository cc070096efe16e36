// Checking existing values against a certificate: match, near miss with its reason, no match.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/mapping/MappingMatch.h"
#include "eascert/support/Digest.h"

using namespace eascert::mapping;

namespace {

struct Fixture
{
    eascert::cert::Certificate user;
    eascert::cert::Certificate renewed;
    std::vector<eascert::cert::CertificateInfo> chain;
    std::string issuer = "DC=test,DC=contoso,CN=Contoso Issuing CA";
    std::string sr;
};

const Fixture& fixture()
{
    static const Fixture f = [] {
        const auto& h = testpki::hierarchy();
        auto spec = testpki::userSpec({{{"C", "US"}},
                                       {{"ST", "Bavaria"}},
                                       {{"O", "Contoso, Inc."}},
                                       {{"CN", "usertest1"}},
                                       {{"emailAddress", "usertest1@contoso.test"}}});
        spec.serialMagnitude = testpki::bytes({0x2B, 0, 0, 0, 0, 0x11, 0xAC, 0, 0, 0, 0, 0x12});
        Fixture out;
        out.user = testpki::parse(testpki::make(spec, &h.issuing));
        spec.serialMagnitude = testpki::bytes({0x2B, 0, 0, 0, 0, 0x11, 0xAC, 0, 0, 0, 0, 0x99});
        out.renewed = testpki::parse(testpki::make(spec, &h.issuing));
        out.chain = {testpki::parse(h.issuing).info(), testpki::parse(h.root).info()};
        out.sr = "1200000000AC11000000002B";
        return out;
    }();
    return f;
}

MatchResult check(const std::string& value)
{
    const auto& f = fixture();
    return checkMapping(value, f.user.info(), f.chain);
}

bool hasReason(const MatchResult& r, Reason reason)
{
    for (const auto& d : r.reasons)
        if (d.reason == reason)
            return true;
    return false;
}

std::string reasons(const MatchResult& r)
{
    std::string out;
    for (const auto& d : r.reasons)
        out += std::string(reasonId(d.reason)) + " ";
    return out;
}

}  // namespace

TEST_CASE("the built values match, case-insensitively as AD compares", "[check]")
{
    const auto& f = fixture();
    const std::string exact = "X509:<I>" + f.issuer + "<SR>" + f.sr;
    auto r = check(exact);
    CHECK(r.verdict == Verdict::Match);
    CHECK(r.form == MappingForm::IssuerSerial);
    CHECK(r.strength == Strength::Strong);

    auto lower = check("x509:<i>dc=test,dc=contoso,cn=contoso issuing ca<sr>1200000000ac11000000002b");
    CHECK(lower.verdict == Verdict::Match);
}

TEST_CASE("a weak mapping matches but is weak", "[check]")
{
    auto r = check("X509:<I>DC=test,DC=contoso,CN=Contoso Issuing CA<S>C=US,S=Bavaria,O=\"Contoso, Inc.\","
                   "CN=usertest1,E=usertest1@contoso.test");
    CHECK(r.verdict == Verdict::Match);
    CHECK(r.strength == Strength::Weak);
}

TEST_CASE("near miss: DN in reversed (display) order", "[check][near-miss]")
{
    auto r = check("X509:<I>CN=Contoso Issuing CA,DC=contoso,DC=test<SR>" + fixture().sr);
    INFO(reasons(r));
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::ReversedDnOrder));
    CHECK(r.correctedValue == "X509:<I>" + fixture().issuer + "<SR>" + fixture().sr);
}

TEST_CASE("near miss: spaces after commas", "[check][near-miss]")
{
    auto r = check("X509:<I>DC=test, DC=contoso, CN=Contoso Issuing CA<SR>" + fixture().sr);
    INFO(reasons(r));
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::SpaceAfterSeparator));
    CHECK_FALSE(hasReason(r, Reason::ReversedDnOrder));
}

TEST_CASE("near miss: the display form from certutil (reversed, with spaces)", "[check][near-miss]")
{
    auto r = check("X509:<I>CN=Contoso Issuing CA, DC=contoso, DC=test<SR>" + fixture().sr);
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::ReversedDnOrder));
    CHECK(hasReason(r, Reason::SpaceAfterSeparator));
}

TEST_CASE("near miss: ST= and emailAddress= keys", "[check][near-miss]")
{
    auto r = check("X509:<I>DC=test,DC=contoso,CN=Contoso Issuing CA<S>C=US,ST=Bavaria,O=\"Contoso, Inc.\","
                   "CN=usertest1,emailAddress=usertest1@contoso.test");
    INFO(reasons(r));
    CHECK(r.verdict == Verdict::NearMiss);
    REQUIRE(hasReason(r, Reason::NonWindowsKeys));
    for (const auto& d : r.reasons)
        if (d.reason == Reason::NonWindowsKeys) {
            CHECK(d.found == "ST, emailAddress");
            CHECK(d.expected == "S, E");
            CHECK(d.part == Part::Subject);
        }
}

TEST_CASE("near miss: backslash escaping instead of quoting", "[check][near-miss]")
{
    auto r = check("X509:<I>DC=test,DC=contoso,CN=Contoso Issuing CA<S>C=US,S=Bavaria,O=Contoso\\, Inc.,"
                   "CN=usertest1,E=usertest1@contoso.test");
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::BackslashEscaping));
}

TEST_CASE("near miss: serial in forward (display) order", "[check][near-miss]")
{
    auto r = check("X509:<I>" + fixture().issuer + "<SR>2B0000000011AC0000000012");
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::ForwardSerial));
    auto spaced = check("X509:<I>" + fixture().issuer + "<SR>2b 00 00 00 00 11 ac 00 00 00 00 12");
    CHECK(spaced.verdict == Verdict::NearMiss);
    CHECK(hasReason(spaced, Reason::ForwardSerial));
    CHECK(hasReason(spaced, Reason::HexSeparators));
}

TEST_CASE("near miss: serial with the DER sign byte kept", "[check][near-miss]")
{
    const auto& h = testpki::hierarchy();
    auto spec = testpki::userSpec();
    spec.serialMagnitude = testpki::bytes({0xf2, 0xbc, 0x57});
    auto cert = testpki::parse(testpki::make(spec, &h.issuing));
    auto good = checkMapping("X509:<I>" + fixture().issuer + "<SR>57BCF2", cert.info());
    CHECK(good.verdict == Verdict::Match);
    auto signed_ = checkMapping("X509:<I>" + fixture().issuer + "<SR>57BCF200", cert.info());
    CHECK(signed_.verdict == Verdict::NearMiss);
    CHECK(hasReason(signed_, Reason::SerialSignByte));
}

TEST_CASE("near miss: a different issuer, and the root instead of the issuing CA", "[check][near-miss]")
{
    auto other = check("X509:<I>DC=test,DC=fabrikam,CN=Fabrikam CA<SR>" + fixture().sr);
    INFO(reasons(other));
    CHECK(other.verdict == Verdict::NearMiss);
    CHECK(hasReason(other, Reason::DifferentIssuer));

    auto root = check("X509:<I>C=US,O=Contoso,CN=Contoso Root CA<SR>" + fixture().sr);
    INFO(reasons(root));
    CHECK(root.verdict == Verdict::NearMiss);
    CHECK(hasReason(root, Reason::IssuerIsChainCa));
}

TEST_CASE("near miss: a different certificate of the same subject (renewed)", "[check][near-miss]")
{
    const auto& f = fixture();
    // The mapping was made for the old certificate; the phone now presents the renewed one.
    const std::string oldValue = *buildMapping(f.user.info(), MappingForm::IssuerSerial);
    auto r = checkMapping(oldValue, f.renewed.info(), f.chain);
    INFO(reasons(r));
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::OtherCertificate));
    CHECK(r.correctedValue == buildMapping(f.renewed.info(), MappingForm::IssuerSerial));

    // The SKI of another key is simply no match.
    auto ski = checkMapping(*buildMapping(f.user.info(), MappingForm::SubjectKeyId), f.renewed.info());
    CHECK(ski.verdict == Verdict::NoMatch);
    CHECK(hasReason(ski, Reason::SkiMismatch));
}

TEST_CASE("prefix and whitespace mistakes", "[check][near-miss]")
{
    const std::string body = "<I>" + fixture().issuer + "<SR>" + fixture().sr;
    auto missing = check(body);
    CHECK(missing.verdict == Verdict::NearMiss);
    CHECK(hasReason(missing, Reason::MissingPrefix));

    auto x509n = check("X509N:" + body);
    CHECK(x509n.verdict == Verdict::NearMiss);
    CHECK(hasReason(x509n, Reason::WrongPrefix));

    auto crlf = check("X509:" + body + "\r\n");
    CHECK(crlf.verdict == Verdict::NearMiss);
    CHECK(hasReason(crlf, Reason::SurroundingWhitespace));
}

TEST_CASE("<I>..<S>..<SR>.. is not a valid form", "[check]")
{
    auto r = check("X509:<I>" + fixture().issuer + "<S>CN=usertest1<SR>" + fixture().sr);
    CHECK(r.verdict == Verdict::NearMiss);
    CHECK(hasReason(r, Reason::InvalidCombination));
    CHECK(r.correctedValue == "X509:<I>" + fixture().issuer + "<SR>" + fixture().sr);
}

TEST_CASE("SHA1-PUKEY: thumbprint matches, the public-key hash is flagged", "[check]")
{
    const auto& info = fixture().user.info();
    CHECK(check(*buildMapping(info, MappingForm::Sha1PublicKey)).verdict == Verdict::Match);
    auto keyHash = check("X509:<SHA1-PUKEY>" + eascert::toHex(eascert::sha1(info.publicKey.subjectPublicKey)));
    CHECK(keyHash.verdict == Verdict::NearMiss);
    CHECK(hasReason(keyHash, Reason::Sha1OfPublicKey));
}

TEST_CASE("values for someone else and garbage", "[check]")
{
    auto other = check("X509:<I>DC=test,DC=fabrikam,CN=Fabrikam CA<SR>0102");
    CHECK(other.verdict == Verdict::NoMatch);
    auto subject = check("X509:<S>CN=someone else");
    CHECK(subject.verdict == Verdict::NoMatch);
    CHECK(hasReason(subject, Reason::DifferentSubject));
    CHECK(check("").verdict == Verdict::Invalid);
    CHECK(check("hello world").verdict == Verdict::Invalid);
    CHECK(check("X509:<FOO>bar").verdict == Verdict::Invalid);
    CHECK(check("Kerberos:user@CONTOSO.TEST").verdict == Verdict::Invalid);
    auto rfc = check("X509:<RFC822>USERTEST1@contoso.test");
    CHECK(rfc.verdict == Verdict::Match);
    CHECK(rfc.strength == Strength::Weak);
}

TEST_CASE("no SKI in the certificate", "[check]")
{
    auto spec = testpki::userSpec();
    spec.subjectKeyId = false;
    auto cert = testpki::parse(testpki::make(spec, &testpki::hierarchy().issuing));
    auto r = checkMapping("X509:<SKI>0011223344", cert.info());
    CHECK(r.verdict == Verdict::NoMatch);
    CHECK(hasReason(r, Reason::NoSkiInCertificate));
}

TEST_CASE("lint: what can be said of a value without its certificate", "[lint]")
{
    auto ids = [](std::string_view v) {
        std::vector<Reason> out;
        for (const auto& d : lintMapping(v))
            out.push_back(d.reason);
        return out;
    };
    CHECK(ids("X509:<I>DC=test,DC=contoso,CN=Contoso CA<SR>0102").empty());
    CHECK(ids("X509:<I>CN=Contoso CA,DC=contoso,DC=test<SR>0102") == std::vector{Reason::ReversedDnOrder});
    CHECK(ids("X509:<I>DC=test, DC=contoso<SR>01:02") ==
          std::vector{Reason::SpaceAfterSeparator, Reason::HexSeparators});
    CHECK(ids("X509N:<S>ST=Bavaria") == std::vector{Reason::WrongPrefix, Reason::NonWindowsKeys});
    CHECK(ids("<S>CN=x") == std::vector{Reason::MissingPrefix});
    CHECK(ids("garbage") == std::vector{Reason::WrongPrefix, Reason::Unparseable});
    CHECK(ids("") == std::vector{Reason::MissingPrefix, Reason::Unparseable});
}
