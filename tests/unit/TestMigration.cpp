// The migration's parts that need no DC: plan files and journals (also hostile ones), the
// certificate sources (a certutil export, a map CSV), and a whole run on the LDIF backend, which
// writes a change file and says that Active Directory is unchanged.

#include <fstream>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "TempDir.h"
#include "TestPki.h"

#include "eascert/directory/Ldif.h"
#include "eascert/directory/LdifDirectory.h"
#include "eascert/directory/Migration.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/support/File.h"

using namespace eascert;
using namespace eascert::directory;

namespace {

void writeText(const std::filesystem::path& p, std::string_view s)
{
    std::ofstream(p, std::ios::binary).write(s.data(), static_cast<std::streamsize>(s.size()));
}

std::string weakOf(const testpki::IssuedCertificate& c)
{
    return *mapping::buildMapping(testpki::parse(c).info(), mapping::MappingForm::IssuerSubject);
}

std::string strongOf(const testpki::IssuedCertificate& c)
{
    return *mapping::buildMapping(testpki::parse(c).info(), mapping::MappingForm::IssuerSerial);
}

std::string published(const testpki::IssuedCertificate& c)
{
    const auto der = c.der();
    return std::string(reinterpret_cast<const char*>(der.data()), der.size());
}

Entry user(const std::string& sam, Values mappings, Values certs)
{
    Entry e{
        "CN=" + sam + ",OU=Staff,DC=contoso,DC=test",
        {{"objectClass", {"top", "user"}}, {"sAMAccountName", {sam}}, {"userPrincipalName", {sam + "@contoso.test"}}}};
    if (!mappings.empty())
        e.attributes["altSecurityIdentities"] = std::move(mappings);
    if (!certs.empty())
        e.attributes["userCertificate"] = std::move(certs);
    return e;
}

}  // namespace

TEST_CASE("migration plan: a domain's plan is planned, written and read a line at a time, in DN order", "[migration]")
{
    // 600 accounts, published certificates shared in pairs by some: the conflicts are settled across
    // the whole domain although the accounts wait in a scratch file, and the plan comes out by DN.
    std::vector<Entry> entries;
    std::vector<testpki::IssuedCertificate> certs;
    for (int i = 0; i < 600; ++i) {
        auto spec = testpki::userSpec({{{"CN", "u" + std::to_string(i)}}});
        certs.push_back(testpki::make(spec, &testpki::hierarchy().issuing));
    }
    for (int i = 599; i >= 0; --i) {  // the directory's order is not the plan's
        const auto& own = certs[static_cast<std::size_t>(i)];
        Values publishedCerts = {published(own)};
        if (i % 100 == 1)  // also publishes the previous account's certificate: shared by both
            publishedCerts.push_back(published(certs[static_cast<std::size_t>(i - 1)]));
        entries.push_back(user("u" + std::to_string(i), {weakOf(own)}, publishedCerts));
    }
    auto dir = LdifDirectory::fromEntries(entries);
    CertificateSources sources;
    sources.fromPublished = true;
    auto plan = planMigration(*dir, sources, {});
    REQUIRE(plan);
    REQUIRE(plan->accounts.size() == 600);
    CHECK_FALSE(plan->accounts.error());
    std::string previous;
    std::size_t shared = 0;
    std::size_t skipped = 0;
    for (const auto& a : plan->accounts) {
        CHECK(previous < a.dn);
        previous = a.dn;
        for (const auto& c : a.certificates)
            shared += c.use == CertificateUse::Shared;
        if (a.action == MigrationAction::Skip) {  // its only certificate is also on the next account
            ++skipped;
            CHECK(a.reason == SkipReason::SharedCertificate);
            CHECK(a.detail.find("also published on: ") != std::string::npos);
        } else {
            CHECK(a.action == MigrationAction::Add);  // the other one still has its own
        }
    }
    CHECK(shared == 12);  // 6 certificates, each on two accounts
    CHECK(skipped == 6);
    CHECK(plan->summary.add == 594);

    TempDir tmp;
    REQUIRE(writeFileBy(tmp.path() / "plan.json", [&](const FileSink& sink) { plan->writeJson(sink); }));
    auto back = readMigrationPlan(tmp.path() / "plan.json");
    REQUIRE(back);
    CHECK(back->digest() == plan->digest());
    CHECK(back->accounts.size() == 600);
    CHECK(back->summary.add == 594);
    // Reformatted by an editor: read as a whole, the same plan.
    writeText(tmp.path() / "pretty.json", nlohmann::json::parse(plan->json()).dump(2));
    auto pretty = readMigrationPlan(tmp.path() / "pretty.json");
    REQUIRE(pretty);
    CHECK(pretty->digest() == plan->digest());
    // Cut off in the middle: refused, with the file named.
    const auto text = plan->json();
    writeText(tmp.path() / "cut.json", text.substr(0, text.size() / 2));
    auto cut = readMigrationPlan(tmp.path() / "cut.json");
    REQUIRE_FALSE(cut);
    CHECK(cut.error().detail.find("cut.json") != std::string::npos);
}

