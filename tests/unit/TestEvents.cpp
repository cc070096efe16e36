// Windows event exports: XML (wevtutil's root-less <Event>s, Event Viewer's <Events>), Event Viewer's
// "Copy details as text" (tab-indented, and the seed's run-together form), CSV (Event Viewer and
// PowerShell), recognised from the content; fields by name; damaged records counted; and matching
// events to the certificate in hand.

#include "CatchCompat.h"

#include <string>

#include "EventFixtures.h"
#include "TestPki.h"
#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/evidence/CertificateMatch.h"
#include "eascert/evidence/Event.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Bytes.h"

using namespace eascert;
using namespace eascert::evidence;

namespace {

const cert::TimePoint kNow =
    std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::sys_days(std::chrono::year(2026) / 12 / 7));

Event securityEvent(std::uint32_t id, std::vector<std::pair<std::string, std::string>> data)
{
    return eventfixture::make(id, false, std::move(data));
}

Event kdcEvent(std::uint32_t id, std::vector<std::pair<std::string, std::string>> data)
{
    return eventfixture::make(id, true, std::move(data), "2026-12-01T09:28:19.0000000Z");
}

// The seed report's event as Event Viewer's "Copy details as text" writes it (English, tab-indented).
const std::string kSeedText =
    "Log Name:      Security\r\n"
    "Source:        Microsoft-Windows-Security-Auditing\r\n"
    "Date:         26.11.2012 14:03:32\r\n"
    "Event ID:      4768\r\n"
    "Task Category: Kerberos Authentication Service\r\n"
    "Level:         Information\r\n"
    "Keywords:      Audit Failure\r\n"
    "User:          N/A\r\n"
    "Computer:      TESTEXC.internal.contoso.com\r\n"
    "Description:\r\n"
    "A Kerberos authentication ticket (TGT) was requested.\r\n"
    "\r\n"
    "Account Information:\r\n"
    "\tAccount Name:\t\tX509N:<S>CN=usertest1\r\n"
    "\tSupplied Realm Name:\tinternal.contoso.com\r\n"
    "\tUser ID:\t\t\tNULL SID\r\n"
    "\r\n"
    "Service Information:\r\n"
    "\tService Name:\t\tkrbtgt/internal.contoso.com\r\n"
    "\tService ID:\t\tNULL SID\r\n"
    "\r\n"
    "Network Information:\r\n"
    "\tClient Address:\t\t::1\r\n"
    "\tClient Port:\t\t0\r\n"
    "\r\n"
    "Additional Information:\r\n"
    "\tTicket Options:\t\t0x40810010\r\n"
    "\tResult Code:\t\t0x6\r\n"
    "\tTicket Encryption Type:\t0xffffffff\r\n"
    "\tPre-Authentication Type:\t-\r\n"
    "\r\n"
    "Certificate Information:\r\n"
    "\tCertificate Issuer Name:\t\t\r\n"
    "\tCertificate Serial Number:\t\r\n"
    "\tCertificate Thumbprint:\t\t\r\n"
    "\r\n"
    "Certificate information is only provided if a certificate was used for pre-authentication.\r\n";

// The same event as the seed's blog post carries it: lines run together, "0×6" for 0x6.
const std::string kSeedFlattened =
    "Log Name: Security Source: Microsoft-Windows-Security-Auditing Date: 26.11.2012 14:03:32 Event ID: 4768 Task "
    "Category: Kerberos Authentication Service Level: Information Keywords: Audit Failure User: N/A Computer: "
    "TESTEXC.internal.contoso.com Description: A Kerberos authentication ticket (TGT) was requested.\n"
    "Account Information: Account Name: X509N:CN=usertest1 Supplied Realm Name: contoso.com User ID: NULL SID\n"
    "Service Information: Service Name: krbtgt/internal.contoso.com Service ID: NULL SID\n"
    "Network Information: Client Address: ::1 Client Port: 0\n"
    "Additional Information: Ticket Options: 0\xC3\x97"
    "40810010 Result Code: 0\xC3\x97"
    "6 Ticket Encryption Type: "
    "0xffffffff Pre-Authentication Type: -\n"
    "Certificate Information: Certificate Issuer Name: Certificate Serial Number: Certificate Thumbprint:\n";

using eventfixture::utf16le;

}  // namespace

