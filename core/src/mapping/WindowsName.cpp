#include "eascert/mapping/WindowsName.h"

#include "eascert/support/Bytes.h"

#include <algorithm>
#include <array>

#include "eascert/support/Text.h"

namespace eascert::mapping {

namespace {

struct KeyEntry
{
    std::string_view key;
    std::string_view oid;
    bool windows;  // true: the key CertNameToStr writes; false: an alias Windows does not write
};

// Windows keys (CertNameToStr/CertStrToName) first, then aliases seen in RFC 4514 text and OpenSSL.
constexpr std::array<KeyEntry, 27> kKeys{{
    {"CN", "2.5.4.3", true},
    {"L", "2.5.4.7", true},
    {"O", "2.5.4.10", true},
    {"OU", "2.5.4.11", true},
    {"C", "2.5.4.6", true},
    {"S", "2.5.4.8", true},
    {"E", "1.2.840.113549.1.9.1", true},
    {"STREET", "2.5.4.9", true},
    {"T", "2.5.4.12", true},
    {"G", "2.5.4.42", true},
    {"I", "2.5.4.43", true},
    {"SN", "2.5.4.4", true},
    {"DC", "0.9.2342.19200300.100.1.25", true},
    {"SERIALNUMBER", "2.5.4.5", true},
    {"PostalCode", "2.5.4.17", true},
    {"ST", "2.5.4.8", false},
    {"emailAddress", "1.2.840.113549.1.9.1", false},
    {"EMAIL", "1.2.840.113549.1.9.1", false},
    {"Title", "2.5.4.12", false},
    {"GN", "2.5.4.42", false},
    {"givenName", "2.5.4.42", false},
    {"initials", "2.5.4.43", false},
    {"surname", "2.5.4.4", false},
    {"UID", "0.9.2342.19200300.100.1.1", false},
    {"userId", "0.9.2342.19200300.100.1.1", false},
    {"domainComponent", "0.9.2342.19200300.100.1.25", false},
    {"serialNumber", "2.5.4.5", false},
}};

bool isWs(char c)
{
    return c == ' ' || c == '\t';
}

bool isDottedOid(std::string_view s)
{
    if (s.empty() || s.front() == '.' || s.back() == '.')
        return false;
    bool prevDot = false;
    for (char c : s) {
        if (c == '.') {
            if (prevDot)
                return false;
            prevDot = true;
        } else if (c >= '0' && c <= '9') {
            prevDot = false;
        } else {
            return false;
        }
    }
    return s.find('.') != std::string_view::npos;
}

bool needsQuotes(std::string_view v)
{
    if (v.empty())
        return true;  // an empty value is written "" (inference from CertNameToStr's quoting rule)
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    if (ws(v.front()) || ws(v.back()))
        return true;
    return v.find_first_of(",+=\"\n\r<>#;") != std::string_view::npos;
}

struct KeyInfo
{
    std::string oid;
    bool windows = false;
    bool known = false;
};

KeyInfo resolveKey(std::string_view key)
{
    if (text::startsWithIgnoreCase(key, "OID.") && isDottedOid(key.substr(4)))
        return {std::string(key.substr(4)), true, true};
    if (isDottedOid(key)) {
        // A bare OID: Windows writes "OID." before it, unless Windows has a key for it.
        return {std::string(key), false, true};
    }
    for (const auto& e : kKeys) {
        if (text::equalsIgnoreCase(e.key, key))
            return {std::string(e.oid), e.windows, true};
    }
    return {};
}

// True when text at pos starts a "KEY=" that Windows could have written (used to split the
// space-joined parts of a multi-valued RDN).
bool startsAttribute(std::string_view s, std::size_t pos)
{
    const std::size_t eq = s.find('=', pos);
    if (eq == std::string_view::npos)
        return false;
    const std::string_view key = s.substr(pos, eq - pos);
    if (key.empty() || key.find_first_of(" \t,;+\"") != std::string_view::npos)
        return false;
    return resolveKey(key).known;
}

class NameParser
{
public:
    explicit NameParser(std::string_view s) : m_s(s) {}

    ParsedName run()
    {
        skipWs();
        if (m_pos >= m_s.size()) {
            m_out.ok = true;  // the empty name
            return m_out;
        }
        m_out.rdns.emplace_back();
        while (m_pos < m_s.size()) {
            if (!attribute())
                return m_out;
            if (m_pos >= m_s.size())
                break;
            if (!separator())
                return m_out;
        }
        m_out.ok = !m_out.rdns.back().empty();
        return m_out;
    }

private:
    bool attribute()
    {
        skipWs();
        const std::size_t eq = m_s.find('=', m_pos);
        const std::size_t stop = m_s.find_first_of(",;\r\n", m_pos);
        if (eq == std::string_view::npos || (stop != std::string_view::npos && stop < eq)) {
            // A piece without "=": the previous value was cut at an unquoted comma ("O=Contoso, Inc.").
            if (!m_lastValue)
                return false;
            const std::size_t end = stop == std::string_view::npos ? m_s.size() : stop;
            *m_lastValue += m_separatorText;
            *m_lastValue += text::trim(m_s.substr(m_pos, end - m_pos));
            m_out.unquotedSpecial = true;
            m_pos = end;
            return true;
        }
        const std::string key(text::trim(m_s.substr(m_pos, eq - m_pos)));
        if (key.empty() || key.find_first_of(" \t\"") != std::string::npos)
            return false;
        m_pos = eq + 1;
        ParsedAttribute attr;
        attr.key = key;
        const KeyInfo info = resolveKey(key);
        attr.oid = info.oid;
        if (!info.known)
            m_out.unknownKeys.push_back(key);
        else if (!info.windows)
            m_out.nonWindowsKeys.push_back(key);
        if (!value(attr.value))
            return false;
        m_out.rdns.back().push_back(std::move(attr));
        m_lastValue = &m_out.rdns.back().back().value;
        return true;
    }