TEST_CASE("migration plan: its own JSON reads back with every byte, and the same digest", "[migration]")
{
    const auto alice = testpki::make(testpki::userSpec({{{"CN", "alice"}}}), &testpki::hierarchy().issuing);
    const std::string latin1 = std::string("X509:<S>CN=M\xFCller");  // not UTF-8: kept as hex
    auto dir = LdifDirectory::fromEntries({user("alice", {weakOf(alice), latin1}, {published(alice)})});
    CertificateSources sources;
    sources.fromPublished = true;
    MigrationOptions options;
    options.pruneWeak = true;
    auto plan = planMigration(*dir, sources, options);
    REQUIRE(plan);
    REQUIRE(plan->accounts.size() == 1);
    const auto& a = plan->accounts.front();
    CHECK(a.action == MigrationAction::Add);
    CHECK(a.add == std::vector<std::string>{strongOf(alice)});
    CHECK(a.remove == std::vector<std::string>{weakOf(alice)});  // never the value of another certificate
    auto back = parseMigrationPlan(plan->json());
    REQUIRE(back);
    CHECK(back->accounts.front().before == a.before);
    CHECK(back->digest() == plan->digest());
    CHECK(plan->json().find("\"hex\"") != std::string::npos);
    CHECK(nlohmann::json::parse(plan->json())["accounts"][0]["certificate"]["source"] == "published");
}

TEST_CASE("migration plan files that are not plans are refused with the reason", "[migration][hardening]")
{
    const auto bad = [](std::string_view json) {
        auto r = parseMigrationPlan(json);
        REQUIRE(!r);
        CHECK(r.error().code == ErrorCode::CorruptData);
        return r.error().detail;
    };
    CHECK(bad("").find("not JSON") != std::string::npos);
    CHECK(bad("[1,2]").find("not JSON") != std::string::npos);
    CHECK(bad(R"({"schema":"eascert.directory-audit.v1","accounts":[]})").find("schema") != std::string::npos);
    CHECK(bad(R"({"schema":"eascert.migration-plan.v1"})").find("accounts") != std::string::npos);
    const std::string head = R"({"schema":"eascert.migration-plan.v1","pruneWeak":false,"accounts":[)";
    const std::string fields = R"("sAMAccountName":"a","reason":"","detail":"","before":[])";
    CHECK(bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"wipe","add":[],"remove":[]}]})")
              .find("unknown action") != std::string::npos);
    CHECK(bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"add","add":["Kerberos:x"],"remove":[]}]})")
              .find("not an X.509 mapping") != std::string::npos);
    CHECK(bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"prune","add":[],"remove":["X509:<S>CN=a"]}]})")
              .find("without --prune-weak") != std::string::npos);
    CHECK(bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"none","add":["X509:<SKI>01"],"remove":[]}]})")
              .find("values to change") != std::string::npos);
    CHECK(
        bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"add","add":[],"remove":[]}]})").find("nothing to add") !=
        std::string::npos);
    CHECK(bad(R"({"schema":"eascert.migration-plan.v1","pruneWeak":true,"accounts":[{"dn":"CN=a",)" + fields +
              R"(,"action":"prune","add":[],"remove":[]}]})")
              .find("nothing to remove") != std::string::npos);
    CHECK(bad(head + R"({"dn":42,)" + fields + R"(,"action":"add","add":[],"remove":[]}]})").find("wrong type") !=
          std::string::npos);
    CHECK(bad(head + R"({"dn":"CN=a",)" + fields + R"(,"action":"add","add":[{"hex":"zz"}],"remove":[]}]})")
              .find("wrong type") != std::string::npos);
}

