#include "Terms.h"

#include <QCoreApplication>

namespace eascert::common::terms {

namespace {

std::string tr(const char* text)
{
    return QCoreApplication::translate("Terms", text).toStdString();
}

std::optional<mapping::Reason> reasonFromId(std::string_view id)
{
    // Reason::Unparseable is the last enumerator (MappingMatch.h).
    for (int i = 0; i <= static_cast<int>(mapping::Reason::Unparseable); ++i)
        if (mapping::reasonId(static_cast<mapping::Reason>(i)) == id)
            return static_cast<mapping::Reason>(i);
    return std::nullopt;
}

std::optional<probe::Stage> stageFromId(std::string_view id)
{
    for (int i = 0; i <= static_cast<int>(probe::Stage::Done); ++i)
        if (probe::stageId(static_cast<probe::Stage>(i)) == id)
            return static_cast<probe::Stage>(i);
    return std::nullopt;
}

}  // namespace

std::string reason(mapping::Reason reason)
{
    using mapping::Reason;
    switch (reason) {
    case Reason::MissingPrefix: return tr("the value does not start with \"X509:\"");
    case Reason::WrongPrefix:
        return tr(
            "the value starts with another prefix (\"X509N:\" is how the DC's event shows the name, not a mapping)");
    case Reason::SurroundingWhitespace: return tr("spaces or line breaks around the value");
    case Reason::InvalidCombination:
        return tr("these tags do not form a valid mapping (e.g. <I>..<S>..<SR>..: use <I>..<SR>.. or <I>..<S>..)");
    case Reason::UnknownTag: return tr("a tag Active Directory does not know");
    case Reason::ReversedDnOrder:
        return tr("the name is in display (RFC 4514) order; AD compares the order the certificate encodes");
    case Reason::SpaceAfterSeparator: return tr("spaces after the commas; AD's form has none");
    case Reason::OtherSeparator: return tr("RDNs separated by ';' or line breaks instead of ','");
    case Reason::NonWindowsKeys: return tr("attribute names Windows does not write (Windows uses S=, E=, OID.x=)");
    case Reason::BackslashEscaping: return tr("backslash escapes; Windows writes such values in double quotes");
    case Reason::UnquotedSpecial: return tr("a value with , + = or similar that is not in double quotes");
    case Reason::PlusJoinedRdn: return tr("a multi-valued RDN joined with '+'; Windows joins its parts with a space");
    case Reason::DnFormatting: return tr("the same name, written differently from Windows' rendering");
    case Reason::IssuerIsChainCa:
        return tr("the issuer named is another CA of the chain (often the root); the mapping needs the issuing CA");
    case Reason::DifferentIssuer: return tr("the issuer is a different CA than the one that issued this certificate");
    case Reason::ForwardSerial: return tr("the serial is in display order; <SR> needs its bytes reversed");
    case Reason::SerialSignByte:
        return tr("the serial keeps the 00 sign byte, which Windows drops (inference, not verified on a DC)");
    case Reason::HexSeparators: return tr("spaces or colons inside the hex value");
    case Reason::OtherCertificate:
        return tr("same issuer, different serial: the value maps another certificate (an older or renewed one?)");
    case Reason::DifferentSubject: return tr("the subject names someone else");
    case Reason::SkiMismatch: return tr("another key identifier: the value maps a different key");
    case Reason::NoSkiInCertificate: return tr("the certificate has no Subject Key Identifier to match");
    case Reason::Sha1OfPublicKey:
        return tr("the hash is of the public key (Samba's reading); Microsoft's tools use the certificate thumbprint: "
                  "verify which your domain controllers accept");
    case Reason::Sha1Mismatch: return tr("the hash belongs to a different certificate");
    case Reason::SidMismatch: return tr("the SID differs from the one in the certificate");
    case Reason::NoSidInCertificate: return tr("the certificate carries no SID");
    case Reason::EmailMismatch: return tr("another e-mail address");
    case Reason::NoEmailInCertificate: return tr("the certificate has no e-mail address");
    case Reason::Unparseable: return tr("this part cannot be read");
    }
    return {};
}

std::string mappingVerdict(mapping::Verdict verdict)
{
    using mapping::Verdict;
    switch (verdict) {
    case Verdict::Match: return tr("Match");
    case Verdict::NearMiss: return tr("Near miss: meant for this certificate, but AD will not match it");
    case Verdict::NoMatch: return tr("No match: maps something else");
    case Verdict::Invalid: return tr("Invalid: not an X.509 mapping");
    }
    return {};
}

std::string strength(mapping::Strength strength)
{
    switch (strength) {
    case mapping::Strength::Strong: return tr("Strong");
    case mapping::Strength::Weak: return tr("Weak (rejected under full enforcement)");
    }
    return {};
}

std::string foundBy(directory::FoundBy foundBy)
{
    using directory::FoundBy;
    switch (foundBy) {
    case FoundBy::DistinguishedName: return tr("the DN you gave");
    case FoundBy::SamAccountName: return tr("the logon name you gave");
    case FoundBy::UserPrincipalName: return tr("the UPN you gave");
    case FoundBy::CertificateUpn: return tr("the UPN in the certificate");
    case FoundBy::CertificateEmail: return tr("the certificate's e-mail address (as mail or UPN)");
    case FoundBy::CertificateCommonName: return tr("the certificate's subject CN (as logon name or cn)");
    }
    return {};
}

std::string ntAuth(directory::NtAuthState state)
{
    using directory::NtAuthState;
    switch (state) {
    case NtAuthState::IssuerPresent: return tr("The issuing CA is in NTAuth (NTAuthCertificates).");
    case NtAuthState::IssuerAbsent:
        return tr("The issuing CA is not in NTAuth (NTAuthCertificates). Since KB5057784 (enforced from July 2025) "
                  "Kerberos certificate logon needs it for explicit mappings too; the DC's events 45 and 21 show "
                  "whether it blocks this sign-in.");
    case NtAuthState::StoreMissing: return tr("The forest has no NTAuth store (NTAuthCertificates).");
    case NtAuthState::Unknown: return tr("Not checked: the NTAuth store could not be read.");
    }
    return {};
}

std::string inspectState(directory::InspectState state)
{
    using directory::InspectState;
    switch (state) {
    case InspectState::Ok: return tr("A strong mapping is present");
    case InspectState::NoMapping: return tr("No mapping for this certificate");
    case InspectState::PublishedOnly: return tr("Only in Published Certificates");
    case InspectState::WeakOnly: return tr("Only a weak mapping");
    case InspectState::NearMiss: return tr("A value is meant for it but does not match");
    case InspectState::MappedToOther: return tr("Mapped to another account");
    case InspectState::Ambiguous: return tr("Mapped to several accounts");
    case InspectState::AccountDisabled: return tr("The account is disabled");
    }
    return {};
}

std::string probeOutcome(probe::Outcome outcome)
{
    using probe::Outcome;
    switch (outcome) {
    case Outcome::Authenticated: return tr("Authenticated: the endpoint accepted the certificate");
    case Outcome::MappingFailed: return tr("Mapping failed (401.2): the certificate maps to no account");
    case Outcome::CertificateNotSent: return tr("No certificate reached the server (403.7)");
    case Outcome::Untrusted: return tr("The server does not trust the certificate (403.16)");
    case Outcome::Revoked: return tr("The certificate is revoked (403.13)");
    case Outcome::Expired: return tr("The certificate is expired or not yet valid (403.17)");
    case Outcome::MapperDenied: return tr("The certificate mapper denied access (403.12)");
    case Outcome::TlsAlert: return tr("The server ended the TLS handshake with an alert");
    case Outcome::ServerCertificate: return tr("The server's own certificate is not trusted here");
    case Outcome::NameNotResolved: return tr("The host name does not resolve");
    case Outcome::ConnectFailed: return tr("No connection to the server");
    case Outcome::Timeout: return tr("The server did not answer in time");
    case Outcome::ProtocolError: return tr("The answer was not HTTPS as expected");
    case Outcome::Redirect: return tr("Redirected: the mailbox lives elsewhere");
    case Outcome::ServerBusy: return tr("The server is busy (503)");
    case Outcome::NotActiveSync: return tr("Another site answered: no ActiveSync headers");
    case Outcome::Unexpected: return tr("An unexpected answer");
    }
    return {};
}

std::string stage(probe::Stage stage)
{
    using probe::Stage;
    switch (stage) {
    case Stage::Resolve: return tr("name lookup (DNS)");
    case Stage::Connect: return tr("connection (TCP)");
    case Stage::Proxy: return tr("proxy tunnel (CONNECT)");
    case Stage::Handshake: return tr("TLS handshake");
    case Stage::Request: return tr("sending the request");
    case Stage::Response: return tr("reading the answer");
    case Stage::Done: return tr("done");
    }
    return {};
}

std::string sourceFormat(cert::SourceFormat format)
{
    using cert::SourceFormat;
    switch (format) {
    case SourceFormat::PemText: return tr("PEM (Base-64 encoded X.509)");
    case SourceFormat::DerCertificate: return tr("DER encoded binary X.509");
    case SourceFormat::Pkcs12: return tr("PKCS #12 (.pfx, with the private key)");
    case SourceFormat::Pkcs7: return tr("PKCS #7 (.p7b)");
    case SourceFormat::WindowsStore: return tr("Windows certificate store");
    }
    return {};
}

std::string sourceFormat(evidence::SourceFormat format)
{
    using evidence::SourceFormat;
    switch (format) {
    case SourceFormat::Evtx: return tr("Windows event log (.evtx)");
    case SourceFormat::EventXml: return tr("Windows events as XML");
    case SourceFormat::EventText: return tr("Windows event copied as text");
    case SourceFormat::EventCsv: return tr("Windows events as CSV");
    case SourceFormat::IisW3c: return tr("IIS log (W3C)");
    case SourceFormat::IisHttpErr: return tr("HTTP.sys error log (HTTPERR)");
    case SourceFormat::IisConfig: return tr("IIS configuration (applicationHost.config)");
    case SourceFormat::NetshSslCert: return tr("HTTP.sys bindings (netsh http show sslcert)");
    case SourceFormat::RegExport: return tr("Registry export (.reg)");
    case SourceFormat::LiveEventLog: return tr("Windows event log (read live)");
    }
    return {};
}

std::string certificateMatch(evidence::CertificateMatch match)
{
    using evidence::CertificateMatch;
    switch (match) {
    case CertificateMatch::Thumbprint: return tr("matched by the certificate's thumbprint");
    case CertificateMatch::Serial: return tr("matched by the certificate's serial number and issuer");
    case CertificateMatch::Subject: return tr("matched by the certificate's subject name");
    case CertificateMatch::Account: return tr("matched by the account name only");
    case CertificateMatch::None: break;
    }
    return tr("not matched to a certificate");
}

std::string evidenceLabel(std::string_view key)
{
    struct Entry
    {
        std::string_view key;
        const char* label;
    };
    static constexpr Entry kLabels[] = {
        {"notAfter", QT_TRANSLATE_NOOP("Terms", "Valid to")},
        {"notBefore", QT_TRANSLATE_NOOP("Terms", "Valid from")},
        {"extendedKeyUsage", QT_TRANSLATE_NOOP("Terms", "Enhanced Key Usage")},
        {"issuer", QT_TRANSLATE_NOOP("Terms", "Issuer")},
        {"caList", QT_TRANSLATE_NOOP("Terms", "CAs the server accepts")},
        {"http", QT_TRANSLATE_NOOP("Terms", "HTTP answer")},
        {"wwwAuthenticate", QT_TRANSLATE_NOOP("Terms", "Sign-in methods offered (WWW-Authenticate)")},
        {"tlsAlert", QT_TRANSLATE_NOOP("Terms", "TLS alert")},
        {"stage", QT_TRANSLATE_NOOP("Terms", "Stopped at")},
        {"error", QT_TRANSLATE_NOOP("Terms", "Error")},
        {"verifyError", QT_TRANSLATE_NOOP("Terms", "Why it is not trusted")},
        {"account", QT_TRANSLATE_NOOP("Terms", "Account")},
        {"weakValue", QT_TRANSLATE_NOOP("Terms", "Weak value")},
        {"value", QT_TRANSLATE_NOOP("Terms", "Value")},
        {"reason", QT_TRANSLATE_NOOP("Terms", "Why it does not match")},
        {"otherAccount", QT_TRANSLATE_NOOP("Terms", "Also mapped on")},
        {"userAccountControl", QT_TRANSLATE_NOOP("Terms", "userAccountControl")},
        {"count", QT_TRANSLATE_NOOP("Terms", "How many")},
        {"event", QT_TRANSLATE_NOOP("Terms", "Event ID")},
        {"status", QT_TRANSLATE_NOOP("Terms", "Status")},
        {"name", QT_TRANSLATE_NOOP("Terms", "Certificate name the DC was asked for")},
        {"subject", QT_TRANSLATE_NOOP("Terms", "Certificate subject")},
        {"device", QT_TRANSLATE_NOOP("Terms", "Device")},
        {"first", QT_TRANSLATE_NOOP("Terms", "First")},
        {"last", QT_TRANSLATE_NOOP("Terms", "Last")},
        {"computer", QT_TRANSLATE_NOOP("Terms", "Domain controller")},
        {"log", QT_TRANSLATE_NOOP("Terms", "Log file")},
        {"protocol", QT_TRANSLATE_NOOP("Terms", "TLS version")},
        {"scope", QT_TRANSLATE_NOOP("Terms", "Where it is set")},
        {"setting", QT_TRANSLATE_NOOP("Terms", "Setting")},
        {"line", QT_TRANSLATE_NOOP("Terms", "Line")},
        {"at", QT_TRANSLATE_NOOP("Terms", "In force for")},
        {"uploadReadAheadSize", QT_TRANSLATE_NOOP("Terms", "uploadReadAheadSize (bytes)")},
        {"ignoredSince", QT_TRANSLATE_NOOP("Terms", "Ignored by domain controllers since")},
        {"mappingForm", QT_TRANSLATE_NOOP("Terms", "Mapping the DC checks against NTAuth")},
        {"store", QT_TRANSLATE_NOOP("Terms", "NTAuth store")},
        {"storeMissing", QT_TRANSLATE_NOOP("Terms", "NTAuth store (does not exist yet)")},
        {"confirmedBy", QT_TRANSLATE_NOOP("Terms", "Confirmed by the DC's event")},
    };
    for (const auto& e : kLabels)
        if (e.key == key)
            return tr(e.label);
    return std::string(key);  // a field without a label yet: its name is what the JSON export calls it
}

std::string evidenceValue(std::string_view key, std::string_view value)
{
    if (key == "reason")
        if (auto r = reasonFromId(value))
            return reason(*r);
    if (key == "stage")
        if (auto s = stageFromId(value))
            return stage(*s);
    return std::string(value);
}

}  // namespace eascert::common::terms
