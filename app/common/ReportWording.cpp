#include "ReportWording.h"

#include <QCoreApplication>

#include "Terms.h"

namespace eascert::common {

namespace {

using diagnosis::FindingId;
using report::Label;

std::string tr(const char* text)
{
    return QCoreApplication::translate("Report", text).toStdString();
}

struct Words
{
    const char* title;
    const char* cause;
    std::vector<const char*> steps;
};

const char* const kTestAgain =
    QT_TRANSLATE_NOOP("Report", "Test again: the endpoint should now answer OPTIONS with 200.");
const char* const kAddStrong = QT_TRANSLATE_NOOP(
    "Report", "Add the strong value shown above to the account's altSecurityIdentities (the Fix step, or the LDIF or "
              "PowerShell command it shows). Adding keeps every existing value.");

Words words(FindingId id)
{
    switch (id) {
    case FindingId::Healthy:
        return {QT_TRANSLATE_NOOP("Report", "Certificate sign-in works"),
                QT_TRANSLATE_NOOP("Report",
                                  "The endpoint accepted the certificate and mapped it to the account, which holds "
                                  "a strong mapping for it."),
                {}};
    case FindingId::MappingMissing:
        return {QT_TRANSLATE_NOOP("Report", "No mapping for this certificate in Active Directory"),
                QT_TRANSLATE_NOOP("Report",
                                  "IIS hands the certificate to Active Directory, which looks for an "
                                  "altSecurityIdentities value that names it. None of the account's values does, so "
                                  "the lookup fails: IIS answers 401.2, the domain controller logs event 4768 with "
                                  "X509N: and status 0x6, and the phone falls back to asking for a password."),
                {kAddStrong, kTestAgain}};
    case FindingId::PublishedOnly:
        return {QT_TRANSLATE_NOOP("Report", "The certificate is only in Published Certificates"),
                QT_TRANSLATE_NOOP("Report",
                                  "The certificate was added to the account's Published Certificates "
                                  "(userCertificate). Windows does not map certificates to accounts through that "
                                  "attribute; only altSecurityIdentities (Name Mappings) counts. The lookup fails "
                                  "as if nothing were there: 401.2, and event 4768 with status 0x6."),
                {kAddStrong, QT_TRANSLATE_NOOP("Report", "Published Certificates can stay as it is; it does no harm."),
                 kTestAgain}};
    case FindingId::WeakMappingRejected:
        return {QT_TRANSLATE_NOOP("Report", "Only a weak mapping: rejected since KB5014754"),
                QT_TRANSLATE_NOOP("Report",
                                  "The account maps the certificate by name only (Issuer+Subject or Subject), which "
                                  "is what the Name Mappings dialog writes. Under KB5014754 domain controllers "
                                  "reject weak mappings for certificates without the SID extension: enforcement "
                                  "became the default on 11 February 2025 and permanent on 9 September 2025. "
                                  "Microsoft's Exchange page says Exchange certificate authentication is not "
                                  "affected; the endpoint test in this report shows what your servers do."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Add the strong Issuer+Serial value shown above. Keep the weak value until the "
                                   "test passes; remove it afterwards only if you choose to."),
                 QT_TRANSLATE_NOOP("Report", "On the domain controllers, look in the System log for "
                                             "Kerberos-Key-Distribution-Center events 39 (no strong mapping), 40 (the "
                                             "certificate is older than the account) and 41 (SID mismatch)."),
                 kTestAgain}};
    case FindingId::NearMissMapping:
        return {
            QT_TRANSLATE_NOOP("Report", "A mapping meant for this certificate will not match"),
            QT_TRANSLATE_NOOP("Report", "A value names this certificate but is written so Active Directory will not "
                                        "match it: the evidence lists why (for example the names in reading order "
                                        "instead of the certificate's order, a serial not reversed, or another "
                                        "certificate's serial). Active Directory compares the value exactly."),
            {kAddStrong, QT_TRANSLATE_NOOP("Report", "Once the test passes, remove the broken value if you choose to."),
             kTestAgain}};
    case FindingId::MappedToOtherAccount:
        return {
            QT_TRANSLATE_NOOP("Report", "Another account maps this certificate"),
            QT_TRANSLATE_NOOP("Report", "The mapping for this certificate is on a different account, so a sign-in with "
                                        "it is for that account, not for this mailbox's owner."),
            {QT_TRANSLATE_NOOP("Report", "Decide which account owns the certificate."),
             QT_TRANSLATE_NOOP("Report",
                               "Remove the mapping from the other account, then add the strong value to this one.")}};
    case FindingId::AmbiguousMapping:
        return {QT_TRANSLATE_NOOP("Report", "Two accounts map this certificate"),
                QT_TRANSLATE_NOOP("Report", "The same certificate is mapped on more than one account. The lookup is "
                                            "ambiguous and Windows refuses the sign-in."),
                {QT_TRANSLATE_NOOP("Report", "Keep the mapping on one account only.")}};
    case FindingId::AccountDisabled:
        return {QT_TRANSLATE_NOOP("Report", "The account is disabled"),
                QT_TRANSLATE_NOOP("Report",
                                  "userAccountControl has the ACCOUNTDISABLE flag: the domain controller refuses "
                                  "the sign-in even with a correct mapping (event 4768, status 0x12)."),
                {QT_TRANSLATE_NOOP("Report", "Enable the account if it should sign in.")}};
    case FindingId::ClientAuthEkuMissing:
        return {
            QT_TRANSLATE_NOOP("Report", "The certificate is not allowed for client authentication"),
            QT_TRANSLATE_NOOP("Report",
                              "Its Extended Key Usage lacks Client Authentication (1.3.6.1.5.5.7.3.2): devices "
                              "will not offer it and servers will not accept it for sign-in."),
            {QT_TRANSLATE_NOOP("Report", "Issue a new certificate with Client Authentication, then map that one.")}};
    case FindingId::CertificateExpired:
        return {
            QT_TRANSLATE_NOOP("Report", "The certificate has expired"),
            QT_TRANSLATE_NOOP("Report", "Outside its validity period the server rejects it (403.17 or a TLS alert)."),
            {QT_TRANSLATE_NOOP("Report", "Issue a new certificate and map that one: a renewed certificate has a new "
                                         "serial number, so the old mapping does not match it.")}};
    case FindingId::CertificateNotYetValid:
        return {QT_TRANSLATE_NOOP("Report", "The certificate is not valid yet"),
                QT_TRANSLATE_NOOP("Report", "Its start date is in the future, so servers reject it."),
                {QT_TRANSLATE_NOOP("Report", "Check the clocks of the issuing CA, the server and this computer.")}};
    case FindingId::IssuerNotInCaList:
        return {QT_TRANSLATE_NOOP("Report", "The server does not list this certificate's CA"),
                QT_TRANSLATE_NOOP("Report",
                                  "When IIS asks for a certificate it sends the CAs it accepts. This certificate's "
                                  "issuer is not among them, so phones choose no certificate and send nothing: IIS "
                                  "answers 403.7 or the handshake fails."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Import the issuing CA's certificate on the server: Trusted Root Certification "
                                   "Authorities for a root, Intermediate Certification Authorities for an "
                                   "issuing CA (or the Client Authentication Issuers store)."),
                 kTestAgain}};
    case FindingId::CertificateNotSent:
        return {QT_TRANSLATE_NOOP("Report", "No certificate reached the server"),
                QT_TRANSLATE_NOOP("Report",
                                  "The server asked for a client certificate and got none (403.7, or a handshake "
                                  "failure)."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Check that the device holds the certificate with its private key and that the "
                                   "Exchange account on the device uses it."),
                 QT_TRANSLATE_NOOP("Report",
                                   "Compare the server's list of acceptable CAs with the certificate's issuer.")}};
    case FindingId::ChainNotTrustedByServer:
        return {
            QT_TRANSLATE_NOOP("Report", "The server does not trust the certificate's chain"),
            QT_TRANSLATE_NOOP("Report",
                              "IIS could not build a chain to a root it trusts (403.16, 0x800B0109, or the TLS "
                              "alert unknown CA). Certificates that are not self-signed in the server's Trusted "
                              "Root store also cause 403.16."),
            {QT_TRANSLATE_NOOP("Report",
                               "Import the root CA into the server's Trusted Root store and the issuing CA into "
                               "Intermediate Certification Authorities."),
             QT_TRANSLATE_NOOP("Report", "Move certificates that are not self-signed out of the Trusted Root store."),
             kTestAgain}};
    case FindingId::CertificateRevoked:
        return {QT_TRANSLATE_NOOP("Report", "The certificate is revoked"),
                QT_TRANSLATE_NOOP("Report", "The server found the certificate on its CA's revocation list (403.13)."),
                {QT_TRANSLATE_NOOP("Report", "Issue a new certificate to the user and map that one.")}};
    case FindingId::MapperDenied:
        return {QT_TRANSLATE_NOOP("Report", "The certificate mapper denied access"),
                QT_TRANSLATE_NOOP("Report", "IIS mapped the certificate but the mapping rule denies access (403.12)."),
                {QT_TRANSLATE_NOOP("Report", "Check the site's certificate mapping rules on the server.")}};
    case FindingId::MappingFailedAtEndpoint:
        return {QT_TRANSLATE_NOOP("Report", "The endpoint could not map the certificate to an account"),
                QT_TRANSLATE_NOOP("Report",
                                  "The server received the certificate but found no account for it (401.2). When "
                                  "the 401 offers password methods (WWW-Authenticate), that is the phone's password "
                                  "prompt."),
                {QT_TRANSLATE_NOOP("Report", "The directory findings say why the account is not found."),
                 QT_TRANSLATE_NOOP("Report",
                                   "On the domain controller, event 4768 with X509N: and status 0x6 confirms it.")}};
    case FindingId::ServerCertificateUntrusted:
        return {
            QT_TRANSLATE_NOOP("Report", "The server's own certificate is not trusted here"),
            QT_TRANSLATE_NOOP("Report",
                              "This computer does not trust the server's TLS certificate (or it names another "
                              "host). Devices refuse it too unless they trust its issuer."),
            {QT_TRANSLATE_NOOP("Report", "Give the server's CA certificate for the test if it is private, or fix the "
                                         "server's certificate.")}};
    case FindingId::EndpointUnreachable:
        return {QT_TRANSLATE_NOOP("Report", "The endpoint could not be tested"),
                QT_TRANSLATE_NOOP("Report", "The test got no HTTP answer; the evidence names the stage and the error."),
                {QT_TRANSLATE_NOOP("Report", "Check the URL, DNS, the firewall and the proxy.")}};
    case FindingId::NtAuthIssuerAbsent:
        return {
            QT_TRANSLATE_NOOP("Report", "The issuing CA is not in the NTAuth store (KB5057784)"),
            QT_TRANSLATE_NOOP("Report",
                              "Since the 2025 updates (KB5057784, enforced from July 2025) the KDC accepts an "
                              "explicit mapping of the kind shown only when the certificate chains to a CA in "
                              "the forest's NTAuth store, and a standalone or public CA is never there by "
                              "itself. The KB speaks of Kerberos certificate logon; IIS's certificate mapping "
                              "is a KDC lookup too, so expect the same check there. The DC's event 45 or 21 "
                              "for this certificate confirms it (shown when the DC's log was given)."),
            {QT_TRANSLATE_NOOP("Report", "Publish the issuing CA to NTAuth (Enterprise Admins): the Fix step does it, "
                                         "backed up and undoable, or run certutil -dspublish -f <CA certificate> "
                                         "NTAuthCA."),
             kTestAgain}};
    case FindingId::KdcPrincipalUnknown:
        return {
            QT_TRANSLATE_NOOP("Report", "The domain controller found no account for the certificate"),
            QT_TRANSLATE_NOOP("Report",
                              "The DC's Security log shows event 4768 (or 4771) for an X509N: name with status "
                              "0x6 (KDC_ERR_C_PRINCIPAL_UNKNOWN): IIS asked the KDC for the account of this "
                              "certificate and no altSecurityIdentities value named it. The name shown is the "
                              "form IIS asked for."),
            {QT_TRANSLATE_NOOP("Report", "Add a strong mapping for this certificate to the account's "
                                         "altSecurityIdentities: eascert diagnose, or the wizard's Fix step, shows the "
                                         "value and adds it, keeping every existing value."),
             kTestAgain}};
    case FindingId::KdcWeakMapping:
        return {QT_TRANSLATE_NOOP("Report", "The domain controller saw only a weak mapping (event 39)"),
                QT_TRANSLATE_NOOP("Report",
                                  "The KDC logged event 39: the certificate was valid but mapped to the account only "
                                  "in a weak way (by name or e-mail). Since 9 September 2025 (KB5014754 full "
                                  "enforcement) such sign-ins fail."),
                {QT_TRANSLATE_NOOP("Report", "Add the strong Issuer+Serial value for this certificate (the Fix step)."),
                 kTestAgain}};
    case FindingId::KdcCertPredatesAccount:
        return {
            QT_TRANSLATE_NOOP("Report", "The certificate is older than the account (event 40)"),
            QT_TRANSLATE_NOOP("Report", "The KDC logged event 40: the certificate was issued before the account was "
                                        "created. Without a strong mapping the DC refuses it; the registry switch "
                                        "CertificateBackdatingCompensation no longer helps since September 2025."),
            {QT_TRANSLATE_NOOP("Report", "Add a strong explicit mapping (Issuer+Serial), or issue a new certificate."),
             kTestAgain}};
    case FindingId::KdcSidMismatch:
        return {QT_TRANSLATE_NOOP("Report", "The certificate's SID belongs to another account (event 41)"),
                QT_TRANSLATE_NOOP("Report",
                                  "The KDC logged event 41: the certificate carries a security identifier (the SID "
                                  "extension) that is not this account's."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Issue a certificate for this account, or use it with the account its SID names.")}};
    case FindingId::NtAuthChainMissing:
        return {
            QT_TRANSLATE_NOOP("Report", "The issuing CA is not trusted for sign-in (NTAuth, events 45/21)"),
            QT_TRANSLATE_NOOP("Report",
                              "The KDC logged event 45 (audit) or 21 (denied): the certificate did not chain to "
                              "a CA in the forest's NTAuth store. Since KB5057784 (enforced from July 2025) "
                              "explicit mappings need the issuing CA in NTAuth too; a standalone or public CA "
                              "is never there by itself."),
            {QT_TRANSLATE_NOOP("Report", "Publish the issuing CA certificate to NTAuth (Enterprise Admins): certutil "
                                         "-dspublish -f <CA certificate> NTAuthCA."),
             kTestAgain}};
    case FindingId::IisMappingFailed:
        return {QT_TRANSLATE_NOOP("Report", "IIS could not map the certificate (401.2 in the IIS log)"),
                QT_TRANSLATE_NOOP("Report",
                                  "The IIS log shows requests answered 401 with substatus 2 (win32 status 5, access "
                                  "denied: no token): the certificate reached IIS but no account was found for it. "
                                  "The evidence lists how many, from which devices, and when."),
                {QT_TRANSLATE_NOOP("Report", "The directory and DC findings say why the account is not found."),
                 kTestAgain}};
    case FindingId::IisUploadReadAhead:
        return {QT_TRANSLATE_NOOP("Report", "Large requests fail while the certificate is asked for (413)"),
                QT_TRANSLATE_NOOP("Report",
                                  "When IIS asks for the client certificate after the request (renegotiation), it "
                                  "must hold the request body; bodies larger than uploadReadAheadSize are refused "
                                  "with 413, so large mails and attachments fail."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Enable client certificate negotiation on the binding (netsh http update sslcert "
                                   "... clientcertnegotiation=enable), or raise uploadReadAheadSize for "
                                   "Microsoft-Server-ActiveSync.")}};
    case FindingId::Tls13NoRenegotiation:
        return {QT_TRANSLATE_NOOP("Report", "TLS 1.3 cannot ask for the certificate after the request"),
                QT_TRANSLATE_NOOP("Report",
                                  "TLS 1.3 has no renegotiation: with client certificate negotiation off on the "
                                  "binding (IIS's default), the server cannot ask for the certificate once the "
                                  "request has arrived. Windows Server 2025 answers 500 with 0x80070032; 2022 "
                                  "resets the connection."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Enable client certificate negotiation on the binding (netsh http update sslcert "
                                   "... clientcertnegotiation=enable), or use TLS 1.2 for that binding.")}};
    case FindingId::IisCbaDisabled:
        return {QT_TRANSLATE_NOOP("Report", "IIS's Active Directory certificate mapping is switched off"),
                QT_TRANSLATE_NOOP("Report",
                                  "clientCertificateMappingAuthentication is not enabled where it must be: at the "
                                  "server level and on the ActiveSync virtual directory. Without it IIS never asks "
                                  "Active Directory for the certificate's account, whatever the mapping says."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Enable it at both levels: the server-level section is locked by default (appcmd "
                                   "unlock config /section:clientCertificateMappingAuthentication), then "
                                   "Set-ActiveSyncVirtualDirectory -ClientCertAuth Required, or IIS Manager's "
                                   "Configuration Editor.")}};
    case FindingId::IisClientCertNotRequired:
        return {
            QT_TRANSLATE_NOOP("Report", "The ActiveSync directory does not require a client certificate"),
            QT_TRANSLATE_NOOP("Report",
                              "Its sslFlags lack SslRequireCert, so IIS does not insist on the certificate and "
                              "devices fall back to other sign-in methods. Certificate authentication needs "
                              "Ssl, SslNegotiateCert and SslRequireCert."),
            {QT_TRANSLATE_NOOP("Report", "IIS Manager, Microsoft-Server-ActiveSync, SSL Settings: Require SSL, Client "
                                         "certificates: Require.")}};
    case FindingId::HttpDsMapperDisabled:
        return {QT_TRANSLATE_NOOP("Report", "The HTTPS binding does not use the directory mapper"),
                QT_TRANSLATE_NOOP("Report",
                                  "netsh shows \"DS Mapper Usage: Disabled\" for the binding: HTTP.sys does not "
                                  "map the certificate to an account, so IIS has no token and answers 401.2."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Enable it on the binding: netsh http update sslcert ipport=0.0.0.0:443 "
                                   "dsmapperusage=enable (with the binding's certhash and appid), or enable Active "
                                   "Directory Client Certificate Authentication in IIS, which sets it.")}};
    case FindingId::HttpCtlExcludesIssuer:
        return {QT_TRANSLATE_NOOP("Report", "The binding limits the CAs it asks for (a CTL)"),
                QT_TRANSLATE_NOOP("Report",
                                  "The binding has a certificate trust list (Ctl Identifier): the server asks only "
                                  "for certificates from the CAs in it. If the issuing CA is not in the list, "
                                  "phones send no certificate and IIS answers 403.7."),
                {QT_TRANSLATE_NOOP("Report",
                                   "Make sure the issuing CA is in that CTL, or remove the CTL from the binding.")}};
    case FindingId::SchannelWeakMappingMethods:
        return {QT_TRANSLATE_NOOP("Report", "Schannel allows the weak UPN mapping (a security risk)"),
                QT_TRANSLATE_NOOP("Report",
                                  "CertificateMappingMethods includes 0x4 (UPN mapping), which bypasses the domain "
                                  "controller's strong-mapping checks. It is an attack path, not a fix for "
                                  "certificate sign-in."),
                {QT_TRANSLATE_NOOP("Report", "Remove the 0x4 bit from HKLM\\SYSTEM\\CurrentControlSet\\Control\\"
                                             "SecurityProviders\\SCHANNEL\\CertificateMappingMethods and map "
                                             "certificates strongly instead.")}};
    case FindingId::RegistrySettingIgnored:
        return {
            QT_TRANSLATE_NOOP("Report", "A registry switch that domain controllers no longer honour"),
            QT_TRANSLATE_NOOP("Report",
                              "StrongCertificateBindingEnforcement and CertificateBackdatingCompensation have "
                              "no effect since 9 September 2025 (KB5014754 full enforcement), and "
                              "AllowNtAuthPolicyBypass since 14 October 2025 (KB5057784). The value is there, "
                              "but it changes nothing: it is not a remedy."),
            {QT_TRANSLATE_NOOP("Report", "Fix the cause instead: a strong mapping, and the issuing CA in NTAuth.")}};
    case FindingId::ServerSideChecks:
        return {
            QT_TRANSLATE_NOOP("Report", "To verify on the server"),
            QT_TRANSLATE_NOOP("Report", "Some settings cannot be seen from outside the server."),
            {QT_TRANSLATE_NOOP("Report",
                               "IIS Manager, Microsoft-Server-ActiveSync, SSL Settings: Require SSL, and Client "
                               "certificates: Require."),
             QT_TRANSLATE_NOOP("Report", "Active Directory Client Certificate Authentication is installed (role "
                                         "Web-Client-Auth) and enabled (clientCertificateMappingAuthentication); the "
                                         "server is a domain member."),
             QT_TRANSLATE_NOOP("Report",
                               "Set-ActiveSyncVirtualDirectory -ClientCertAuth Required, with Basic and Windows "
                               "authentication off. Running Set-ActiveSyncVirtualDirectory again later can "
                               "switch the certificate mapping off.")}};
    }
    return {"", "", {}};
}

}  // namespace

