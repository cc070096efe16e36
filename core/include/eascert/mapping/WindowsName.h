#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eascert/cert/DistinguishedName.h"

namespace eascert::mapping {

// The Windows attribute key for an OID (the CertNameToStr X.500 key table: CN, L, O, OU, C, S, E,
// STREET, T, G, I, SN, DC, SERIALNUMBER, PostalCode), or empty when Windows has none.
std::string_view windowsKey(std::string_view oid);

// A name rendered as a domain controller builds it for altSecurityIdentities (domain.md §2.1):
// RDNs in encoded order, "," without a space, Windows keys or "OID.x", values quoted when needed
// with embedded quotes doubled, the parts of a multi-valued RDN joined by one space, non-string
// values as "#" + hex of their DER encoding.
std::string renderWindowsName(const cert::DistinguishedName& dn);
std::string renderWindowsValue(const cert::AttributeValue& value);

// The name as Windows' certificate dialog shows it: most specific RDN first, ", " between RDNs,
// "+" inside a multi-valued RDN. For people only; never for a mapping.
std::string displayName(const cert::DistinguishedName& dn);

struct ParsedAttribute
{
    std::string key;    // as written ("ST", "OID.2.5.4.8", "emailAddress")
    std::string oid;    // resolved OID, or empty when the key is unknown
    std::string value;  // unquoted and unescaped
};

// A name parsed leniently from text, noting each way it departs from Windows' rendering.
struct ParsedName
{
    bool ok = false;
    std::vector<std::vector<ParsedAttribute>> rdns;  // in written order
    bool spaceAfterSeparator = false;                // ", " or "; "
    bool otherSeparator = false;                     // ";" or a line break instead of ","
    bool backslashEscapes = false;                   // RFC 4514 "\," instead of Windows quoting
    bool unquotedSpecial = false;                    // a value containing "," etc. that is not quoted
    bool plusJoinedRdn = false;                      // "CN=x+UID=y" instead of "CN=x UID=y"
    std::vector<std::string> nonWindowsKeys;         // keys Windows does not write ("ST", "emailAddress", "2.5.4.3")
    std::vector<std::string> unknownKeys;            // keys that name no attribute we know
};

ParsedName parseName(std::string_view text);

}  // namespace eascert::mapping
