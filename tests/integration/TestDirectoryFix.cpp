// Fix and undo against a real Samba AD DC, and every way a write can go wrong.

#include <fstream>

#include "CatchCompat.h"
#include "DcFixture.h"
#include "HostileServer.h"
#include "TempDir.h"

#include "eascert/directory/Fix.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::directory;

namespace {

struct Setup
{
    std::string sam;
    std::string dn;
    cert::Certificate cert;
    std::vector<std::string> before;
};

Setup seedWeak(const std::string& prefix)
{
    Setup s;
    s.sam = uniqueName(prefix);
    s.cert = testpki::parse(issueUser(s.sam));
    const auto weak = *mapping::buildMapping(s.cert.info(), mapping::MappingForm::IssuerSubject);
    s.dn = seedUser({s.sam, {weak, "X509:<RFC822>Someone.Else@contoso.test", "Kerberos:" + s.sam + "@CONTOSO.TEST"}});
    s.before = mappingValues(s.dn);
    return s;
}

Inspection inspected(Directory& d, const Setup& s)
{
    auto in = inspect(d, s.sam, s.cert.info(), {});
    REQUIRE(in);
    return *in;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("live: fix adds the strong value, keeps the rest, and undo restores byte-identical values", "[live][fix]")
{
    TempDir tmp;
    auto d = adminDirectory();
    auto s = seedWeak("fix");
    auto in = inspected(*d, s);
    CHECK(in.primary() == InspectState::WeakOnly);
    auto plan = planFix(in);
    REQUIRE(plan);
    CHECK(plan->add == std::vector{in.recommendedValue});
    CHECK(plan->remove.empty());
    CHECK(plan->ldif().find("add: altSecurityIdentities") != std::string::npos);
    CHECK(plan->powershell().find("Set-ADUser -Identity '" + s.dn + "' -Add @{altSecurityIdentities='") == 0);

    const auto backup = (tmp / "backup.json").string();
    auto outcome = applyFix(*d, *plan, backup);
    REQUIRE(outcome);
    auto after = mappingValues(s.dn);
    CHECK(after.size() == s.before.size() + 1);
    CHECK(std::find(after.begin(), after.end(), in.recommendedValue) != after.end());
    CHECK(inspected(*d, s).ok());
    CHECK(readFile(backup).find(dc().adminPassword().c_str()) == std::string::npos);

    // Applying the same plan again: the entry changed since inspection.
    auto again = applyFix(*d, *plan, (tmp / "backup2.json").string());
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::EntryChanged);

    auto undone = undoFix(*d, backup);
    REQUIRE(undone);
    CHECK(mappingValues(s.dn) == s.before);
}

TEST_CASE("live: fix removes only the values the admin named", "[live][fix]")
{
    TempDir tmp;
    auto d = adminDirectory();
    auto s = seedWeak("rm");
    auto in = inspected(*d, s);
    const auto weak = *mapping::buildMapping(s.cert.info(), mapping::MappingForm::IssuerSubject);
    auto plan = planFix(in, {weak});
    REQUIRE(plan);
    REQUIRE(applyFix(*d, *plan, (tmp / "b.json").string()));
    auto after = mappingValues(s.dn);
    CHECK(after.size() == s.before.size());
    CHECK(std::find(after.begin(), after.end(), weak) == after.end());
    REQUIRE(undoFix(*d, (tmp / "b.json").string()));
    CHECK(mappingValues(s.dn) == s.before);

    auto bogus = planFix(in, {"X509:<SKI>not-there"});
    REQUIRE_FALSE(bogus);
    CHECK(bogus.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("live: an account without write rights gets 'insufficient rights' and nothing changes", "[live][fix]")
{
    TempDir tmp;
    auto admin = adminDirectory();
    auto s = seedWeak("victim");
    const std::string helper = uniqueName("helpdesk");
    const std::string helperPassword = "Helpd3sk-" + helper + "!";
    const auto helperDn = seedUser({helper, {}, {}, false, helperPassword});

    Secret pw(helperPassword);
    LdapOptions o;
    o.uri = dc().uri;
    o.caFile = dc().caFile;
    o.bindDn = helperDn;
    o.password = &pw;
    auto limited = connectLdap(o);
    REQUIRE(limited);
    auto in = inspected(**limited, s);
    auto plan = planFix(in);
    REQUIRE(plan);
    auto r = applyFix(**limited, *plan, (tmp / "b.json").string());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InsufficientRights);
    CHECK(mappingValues(s.dn) == s.before);
}

TEST_CASE("live: someone changes the entry between inspect and apply", "[live][fix]")
{
    TempDir tmp;
    auto d = adminDirectory();
    auto s = seedWeak("race");
    auto plan = planFix(inspected(*d, s));
    REQUIRE(plan);
    ldapModify("dn: " + s.dn +
               "\nchangetype: modify\nadd: altSecurityIdentities\naltSecurityIdentities: X509:<SKI>0102\n-\n\n");
    const auto changed = mappingValues(s.dn);
    auto r = applyFix(*d, *plan, (tmp / "b.json").string());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::EntryChanged);
    CHECK(mappingValues(s.dn) == changed);
    CHECK_FALSE(std::filesystem::exists(tmp / "b.json"));
}

TEST_CASE("live: the DC goes away between plan and apply", "[live][fix][outage]")
{
    TempDir tmp;
    auto d = adminDirectory();
    auto s = seedWeak("outage");
    auto plan = planFix(inspected(*d, s));
    REQUIRE(plan);
    REQUIRE(runProcess(dc().control, {"stop"}).exitCode == 0);
    auto r = applyFix(*d, *plan, (tmp / "b.json").string());
    const auto restarted = runProcess(dc().control, {"start"});
    REQUIRE(restarted.exitCode == 0);
    REQUIRE_FALSE(r);
    CHECK((r.error().code == ErrorCode::DirectoryUnavailable || r.error().code == ErrorCode::DirectoryTimeout));
    CHECK(mappingValues(s.dn) == s.before);
}

TEST_CASE("live: a value the schema refuses is a constraint violation, nothing written", "[live][fix]")
{
    auto d = adminDirectory();
    auto s = seedWeak("schema");
    // An empty string is not a valid Unicode-string value.
    auto r = d->modify(s.dn, {{ModificationOp::Add, kMappingAttribute, {""}}});
    REQUIRE_FALSE(r);
    INFO(r.error().detail);
    CHECK(r.error().code == ErrorCode::ConstraintViolation);
    CHECK(mappingValues(s.dn) == s.before);
}

TEST_CASE("live: a directory that accepts and never answers times out", "[live][timeout]")
{
    HostileServer silent(HostileServer::Kind::Silent);
    LdapOptions o;
    o.uri = "ldaps://127.0.0.1:" + std::to_string(silent.port());
    o.caFile = dc().caFile;
    o.timeout = std::chrono::seconds(2);
    const auto password = dc().adminPassword();
    o.bindDn = dc().adminDn;
    o.password = &password;
    const auto t0 = std::chrono::steady_clock::now();
    auto r = connectLdap(o);
    const auto took = std::chrono::steady_clock::now() - t0;
    REQUIRE_FALSE(r);
    INFO(r.error().detail);
    CHECK(r.error().code == ErrorCode::DirectoryTimeout);
    CHECK(took < std::chrono::seconds(4));
}
