// `eascert diagnose --demo`: the seed report's story end to end on the embedded lab, as the README's
// main-job command runs it; and the command's refusals.

#include "CatchCompat.h"
#include "CliFixture.h"

TEST_CASE("diagnose --demo: 401.2, published only, strong mapping added, 200, report", "[cli][diagnose]")
{
    TempDir tmp;
    const auto lab = tmp / "lab";
    const auto r = runEascert({"diagnose", "--demo", "--demo-dir", lab.string()});
    INFO(r.err);
    CHECK(r.exitCode == 14);  // found and fixed
    CHECK(r.out.find("Fixed") != std::string::npos);
    const auto reportLine = r.out.find("Report: ");
    REQUIRE(reportLine != std::string::npos);
    const auto reportEnd = r.out.find('\n', reportLine);
    CHECK(hostPath(r.out.substr(reportLine + 8, reportEnd - reportLine - 8)) == lab / "report.html");
    // Progress on stderr, in order.
    const auto first = r.err.find("401.2: Mapping failed (401.2)");
    const auto fixing = r.err.find("applying: backup");
    const auto second = r.err.find("200: Authenticated");
    CHECK(first != std::string::npos);
    CHECK(fixing != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK((first < fixing && fixing < second));

    const auto json = nlohmann::json::parse(readText(lab / "report.json"));
    CHECK(json["schema"] == "eascert.report.v1");
    CHECK(json["verdict"]["id"] == "fixed");
    CHECK(json["findings"][0]["id"] == "published-only");
    CHECK(json["before"]["probe"]["http"]["status"] == 401);
    CHECK(json["before"]["probe"]["http"]["substatus"] == 2);
    CHECK(json["before"]["directory"]["certificatePublished"] == true);
    CHECK(json["after"]["probe"]["outcome"] == "authenticated");
    const auto added = json["fix"]["added"].at(0).get<std::string>();
    CHECK(added == json["before"]["directory"]["recommended"]);
    CHECK(added.rfind("X509:<I>DC=test,DC=contoso,CN=Contoso Standalone CA<SR>", 0) == 0);
    // The 2026 story (issue 15): the lab's servers logged the failure like real ones (IIS: 401 2 5; the
    // DC: 4768 for an X509N: name with 0x6), the directory lacked the mapping and NTAuth the CA; the
    // fix did both, and the logs after it show the fix and the first 200.
    const auto findingIds = [](const nlohmann::json& list) {
        std::vector<std::string> ids;
        for (const auto& f : list)
            ids.push_back(f["id"].get<std::string>());
        return ids;
    };
    const auto before = findingIds(json["findings"]);
    for (const char* id : {"kdc-principal-unknown", "iis-mapping-failed", "ntauth-issuer-absent"})
        CHECK(std::find(before.begin(), before.end(), id) != before.end());
    CHECK(findingIds(json["findingsAfterFix"]) == std::vector<std::string>{"healthy"});
    CHECK(json["fix"]["ntAuth"]["published"] == true);
    CHECK(readText(lab / "demo-directory.changes.ldif").find("dn: CN=NTAuthCertificates,") != std::string::npos);
    const auto iisLog = readText(hostPath(json["before"]["evidence"]["sources"][0]["path"].get<std::string>()));
    CHECK(iisLog.find(" 401 2 5 ") != std::string::npos);
    CHECK(iisLog.find(" 200 0 0 ") != std::string::npos);
    CHECK(readText(lab / "logs" / "dc-events.xml").find("X509N:&lt;S&gt;CN=usertest1") != std::string::npos);
    bool fixMark = false;
    for (const auto& mark : json["after"]["evidence"]["timeline"]["marks"])
        fixMark = fixMark || mark.value("fix", false);
    CHECK(fixMark);
    CHECK(readText(lab / "report.html").find("mark fix") != std::string::npos);

    // The change is in the lab's LDIF change file, the backup exists, no password anywhere.
    CHECK(readText(lab / "demo-directory.changes.ldif").find("add: altSecurityIdentities") != std::string::npos);
    CHECK(std::filesystem::exists(hostPath(json["fix"]["backupFile"].get<std::string>())));
    auto password = readText(lab / "usertest1.pfx.password");
    password.erase(password.find_last_not_of('\n') + 1);
    REQUIRE_FALSE(password.empty());
    for (const auto& text : {readText(lab / "report.html"), readText(lab / "report.json"), r.out, r.err})
        CHECK(text.find(password) == std::string::npos);

    // A second run starts a fresh lab: the same story again, not "already fixed".
    const auto again = runEascert({"diagnose", "--demo", "--demo-dir", lab.string(), "--quiet"});
    CHECK(again.exitCode == 14);
    CHECK(again.err.empty());
}

TEST_CASE("diagnose: refusals name the problem and the fix", "[cli][diagnose]")
{
    CliFixture f;
    const auto noCert =
        runEascert({"diagnose", "--url", "https://127.0.0.1:1/x", "--report", (f.dir / "r.html").string()});
    CHECK(noCert.exitCode == 2);
    CHECK(noCert.err.find("--cert") != std::string::npos);

    const auto nothing =
        runEascert({"diagnose", "--cert", f.userCer.string(), "--report", (f.dir / "r.html").string()});
    CHECK(nothing.exitCode == 2);
    CHECK(nothing.err.find("--url") != std::string::npos);

    const auto fixWithoutDirectory =
        runEascert({"diagnose", "--cert", f.userCer.string(), "--url", "https://127.0.0.1:1/x", "--fix", "--report",
                    (f.dir / "r.html").string()});
    CHECK(fixWithoutDirectory.exitCode == 2);
    CHECK(fixWithoutDirectory.err.find("--ldap") != std::string::npos);

    const auto jsonOnly = runEascert({"diagnose", "--cert", f.userCer.string(), "--url", "https://127.0.0.1:1/x",
                                      "--json", (f.dir / "r.json").string()});
    CHECK(jsonOnly.exitCode == 2);
    CHECK(jsonOnly.err.find("--json goes with --report") != std::string::npos);

    const auto demoAndUrl = runEascert({"diagnose", "--demo", "--url", "https://127.0.0.1:1/x"});
    CHECK(demoAndUrl.exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(f.dir / "r.html"));
}

TEST_CASE("diagnose: an endpoint that is not there is a finding, and the report is still written", "[cli][diagnose]")
{
    CliFixture f;
    const auto report = f.dir / "r.html";
    const auto json = f.dir / "r.json";
    const auto r = runEascert({"diagnose", "--cert", f.pfx.string(), "--cert-password-file", f.passwordFile.string(),
                               "--url", "https://127.0.0.1:1/Microsoft-Server-ActiveSync", "--no-proxy", "--timeout",
                               "5", "--report", report.string(), "--json", json.string()});
    INFO(r.err);
    CHECK(r.exitCode == 12);
    const auto j = nlohmann::json::parse(readText(json));
    CHECK(j["findings"][0]["id"] == "endpoint-unreachable");
    CHECK(j["notChecked"] == nlohmann::json::array({"directory"}));
    CHECK(readText(report).find("endpoint-unreachable") != std::string::npos);
}
