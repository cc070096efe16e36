// The CLI as an admin meets it: the first run, an offline fix that says exactly what happened, a
// real ldifde export, and diagnose without a report file.

#include "CatchCompat.h"
#include "CliFixture.h"

#include <set>
#include <sstream>

#include "HostileServer.h"
#include "eascert/support/Base64.h"

namespace {

struct LabFolder
{
    TempDir tmp;
    std::filesystem::path dir = tmp / "lab";
    ProcessResult written = runEascert({"lab", "pki", "--out", dir.string()});
    std::filesystem::path pfx = dir / "usertest1.pfx";
    std::filesystem::path password = dir / "usertest1.pfx.password";
    std::filesystem::path ldif = dir / "demo-directory.ldif";
};

std::string ldifdeFold(const std::string& line)
{
    std::string out = line.substr(0, 80) + "\r\n";
    for (std::size_t pos = 80; pos < line.size(); pos += 79)
        out += " " + line.substr(pos, 79) + "\r\n";
    return out;
}

}  // namespace

TEST_CASE("cli: eascert alone or a typo prints a short usage that starts with the demo", "[cli][first-run]")
{
    const auto bare = runEascert({});
    CHECK(bare.exitCode == 2);
    CHECK(bare.err.find("A subcommand is required") == std::string::npos);
    const auto demo = bare.err.find("eascert diagnose --demo");
    REQUIRE(demo != std::string::npos);
    CHECK(demo < bare.err.find("eascert directory inspect"));

    const auto typo = runEascert({"diagnos", "--demo"});
    CHECK(typo.exitCode == 2);
    CHECK(typo.err.find("\"diagnos\" is not a command. Did you mean diagnose?") != std::string::npos);
    CHECK(runEascert({"directry"}).err.find("Did you mean directory?") != std::string::npos);
    CHECK(runEascert({"zzzzzz"}).err.find("Did you mean") == std::string::npos);

    // --help: the examples first, diagnose the first command listed.
    const auto help = runEascert({"--help"});
    CHECK(help.exitCode == 0);
    const auto example = help.out.find("eascert diagnose --demo");
    const auto options = help.out.find("Options:");
    REQUIRE(example != std::string::npos);
    CHECK(example < options);
    const auto subcommands = help.out.find("Subcommands:");
    REQUIRE(subcommands != std::string::npos);
    CHECK(help.out.find("diagnose", subcommands) < help.out.find("probe", subcommands));
}

TEST_CASE("cli: lab pki aligns its columns, writes the demo LDIF and says what to run next", "[cli][first-run]")
{
    LabFolder lab;
    INFO(lab.written.out << lab.written.err);
    REQUIRE(lab.written.exitCode == 0);
    CHECK(std::filesystem::exists(lab.ldif));
    // Every file row's description starts in the same column.
    std::set<std::size_t> columns;
    std::istringstream lines(lab.written.out.substr(0, lab.written.out.find("\nNext:")));
    std::string line;
    std::getline(lines, line);  // "Demo lab written to ..."
    while (std::getline(lines, line)) {
        const auto gap = line.find("  ", 2);
        REQUIRE(gap != std::string::npos);
        columns.insert(line.find_first_not_of(' ', gap));
    }
    CHECK(columns.size() == 1);
    CHECK(lab.written.out.find("Next:\n  eascert directory inspect --ldif") != std::string::npos);
    // The command it suggests works.
    const auto inspect = runEascert(
        {"directory", "inspect", "--ldif", lab.ldif.string(), "--cert", (lab.dir / "usertest1.cer").string()});
    INFO(inspect.out << inspect.err);
    CHECK(inspect.exitCode == 12);
    CHECK(inspect.out.find("Published Certificates") != std::string::npos);
}

TEST_CASE("cli: diagnose without --report prints the verdict, the value and the next command", "[cli][diagnose]")
{
    LabFolder lab;
    REQUIRE(lab.written.exitCode == 0);
    const auto r = runEascert({"diagnose", "--cert", lab.pfx.string(), "--cert-password-file", lab.password.string(),
                               "--ldif", lab.ldif.string(), "--quiet"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 12);
    CHECK(r.out.find("Problem found") != std::string::npos);
    CHECK(r.out.find("only in Published Certificates") != std::string::npos);
    CHECK(r.out.find("strong value to add: X509:<I>") != std::string::npos);
    CHECK(r.out.find("[published-only]") == std::string::npos);  // words, not ids
    CHECK(r.out.find("Next: add the strong mapping") != std::string::npos);
    CHECK(r.out.find("--ldif " + lab.ldif.string() + " --quiet --fix") != std::string::npos);
    CHECK(r.out.find("Report:") == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(lab.dir / "demo-directory.changes.ldif"));
}

TEST_CASE("cli: an offline fix says a change file was written and AD is unchanged", "[cli][diagnose][offline]")
{
    LabFolder lab;
    REQUIRE(lab.written.exitCode == 0);
    const auto report = lab.tmp / "report.html";
    const auto json = lab.tmp / "report.json";
    const auto r =
        runEascert({"diagnose", "--cert", lab.pfx.string(), "--cert-password-file", lab.password.string(), "--ldif",
                    lab.ldif.string(), "--fix", "--yes", "--backup", (lab.tmp / "backup.json").string(), "--report",
                    report.string(), "--json", json.string()});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 15);  // not 14: nothing is fixed in AD yet
    const auto changes = lab.dir / "demo-directory.changes.ldif";
    REQUIRE(std::filesystem::exists(changes));
    const auto shown = printedPath(changes);
    CHECK(r.out.find("Change file written: " + shown) != std::string::npos);
    CHECK(r.out.find("Active Directory is unchanged until you import it") != std::string::npos);
    CHECK(r.out.find("ldifde -i -f \"" + shown + "\"") != std::string::npos);
    CHECK(r.out.find("ldapmodify -f '" + shown + "'") != std::string::npos);
    CHECK(r.out.find("Fixed") == std::string::npos);
    CHECK(r.out.find("read back") == std::string::npos);

    const auto j = nlohmann::json::parse(readText(json));
    CHECK(j["verdict"]["id"] == "change-pending");
    CHECK(j["fix"]["offline"] == true);
    CHECK(j["fix"]["changeFile"] == shown);
    CHECK(j["fix"]["importCommands"].size() == 2);
    const auto html = readText(report);
    CHECK(html.find("Change file written (not yet in Active Directory)") != std::string::npos);
    CHECK(html.find("Values after the import") != std::string::npos);
    CHECK(html.find("Fix applied") == std::string::npos);
    CHECK(html.find("Values after (read back)") == std::string::npos);

    // `directory fix` on an export says the same, in text and JSON.
    const auto fix = runEascert({"directory", "fix", "--ldif", lab.ldif.string(), "--cert",
                                 (lab.dir / "usertest1.cer").string(), "--yes", "--json", "--backup",
                                 (lab.tmp / "backup2.json").string(), "--changes", (lab.tmp / "two.ldif").string()});
    INFO(fix.out << fix.err);
    CHECK(fix.exitCode == 0);
    const auto fj = nlohmann::json::parse(fix.out);
    CHECK(fj["result"] == "change-file-written");
    CHECK(fj["changeFile"] == printedPath(lab.tmp / "two.ldif"));
}

