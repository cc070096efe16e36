#include "CatchCompat.h"

#include "eascert/support/Bytes.h"
#include "eascert/support/Text.h"

using namespace eascert;

TEST_CASE("case folding compares as AD does for common scripts", "[text]")
{
    CHECK(text::equalsIgnoreCase("CN=Jürgen", "cn=JÜRGEN"));
    CHECK(text::equalsIgnoreCase("ΔΟΚΙΜΗ", "δοκιμη"));
    CHECK(text::equalsIgnoreCase("ДМИТРИЙ", "дмитрий"));
    CHECK_FALSE(text::equalsIgnoreCase("abc", "abd"));
    CHECK_FALSE(text::equalsIgnoreCase("abc", "abcd"));
    CHECK(text::foldCase("ÀÉÎ") == "àéî");
}

TEST_CASE("invalid UTF-8 never equals valid text", "[text]")
{
    CHECK_FALSE(text::isValidUtf8("\xC3"));
    CHECK(text::isValidUtf8("Zoë"));
    CHECK_FALSE(text::equalsIgnoreCase("\xC3", "Ã"));
}

TEST_CASE("hex round trip", "[text]")
{
    Bytes b;
    REQUIRE(fromHex("0a:1B ff", b));
    CHECK(toHex(b) == "0A1BFF");
    CHECK(toHex(b, ':') == "0A:1B:FF");
    CHECK_FALSE(fromHex("abc", b));
    CHECK_FALSE(fromHex("zz", b));
}
