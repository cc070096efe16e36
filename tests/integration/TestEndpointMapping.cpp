// The lab endpoint's mapping decision made by the real DC: the seed report's story, live.

#include "CatchCompat.h"
#include "DcFixture.h"
#include "TempDir.h"

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/lab/IisEndpoint.h"
#include "eascert/lab/ServerLogs.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/probe/Classification.h"

using namespace eascert;

TEST_CASE("live endpoint: unmapped 401.2, strong mapping 200, weak mapping under enforcement 401.2", "[live][endpoint]")
{
    TempDir tmp;
    const std::string sam = uniqueName("eas");
    auto issued = issueUser(sam);
    auto userCert = testpki::parse(issued);
    const auto dn = seedUser({sam});

    // The endpoint trusts the lab CA and asks the DC who the certificate belongs to.
    const auto server = [&] {
        testpki::CertificateSpec s;
        s.subject = {{{"CN", "eas.contoso.test"}}};
        s.ipAddresses = {"127.0.0.1"};
        s.clientAuth = false;
        return testpki::make(s, &labCa());
    }();
    const auto serverPem = (tmp / "server.pem").string();
    const auto serverKey = (tmp / "server.key").string();
    const auto caPem = (tmp / "ca.pem").string();
    REQUIRE(eascert::lab::writeFile(serverPem, server.pem()));
    REQUIRE(eascert::lab::writeFile(serverKey, server.privateKeyPem(), true));
    REQUIRE(eascert::lab::writeFile(caPem, labCa().pem()));

    eascert::lab::Pkcs12Spec p12;
    p12.password = "x";
    auto pfx = eascert::lab::pkcs12(issued, {&labCa()}, p12);
    REQUIRE(pfx);
    Secret pw(std::string("x"));
    cert::LoadOptions lo;
    lo.password = &pw;
    auto client = cert::loadCertificate(*pfx, lo);
    REQUIRE(client);

    auto directory = adminDirectory();
    eascert::lab::ServerLogs logs(tmp / "logs");
    auto run = [&](bool strongOnly, bool ntAuthCheck = true) {
        eascert::lab::EndpointOptions o;
        o.serverCertificatePem = serverPem;
        o.serverKeyPem = serverKey;
        o.trustedClientCas = caPem;
        o.directory = directory.get();
        o.strongMappingsOnly = strongOnly;
        o.ntAuthCheck = ntAuthCheck;
        o.logs = &logs;
        eascert::lab::IisEndpoint endpoint(o);
        REQUIRE(endpoint.start());
        probe::ProbeOptions po;
        po.url = endpoint.url();
        po.client = &*client;
        po.caFile = caPem;
        auto r = probe::runProbe(po);
        REQUIRE(r);
        REQUIRE(r->http);
        return std::pair{r->http->status * 10 + r->http->substatus.value_or(0), probe::classify(*r, po.method).outcome};
    };

    // The seed report: no mapping → 401.2, the phone falls back to a password.
    CHECK(run(true) == std::pair{4012, probe::Outcome::MappingFailed});

    // The classic fix (Issuer+Subject, what the Name Mappings dialog writes) under enforcement: still 401.2.
    const auto weak = *mapping::buildMapping(userCert.info(), mapping::MappingForm::IssuerSubject);
    ldapModify("dn: " + dn + "\nchangetype: modify\nadd: altSecurityIdentities\naltSecurityIdentities: " + weak +
               "\n-\n\n");
    CHECK(run(true, false) == std::pair{4012, probe::Outcome::MappingFailed});
    CHECK(run(false, false) == std::pair{2000, probe::Outcome::Authenticated});  // before enforcement it worked

    // The strong mapping: still 401.2 while the standalone CA is not in NTAuth (KB5057784)...
    const auto strong = *mapping::buildMapping(userCert.info(), mapping::MappingForm::IssuerSerial);
    ldapModify("dn: " + dn + "\nchangetype: modify\nadd: altSecurityIdentities\naltSecurityIdentities: " + strong +
               "\n-\n\n");
    CHECK(run(true, true) == std::pair{4012, probe::Outcome::MappingFailed});
    CHECK(run(true, false) == std::pair{2000, probe::Outcome::Authenticated});  // before July 2025 it worked
    // The DC logged it as a 2026 DC does: 39 for the weak mapping, 21 (denied) under enforcement, 45
    // (audit) without; read back by the product's own reader, they confirm the NTAuth finding.
    auto events = evidence::readEvidenceFile(logs.eventsFile());
    REQUIRE(events);
    std::vector<std::uint32_t> ids;
    for (const auto& e : events->events.events)
        ids.push_back(e.id);
    for (const std::uint32_t id : {39u, 21u, 45u, 4768u})
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
    std::vector<evidence::EvidenceSource> sources;
    sources.push_back(std::move(*events));
    const auto findings =
        diagnosis::evidenceFindings(sources, evidence::matchTarget(&userCert.info(), {sam}), cert::currentTime());
    const auto chainMissing = std::find_if(findings.begin(), findings.end(), [](const diagnosis::Finding& f) {
        return f.id == diagnosis::FindingId::NtAuthChainMissing;
    });
    REQUIRE(chainMissing != findings.end());
    CHECK(chainMissing->severity == diagnosis::Severity::Critical);  // one event 21 makes it critical
    CHECK(chainMissing->certificateMatch != evidence::CertificateMatch::None);
    // ... and 200 once the CA is published there.
    const NtAuthPublished ntAuth;
    CHECK(run(true, true) == std::pair{2000, probe::Outcome::Authenticated});
}
