#include "DirectoryMessages.h"

#include "eascert/support/Path.h"
#include "eascert/support/Text.h"

namespace eascert::cli {

using directory::InspectState;

StateText stateText(InspectState state)
{
    switch (state) {
    case InspectState::Ok:
        return {"OK: a strong mapping for this certificate is present",
                "The account's altSecurityIdentities holds a strong value that matches the certificate.",
                "Nothing to change in the directory. If the phone still prompts, test the endpoint."};
    case InspectState::NoMapping:
        return {"No mapping for this certificate",
                "No altSecurityIdentities value maps this certificate, so the DC cannot find the account "
                "(event 4768 with X509N: and result 0x6; IIS answers 401.2; the phone asks for a password).",
                "Add the recommended strong value (eascert directory fix)."};
    case InspectState::PublishedOnly:
        return {"The certificate is only in Published Certificates",
                "The certificate is in userCertificate (the Published Certificates tab). IIS's certificate "
                "mapping never reads that attribute.",
                "Add the recommended strong value to altSecurityIdentities (eascert directory fix). "
                "The published copy can stay."};
    case InspectState::WeakOnly:
        return {"Only a weak mapping",
                "The account maps the certificate only by a weak form (Issuer+Subject, Subject or RFC822, what the "
                "Name Mappings dialog writes). Since KB5014754 full enforcement (default Feb 11 2025, permanent "
                "Sep 9 2025) domain controllers reject it; look for KDC events 39/40/41 in the DC's System log.",
                "Add the recommended strong value (Issuer+Serial); remove the weak one once it works."};
    case InspectState::NearMiss:
        return {"A value is meant for this certificate but does not match",
                "A value was written for this certificate, but in a form the DC will not match (see the reasons).",
                "Add the recommended value; remove the broken one with --remove."};
    case InspectState::MappedToOther:
        return {"The certificate is mapped to another account",
                "Another account's altSecurityIdentities maps this certificate; this account has no mapping for it.",
                "Remove the value from the other account if it is wrong, then map this one."};
    case InspectState::Ambiguous:
        return {"The same certificate is mapped to several accounts",
                "This account and another both map this certificate: the DC's lookup is ambiguous and fails.",
                "Keep the mapping on one account only."};
    case InspectState::AccountDisabled:
        return {"The account is disabled",
                "userAccountControl has ACCOUNTDISABLE (0x2): even a correct mapping cannot log on "
                "(event 4768 result 0x12).",
                "Enable the account, or map the certificate to the right account."};
    }
    return {"", "", ""};
}

std::string_view foundByText(directory::FoundBy f)
{
    using directory::FoundBy;
    switch (f) {
    case FoundBy::DistinguishedName: return "by the DN given with --user";
    case FoundBy::SamAccountName: return "by the logon name given with --user";
    case FoundBy::UserPrincipalName: return "by the UPN given with --user";
    case FoundBy::CertificateUpn: return "by the UPN in the certificate's SAN";
    case FoundBy::CertificateEmail: return "by the certificate's e-mail address (mail or UPN)";
    case FoundBy::CertificateCommonName: return "by the certificate's subject CN (logon name or cn)";
    }
    return "";
}

std::string writeTarget(const directory::Directory& directory)
{
    if (!directory.writesOffline())
        return directory.describe();
    if (directory.changeFile().empty())
        return "memory only (Active Directory is not changed)";
    return "the change file " + text::printable(utf8Path(directory.changeFile())) +
           " (Active Directory is not changed until you import it)";
}

std::string ntAuthPlanText(const directory::NtAuthChange& change)
{
    return std::string(change.createStore ? "Also creates the forest's NTAuth store with the issuing CA in it"
                                          : "Also adds the issuing CA to the forest's NTAuth store") +
           " (KB5057784; needs Enterprise Admins: without those rights nothing at all is written):\n  CA:    " +
           text::printable(change.caName) + "\n  Store: " + text::printable(change.dn) +
           "\n  Equivalent: " + text::printable(change.certutil()) + "  (" + text::printable(change.caFile) +
           ": the CA's certificate)\n";
}

std::string ntAuthNotPlannedText(const directory::Inspection& inspection, const directory::FixPlan& plan)
{
    const auto state = inspection.ntAuth.state;
    if (plan.ntAuth || (state != directory::NtAuthState::IssuerAbsent && state != directory::NtAuthState::StoreMissing))
        return {};
    const std::string why = directory::ntAuthUnavailable(inspection);
    return "The issuing CA " + text::printable(inspection.ntAuth.issuerName) +
           " is not in NTAuth (KB5057784) and this " + "change does not publish it" +
           (why.empty() ? std::string(" (--no-ntauth)") : ": " + why) +
           ".\nAn Enterprise Admin can: certutil -dspublish -f ca.cer NTAuthCA (ca.cer: the issuing CA's "
           "certificate).\n";
}

nlohmann::ordered_json ntAuthPlanJson(const directory::NtAuthChange& change)
{
    return {
        {"dn", change.dn}, {"ca", change.caName}, {"createStore", change.createStore}, {"certutil", change.certutil()}};
}

std::string ntAuthOutcomeText(const directory::FixOutcome& outcome, bool undo)
{
    if (!outcome.ntAuthChanged)
        return {};
    const std::string ca = text::printable(outcome.ntAuthCa);
    if (undo)
        return "The issuing CA " + ca + " is out of NTAuth again" +
               (outcome.ntAuthStoreChanged ? " (the store the fix created is deleted)" : "") + ".\n";
    if (outcome.offline)
        return "The change file also publishes the issuing CA " + ca + " to NTAuth.\n";
    return "The issuing CA " + ca + " is in the forest's NTAuth store now (read back)" +
           (outcome.ntAuthStoreChanged ? "; the store was created for it" : "") + ".\n";
}

std::string changeFileText(const directory::FixOutcome& outcome)
{
    if (outcome.changeFile.empty())
        return "Recorded in memory only: Active Directory is unchanged.";
    std::string out = "Change file written: " + text::printable(utf8Path(outcome.changeFile)) +
                      "\nActive Directory is unchanged until you import it, as an account with write rights:\n";
    for (const auto& command : directory::importCommands(outcome.changeFile))
        out += "  " + text::printable(command) + "\n";
    return out + "The endpoint keeps failing until the import.";
}

}  // namespace eascert::cli
