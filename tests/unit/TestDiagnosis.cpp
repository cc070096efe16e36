// Diagnosis rules: pure functions of the evidence and the clock.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::diagnosis;

namespace {

struct Lab
{
    cert::CertificateInfo cert;
    directory::Account account;
};

Lab makeLab(testpki::CertificateSpec spec = testpki::userSpec({{{"CN", "usertest1"}}}))
{
    Lab l{testpki::parse(testpki::make(spec, &testpki::hierarchy().issuing)).info(), {}};
    l.account.dn = "CN=usertest1,CN=Users,DC=contoso,DC=test";
    l.account.userAccountControl = 512;
    return l;
}

directory::Inspection inspect(const Lab& l, const directory::Account& a)
{
    return directory::classify(a, directory::FoundBy::SamAccountName, l.cert, {}, {}, directory::NtAuthStore{});
}

probe::ProbeResult answer(int status, std::optional<int> sub, bool challenge = false)
{
    probe::ProbeResult r;
    r.tls.established = true;
    r.tls.serverVerified = true;
    r.tls.clientCertificateSent = true;
    r.tls.issuerInCaList = true;
    probe::HttpFacts h;
    h.status = status;
    h.substatus = sub;
    if (challenge)
        h.wwwAuthenticate = {"Basic realm=\"eas\""};
    if (status == 200)
        h.msAsProtocolVersions = "14.1";
    r.http = h;
    return r;
}

Evidence gather(const Lab& l, const directory::Inspection& in, const probe::ProbeResult& r)
{
    Evidence e;
    e.certificate = l.cert;
    e.inspection = in;
    e.probe = r;
    e.probeVerdict = probe::classify(r, probe::Method::Options);
    return e;
}

std::vector<FindingId> ids(const std::vector<Finding>& f)
{
    std::vector<FindingId> out;
    for (const auto& x : f)
        out.push_back(x.id);
    return out;
}

const auto kNow = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

}  // namespace

TEST_CASE("the seed report: unmapped certificate, 401.2, password prompt", "[diagnosis]")
{
    const auto l = makeLab();
    const auto findings = evaluate(gather(l, inspect(l, l.account), answer(401, 2, true)), kNow);
    REQUIRE(findings.size() == 3);
    CHECK(ids(findings) ==
          std::vector{FindingId::MappingMissing, FindingId::MappingFailedAtEndpoint, FindingId::ServerSideChecks});
    CHECK(findings[0].fixValue == mapping::buildMapping(l.cert, mapping::MappingForm::IssuerSerial));
    CHECK(findings[1].evidence[0] == std::pair<std::string, std::string>{"http", "401.2"});
}

TEST_CASE("healthy only with both the directory and the endpoint checked", "[diagnosis]")
{
    const auto l = makeLab();
    auto a = l.account;
    a.altSecurityIdentities = {*mapping::buildMapping(l.cert, mapping::MappingForm::IssuerSerial)};
    const auto in = inspect(l, a);
    CHECK(ids(evaluate(gather(l, in, answer(200, {})), kNow)) == std::vector{FindingId::Healthy});
    Evidence partial;
    partial.certificate = l.cert;
    partial.inspection = in;
    CHECK(evaluate(partial, kNow).empty());
}

TEST_CASE("a weak mapping under enforcement names the weak value and KB5014754", "[diagnosis]")
{
    const auto l = makeLab();
    auto a = l.account;
    const auto weak = *mapping::buildMapping(l.cert, mapping::MappingForm::IssuerSubject);
    a.altSecurityIdentities = {weak};
    const auto f = evaluate(gather(l, inspect(l, a), answer(401, 2)), kNow);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].id == FindingId::WeakMappingRejected);
    const std::pair<std::string, std::string> expected{"weakValue", weak};
    CHECK(std::find(f[0].evidence.begin(), f[0].evidence.end(), expected) != f[0].evidence.end());
    CHECK(f[0].references == std::vector<std::string>{"https://support.microsoft.com/help/5014754"});
}

TEST_CASE("certificate problems come first; the CA list explains a missing certificate", "[diagnosis]")
{
    auto spec = testpki::userSpec();
    spec.notBeforeOffset = -std::chrono::hours(48);
    spec.notAfterOffset = -std::chrono::hours(1);
    spec.clientAuth = false;
    const auto l = makeLab(spec);
    auto r = answer(403, 7);
    r.tls.issuerInCaList = false;
    r.tls.caList = {"CN=Fabrikam CA"};
    const auto f = evaluate(gather(l, inspect(l, l.account), r), kNow);
    REQUIRE(f.size() >= 4);
    CHECK(f[0].id == FindingId::CertificateExpired);
    CHECK(f[1].id == FindingId::ClientAuthEkuMissing);
    CHECK(f[2].id == FindingId::IssuerNotInCaList);
    CHECK(f[3].id == FindingId::CertificateNotSent);
    // The same certificate one hour earlier was still valid: the clock is a parameter.
    const auto earlier = evaluate(gather(l, inspect(l, l.account), r), kNow - std::chrono::hours(2));
    CHECK(earlier[0].id == FindingId::ClientAuthEkuMissing);
}

