#include "eascert/evidence/CertificateMatch.h"

#include <algorithm>
#include <utility>

#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Bytes.h"
#include "eascert/support/Text.h"

namespace eascert::evidence {

namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;  // (OID or key, folded value), sorted

constexpr std::string_view kOidCn = "2.5.4.3";

std::optional<Attributes> attributesOf(std::string_view textName)
{
    const auto parsed = mapping::parseName(textName);
    if (!parsed.ok || parsed.rdns.empty())
        return std::nullopt;
    Attributes out;
    for (const auto& rdn : parsed.rdns)
        for (const auto& a : rdn)
            out.emplace_back(a.oid.empty() ? text::toUpperAscii(a.key) : a.oid, text::foldCase(text::trim(a.value)));
    std::sort(out.begin(), out.end());
    return out;
}

Attributes attributesOf(const cert::DistinguishedName& dn)
{
    Attributes out;
    for (const auto& rdn : dn.rdns)
        for (const auto& a : rdn.attributes)
            out.emplace_back(a.oid, text::foldCase(a.isString ? a.value : "#" + toHex(a.valueDer)));
    std::sort(out.begin(), out.end());
    return out;
}

// Hex as the logs write it ("1a 2b", "1A:2B", "1a2b"): the bytes, or empty when it is not hex.
Bytes hexBytes(std::string_view textValue)
{
    std::string digits;
    for (const char c : textValue)
        if (c != ' ' && c != ':' && c != '-')
            digits.push_back(c);
    if (digits.starts_with("0x") || digits.starts_with("0X"))
        digits.erase(0, 2);
    Bytes out;
    if (digits.empty() || !fromHex(digits, out))
        return {};
    return out;
}

bool sameSerial(const Bytes& found, const cert::CertificateInfo& c)
{
    if (found.empty())
        return false;
    Bytes magnitude = c.serialMagnitude();
    Bytes reversed(magnitude.rbegin(), magnitude.rend());
    Bytes signedForward = c.serial;
    Bytes signedReversed(c.serial.rbegin(), c.serial.rend());
    return found == magnitude || found == reversed || found == signedForward || found == signedReversed;
}

// An issuer as an event names it: the DN (4768's CertIssuerName) or only its CN (the KDC's events).
bool sameIssuer(std::string_view textValue, const cert::CertificateInfo& c)
{
    const auto t = text::trim(textValue);
    if (t.empty())
        return true;  // nothing said: nothing against it
    if (text::equalsIgnoreCase(t, c.issuer.first(kOidCn)))
        return true;
    return sameName(t, c.issuer);
}

// "<I>issuer<S>subject", "<S>subject" or a bare subject: (issuer, subject).
std::pair<std::string_view, std::string_view> splitX509n(std::string_view name)
{
    std::string_view issuer, subject = name;
    if (text::startsWithIgnoreCase(name, "<I>")) {
        const auto s = name.find("<S>");
        issuer = name.substr(3, s == std::string_view::npos ? std::string_view::npos : s - 3);
        subject = s == std::string_view::npos ? std::string_view() : name.substr(s + 3);
    } else if (text::startsWithIgnoreCase(name, "<S>")) {
        subject = name.substr(3);
    }
    return {issuer, subject};
}

std::string_view withoutDomain(std::string_view account)
{
    const auto slash = account.rfind('\\');
    return slash == std::string_view::npos ? account : account.substr(slash + 1);
}

bool sameAccount(std::string_view found, const MatchTarget& target)
{
    const auto f = text::trim(found);
    if (f.empty() || f == "-")
        return false;
    return std::any_of(target.accounts.begin(), target.accounts.end(), [&](const std::string& a) {
        return !a.empty() &&
               (text::equalsIgnoreCase(f, a) || text::equalsIgnoreCase(withoutDomain(f), withoutDomain(a)));
    });
}

bool isKdcCertificateEvent(const Event& e)
{
    return e.kind == EventKind::Kdc &&
           (e.id == 39 || e.id == 40 || e.id == 41 || e.id == 45 || e.id == 21 || e.id == 48 || e.id == 49);
}

}  // namespace

