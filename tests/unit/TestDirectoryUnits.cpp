// The directory layer's pure parts: filters, LDIF, classification, plans, backups.

#include <algorithm>
#include <fstream>

#include "CatchCompat.h"
#include "TempDir.h"
#include "TestPki.h"

#include "eascert/directory/Account.h"
#include "eascert/directory/Fix.h"
#include "eascert/directory/Ldif.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::directory;

TEST_CASE("filter values are escaped per RFC 4515", "[directory][filter]")
{
    CHECK(escapeFilterValue("*)(objectClass=*") == "\\2a\\29\\28objectClass=\\2a");
    CHECK(escapeFilterValue(std::string("a\\b\0c", 5)) == "a\\5cb\\00c");
    CHECK(Filter::equals("sAMAccountName", "jdoe").toLdap() == "(sAMAccountName=jdoe)");
    CHECK(Filter::all({Filter::equals("objectClass", "user"),
                       Filter::any({Filter::present("mail"), Filter::negate(Filter::equals("cn", "x*"))})})
              .toLdap() == "(&(objectClass=user)(|(mail=*)(!(cn=x\\2a))))");
    Entry e{"CN=Jane,DC=x", {{"sAMAccountName", {"JDoe"}}}};
    CHECK(Filter::equals("samaccountname", "jdoe").matches(e));
    CHECK(Filter::equals("objectClass", "user").matches(e));  // an export without objectClass
    Entry computer{"CN=PC,DC=x", {{"objectClass", {"computer"}}}};
    CHECK_FALSE(Filter::equals("objectClass", "user").matches(computer));
    CHECK_FALSE(Filter::equals("sAMAccountName", "*").matches(e));
}

TEST_CASE("LDIF: folded lines, base64, comments, ;binary, errors", "[directory][ldif]")
{
    const std::string text = "version: 1\n"
                             "# comment\n"
                             "dn: CN=Jane Doe,CN=Users,DC=contoso,DC=test\n"
                             "sAMAccountName: jdoe\n"
                             "altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=Contoso CA<SR>01\n"
                             " 02\n"
                             "userCertificate;binary:: AAEC/w==\n"
                             "description:: w7xiZXI=\r\n"
                             "\n"
                             "dn:: Q049w5xsaSxEQz10ZXN0\n"
                             "cn: x\n";
    auto entries = parseLdif(text);
    REQUIRE(entries);
    REQUIRE(entries->size() == 2);
    const Entry& e = entries->front();
    CHECK(e.first("altSecurityIdentities") == "X509:<I>DC=test,DC=contoso,CN=Contoso CA<SR>0102");
    CHECK(e.first("userCertificate") == std::string("\x00\x01\x02\xff", 4));
    CHECK(e.first("description") == "über");
    CHECK(entries->back().dn == "CN=Üli,DC=test");

    CHECK(parseLdif("sAMAccountName: x\n").error().code == ErrorCode::CorruptData);
    CHECK(parseLdif("dn: x\nchangetype: modify\n").error().code == ErrorCode::CorruptData);
    CHECK(parseLdif("dn: x\na:: !!!!\n").error().code == ErrorCode::CorruptData);
    CHECK(parseLdif("dn: x\na:< file:///etc/passwd\n").error().code == ErrorCode::CorruptData);

    // Writing: unsafe values go base64, long lines fold, and it reads back the same.
    Entry w{"CN=Jürgen,DC=test", {{"description", {" leading space", std::string(200, 'a')}}}};
    const std::string out = ldifContent({w});
    auto back = parseLdif(out);
    REQUIRE(back);
    CHECK(back->front().dn == w.dn);
    CHECK(back->front().values("description") == w.values("description"));
}

TEST_CASE("DNs compare case-insensitively, ignoring spaces around separators", "[directory]")
{
    CHECK(sameDn("CN=Jane Doe, CN=Users, DC=Contoso,DC=test", "cn=jane doe,cn=users,dc=contoso,dc=test"));
    CHECK_FALSE(sameDn("CN=Jane Doe,DC=test", "CN=JaneDoe,DC=test"));
    CHECK(sidToString(std::string("\x01\x05\x00\x00\x00\x00\x00\x05\x15\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00"
                                  "\x00\x03\x00\x00\x00\xe8\x03\x00\x00",
                                  28)) == "S-1-5-21-1-2-3-1000");
}