TEST_CASE("Event XML: wevtutil's root-less events and Event Viewer's <Events>, fields by name", "[evidence][events]")
{
    const Event spray = securityEvent(4768, {{"TargetUserName", "administrator"}, {"Status", "0x6"}});
    // Fields in another order and a "Version 2" field at the end: read by name, never by position.
    const Event lookup = securityEvent(4768, {{"Status", "0x00000006"},
                                              {"TargetUserName", "X509N:<S>CN=usertest1"},
                                              {"CertIssuerName", ""},
                                              {"ResponseTicket", "n/a"}});
    const std::string wevtutil = toEventXml(spray) + "\r\n" + toEventXml(lookup) + "\r\n";
    REQUIRE(looksLikeEventXml(wevtutil));
    auto log = parseEventXml(wevtutil);
    REQUIRE(log);
    REQUIRE(log->events.size() == 2);
    CHECK(log->damaged == 0);
    const Event& e = log->events[1];
    CHECK(e.id == 4768);
    CHECK(e.kind == EventKind::Security);
    CHECK(e.record == 2);
    CHECK(e.field("targetusername") == "X509N:<S>CN=usertest1");
    CHECK(parseStatusCode(e.field("Status")) == 6u);
    CHECK(e.utc == 1796117298);  // 2026-12-01T09:28:18Z
    CHECK(x509nName(e) == "<S>CN=usertest1");
    CHECK(isCertificateLookup(e));
    CHECK_FALSE(isCertificateLookup(log->events[0]));  // a password spray's 0x6: not a certificate lookup

    // Event Viewer's "Save as XML", as UTF-16 with a byte order mark, through the format detection.
    const std::vector<Event> both{spray, lookup};
    auto source = readEvidence(utf16le(toEventsDocument(both)));
    REQUIRE(source);
    CHECK(source->format == SourceFormat::EventXml);
    CHECK(source->records() == 2);
}

TEST_CASE("Event XML: a damaged event costs only itself; a cut-off file keeps what came before", "[evidence][events]")
{
    const Event a = kdcEvent(45, {{"AccountName", "usertest1"}});
    const std::string good = toEventXml(a);
    std::string broken = good;
    broken.replace(broken.find("<EventID>"), 9, "<EventID><");  // not well-formed
    const std::string notANumber = std::string(good).replace(good.find(">45<"), 4, ">4x<");
    const std::string cut = good.substr(0, good.size() / 2);
    auto log = parseEventXml(good + broken + notANumber + good + cut);
    REQUIRE(log);
    CHECK(log->events.size() == 2);
    CHECK(log->damaged == 3);
    CHECK(log->firstDamaged == 2);
    CHECK_THAT(log->firstDamage, Catch::Matchers::Contains("damaged XML"));
    CHECK(log->events[1].record == 4);

    EventLimits limits;
    limits.maxEvents = 1;
    auto capped = parseEventXml(good + good + good, limits);
    REQUIRE(capped);
    CHECK(capped->events.size() == 1);
    CHECK(capped->skipped == 2);
}

TEST_CASE("Event text: the seed's event as Event Viewer copies it, and as the blog carried it", "[evidence][events]")
{
    for (const std::string* input : {&kSeedText, &kSeedFlattened}) {
        INFO(*input);
        REQUIRE(looksLikeEventText(*input));
        auto log = parseEventText(*input);
        REQUIRE(log);
        REQUIRE(log->events.size() == 1);
        const Event& e = log->events[0];
        CHECK(e.id == 4768);
        CHECK(e.kind == EventKind::Security);
        CHECK(e.channel == "Security");
        CHECK(e.computer == "TESTEXC.internal.contoso.com");
        CHECK(e.time == "26.11.2012 14:03:32");  // kept as shown: the export's local time, zone unknown
        CHECK_FALSE(e.utc);
        CHECK(parseStatusCode(e.field("Status")) == 6u);
        CHECK(e.field("ServiceName") == "krbtgt/internal.contoso.com");
        CHECK(e.field("IpAddress") == "::1");
        CHECK(e.field("CertThumbprint").empty());
        CHECK(isCertificateLookup(e));
        CHECK_THAT(e.message, Catch::Matchers::StartsWith("A Kerberos authentication ticket (TGT) was requested."));
    }
    CHECK(parseEventText(kSeedText)->events[0].field("TargetUserName") == "X509N:<S>CN=usertest1");
    CHECK(parseEventText(kSeedFlattened)->events[0].field("TargetUserName") == "X509N:CN=usertest1");

    // Two events pasted one after the other, the second with its "Event Xml:" part, which wins.
    const Event xmlEvent = securityEvent(4768, {{"TargetUserName", "X509N:<S>CN=usertest2"}, {"Status", "0x6"}});
    const std::string second = "Log Name:      Security\r\nSource:        Microsoft-Windows-Security-Auditing\r\n"
                               "Date:          12/1/2026 10:28:18 AM\r\nEvent ID:      4768\r\nDescription:\r\n"
                               "A Kerberos authentication ticket (TGT) was requested.\r\nEvent Xml:\r\n" +
                               toEventXml(xmlEvent) + "\r\n";
    auto two = parseEventText(kSeedText + second);
    REQUIRE(two);
    REQUIRE(two->events.size() == 2);
    CHECK(two->events[1].field("TargetUserName") == "X509N:<S>CN=usertest2");
    CHECK(two->events[1].utc == 1796117298);

    auto noId = parseEventText("Log Name: Security\nSource: x\nEvent ID: four\n");
    REQUIRE(noId);
    CHECK(noId->events.empty());
    CHECK(noId->damaged == 1);
}

