#include "eascert/mapping/MappingMatch.h"

#include <algorithm>

#include "eascert/mapping/WindowsName.h"
#include "eascert/support/Digest.h"
#include "eascert/support/Text.h"

namespace eascert::mapping {

namespace {

enum class Status
{
    Same,
    Cosmetic,
    Different
};

struct PartResult
{
    Status status = Status::Same;
    std::vector<ReasonDetail> reasons;
};

using FlatRdn = std::vector<std::pair<std::string, std::string>>;  // (oid, folded value), sorted
using FlatName = std::vector<FlatRdn>;

FlatName flatten(const cert::DistinguishedName& dn)
{
    FlatName out;
    for (const auto& rdn : dn.rdns) {
        FlatRdn flat;
        for (const auto& a : rdn.attributes)
            flat.emplace_back(a.oid, text::foldCase(a.isString ? a.value : "#" + toHex(a.valueDer)));
        std::sort(flat.begin(), flat.end());
        out.push_back(std::move(flat));
    }
    return out;
}

FlatName flatten(const ParsedName& parsed)
{
    FlatName out;
    for (const auto& rdn : parsed.rdns) {
        FlatRdn flat;
        for (const auto& a : rdn)
            flat.emplace_back(a.oid.empty() ? "?" + text::toUpperAscii(a.key) : a.oid, text::foldCase(a.value));
        std::sort(flat.begin(), flat.end());
        out.push_back(std::move(flat));
    }
    return out;
}

bool sameName(const FlatName& a, const FlatName& b, bool reversed)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[reversed ? b.size() - 1 - i : i])
            return false;
    return true;
}

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& s : items) {
        if (!out.empty())
            out += ", ";
        out += s;
    }
    return out;
}

std::vector<std::string> windowsKeysFor(const ParsedName& parsed)
{
    std::vector<std::string> out;
    for (const auto& key : parsed.nonWindowsKeys) {
        for (const auto& rdn : parsed.rdns) {
            const auto it = std::find_if(rdn.begin(), rdn.end(), [&](const auto& a) { return a.key == key; });
            if (it == rdn.end())
                continue;
            const std::string_view wk = windowsKey(it->oid);
            out.push_back(wk.empty() ? "OID." + it->oid : std::string(wk));
            break;
        }
    }
    return out;
}

PartResult compareName(std::string_view written, const cert::DistinguishedName& expected, Part part,
                       std::span<const cert::CertificateInfo> chain)
{
    PartResult r;
    const std::string canonical = renderWindowsName(expected);
    if (text::equalsIgnoreCase(written, canonical))
        return r;

    const ParsedName parsed = parseName(written);
    const auto differentReason = part == Part::Issuer ? Reason::DifferentIssuer : Reason::DifferentSubject;
    if (!parsed.ok) {
        r.status = Status::Different;
        r.reasons.push_back({Reason::Unparseable, part, std::string(written), canonical});
        return r;
    }
    const FlatName have = flatten(parsed);
    const FlatName want = flatten(expected);
    const bool inOrder = sameName(have, want, false);
    const bool reversed = !inOrder && sameName(have, want, true);
    if (!inOrder && !reversed) {
        r.status = Status::Different;
        if (part == Part::Issuer) {
            for (const auto& ca : chain) {
                const FlatName caName = flatten(ca.subject);
                if (caName == want)
                    continue;  // the real issuer
                if (sameName(have, caName, false) || sameName(have, caName, true)) {
                    r.reasons.push_back({Reason::IssuerIsChainCa, part, std::string(written), canonical});
                    return r;
                }
            }
        }
        r.reasons.push_back({differentReason, part, std::string(written), canonical});
        return r;
    }

    r.status = Status::Cosmetic;
    const std::string found(written);
    if (reversed)
        r.reasons.push_back({Reason::ReversedDnOrder, part, found, canonical});
    if (parsed.spaceAfterSeparator)
        r.reasons.push_back({Reason::SpaceAfterSeparator, part, found, canonical});
    if (parsed.otherSeparator)
        r.reasons.push_back({Reason::OtherSeparator, part, found, canonical});
    if (!parsed.nonWindowsKeys.empty())
        r.reasons.push_back({Reason::NonWindowsKeys, part, join(parsed.nonWindowsKeys), join(windowsKeysFor(parsed))});
    if (parsed.backslashEscapes)
        r.reasons.push_back({Reason::BackslashEscaping, part, found, canonical});
    if (parsed.unquotedSpecial)
        r.reasons.push_back({Reason::UnquotedSpecial, part, found, canonical});
    if (parsed.plusJoinedRdn)
        r.reasons.push_back({Reason::PlusJoinedRdn, part, found, canonical});
    if (r.reasons.empty())
        r.reasons.push_back({Reason::DnFormatting, part, found, canonical});
    return r;
}

