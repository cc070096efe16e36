#include "eascert/cert/DistinguishedName.h"

namespace eascert::cert {

bool DistinguishedName::hasMultiValuedRdn() const
{
    for (const auto& rdn : rdns)
        if (rdn.attributes.size() > 1)
            return true;
    return false;
}

std::string DistinguishedName::first(std::string_view oid) const
{
    for (const auto& rdn : rdns)
        for (const auto& a : rdn.attributes)
            if (a.oid == oid)
                return a.value;
    return {};
}

std::string_view asn1TagName(int tag)
{
    switch (tag) {
    case 3: return "BIT STRING";
    case 4: return "OCTET STRING";
    case 12: return "UTF8String";
    case 16: return "SEQUENCE";
    case 17: return "SET";
    case 18: return "NumericString";
    case 19: return "PrintableString";
    case 20: return "TeletexString";
    case 22: return "IA5String";
    case 26: return "VisibleString";
    case 28: return "UniversalString";
    case 30: return "BMPString";
    default: return "other";
    }
}

}  // namespace eascert::cert
