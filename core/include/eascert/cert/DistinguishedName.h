#pragma once

#include <string>
#include <vector>

#include "eascert/support/Bytes.h"

namespace eascert::cert {

// One attribute type and value of a name, exactly as encoded.
struct AttributeValue
{
    std::string oid;        // dotted OID, e.g. "2.5.4.3"
    std::string shortName;  // OpenSSL's short name ("CN", "emailAddress"), or the OID when unknown
    std::string value;      // decoded text in UTF-8 when isString; empty otherwise
    int asn1Tag = 0;        // ASN.1 universal tag of the value (12 UTF8String, 19 PrintableString...)
    bool isString = true;   // false for values that are not a character string (rendered #hex)
    Bytes valueDer;         // the complete DER encoding of the value (tag, length, contents)
    Bytes contents;         // the value's content octets

    bool operator==(const AttributeValue&) const = default;
};

// A relative distinguished name: usually one attribute, several for a multi-valued RDN ("CN=x + UID=y").
struct Rdn
{
    std::vector<AttributeValue> attributes;

    bool operator==(const Rdn&) const = default;
};

// A name in the order its RDNs are encoded in the certificate (most significant first: C, O, ... CN).
struct DistinguishedName
{
    std::vector<Rdn> rdns;
    Bytes der;

    bool empty() const { return rdns.empty(); }
    bool hasMultiValuedRdn() const;
    // First value of the given attribute OID, or empty.
    std::string first(std::string_view oid) const;

    bool operator==(const DistinguishedName&) const = default;
};

std::string_view asn1TagName(int tag);

}  // namespace eascert::cert
