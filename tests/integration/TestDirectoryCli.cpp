// `eascert directory` end to end against the real DC: exit codes, confirmation, no password anywhere.

#include <fstream>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "DcFixture.h"
#include "TempDir.h"

#include "eascert/mapping/Mapping.h"

namespace {

std::vector<std::string> connection()
{
    // The Windows eascert.exe (windows.directory): wldap32, Negotiate as the domain's administrator,
    // signed and sealed on plain LDAP. No CA file: Windows checks the DC's certificate against its own
    // stores (and Wine's wldap32 checks none).
    if (runsOtherEascert())
        return {"--ldap", "ldap://127.0.0.1", "--bind-dn", "CONTOSO\\Administrator", "--password-file", dc().passwordFile};
    return {"--ldap", dc().uri, "--ca-file", dc().caFile, "--bind-dn", dc().adminDn, "--password-file", dc().passwordFile};
}

ProcessResult cli(std::vector<std::string> args)
{
    return runEascert(args);
}

} // namespace

TEST_CASE("cli: inspect, fix with confirmation, undo", "[live][cli]")
{
    TempDir tmp;
    const std::string sam = uniqueName("cli");
    auto issued = issueUser(sam);
    const auto certFile = (tmp / "user.cer").string();
    REQUIRE(eascert::lab::writeFile(certFile, issued.der()));
    const auto dn = seedUser({sam, {}, {issued.der()}});
    const auto before = mappingValues(dn);
    const auto password = std::string(dc().adminPassword().view());

    auto args = connection();
    args.insert(args.begin(), {"directory", "inspect"});
    for (const auto& a : {"--cert", certFile.c_str(), "--user", sam.c_str(), "--json"})
        args.emplace_back(a);
    auto inspect = cli(args);
    INFO(inspect.out << inspect.err);
    CHECK(inspect.exitCode == 12);
    auto j = nlohmann::json::parse(inspect.out);
    CHECK(j["schema"] == "eascert.directory-inspect.v1");
    CHECK(j["states"][0]["state"] == "published-only");
    CHECK(j["certificatePublished"] == true);

    // fix without --yes and without a terminal: refused, nothing written.
    auto fixArgs = connection();
    fixArgs.insert(fixArgs.begin(), {"directory", "fix"});
    for (const auto& a : {"--cert", certFile.c_str(), "--user", sam.c_str()})
        fixArgs.emplace_back(a);
    auto refused = cli(fixArgs);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("--yes") != std::string::npos);
    CHECK(mappingValues(dn) == before);

    auto dry = fixArgs;
    dry.emplace_back("--dry-run");
    auto dryRun = cli(dry);
    CHECK(dryRun.exitCode == 0);
    CHECK(dryRun.out.find("Set-ADUser") != std::string::npos);
    CHECK(mappingValues(dn) == before);

    const auto backup = (tmp / "backup.json").string();
    auto apply = fixArgs;
    for (const auto& a : {"--yes", "--backup", backup.c_str(), "--json"})
        apply.emplace_back(a);
    apply.insert(apply.begin(), {"--log-level", "trace"});  // the most verbose log must not leak it either
    auto applied = cli(apply);
    INFO(applied.out << applied.err);
    REQUIRE(applied.exitCode == 0);
    auto aj = nlohmann::json::parse(applied.out);
    CHECK(aj["result"] == "applied");
    CHECK(aj["after"]["ok"] == true);
    const auto recommended = *eascert::mapping::buildMapping(testpki::parse(issued).info(),
                                                             eascert::mapping::MappingForm::IssuerSerial);
    CHECK(mappingValues(dn) == std::vector<std::string>{recommended});

    auto inspectAgain = cli(args);
    CHECK(inspectAgain.exitCode == 0);

    auto undoArgs = connection();
    undoArgs.insert(undoArgs.begin(), {"directory", "undo"});
    for (const auto& a : {"--backup", backup.c_str(), "--yes"})
        undoArgs.emplace_back(a);
    auto undone = cli(undoArgs);
    INFO(undone.out << undone.err);
    CHECK(undone.exitCode == 0);
    CHECK(mappingValues(dn) == before);

    // The admin password appears nowhere: output, errors, backup.
    for (const auto* r : {&inspect, &refused, &dryRun, &applied, &inspectAgain, &undone}) {
        CHECK(r->out.find(password) == std::string::npos);
        CHECK(r->err.find(password) == std::string::npos);
    }
    CHECK(readText(backup).find(password) == std::string::npos);
}

TEST_CASE("cli: connection errors have their own exit code and one line", "[live][cli]")
{
    TempDir tmp;
    auto issued = issueUser("nobody");
    const auto certFile = (tmp / "user.cer").string();
    REQUIRE(eascert::lab::writeFile(certFile, issued.der()));
    auto r = cli({"directory", "inspect", "--ldap", "ldap://127.0.0.1", "--no-starttls", "--bind-dn", dc().adminDn,
                  "--password-file", dc().passwordFile, "--cert", certFile});
    CHECK(r.exitCode == 9);
    CHECK(r.err.find("unencrypted") != std::string::npos);
    auto down = connection();
    down[1] = "ldaps://127.0.0.1:1";
    down.insert(down.begin(), {"directory", "inspect"});
    for (const auto* a : {"--cert", certFile.c_str(), "--timeout", "3"})
        down.emplace_back(a);
    auto unreachable = cli(down);
    CHECK(unreachable.exitCode == 9);
}
