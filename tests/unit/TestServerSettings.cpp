// The servers' settings: applicationHost.config with <location> inheritance, netsh http show sslcert
// (UTF-8 or UTF-16, fields in any order), .reg exports (UTF-16 with a BOM), and the findings they give.

#include "CatchCompat.h"

#include "EventFixtures.h"

#include <chrono>
#include <string>

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/evidence/ServerSettings.h"

using namespace eascert;
using namespace eascert::evidence;
using diagnosis::FindingId;

namespace {

const std::string kAppHost = R"(<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <sites><site name="Default Web Site" id="1"/></sites>
    </system.applicationHost>
    <system.webServer>
        <security>
            <authentication>
                <clientCertificateMappingAuthentication enabled="true" />
                <anonymousAuthentication enabled="true" />
            </authentication>
            <access sslFlags="None" />
        </security>
    </system.webServer>
    <location path="Default Web Site" overrideMode="Allow">
        <system.webServer>
            <security><access sslFlags="Ssl" /></security>
            <serverRuntime uploadReadAheadSize="49152" />
        </system.webServer>
    </location>
    <location path="Default Web Site/Microsoft-Server-ActiveSync">
        <system.webServer>
            <security>
                <access sslFlags="Ssl, SslNegotiateCert" />
                <authentication>
                    <clientCertificateMappingAuthentication enabled="false" />
                    <basicAuthentication enabled="false" />
                </authentication>
            </security>
        </system.webServer>
    </location>
</configuration>
)";

// The Negotiate line before the DS mapper line, and a binding on 444 that is not ActiveSync's.
const std::string kNetsh = "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"
                           "    IP:port                      : 0.0.0.0:443\r\n"
                           "    Certificate Hash             : 5f3a9b1c0d2e4f60718293a4b5c6d7e8f9012345\r\n"
                           "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                           "    Certificate Store Name       : My\r\n"
                           "    Verify Client Certificate Revocation : Enabled\r\n"
                           "    Negotiate Client Certificate : Disabled\r\n"
                           "    Ctl Identifier               : ContosoPhones\r\n"
                           "    Ctl Store Name               : ClientAuthIssuer\r\n"
                           "    DS Mapper Usage              : Disabled\r\n\r\n"
                           "    IP:port                      : 0.0.0.0:444\r\n"
                           "    Certificate Hash             : 0000000000000000000000000000000000000000\r\n"
                           "    DS Mapper Usage              : Disabled\r\n";

const std::string kReg = "Windows Registry Editor Version 5.00\r\n\r\n"
                         "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
                         "\"EventLogging\"=dword:00000007\r\n"
                         "\"CertificateMappingMethods\"=dword:0000001f\r\n"
                         "\"SendTrustedIssuerList\"=dword:00000000\r\n\r\n"
                         "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Kdc]\r\n"
                         "\"StrongCertificateBindingEnforcement\"=dword:00000001\r\n"
                         "\"AllowNtAuthPolicyBypass\"=dword:00000001\r\n"
                         "\"Description\"=\"a \\\"quoted\\\" note\"\r\n"
                         "\"Blob\"=hex:01,02,\\\r\n  03,04\r\n";

using eventfixture::utf16le;

cert::TimePoint day(int y, unsigned m, unsigned d)
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::sys_days(std::chrono::year(y) / m / d));
}

const diagnosis::Finding* find(const std::vector<diagnosis::Finding>& fs, FindingId id, std::string_view scope = {})
{
    for (const auto& f : fs)
        if (f.id == id) {
            if (scope.empty())
                return &f;
            for (const auto& [k, v] : f.evidence)
                if (k == "at" && v == scope)
                    return &f;
        }
    return nullptr;
}

}  // namespace

TEST_CASE("applicationHost.config: every scope's settings, and what is in force on the ActiveSync vdir",
          "[evidence][settings]")
{
    auto log = parseIisConfig(kAppHost);
    REQUIRE(log);
    const auto& s = log->settings;
    CHECK(activeSyncPath(s) == "Default Web Site/Microsoft-Server-ActiveSync");
    const auto cba = effectiveSetting(s, "Default Web Site/Microsoft-Server-ActiveSync",
                                      "clientCertificateMappingAuthentication.enabled");
    REQUIRE(cba);
    CHECK(cba->value == "false");
    CHECK(cba->line == 26);
    // The site inherits the server's switch; the vdir inherits the site's read-ahead size.
    CHECK(effectiveSetting(s, "Default Web Site", "clientCertificateMappingAuthentication.enabled")->value == "true");
    CHECK(effectiveSetting(s, "Default Web Site/Microsoft-Server-ActiveSync/", "serverRuntime.uploadReadAheadSize")
              ->scope == "Default Web Site");
    CHECK(sslFlagBits(effectiveSetting(s, "Default Web Site/Microsoft-Server-ActiveSync", "access.sslFlags")->value) ==
          40u);
    CHECK(sslFlagBits("Ssl, SslNegotiateCert, SslRequireCert") == 104u);
    CHECK(sslFlagBits("104") == 104u);
    CHECK_FALSE(sslFlagBits("Ssl, Banana"));
}

