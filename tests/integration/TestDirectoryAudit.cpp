// eascert directory audit against the real DC: every finding, streamed, in CSV and JSON.

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "DcFixture.h"

#include "eascert/directory/Audit.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::directory;

TEST_CASE("live: audit finds weak-only, malformed, near misses, duplicates and published-only", "[live][audit]")
{
    const std::string weakSam = uniqueName("aweak");
    auto weakCert = testpki::parse(issueUser(weakSam));
    seedUser({weakSam, {*mapping::buildMapping(weakCert.info(), mapping::MappingForm::IssuerSubject)}});

    const std::string badSam = uniqueName("abad");
    seedUser({badSam, {"X509:<I>CN=Contoso Standalone CA, DC=contoso, DC=test<SR>01 02 03"}});

    const std::string nearSam = uniqueName("anear");
    auto nearIssued = issueUser(nearSam);
    auto nearCert = testpki::parse(nearIssued);
    Bytes serial = nearCert.info().serialMagnitude();
    seedUser(
        {nearSam, {"X509:<I>DC=test,DC=contoso,CN=Contoso Standalone CA<SR>" + toHex(serial)}, {nearIssued.der()}});

    const std::string dupValue = "X509:<SKI>" + uniqueName("ABCDEF");
    const std::string dupA = uniqueName("adupa");
    const std::string dupB = uniqueName("adupb");
    seedUser({dupA, {dupValue}});
    seedUser({dupB, {dupValue}});

    const std::string pubSam = uniqueName("apub");
    seedUser({pubSam, {}, {issueUser(pubSam).der()}});

    const std::string goodSam = uniqueName("agood");
    auto goodCert = testpki::parse(issueUser(goodSam));
    seedUser({goodSam, {*mapping::buildMapping(goodCert.info(), mapping::MappingForm::IssuerSerial)}});

    auto d = adminDirectory();
    std::vector<AuditRow> rows;
    auto summary = audit(
        *d, [&](const AuditRow& r) { rows.push_back(r); }, {}, 3);
    REQUIRE(summary);
    auto has = [&](const std::string& sam, AuditFinding f) {
        return std::any_of(rows.begin(), rows.end(),
                           [&](const AuditRow& r) { return r.samAccountName == sam && r.finding == f; });
    };
    CHECK(has(weakSam, AuditFinding::WeakOnly));
    CHECK(has(badSam, AuditFinding::Malformed));
    CHECK(has(nearSam, AuditFinding::NearMiss));
    CHECK(has(dupA, AuditFinding::Duplicate));
    CHECK(has(dupB, AuditFinding::Duplicate));
    CHECK(has(pubSam, AuditFinding::PublishedOnly));
    CHECK(std::none_of(rows.begin(), rows.end(), [&](const AuditRow& r) { return r.samAccountName == goodSam; }));
    for (const auto& r : rows)
        if (r.samAccountName == badSam) {
            std::vector<mapping::Reason> ids;
            for (const auto& x : r.reasons)
                ids.push_back(x.reason);
            CHECK(std::find(ids.begin(), ids.end(), mapping::Reason::ReversedDnOrder) != ids.end());
            CHECK(std::find(ids.begin(), ids.end(), mapping::Reason::SpaceAfterSeparator) != ids.end());
            CHECK(std::find(ids.begin(), ids.end(), mapping::Reason::HexSeparators) != ids.end());
        }

    // The CLI: CSV and JSON, exit 12 when there are findings.
    const std::vector<std::string> conn = {"directory",       "audit",          "--ldap",    dc().uri,
                                           "--ca-file",       dc().caFile,      "--bind-dn", dc().adminDn,
                                           "--password-file", dc().passwordFile};
    auto csvArgs = conn;
    csvArgs.insert(csvArgs.end(), {"--format", "csv"});
    auto csv = runEascert(csvArgs);
    CHECK(csv.exitCode == 12);
    CHECK(csv.out.rfind("finding,dn,sAMAccountName,value,reasons,detail\n", 0) == 0);
    CHECK(csv.out.find("weak-only,\"CN=" + weakSam) != std::string::npos);
    auto jsonArgs = conn;
    jsonArgs.insert(jsonArgs.end(), {"--format", "json"});
    auto json = runEascert(jsonArgs);
    CHECK(json.exitCode == 12);
    auto j = nlohmann::json::parse(json.out);
    CHECK(j["schema"] == "eascert.directory-audit.v1");
    CHECK(j["rows"].size() == j["summary"]["rows"].get<std::size_t>());
}