    bool value(std::string& out)
    {
        skipWs();
        if (m_pos < m_s.size() && m_s[m_pos] == '"') {
            ++m_pos;
            for (;;) {
                if (m_pos >= m_s.size())
                    return false;  // no closing quote
                const char c = m_s[m_pos++];
                if (c == '"') {
                    if (m_pos < m_s.size() && m_s[m_pos] == '"') {
                        out += '"';
                        ++m_pos;
                        continue;
                    }
                    break;
                }
                out += c;
            }
            skipWs();
            return true;
        }
        std::string raw;
        bool rawSpecial = false;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == ',' || c == ';' || c == '+' || c == '\r' || c == '\n')
                break;
            if (c == '\\' && m_pos + 1 < m_s.size()) {
                m_out.backslashEscapes = true;
                const int h1 = hexDigitValue(m_s[m_pos + 1]);
                const int h2 = m_pos + 2 < m_s.size() ? hexDigitValue(m_s[m_pos + 2]) : -1;
                if (h1 >= 0 && h2 >= 0) {
                    raw += static_cast<char>((h1 << 4) | h2);
                    m_pos += 3;
                } else {
                    raw += m_s[m_pos + 1];
                    m_pos += 2;
                }
                continue;
            }
            if (isWs(c)) {
                std::size_t next = m_pos;
                while (next < m_s.size() && isWs(m_s[next]))
                    ++next;
                if (next < m_s.size() && startsAttribute(m_s, next)) {
                    // Windows joins the parts of a multi-valued RDN with a space.
                    m_pos = next;
                    out = std::string(text::trim(raw));
                    if (rawSpecial)
                        m_out.unquotedSpecial = true;
                    m_joinedBySpace = true;
                    return true;
                }
            }
            if (c == '=' || c == '<' || c == '>' || c == '"' || (c == '#' && !raw.empty()))
                rawSpecial = true;
            raw += c;
            ++m_pos;
        }
        out = std::string(text::trim(raw));
        if (rawSpecial)
            m_out.unquotedSpecial = true;
        return true;
    }

    bool separator()
    {
        if (m_joinedBySpace) {
            m_joinedBySpace = false;
            return true;  // next attribute belongs to the same RDN
        }
        const char c = m_s[m_pos++];
        m_separatorText = std::string(1, c);
        if (c == '+') {
            m_out.plusJoinedRdn = true;
            return true;
        }
        if (c == ';' || c == '\r' || c == '\n')
            m_out.otherSeparator = true;
        if (c == '\r' && m_pos < m_s.size() && m_s[m_pos] == '\n')
            ++m_pos;
        if (m_pos < m_s.size() && isWs(m_s[m_pos])) {
            m_out.spaceAfterSeparator = true;
            m_separatorText += ' ';
        }
        if (m_pos >= m_s.size())
            return false;  // a trailing separator
        // Peek: a piece without "=" continues the previous value and must not open a new RDN.
        const std::size_t eq = m_s.find('=', m_pos);
        const std::size_t stop = m_s.find_first_of(",;\r\n", m_pos);
        if (!(eq == std::string_view::npos || (stop != std::string_view::npos && stop < eq)))
            m_out.rdns.emplace_back();
        return true;
    }

    void skipWs()
    {
        while (m_pos < m_s.size() && isWs(m_s[m_pos]))
            ++m_pos;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    ParsedName m_out;
    std::string* m_lastValue = nullptr;
    std::string m_separatorText;
    bool m_joinedBySpace = false;
};

}  // namespace

std::string_view windowsKey(std::string_view oid)
{
    for (const auto& e : kKeys)
        if (e.windows && e.oid == oid)
            return e.key;
    return {};
}

std::string renderWindowsValue(const cert::AttributeValue& value)
{
    if (!value.isString)
        return "#" + toHex(value.valueDer);
    if (!needsQuotes(value.value))
        return value.value;
    std::string out = "\"";
    for (char c : value.value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {
void appendRdn(std::string& out, const cert::Rdn& rdn, std::string_view joiner)
{
    const auto& attrs = rdn.attributes;
    for (std::size_t a = 0; a < attrs.size(); ++a) {
        if (a)
            out += joiner;
        const std::string_view key = windowsKey(attrs[a].oid);
        if (key.empty()) {
            out += "OID.";
            out += attrs[a].oid;
        } else {
            out += key;
        }
        out += '=';
        out += renderWindowsValue(attrs[a]);
    }
}
}  // namespace

std::string displayName(const cert::DistinguishedName& dn)
{
    std::string out;
    for (auto it = dn.rdns.rbegin(); it != dn.rdns.rend(); ++it) {
        if (!out.empty())
            out += ", ";
        appendRdn(out, *it, " + ");
    }
    return out;
}

std::string renderWindowsName(const cert::DistinguishedName& dn)
{
    std::string out;
    for (std::size_t r = 0; r < dn.rdns.size(); ++r) {
        if (r)
            out += ',';
        appendRdn(out, dn.rdns[r], " ");
    }
    return out;
}

ParsedName parseName(std::string_view text)
{
    return NameParser(text).run();
}

}  // namespace eascert::mapping