TEST_CASE("netsh http show sslcert and .reg exports, in UTF-16 as Windows writes them", "[evidence][settings]")
{
    auto netsh = readEvidence(utf16le(kNetsh));
    REQUIRE(netsh);
    CHECK(netsh->format == SourceFormat::NetshSslCert);
    REQUIRE(netsh->config);
    CHECK(netsh->config->damaged == 0);
    const auto& n = netsh->config->settings;
    CHECK(std::count_if(n.begin(), n.end(), [](const ConfigSetting& c) { return c.scope == "0.0.0.0:443"; }) == 8);
    CHECK(n[0].name == "Certificate Hash");

    auto reg = readEvidence(utf16le(kReg));
    REQUIRE(reg);
    CHECK(reg->format == SourceFormat::RegExport);
    REQUIRE(reg->config);
    const auto& r = reg->config->settings;
    REQUIRE(r.size() == 7);
    CHECK(r[1].name == "CertificateMappingMethods");
    CHECK(r[1].value == "0x0000001f");
    CHECK(registryDword(r[1].value) == 0x1Fu);
    CHECK(r[5].value == "a \"quoted\" note");
    CHECK(r[6].value == "hex:01,02,03,04");
    CHECK(r[6].line == 12);  // where the continued value starts

    auto broken = parseRegExport("Windows Registry Editor Version 5.00\r\n\"Orphan\"=dword:00000001\r\n[HKEY_X\r\n"
                                 "[HKEY_Y]\r\n\"Bad\"=dword:xyz\r\n\"Good\"=dword:00000002\r\n");
    REQUIRE(broken);
    CHECK(broken->settings.size() == 1);
    CHECK(broken->damaged == 3);
    CHECK_THAT(broken->firstDamage, Catch::Matchers::Contains("line 2"));
}

TEST_CASE(
    "Settings findings: CBA off on the vdir, no SslRequireCert, DS mapper, CTL, read-ahead, UPN bit, ignored switches",
    "[evidence][settings][findings]")
{
    std::vector<EvidenceSource> sources;
    for (const auto* text : {&kAppHost, &kNetsh, &kReg}) {
        auto s = readEvidence(*text);
        REQUIRE(s);
        sources.push_back(std::move(*s));
    }
    const auto after = diagnosis::evidenceFindings(sources, MatchTarget{}, day(2026, 12, 7));
    CHECK(find(after, FindingId::IisCbaDisabled, "Default Web Site/Microsoft-Server-ActiveSync"));
    CHECK_FALSE(find(after, FindingId::IisCbaDisabled, "(server)"));  // enabled at the server level
    REQUIRE(find(after, FindingId::IisClientCertNotRequired));
    CHECK(find(after, FindingId::IisClientCertNotRequired)->severity == diagnosis::Severity::Critical);
    const auto* ds = find(after, FindingId::HttpDsMapperDisabled);
    REQUIRE(ds);
    CHECK(ds->evidence[0] == std::pair<std::string, std::string>{"scope", "0.0.0.0:443"});
    CHECK(std::count_if(after.begin(), after.end(), [](const auto& f) {
              return f.id == FindingId::HttpDsMapperDisabled;
          }) == 1);  // the 444 binding is not ActiveSync's
    CHECK(find(after, FindingId::HttpCtlExcludesIssuer));
    CHECK(find(after, FindingId::IisUploadReadAhead));
    CHECK(find(after, FindingId::SchannelWeakMappingMethods));
    CHECK(std::count_if(after.begin(), after.end(),
                        [](const auto& f) { return f.id == FindingId::RegistrySettingIgnored; }) == 2);

    // Before the switches stopped working they were no finding; AllowNtAuthPolicyBypass until 14 October 2025.
    const auto september = diagnosis::evidenceFindings(sources, MatchTarget{}, day(2025, 9, 20));
    CHECK(std::count_if(september.begin(), september.end(),
                        [](const auto& f) { return f.id == FindingId::RegistrySettingIgnored; }) == 1);
    const auto before = diagnosis::evidenceFindings(sources, MatchTarget{}, day(2025, 9, 1));
    CHECK_FALSE(find(before, FindingId::RegistrySettingIgnored));

    // A correct configuration gives none of the IIS findings.
    std::string good = kAppHost;
    good.replace(good.find("<clientCertificateMappingAuthentication enabled=\"false\" />"),
                 std::string("<clientCertificateMappingAuthentication enabled=\"false\" />").size(),
                 "<clientCertificateMappingAuthentication enabled=\"true\" />");
    good.replace(good.find("sslFlags=\"Ssl, SslNegotiateCert\""),
                 std::string("sslFlags=\"Ssl, SslNegotiateCert\"").size(),
                 "sslFlags=\"Ssl, SslNegotiateCert, SslRequireCert\"");
    auto fixed = readEvidence(good);
    REQUIRE(fixed);
    std::vector<EvidenceSource> one;
    one.push_back(std::move(*fixed));
    CHECK(diagnosis::evidenceFindings(one, MatchTarget{}, day(2026, 12, 7)).empty());

    // Damaged XML: a clear error with the line.
    const auto damaged = readEvidence(kAppHost.substr(0, kAppHost.size() / 2));
    REQUIRE_FALSE(damaged);
    CHECK(damaged.error().code == ErrorCode::CorruptData);
    CHECK_THAT(damaged.error().detail, Catch::Matchers::Contains("line"));
}