TEST_CASE("Event CSV: Event Viewer's columns and PowerShell's Export-Csv", "[evidence][events]")
{
    const std::string viewer =
        "Level,Date and Time,Source,Event ID,Task Category\r\n"
        "Information,12/1/2026 10:28:18 AM,Microsoft-Windows-Security-Auditing,4768,Kerberos Authentication Service,"
        "\"A Kerberos authentication ticket (TGT) was requested.\r\n\r\nAccount Information:\r\n"
        "\tAccount Name:\t\tX509N:<S>CN=usertest1, \"\"quoted\"\"\r\n"
        "Additional Information:\r\n\tResult Code:\t\t0x6\r\n\"\r\n"
        "Warning,12/1/2026 10:28:19 AM,Microsoft-Windows-Kerberos-Key-Distribution-Center,45,None,"
        "\"The Key Distribution Center (KDC) encountered a client certificate that was valid but did not chain to a "
        "root in the NTAuth store.\r\n\r\n  User: usertest1\r\n  Certificate Subject: @@@CN=usertest1\r\n"
        "  Certificate Issuer: Contoso Issuing CA\r\n  Certificate Serial Number: 1A2B\r\n"
        "  Certificate Thumbprint: ABCD\r\n\"\r\n"
        "Information,12/1/2026 10:30:00 AM,Some-Source,not-a-number,None,\"x\"\r\n";
    REQUIRE(looksLikeEventCsv(viewer));
    auto log = parseEventCsv(viewer);
    REQUIRE(log);
    REQUIRE(log->events.size() == 2);
    CHECK(log->damaged == 1);
    CHECK(log->events[0].field("TargetUserName") == "X509N:<S>CN=usertest1, \"quoted\"");
    CHECK(parseStatusCode(log->events[0].field("Status")) == 6u);
    const Event& kdc = log->events[1];
    CHECK(kdc.kind == EventKind::Kdc);
    CHECK(kdc.id == 45);
    CHECK(kdc.field("AccountName") == "usertest1");
    CHECK(kdc.field("Subject") == "@@@CN=usertest1");
    CHECK(kdc.field("Issuer") == "Contoso Issuing CA");
    CHECK(kdc.field("SerialNumber") == "1A2B");

    const std::string powershell = "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"
                                   "\"Message\",\"Id\",\"Version\",\"LevelDisplayName\",\"ProviderName\",\"LogName\","
                                   "\"MachineName\",\"TimeCreated\"\r\n"
                                   "\"The Key Distribution Center (KDC) encountered a user certificate that was valid "
                                   "but could not be mapped to a "
                                   "user in a secure way.\n  User: usertest1\n\",\"39\",\"0\",\"Warning\","
                                   "\"Microsoft-Windows-Kerberos-Key-Distribution-Center\",\"System\",\"DC1.contoso."
                                   "com\",\"12/1/2026 10:28:19 AM\"\r\n";
    auto ps = readEvidence(powershell);
    REQUIRE(ps);
    CHECK(ps->format == SourceFormat::EventCsv);
    REQUIRE(ps->events.events.size() == 1);
    CHECK(ps->events.events[0].id == 39);
    CHECK(ps->events.events[0].computer == "DC1.contoso.com");
    CHECK(ps->events.events[0].level == "Warning");
    CHECK(ps->events.events[0].field("AccountName") == "usertest1");
}

