#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/mapping/Mapping.h"

namespace eascert::mapping {

enum class Prefix
{
    X509,
    X509N,
    Missing,
    Other
};

// An altSecurityIdentities value split into its parts, leniently: tags in any case, whitespace
// around the value, parts missing. Nothing is validated against a certificate here.
struct ParsedMapping
{
    std::string raw;
    Prefix prefix = Prefix::Missing;
    std::string prefixText;
    std::optional<MappingForm> form;     // the form the tags describe; empty when none fits
    std::optional<std::string> issuer;   // <I>
    std::optional<std::string> subject;  // <S>
    std::optional<std::string> serial;   // <SR>
    std::optional<std::string> ski;      // <SKI>
    std::optional<std::string> sha1;     // <SHA1-PUKEY>
    std::optional<std::string> sid;      // <SID>
    std::optional<std::string> rfc822;   // <RFC822>
    bool surroundingWhitespace = false;  // spaces, tabs or CR/LF before or after the value
    bool invalidCombination = false;     // tags that form no valid mapping, e.g. <I>..<S>..<SR>..
    bool duplicateTag = false;
    std::vector<std::string> unknownTags;
};

ParsedMapping parseMapping(std::string_view value);
std::string_view prefixId(Prefix p);

}  // namespace eascert::mapping