report::FindingWords ReportWording::finding(const diagnosis::Finding& f) const
{
    const auto w = words(f.id);
    report::FindingWords out{tr(w.title), tr(w.cause), {}};
    for (const char* step : w.steps)
        out.fixSteps.push_back(tr(step));
    return out;
}

std::string ReportWording::verdict(diagnosis::Verdict v) const
{
    switch (v) {
    case diagnosis::Verdict::Healthy:
        return tr(QT_TRANSLATE_NOOP("Report", "Healthy: the endpoint accepts the certificate and the account holds a "
                                              "strong mapping."));
    case diagnosis::Verdict::NoProblemFound:
        return tr(QT_TRANSLATE_NOOP("Report", "No problem found in what was checked; some checks were not run."));
    case diagnosis::Verdict::ProblemFound:
        return tr(QT_TRANSLATE_NOOP("Report",
                                    "Problem found: the certificate cannot sign in. The first finding is the cause."));
    case diagnosis::Verdict::Fixed:
        return tr(QT_TRANSLATE_NOOP("Report", "Fixed: the mapping was corrected and the checks after the fix pass."));
    case diagnosis::Verdict::ChangePending:
        return tr(QT_TRANSLATE_NOOP("Report", "Change file written: Active Directory is unchanged until you import "
                                              "it. The endpoint keeps failing until then."));
    }
    return {};
}

