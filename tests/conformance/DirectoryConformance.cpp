// What every Directory backend must do, checked against the real Samba AD DC. The entries are seeded
// by run-conformance.sh (ldapmodify) under OU=conformance-<backend>: 25 users (user-00 ... user-24),
// each with one altSecurityIdentities value and a description; user-00 also has a userCertificate
// with NUL bytes and a description full of filter metacharacters; limited-<backend>, a plain user
// with a password (no rights to write other accounts); and mapped-<backend>, whose certificate
// (cert-<backend>.der, made with the openssl command line) is only in Published Certificates, next to
// one unrelated altSecurityIdentities value.

#include <algorithm>
#include <filesystem>

#include "CatchCompat.h"

#include "Conformance.h"
#include "eascert/cert/Validity.h"
#include "eascert/directory/Fix.h"

using namespace eascert;
using namespace eascert::directory;

namespace {

std::unique_ptr<Directory> admin()
{
    auto d = conformance::connectAdmin();
    INFO((d ? std::string() : std::string(errorId(d.error().code)) + ": " + d.error().detail));
    REQUIRE(d);
    return std::move(*d);
}

std::string userDn(int n)
{
    char name[16];
    std::snprintf(name, sizeof name, "user-%02d", n);
    return "CN=" + std::string(name) + "," + conformance::ou();
}

std::unique_ptr<Directory> limited()
{
    auto d = conformance::connectSimple("CN=limited-" + conformance::backend() + "," + conformance::ou(),
                                        conformance::env("EASCERT_CONFORMANCE_LIMITED_PASSWORD"));
    INFO((d ? std::string() : d.error().detail));
    REQUIRE(d);
    return std::move(*d);
}

std::string mappedDn()
{
    return "CN=mapped," + conformance::ou();
}

std::string mappedSam()
{
    return "mapped-" + conformance::backend();
}

cert::CertificateInfo mappedCertificate()
{
    return conformance::certificate("cert-" + conformance::backend() + ".der");
}

std::vector<cert::CertificateInfo> chain()
{
    return {conformance::certificate("ca.der")};
}

Inspection inspected(Directory& d, const std::optional<std::string>& user)
{
    auto i = inspect(d, user, mappedCertificate(), chain());
    INFO((i ? std::string() : std::string(errorId(i.error().code)) + ": " + i.error().detail));
    REQUIRE(i);
    return std::move(*i);
}

std::filesystem::path backupFolder()
{
    auto folder = std::filesystem::temp_directory_path() / ("eascert-conformance-" + conformance::backend());
    std::filesystem::create_directories(folder);
    return folder;
}

std::vector<std::string> values(Directory& d, const std::string& dn, const std::string& attribute)
{
    auto e = readEntry(d, dn, {attribute});
    REQUIRE(e);
    REQUIRE(e->has_value());
    auto v = (*e)->values(attribute);
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("rootDSE names the domain and the configuration partition")
{
    auto d = admin();
    auto dse = d->rootDse();
    REQUIRE(dse);
    CHECK(dse->defaultNamingContext == conformance::base());
    CHECK(dse->configurationNamingContext == "CN=Configuration," + conformance::base());
}

TEST_CASE("a paged search delivers every entry across pages")
{
    auto d = admin();
    SearchRequest r;
    r.base = conformance::ou();
    r.filter = Filter::all({Filter::equals("objectClass", "user"), Filter::present("altSecurityIdentities"),
                            Filter::negate(Filter::equals("cn", "mapped"))});
    r.attributes = {"sAMAccountName", "altSecurityIdentities"};
    r.pageSize = 7;  // 25 entries: four pages
    std::vector<std::string> names;
    auto n = d->search(r,
                       [&](Entry&& e) {
                           names.push_back(e.first("sAMAccountName"));
                           return true;
                       },
                       {});
    REQUIRE(n);
    CHECK(*n == 25);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    CHECK(names.size() == 25);  // no entry twice, none lost between pages
}

TEST_CASE("a sink that returns false stops the search")
{
    auto d = admin();
    SearchRequest r;
    r.base = conformance::ou();
    r.filter = Filter::present("altSecurityIdentities");
    r.pageSize = 5;
    int seen = 0;
    auto n = d->search(r, [&](Entry&&) { return ++seen < 3; }, {});
    REQUIRE(n);
    CHECK(seen == 3);
    CHECK(*n == 3);
}

TEST_CASE("filter values are escaped, never pasted")
{
    auto d = admin();
    SearchRequest r;
    r.base = conformance::ou();
    r.filter = Filter::equals("description", "a*b(c)\\d");  // literally, not a wildcard
    r.attributes = {"sAMAccountName"};
    auto found = searchAll(*d, r);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK(found->front().first("sAMAccountName").rfind("user-00", 0) == 0);
    r.filter = Filter::equals("description", "a*");  // would match with a pasted '*'
    found = searchAll(*d, r);
    REQUIRE(found);
    CHECK(found->empty());
}

TEST_CASE("binary values come back byte for byte")
{
    auto d = admin();
    const auto v = values(*d, userDn(0), "userCertificate");
    REQUIRE(v.size() == 1);
    CHECK(v.front() == std::string("\x30\x00\x01\xff\x00\x7f", 6));
}

TEST_CASE("a modify adds and removes values, and reads back")
{
    auto d = admin();
    const std::string dn = userDn(1);
    const std::string value = "X509:<I>DC=test,DC=contoso,CN=Conformance CA<SR>0A0B0C";
    REQUIRE(d->modify(dn, {{ModificationOp::Add, "altSecurityIdentities", {value}}}));
    const auto added = values(*d, dn, "altSecurityIdentities");
    CHECK(std::count(added.begin(), added.end(), value) == 1);
    REQUIRE(d->modify(dn, {{ModificationOp::Delete, "altSecurityIdentities", {value}}}));
    const auto after = values(*d, dn, "altSecurityIdentities");
    CHECK(std::find(after.begin(), after.end(), value) == after.end());
    CHECK(after.size() == 1);  // the seeded value is still there
}

TEST_CASE("a modify is atomic: one failing change writes nothing")
{
    auto d = admin();
    const std::string dn = userDn(2);
    const auto before = values(*d, dn, "altSecurityIdentities");
    auto r = d->modify(dn, {{ModificationOp::Add, "altSecurityIdentities", {"X509:<I>CN=New<SR>01"}},
                            {ModificationOp::Delete, "altSecurityIdentities", {"X509:<I>CN=Absent<SR>02"}}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NoSuchValue);
    CHECK(values(*d, dn, "altSecurityIdentities") == before);
}

TEST_CASE("adding a value that is there is ValueExists")
{
    auto d = admin();
    const std::string dn = userDn(3);
    const auto existing = values(*d, dn, "altSecurityIdentities");
    REQUIRE(existing.size() == 1);
    auto r = d->modify(dn, {{ModificationOp::Add, "altSecurityIdentities", {existing.front()}}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::ValueExists);
}

TEST_CASE("a modify of an entry that does not exist is NoSuchEntry")
{
    auto d = admin();
    auto r = d->modify("CN=nobody," + conformance::ou(), {{ModificationOp::Add, "description", {"x"}}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NoSuchEntry);
}

TEST_CASE("an account without rights may not write: InsufficientRights")
{
    auto r = limited()->modify(userDn(4), {{ModificationOp::Add, "altSecurityIdentities", {"X509:<I>CN=Evil<SR>66"}}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InsufficientRights);
    auto d = admin();
    CHECK(values(*d, userDn(4), "altSecurityIdentities").size() == 1);
}

TEST_CASE("a wrong password is AuthenticationFailed")
{
    auto r = conformance::connectSimple(conformance::env("EASCERT_DC_ADMIN_DN"), "not-the-password");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::AuthenticationFailed);
}

TEST_CASE("a simple bind on ldap:// goes through StartTLS, and the session works")
{
    auto d = conformance::connectStartTls(conformance::env("EASCERT_DC_ADMIN_DN"), conformance::adminPassword());
    INFO((d ? std::string() : std::string(errorId(d.error().code)) + ": " + d.error().detail));
    REQUIRE(d);
    auto dse = (*d)->rootDse();
    REQUIRE(dse);
    CHECK(dse->defaultNamingContext == conformance::base());
    CHECK(values(**d, userDn(5), "altSecurityIdentities").size() == 1);
}

TEST_CASE("a simple bind without TLS is refused before anything is sent")
{
    auto r = conformance::connectCleartext(conformance::env("EASCERT_DC_ADMIN_DN"), conformance::adminPassword());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::CleartextBindRefused);
}

TEST_CASE("inspect: a certificate only in Published Certificates, found by its UPN")
{
    auto d = admin();
    const Inspection i = inspected(*d, std::nullopt);
    CHECK(i.account.dn == mappedDn());
    CHECK(i.foundBy == FoundBy::CertificateUpn);
    CHECK(i.certificatePublished);
    CHECK(i.primary() == InspectState::PublishedOnly);
    REQUIRE(i.values.size() == 1);  // the unrelated value, checked and not matching
    CHECK(i.values.front().result.verdict == mapping::Verdict::NoMatch);
    CHECK(i.recommendedValue.rfind("X509:<I>", 0) == 0);
    CHECK(i.otherAccounts.empty());
    // The same account by its logon name.
    CHECK(inspected(*d, mappedSam()).account.dn == mappedDn());
}

TEST_CASE("fix adds the strong value beside the others and reads it back; undo restores them exactly")
{
    auto d = admin();
    const Inspection before = inspected(*d, mappedSam());
    auto plan = planFix(before);
    REQUIRE(plan);
    REQUIRE(plan->add == std::vector<std::string>{before.recommendedValue});
    CHECK(plan->remove.empty());

    const auto backup = newBackupPath(backupFolder(), mappedSam(), cert::currentTime());
    auto fixed = applyFix(*d, *plan, backup);
    INFO((fixed ? std::string() : std::string(errorId(fixed.error().code)) + ": " + fixed.error().detail));
    REQUIRE(fixed);
    CHECK(fixed->added == plan->add);
    CHECK(fixed->after.size() == before.values.size() + 1);  // added, nothing replaced
    CHECK(std::filesystem::exists(backup));
    auto saved = readBackup(backup);
    REQUIRE(saved);
    CHECK(saved->dn == mappedDn());
    CHECK(saved->before.size() == before.values.size());
    const Inspection after = inspected(*d, mappedSam());
    for (auto state : after.states)
        UNSCOPED_INFO("state after the fix: " << inspectStateId(state));
    CHECK(after.ok());

    auto undone = undoFix(*d, backup);
    INFO((undone ? std::string() : std::string(errorId(undone.error().code)) + ": " + undone.error().detail));
    REQUIRE(undone);
    auto restored = values(*d, mappedDn(), "altSecurityIdentities");
    auto original = saved->before;
    std::sort(original.begin(), original.end());
    CHECK(restored == original);
    CHECK(inspected(*d, mappedSam()).primary() == InspectState::PublishedOnly);
}

TEST_CASE("a fix refuses to write when the values changed since the inspection")
{
    auto d = admin();
    auto plan = planFix(inspected(*d, mappedSam()));
    REQUIRE(plan);
    const std::string meanwhile = "X509:<I>DC=test,DC=contoso,CN=Conformance CA<SR>0D0E0F";
    REQUIRE(d->modify(mappedDn(), {{ModificationOp::Add, "altSecurityIdentities", {meanwhile}}}));
    auto r = applyFix(*d, *plan, newBackupPath(backupFolder(), mappedSam(), cert::currentTime()));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::EntryChanged);
    const auto now = values(*d, mappedDn(), "altSecurityIdentities");
    CHECK(std::find(now.begin(), now.end(), plan->add.front()) == now.end());
    REQUIRE(d->modify(mappedDn(), {{ModificationOp::Delete, "altSecurityIdentities", {meanwhile}}}));
}

TEST_CASE("a fix by an account without rights writes nothing: InsufficientRights")
{
    auto d = admin();
    const Inspection i = inspected(*d, mappedSam());
    auto plan = planFix(i);
    REQUIRE(plan);
    auto r = applyFix(*limited(), *plan, newBackupPath(backupFolder(), mappedSam(), cert::currentTime()));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InsufficientRights);
    CHECK(values(*d, mappedDn(), "altSecurityIdentities").size() == i.values.size());
}