TEST_CASE("Evidence: the format comes from the content; anything else is a clear error", "[evidence]")
{
    CHECK(readEvidence(kSeedText)->format == SourceFormat::EventText);
    CHECK(readEvidence(utf16le(kSeedText))->format == SourceFormat::EventText);
    CHECK(readEvidence("#Software: Microsoft Internet Information Services 10.0\n#Fields: date time sc-status\n"
                       "2026-12-01 09:28:18 401\n")
              ->format == SourceFormat::IisW3c);
    for (const std::string& bad : {std::string("hello"), std::string("<html><body>Event</body></html>"),
                                   std::string("ElfFile", 7), std::string("a,b,c\n1,2,3\n")}) {
        INFO(bad);
        const auto r = readEvidence(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::UnrecognizedFormat);
        CHECK_THAT(r.error().detail, Catch::Matchers::Contains("Known:"));
    }
    CHECK(readEvidence("").error().code == ErrorCode::EmptyFile);
    // An .evtx header that is not followed by a readable file: damaged, named as such.
    const auto evtx = readEvidence(std::string("ElfFile\0", 8) + std::string(100, '\0'));
    REQUIRE_FALSE(evtx);
    CHECK(evtx.error().code == ErrorCode::CorruptData);
}

TEST_CASE("Matching: thumbprint, serial either way round, subject in every form, account, and not ours",
          "[evidence][match]")
{
    const auto& pki = testpki::hierarchy();
    auto spec = testpki::userSpec({{{"DC", "com"}, {"DC", "contoso"}, {"CN", "Users"}, {"CN", "usertest1"}}});
    spec.serialMagnitude = testpki::bytes({0x9A, 0x01, 0x02, 0x03});  // top bit set: DER adds a 00 sign byte
    const auto certificate = testpki::parse(testpki::make(spec, &pki.issuing));
    const auto& c = certificate.info();
    REQUIRE(c.serialHasSignByte());
    const MatchTarget target{&c, {"usertest1", "usertest1@contoso.com"}};
    const std::string issuerCn = c.issuer.first("2.5.4.3");
    const std::string displaySubject = mapping::displayName(c.subject);  // "CN=usertest1, CN=Users, DC=contoso, DC=com"

    CHECK(matchEvent(kdcEvent(45, {{"Thumbprint", toHex(c.sha1Thumbprint)}}), target) == CertificateMatch::Thumbprint);
    const std::string thumbSpaced = toHex(c.sha1Thumbprint, ' ');
    CHECK(matchEvent(securityEvent(4768, {{"CertThumbprint", thumbSpaced}}), target) == CertificateMatch::Thumbprint);
    for (const std::string serial : {"9A010203", "0302019A", "009A010203", "030201 9A00", "9a:01:02:03"}) {
        INFO(serial);
        CHECK(matchEvent(kdcEvent(39, {{"SerialNumber", serial}, {"Issuer", issuerCn}}), target) ==
              CertificateMatch::Serial);
    }
    // The right serial from another CA is another certificate.
    CHECK(matchEvent(kdcEvent(39, {{"SerialNumber", "9A010203"}, {"Issuer", "Fabrikam CA"}}), MatchTarget{&c, {}}) ==
          CertificateMatch::None);
    CHECK(matchEvent(kdcEvent(45, {{"Subject", "@@@" + displaySubject}}), target) == CertificateMatch::Subject);
    CHECK(matchEvent(securityEvent(4768, {{"TargetUserName", "X509N:<S>" + mapping::renderWindowsName(c.subject)}}),
                     target) == CertificateMatch::Subject);
    CHECK(matchEvent(securityEvent(4768, {{"TargetUserName", "X509N:<I>" + mapping::renderWindowsName(c.issuer) +
                                                                 "<S>" + mapping::renderWindowsName(c.subject)}}),
                     target) == CertificateMatch::Subject);
    // Another subject under the same name form is not ours.
    CHECK(matchEvent(securityEvent(4768, {{"TargetUserName", "X509N:<S>DC=com,DC=contoso,CN=Users,CN=usertest2"}}),
                     MatchTarget{&c, {}}) == CertificateMatch::None);
    CHECK(matchEvent(kdcEvent(21, {{"Username", "usertest1"}, {"Domain", "CONTOSO"}}), target) ==
          CertificateMatch::Account);
    CHECK(matchEvent(securityEvent(4768, {{"TargetUserName", "CONTOSO\\usertest1"}}), target) ==
          CertificateMatch::Account);
    CHECK(matchEvent(securityEvent(4768, {{"TargetUserName", "usertest2"}}), target) == CertificateMatch::None);
}