TEST_CASE("migration sources: a certutil export (UTF-16, CRLF, failed requests) and a map CSV", "[migration]")
{
    TempDir tmp;
    const auto bob = testpki::make(testpki::userSpec({{{"CN", "bob"}}}), &testpki::hierarchy().issuing);
    std::string pem;
    for (char c : bob.pem())
        pem += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const std::string csv = "\"Issued Request ID\",\"Binary Certificate\"\r\n\"5\",\"" + pem +
                            "\"\r\n\"6\",\"EMPTY\"\r\n\"7\",\"not base64 at all!\"\r\n";
    std::string utf16 = "\xFF\xFE";
    for (char c : csv) {
        utf16 += c;
        utf16 += '\0';
    }
    writeText(tmp / "issued.csv", utf16);
    CertificateSources sources;
    REQUIRE(addCaExport(sources, tmp / "issued.csv"));
    REQUIRE(sources.certificates.size() == 1);
    CHECK(sources.certificates.front().info->subject.first("2.5.4.3") == "bob");
    CHECK(sources.certificates.front().source == "issued.csv row 2 (request 5)");
    REQUIRE(sources.problems.size() == 1);
    CHECK(sources.problems.front().find("request 7") != std::string::npos);

    // A CA in another language names the column otherwise: found by what it holds.
    writeText(tmp / "de.csv",
              "\"Ausgestellte Anforderungs-ID\",\"Bin\xC3\xA4rzertifikat\"\n\"9\",\"" + bob.pem() + "\"\n");
    CertificateSources german;
    REQUIRE(addCaExport(german, tmp / "de.csv"));
    CHECK(german.certificates.size() == 1);

    writeText(tmp / "other.csv", "Name,Value\nx,y\n");
    auto wrong = addCaExport(sources, tmp / "other.csv");
    REQUIRE(!wrong);
    CHECK(wrong.error().code == ErrorCode::UnrecognizedFormat);
    CHECK(wrong.error().detail.find("certutil -view") != std::string::npos);

    std::filesystem::create_directories(tmp / "certs");
    writeText(tmp / "certs" / "bob.pem", bob.pem());
    writeText(tmp / "map.csv",
              "sAMAccountName,certificate\nbobby,certs/bob.pem\nnobody,certs/none.cer\nonly-one-field\n");
    CertificateSources mapped;
    REQUIRE(addMapFile(mapped, tmp / "map.csv"));
    REQUIRE(mapped.certificates.size() == 1);
    CHECK(mapped.certificates.front().account == "bobby");
    CHECK(mapped.certificates.front().origin == CertificateOrigin::MapFile);
    REQUIRE(mapped.problems.size() == 2);
    CHECK(mapped.problems[0].rfind("map.csv line 3:", 0) == 0);
    CHECK(mapped.problems[1].find("line 4") != std::string::npos);

    // The map names the account although nothing in the certificate does.
    auto dir = LdifDirectory::fromEntries({user("bobby", {}, {})});
    auto plan = planMigration(*dir, mapped, {});
    REQUIRE(plan);
    REQUIRE(plan->accounts.size() == 1);
    CHECK(plan->accounts.front().certificates.front().matchedBy == MatchRule::MapFile);
    CHECK(plan->accounts.front().add == std::vector<std::string>{strongOf(bob)});
}

TEST_CASE("migration on an LDIF export: a change file, the journal, a resume that writes nothing twice, undo",
          "[migration]")
{
    TempDir tmp;
    const auto& issuing = testpki::hierarchy().issuing;
    const auto carol = testpki::make(testpki::userSpec({{{"CN", "carol"}}}), &issuing);
    const auto dave = testpki::make(testpki::userSpec({{{"CN", "dave"}}}), &issuing);
    auto dir = LdifDirectory::fromEntries(
        {user("carol", {weakOf(carol)}, {published(carol)}), user("dave", {}, {published(dave)})},
        tmp / "changes.ldif");
    CertificateSources sources;
    sources.fromPublished = true;
    auto plan = planMigration(*dir, sources, {});
    REQUIRE(plan);
    REQUIRE(plan->summary.add == 2);

    auto run = applyMigration(*dir, *plan, tmp / "run.journal");
    REQUIRE(run);
    CHECK(run->offline);
    CHECK(run->progress.applied == 2);
    const auto changes = readText(tmp / "changes.ldif");
    for (const auto& a : plan->accounts)
        CHECK(changes.find(ldifModifyRecord(a.dn, {{ModificationOp::Add, "altSecurityIdentities", a.add}})) !=
              std::string::npos);
    CHECK(plan->accounts.front().add == std::vector<std::string>{strongOf(carol)});

    // The same plan and journal again: finished steps are not redone.
    auto again = applyMigration(*dir, *plan, tmp / "run.journal");
    REQUIRE(again);
    CHECK(again->resumed);
    CHECK(readText(tmp / "changes.ldif") == changes);
    CHECK(again->accounts.front().outcome == AccountOutcome::Resumed);

    // Another plan with this journal is refused; the journal's own plan reads back.
    MigrationPlan other;  // the same without its last account
    other.pruneWeak = plan->pruneWeak;
    for (std::size_t i = 0; i + 1 < plan->accounts.size(); ++i)
        other.accounts.push_back(plan->accounts[i]);
    auto refused = applyMigration(*dir, other, tmp / "run.journal");
    REQUIRE(!refused);
    CHECK(refused.error().detail.find("another plan") != std::string::npos);
    auto fromJournal = journalPlan(tmp / "run.journal");
    REQUIRE(fromJournal);
    CHECK(fromJournal->digest() == plan->digest());

    auto undone = undoMigration(*dir, tmp / "run.journal");
    REQUIRE(undone);
    CHECK(undone->progress.applied == 2);
    for (const auto& e : dir->entries())
        CHECK(e.values("altSecurityIdentities") ==
              (e.first("sAMAccountName") == "carol" ? Values{weakOf(carol)} : Values{}));
}

