// `eascert diagnose` end to end: the real DC decides the lab endpoint's mapping (KB5014754 full
// enforcement) and is the directory the tool inspects and fixes. Each case checks the verdict, the
// top finding, the exit code and the JSON.

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "DcFixture.h"
#include "TempDir.h"

#include "eascert/mapping/Mapping.h"

using namespace eascert;

namespace {

constexpr const char* kPfxPassword = "pfx-Secret-4711";

struct Diagnosis
{
    ProcessResult process;
    nlohmann::json json;
    std::string html;
};

Diagnosis diagnose(const LiveEndpoint& e, const std::string& pfx, const std::string& sam, std::vector<std::string> extra = {})
{
    const auto report = (e.tmp() / "report.html").string();
    const auto json = (e.tmp() / "report.json").string();
    std::vector<std::string> args{"diagnose", "--cert", pfx, "--cert-password-file", pfx + ".password",
                                  "--url", e.url(), "--endpoint-ca-file", e.caFile(),
                                  "--ldap", dc().uri, "--ca-file", dc().caFile, "--bind-dn", dc().adminDn,
                                  "--password-file", dc().passwordFile, "--user", sam,
                                  "--report", report, "--json", json};
    args.insert(args.end(), extra.begin(), extra.end());
    Diagnosis d;
    d.process = runEascert(args);
    INFO(d.process.err);
    d.html = readText(report);
    const auto text = readText(json);
    REQUIRE_FALSE(text.empty());
    d.json = nlohmann::json::parse(text);
    // Neither password is anywhere in the output.
    const auto adminSecret = dc().adminPassword();
    const auto admin = adminSecret.view();
    for (const auto& output : {d.html, text, d.process.out, d.process.err}) {
        CHECK(output.find(kPfxPassword) == std::string::npos);
        CHECK(output.find(admin) == std::string::npos);
    }
    return d;
}

std::string topFinding(const nlohmann::json& j)
{
    return j["findings"].at(0)["id"].get<std::string>();
}

int status(const nlohmann::json& probe)
{
    return probe["http"]["status"].get<int>() * 10 + probe["http"]["substatus"].get<int>();
}

} // namespace

TEST_CASE("diagnose live: the seed's case, fixed with a strong mapping and tested again", "[live][diagnose]")
{
    LiveEndpoint e;
    const std::string sam = uniqueName("dseed");
    const auto user = issueUser(sam);
    const auto dn = seedUser({sam});
    const auto d = diagnose(e, e.writePfx(user, kPfxPassword), sam, {"--fix", "--yes"});

    CHECK(d.process.exitCode == 14);
    CHECK(d.json["schema"] == "eascert.report.v1");
    CHECK(d.json["verdict"]["id"] == "fixed");
    CHECK(topFinding(d.json) == "mapping-missing");
    CHECK(status(d.json["before"]["probe"]) == 4012);
    CHECK(d.json["after"]["probe"]["outcome"] == "authenticated");
    CHECK(d.json["after"]["directory"]["states"][0] == "ok");
    const auto strong = *mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial);
    CHECK(d.json["fix"]["added"] == nlohmann::json::array({strong}));
    CHECK(mappingValues(dn) == std::vector<std::string>{strong});  // read back by ldapsearch, not by the tool
    CHECK(std::filesystem::exists(d.json["fix"]["backupFile"].get<std::string>()));
    CHECK(d.process.out.find("Fixed") != std::string::npos);
    std::filesystem::remove(d.json["fix"]["backupFile"].get<std::string>());
}

TEST_CASE("diagnose live: a weak mapping under enforcement", "[live][diagnose]")
{
    LiveEndpoint e;
    const std::string sam = uniqueName("dweak");
    const auto user = issueUser(sam);
    const auto weak = *mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSubject);
    const auto dn = seedUser({sam, {weak}});
    const auto d = diagnose(e, e.writePfx(user, kPfxPassword), sam);

    CHECK(d.process.exitCode == 12);
    CHECK(d.json["verdict"]["id"] == "problem-found");
    CHECK(topFinding(d.json) == "weak-mapping-rejected");
    CHECK(d.json["findings"][0]["fixValue"] ==
          *mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial));
    CHECK(status(d.json["before"]["probe"]) == 4012);
    CHECK(d.json["fix"].is_null());
    CHECK(mappingValues(dn) == std::vector<std::string>{weak});  // no --fix: nothing written
}

TEST_CASE("diagnose live: the issuer is not in the server's CA list", "[live][diagnose]")
{
    // The endpoint trusts (and lists) another CA only.
    testpki::CertificateSpec other;
    other.subject = {{{"CN", "Fabrikam Root CA"}}};
    other.ca = true;
    const auto otherCa = testpki::make(other);
    LiveEndpoint e(otherCa);
    const std::string sam = uniqueName("dlist");
    const auto user = issueUser(sam);
    seedUser({sam, {*mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial)}});
    const auto d = diagnose(e, e.writePfx(user, kPfxPassword), sam);

    CHECK(d.process.exitCode == 12);
    CHECK(d.json["verdict"]["id"] == "problem-found");
    CHECK(topFinding(d.json) == "issuer-not-in-ca-list");
    CHECK(d.json["before"]["probe"]["issuerInCaList"] == false);
    CHECK(d.json["before"]["probe"]["caList"] == nlohmann::json::array({"CN=Fabrikam Root CA"}));
    CHECK(d.json["before"]["directory"]["states"][0] == "ok");
}

TEST_CASE("diagnose live: an expired certificate with a correct mapping", "[live][diagnose]")
{
    LiveEndpoint e;
    const std::string sam = uniqueName("dexp");
    auto spec = testpki::userSpec({{{"C", "US"}}, {{"O", "Contoso, Inc."}}, {{"CN", sam}}});
    spec.notBeforeOffset = -std::chrono::hours(24 * 30);
    spec.notAfterOffset = -std::chrono::hours(24);
    const auto user = testpki::make(spec, &labCa());
    seedUser({sam, {*mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial)}});
    const auto d = diagnose(e, e.writePfx(user, kPfxPassword), sam, {"--fix", "--yes"});

    CHECK(d.process.exitCode == 12);  // --fix has nothing to add: the mapping is right, the certificate is not
    CHECK(d.json["verdict"]["id"] == "problem-found");
    CHECK(topFinding(d.json) == "certificate-expired");
    CHECK(d.json["certificate"]["validity"] == "expired");
    CHECK(d.json["before"]["probe"]["outcome"] == "expired");
    CHECK(d.json["fix"].is_null());
}

TEST_CASE("diagnose live: a healthy setup", "[live][diagnose]")
{
    LiveEndpoint e;
    const std::string sam = uniqueName("dok");
    const auto user = issueUser(sam);
    seedUser({sam, {*mapping::buildMapping(testpki::parse(user).info(), mapping::MappingForm::IssuerSerial)}});
    const auto d = diagnose(e, e.writePfx(user, kPfxPassword), sam, {"--redact"});

    CHECK(d.process.exitCode == 0);
    CHECK(d.json["verdict"]["id"] == "healthy");
    CHECK(topFinding(d.json) == "healthy");
    CHECK(d.json["before"]["probe"]["outcome"] == "authenticated");
    // --redact: the account and the hosts are gone from both renderings.
    CHECK(d.json["environment"]["redacted"] == true);
    for (const auto& text : {d.html, d.json.dump()}) {
        CHECK(text.find(sam) == std::string::npos);
        CHECK(text.find("127.0.0.1") == std::string::npos);
    }
}
