// DsGetDcName under Wine against a real DNS server (dnsmasq, started by run-dc-locator.sh in a
// private network namespace) that publishes the SRV records a domain publishes.
#define CATCH_CONFIG_MAIN
#include "CatchCompat.h"

#include "eascert/directory/WinDcLocator.h"

using namespace eascert;
using namespace eascert::directory;

TEST_CASE("DsGetDcName finds the DC the domain's SRV records name")
{
    auto dc = locateDomainController("contoso.test");
    INFO((dc ? std::string() : dc.error().detail));
    REQUIRE(dc);
    CHECK(dc->host == "dc1.contoso.test");
    CHECK(dc->address == "127.0.0.1");
    CHECK(dc->domain == "contoso.test");
}

TEST_CASE("a domain without SRV records is NameNotResolved, and the message says what to check")
{
    auto dc = locateDomainController("nowhere.test");
    REQUIRE_FALSE(dc);
    CHECK(dc.error().code == ErrorCode::NameNotResolved);
    CHECK(dc.error().detail.find("nowhere.test") != std::string::npos);
    CHECK(dc.error().detail.find("DNS servers") != std::string::npos);
}