TEST_CASE("migration journals: a torn last record is a step that did not happen; damage elsewhere is refused",
          "[migration][hardening]")
{
    TempDir tmp;
    const auto erin = testpki::make(testpki::userSpec({{{"CN", "erin"}}}), &testpki::hierarchy().issuing);
    auto dir = LdifDirectory::fromEntries({user("erin", {}, {published(erin)})});
    CertificateSources sources;
    sources.fromPublished = true;
    auto plan = planMigration(*dir, sources, {});
    REQUIRE(plan);
    // Killed while writing the "begin" record: the journal ends in half a line.
    auto run = applyMigration(*dir, *plan, tmp / "full.journal");
    REQUIRE(run);
    std::string text = readText(tmp / "full.journal");
    const auto firstRecord = text.find("{\"kind\":\"begin\"");
    REQUIRE(firstRecord != std::string::npos);
    writeText(tmp / "torn.journal", text.substr(0, firstRecord + 20));
    auto fresh = LdifDirectory::fromEntries({user("erin", {}, {published(erin)})});
    auto resumed = applyMigration(*fresh, *plan, tmp / "torn.journal");
    REQUIRE(resumed);
    CHECK(resumed->progress.applied == 1);
    CHECK(fresh->entries().front().values("altSecurityIdentities") == Values{strongOf(erin)});

    writeText(tmp / "damaged.journal", text.substr(0, firstRecord) + "garbage\n" + text.substr(firstRecord));
    auto damaged = undoMigration(*fresh, tmp / "damaged.journal");
    REQUIRE(!damaged);
    CHECK(damaged.error().code == ErrorCode::CorruptData);
    CHECK(damaged.error().detail.find("line 2") != std::string::npos);

    writeText(tmp / "not.journal", "{\"schema\":\"eascert.backup.v1\"}\n{}\n");
    CHECK(undoMigration(*fresh, tmp / "not.journal").error().code == ErrorCode::CorruptData);
}

TEST_CASE("migration: Cancel stops between accounts with the journal intact, and applying again continues",
          "[migration]")
{
    TempDir tmp;
    const auto& issuing = testpki::hierarchy().issuing;
    std::vector<Entry> entries;
    for (int i = 0; i < 150; ++i) {
        const auto sam = "u" + std::to_string(i);
        entries.push_back(user(sam, {}, {published(testpki::make(testpki::userSpec({{{"CN", sam}}}), &issuing))}));
    }
    auto dir = LdifDirectory::fromEntries(entries);
    CertificateSources sources;
    sources.fromPublished = true;
    auto plan = planMigration(*dir, sources, {});
    REQUIRE(plan);
    REQUIRE(plan->summary.add == 150);

    // Cancel as the first progress arrives: the accounts begun are finished, no further one is begun.
    std::stop_source stop;
    std::size_t reported = 0;
    auto first = applyMigration(
        *dir, *plan, tmp / "run.journal",
        [&](const MigrationProgress& p) {
            reported = p.done;
            stop.request_stop();
        },
        stop.get_token());
    REQUIRE(first);
    CHECK(first->cancelled);
    CHECK(first->progress.applied > 0);
    CHECK(first->progress.applied < 150);
    CHECK(reported >= 1);
    std::size_t mapped = 0;
    for (const auto& e : dir->entries())
        mapped += e.has("altSecurityIdentities");
    CHECK(mapped == first->progress.applied);  // the journal and the directory agree

    auto second = applyMigration(*dir, *plan, tmp / "run.journal");
    REQUIRE(second);
    CHECK_FALSE(second->cancelled);
    CHECK(second->resumed);
    CHECK(second->progress.applied == 150);  // those finished before count as resumed
    for (const auto& e : dir->entries())
        CHECK(e.values("altSecurityIdentities").size() == 1);
}