namespace {
struct Lab
{
    cert::Certificate cert;
    std::string strong;
    std::string weak;
};

Lab makeLab()
{
    auto c = testpki::parse(testpki::make(testpki::userSpec({{{"CN", "jdoe"}}}), &testpki::hierarchy().issuing));
    return Lab{c, *mapping::buildMapping(c.info(), mapping::MappingForm::IssuerSerial),
               *mapping::buildMapping(c.info(), mapping::MappingForm::IssuerSubject)};
}
}  // namespace

TEST_CASE("classify is pure: each state from plain data", "[directory][classify]")
{
    const Lab l = makeLab();
    Account a;
    a.dn = "CN=jdoe,CN=Users,DC=contoso,DC=test";
    a.userAccountControl = 512;
    auto states = [&](const Account& acc, const std::vector<Account>& mapped = {}) {
        return classify(acc, FoundBy::SamAccountName, l.cert.info(), {}, mapped, NtAuthStore{}).states;
    };
    CHECK(states(a) == std::vector{InspectState::NoMapping});
    Account published = a;
    published.userCertificates = {
        std::string(reinterpret_cast<const char*>(l.cert.info().der.data()), l.cert.info().der.size())};
    CHECK(states(published) == std::vector{InspectState::PublishedOnly});
    Account weak = a;
    weak.altSecurityIdentities = {l.weak};
    CHECK(states(weak) == std::vector{InspectState::WeakOnly});
    Account ok = a;
    ok.altSecurityIdentities = {l.strong, l.weak};
    CHECK(states(ok) == std::vector{InspectState::Ok});
    Account other;
    other.dn = "CN=other,DC=contoso,DC=test";
    other.altSecurityIdentities = {l.strong};
    CHECK(states(a, {other}) == std::vector{InspectState::MappedToOther, InspectState::NoMapping});
    CHECK(states(ok, {ok, other}) == std::vector{InspectState::Ambiguous});
    Account off = ok;
    off.userAccountControl = 514;
    CHECK(states(off) == std::vector{InspectState::AccountDisabled});
}

TEST_CASE("fix on the LDIF backend: plan, apply, change file, undo", "[directory][fix]")
{
    TempDir tmp;
    const Lab l = makeLab();
    Entry user{"CN=jdoe,CN=Users,DC=contoso,DC=test",
               {{"objectClass", {"top", "user"}},
                {"sAMAccountName", {"jdoe"}},
                {"altSecurityIdentities", {l.weak, "Kerberos:x@Y"}}}};
    auto dir = LdifDirectory::fromEntries({user}, tmp / "changes.ldif");
    auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {});
    REQUIRE(in);
    CHECK(in->primary() == InspectState::WeakOnly);
    auto plan = planFix(*in, {l.weak});
    REQUIRE(plan);
    CHECK(plan->powershell() ==
          "Set-ADUser -Identity 'CN=jdoe,CN=Users,DC=contoso,DC=test' -Remove @{altSecurityIdentities='" + l.weak +
              "'} -Add @{altSecurityIdentities='" + l.strong + "'}");
    auto outcome = applyFix(*dir, *plan, tmp / "backup.json");
    REQUIRE(outcome);
    CHECK(outcome->after == Values{"Kerberos:x@Y", l.strong});
    std::ifstream changes(tmp / "changes.ldif");
    const std::string text((std::istreambuf_iterator<char>(changes)), std::istreambuf_iterator<char>());
    CHECK(text == plan->ldif());

    // The backup refuses to be overwritten; undo restores the exact values.
    CHECK(applyFix(*dir, *plan, tmp / "backup.json").error().code == ErrorCode::EntryChanged);
    auto undone = undoFix(*dir, tmp / "backup.json");
    REQUIRE(undone);
    CHECK(dir->entries().front().values("altSecurityIdentities") == Values{"Kerberos:x@Y", l.weak});

    // A damaged backup is refused with a clear error.
    REQUIRE(eascert::lab::writeFile(tmp / "bad.json", std::string_view("{\"schema\":\"other\"}")));
    CHECK(undoFix(*dir, tmp / "bad.json").error().code == ErrorCode::CorruptData);
}

TEST_CASE("LDIF: attribute names are validated (fuzzer finding)", "[directory][ldif]")
{
    CHECK(parseLdif("dn: CN=x\n; $ong: tif\n").error().code == ErrorCode::CorruptData);
    CHECK(parseLdif("dn: CN=x\n: value\n").error().code == ErrorCode::CorruptData);
    CHECK(parseLdif("dn: CN=x\nuserCertificate;binary:: AAE=\n1.2.840.113556.1.4.867: X509:<SKI>01\n"));
}

