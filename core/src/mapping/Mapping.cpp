#include "eascert/mapping/Mapping.h"

#include <algorithm>

#include "eascert/mapping/WindowsName.h"

namespace eascert::mapping {

Strength strengthOf(MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial:
    case MappingForm::SubjectKeyId:
    case MappingForm::Sha1PublicKey:
    case MappingForm::IssuerSid: return Strength::Strong;
    case MappingForm::IssuerSubject:
    case MappingForm::Subject:
    case MappingForm::Rfc822: return Strength::Weak;
    }
    return Strength::Weak;
}

bool requiresNtAuth(MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial:
    case MappingForm::SubjectKeyId:
    case MappingForm::Sha1PublicKey:
    case MappingForm::IssuerSubject:
    case MappingForm::Subject: return true;
    case MappingForm::IssuerSid:
    case MappingForm::Rfc822: return false;
    }
    return false;
}

std::string_view formId(MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial: return "issuer-serial";
    case MappingForm::SubjectKeyId: return "ski";
    case MappingForm::Sha1PublicKey: return "sha1-pukey";
    case MappingForm::IssuerSid: return "issuer-sid";
    case MappingForm::IssuerSubject: return "issuer-subject";
    case MappingForm::Subject: return "subject";
    case MappingForm::Rfc822: return "rfc822";
    }
    return "issuer-serial";
}

std::string_view formSyntax(MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial: return "X509:<I>IssuerName<SR>SerialReversed";
    case MappingForm::SubjectKeyId: return "X509:<SKI>SubjectKeyIdentifier";
    case MappingForm::Sha1PublicKey: return "X509:<SHA1-PUKEY>Sha1Hash";
    case MappingForm::IssuerSid: return "X509:<I>IssuerName<SID>Sid";
    case MappingForm::IssuerSubject: return "X509:<I>IssuerName<S>SubjectName";
    case MappingForm::Subject: return "X509:<S>SubjectName";
    case MappingForm::Rfc822: return "X509:<RFC822>EmailAddress";
    }
    return "";
}

std::string_view strengthId(Strength s)
{
    return s == Strength::Strong ? "strong" : "weak";
}

std::string_view unavailableId(Unavailable u)
{
    switch (u) {
    case Unavailable::None: return "";
    case Unavailable::NoSubjectKeyId: return "no-ski-extension";
    case Unavailable::NoSid: return "no-sid-in-certificate";
    case Unavailable::EmptySubject: return "empty-subject";
    case Unavailable::NoEmail: return "no-email-address";
    }
    return "";
}

std::string_view noteId(Note n)
{
    switch (n) {
    case Note::Recommended: return "recommended";
    case Note::Alternative: return "alternative";
    case Note::VerifyBeforeRelying: return "verify-before-relying";
    case Note::SerialSignByte: return "serial-sign-byte";
    case Note::WeakUnderEnforcement: return "weak-under-enforcement";
    case Note::MultiValuedRdn: return "multi-valued-rdn";
    }
    return "";
}

std::string reversedSerialHex(const cert::CertificateInfo& cert)
{
    Bytes magnitude = cert.serialMagnitude();
    std::reverse(magnitude.begin(), magnitude.end());
    return toHex(magnitude);
}

std::optional<std::string> buildMapping(const cert::CertificateInfo& cert, MappingForm form)
{
    switch (form) {
    case MappingForm::IssuerSerial:
        return "X509:<I>" + renderWindowsName(cert.issuer) + "<SR>" + reversedSerialHex(cert);
    case MappingForm::SubjectKeyId:
        if (!cert.subjectKeyId)
            return std::nullopt;
        return "X509:<SKI>" + toHex(*cert.subjectKeyId);
    case MappingForm::Sha1PublicKey: return "X509:<SHA1-PUKEY>" + toHex(cert.sha1Thumbprint);
    case MappingForm::IssuerSid: {
        const auto sid = cert.sid();
        if (!sid)
            return std::nullopt;
        return "X509:<I>" + renderWindowsName(cert.issuer) + "<SID>" + *sid;
    }
    case MappingForm::IssuerSubject:
        if (cert.subject.empty())
            return std::nullopt;
        return "X509:<I>" + renderWindowsName(cert.issuer) + "<S>" + renderWindowsName(cert.subject);
    case MappingForm::Subject:
        if (cert.subject.empty())
            return std::nullopt;
        return "X509:<S>" + renderWindowsName(cert.subject);
    case MappingForm::Rfc822: {
        const auto emails = cert.emails();
        if (emails.empty())
            return std::nullopt;
        return "X509:<RFC822>" + emails.front();
    }
    }
    return std::nullopt;
}

std::vector<MappingCandidate> buildMappings(const cert::CertificateInfo& cert)
{
    static constexpr MappingForm order[] = {
        MappingForm::IssuerSerial,  MappingForm::SubjectKeyId, MappingForm::Sha1PublicKey, MappingForm::IssuerSid,
        MappingForm::IssuerSubject, MappingForm::Subject,      MappingForm::Rfc822,
    };
    std::vector<MappingCandidate> out;
    for (const MappingForm form : order) {
        MappingCandidate c;
        c.form = form;
        c.strength = strengthOf(form);
        c.value = buildMapping(cert, form);
        if (!c.value) {
            switch (form) {
            case MappingForm::SubjectKeyId: c.unavailable = Unavailable::NoSubjectKeyId; break;
            case MappingForm::IssuerSid: c.unavailable = Unavailable::NoSid; break;
            case MappingForm::Rfc822: c.unavailable = Unavailable::NoEmail; break;
            default: c.unavailable = Unavailable::EmptySubject; break;
            }
        }
        const bool namesIssuer =
            form == MappingForm::IssuerSerial || form == MappingForm::IssuerSid || form == MappingForm::IssuerSubject;
        const bool namesSubject = form == MappingForm::IssuerSubject || form == MappingForm::Subject;
        if (form == MappingForm::IssuerSerial) {
            c.rank = 1;
            c.notes.push_back(Note::Recommended);
            if (cert.serialHasSignByte())
                c.notes.push_back(Note::SerialSignByte);
        }
        if (form == MappingForm::SubjectKeyId && c.value) {
            c.rank = 2;
            c.notes.push_back(Note::Alternative);
        }
        if (form == MappingForm::Sha1PublicKey)
            c.notes.push_back(Note::VerifyBeforeRelying);
        if (c.strength == Strength::Weak)
            c.notes.push_back(Note::WeakUnderEnforcement);
        if ((namesIssuer && cert.issuer.hasMultiValuedRdn()) || (namesSubject && cert.subject.hasMultiValuedRdn()))
            c.notes.push_back(Note::MultiValuedRdn);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<MappingCandidate> recommended(const std::vector<MappingCandidate>& candidates)
{
    for (const auto& c : candidates)
        if (c.rank == 1 && c.value)
            return c;
    return std::nullopt;
}

}  // namespace eascert::mapping