TEST_CASE("migration: an account's plan line and identity, byte for byte", "[migration]")
{
    // The exact bytes matter: the line is the plan file's, and the identity feeds the plan's digest,
    // which a journal keeps to resume the run. Quotes, backslashes, control characters, a value that
    // is not UTF-8 (kept as hex), words for the admin that are not (shown with \xNN escapes).
    MigrationAccount a;
    a.dn = "CN=Smith\\, \"Jo\"\tx,OU=M\xC3\xBCnchen,DC=lab,DC=test";
    a.samAccountName = "jo\x01smith";
    a.action = MigrationAction::Prune;
    a.add = {"X509:<I>DC=test,CN=CA<SR>0A1B", std::string("X509:<SKI>\xFF\x00z", 13)};
    a.remove = {"X509:<I>DC=test,CN=CA<S>CN=jo\r\n\x7F"};
    a.reason = SkipReason::None;
    a.detail = "also matches: a\xE9, b\n";
    a.before = {};
    a.certificates = {{"57CB00", "C:\\certs\\jo \xFE.cer", CertificateOrigin::File, MatchRule::CommonName,
                       CertificateUse::Mapped, "2027-12-08T00:56:28Z", "CN=jo\x1B[0m"},
                      {"AB", "published", CertificateOrigin::Published, MatchRule::Published, CertificateUse::Expired,
                       "2020-01-01T00:00:00Z", "CN=\xE2\x80\xAEjo"}};
    const auto encoded = PlanAccounts::encode(a);
    CHECK(encoded.line ==
          "{\"dn\":\"CN=Smith\\\\, \\\"Jo\\\"\\tx,OU=M\xC3\xBCnchen,DC=lab,DC=test\",\"sAMAccountName\":\"jo\\u"
          "0001smith\",\"action\":\"prune\",\"add\":[\"X509:<I>DC=test,CN=CA<SR>0A1B\",{\"hex\":\"583530393A3C5"
          "34B493EFF007A\"}],\"remove\":[\"X509:<I>DC=test,CN=CA<S>CN=jo\\r\\n\x7F\"],\"reason\":\"\",\"detail\""
          ":\"also matches: a\\\\xE9, b\\n\",\"certificate\":{\"thumbprint\":\"57CB00\",\"source\":\"C:\\\\cert"
          "s\\\\jo \\\\xFE.cer\"},\"certificates\":[{\"thumbprint\":\"57CB00\",\"source\":\"C:\\\\certs\\\\jo \\\\xFE"
          ".cer\",\"origin\":\"file\",\"matchedBy\":\"common-name\",\"use\":\"mapped\",\"notAfter\":\"2027-12-0"
          "8T00:56:28Z\",\"subject\":\"CN=jo\\\\x1B[0m\"},{\"thumbprint\":\"AB\",\"source\":\"published\",\"ori"
          "gin\":\"published\",\"matchedBy\":\"published\",\"use\":\"expired\",\"notAfter\":\"2020-01-01T00:00:"
          "00Z\",\"subject\":\"CN=\xE2\x80\xAEjo\"}],\"before\":[]}");
    CHECK(encoded.identity ==
          "[\"CN=Smith\\\\, \\\"Jo\\\"\\tx,OU=M\xC3\xBCnchen,DC=lab,DC=test\",\"prune\",[\"X509:<I>DC=test,CN=C"
          "A<SR>0A1B\",{\"hex\":\"583530393A3C534B493EFF007A\"}],[\"X509:<I>DC=test,CN=CA<S>CN=jo\\r\\n\x7F\"],"
          "[]]");
    // A DN that is not UTF-8 is kept in the identity as hex, like a value: no two DNs share one.
    a.dn = "CN=\xFF";
    CHECK(PlanAccounts::encode(a).identity.starts_with("[{\"hex\":\"434E3DFF\"},\"prune\","));
}
