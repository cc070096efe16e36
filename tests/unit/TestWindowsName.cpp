// Rendering names as a domain controller does (domain.md §2.1), on a test PKI made at test time.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/mapping/WindowsName.h"

#include <openssl/asn1.h>

using eascert::mapping::parseName;
using eascert::mapping::renderWindowsName;

namespace {
std::string rendered(const testpki::NameSpec& subject)
{
    auto cert = testpki::parse(testpki::make(testpki::userSpec(subject)));
    return renderWindowsName(cert.info().subject);
}
}  // namespace

TEST_CASE("names render in encoded order with bare commas", "[name]")
{
    // The UI shows CN=CONTOSO-DC-CA, DC=contoso, DC=com; the certificate encodes DC=com first.
    CHECK(rendered({{{"DC", "com"}}, {{"DC", "contoso"}}, {{"CN", "CONTOSO-DC-CA"}}}) ==
          "DC=com,DC=contoso,CN=CONTOSO-DC-CA");
    // A public CA encoded C, O, CN starts with C=.
    CHECK(rendered({{{"C", "US"}}, {{"O", "DigiCert Inc"}}, {{"CN", "DigiCert Assured ID CA"}}}) ==
          "C=US,O=DigiCert Inc,CN=DigiCert Assured ID CA");
}

TEST_CASE("values with special characters are quoted, quotes doubled", "[name]")
{
    CHECK(rendered({{{"O", "Contoso, Inc."}}, {{"CN", "x"}}}) == "O=\"Contoso, Inc.\",CN=x");
    CHECK(rendered({{{"CN", "Jane \"JD\" Doe"}}}) == "CN=\"Jane \"\"JD\"\" Doe\"");
    CHECK(rendered({{{"CN", " leading space"}}}) == "CN=\" leading space\"");
    CHECK(rendered({{{"CN", "trailing space "}}}) == "CN=\"trailing space \"");
    CHECK(rendered({{{"OU", "R+D"}}}) == "OU=\"R+D\"");
    CHECK(rendered({{{"CN", "a=b"}}}) == "CN=\"a=b\"");
    CHECK(rendered({{{"CN", "semi;colon"}}}) == "CN=\"semi;colon\"");
    CHECK(rendered({{{"CN", "<angle>"}}}) == "CN=\"<angle>\"");
    CHECK(rendered({{{"CN", "#hash"}}}) == "CN=\"#hash\"");
    CHECK(rendered({{{"CN", "plain-name_1.2"}}}) == "CN=plain-name_1.2");
}

TEST_CASE("Windows attribute keys replace RFC 4514 and OpenSSL keys", "[name]")
{
    CHECK(rendered({{{"ST", "Bavaria"}}, {{"CN", "x"}}}) == "S=Bavaria,CN=x");
    CHECK(rendered({{{"emailAddress", "jane@contoso.test"}}}) == "E=jane@contoso.test");
    CHECK(rendered({{{"street", "1 Main St"}},
                    {{"title", "Admin"}},
                    {{"GN", "Jane"}},
                    {{"initials", "J"}},
                    {{"SN", "Doe"}},
                    {{"serialNumber", "42"}},
                    {{"postalCode", "12345"}},
                    {{"L", "Munich"}}}) ==
          "STREET=1 Main St,T=Admin,G=Jane,I=J,SN=Doe,SERIALNUMBER=42,PostalCode=12345,L=Munich");
    // Any other attribute type is written OID.x=value.
    CHECK(rendered({{{"1.3.6.1.4.1.99999.1", "custom"}}}) == "OID.1.3.6.1.4.1.99999.1=custom");
    CHECK(rendered({{{"UID", "jdoe"}}}) == "OID.0.9.2342.19200300.100.1.1=jdoe");
}

TEST_CASE("non-ASCII values stay UTF-8, whatever the string type", "[name]")
{
    CHECK(rendered({{{"CN", "Jürgen Müller"}}}) == "CN=Jürgen Müller");
    CHECK(rendered({{{"CN", "Δοκιμή Тест", V_ASN1_UTF8STRING}}}) == "CN=Δοκιμή Тест");
    // BMPString (UTF-16) is decoded too.
    testpki::NameSpec bmp = {{{"CN", std::string("\0Z\0o\0\xEB", 6), V_ASN1_BMPSTRING}}};
    CHECK(rendered(bmp) == "CN=Zoë");
}

