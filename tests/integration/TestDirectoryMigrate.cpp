// eascert directory migrate against the real DC: accounts in every state, a change made between plan
// and apply, an apply killed half-way and resumed, a bind without write rights, undo of the whole run.
// Every test works in an OU of its own (--base), so the domain's other accounts are never touched.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "DcFixture.h"

#include "eascert/directory/Ldif.h"
#include "eascert/directory/Migration.h"
#include "eascert/mapping/Mapping.h"

extern char** environ;

using namespace eascert;
using namespace eascert::directory;

namespace {

std::vector<std::string> adminConn()
{
    return {"--ldap",    dc().uri,     "--ca-file",       dc().caFile,
            "--bind-dn", dc().adminDn, "--password-file", dc().passwordFile};
}

std::vector<std::string> migrate(const std::string& ou, std::vector<std::string> extra)
{
    std::vector<std::string> args = {"directory", "migrate"};
    const auto conn = adminConn();
    args.insert(args.end(), conn.begin(), conn.end());
    args.insert(args.end(), {"--base", ou});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

void writeText(const std::filesystem::path& p, const std::string& s)
{
    std::ofstream(p, std::ios::binary) << s;
}

void writeDer(const std::filesystem::path& p, const Bytes& der)
{
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
}

std::string strongOf(const testpki::IssuedCertificate& c)
{
    return *mapping::buildMapping(testpki::parse(c).info(), mapping::MappingForm::IssuerSerial);
}

std::string weakOf(const testpki::IssuedCertificate& c)
{
    return *mapping::buildMapping(testpki::parse(c).info(), mapping::MappingForm::IssuerSubject);
}

const nlohmann::json& row(const nlohmann::json& plan, const std::string& sam)
{
    for (const auto& a : plan["accounts"])
        if (a["sAMAccountName"] == sam)
            return a;
    FAIL("no plan row for " << sam);
    static const nlohmann::json none;
    return none;
}

std::vector<std::string> sorted(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

std::size_t countLines(const std::filesystem::path& p, const std::string& needle)
{
    std::ifstream in(p);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line))
        n += line.find(needle) != std::string::npos;
    return n;
}

}  // namespace

