#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace eascert::directory {

// Attribute values as raw bytes in a std::string (UTF-8 for text attributes, DER for certificates).
using Values = std::vector<std::string>;

struct CaseInsensitiveLess
{
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
};

struct Entry
{
    std::string dn;
    std::map<std::string, Values, CaseInsensitiveLess> attributes;

    const Values& values(std::string_view attribute) const;
    std::string first(std::string_view attribute) const;
    bool has(std::string_view attribute) const { return !values(attribute).empty(); }
};

// DN equality as AD compares DNs here: case-insensitive, spaces around ',' and '=' ignored.
bool sameDn(std::string_view a, std::string_view b);
// The form sameDn compares: a key for maps of accounts by DN.
std::string dnKey(std::string_view dn);

}  // namespace eascert::directory
