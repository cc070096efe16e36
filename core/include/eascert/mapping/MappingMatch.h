#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "eascert/mapping/Mapping.h"
#include "eascert/mapping/MappingValue.h"

namespace eascert::mapping {

enum class Verdict
{
    Match,     // equal to a value built for the certificate, compared as AD does (case-insensitive)
    NearMiss,  // meant for this certificate, but written so that AD will not match it (reasons say why)
    NoMatch,   // maps something else
    Invalid,   // not an altSecurityIdentities X.509 mapping at all
};

// The part of a value a reason is about.
enum class Part
{
    Value,
    Issuer,
    Subject,
    Serial,
    Ski,
    Sha1,
    Sid,
    Rfc822
};

// Each near miss of domain.md §2.5 has its own reason.
enum class Reason
{
    MissingPrefix,          // no "X509:" in front
    WrongPrefix,            // "X509N:" (the KDC's event text) or another prefix
    SurroundingWhitespace,  // spaces or CR/LF around the value
    InvalidCombination,     // <I>..<S>..<SR>.. and similar: not a form AD knows
    UnknownTag,             // a <TAG> AD does not know
    ReversedDnOrder,        // RFC 4514 / display order instead of encoded order
    SpaceAfterSeparator,    // ", " between RDNs
    OtherSeparator,         // ";" or line breaks between RDNs
    NonWindowsKeys,         // ST=, emailAddress=, UID= or bare OIDs instead of S=, E=, OID.x=
    BackslashEscaping,      // \, instead of "quoting"
    UnquotedSpecial,        // a value with , + = etc. not quoted
    PlusJoinedRdn,          // multi-valued RDN joined with + instead of a space
    DnFormatting,           // same name, written differently in some other way
    IssuerIsChainCa,        // the issuer named is another CA of the chain (e.g. the root)
    DifferentIssuer,        // the serial fits but the issuer is another CA
    ForwardSerial,          // serial in display order, not reversed
    SerialSignByte,         // serial with the 00 sign byte Windows drops (inference, unverified)
    HexSeparators,          // spaces or colons inside a hex value
    OtherCertificate,       // same issuer, another serial: an older or renewed certificate
    DifferentSubject,       // the subject names someone else
    SkiMismatch,            // another key identifier
    NoSkiInCertificate,     // the certificate has no SKI to match
    Sha1OfPublicKey,        // SHA-1 of the public key instead of the thumbprint (Samba's reading)
    Sha1Mismatch,
    SidMismatch,
    NoSidInCertificate,
    EmailMismatch,
    NoEmailInCertificate,
    Unparseable,  // a part that cannot be read as a name or as hex
};

struct ReasonDetail
{
    Reason reason;
    Part part = Part::Value;
    std::string found;     // what the value says (may be empty)
    std::string expected;  // what would match (may be empty)
};

struct MatchResult
{
    Verdict verdict = Verdict::Invalid;
    std::optional<MappingForm> form;   // the form the value is written in
    std::optional<Strength> strength;  // of that form
    std::vector<ReasonDetail> reasons;
    std::optional<std::string> correctedValue;  // the value of the same form that would match
    ParsedMapping parsed;
};

// chain: other CA certificates of the same chain (to recognise "issuer of the root").
MatchResult checkMapping(std::string_view value, const cert::CertificateInfo& cert,
                         std::span<const cert::CertificateInfo> chain = {});

// What can be said of a value without its certificate: prefix, tags, whitespace, name style
// (spaces after commas, RFC keys, backslashes, and display order when a CN comes before DC/O/C),
// separators in hex. Empty when the value looks like what Windows writes.
std::vector<ReasonDetail> lintMapping(std::string_view value);

std::string_view verdictId(Verdict v);
std::string_view reasonId(Reason r);
std::string_view partId(Part p);

}  // namespace eascert::mapping