TEST_CASE("live: migrate plans every state, with certificates from the directory, files, a CA export and a map",
          "[live][migrate]")
{
    TempDir tmp;
    const auto ou = seedOu(uniqueName("mig"));
    std::filesystem::create_directories(tmp / "certs" / "sub");

    const std::string pub = uniqueName("mpub");
    const auto pubCert = issueUser(pub);
    seedUser({pub, {}, {pubCert.der()}, false, "", "", ou});

    const std::string weak = uniqueName("mweak");
    const auto weakCert = issueUser(weak);
    seedUser({weak, {weakOf(weakCert)}, {}, false, "", "", ou});
    writeDer(tmp / "certs" / "sub" / "weak.cer", weakCert.der());

    const std::string nearSam = uniqueName("mnear");
    const auto nearCert = issueUser(nearSam);
    const auto nearInfo = testpki::parse(nearCert).info();
    const std::string nearValue =
        "X509:<I>DC=test,DC=contoso,CN=Contoso Standalone CA<SR>" + toHex(nearInfo.serialMagnitude());
    seedUser({nearSam, {nearValue}, {nearCert.der()}, false, "", "", ou});

    const std::string strong = uniqueName("mstrong");
    const auto strongCert = issueUser(strong);
    seedUser({strong, {strongOf(strongCert)}, {strongCert.der()}, false, "", "", ou});

    const std::string orphan = uniqueName("morphan");
    seedUser({orphan, {weakOf(issueUser(orphan))}, {}, false, "", "", ou});

    const std::string expired = uniqueName("mexp");
    auto expSpec = testpki::userSpec({{{"CN", expired}}});
    expSpec.notBeforeOffset = -std::chrono::hours(24 * 400);
    expSpec.notAfterOffset = -std::chrono::hours(24);
    seedUser({expired, {}, {testpki::make(expSpec, &labCa()).der()}, false, "", "", ou});

    const std::string server = uniqueName("msrv");
    auto srvSpec = testpki::userSpec({{{"CN", server}}});
    srvSpec.clientAuth = false;
    srvSpec.serverNames = {"srv.contoso.test"};
    seedUser({server, {}, {testpki::make(srvSpec, &labCa()).der()}, false, "", "", ou});

    const std::string sharedA = uniqueName("mshra");
    const std::string sharedB = uniqueName("mshrb");
    const auto sharedCert = issueUser(uniqueName("mshared"));
    seedUser({sharedA, {}, {sharedCert.der()}, false, "", "", ou});
    seedUser({sharedB, {}, {sharedCert.der()}, false, "", "", ou});

    const std::string upnSam = uniqueName("mupn");
    auto upnSpec = testpki::userSpec({{{"CN", "Someone Else"}}});
    upnSpec.upns = {upnSam + "@contoso.test"};
    writeDer(tmp / "certs" / "upn.crt", testpki::make(upnSpec, &labCa()).der());
    seedUser({upnSam, {}, {}, false, "", "", ou});

    const std::string mapSam = uniqueName("mmap");
    writeText(tmp / "map-cert.pem", issueUser("Not The Logon Name").pem());
    writeText(tmp / "map.csv", "sAMAccountName,certificate\n" + mapSam + ",map-cert.pem\nnobody,missing.cer\n");
    seedUser({mapSam, {}, {}, false, "", "", ou});

    const std::string exportSam = uniqueName("mexport");
    auto pem = issueUser(exportSam).pem();
    std::string crlf;
    for (char c : pem)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    writeText(tmp / "issued.csv",
              "\"Issued Request ID\",\"Binary Certificate\"\r\n\"17\",\"" + crlf + "\"\r\n\"18\",\"EMPTY\"\r\n");
    seedUser({exportSam, {}, {}, false, "", "", ou});

    const std::string nothing = uniqueName("mnothing");
    seedUser({nothing, {}, {}, false, "", "", ou});

    auto r = runEascert(migrate(ou, {"--from-published", "--certs", (tmp / "certs").string(), "--ca-export",
                                     (tmp / "issued.csv").string(), "--map", (tmp / "map.csv").string(), "--prune-weak",
                                     "--format", "json", "--plan", (tmp / "plan.json").string()}));
    INFO(r.err);
    REQUIRE(r.exitCode == 12);  // there is work to do
    auto plan = nlohmann::json::parse(r.out);
    CHECK(plan["schema"] == "eascert.migration-plan.v1");
    CHECK(nlohmann::json::parse(readText(tmp / "plan.json")) == plan);

    CHECK(row(plan, pub)["action"] == "add");
    CHECK(row(plan, pub)["add"] == nlohmann::json::array({strongOf(pubCert)}));
    CHECK(row(plan, pub)["certificates"][0]["matchedBy"] == "published");

    CHECK(row(plan, weak)["action"] == "add");
    CHECK(row(plan, weak)["add"] == nlohmann::json::array({strongOf(weakCert)}));
    CHECK(row(plan, weak)["remove"] == nlohmann::json::array({weakOf(weakCert)}));
    CHECK(row(plan, weak)["certificates"][0]["matchedBy"] == "existing-mapping");
    CHECK(row(plan, weak)["certificate"]["source"].get<std::string>().find("weak.cer") != std::string::npos);

    CHECK(row(plan, nearSam)["action"] == "add");
    CHECK(row(plan, nearSam)["remove"] == nlohmann::json::array({nearValue}));

    CHECK(row(plan, strong)["action"] == "none");
    CHECK(row(plan, strong)["certificates"][0]["use"] == "already-strong");

    CHECK(row(plan, orphan)["action"] == "skip");
    CHECK(row(plan, orphan)["reason"] == "no-certificate");
    CHECK(row(plan, expired)["reason"] == "expired");
    CHECK(row(plan, expired)["add"].empty());
    CHECK(row(plan, server)["reason"] == "not-client-auth");
    CHECK(row(plan, sharedA)["reason"] == "shared-certificate");
    CHECK(row(plan, sharedB)["reason"] == "shared-certificate");
    CHECK(row(plan, sharedA)["detail"].get<std::string>().find(sharedB) != std::string::npos);

    CHECK(row(plan, upnSam)["action"] == "add");
    CHECK(row(plan, upnSam)["certificates"][0]["matchedBy"] == "upn");
    CHECK(row(plan, mapSam)["action"] == "add");
    CHECK(row(plan, mapSam)["certificates"][0]["matchedBy"] == "map-file");
    CHECK(row(plan, exportSam)["action"] == "add");
    CHECK(row(plan, exportSam)["certificates"][0]["matchedBy"] == "common-name");
    CHECK(row(plan, exportSam)["certificate"]["source"].get<std::string>().find("request 17") != std::string::npos);

    for (const auto& a : plan["accounts"])
        CHECK(a["sAMAccountName"] != nothing);  // nothing to migrate: counted, not listed
    CHECK(plan["summary"]["withoutCertificate"].get<int>() >= 1);
    bool missingNamed = false;
    for (const auto& p : plan["sourceProblems"])
        missingNamed = missingNamed || p.get<std::string>().find("missing.cer") != std::string::npos;
    CHECK(missingNamed);

    // Without --prune-weak nothing is ever removed.
    auto keep = runEascert(migrate(ou, {"--from-published", "--certs", (tmp / "certs").string(), "--format", "json"}));
    auto keepPlan = nlohmann::json::parse(keep.out);
    for (const auto& a : keepPlan["accounts"])
        CHECK(a["remove"].empty());

    // The same plan as LDIF, PowerShell and CSV.
    auto ldif = runEascert(migrate(ou, {"--from-published", "--format", "ldif"}));
    CHECK(ldif.out.find("add: altSecurityIdentities") != std::string::npos);
    auto ps = runEascert(migrate(ou, {"--from-published", "--format", "powershell"}));
    CHECK(ps.out.find("Set-ADUser -Identity 'CN=" + pub) != std::string::npos);
    auto csv = runEascert(migrate(ou, {"--from-published", "--format", "csv"}));
    CHECK(csv.out.rfind("dn,sAMAccountName,action,", 0) == 0);
}

