#pragma once

#include <string>
#include <vector>

#include "eascert/directory/Entry.h"

namespace eascert::directory {

// A structured LDAP filter. Values are never pasted into filter text by hand: toLdap() escapes
// every value (RFC 4515), and the LDIF backend evaluates the same structure directly.
class Filter
{
public:
    static Filter equals(std::string attribute, std::string value);
    static Filter present(std::string attribute);
    static Filter all(std::vector<Filter> children);
    static Filter any(std::vector<Filter> children);
    static Filter negate(Filter child);

    std::string toLdap() const;
    // Equality is case-insensitive, as AD's matching rules are for the attributes we query. An entry
    // without objectClass (an export with a short attribute list) passes objectClass tests.
    bool matches(const Entry& entry) const;

private:
    enum class Kind
    {
        Equals,
        Present,
        And,
        Or,
        Not
    };

    Kind m_kind = Kind::Present;
    std::string m_attribute;
    std::string m_value;
    std::vector<Filter> m_children;
};

std::string escapeFilterValue(std::string_view value);

}  // namespace eascert::directory
