#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Directory.h"

namespace eascert::directory {

// How an account was found (said to the admin, never guessed silently).
enum class FoundBy
{
    DistinguishedName,      // --user gave a DN
    SamAccountName,         // --user gave a logon name (DOMAIN\ prefix ignored)
    UserPrincipalName,      // --user gave a UPN
    CertificateUpn,         // the certificate's SAN UPN
    CertificateEmail,       // the certificate's e-mail (SAN rfc822 or subject E) as mail or UPN
    CertificateCommonName,  // the certificate's subject CN as logon name or cn
};

struct Account
{
    std::string dn;
    std::string samAccountName;
    std::string userPrincipalName;
    std::string mail;
    Values altSecurityIdentities;
    Values userCertificates;  // DER, the "Published Certificates" tab
    std::string sid;          // S-1-5-21-...
    std::uint32_t userAccountControl = 0;
    std::string whenCreated;  // generalized time as stored

    bool disabled() const { return (userAccountControl & 0x2u) != 0; }
};

const std::vector<std::string>& accountAttributes();
Account accountFromEntry(const Entry& entry);
std::string sidToString(std::string_view binarySid);

struct AccountLookup
{
    FoundBy rule = FoundBy::SamAccountName;
    std::string query;                // the value that was looked for
    std::vector<Account> candidates;  // zero, one or several: the caller explains, never guesses
};

// With user: by DN, UPN (contains '@') or sAMAccountName. Without: from the certificate, trying
// SAN UPN, then e-mail, then subject CN; the first rule that finds anyone wins.
Result<AccountLookup> findAccount(Directory& directory, const std::string& base, const std::optional<std::string>& user,
                                  const cert::CertificateInfo& certificate);

// Every account whose altSecurityIdentities holds a value built for this certificate (any form).
Result<std::vector<Account>> findMappedAccounts(Directory& directory, const std::string& base,
                                                const cert::CertificateInfo& certificate);

enum class NtAuthState
{
    IssuerPresent,
    IssuerAbsent,
    StoreMissing,
    Unknown
};

inline constexpr const char* kNtAuthAttribute = "cACertificate";

// The forest's NTAuth store as read, and whether the certificate's issuing CA is in it.
struct NtAuthStore
{
    NtAuthState state = NtAuthState::Unknown;
    std::string dn;          // CN=NTAuthCertificates,CN=Public Key Services,CN=Services,<configuration NC>
    Values certificates;     // cACertificate (DER), as read
    std::string issuer;      // DER of the issuing CA when the chain holds it (what a fix would add)
    std::string issuerName;  // the issuing CA's name, for display
};

// The DN of the forest's NTAuth store ("" without a configuration NC).
std::string ntAuthDn(const std::string& configurationNc);

// Reads CN=NTAuthCertificates,... and says whether the issuing CA (chain element 1, or the
// certificate's issuer name + AKI) is in it.
Result<NtAuthStore> checkNtAuth(Directory& directory, const std::string& configurationNc,
                                const cert::CertificateInfo& certificate,
                                const std::vector<cert::CertificateInfo>& chain);

std::string_view foundById(FoundBy f);
std::string_view ntAuthId(NtAuthState s);

}  // namespace eascert::directory