TEST_CASE("Evidence findings: the seed's 4768 0x6, NTAuth from 45 and 21, 401.2 from the log; a spray is not ours",
          "[evidence][findings]")
{
    using diagnosis::FindingId;
    std::vector<EvidenceSource> sources(2);
    sources[0].format = SourceFormat::EventXml;
    sources[0].events.events = {
        securityEvent(4768, {{"TargetUserName", "X509N:<S>CN=usertest1"}, {"Status", "0x6"}}),
        securityEvent(4768, {{"TargetUserName", "admin"}, {"Status", "0x6"}}),  // a spray
        securityEvent(4768, {{"TargetUserName", "guest"}, {"Status", "0x6"}}),
        kdcEvent(45, {{"AccountName", "usertest1"}, {"Subject", "@@@CN=usertest1"}}),
    };
    auto iis = parseIisLog("#Software: Microsoft Internet Information Services 10.0\n"
                           "#Fields: date time cs-uri-query cs-username sc-status sc-substatus sc-win32-status\n"
                           "2026-12-01 09:28:18 User=usertest1&DeviceId=A1&DeviceType=iPhone - 401 2 5\n"
                           "2026-12-01 09:29:18 User=usertest1&DeviceId=A1&DeviceType=iPhone - 401 2 5\n"
                           "2026-12-01 09:29:19 User=someoneelse&DeviceId=B2&DeviceType=Android - 401 2 5\n"
                           "2026-12-01 09:30:00 User=usertest1&DeviceId=A1&DeviceType=iPhone - 401 1 2148074254\n");
    REQUIRE(iis);
    sources[1].format = SourceFormat::IisW3c;
    sources[1].path = "u_ex261201.log";
    sources[1].iis = std::move(*iis);

    const auto& pki = testpki::hierarchy();
    const auto certificate = testpki::parse(testpki::make(testpki::userSpec(), &pki.issuing));
    const auto findings = diagnosis::evidenceFindings(sources, MatchTarget{&certificate.info(), {"usertest1"}}, kNow);
    const auto find = [&](FindingId id) -> const diagnosis::Finding* {
        for (const auto& f : findings)
            if (f.id == id)
                return &f;
        return nullptr;
    };
    const auto value = [](const diagnosis::Finding& f, std::string_view key) {
        for (const auto& [k, v] : f.evidence)
            if (k == key)
                return v;
        return std::string();
    };
    REQUIRE(findings.size() == 3);
    const auto* unknown = find(FindingId::KdcPrincipalUnknown);
    REQUIRE(unknown);
    CHECK(unknown->severity == diagnosis::Severity::Critical);
    CHECK(unknown->certificateMatch == CertificateMatch::Subject);
    CHECK(value(*unknown, "count") == "1");  // the spray's two 0x6s are not counted
    CHECK(value(*unknown, "name") == "<S>CN=usertest1");
    const auto* ntauth = find(FindingId::NtAuthChainMissing);
    REQUIRE(ntauth);
    CHECK(ntauth->severity == diagnosis::Severity::Warning);  // 45 alone: the audit
    const auto* iisFailed = find(FindingId::IisMappingFailed);
    REQUIRE(iisFailed);
    CHECK(value(*iisFailed, "count") == "2");  // someoneelse's 401.2 is not ours
    CHECK(value(*iisFailed, "device") == "iPhone A1");
    CHECK(value(*iisFailed, "first") == "2026-12-01 09:28:18");
    CHECK(value(*iisFailed, "last") == "2026-12-01 09:29:18");

    // Event 21 denying the logon for NTAuth's reason makes it critical.
    sources[0].events.events.push_back(kdcEvent(
        21, {{"Domain", "CONTOSO"},
             {"Username", "usertest1"},
             {"Status", "A certificate chain processed, but terminated in a root certificate which is not "
                        "trusted by the trust provider, or one of the CA certificates is not trusted by the policy "
                        "provider."}}));
    const auto again = diagnosis::evidenceFindings(sources, MatchTarget{&certificate.info(), {"usertest1"}}, kNow);
    for (const auto& f : again)
        if (f.id == FindingId::NtAuthChainMissing)
            CHECK(f.severity == diagnosis::Severity::Critical);

    // Nothing to match against: every certificate lookup counts, none by a match.
    const auto all = diagnosis::evidenceFindings(sources, MatchTarget{}, kNow);
    for (const auto& f : all) {
        CHECK(f.certificateMatch == CertificateMatch::None);
        if (f.id == FindingId::IisMappingFailed)
            CHECK(value(f, "count") == "3");
    }
}

TEST_CASE("Status codes: every way a log writes them", "[evidence]")
{
    CHECK(parseStatusCode("0x6") == 6u);
    CHECK(parseStatusCode("0x00000006") == 6u);
    CHECK(parseStatusCode(" 0X3E ") == 0x3Eu);
    CHECK(parseStatusCode("0\xC3\x97"
                          "6") == 6u);
    CHECK(parseStatusCode("4768") == 4768u);
    CHECK_FALSE(parseStatusCode("0x"));
    CHECK_FALSE(parseStatusCode("six"));
    CHECK_FALSE(parseStatusCode("0x1FFFFFFFF"));
}
