#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eascert/directory/Account.h"
#include "eascert/mapping/MappingMatch.h"

namespace eascert::directory {

// What is wrong (or right) with an account's mapping for a certificate. Several can apply;
// Inspection::states lists them root cause first.
enum class InspectState
{
    Ok,               // a strong mapping for this certificate is present, on this account only
    NoMapping,        // no value maps this certificate
    PublishedOnly,    // the certificate is only in Published Certificates (userCertificate): the classic mistake
    WeakOnly,         // only weak mappings: rejected under KB5014754 full enforcement
    NearMiss,         // a value is meant for this certificate but written so AD will not match it
    MappedToOther,    // another account maps this certificate, this one does not
    Ambiguous,        // this account and another both map it: the lookup is ambiguous
    AccountDisabled,  // the account is disabled (userAccountControl 0x2)
};

struct ValueCheck
{
    std::string value;
    mapping::MatchResult result;
};

struct Inspection
{
    Account account;
    FoundBy foundBy = FoundBy::SamAccountName;
    std::vector<ValueCheck> values;      // every altSecurityIdentities value, checked
    bool certificatePublished = false;   // the certificate's DER is in userCertificate
    std::vector<Account> otherAccounts;  // other accounts whose values map this certificate
    NtAuthStore ntAuth;                  // the forest's NTAuth store and the issuing CA's place in it
    std::vector<InspectState> states;    // root cause first; {Ok} when all is well
    std::string recommendedValue;        // the strong value to add

    InspectState primary() const { return states.front(); }
    bool ok() const { return primary() == InspectState::Ok; }
};

// Pure: classifies what the directory said.
Inspection classify(const Account& account, FoundBy foundBy, const cert::CertificateInfo& certificate,
                    const std::vector<cert::CertificateInfo>& chain, const std::vector<Account>& mappedAccounts,
                    NtAuthStore ntAuth);

// Reads everything from the directory (account, mapped accounts, NTAuth) and classifies it.
// Zero or several candidate accounts are errors (AccountNotFound / AccountAmbiguous, with the DNs).
Result<Inspection> inspect(Directory& directory, const std::optional<std::string>& user,
                           const cert::CertificateInfo& certificate, const std::vector<cert::CertificateInfo>& chain,
                           std::stop_token stop = {});

std::string_view inspectStateId(InspectState s);

}  // namespace eascert::directory
