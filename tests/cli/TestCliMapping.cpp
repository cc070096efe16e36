// `eascert mapping` and `eascert mapping check`: values, verdicts, reasons and exit codes.

#include "CatchCompat.h"
#include "CliFixture.h"

namespace {

nlohmann::json check(const CliFixture& f, const std::filesystem::path& file, const std::string& value, int expectedExit)
{
    auto r = runEascert({"mapping", "check", file.string(), "--value", value, "--json"});
    INFO("value: " << value << "\nstdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exitCode == expectedExit);
    (void)f;
    return parseJson(r);
}

bool hasReason(const nlohmann::json& j, const std::string& id)
{
    for (const auto& r : j["reasons"])
        if (r["reason"] == id)
            return true;
    return false;
}

}  // namespace

TEST_CASE("mapping lists every form with strength and recommends Issuer+Serial", "[cli][mapping]")
{
    CliFixture f;
    auto r = runEascert({"mapping", f.pfx.string(), "--password-file", f.passwordFile.string(), "--json"});
    REQUIRE(r.exitCode == 0);
    auto j = parseJson(r);
    CHECK(j["schema"] == "eascert.mapping.v1");
    const std::string expected = "X509:<I>" + f.issuerWindows + "<SR>" + f.serialReversed;
    CHECK(j["recommended"] == expected);
    REQUIRE(j["forms"].size() == 7);
    CHECK(j["forms"][0]["form"] == "issuer-serial");
    CHECK(j["forms"][0]["strength"] == "strong");
    CHECK(j["forms"][0]["rank"] == 1);
    CHECK(j["forms"][1]["form"] == "ski");
    CHECK(j["forms"][1]["rank"] == 2);
    CHECK(j["forms"][2]["notes"][0] == "verify-before-relying");
    CHECK(j["forms"][3]["value"].is_null());
    CHECK(j["forms"][3]["unavailable"] == "no-sid-in-certificate");
    CHECK(j["forms"][4]["strength"] == "weak");

    auto text = runEascert({"mapping", f.userCer.string()});
    CHECK(text.exitCode == 0);
    CHECK(text.out.find(expected) != std::string::npos);
}

TEST_CASE("mapping check: match, weak match, no match, invalid", "[cli][check]")
{
    CliFixture f;
    const std::string good = "X509:<I>" + f.issuerWindows + "<SR>" + f.serialReversed;
    auto match = check(f, f.userCer, good, 0);
    CHECK(match["schema"] == "eascert.mapping-check.v1");
    CHECK(match["verdict"] == "match");
    CHECK(match["strength"] == "strong");

    auto weak = check(f, f.userCer,
                      "X509:<I>" + f.issuerWindows +
                          "<S>C=US,S=Bavaria,O=\"Contoso, Inc.\",CN=usertest1,"
                          "E=usertest1@contoso.test",
                      7);
    CHECK(weak["verdict"] == "match");
    CHECK(weak["strength"] == "weak");

    auto none = check(f, f.userCer, "X509:<S>CN=someone else", 5);
    CHECK(none["verdict"] == "no-match");
    auto invalid = check(f, f.userCer, "not a mapping", 8);
    CHECK(invalid["verdict"] == "invalid");
}

TEST_CASE("mapping check names the reason for each near miss", "[cli][check]")
{
    CliFixture f;
    const std::string sr = "<SR>" + f.serialReversed;
    struct Case
    {
        std::string value;
        std::filesystem::path file;
        const char* reason;
    };
    const std::vector<Case> cases = {
        {"X509:<I>CN=Contoso Issuing CA,DC=contoso,DC=test" + sr, f.userCer, "reversed-dn-order"},
        {"X509:<I>DC=test, DC=contoso, CN=Contoso Issuing CA" + sr, f.userCer, "space-after-separator"},
        {"X509:<I>" + f.issuerWindows +
             "<S>C=US,ST=Bavaria,O=\"Contoso, Inc.\",CN=usertest1,"
             "emailAddress=usertest1@contoso.test",
         f.userCer, "non-windows-keys"},
        {"X509:<I>" + f.issuerWindows + "<SR>2B0000000011AC0000000012", f.userCer, "forward-serial"},
        {"X509:<I>DC=test,DC=fabrikam,CN=Fabrikam CA" + sr, f.userCer, "different-issuer"},
        {"X509:<I>C=US,O=Contoso,CN=Contoso Root CA" + sr, f.pfx, "issuer-is-chain-ca"},
        {"X509:<I>" + f.issuerWindows + sr, f.renewedCer, "other-certificate"},
        {"X509N:<I>" + f.issuerWindows + sr, f.userCer, "wrong-prefix"},
    };
    for (const auto& c : cases) {
        auto r = runEascert({"mapping", "check", c.file.string(), "--value", c.value, "--json", "--password-file",
                             f.passwordFile.string()});
        INFO(c.reason << "\n" << r.out << r.err);
        CHECK(r.exitCode == 6);
        auto j = parseJson(r);
        CHECK(j["verdict"] == "near-miss");
        CHECK(hasReason(j, c.reason));
        CHECK(j["correctedValue"].is_string());
    }

    auto text = runEascert({"mapping", "check", f.userCer.string(), "--value", cases[0].value});
    CHECK(text.exitCode == 6);
    CHECK(text.out.find("display (RFC 4514) order") != std::string::npos);
    CHECK(text.out.find("X509:<I>" + f.issuerWindows + sr) != std::string::npos);
}

TEST_CASE("cli: directory values that are not UTF-8 are shown escaped, never dropped, never an internal error",
          "[cli][directory][text]")
{
    CliFixture f;
    // "X509:<S>CN=Société" written in Windows-1252 by an old tool: base64 in the export.
    const auto ldif = f.dir / "latin1.ldif";
    REQUIRE(
        eascert::lab::writeFile(ldif, std::string_view("version: 1\n\ndn: CN=User Test1,CN=Users,DC=contoso,DC=test\n"
                                                       "objectClass: user\nsAMAccountName: usertest1\n"
                                                       "userPrincipalName: usertest1@contoso.test\n"
                                                       "altSecurityIdentities:: WDUwOTo8Uz5DTj1Tb2Np6XTp\n")));
    auto inspect = runEascert({"directory", "inspect", "--ldif", ldif.string(), "--cert", f.userCer.string(), "--user",
                               "usertest1", "--json"});
    INFO(inspect.out << inspect.err);
    CHECK(inspect.exitCode == 12);
    auto j = nlohmann::json::parse(inspect.out, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(inspect.out.find("Soci\\\\xE9t\\\\xE9") != std::string::npos);

    auto audit = runEascert({"directory", "audit", "--ldif", ldif.string(), "--format", "json"});
    INFO(audit.out << audit.err);
    auto a = nlohmann::json::parse(audit.out, nullptr, false);
    REQUIRE(a.is_object());
    REQUIRE(a["rows"].size() >= 1);
    CHECK(a["rows"][0]["value"] == "X509:<S>CN=Soci\\xE9t\\xE9");  // the weak value, named

    auto text = runEascert({"directory", "audit", "--ldif", ldif.string()});
    CHECK(text.out.find("value: X509:<S>CN=Soci\\xE9t\\xE9") != std::string::npos);
}
