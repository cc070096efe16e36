#include "eascert/mapping/MappingValue.h"

#include "eascert/support/Text.h"

namespace eascert::mapping {

namespace {

// Position of the next '<' that is not inside a double-quoted name value.
std::size_t nextTag(std::string_view s, std::size_t from)
{
    bool quoted = false;
    for (std::size_t i = from; i < s.size(); ++i) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (s[i] == '<' && !quoted)
            return i;
    }
    return std::string_view::npos;
}

std::optional<std::string>* slotFor(ParsedMapping& m, std::string_view tag)
{
    if (tag == "I")
        return &m.issuer;
    if (tag == "S")
        return &m.subject;
    if (tag == "SR")
        return &m.serial;
    if (tag == "SKI")
        return &m.ski;
    if (tag == "SHA1-PUKEY")
        return &m.sha1;
    if (tag == "SID")
        return &m.sid;
    if (tag == "RFC822")
        return &m.rfc822;
    return nullptr;
}

void decideForm(ParsedMapping& m)
{
    const bool i = m.issuer.has_value();
    const bool s = m.subject.has_value();
    const bool sr = m.serial.has_value();
    const bool ski = m.ski.has_value();
    const bool sha = m.sha1.has_value();
    const bool sid = m.sid.has_value();
    const bool mail = m.rfc822.has_value();
    const int count = i + s + sr + ski + sha + sid + mail;

    if (count == 2 && i && sr)
        m.form = MappingForm::IssuerSerial;
    else if (count == 2 && i && sid)
        m.form = MappingForm::IssuerSid;
    else if (count == 2 && i && s)
        m.form = MappingForm::IssuerSubject;
    else if (count == 1 && s)
        m.form = MappingForm::Subject;
    else if (count == 1 && ski)
        m.form = MappingForm::SubjectKeyId;
    else if (count == 1 && sha)
        m.form = MappingForm::Sha1PublicKey;
    else if (count == 1 && mail)
        m.form = MappingForm::Rfc822;
    if (m.form || count == 0)
        return;

    // Tags that make no valid form. Keep the closest intent so the parts can still be compared.
    m.invalidCombination = true;
    if (i && sr)
        m.form = MappingForm::IssuerSerial;  // typically <I>..<S>..<SR>..
    else if (i && sid)
        m.form = MappingForm::IssuerSid;
    else if (i && s)
        m.form = MappingForm::IssuerSubject;
    else if (ski)
        m.form = MappingForm::SubjectKeyId;
    else if (sha)
        m.form = MappingForm::Sha1PublicKey;
}

}  // namespace

ParsedMapping parseMapping(std::string_view value)
{
    ParsedMapping m;
    m.raw = std::string(value);
    const std::string_view body = text::trim(value);
    m.surroundingWhitespace = body.size() != value.size();

    const std::size_t first = nextTag(body, 0);
    m.prefixText = std::string(text::trim(body.substr(0, first == std::string_view::npos ? body.size() : first)));
    if (m.prefixText.empty())
        m.prefix = Prefix::Missing;
    else if (text::equalsIgnoreCase(m.prefixText, "X509:"))
        m.prefix = Prefix::X509;
    else if (text::equalsIgnoreCase(m.prefixText, "X509N:"))
        m.prefix = Prefix::X509N;
    else
        m.prefix = Prefix::Other;

    std::size_t pos = first;
    while (pos != std::string_view::npos && pos < body.size()) {
        const std::size_t close = body.find('>', pos);
        if (close == std::string_view::npos) {
            m.unknownTags.emplace_back(body.substr(pos));
            break;
        }
        const std::string tag = text::toUpperAscii(text::trim(body.substr(pos + 1, close - pos - 1)));
        const std::size_t next = nextTag(body, close + 1);
        const std::size_t end = next == std::string_view::npos ? body.size() : next;
        const std::string content(body.substr(close + 1, end - close - 1));
        if (auto* slot = slotFor(m, tag)) {
            if (slot->has_value())
                m.duplicateTag = true;
            else
                *slot = content;
        } else {
            m.unknownTags.push_back(tag);
        }
        pos = next;
    }
    decideForm(m);
    return m;
}

std::string_view prefixId(Prefix p)
{
    switch (p) {
    case Prefix::X509: return "X509:";
    case Prefix::X509N: return "X509N:";
    case Prefix::Missing: return "";
    case Prefix::Other: return "other";
    }
    return "";
}

}  // namespace eascert::mapping