TEST_CASE("cli: a real ldifde export is read, in UTF-8 and in ldifde -u's UTF-16; change files are refused",
          "[cli][ldif]")
{
    CliFixture f;
    const std::string der = readText(f.userCer);
    std::string utf8 = "\r\n";
    for (const std::string& line : std::vector<std::string>{
             "dn: CN=User Test1,CN=Users,DC=contoso,DC=test", "changetype: add", "objectClass: top",
             "objectClass: user", "cn: User Test1", "sAMAccountName: usertest1",
             "userPrincipalName: usertest1@contoso.test", "userCertificate:: " + eascert::base64Encode(der)})
        utf8 += ldifdeFold(line);
    utf8 += "\r\n";
    std::string utf16 = "\xFF\xFE";
    for (const char c : utf8) {
        utf16 += c;
        utf16 += '\0';
    }
    for (const auto& [name, content] : {std::pair{"export.ldf", utf8}, std::pair{"export-unicode.ldf", utf16}}) {
        const auto file = f.dir / name;
        REQUIRE(eascert::lab::writeFile(file, std::string_view(content)));
        const auto r =
            runEascert({"directory", "inspect", "--ldif", file.string(), "--cert", f.userCer.string(), "--json"});
        INFO(name << ": " << r.out << r.err);
        CHECK(r.exitCode == 12);
        const auto j = parseJson(r);
        CHECK(j["certificatePublished"] == true);
        CHECK(j["account"]["sAMAccountName"] == "usertest1");
    }

    const auto changeFile = f.dir / "changes.ldf";
    REQUIRE(eascert::lab::writeFile(changeFile, std::string_view("dn: CN=User Test1,CN=Users,DC=contoso,DC=test\n"
                                                                 "changetype: modify\nadd: altSecurityIdentities\n"
                                                                 "altSecurityIdentities: X509:<SKI>01\n-\n")));
    const auto refused =
        runEascert({"directory", "inspect", "--ldif", changeFile.string(), "--cert", f.userCer.string()});
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.find("\"changetype: modify\" is a change file, not an export") != std::string::npos);
    CHECK(refused.err.find("ldifde -f") != std::string::npos);
}

TEST_CASE("cli: probe takes a bare host name; a refused connection or a TLS hang never says the server did not ask",
          "[cli][first-run]")
{
    std::uint16_t closed = 0;
    {
        HostileServer gone(HostileServer::Kind::Silent);
        closed = gone.port();
    }
    const std::string host = "127.0.0.1:" + std::to_string(closed);
    const std::string url = "https://" + host + "/Microsoft-Server-ActiveSync";
    const auto refused = runEascert({"probe", host, "--no-proxy", "--timeout", "5"});
    INFO(refused.out << refused.err);
    CHECK(refused.exitCode != 0);
    CHECK(refused.out.find("Endpoint:    " + url) != std::string::npos);
    CHECK(refused.out.find("never asked") == std::string::npos);
    CHECK(refused.out.find("Client cert: not known: no TLS connection (stopped at: connection (TCP))") !=
          std::string::npos);
    CHECK(refused.out.find("Failed at:   connection (TCP): ") != std::string::npos);
    const auto json = parseJson(runEascert({"probe", host, "--no-proxy", "--timeout", "5", "--json"}));
    CHECK(json["url"] == url);
    CHECK(json["stage"] == "connect");

    // A server that takes the connection and never answers the TLS handshake.
    HostileServer silent(HostileServer::Kind::Silent);
    const auto hang =
        runEascert({"probe", "127.0.0.1:" + std::to_string(silent.port()), "--no-proxy", "--timeout", "2"});
    INFO(hang.out << hang.err);
    CHECK(hang.exitCode != 0);
    CHECK(hang.out.find("never asked") == std::string::npos);
    CHECK(hang.out.find("Failed at:   TLS handshake: ") != std::string::npos);
}