std::string ReportWording::severity(diagnosis::Severity s) const
{
    switch (s) {
    case diagnosis::Severity::Critical: return tr(QT_TRANSLATE_NOOP("Report", "Problem"));
    case diagnosis::Severity::Warning: return tr(QT_TRANSLATE_NOOP("Report", "Warning"));
    case diagnosis::Severity::Info: return tr(QT_TRANSLATE_NOOP("Report", "Information"));
    }
    return {};
}

std::string ReportWording::label(Label l) const
{
    switch (l) {
    case Label::reportTitle: return tr(QT_TRANSLATE_NOOP("Report", "EAS Cert Doctor report"));
    case Label::verdict: return tr(QT_TRANSLATE_NOOP("Report", "Verdict"));
    case Label::findings: return tr(QT_TRANSLATE_NOOP("Report", "Findings"));
    case Label::findingsAfterFix: return tr(QT_TRANSLATE_NOOP("Report", "Findings after the fix"));
    case Label::evidence: return tr(QT_TRANSLATE_NOOP("Report", "Evidence"));
    case Label::serverEvidence: return tr(QT_TRANSLATE_NOOP("Report", "Evidence from the servers"));
    case Label::evidenceFiles: return tr(QT_TRANSLATE_NOOP("Report", "Files read"));
    case Label::file: return tr(QT_TRANSLATE_NOOP("Report", "File"));
    case Label::records: return tr(QT_TRANSLATE_NOOP("Report", "Records"));
    case Label::damaged: return tr(QT_TRANSLATE_NOOP("Report", "Damaged"));
    case Label::matchedRecords: return tr(QT_TRANSLATE_NOOP("Report", "Records about this certificate"));
    case Label::time: return tr(QT_TRANSLATE_NOOP("Report", "Time"));
    case Label::what: return tr(QT_TRANSLATE_NOOP("Report", "What"));
    case Label::match: return tr(QT_TRANSLATE_NOOP("Report", "How it names the certificate"));
    case Label::settingsRead: return tr(QT_TRANSLATE_NOOP("Report", "Settings read"));
    case Label::setting: return tr(QT_TRANSLATE_NOOP("Report", "Setting"));
    case Label::value: return tr(QT_TRANSLATE_NOOP("Report", "Value"));
    case Label::scope: return tr(QT_TRANSLATE_NOOP("Report", "Where"));
    case Label::timeline:
        return tr(QT_TRANSLATE_NOOP("Report", "Timeline: ActiveSync requests per minute, and the DC's events"));
    case Label::requestsOk: return tr(QT_TRANSLATE_NOOP("Report", "Answered (2xx)"));
    case Label::requestsMappingFailed: return tr(QT_TRANSLATE_NOOP("Report", "Mapping failed (401.2)"));
    case Label::requestsOther: return tr(QT_TRANSLATE_NOOP("Report", "Other errors"));
    case Label::dcEvents: return tr(QT_TRANSLATE_NOOP("Report", "DC events about this certificate"));
    case Label::moreRecords: return tr(QT_TRANSLATE_NOOP("Report", "more records; the JSON export lists them all"));
    case Label::ntAuthPublished: return tr(QT_TRANSLATE_NOOP("Report", "Issuing CA published to NTAuth"));
    case Label::ntAuthStoreCreated: return tr(QT_TRANSLATE_NOOP("Report", "the store was created for it"));
    case Label::fixMoment: return tr(QT_TRANSLATE_NOOP("Report", "fix"));
    case Label::fixSteps: return tr(QT_TRANSLATE_NOOP("Report", "What to do"));
    case Label::valueToAdd: return tr(QT_TRANSLATE_NOOP("Report", "Strong mapping value to add"));
    case Label::references: return tr(QT_TRANSLATE_NOOP("Report", "References"));
    case Label::certificate: return tr(QT_TRANSLATE_NOOP("Report", "Certificate"));
    case Label::subject: return tr(QT_TRANSLATE_NOOP("Report", "Subject"));
    case Label::issuer: return tr(QT_TRANSLATE_NOOP("Report", "Issuer"));
    case Label::serial: return tr(QT_TRANSLATE_NOOP("Report", "Serial number"));
    case Label::validFrom: return tr(QT_TRANSLATE_NOOP("Report", "Valid from"));
    case Label::validTo: return tr(QT_TRANSLATE_NOOP("Report", "Valid to"));
    case Label::validity: return tr(QT_TRANSLATE_NOOP("Report", "Validity"));
    case Label::thumbprintSha1: return tr(QT_TRANSLATE_NOOP("Report", "Thumbprint (SHA-1)"));
    case Label::thumbprintSha256: return tr(QT_TRANSLATE_NOOP("Report", "Thumbprint (SHA-256)"));
    case Label::extendedKeyUsage: return tr(QT_TRANSLATE_NOOP("Report", "Extended key usage"));
    case Label::upn: return tr(QT_TRANSLATE_NOOP("Report", "UPN (subject alternative name)"));
    case Label::email: return tr(QT_TRANSLATE_NOOP("Report", "E-mail"));
    case Label::sidExtension: return tr(QT_TRANSLATE_NOOP("Report", "SID extension"));
    case Label::privateKey: return tr(QT_TRANSLATE_NOOP("Report", "Private key in the file"));
    case Label::sourceFormat: return tr(QT_TRANSLATE_NOOP("Report", "File format"));
    case Label::endpoint: return tr(QT_TRANSLATE_NOOP("Report", "Endpoint test"));
    case Label::beforeFix: return tr(QT_TRANSLATE_NOOP("Report", "Before the fix"));
    case Label::afterFix: return tr(QT_TRANSLATE_NOOP("Report", "After the fix"));
    case Label::url: return tr(QT_TRANSLATE_NOOP("Report", "Request"));
    case Label::outcome: return tr(QT_TRANSLATE_NOOP("Report", "Result"));
    case Label::httpStatus: return tr(QT_TRANSLATE_NOOP("Report", "HTTP status"));
    case Label::wwwAuthenticate: return tr(QT_TRANSLATE_NOOP("Report", "Password methods offered"));
    case Label::tlsProtocol: return tr(QT_TRANSLATE_NOOP("Report", "TLS"));
    case Label::serverCertificate: return tr(QT_TRANSLATE_NOOP("Report", "Server certificate"));
    case Label::certificateRequested: return tr(QT_TRANSLATE_NOOP("Report", "Client certificate requested"));
    case Label::caList: return tr(QT_TRANSLATE_NOOP("Report", "Acceptable CAs sent by the server"));
    case Label::issuerInCaList: return tr(QT_TRANSLATE_NOOP("Report", "Our issuer in that list"));
    case Label::certificateSent: return tr(QT_TRANSLATE_NOOP("Report", "Certificate sent"));
    case Label::timings: return tr(QT_TRANSLATE_NOOP("Report", "Timings"));
    case Label::directory: return tr(QT_TRANSLATE_NOOP("Report", "Active Directory"));
    case Label::source: return tr(QT_TRANSLATE_NOOP("Report", "Directory"));
    case Label::account: return tr(QT_TRANSLATE_NOOP("Report", "Account"));
    case Label::foundBy: return tr(QT_TRANSLATE_NOOP("Report", "found by"));
    case Label::states: return tr(QT_TRANSLATE_NOOP("Report", "State"));
    case Label::mappingValues: return tr(QT_TRANSLATE_NOOP("Report", "Mapping values (altSecurityIdentities)"));
    case Label::strength: return tr(QT_TRANSLATE_NOOP("Report", "Strength"));
    case Label::reasons: return tr(QT_TRANSLATE_NOOP("Report", "Why it does not match"));
    case Label::publishedCertificates: return tr(QT_TRANSLATE_NOOP("Report", "In Published Certificates"));
    case Label::otherAccounts: return tr(QT_TRANSLATE_NOOP("Report", "Other accounts mapping it"));
    case Label::ntAuth: return tr(QT_TRANSLATE_NOOP("Report", "NTAuth store"));
    case Label::recommended: return tr(QT_TRANSLATE_NOOP("Report", "Recommended strong value"));
    case Label::fixApplied: return tr(QT_TRANSLATE_NOOP("Report", "Fix applied"));
    case Label::changeFileWritten:
        return tr(QT_TRANSLATE_NOOP("Report", "Change file written (not yet in Active Directory)"));
    case Label::changeFile: return tr(QT_TRANSLATE_NOOP("Report", "Change file"));
    case Label::importCommands: return tr(QT_TRANSLATE_NOOP("Report", "Import it with"));
    case Label::adUnchanged:
        return tr(QT_TRANSLATE_NOOP("Report", "Active Directory is unchanged until an admin with write rights imports "
                                              "the change file; the endpoint keeps failing until then."));
    case Label::valuesAfterImport: return tr(QT_TRANSLATE_NOOP("Report", "Values after the import"));
    case Label::added: return tr(QT_TRANSLATE_NOOP("Report", "Added"));
    case Label::removed: return tr(QT_TRANSLATE_NOOP("Report", "Removed"));
    case Label::backupFile: return tr(QT_TRANSLATE_NOOP("Report", "Backup file (for undo)"));
    case Label::valuesBefore: return tr(QT_TRANSLATE_NOOP("Report", "Values before"));
    case Label::valuesAfter: return tr(QT_TRANSLATE_NOOP("Report", "Values after (read back)"));
    case Label::ldif: return tr(QT_TRANSLATE_NOOP("Report", "The change as LDIF"));
    case Label::powershell: return tr(QT_TRANSLATE_NOOP("Report", "The change as PowerShell"));
    case Label::undone: return tr(QT_TRANSLATE_NOOP("Report", "undone"));
    case Label::environment: return tr(QT_TRANSLATE_NOOP("Report", "Environment"));
    case Label::toolVersion: return tr(QT_TRANSLATE_NOOP("Report", "Tool version"));
    case Label::generatedAt: return tr(QT_TRANSLATE_NOOP("Report", "Generated"));
    case Label::ranBy: return tr(QT_TRANSLATE_NOOP("Report", "Run by"));
    case Label::redacted: return tr(QT_TRANSLATE_NOOP("Report", "names redacted"));
    case Label::notChecked: return tr(QT_TRANSLATE_NOOP("Report", "Not checked"));
    case Label::nonUtf8Text:
        return tr(QT_TRANSLATE_NOOP("Report", "The server or the directory sent text that is not UTF-8: it is decoded "
                                              "as Windows-1252 where the server said so, else each such byte is "
                                              "shown as \\xNN. No byte was left out."));
    case Label::yes: return tr(QT_TRANSLATE_NOOP("Report", "yes"));
    case Label::no: return tr(QT_TRANSLATE_NOOP("Report", "no"));
    case Label::none: return tr(QT_TRANSLATE_NOOP("Report", "none"));
    case Label::severity: return tr(QT_TRANSLATE_NOOP("Report", "Severity"));
    }
    return {};
}

