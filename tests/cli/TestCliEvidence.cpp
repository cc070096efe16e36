// eascert evidence: the DC's events and the IIS log as an admin hands them over, tied to the
// certificate; JSON schema eascert.evidence.v1; bad files named, the rest still read.

#include "CatchCompat.h"

#include <fstream>

#include "CliFixture.h"
#include "EventFixtures.h"
#include "eascert/cert/Certificate.h"
#include "eascert/evidence/Event.h"
#include "eascert/lab/LabPki.h"
#include "eascert/support/Bytes.h"

namespace {

using eascert::evidence::Event;

Event event(std::uint32_t id, bool kdc, std::vector<std::pair<std::string, std::string>> data, std::string time)
{
    return eventfixture::make(id, kdc, std::move(data), std::move(time));
}

void write(const std::filesystem::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out);
}

const nlohmann::json* findingOf(const nlohmann::json& j, const std::string& id)
{
    for (const auto& f : j["findings"])
        if (f["id"] == id)
            return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("evidence: the DC's events and the IIS log, matched to the certificate", "[cli][evidence]")
{
    CliFixture fx;
    const auto der = readText(fx.userCer);
    const auto cert = eascert::cert::Certificate::fromDer(eascert::toBytes(der));
    REQUIRE(cert);
    const std::string thumbprint = eascert::toHex(cert->info().sha1Thumbprint);

    const std::vector<Event> events{
        event(4768, false,
              {{"TargetUserName", "X509N:<S>C=US,S=Bavaria,O=\"Contoso, Inc.\",CN=usertest1,E=usertest1@contoso.test"},
               {"Status", "0x6"},
               {"CertThumbprint", ""}},
              "2026-12-01T09:28:18.1000000Z"),
        event(4768, false, {{"TargetUserName", "X509N:<S>CN=somebody-else"}, {"Status", "0x6"}},
              "2026-12-01T09:28:30Z"),
        event(4768, false, {{"TargetUserName", "guest"}, {"Status", "0x6"}}, "2026-12-01T09:28:31Z"),  // a spray
        event(45, true, {{"AccountName", "usertest1"}, {"Thumbprint", thumbprint}}, "2026-12-01T09:28:19Z"),
        event(39, true, {{"AccountName", "old"}, {"Thumbprint", std::string(40, 'A')}}, "2026-11-01T09:00:00Z"),
    };
    const auto xml = fx.dir / "dc-security.xml";
    std::string joined;
    for (const auto& e : events)
        joined += eascert::evidence::toEventXml(e) + "\r\n";
    write(xml, joined);
    const auto log = fx.dir / "u_ex261201.log";
    write(log, "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
               "#Fields: date time cs-method cs-uri-stem cs-uri-query cs-username c-ip cs(User-Agent) sc-status "
               "sc-substatus sc-win32-status\r\n"
               "2026-12-01 09:28:18 OPTIONS /Microsoft-Server-ActiveSync/default.eas User=usertest1&DeviceId=ApplF17&"
               "DeviceType=iPhone&Cmd=Ping - 192.0.2.20 Apple-iPhone 401 2 5\r\n"
               "2026-12-01 09:29:18 POST /Microsoft-Server-ActiveSync/default.eas User=usertest1&DeviceId=ApplF17&"
               "DeviceType=iPhone&Cmd=Sync - 192.0.2.20 401 2 5\r\n");  // one field short: damaged

    const auto r = runEascert(
        {"evidence", xml.string(), log.string(), "--cert", fx.userCer.string(), "--account", "usertest1", "--json"});
    INFO(r.err);
    CHECK(r.exitCode == 12);
    const auto j = parseJson(r);
    CHECK(j["schema"] == "eascert.evidence.v1");
    REQUIRE(j["sources"].size() == 2);
    CHECK(j["sources"][0]["format"] == "event-xml");
    CHECK(j["sources"][0]["records"] == 5);
    CHECK(j["sources"][1]["format"] == "iis-w3c");
    CHECK(j["sources"][1]["records"] == 1);
    CHECK(j["sources"][1]["errors"] == 1);

    const auto* unknown = findingOf(j, "kdc-principal-unknown");
    REQUIRE(unknown);
    CHECK((*unknown)["certificateMatch"] == "subject");
    CHECK((*unknown)["evidence"]["count"] == "1");  // somebody-else's and the spray's are not ours
    const auto* ntauth = findingOf(j, "ntauth-chain-missing");
    REQUIRE(ntauth);
    CHECK((*ntauth)["certificateMatch"] == "thumbprint");
    CHECK((*ntauth)["severity"] == "warning");
    CHECK(findingOf(j, "kdc-weak-mapping") == nullptr);  // event 39 is another certificate's
    const auto* iis = findingOf(j, "iis-mapping-failed");
    REQUIRE(iis);
    CHECK((*iis)["evidence"]["device"] == "iPhone ApplF17");

    std::size_t ours = 0, iisRows = 0;
    for (const auto& e : j["events"]) {
        ours += e["ours"].get<bool>() ? 1 : 0;
        if (e["kind"] == "iis-request") {
            ++iisRows;
            CHECK(e["status"] == 401);
            CHECK(e["substatus"] == 2);
            CHECK(e["win32Status"] == 5);
            CHECK(e["deviceId"] == "ApplF17");
        }
    }
    CHECK(iisRows == 1);
    CHECK(ours == 3);  // our 4768, our 45, our 401.2

    // --since drops what came before; the text output names the match.
    const auto since =
        runEascert({"evidence", xml.string(), "--cert", fx.userCer.string(), "--since", "2026-12-01 09:28:19"});
    CHECK(since.exitCode == 12);
    CHECK_THAT(since.out, Catch::Matchers::Contains("The issuing CA is not trusted for sign-in"));
    CHECK_THAT(since.out, Catch::Matchers::Contains("matched by the certificate's thumbprint"));
    CHECK_FALSE(since.out.find("found no account") != std::string::npos);

    // diagnose folds the same evidence into its verdict and report; evidence alone is something to check.
    const auto report = fx.dir / "report.html";
    const auto diagnose =
        runEascert({"diagnose", "--cert", fx.userCer.string(), "--evidence", xml.string(), log.string(), "--report",
                    report.string(), "--json", (fx.dir / "report.json").string()});
    INFO(diagnose.err);
    CHECK(diagnose.exitCode == 12);
    CHECK_THAT(diagnose.out, Catch::Matchers::Contains("The domain controller found no account for the certificate"));
    CHECK_THAT(diagnose.out, Catch::Matchers::Contains("IIS could not map the certificate (401.2 in the IIS log)"));
    const auto reportJson = nlohmann::json::parse(readText(fx.dir / "report.json"), nullptr, false);
    REQUIRE_FALSE(reportJson.is_discarded());
    CHECK(reportJson.dump().find("kdc-principal-unknown") != std::string::npos);
    const std::string html = readText(report);
    CHECK(html.find("The domain controller found no account for the certificate") != std::string::npos);
    // The evidence section: the files, the timeline (the 401.2 as a bar, the DC's 4768 and 45 as marks),
    // our records with how they matched, nobody else's.
    CHECK(html.find("Evidence from the servers") != std::string::npos);
    CHECK(html.find("<svg class=\"timeline\"") != std::string::npos);
    CHECK(html.find("<rect class=\"bar-failed\"") != std::string::npos);
    CHECK(html.find(">4768</text>") != std::string::npos);
    CHECK(html.find("matched by the certificate&apos;s thumbprint") != std::string::npos);
    CHECK(html.find("somebody-else") == std::string::npos);
    const auto model = reportJson["before"]["evidence"];
    REQUIRE(model.is_object());
    CHECK(model["sources"].size() == 2);
    CHECK(model["matched"].size() == 2);  // the DC's events; the IIS request names no certificate and no known account
    CHECK(model["timeline"]["bars"].size() == 1);

    // Redacted: the DC's name and the account are replaced in the evidence too.
    const auto redactedPath = fx.dir / "redacted.html";
    const auto redacted = runEascert({"diagnose", "--cert", fx.userCer.string(), "--evidence", xml.string(),
                                      log.string(), "--report", redactedPath.string(), "--redact"});
    CHECK(redacted.exitCode == 12);
    const std::string anonymous = readText(redactedPath);
    CHECK(anonymous.find("Evidence from the servers") != std::string::npos);
    CHECK(anonymous.find("DC1.contoso.com") == std::string::npos);
    CHECK(anonymous.find("usertest1") == std::string::npos);

    const auto bad = runEascert({"diagnose", "--cert", fx.userCer.string(), "--evidence", fx.userCer.string()});
    CHECK(bad.exitCode == 3);
    CHECK_THAT(bad.err, Catch::Matchers::Contains("not a known evidence format"));
}

TEST_CASE("evidence: unknown, empty and damaged files get a clear error; the others are still read", "[cli][evidence]")
{
    CliFixture fx;
    const auto seed = fx.dir / "seed.txt";
    write(seed,
          "Log Name: Security Source: Microsoft-Windows-Security-Auditing Date: 26.11.2012 14:03:32 Event ID: 4768 "
          "Computer: TESTEXC.internal.contoso.com Description: A Kerberos authentication ticket (TGT) was requested.\n"
          "Account Information: Account Name: X509N:CN=usertest1 Supplied Realm Name: contoso.com\n"
          "Additional Information: Result Code: 0\xC3\x97"
          "6\n");
    const auto pdf = fx.dir / "ticket.pdf";
    write(pdf, "%PDF-1.7\n1 0 obj\n");
    const auto empty = fx.dir / "empty.log";
    write(empty, "");

    const auto r = runEascert({"evidence", seed.string(), pdf.string(), empty.string(), "--json"});
    CHECK(r.exitCode == 3);
    CHECK_THAT(r.err, Catch::Matchers::Contains("not a known evidence format"));
    CHECK_THAT(r.err, Catch::Matchers::Contains("empty"));
    const auto j = parseJson(r);
    REQUIRE(j["sources"].size() == 3);
    CHECK(j["sources"][0]["format"] == "event-text");
    CHECK(j["sources"][1]["error"]["code"] == "unrecognized-format");
    CHECK(j["sources"][2]["error"]["code"] == "empty-file");
    REQUIRE(findingOf(j, "kdc-principal-unknown"));
    CHECK((*findingOf(j, "kdc-principal-unknown"))["evidence"]["name"] == "CN=usertest1");

    const auto missing = runEascert({"evidence", (fx.dir / "nope.evtx").string()});
    CHECK(missing.exitCode == 3);
    CHECK(lineCount(missing.err) == 1);
    const auto badSince = runEascert({"evidence", seed.string(), "--since", "yesterday"});
    CHECK(badSince.exitCode == 2);
    CHECK_THAT(badSince.err, Catch::Matchers::Contains("--since"));
}

TEST_CASE("evidence: bytes that are not UTF-8 are kept and shown, and the JSON stays valid", "[cli][evidence]")
{
    CliFixture fx;
    const auto ansi = fx.dir / "ansi.txt";
    // An ANSI (Windows-1252) export: "Müller" with 0xFC, and a stray 0x81 the code page leaves undefined.
    write(ansi, "Log Name:      Security\r\nSource:        Microsoft-Windows-Security-Auditing\r\n"
                "Event ID:      4768\r\nDescription:\r\nA Kerberos authentication ticket (TGT) was requested.\r\n"
                "\tAccount Name:\t\tX509N:<S>CN=M\xFCller\x81\r\n\tResult Code:\t\t0x6\r\n");
    const auto r = runEascert({"evidence", ansi.string(), "--json"});
    CHECK(r.exitCode == 12);
    const auto j = parseJson(r);
    const auto name = (*findingOf(j, "kdc-principal-unknown"))["evidence"]["name"].get<std::string>();
    CHECK(name.starts_with("<S>CN=M\xC3\xBCller"));
    CHECK(name.size() > std::string("<S>CN=M\xC3\xBCller").size());  // the 0x81 is kept, as a character
}

TEST_CASE("evidence: live logs are read on Windows; elsewhere, or where the API cannot, the error names the export",
          "[cli][evidence]")
{
    // Nothing to read at all: a usage error that lists the inputs.
    const auto none = runEascert({"evidence"});
    CHECK(none.exitCode == 2);
    CHECK(none.err.find("--live CHANNEL") != std::string::npos);

    // A DC's live Security log: on Linux never (export it); under Wine its event log API has no remote
    // sessions. Either way the error says what to do, and no "no problem" verdict follows.
    const auto remote = runEascert({"evidence", "--live", "Security", "--computer", "DC1.contoso.test"});
    INFO(remote.out << remote.err);
    if (remote.exitCode != 0 && remote.exitCode != 12) {
        CHECK(remote.err.find("wevtutil") != std::string::npos);
        CHECK(remote.out.find("No certificate sign-in problem") == std::string::npos);
    } else {
        CHECK(remote.out.find("Security on DC1.contoso.test") !=
              std::string::npos);  // a real Windows with the DC there
    }
    if (!runsOtherEascert()) {
        CHECK(remote.exitCode != 0);
        const auto local = runEascert({"evidence", "--local-iis-config"});
        CHECK(local.exitCode != 0);
        CHECK(local.err.find("applicationHost.config") != std::string::npos);
    }
}