TEST_CASE("a multi-valued RDN is joined by one space", "[name]")
{
    auto cert = testpki::parse(
        testpki::make(testpki::userSpec({{{"C", "US"}}, {{"CN", "JANE DOE"}, {"UID", "47001003151020"}}})));
    CHECK(cert.info().subject.hasMultiValuedRdn());
    CHECK(renderWindowsName(cert.info().subject) == "C=US,CN=JANE DOE OID.0.9.2342.19200300.100.1.1=47001003151020");
}

TEST_CASE("a non-string value renders as # and the hex of its DER", "[name]")
{
    testpki::NameSpec name = {{{"CN", "x"}}, {{"2.5.4.45", "A1B3", 0, true}}};
    auto cert = testpki::parse(testpki::make(testpki::userSpec(name)));
    const auto& attr = cert.info().subject.rdns.at(1).attributes.at(0);
    CHECK_FALSE(attr.isString);
    CHECK(renderWindowsName(cert.info().subject) == "CN=x,OID.2.5.4.45=#030300A1B3");
}

TEST_CASE("the model keeps OID, value and string type in encoded order", "[name]")
{
    auto cert = testpki::parse(testpki::make(testpki::userSpec(
        {{{"C", "DE", V_ASN1_PRINTABLESTRING}}, {{"O", "Contoso", V_ASN1_UTF8STRING}}, {{"CN", "Jürgen"}}})));
    const auto& rdns = cert.info().subject.rdns;
    REQUIRE(rdns.size() == 3);
    CHECK(rdns[0].attributes[0].oid == "2.5.4.6");
    CHECK(rdns[0].attributes[0].asn1Tag == V_ASN1_PRINTABLESTRING);
    CHECK(rdns[1].attributes[0].asn1Tag == V_ASN1_UTF8STRING);
    CHECK(rdns[2].attributes[0].value == "Jürgen");
    CHECK(eascert::cert::displayName(cert.info().subject) == "CN=Jürgen,O=Contoso,C=DE");
}

TEST_CASE("parseName reads Windows text and notes every departure from it", "[name][parse]")
{
    SECTION("Windows rendering")
    {
        auto p = parseName("DC=com,DC=contoso,O=\"Contoso, Inc.\",CN=\"Jane \"\"JD\"\" Doe\"");
        REQUIRE(p.ok);
        REQUIRE(p.rdns.size() == 4);
        CHECK(p.rdns[2][0].value == "Contoso, Inc.");
        CHECK(p.rdns[3][0].value == "Jane \"JD\" Doe");
        CHECK_FALSE(p.spaceAfterSeparator);
        CHECK(p.nonWindowsKeys.empty());
    }
    SECTION("RFC 4514 habits")
    {
        auto p = parseName("CN=Jane\\, Doe, ST=Bavaria, emailAddress=j@x.test");
        REQUIRE(p.ok);
        CHECK(p.spaceAfterSeparator);
        CHECK(p.backslashEscapes);
        CHECK(p.rdns[0][0].value == "Jane, Doe");
        CHECK(p.nonWindowsKeys == std::vector<std::string>{"ST", "emailAddress"});
    }
    SECTION("an unquoted comma inside a value")
    {
        auto p = parseName("C=US,O=Contoso, Inc.,CN=x");
        REQUIRE(p.ok);
        REQUIRE(p.rdns.size() == 3);
        CHECK(p.rdns[1][0].value == "Contoso, Inc.");
        CHECK(p.unquotedSpecial);
    }
    SECTION("multi-valued RDN, space-joined and plus-joined")
    {
        auto spaced = parseName("CN=JANE DOE OID.0.9.2342.19200300.100.1.1=470");
        REQUIRE(spaced.ok);
        REQUIRE(spaced.rdns.size() == 1);
        CHECK(spaced.rdns[0].size() == 2);
        CHECK(spaced.rdns[0][0].value == "JANE DOE");
        auto plus = parseName("CN=JANE DOE+UID=470");
        REQUIRE(plus.rdns.size() == 1);
        CHECK(plus.plusJoinedRdn);
    }
    SECTION("broken text is not ok")
    {
        CHECK_FALSE(parseName("CN=\"unterminated").ok);
        CHECK_FALSE(parseName("just words").ok);
        CHECK_FALSE(parseName("CN=x,").ok);
    }
}