TEST_CASE("undo reverts only our own change: values others added since stay", "[directory][fix][hardening]")
{
    TempDir tmp;
    const Lab l = makeLab();
    Entry user{"CN=jdoe,CN=Users,DC=contoso,DC=test",
               {{"objectClass", {"top", "user"}},
                {"sAMAccountName", {"jdoe"}},
                {"altSecurityIdentities", {l.weak, "Kerberos:x@Y"}}}};
    auto dir = LdifDirectory::fromEntries({user});
    auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {});
    REQUIRE(in);
    auto plan = planFix(*in, {l.weak});
    REQUIRE(plan);
    REQUIRE(applyFix(*dir, *plan, tmp / "backup.json"));

    // Another admin adds a value and removes one after our fix.
    const std::string theirs = "X509:<I>DC=test,DC=contoso,CN=Other CA<SR>0102";
    REQUIRE(dir->modify(user.dn, {{ModificationOp::Add, "altSecurityIdentities", {theirs}},
                                  {ModificationOp::Delete, "altSecurityIdentities", {"Kerberos:x@Y"}}}));
    auto undone = undoFix(*dir, tmp / "backup.json");
    REQUIRE(undone);
    auto values = dir->entries().front().values("altSecurityIdentities");
    std::sort(values.begin(), values.end());
    Values expected{theirs, l.weak};  // ours reverted (strong gone, weak back), theirs kept, their removal kept
    std::sort(expected.begin(), expected.end());
    CHECK(values == expected);
    CHECK(undone->removed == Values{l.strong});
    CHECK(undone->added == Values{l.weak});
    REQUIRE(undone->changedSince.size() == 2);
    CHECK(undone->changedSince[0] == "added since the fix (kept): " + theirs);
    CHECK(undone->changedSince[1] == "removed since the fix (not restored): Kerberos:x@Y");
}

TEST_CASE("values that are not UTF-8 survive a backup and an undo byte for byte", "[directory][fix][hardening][text]")
{
    TempDir tmp;
    const Lab l = makeLab();
    const std::string latin1 = "X509:<S>CN=Soci\xe9t\xe9";  // a Windows-1252 value someone wrote long ago
    Entry user{"CN=jdoe,CN=Users,DC=contoso,DC=test",
               {{"objectClass", {"top", "user"}}, {"sAMAccountName", {"jdoe"}}, {"altSecurityIdentities", {latin1}}}};
    auto dir = LdifDirectory::fromEntries({user});
    auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {});
    REQUIRE(in);
    auto plan = planFix(*in, {latin1});
    REQUIRE(plan);
    REQUIRE(applyFix(*dir, *plan, tmp / "backup.json"));
    auto backup = readBackup(tmp / "backup.json");
    REQUIRE(backup);
    CHECK(backup->before == Values{latin1});
    CHECK(backup->removed == Values{latin1});
    REQUIRE(undoFix(*dir, tmp / "backup.json"));
    CHECK(dir->entries().front().values("altSecurityIdentities") == Values{latin1});
}

TEST_CASE("a backup with fields of the wrong type is refused, never thrown", "[directory][fix][hardening]")
{
    TempDir tmp;
    int n = 0;
    for (const char* text :
         {R"({"schema":"eascert.backup.v1","dn":5,"before":[]})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[1,2]})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"added":"x"})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"createdAt":{}})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[{"hex":"zz"}]})",
          R"({"schema":7,"dn":"CN=x","before":[]})", R"([1,2,3])",
          // The NTAuth part: each field checked too; one CA, as DER.
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":"x"})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":{"dn":"CN=s"}})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":{"dn":3,"added":["a"]}})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":{"dn":"CN=s","added":[]}})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":{"dn":"CN=s","added":["a","b"]}})",
          R"({"schema":"eascert.backup.v1","dn":"CN=x","before":[],"ntAuth":{"dn":"CN=s","added":[{"hex":"0g"}]}})"}) {
        const auto file = tmp / ("b" + std::to_string(n++) + ".json");
        REQUIRE(eascert::lab::writeFile(file, std::string_view(text)));
        INFO(text);
        auto b = readBackup(file);
        REQUIRE_FALSE(b);
        CHECK(b.error().code == ErrorCode::CorruptData);
    }
}

