#include "Messages.h"

namespace eascert::cli {

using mapping::MappingForm;
using mapping::Note;
using mapping::Reason;
using mapping::Unavailable;
using mapping::Verdict;

ErrorText errorText(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return {"invalid argument", "Check the command line (eascert --help)."};
    case ErrorCode::FileNotFound: return {"file not found", "Check the path."};
    case ErrorCode::NotAFile:
        return {"not a regular file (a folder or a device)", "Give the path of a certificate file."};
    case ErrorCode::FileUnreadable:
        return {"the file cannot be read", "Check its permissions, or copy it somewhere readable."};
    case ErrorCode::FileUnwritable:
        return {"the file cannot be written",
                "Check that the folder exists, that you may write there and that the disk is not full."};
    case ErrorCode::FileExists:
        return {"the file exists already and was left as it is",
                "Choose another file name, or move the old file away."};
    case ErrorCode::FileTooLarge:
        return {"the file is too large to be a certificate (limit 4 MiB)",
                "Give a .pfx/.p12, .cer/.crt/.pem or .p7b file."};
    case ErrorCode::EmptyFile: return {"the file is empty", "Export the certificate again."};
    case ErrorCode::UnrecognizedFormat:
        return {"not a certificate file (not PEM, DER, PKCS#12 or PKCS#7)",
                "Export the certificate as .cer (DER or Base-64) or .pfx and try again."};
    case ErrorCode::CorruptData:
        return {"the file is damaged or truncated", "Copy or export it again; check that a transfer did not cut it."};
    case ErrorCode::NoCertificate:
        return {"the file holds no certificate", "Export the certificate itself (with or without its private key)."};
    case ErrorCode::KeyNotExportable:
        return {"the certificate's private key may not be exported from the Windows store",
                "Test the endpoint with a .pfx of the certificate, or re-import it with the key marked exportable."};
    case ErrorCode::PasswordRequired:
        return {"the file is protected by a password",
                "Give it with --password-env VAR or --password-file PATH, or run in a terminal to be asked."};
    case ErrorCode::WrongPassword:
        return {"wrong password for this file", "Check the password the file was exported with."};
    case ErrorCode::UnsupportedAlgorithm:
        return {"the file uses an algorithm this OpenSSL cannot open",
                "Install OpenSSL's legacy provider, or re-export the file with AES-256 encryption."};
    case ErrorCode::NotSupportedHere: return {"this system cannot do that", "See the detail for what to use instead."};
    case ErrorCode::DirectoryUnavailable:
        return {"cannot reach the directory server", "Check the URI, the port (636 for LDAPS) and the firewall."};
    case ErrorCode::DirectoryTimeout:
        return {"the directory server did not answer in time",
                "Check the server's load and network, or raise --timeout."};
    case ErrorCode::TlsFailure:
        return {"the TLS connection to the directory failed (server certificate not trusted, or wrong name)",
                "Give the CA that issued the DC's certificate with --ca-file, and use the name in that certificate."};
    case ErrorCode::CleartextBindRefused:
        return {"refusing to send a password over an unencrypted connection",
                "Use ldaps://, or ldap:// with StartTLS (the default), or Kerberos (--kerberos)."};
    case ErrorCode::EmptyPasswordRefused:
        return {"refusing to bind with a name and an empty password (an unauthenticated bind, which proves nothing)",
                "Give the password (--password-file, --password-env or the prompt), or use Kerberos (--kerberos)."};
    case ErrorCode::StrongAuthRequired:
        return {"the directory demands a protected connection (LDAP signing)", "Use ldaps:// or StartTLS."};
    case ErrorCode::AuthenticationFailed:
        return {"the directory did not accept the credentials",
                "Check --bind-dn and the password, or run kinit for Kerberos."};
    case ErrorCode::InsufficientRights:
        return {"insufficient rights: the account may not change this user's altSecurityIdentities",
                "Run as an account with write access to the user, or use --ldif to produce a change file for one."};
    case ErrorCode::NtAuthRightsMissing:
        return {"insufficient rights: only Enterprise Admins may add a CA to the forest's NTAuth store; nothing was "
                "written",
                "Ask an Enterprise Admin to run: certutil -dspublish -f ca.cer NTAuthCA (ca.cer: the issuing CA's "
                "certificate), or run again as one."};
    case ErrorCode::ConstraintViolation:
        return {"the directory rejected the value (schema constraint)", "Check the value; nothing was written."};
    case ErrorCode::NoSuchEntry: return {"no such entry in the directory", "Check the DN or user name."};
    case ErrorCode::EntryExists:
        return {"the entry exists already (someone created it since the inspection); nothing was written",
                "Inspect again, then fix."};
    case ErrorCode::ValueExists: return {"the value is already present", "Nothing to do."};
    case ErrorCode::NoSuchValue: return {"the value to remove is not present", "Inspect the account again."};
    case ErrorCode::EntryChanged:
        return {"the account changed since it was inspected; nothing was written", "Inspect it again, then fix."};
    case ErrorCode::VerificationFailed:
        return {"the directory does not show the value after writing it",
                "Check replication and the account's attributes; the backup file can undo the change."};
    case ErrorCode::AccountNotFound:
        return {"no account matches", "Give the account with --user (sAMAccountName, UPN or DN)."};
    case ErrorCode::AccountAmbiguous:
        return {"several accounts match", "Give the account with --user (sAMAccountName, UPN or DN)."};
    case ErrorCode::Cancelled: return {"cancelled", ""};
    case ErrorCode::NameNotResolved: return {"the host name does not resolve", "Check the name and the DNS server."};
    case ErrorCode::ConnectFailed:
        return {"the connection failed (refused, reset or unreachable)", "Check the host, port, firewall and proxy."};
    case ErrorCode::NetworkTimeout:
        return {"no answer before the timeout", "Check that the server is up and reachable; raise --timeout."};
    case ErrorCode::ProtocolError:
        return {"the server broke the TLS or HTTP protocol", "See the detail; it is not an IIS-like answer."};
    case ErrorCode::DirectoryError: return {"the directory reported an error", "See the detail; nothing was written."};
    case ErrorCode::Internal: return {"internal error", "Please report this with the command you ran."};
    }
    return {"internal error", ""};
}

