// The LDIF backend on a real export of the Samba DC: same inspections, and its change file
// applies cleanly to the DC with ldapmodify.

#include <fstream>

#include "CatchCompat.h"
#include "DcFixture.h"
#include "TempDir.h"

#include "eascert/directory/Fix.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::directory;

namespace {
std::string exportUsers(const TempDir& tmp)
{
    auto r = ldapTool("ldapsearch", {"-LLL", "-b", "CN=Users," + dc().base, "(objectClass=user)", "sAMAccountName",
                                     "userPrincipalName", "mail", "cn", "objectClass", "altSecurityIdentities",
                                     "userCertificate", "objectSid", "userAccountControl", "whenCreated"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto path = (tmp / "export.ldif").string();
    REQUIRE(eascert::lab::writeFile(path, r.out));
    return path;
}
}  // namespace

TEST_CASE("LDIF backend: inspect states match the live directory's", "[live][ldif]")
{
    TempDir tmp;
    const std::string sam = uniqueName("ldif");
    auto issued = issueUser(sam);
    auto cert = testpki::parse(issued);
    const auto weak = *mapping::buildMapping(cert.info(), mapping::MappingForm::IssuerSubject);
    const std::string pubSam = uniqueName("ldifpub");
    auto pubCert = testpki::parse(issueUser(pubSam));
    seedUser({sam, {weak}});
    seedUser({pubSam, {}, {pubCert.info().der}});
    const std::string offSam = uniqueName("ldifoff");
    auto offCert = testpki::parse(issueUser(offSam));
    seedUser({offSam, {*mapping::buildMapping(offCert.info(), mapping::MappingForm::IssuerSerial)}, {}, true});

    const auto changes = (tmp / "changes.ldif").string();
    auto ldif = LdifDirectory::open(exportUsers(tmp), changes);
    REQUIRE(ldif);
    auto live = adminDirectory();

    for (const auto& [user, c] : {std::pair{sam, cert}, std::pair{pubSam, pubCert}, std::pair{offSam, offCert}}) {
        auto offline = inspect(**ldif, user, c.info(), {});
        auto online = inspect(*live, user, c.info(), {});
        REQUIRE(offline);
        REQUIRE(online);
        CHECK(offline->states == online->states);
        CHECK(offline->account.sid == online->account.sid);
        CHECK(offline->ntAuth.state == NtAuthState::Unknown);  // an export of users says nothing about NTAuth
    }
    auto injection = inspect(**ldif, std::string("*)(objectClass=*"), cert.info(), {});
    REQUIRE_FALSE(injection);
    CHECK(injection.error().code == ErrorCode::AccountNotFound);

    // Fix offline: the change lands in memory and in the change file ...
    auto in = inspect(**ldif, sam, cert.info(), {});
    auto plan = planFix(*in, {weak});
    REQUIRE(plan);
    REQUIRE(applyFix(**ldif, *plan, (tmp / "backup.json").string()));
    CHECK(inspect(**ldif, sam, cert.info(), {})->ok());

    // ... and the change file applies cleanly to the real DC.
    std::ifstream in2(changes);
    const std::string changeText((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>());
    CHECK(changeText.find("changetype: modify") != std::string::npos);
    ldapModify(changeText);
    auto liveAfter = inspect(*live, sam, cert.info(), {});
    REQUIRE(liveAfter);
    CHECK(liveAfter->ok());
    CHECK(liveAfter->values.size() == 1);
}
