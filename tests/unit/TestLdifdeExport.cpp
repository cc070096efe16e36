// Real `ldifde -f` exports are accepted as ldifde writes them ("changetype: add" in every record,
// no "version:", CRLF, lines folded at 80 columns, base64 values, ANSI, or UTF-16 with -u); change
// files (modify/delete/modrdn) are refused with words that say what to export instead.

#include "CatchCompat.h"
#include "TestPki.h"

#include "eascert/directory/Ldif.h"
#include "eascert/support/Base64.h"
#include "eascert/support/Text.h"

using namespace eascert;
using namespace eascert::directory;

namespace {

// ldifde folds a line at 80 characters: the rest goes on lines that start with one space.
std::string ldifdeLine(const std::string& line)
{
    std::string out = line.substr(0, 80) + "\r\n";
    for (std::size_t pos = 80; pos < line.size(); pos += 79)
        out += " " + line.substr(pos, 79) + "\r\n";
    return out;
}

// An export of one user as `ldifde -f out.ldf -r "(sAMAccountName=usertest1)"` writes it.
std::string ldifdeExport(const std::string& certificateDer, const std::string& displayName)
{
    std::string out = "\r\n";  // ldifde starts with an empty line
    out += ldifdeLine("dn: CN=User Test1,CN=Users,DC=contoso,DC=test");
    out += ldifdeLine("changetype: add");
    out += ldifdeLine("objectClass: top");
    out += ldifdeLine("objectClass: person");
    out += ldifdeLine("objectClass: organizationalPerson");
    out += ldifdeLine("objectClass: user");
    out += ldifdeLine("cn: User Test1");
    out += ldifdeLine("displayName: " + displayName);
    out += ldifdeLine("sAMAccountName: usertest1");
    out += ldifdeLine("userPrincipalName: usertest1@contoso.test");
    out += ldifdeLine("userCertificate:: " + base64Encode(certificateDer));
    out += "\r\n";
    return out;
}

std::string utf16le(std::string_view utf8, bool bom)
{
    std::string out = bom ? std::string("\xFF\xFE") : std::string();
    // The test's text is ASCII plus U+00FC: enough to see a conversion.
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = c;
        if (c == 0xC3) {
            cp = 0xC0 | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
        }
        out += static_cast<char>(cp & 0xFF);
        out += static_cast<char>(cp >> 8);
    }
    return out;
}

std::string userDer()
{
    const auto c = testpki::parse(testpki::make(testpki::userSpec(), &testpki::hierarchy().issuing));
    const auto& der = c.info().der;
    return std::string(reinterpret_cast<const char*>(der.data()), der.size());
}

}  // namespace

TEST_CASE("an ldifde export is read as ldifde writes it: changetype add, CRLF, folding, base64", "[directory][ldif]")
{
    const std::string der = userDer();
    const auto entries = parseLdif(ldifdeExport(der, "User Test1"));
    INFO((entries ? std::string() : entries.error().detail));
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    const auto& e = entries->front();
    CHECK(e.dn == "CN=User Test1,CN=Users,DC=contoso,DC=test");
    CHECK(e.attributes.count("changetype") == 0);  // a record marker, not an attribute
    CHECK(e.attributes.at("sAMAccountName") == Values{"usertest1"});
    CHECK(e.attributes.at("objectClass").size() == 4);
    REQUIRE(e.attributes.at("userCertificate").size() == 1);
    CHECK(e.attributes.at("userCertificate").front() == der);  // unfolded and decoded byte for byte

    // "version: 1" before the records changes nothing.
    const auto versioned = parseLdif("version: 1\r\n" + ldifdeExport(der, "User Test1"));
    REQUIRE(versioned);
    CHECK(versioned->front().attributes.at("userCertificate").front() == der);
}

TEST_CASE("ldifde exports in ANSI and in UTF-16 (ldifde -u) give the same entries as UTF-8", "[directory][ldif]")
{
    const std::string der = userDer();
    const std::string utf8 = ldifdeExport(der, "J\xC3\xBCrgen M\xC3\xBCller");
    const auto reference = parseLdif(utf8);
    REQUIRE(reference);
    CHECK(reference->front().attributes.at("displayName") == Values{"J\xC3\xBCrgen M\xC3\xBCller"});

    // ANSI: ü is the single byte FC in Windows-1252.
    const auto ansi = parseLdif(ldifdeExport(der, "J\xFCrgen M\xFCller"));
    REQUIRE(ansi);
    CHECK(ansi->front().attributes == reference->front().attributes);

    // -u: UTF-16 little-endian with a byte order mark, and without one.
    for (const bool bom : {true, false}) {
        const auto unicode = parseLdif(utf16le(utf8, bom));
        INFO("BOM " << bom << ": " << (unicode ? std::string() : unicode.error().detail));
        REQUIRE(unicode);
        CHECK(unicode->front().attributes == reference->front().attributes);
    }
    // A UTF-8 byte order mark is dropped.
    const auto marked = parseLdif("\xEF\xBB\xBF" + utf8);
    REQUIRE(marked);
    CHECK(marked->front().dn == reference->front().dn);

    // Broken UTF-16 is a clear error, not garbage.
    auto broken = utf16le(utf8, true);
    broken.append("\x00\xD8", 2);  // a lone high surrogate at the end
    const auto bad = parseLdif(broken);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::CorruptData);
    CHECK(bad.error().detail.find("UTF-16") != std::string::npos);
}

TEST_CASE("change files are refused with words that say what to export instead", "[directory][ldif]")
{
    for (const char* kind : {"modify", "delete", "modrdn", "moddn"}) {
        const auto r = parseLdif(std::string("dn: CN=User Test1,CN=Users,DC=contoso,DC=test\r\nchangetype: ") + kind +
                                 "\r\nadd: altSecurityIdentities\r\naltSecurityIdentities: X509:<SKI>01\r\n-\r\n");
        INFO(kind);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::CorruptData);
        CHECK(r.error().detail.find(std::string("changetype: ") + kind) != std::string::npos);
        CHECK(r.error().detail.find("change file") != std::string::npos);
        CHECK(r.error().detail.find("ldifde -f") != std::string::npos);
    }
    // "changetype: add" after other attributes is not ldifde's form either.
    CHECK_FALSE(parseLdif("dn: CN=x\ncn: x\nchangetype: add\n"));
}

TEST_CASE("UTF-16 and Windows text decode", "[text]")
{
    CHECK(text::fromUtf16(std::string("a\0\xFC\0", 4), true) == "a\xC3\xBC");
    CHECK(text::fromUtf16(std::string("\0a\0\xFC", 4), false) == "a\xC3\xBC");
    // U+1F600 as a surrogate pair.
    CHECK(text::fromUtf16(std::string("\x3D\xD8\x00\xDE", 4), true) == "\xF0\x9F\x98\x80");
    CHECK_FALSE(text::fromUtf16(std::string("\x00\xDE", 2), true));  // a lone low surrogate
    CHECK_FALSE(text::fromUtf16(std::string("a\0b", 3), true));      // odd length
    CHECK(text::windowsText("plain") == "plain");
    CHECK(text::windowsText("\xE9t\xE9") == "\xC3\xA9t\xC3\xA9");
}
