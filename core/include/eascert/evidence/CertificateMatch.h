#pragma once

// Which events are about the certificate in hand: by thumbprint, serial (forward or reversed, with or
// without the sign byte, and only with its issuer when the event names one), subject (the KDC's
// "@@@" display form, the X509N:<S> / <I><S> names the Security log shows) or account. A password
// spray's 4768 0x6 for names that are not certificate names is no certificate lookup at all.

#include <string>
#include <string_view>
#include <vector>

#include "eascert/cert/Certificate.h"
#include "eascert/evidence/Event.h"
#include "eascert/evidence/IisLog.h"

namespace eascert::evidence {

enum class CertificateMatch
{
    Thumbprint,
    Serial,
    Subject,
    Account,
    None
};
std::string_view certificateMatchId(CertificateMatch m);  // "thumbprint", "serial", "subject", "account", "none"

struct MatchTarget
{
    const cert::CertificateInfo* certificate = nullptr;  // null: nothing to match but accounts
    std::vector<std::string> accounts;                   // sAMAccountName, UPN, "DOMAIN\\user": any form the logs write
};

// What the logs are matched against: the certificate, the names the logs may use for its account
// (each UPN in it, and the account part before the '@'), and the accounts named besides (from the
// directory, or by the admin).
MatchTarget matchTarget(const cert::CertificateInfo* certificate, std::vector<std::string> accounts = {});

// The best way the event names the certificate (or its account).
CertificateMatch matchEvent(const Event& event, const MatchTarget& target);
// An IIS request names no certificate: only its user (cs-username or ActiveSync User=).
CertificateMatch matchRequest(const IisRequest& request, const MatchTarget& target);

// True when the event is the KDC looking up a certificate: a Security 4768/4771 whose account name
// is an X509N: name or that carries certificate fields, or a KDC certificate event (39-41, 45, 21,
// 48, 49). A 4768 for an ordinary user name is not.
bool isCertificateLookup(const Event& event);

// The certificate name a Security event's account field holds ("X509N:<S>CN=user" -> that text),
// empty when it is an ordinary account name.
std::string_view x509nName(const Event& event);

// Two names equal as Windows compares them: the same attributes and values in any order or spelling
// ("CN=a, O=b" in display order, "O=b,CN=a" in encoded order, "S=" for "ST="), values case-insensitive.
bool sameName(std::string_view a, std::string_view b);
bool sameName(std::string_view text, const cert::DistinguishedName& dn);

}  // namespace eascert::evidence