struct HexText
{
    bool ok = false;
    bool separators = false;
    Bytes bytes;
};

HexText readHex(std::string_view written)
{
    HexText h;
    const std::string_view t = text::trim(written);
    h.separators = t.find_first_of(" :\t") != std::string_view::npos;
    h.ok = !t.empty() && fromHex(t, h.bytes);
    return h;
}

PartResult compareSerial(std::string_view written, const cert::CertificateInfo& cert)
{
    PartResult r;
    const HexText h = readHex(written);
    const std::string expected = reversedSerialHex(cert);
    if (!h.ok) {
        r.status = Status::Different;
        r.reasons.push_back({Reason::Unparseable, Part::Serial, std::string(written), expected});
        return r;
    }
    Bytes magnitude = cert.serialMagnitude();
    Bytes reversed(magnitude.rbegin(), magnitude.rend());
    Bytes reversedSigned = reversed;
    Bytes forwardSigned = magnitude;
    if (cert.serialHasSignByte()) {
        reversedSigned.push_back(std::byte{0});
        forwardSigned.insert(forwardSigned.begin(), std::byte{0});
    }
    const std::string found = toHex(h.bytes);
    if (h.bytes == reversed) {
        if (h.separators || text::trim(written) != written) {
            r.status = Status::Cosmetic;
            r.reasons.push_back({Reason::HexSeparators, Part::Serial, std::string(written), expected});
        }
        return r;
    }
    r.status = Status::Cosmetic;
    if (h.bytes == magnitude || h.bytes == forwardSigned)
        r.reasons.push_back({Reason::ForwardSerial, Part::Serial, found, expected});
    else if (h.bytes == reversedSigned)
        r.reasons.push_back({Reason::SerialSignByte, Part::Serial, found, expected});
    else {
        r.status = Status::Different;
        r.reasons.push_back({Reason::OtherCertificate, Part::Serial, found, expected});
        return r;
    }
    if (h.separators)
        r.reasons.push_back({Reason::HexSeparators, Part::Serial, std::string(written), expected});
    return r;
}

PartResult compareHexValue(std::string_view written, const Bytes& expected, Part part, Reason mismatch)
{
    PartResult r;
    const HexText h = readHex(written);
    const std::string exp = toHex(expected);
    if (!h.ok) {
        r.status = Status::Different;
        r.reasons.push_back({Reason::Unparseable, part, std::string(written), exp});
    } else if (h.bytes != expected) {
        r.status = Status::Different;
        r.reasons.push_back({mismatch, part, toHex(h.bytes), exp});
    } else if (h.separators || text::trim(written) != written) {
        r.status = Status::Cosmetic;
        r.reasons.push_back({Reason::HexSeparators, part, std::string(written), exp});
    }
    return r;
}

PartResult compareSha1(std::string_view written, const cert::CertificateInfo& cert)
{
    PartResult r = compareHexValue(written, cert.sha1Thumbprint, Part::Sha1, Reason::Sha1Mismatch);
    if (r.status != Status::Different)
        return r;
    const HexText h = readHex(written);
    if (h.ok && (h.bytes == sha1(cert.publicKey.subjectPublicKey))) {
        r.status = Status::Cosmetic;
        r.reasons = {{Reason::Sha1OfPublicKey, Part::Sha1, toHex(h.bytes), toHex(cert.sha1Thumbprint)}};
    }
    return r;
}

PartResult compareText(std::string_view written, const std::vector<std::string>& expected, Part part, Reason mismatch,
                       Reason absent)
{
    PartResult r;
    if (expected.empty()) {
        r.status = Status::Different;
        r.reasons.push_back({absent, part, std::string(written), ""});
        return r;
    }
    const std::string_view t = text::trim(written);
    for (const auto& e : expected) {
        if (text::equalsIgnoreCase(t, e)) {
            if (t.size() != written.size()) {
                r.status = Status::Cosmetic;
                r.reasons.push_back({Reason::SurroundingWhitespace, part, std::string(written), e});
            }
            return r;
        }
    }
    r.status = Status::Different;
    r.reasons.push_back({mismatch, part, std::string(t), expected.front()});
    return r;
}

std::vector<ReasonDetail> formatReasons(const ParsedMapping& p)
{
    std::vector<ReasonDetail> out;
    if (p.prefix == Prefix::Missing)
        out.push_back({Reason::MissingPrefix, Part::Value, "", "X509:"});
    else if (p.prefix != Prefix::X509)
        out.push_back({Reason::WrongPrefix, Part::Value, p.prefixText, "X509:"});
    if (p.surroundingWhitespace)
        out.push_back({Reason::SurroundingWhitespace, Part::Value, p.raw, ""});
    if (p.invalidCombination || p.duplicateTag)
        out.push_back({Reason::InvalidCombination, Part::Value, p.raw, ""});
    for (const auto& t : p.unknownTags)
        out.push_back({Reason::UnknownTag, Part::Value, t, ""});
    return out;
}