std::string ReportWording::mappingVerdict(mapping::Verdict v) const
{
    return terms::mappingVerdict(v);
}
std::string ReportWording::strength(mapping::Strength s) const
{
    return terms::strength(s);
}
std::string ReportWording::reason(mapping::Reason r) const
{
    return terms::reason(r);
}
std::string ReportWording::foundBy(directory::FoundBy f) const
{
    return terms::foundBy(f);
}
std::string ReportWording::ntAuth(directory::NtAuthState s) const
{
    return terms::ntAuth(s);
}
std::string ReportWording::inspectState(directory::InspectState s) const
{
    return terms::inspectState(s);
}
std::string ReportWording::probeOutcome(probe::Outcome o) const
{
    return terms::probeOutcome(o);
}
std::string ReportWording::stage(probe::Stage s) const
{
    return terms::stage(s);
}
std::string ReportWording::evidenceLabel(std::string_view key) const
{
    return terms::evidenceLabel(key);
}
std::string ReportWording::evidenceValue(std::string_view key, std::string_view value) const
{
    return terms::evidenceValue(key, value);
}

std::string ReportWording::sourceFormat(evidence::SourceFormat format) const
{
    return terms::sourceFormat(format);
}

std::string ReportWording::certificateMatch(evidence::CertificateMatch match) const
{
    return terms::certificateMatch(match);
}

}  // namespace eascert::common