std::string_view certificateMatchId(CertificateMatch m)
{
    switch (m) {
    case CertificateMatch::Thumbprint: return "thumbprint";
    case CertificateMatch::Serial: return "serial";
    case CertificateMatch::Subject: return "subject";
    case CertificateMatch::Account: return "account";
    case CertificateMatch::None: break;
    }
    return "none";
}

bool sameName(std::string_view a, std::string_view b)
{
    const auto x = attributesOf(a);
    const auto y = attributesOf(b);
    return x && y && *x == *y;
}

bool sameName(std::string_view textValue, const cert::DistinguishedName& dn)
{
    const auto x = attributesOf(textValue);
    return x && !dn.empty() && *x == attributesOf(dn);
}

std::string_view x509nName(const Event& event)
{
    const auto name = text::trim(event.field("TargetUserName"));
    return text::startsWithIgnoreCase(name, "X509N:") ? name.substr(6) : std::string_view();
}

bool isCertificateLookup(const Event& event)
{
    if (isKdcCertificateEvent(event))
        return true;
    if (event.kind != EventKind::Security || (event.id != 4768 && event.id != 4771))
        return false;
    if (!x509nName(event).empty())
        return true;
    const auto given = [&](std::string_view f) {
        const auto v = text::trim(event.field(f));
        return !v.empty() && v != "-";
    };
    return given("CertThumbprint") || given("CertSerialNumber") || given("CertIssuerName");
}

bool mattersForCertificates(const Event& event)
{
    return isCertificateLookup(event) || event.kind == EventKind::Schannel;
}

MatchTarget matchTarget(const cert::CertificateInfo* certificate, std::vector<std::string> accounts)
{
    MatchTarget target{certificate, std::move(accounts)};
    if (certificate)
        for (const auto& upn : certificate->upns()) {
            target.accounts.push_back(upn);
            if (const auto at = upn.find('@'); at != std::string::npos && at > 0)
                target.accounts.push_back(upn.substr(0, at));
        }
    return target;
}

CertificateMatch matchEvent(const Event& e, const MatchTarget& target)
{
    const bool security = e.kind == EventKind::Security;
    if (const auto* c = target.certificate) {
        const auto thumbprint = hexBytes(e.field(security ? "CertThumbprint" : "Thumbprint"));
        if (!thumbprint.empty() && thumbprint == c->sha1Thumbprint)
            return CertificateMatch::Thumbprint;
        const auto serial = hexBytes(e.field(security ? "CertSerialNumber" : "SerialNumber"));
        if (sameSerial(serial, *c) && sameIssuer(e.field(security ? "CertIssuerName" : "Issuer"), *c))
            return CertificateMatch::Serial;
        if (security) {
            if (const auto name = x509nName(e); !name.empty()) {
                const auto [issuer, subject] = splitX509n(name);
                if (!subject.empty() && sameName(subject, c->subject) &&
                    (issuer.empty() || sameName(issuer, c->issuer)))
                    return CertificateMatch::Subject;
            }
        } else {
            auto subject = text::trim(e.field("Subject"));
            if (subject.starts_with("@@@"))
                subject.remove_prefix(3);
            if (!subject.empty() && sameName(subject, c->subject))
                return CertificateMatch::Subject;
        }
    }
    for (const auto f : {"AccountName", "Username", "TargetUserName"}) {
        if (std::string_view(f) == "TargetUserName" && !x509nName(e).empty())
            continue;
        if (sameAccount(e.field(f), target))
            return CertificateMatch::Account;
    }
    return CertificateMatch::None;
}

CertificateMatch matchRequest(const IisRequest& r, const MatchTarget& target)
{
    return sameAccount(r.userName, target) || sameAccount(r.easUser, target) ? CertificateMatch::Account
                                                                             : CertificateMatch::None;
}

}  // namespace eascert::evidence