TEST_CASE("the PowerShell line doubles all five quote characters PowerShell ends a string on",
          "[directory][fix][hardening]")
{
    FixPlan plan;
    // U+2019 ends a single-quoted string in PowerShell just like ': a crafted name must not inject.
    plan.dn = "CN=O\u2019Brien\u2019; Remove-ADUser -Identity krbtgt; \u2018,DC=contoso,DC=test";
    plan.add = {"X509:<I>CN=It's \u201Bodd\u201A<SR>01"};
    CHECK(plan.powershell() ==
          "Set-ADUser -Identity 'CN=O\u2019\u2019Brien\u2019\u2019; Remove-ADUser -Identity krbtgt; "
          "\u2018\u2018,DC=contoso,"
          "DC=test' -Add @{altSecurityIdentities='X509:<I>CN=It''s \u201B\u201Bodd\u201A\u201A<SR>01'}");
    // Not a quote: U+201C (a double quote) is left alone inside single quotes.
    plan.dn = "CN=\u201Cx\u201D";
    plan.add = {"v"};
    CHECK(plan.powershell() == "Set-ADUser -Identity 'CN=\u201Cx\u201D' -Add @{altSecurityIdentities='v'}");
}

namespace {

// An offline forest: the domain, its user, and the configuration partition down to Public Key
// Services; NTAuth holds `ntAuth` (none: the store does not exist, as in a fresh Samba forest).
std::unique_ptr<LdifDirectory> forest(const Entry& user, const std::optional<Values>& ntAuth,
                                      std::optional<std::filesystem::path> changes = {})
{
    const std::string config = "CN=Configuration,DC=contoso,DC=test";
    std::vector<Entry> entries{
        {"DC=contoso,DC=test", {{"objectClass", {"domain"}}}},
        {"CN=Users,DC=contoso,DC=test", {{"objectClass", {"container"}}}},
        user,
        {config, {{"objectClass", {"configuration"}}}},
        {"CN=Services," + config, {{"objectClass", {"container"}}}},
        {"CN=Public Key Services,CN=Services," + config, {{"objectClass", {"container"}}}},
    };
    if (ntAuth)
        entries.push_back(
            {ntAuthDn(config), {{"objectClass", {"certificationAuthority"}}, {kNtAuthAttribute, *ntAuth}}});
    return LdifDirectory::fromEntries(std::move(entries), std::move(changes));
}

std::string derOf(const cert::CertificateInfo& c)
{
    return {reinterpret_cast<const char*>(c.der.data()), c.der.size()};
}

}  // namespace

TEST_CASE("NTAuth (KB5057784): the fix creates the store, undo deletes it; LDIF and certutil to copy",
          "[directory][fix][ntauth]")
{
    TempDir tmp;
    const Lab l = makeLab();
    const cert::CertificateInfo issuing = testpki::parse(testpki::hierarchy().issuing).info();
    Entry user{"CN=jdoe,CN=Users,DC=contoso,DC=test", {{"objectClass", {"top", "user"}}, {"sAMAccountName", {"jdoe"}}}};
    auto dir = forest(user, std::nullopt, tmp / "changes.ldif");
    auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
    REQUIRE(in);
    CHECK(in->ntAuth.state == NtAuthState::StoreMissing);
    CHECK(in->ntAuth.issuer == derOf(issuing));

    // Not chosen: no NTAuth part. Chosen: the store is created with the issuing CA.
    CHECK_FALSE(planFix(*in, FixOptions{})->ntAuth);
    auto plan = planFix(*in, FixOptions{{}, {}, true});
    REQUIRE(plan);
    REQUIRE(plan->ntAuth);
    CHECK(plan->ntAuth->createStore);
    CHECK(plan->ntAuth->caFile == "Contoso Issuing CA.cer");
    CHECK(plan->powershell().starts_with("certutil -dspublish -f \"Contoso Issuing CA.cer\" NTAuthCA\nSet-ADUser "));
    CHECK(plan->ldif().find("changetype: add\n") != std::string::npos);
    CHECK(plan->ldif().starts_with("dn: CN=NTAuthCertificates,"));

    auto outcome = applyFix(*dir, *plan, tmp / "backup.json");
    REQUIRE(outcome);
    CHECK(outcome->ntAuthChanged);
    CHECK(outcome->ntAuthStoreChanged);
    auto after = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
    REQUIRE(after);
    CHECK(after->ntAuth.state == NtAuthState::IssuerPresent);
    CHECK(after->ok());
    const auto backup = readBackup(tmp / "backup.json");
    REQUIRE(backup);
    REQUIRE(backup->ntAuth);
    CHECK(backup->ntAuth->certificate == derOf(issuing));  // DER, byte for byte through the JSON
    CHECK(backup->ntAuth->createdStore);

    auto undone = undoFix(*dir, tmp / "backup.json");
    REQUIRE(undone);
    CHECK(undone->ntAuthChanged);
    CHECK(undone->ntAuthStoreChanged);
    auto again = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
    REQUIRE(again);
    CHECK(again->ntAuth.state == NtAuthState::StoreMissing);
    const std::string changes = readText(tmp / "changes.ldif");
    CHECK(changes.find("changetype: add") != std::string::npos);
    CHECK(changes.find("changetype: delete") != std::string::npos);
}