TEST_CASE("TLS 1.3 without the certificate asked for, then refused: the renegotiation finding", "[diagnosis]")
{
    const auto l = makeLab();
    auto r = answer(500, 0);
    r.tls.protocol = "TLSv1.3";
    r.tls.requested = probe::CertificateRequest::Never;
    r.tls.clientCertificateSent = false;
    const auto f = ids(evaluate(gather(l, inspect(l, l.account), r), kNow));
    CHECK(std::find(f.begin(), f.end(), FindingId::Tls13NoRenegotiation) != f.end());

    // Asked for in the handshake, or TLS 1.2 (which can renegotiate): not this finding.
    r.tls.requested = probe::CertificateRequest::InHandshake;
    auto asked = ids(evaluate(gather(l, inspect(l, l.account), r), kNow));
    CHECK(std::find(asked.begin(), asked.end(), FindingId::Tls13NoRenegotiation) == asked.end());
    r.tls.requested = probe::CertificateRequest::Never;
    r.tls.protocol = "TLSv1.2";
    auto tls12 = ids(evaluate(gather(l, inspect(l, l.account), r), kNow));
    CHECK(std::find(tls12.begin(), tls12.end(), FindingId::Tls13NoRenegotiation) == tls12.end());
    // A 401 with Basic (an endpoint without certificate authentication) is no such case either.
    auto basic = answer(401, std::nullopt, true);
    basic.tls.protocol = "TLSv1.3";
    basic.tls.requested = probe::CertificateRequest::Never;
    auto b = ids(evaluate(gather(l, inspect(l, l.account), basic), kNow));
    CHECK(std::find(b.begin(), b.end(), FindingId::Tls13NoRenegotiation) == b.end());
}

TEST_CASE("NTAuth (KB5057784): critical while the endpoint refuses, confirmed by the DC's events 45/21",
          "[diagnosis][ntauth]")
{
    const Lab l = makeLab();
    directory::Account mapped = l.account;
    mapped.altSecurityIdentities = {*mapping::buildMapping(l.cert, mapping::MappingForm::IssuerSerial)};
    auto in = inspect(l, mapped);
    in.ntAuth.state = directory::NtAuthState::StoreMissing;
    in.ntAuth.issuerName = "DC=test, DC=contoso, CN=Contoso Issuing CA";
    in.ntAuth.dn = "CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso,DC=test";

    const auto refused = evaluate(gather(l, in, answer(401, 2, true)), kNow);
    const auto ntAuth = std::find_if(refused.begin(), refused.end(),
                                     [](const Finding& f) { return f.id == FindingId::NtAuthIssuerAbsent; });
    REQUIRE(ntAuth != refused.end());
    CHECK(ntAuth->severity == Severity::Critical);
    CHECK(std::find(ntAuth->evidence.begin(), ntAuth->evidence.end(),
                    std::pair<std::string, std::string>{
                        "mappingForm", std::string(mapping::formSyntax(mapping::MappingForm::IssuerSerial))}) !=
          ntAuth->evidence.end());
    CHECK(ntAuth->references == std::vector<std::string>{"https://support.microsoft.com/help/5057784"});

    // The endpoint accepted the certificate all the same: that path does not enforce it.
    const auto accepted = evaluate(gather(l, in, answer(200, {})), kNow);
    const auto info = std::find_if(accepted.begin(), accepted.end(),
                                   [](const Finding& f) { return f.id == FindingId::NtAuthIssuerAbsent; });
    REQUIRE(info != accepted.end());
    CHECK(info->severity == Severity::Info);

    // The issuing CA is in NTAuth, or the mapping is not one the KB binds (RFC822): no finding.
    in.ntAuth.state = directory::NtAuthState::IssuerPresent;
    CHECK(std::none_of(refused.begin(), refused.end(), [](const Finding& f) { return f.id == FindingId::Healthy; }));
    const auto present = evaluate(gather(l, in, answer(401, 2, true)), kNow);
    CHECK(std::none_of(present.begin(), present.end(),
                       [](const Finding& f) { return f.id == FindingId::NtAuthIssuerAbsent; }));
    CHECK_FALSE(mapping::requiresNtAuth(mapping::MappingForm::Rfc822));
    CHECK(mapping::requiresNtAuth(mapping::MappingForm::Subject));  // X509NSubjectOnly
}
