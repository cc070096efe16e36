#include "eascert/directory/Filter.h"

#include "eascert/support/Text.h"

namespace eascert::directory {

Filter Filter::equals(std::string attribute, std::string value)
{
    Filter f;
    f.m_kind = Kind::Equals;
    f.m_attribute = std::move(attribute);
    f.m_value = std::move(value);
    return f;
}

Filter Filter::present(std::string attribute)
{
    Filter f;
    f.m_kind = Kind::Present;
    f.m_attribute = std::move(attribute);
    return f;
}

Filter Filter::all(std::vector<Filter> children)
{
    Filter f;
    f.m_kind = Kind::And;
    f.m_children = std::move(children);
    return f;
}

Filter Filter::any(std::vector<Filter> children)
{
    Filter f;
    f.m_kind = Kind::Or;
    f.m_children = std::move(children);
    return f;
}

Filter Filter::negate(Filter child)
{
    Filter f;
    f.m_kind = Kind::Not;
    f.m_children.push_back(std::move(child));
    return f;
}

std::string escapeFilterValue(std::string_view value)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '*' || c == '(' || c == ')' || c == '\\' || u == 0) {
            out += '\\';
            out += digits[u >> 4];
            out += digits[u & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

std::string Filter::toLdap() const
{
    switch (m_kind) {
    case Kind::Equals: return "(" + m_attribute + "=" + escapeFilterValue(m_value) + ")";
    case Kind::Present: return "(" + m_attribute + "=*)";
    case Kind::And:
    case Kind::Or:
    case Kind::Not: {
        std::string out = m_kind == Kind::And ? "(&" : m_kind == Kind::Or ? "(|" : "(!";
        for (const auto& c : m_children)
            out += c.toLdap();
        return out + ")";
    }
    }
    return "(objectClass=*)";
}

bool Filter::matches(const Entry& entry) const
{
    switch (m_kind) {
    case Kind::Equals: {
        if (text::equalsIgnoreCase(m_attribute, "distinguishedName") && sameDn(entry.dn, m_value))
            return true;
        // An export made with a short attribute list (ldifde -l ...) has no objectClass: do not let
        // the class test hide the accounts it holds.
        if (text::equalsIgnoreCase(m_attribute, "objectClass") && !entry.has("objectClass"))
            return true;
        for (const auto& v : entry.values(m_attribute))
            if (text::equalsIgnoreCase(v, m_value))
                return true;
        return false;
    }
    case Kind::Present: return text::equalsIgnoreCase(m_attribute, "objectClass") || entry.has(m_attribute);
    case Kind::And:
        for (const auto& c : m_children)
            if (!c.matches(entry))
                return false;
        return true;
    case Kind::Or:
        for (const auto& c : m_children)
            if (c.matches(entry))
                return true;
        return false;
    case Kind::Not: return !m_children.front().matches(entry);
    }
    return false;
}

}  // namespace eascert::directory