TEST_CASE("NTAuth undo takes out our CA only: the store and CAs others published since stay",
          "[directory][fix][ntauth][hardening]")
{
    TempDir tmp;
    const Lab l = makeLab();
    const cert::CertificateInfo issuing = testpki::parse(testpki::hierarchy().issuing).info();
    const cert::CertificateInfo root = testpki::parse(testpki::hierarchy().root).info();
    Entry user{"CN=jdoe,CN=Users,DC=contoso,DC=test", {{"objectClass", {"top", "user"}}, {"sAMAccountName", {"jdoe"}}}};

    SECTION("a store that held another CA already: ours is added beside it, and only ours goes")
    {
        auto dir = forest(user, Values{derOf(root)});
        auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing, root});
        REQUIRE(in);
        CHECK(in->ntAuth.state == NtAuthState::IssuerAbsent);
        auto plan = planFix(*in, FixOptions{{}, {}, true});
        REQUIRE(plan);
        REQUIRE(plan->ntAuth);
        CHECK_FALSE(plan->ntAuth->createStore);
        REQUIRE(applyFix(*dir, *plan, tmp / "b1.json"));
        REQUIRE(undoFix(*dir, tmp / "b1.json"));
        auto again = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing, root});
        REQUIRE(again);
        CHECK(again->ntAuth.certificates == Values{derOf(root)});
    }
    SECTION("a store we created, to which someone added a CA since: the store stays")
    {
        auto dir = forest(user, std::nullopt);
        auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
        REQUIRE(in);
        auto plan = planFix(*in, FixOptions{{}, {}, true});
        REQUIRE(plan);
        REQUIRE(applyFix(*dir, *plan, tmp / "b2.json"));
        REQUIRE(dir->modify(plan->ntAuth->dn, {{ModificationOp::Add, kNtAuthAttribute, {derOf(root)}}}));
        auto undone = undoFix(*dir, tmp / "b2.json");
        REQUIRE(undone);
        CHECK_FALSE(undone->ntAuthStoreChanged);
        CHECK(undone->changedSince == Values{"CAs added to NTAuth since the fix (kept): 1"});
        auto again = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
        REQUIRE(again);
        CHECK(again->ntAuth.certificates == Values{derOf(root)});
    }
    SECTION("someone created the store between inspection and fix: refused, nothing written, no backup")
    {
        auto dir = forest(user, std::nullopt);
        auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {issuing});
        REQUIRE(in);
        auto plan = planFix(*in, FixOptions{{}, {}, true});
        REQUIRE(plan);
        REQUIRE(dir->addEntry(
            {plan->ntAuth->dn, {{"objectClass", {"certificationAuthority"}}, {kNtAuthAttribute, {derOf(root)}}}}));
        CHECK(applyFix(*dir, *plan, tmp / "b3.json").error().code == ErrorCode::EntryChanged);
        CHECK_FALSE(std::filesystem::exists(tmp / "b3.json"));
        CHECK(dir->entries()[2].values("altSecurityIdentities").empty());
    }
    SECTION("without the CA's certificate there is nothing to publish, and the reason is given")
    {
        auto dir = forest(user, std::nullopt);
        auto in = inspect(*dir, std::string("jdoe"), l.cert.info(), {});
        REQUIRE(in);
        CHECK(in->ntAuth.state == NtAuthState::StoreMissing);
        CHECK_FALSE(planFix(*in, FixOptions{{}, {}, true})->ntAuth);
        CHECK(ntAuthUnavailable(*in).find("chain") != std::string::npos);
    }
}