// Errors in the evidence files' own words (describeError's are a certificate file's).
std::string describeEvidenceError(const Error& error)
{
    const auto with = [&](std::string_view problem, std::string_view fix) {
        return std::string(problem) + (error.detail.empty() ? "" : " (" + error.detail + ")") + ". " + std::string(fix);
    };
    switch (error.code) {
    case ErrorCode::UnrecognizedFormat:
        return with("not a known evidence format",
                    "Save the DC's log as .evtx, XML or CSV (Event Viewer: Save All Events As), copy an event with "
                    "\"Copy details as text\", or give an IIS log (u_ex*.log) as it is");
    case ErrorCode::CorruptData:
        return with("the evidence file is damaged", "Export or copy it again; check that a transfer did not cut it");
    case ErrorCode::EmptyFile: return with("the evidence file is empty", "Export it again");
    case ErrorCode::FileTooLarge:
        return with("the evidence file is too large",
                    "Filter the log to the hours around the failure and export again");
    case ErrorCode::NotAFile: return with("not a regular file (a folder or a device)", "Give the path of a log file");
    case ErrorCode::InsufficientRights:
        return with("no rights to read that event log", "Run as an administrator or a member of Event Log Readers");
    case ErrorCode::ConnectFailed:
        return with("the event log could not be read", "Check the computer's name, the firewall and your rights there");
    default: return describeError(error);
    }
}

std::string describeError(const Error& error)
{
    const ErrorText t = errorText(error.code);
    std::string out(t.problem);
    if (!error.detail.empty())
        out += " (" + error.detail + ")";
    out += ". ";
    out += t.fix;
    return out;
}

std::string_view formName(MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial: return "Issuer + serial number";
    case MappingForm::SubjectKeyId: return "Subject key identifier";
    case MappingForm::Sha1PublicKey: return "SHA1-PUKEY (certificate thumbprint)";
    case MappingForm::IssuerSid: return "Issuer + SID";
    case MappingForm::IssuerSubject: return "Issuer + subject";
    case MappingForm::Subject: return "Subject only";
    case MappingForm::Rfc822: return "E-mail address (RFC822)";
    }
    return "";
}

std::string_view noteText(Note note)
{
    switch (note) {
    case Note::Recommended: return "recommended: strong, and Microsoft's preferred explicit mapping";
    case Note::Alternative: return "alternative: strong; survives re-issuing with the same key";
    case Note::VerifyBeforeRelying:
        return "verify before relying on it: Microsoft's tools put the certificate thumbprint here, "
               "the protocol text says a hash of the public key";
    case Note::SerialSignByte:
        return "the serial has a DER sign byte (00) that Windows drops; not verified on a DC: "
               "prefer the SKI form if this value does not work";
    case Note::WeakUnderEnforcement:
        return "weak: domain controllers reject it under KB5014754 full enforcement "
               "(default since Feb 2025, permanent since Sep 2025)";
    case Note::MultiValuedRdn: return "the name has a multi-valued RDN, written joined by a space: rare, check it";
    }
    return "";
}

std::string_view unavailableText(Unavailable u)
{
    switch (u) {
    case Unavailable::None: return "";
    case Unavailable::NoSubjectKeyId: return "the certificate has no Subject Key Identifier extension";
    case Unavailable::NoSid: return "the certificate carries no SID (standalone and public CAs never add one)";
    case Unavailable::EmptySubject: return "the certificate's subject is empty";
    case Unavailable::NoEmail: return "the certificate has no e-mail address";
    }
    return "";
}

std::string_view verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Match: return "match";
    case Verdict::NearMiss: return "near miss: meant for this certificate, but AD will not match it";
    case Verdict::NoMatch: return "no match: the value maps something else";
    case Verdict::Invalid: return "invalid: not an altSecurityIdentities X.509 mapping";
    }
    return "";
}

std::string_view selectionText(cert::SelectionRule rule)
{
    switch (rule) {
    case cert::SelectionRule::OnlyCertificate: return "the only certificate in the file";
    case cert::SelectionRule::MatchesPrivateKey: return "the certificate that matches the file's private key";
    case cert::SelectionRule::OnlyEndEntity: return "the only end-entity certificate; the others are its CAs";
    case cert::SelectionRule::ClientAuthEndEntity:
        return "the only end-entity certificate allowed for client authentication";
    case cert::SelectionRule::FirstEndEntity:
        return "several end-entity certificates fit; the first was taken: export the one you mean on its own";
    }
    return "";
}

}  // namespace eascert::cli