TEST_CASE("live: migrate applies a plan file, skips an account changed since, reports, and undoes exactly",
          "[live][migrate]")
{
    TempDir tmp;
    const auto ou = seedOu(uniqueName("mig"));
    std::vector<std::string> dns, sams;
    std::vector<testpki::IssuedCertificate> certs;
    for (int i = 0; i < 4; ++i) {
        sams.push_back(uniqueName("mapp"));
        certs.push_back(issueUser(sams.back()));
        dns.push_back(seedUser({sams.back(),
                                {weakOf(certs.back()), "Kerberos:someone@CONTOSO.TEST"},
                                {certs.back().der()},
                                false,
                                "",
                                "",
                                ou}));
    }
    std::map<std::string, std::vector<std::string>> before;
    for (const auto& dn : dns)
        before[dn] = mappingValues(dn);

    const auto planFile = (tmp / "plan.json").string();
    auto planned = runEascert(migrate(ou, {"--from-published", "--prune-weak", "--plan", planFile}));
    REQUIRE(planned.exitCode == 12);

    // Someone else changes account 0 between the plan and the apply.
    ldapModify(ldifAttribute("dn", dns[0]) + "changetype: modify\nadd: altSecurityIdentities\naltSecurityIdentities: "
                                             "X509:<RFC822>other@contoso.test\n-\n\n");

    const auto journal = (tmp / "run.journal").string();
    auto applied = runEascert(migrate(ou, {"--apply", "--plan", planFile, "--journal", journal, "--yes", "--report",
                                           (tmp / "apply.html").string(), "--format", "json"}));
    INFO(applied.err);
    CHECK(applied.exitCode == 12);  // one conflict
    auto run = nlohmann::json::parse(applied.out);
    CHECK(run["conflicts"] == 1);
    CHECK(run["done"] == 3);
    // The changed account: untouched by us.
    CHECK(mappingValues(dns[0]) ==
          sorted({weakOf(certs[0]), "Kerberos:someone@CONTOSO.TEST", "X509:<RFC822>other@contoso.test"}));
    for (int i = 1; i < 4; ++i)
        CHECK(mappingValues(dns[i]) == sorted({strongOf(certs[i]), "Kerberos:someone@CONTOSO.TEST"}));
    const auto html = readText(tmp / "apply.html");
    CHECK(html.find("Migration to strong mappings") != std::string::npos);
    CHECK(html.find(sams[1]) != std::string::npos);
    CHECK(html.find("conflict") != std::string::npos);

    // Applying the same plan with the same journal again writes nothing twice.
    auto again =
        runEascert(migrate(ou, {"--apply", "--plan", planFile, "--journal", journal, "--yes", "--format", "json"}));
    auto againRun = nlohmann::json::parse(again.out);
    CHECK(againRun["resumed"] == true);
    for (int i = 1; i < 4; ++i)
        CHECK(mappingValues(dns[i]) == sorted({strongOf(certs[i]), "Kerberos:someone@CONTOSO.TEST"}));

    // Someone adds a value to account 2 after the run: undo keeps it and reverts only ours.
    ldapModify(ldifAttribute("dn", dns[2]) +
               "changetype: modify\nadd: altSecurityIdentities\naltSecurityIdentities: X509:<SKI>0102030405\n-\n\n");
    auto undone = runEascert(migrate(ou, {"--undo", journal, "--yes", "--format", "json"}));
    INFO(undone.err);
    CHECK(undone.exitCode == 0);
    CHECK(mappingValues(dns[1]) == before[dns[1]]);
    CHECK(mappingValues(dns[3]) == before[dns[3]]);
    CHECK(mappingValues(dns[2]) == sorted({weakOf(certs[2]), "Kerberos:someone@CONTOSO.TEST", "X509:<SKI>0102030405"}));
    CHECK(mappingValues(dns[0]) ==
          sorted({weakOf(certs[0]), "Kerberos:someone@CONTOSO.TEST", "X509:<RFC822>other@contoso.test"}));
    auto undoRun = nlohmann::json::parse(undone.out);
    CHECK(undoRun["done"] == 3);

    // A plan file that is not one: a clear error, nothing written.
    writeText(tmp / "bad.json",
              R"({"schema":"eascert.migration-plan.v1","accounts":[{"dn":"CN=x","action":"delete-everything"}]})");
    auto bad = runEascert(migrate(
        ou, {"--apply", "--plan", (tmp / "bad.json").string(), "--journal", (tmp / "bad.journal").string(), "--yes"}));
    CHECK(bad.exitCode == 3);
    CHECK(bad.err.find("not a migration plan") != std::string::npos);
    CHECK(!std::filesystem::exists(tmp / "bad.journal"));
}