void lintName(const std::optional<std::string>& text, Part part, std::vector<ReasonDetail>& out)
{
    if (!text)
        return;
    const ParsedName n = parseName(*text);
    if (!n.ok) {
        out.push_back({Reason::Unparseable, part, *text, ""});
        return;
    }
    if (n.spaceAfterSeparator)
        out.push_back({Reason::SpaceAfterSeparator, part, *text, ""});
    if (n.otherSeparator)
        out.push_back({Reason::OtherSeparator, part, *text, ""});
    if (!n.nonWindowsKeys.empty())
        out.push_back({Reason::NonWindowsKeys, part, join(n.nonWindowsKeys), join(windowsKeysFor(n))});
    if (n.backslashEscapes)
        out.push_back({Reason::BackslashEscaping, part, *text, ""});
    if (n.unquotedSpecial)
        out.push_back({Reason::UnquotedSpecial, part, *text, ""});
    if (n.plusJoinedRdn)
        out.push_back({Reason::PlusJoinedRdn, part, *text, ""});
    // Certificates encode the most significant RDN (C, O, DC) first; a CN in front of those is
    // the display order.
    if (n.rdns.size() > 1 && !n.rdns.front().empty() && n.rdns.front().front().oid == "2.5.4.3") {
        for (std::size_t i = 1; i < n.rdns.size(); ++i) {
            const std::string& oid = n.rdns[i].empty() ? std::string() : n.rdns[i].front().oid;
            if (oid == "0.9.2342.19200300.100.1.25" || oid == "2.5.4.6" || oid == "2.5.4.10") {
                out.push_back({Reason::ReversedDnOrder, part, *text, ""});
                break;
            }
        }
    }
}

void lintHex(const std::optional<std::string>& text, Part part, std::vector<ReasonDetail>& out)
{
    if (!text)
        return;
    const HexText h = readHex(*text);
    if (!h.ok)
        out.push_back({Reason::Unparseable, part, *text, ""});
    else if (h.separators || text::trim(*text) != *text)
        out.push_back({Reason::HexSeparators, part, *text, ""});
}

}  // namespace

std::vector<ReasonDetail> lintMapping(std::string_view value)
{
    const ParsedMapping p = parseMapping(value);
    std::vector<ReasonDetail> out = formatReasons(p);
    if (!p.form && !p.invalidCombination && p.unknownTags.empty())
        out.push_back({Reason::Unparseable, Part::Value, std::string(value), ""});  // no tag at all
    lintName(p.issuer, Part::Issuer, out);
    lintName(p.subject, Part::Subject, out);
    lintHex(p.serial, Part::Serial, out);
    lintHex(p.ski, Part::Ski, out);
    lintHex(p.sha1, Part::Sha1, out);
    return out;
}

