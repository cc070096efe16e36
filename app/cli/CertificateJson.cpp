#include "CertificateJson.h"
#include "eascert/cert/Validity.h"
#include "eascert/support/Text.h"

#include <iomanip>

#include "Messages.h"
#include "Terms.h"
#include "eascert/mapping/WindowsName.h"

namespace eascert::cli {

using nlohmann::ordered_json;

namespace {

std::string joinStrings(const std::vector<std::string>& items, const char* sep = ", ")
{
    std::string out;
    for (const auto& s : items) {
        if (!out.empty())
            out += sep;
        out += s;
    }
    return out;
}

std::string ekuText(const cert::CertificateInfo& info)
{
    if (!info.hasEkuExtension)
        return "(no EKU extension: any purpose)";
    std::vector<std::string> parts;
    for (const auto& e : info.ekus)
        parts.push_back(e.name.empty() ? e.oid : e.name + " (" + e.oid + ")");
    return joinStrings(parts);
}

std::string keyText(const cert::PublicKeyInfo& key)
{
    std::string out(cert::keyTypeId(key.type));
    out += " " + std::to_string(key.bits) + " bits";
    if (!key.curve.empty())
        out += " (" + key.curve + ")";
    return out;
}

std::string validityText(const cert::CertificateInfo& info, cert::TimePoint t)
{
    const auto v = cert::validityAt(info, t);
    switch (v.state) {
    case cert::ValidityState::NotYetValid: return "NOT YET VALID";
    case cert::ValidityState::Expired: return "EXPIRED " + std::to_string(-v.remaining.count()) + " days ago";
    case cert::ValidityState::Valid: return "valid, " + std::to_string(v.remaining.count()) + " days left";
    }
    return "";
}

void row(std::ostream& out, std::string_view label, const std::string& value)
{
    // Names and SANs come from the certificate: shown with \xNN for bytes that are not UTF-8 text.
    out << "  " << std::left << std::setw(22) << (std::string(label) + ":") << text::printable(value) << '\n';
}

}  // namespace

cert::TimePoint now()
{
    return cert::currentTime();
}

ordered_json nameJson(const cert::DistinguishedName& dn)
{
    ordered_json rdns = ordered_json::array();
    for (const auto& rdn : dn.rdns) {
        ordered_json attrs = ordered_json::array();
        for (const auto& a : rdn.attributes) {
            ordered_json j;
            j["oid"] = a.oid;
            j["name"] = a.shortName;
            j["value"] = a.isString ? a.value : "#" + toHex(a.valueDer);
            j["type"] = cert::asn1TagName(a.asn1Tag);
            attrs.push_back(std::move(j));
        }
        rdns.push_back(std::move(attrs));
    }
    ordered_json j;
    j["display"] = mapping::displayName(dn);
    j["rfc4514"] = cert::displayName(dn);
    j["windows"] = mapping::renderWindowsName(dn);
    j["rdns"] = std::move(rdns);
    return j;
}

ordered_json certificateSummaryJson(const cert::CertificateInfo& info)
{
    ordered_json j;
    j["subject"] = mapping::displayName(info.subject);
    j["issuer"] = mapping::displayName(info.issuer);
    j["serial"] = toHex(info.serial);
    j["sha1"] = toHex(info.sha1Thumbprint);
    j["notAfter"] = cert::formatTime(info.notAfter);
    j["isCa"] = info.isCa;
    return j;
}

ordered_json certificateJson(const cert::CertificateInfo& info, cert::TimePoint t)
{
    ordered_json j;
    j["version"] = info.version;
    j["subject"] = nameJson(info.subject);
    j["issuer"] = nameJson(info.issuer);
    j["serial"] = {{"hex", toHex(info.serial)},
                   {"hasSignByte", info.serialHasSignByte()},
                   {"negative", info.serialNegative},
                   {"reversedHex", [&] {
                        Bytes m = info.serialMagnitude();
                        return toHex(Bytes(m.rbegin(), m.rend()));
                    }()}};
    j["subjectKeyId"] = info.subjectKeyId ? ordered_json(toHex(*info.subjectKeyId)) : ordered_json(nullptr);
    j["authorityKeyId"] = info.authorityKeyId ? ordered_json(toHex(*info.authorityKeyId)) : ordered_json(nullptr);
    j["sha1"] = toHex(info.sha1Thumbprint);
    j["sha256"] = toHex(info.sha256Thumbprint);
    ordered_json sans = ordered_json::array();
    for (const auto& s : info.subjectAltNames)
        sans.push_back({{"type", cert::sanTypeId(s.type)}, {"value", s.value}});
    j["subjectAltNames"] = std::move(sans);
    ordered_json ekus = ordered_json::array();
    for (const auto& e : info.ekus)
        ekus.push_back({{"oid", e.oid}, {"name", e.name}});
    j["extendedKeyUsage"] = info.hasEkuExtension ? std::move(ekus) : ordered_json(nullptr);
    j["clientAuthentication"] = info.allowsClientAuth();
    j["keyUsage"] = info.hasKeyUsage ? ordered_json(info.keyUsage) : ordered_json(nullptr);
    const auto v = cert::validityAt(info, t);
    j["validity"] = {{"notBefore", cert::formatTime(info.notBefore)},
                     {"notAfter", cert::formatTime(info.notAfter)},
                     {"state", cert::validityId(v.state)},
                     {"daysLeft", v.remaining.count()}};
    j["publicKey"] = {
        {"type", cert::keyTypeId(info.publicKey.type)}, {"bits", info.publicKey.bits}, {"curve", info.publicKey.curve}};
    j["signatureAlgorithm"] = info.signatureAlgorithm;
    j["upn"] = info.upns();
    const auto sid = info.sid();
    j["sid"] = sid ? ordered_json(*sid) : ordered_json(nullptr);
    j["sidExtensionPresent"] = info.sidExtension.has_value();
    j["isCa"] = info.isCa;
    j["selfIssued"] = info.selfIssued;
    return j;
}

ordered_json loadedJson(const cert::LoadedCertificate& loaded, const std::string& file, cert::TimePoint t)
{
    ordered_json j;
    j["schema"] = kCertSchema;
    j["file"] = file;
    j["format"] = cert::sourceFormatId(loaded.format);
    j["certificatesInFile"] = loaded.certificateCount;
    j["selection"] = {{"rule", cert::selectionRuleId(loaded.rule)}, {"explanation", selectionText(loaded.rule)}};
    j["privateKey"] = {{"present", loaded.hasPrivateKey}, {"matchesCertificate", loaded.privateKeyMatches}};
    j["passwordProtected"] = loaded.passwordProtected;
    j["certificate"] = certificateJson(loaded.certificate.info(), t);
    ordered_json chain = ordered_json::array();
    for (const auto& c : loaded.chain)
        chain.push_back(certificateSummaryJson(c.info()));
    j["chain"] = std::move(chain);
    return j;
}

ordered_json reasonsJson(const mapping::MatchResult& result)
{
    ordered_json reasons = ordered_json::array();
    for (const auto& d : result.reasons) {
        reasons.push_back({{"reason", mapping::reasonId(d.reason)},
                           {"part", mapping::partId(d.part)},
                           {"explanation", common::terms::reason(d.reason)},
                           {"found", d.found},
                           {"expected", d.expected}});
    }
    return reasons;
}

void printLoaded(std::ostream& out, const cert::LoadedCertificate& loaded, const std::string& file, cert::TimePoint t)
{
    const auto& info = loaded.certificate.info();
    out << text::printable(file) << " — " << common::terms::sourceFormat(loaded.format) << ", "
        << loaded.certificateCount << " certificate" << (loaded.certificateCount == 1 ? "" : "s") << '\n';
    if (loaded.certificateCount > 1)
        row(out, "Chosen", std::string(selectionText(loaded.rule)));
    row(out, "Subject", mapping::displayName(info.subject));
    row(out, "Issuer", mapping::displayName(info.issuer));
    row(out, "Serial",
        toHex(info.serialMagnitude()) + (info.serialHasSignByte() ? "  (encoded with a 00 sign byte first)" : ""));
    row(out, "Valid",
        cert::formatTime(info.notBefore) + " to " + cert::formatTime(info.notAfter) + "  (" + validityText(info, t) +
            ")");
    row(out, "Key", keyText(info.publicKey));
    row(out, "Signature", info.signatureAlgorithm);
    row(out, "Extended key usage", ekuText(info));
    if (!info.allowsClientAuth())
        row(out, "", "WARNING: not allowed for client authentication");
    row(out, "Key usage", info.hasKeyUsage ? joinStrings(info.keyUsage) : "(no extension)");
    for (const auto& s : info.subjectAltNames)
        row(out, "SAN " + std::string(cert::sanTypeId(s.type)), s.value);
    row(out, "Subject key id", info.subjectKeyId ? toHex(*info.subjectKeyId) : "(none)");
    row(out, "SID",
        info.sid() ? *info.sid() + (info.sidExtension ? " (SID extension)" : " (SAN URL)")
                   : "(none: typical for standalone and public CAs)");
    row(out, "SHA-1 thumbprint", toHex(info.sha1Thumbprint));
    row(out, "SHA-256 thumbprint", toHex(info.sha256Thumbprint));
    std::string key = "none in the file";
    if (loaded.hasPrivateKey)
        key = loaded.privateKeyMatches ? "present, matches the certificate"
                                       : "present, but does NOT match the certificate";
    row(out, "Private key", key);
    if (info.isCa)
        row(out, "", "NOTE: this is a CA certificate, not a user certificate");
    for (std::size_t i = 0; i < loaded.chain.size(); ++i) {
        const auto& c = loaded.chain[i].info();
        row(out, i == 0 ? "Chain" : "", mapping::displayName(c.subject) + (c.isCa ? "" : "  (not a CA)"));
    }
}

}  // namespace eascert::cli