TEST_CASE("live: migrate killed half-way resumes with the same command, and undo restores every account",
          "[live][migrate]")
{
    TempDir tmp;
    const auto ou = seedOu(uniqueName("mig"));
    constexpr int kAccounts = 240;
    std::string ldif;
    std::vector<std::string> dns;
    std::vector<testpki::IssuedCertificate> certs;
    const auto prefix = uniqueName("mk");
    for (int i = 0; i < kAccounts; ++i) {
        const std::string sam = prefix + std::to_string(i);
        certs.push_back(issueUser(sam));
        const std::string dn = "CN=" + sam + "," + ou;
        dns.push_back(dn);
        const auto der = certs.back().der();
        ldif += ldifAttribute("dn", dn) + "changetype: add\nobjectClass: user\n" +
                ldifAttribute("sAMAccountName", sam) + ldifAttribute("altSecurityIdentities", weakOf(certs.back())) +
                ldifAttribute("userCertificate", std::string(reinterpret_cast<const char*>(der.data()), der.size())) +
                "userAccountControl: 544\n\n";
    }
    ldapModify(ldif);

    const auto journal = tmp / "run.journal";
    auto args = migrate(ou, {"--from-published", "--prune-weak", "--apply", "--journal", journal.string(), "--yes"});
    std::vector<char*> argv;
    std::string program = EASCERT_CLI;
    argv.push_back(program.data());
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    REQUIRE(posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    // Kill it once it has journaled the first batch and begun writing.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (countLines(journal, "\"kind\":\"begin\"") < 100 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // killed, not finished
    const auto doneBefore = countLines(journal, "\"kind\":\"done\"");
    CHECK(doneBefore < kAccounts);
    std::size_t strongAlready = 0;
    for (int i = 0; i < kAccounts; ++i) {
        const auto v = mappingValues(dns[i]);
        strongAlready += std::find(v.begin(), v.end(), strongOf(certs[i])) != v.end();
    }
    INFO("killed after " << doneBefore << " journaled done, " << strongAlready << " accounts written");
    CHECK(strongAlready < static_cast<std::size_t>(kAccounts));

    // The same command again continues where it stopped.
    auto resumed = runEascert(args);
    INFO(resumed.err);
    CHECK(resumed.exitCode == 0);
    CHECK(resumed.out.find("Resuming") != std::string::npos);
    for (int i = 0; i < kAccounts; ++i)
        CHECK(mappingValues(dns[i]) == std::vector<std::string>{strongOf(certs[i])});
    CHECK(countLines(journal, "\"kind\":\"done\"") == static_cast<std::size_t>(kAccounts));

    auto undone = runEascert(migrate(ou, {"--undo", journal.string(), "--yes"}));
    INFO(undone.err);
    CHECK(undone.exitCode == 0);
    for (int i = 0; i < kAccounts; ++i)
        CHECK(mappingValues(dns[i]) == std::vector<std::string>{weakOf(certs[i])});
}

TEST_CASE("live: migrate without write rights stops at the first refusal with nothing written", "[live][migrate]")
{
    TempDir tmp;
    const auto ou = seedOu(uniqueName("mig"));
    std::vector<std::string> dns;
    for (int i = 0; i < 3; ++i) {
        const auto sam = uniqueName("mro");
        dns.push_back(seedUser({sam, {}, {issueUser(sam).der()}, false, "", "", ou}));
    }
    const std::string reader = uniqueName("mreader");
    const std::string password = "Rd-" + uniqueName("pw") + "-9x!";
    const auto readerDn = seedUser({reader, {}, {}, false, password});
    writeText(tmp / "reader.password", password + "\n");
    std::vector<std::string> args = {"directory",
                                     "migrate",
                                     "--ldap",
                                     dc().uri,
                                     "--ca-file",
                                     dc().caFile,
                                     "--bind-dn",
                                     readerDn,
                                     "--password-file",
                                     (tmp / "reader.password").string(),
                                     "--base",
                                     ou,
                                     "--from-published",
                                     "--apply",
                                     "--journal",
                                     (tmp / "ro.journal").string(),
                                     "--yes"};
    auto r = runEascert(args);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 10);
    CHECK(r.err.find("rights") != std::string::npos);
    for (const auto& dn : dns)
        CHECK(mappingValues(dn).empty());
    CHECK(countLines(tmp / "ro.journal", "\"kind\":\"done\"") == 0);
    CHECK(countLines(tmp / "ro.journal", "\"kind\":\"failed\"") == 0);  // a stop, not a per-account failure
}
