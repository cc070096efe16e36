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

Diagnosis diagnose(const LiveEndpoint& e, const std::string& pfx, const std::string& sam,
                   std::vector<std::string> extra = {})
{
    const auto report = (e.tmp() / "report.html").string();
    const auto json = (e.tmp() / "report.json").string();
    std::vector<std::string> args{"diagnose",
                                  "--cert",
                                  pfx,
                                  "--cert-password-file",
                                  pfx + ".password",
                                  "--url",
                                  e.url(),
                                  "--endpoint-ca-file",
                                  e.caFile(),
                                  "--ldap",
                                  dc().uri,
                                  "--ca-file",
                                  dc().caFile,
                                  "--bind-dn",
                                  dc().adminDn,
                                  "--password-file",
                                  dc().passwordFile,
                                  "--user",
                                  sam,
                                  "--report",
                                  report,
                                  "--json",
                                  json};
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

}  // namespace

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
    // KB5057784: the standalone CA was not in NTAuth (Samba's forest has no store): the fix published
    // it, creating the store, and said so. Read back by ldapsearch.
    const auto& ca = labCa().der();
    CHECK(ntAuthCertificates() ==
          std::vector<std::string>{std::string(reinterpret_cast<const char*>(ca.data()), ca.size())});
    CHECK(d.process.out.find("NTAuth store now") != std::string::npos);
    CHECK(d.json["fix"]["ntAuth"]["published"] == true);

    // Undo from the backup takes back both, and deletes the store the fix created.
    const auto backup = d.json["fix"]["backupFile"].get<std::string>();
    auto undone = runEascert({"directory", "undo", "--backup", backup, "--yes", "--ldap", dc().uri, "--ca-file",
                              dc().caFile, "--bind-dn", dc().adminDn, "--password-file", dc().passwordFile});
    INFO(undone.out << undone.err);
    CHECK(undone.exitCode == 0);
    CHECK(undone.out.find("out of NTAuth again") != std::string::npos);
    CHECK(mappingValues(dn).empty());
    CHECK_FALSE(ntAuthCertificates().has_value());
    std::filesystem::remove(backup);
}

TEST_CASE("diagnose live: without Enterprise Admins rights the NTAuth publish is refused and nothing is written",
          "[live][diagnose]")
{
    LiveEndpoint e;
    const std::string sam = uniqueName("dnoea");
    const auto user = issueUser(sam);
    const auto dn = seedUser({sam});
    // An ordinary user binds: it may read the directory, not write the forest's configuration.
    const std::string clerk = uniqueName("clerk");
    const auto clerkDn = seedUser({clerk, {}, {}, false, "Clerk-pass-9Q!"});
    const auto clerkPassword = (e.tmp() / "clerk.password").string();
    REQUIRE(eascert::lab::writeFile(clerkPassword, std::string("Clerk-pass-9Q!\n"), true));
    const auto pfx = e.writePfx(user, kPfxPassword);
    auto r = runEascert({"diagnose",
                         "--cert",
                         pfx,
                         "--cert-password-file",
                         pfx + ".password",
                         "--url",
                         e.url(),
                         "--endpoint-ca-file",
                         e.caFile(),
                         "--ldap",
                         dc().uri,
                         "--ca-file",
                         dc().caFile,
                         "--bind-dn",
                         clerkDn,
                         "--password-file",
                         clerkPassword,
                         "--user",
                         sam,
                         "--fix",
                         "--yes",
                         "--backup",
                         (e.tmp() / "backup.json").string()});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 10);
    CHECK(r.err.find("Enterprise Admins") != std::string::npos);
    CHECK(r.err.find("certutil -dspublish -f") != std::string::npos);
    CHECK(mappingValues(dn).empty());                               // nothing written
    CHECK_FALSE(ntAuthCertificates().has_value());                  // not the store either
    CHECK_FALSE(std::filesystem::exists(e.tmp() / "backup.json"));  // and no backup of a change that never happened
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
    const NtAuthPublished ntAuth;  // a 2026 forest: the strong mapping and the issuing CA in NTAuth
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