MatchResult checkMapping(std::string_view value, const cert::CertificateInfo& cert,
                         std::span<const cert::CertificateInfo> chain)
{
    MatchResult r;
    r.parsed = parseMapping(value);
    for (const auto& c : buildMappings(cert)) {
        if (c.value && text::equalsIgnoreCase(*c.value, value)) {
            r.verdict = Verdict::Match;
            r.form = c.form;
            r.strength = c.strength;
            r.correctedValue = c.value;
            return r;
        }
    }

    const ParsedMapping& p = r.parsed;
    r.reasons = formatReasons(p);
    if (!p.form) {
        r.verdict = Verdict::Invalid;
        return r;
    }
    r.form = p.form;
    r.strength = strengthOf(*p.form);
    r.correctedValue = buildMapping(cert, *p.form);

    std::vector<std::pair<Part, PartResult>> parts;
    switch (*p.form) {
    case MappingForm::IssuerSerial:
        parts.emplace_back(Part::Issuer, compareName(*p.issuer, cert.issuer, Part::Issuer, chain));
        parts.emplace_back(Part::Serial, compareSerial(*p.serial, cert));
        break;
    case MappingForm::IssuerSid: {
        parts.emplace_back(Part::Issuer, compareName(*p.issuer, cert.issuer, Part::Issuer, chain));
        const auto sid = cert.sid();
        std::vector<std::string> sids;
        if (sid)
            sids.push_back(*sid);
        parts.emplace_back(Part::Sid,
                           compareText(*p.sid, sids, Part::Sid, Reason::SidMismatch, Reason::NoSidInCertificate));
        break;
    }
    case MappingForm::IssuerSubject:
        parts.emplace_back(Part::Issuer, compareName(*p.issuer, cert.issuer, Part::Issuer, chain));
        parts.emplace_back(Part::Subject, compareName(*p.subject, cert.subject, Part::Subject, chain));
        break;
    case MappingForm::Subject:
        parts.emplace_back(Part::Subject, compareName(*p.subject, cert.subject, Part::Subject, chain));
        break;
    case MappingForm::SubjectKeyId:
        if (cert.subjectKeyId) {
            parts.emplace_back(Part::Ski, compareHexValue(*p.ski, *cert.subjectKeyId, Part::Ski, Reason::SkiMismatch));
        } else {
            PartResult none{Status::Different, {{Reason::NoSkiInCertificate, Part::Ski, *p.ski, ""}}};
            parts.emplace_back(Part::Ski, std::move(none));
        }
        break;
    case MappingForm::Sha1PublicKey: parts.emplace_back(Part::Sha1, compareSha1(*p.sha1, cert)); break;
    case MappingForm::Rfc822:
        parts.emplace_back(Part::Rfc822, compareText(*p.rfc822, cert.emails(), Part::Rfc822, Reason::EmailMismatch,
                                                     Reason::NoEmailInCertificate));
        break;
    }

    std::vector<Part> different;
    for (auto& [part, result] : parts) {
        if (result.status == Status::Different)
            different.push_back(part);
        r.reasons.insert(r.reasons.end(), result.reasons.begin(), result.reasons.end());
    }

    if (different.empty()) {
        if (r.reasons.empty())  // equal part by part, yet not equal as a whole (whitespace between parts)
            r.reasons.push_back({Reason::DnFormatting, Part::Value, std::string(value), r.correctedValue.value_or("")});
        r.verdict = Verdict::NearMiss;
        return r;
    }
    // One wrong part next to right ones: the value was meant for this certificate's issuer or
    // serial: an older/renewed certificate, or the wrong CA of the chain. Name it as a near miss.
    const bool issuerForm = *p.form == MappingForm::IssuerSerial || *p.form == MappingForm::IssuerSubject ||
                            *p.form == MappingForm::IssuerSid;
    if (issuerForm && different.size() == 1 && parts.size() == 2 &&
        (different.front() == Part::Issuer || different.front() == Part::Serial)) {
        r.verdict = Verdict::NearMiss;
        return r;
    }
    r.verdict = Verdict::NoMatch;
    return r;
}

std::string_view verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Match: return "match";
    case Verdict::NearMiss: return "near-miss";
    case Verdict::NoMatch: return "no-match";
    case Verdict::Invalid: return "invalid";
    }
    return "invalid";
}

std::string_view reasonId(Reason r)
{
    switch (r) {
    case Reason::MissingPrefix: return "missing-prefix";
    case Reason::WrongPrefix: return "wrong-prefix";
    case Reason::SurroundingWhitespace: return "surrounding-whitespace";
    case Reason::InvalidCombination: return "invalid-combination";
    case Reason::UnknownTag: return "unknown-tag";
    case Reason::ReversedDnOrder: return "reversed-dn-order";
    case Reason::SpaceAfterSeparator: return "space-after-separator";
    case Reason::OtherSeparator: return "other-separator";
    case Reason::NonWindowsKeys: return "non-windows-keys";
    case Reason::BackslashEscaping: return "backslash-escaping";
    case Reason::UnquotedSpecial: return "unquoted-special";
    case Reason::PlusJoinedRdn: return "plus-joined-rdn";
    case Reason::DnFormatting: return "dn-formatting";
    case Reason::IssuerIsChainCa: return "issuer-is-chain-ca";
    case Reason::DifferentIssuer: return "different-issuer";
    case Reason::ForwardSerial: return "forward-serial";
    case Reason::SerialSignByte: return "serial-sign-byte";
    case Reason::HexSeparators: return "hex-separators";
    case Reason::OtherCertificate: return "other-certificate";
    case Reason::DifferentSubject: return "different-subject";
    case Reason::SkiMismatch: return "ski-mismatch";
    case Reason::NoSkiInCertificate: return "no-ski-in-certificate";
    case Reason::Sha1OfPublicKey: return "sha1-of-public-key";
    case Reason::Sha1Mismatch: return "sha1-mismatch";
    case Reason::SidMismatch: return "sid-mismatch";
    case Reason::NoSidInCertificate: return "no-sid-in-certificate";
    case Reason::EmailMismatch: return "email-mismatch";
    case Reason::NoEmailInCertificate: return "no-email-in-certificate";
    case Reason::Unparseable: return "unparseable";
    }
    return "unparseable";
}

std::string_view partId(Part p)
{
    switch (p) {
    case Part::Value: return "value";
    case Part::Issuer: return "issuer";
    case Part::Subject: return "subject";
    case Part::Serial: return "serial";
    case Part::Ski: return "ski";
    case Part::Sha1: return "sha1";
    case Part::Sid: return "sid";
    case Part::Rfc822: return "rfc822";
    }
    return "value";
}

}  // namespace eascert::mapping
