#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/cert/Certificate.h"

namespace eascert::mapping {

// The altSecurityIdentities forms of domain.md §2.
enum class MappingForm
{
    IssuerSerial,   // X509:<I>IssuerDN<SR>ReversedSerialHex
    SubjectKeyId,   // X509:<SKI>SkiHex
    Sha1PublicKey,  // X509:<SHA1-PUKEY>Hex (we write the certificate thumbprint, see §2.4)
    IssuerSid,      // X509:<I>IssuerDN<SID>S-1-5-...
    IssuerSubject,  // X509:<I>IssuerDN<S>SubjectDN
    Subject,        // X509:<S>SubjectDN
    Rfc822,         // X509:<RFC822>user@example.com
};

enum class Strength
{
    Strong,
    Weak
};

// Why a form cannot be built for a certificate.
enum class Unavailable
{
    None,
    NoSubjectKeyId,  // the certificate has no Subject Key Identifier extension
    NoSid,           // no SID extension or SID URL: standalone and public CAs never add one
    EmptySubject,    // the subject name is empty
    NoEmail,         // no rfc822 SAN and no emailAddress in the subject
};

// Caveats attached to a built value.
enum class Note
{
    Recommended,           // the primary recommendation (Issuer+Serial)
    Alternative,           // the second choice (SKI)
    VerifyBeforeRelying,   // SHA1-PUKEY: the input DCs hash is not settled (§2.4)
    SerialSignByte,        // the DER serial has a sign byte Windows drops; unverified on a DC (§2.2)
    WeakUnderEnforcement,  // rejected once KB5014754 full enforcement applies (permanent since Sep 2025)
    MultiValuedRdn,        // a multi-valued RDN, rendered joined by a space: rare, check it
};

struct MappingCandidate
{
    MappingForm form = MappingForm::IssuerSerial;
    Strength strength = Strength::Strong;
    std::optional<std::string> value;  // empty when unavailable
    Unavailable unavailable = Unavailable::None;
    std::vector<Note> notes;
    int rank = 0;  // 1 = recommended, 2 = alternative, 0 = other
};

Strength strengthOf(MappingForm form);
std::string_view formId(MappingForm form);
// KB5057784 (2025): the explicit mappings for which the KDC requires the certificate to chain to a CA
// in NTAuth: X509IssuerSerialNumber, X509SKI, X509SHA1PublicKey, X509IssuerSubject and
// X509NSubjectOnly (domain.md §7). Not RFC822 or the SID form.
bool requiresNtAuth(MappingForm form);
std::string_view formSyntax(MappingForm form);
std::string_view strengthId(Strength s);
std::string_view unavailableId(Unavailable u);
std::string_view noteId(Note n);

// Every form for the certificate, strong ones first, the recommendation ranked 1.
std::vector<MappingCandidate> buildMappings(const cert::CertificateInfo& cert);
std::optional<std::string> buildMapping(const cert::CertificateInfo& cert, MappingForm form);
std::optional<MappingCandidate> recommended(const std::vector<MappingCandidate>& candidates);

// Hex of the serial as the <SR> element wants it: magnitude bytes reversed, upper case.
std::string reversedSerialHex(const cert::CertificateInfo& cert);

}  // namespace eascert::mapping
