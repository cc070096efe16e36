// Inspect against a real Samba AD DC: every state, account lookup rules, injection.

#include "CatchCompat.h"
#include "DcFixture.h"

#include "eascert/directory/Inspection.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;
using namespace eascert::directory;

namespace {

struct Case
{
    testpki::IssuedCertificate issued;
    cert::Certificate cert;
    std::string sam;
};

Case newCase(const std::string& prefix)
{
    const std::string sam = uniqueName(prefix);
    auto issued = issueUser(sam);
    auto cert = testpki::parse(issued);
    return Case{issued, cert, sam};
}

std::string value(const Case& c, mapping::MappingForm form)
{
    auto v = mapping::buildMapping(c.cert.info(), form);
    REQUIRE(v);
    return *v;
}

Result<Inspection> inspectUser(Directory& d, const Case& c, std::optional<std::string> user = {})
{
    return inspect(d, user ? user : std::optional<std::string>(c.sam), c.cert.info(), {testpki::parse(labCa()).info()});
}

}  // namespace

TEST_CASE("live: every inspect state", "[live][inspect]")
{
    auto d = adminDirectory();

    SECTION("no mapping (the seed report's case)")
    {
        auto c = newCase("nomap");
        seedUser({c.sam});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->states == std::vector{InspectState::NoMapping});
        CHECK(in->recommendedValue == value(c, mapping::MappingForm::IssuerSerial));
    }
    SECTION("certificate only in Published Certificates")
    {
        auto c = newCase("pub");
        seedUser({c.sam, {}, {c.issued.der()}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->certificatePublished);
        CHECK(in->primary() == InspectState::PublishedOnly);
    }
    SECTION("weak mapping only")
    {
        auto c = newCase("weak");
        seedUser({c.sam, {value(c, mapping::MappingForm::IssuerSubject)}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->primary() == InspectState::WeakOnly);
    }
    SECTION("near miss: the issuer in display order")
    {
        auto c = newCase("near");
        const std::string reversed =
            "X509:<I>CN=Contoso Standalone CA, DC=contoso, DC=test<SR>" + mapping::reversedSerialHex(c.cert.info());
        seedUser({c.sam, {reversed}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->primary() == InspectState::NearMiss);
        REQUIRE(in->values.size() == 1);
        CHECK(in->values[0].value == reversed);
        CHECK(in->values[0].result.verdict == mapping::Verdict::NearMiss);
    }
    SECTION("mapped to another account")
    {
        auto c = newCase("mine");
        seedUser({c.sam});
        const std::string other = uniqueName("other");
        seedUser({other, {value(c, mapping::MappingForm::IssuerSerial)}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->primary() == InspectState::MappedToOther);
        REQUIRE(in->otherAccounts.size() == 1);
        CHECK(in->otherAccounts[0].samAccountName == other);
    }
    SECTION("the same mapping on two accounts")
    {
        auto c = newCase("twin");
        const auto v = value(c, mapping::MappingForm::SubjectKeyId);
        seedUser({c.sam, {v}});
        seedUser({uniqueName("twin"), {v}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->primary() == InspectState::Ambiguous);
    }
    SECTION("account disabled")
    {
        auto c = newCase("off");
        seedUser({c.sam, {value(c, mapping::MappingForm::IssuerSerial)}, {}, true});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->states == std::vector{InspectState::AccountDisabled});
    }
    SECTION("OK: strong mapping present, the classic weak one too")
    {
        auto c = newCase("good");
        seedUser(
            {c.sam, {value(c, mapping::MappingForm::IssuerSerial), value(c, mapping::MappingForm::IssuerSubject)}});
        auto in = inspectUser(*d, c);
        REQUIRE(in);
        CHECK(in->ok());
        CHECK(in->ntAuth.state == NtAuthState::StoreMissing);  // Samba's forest has no NTAuthCertificates object
    }
}

TEST_CASE("live: the account is found from the certificate, or explained", "[live][lookup]")
{
    auto d = adminDirectory();
    const std::string sam = uniqueName("mail");
    auto issued = issueUser("Somebody Else", {sam + "@contoso.test"});
    auto cert = testpki::parse(issued);
    seedUser({sam});  // UPN = sam@contoso.test = the certificate's e-mail
    auto in = inspect(*d, std::nullopt, cert.info(), {});
    REQUIRE(in);
    CHECK(in->foundBy == FoundBy::CertificateEmail);
    CHECK(in->account.samAccountName == sam);

    auto byDn = inspect(*d, in->account.dn, cert.info(), {});
    REQUIRE(byDn);
    CHECK(byDn->foundBy == FoundBy::DistinguishedName);

    auto nobody = inspect(*d, std::string("no-such-user-here"), cert.info(), {});
    REQUIRE_FALSE(nobody);
    CHECK(nobody.error().code == ErrorCode::AccountNotFound);

    // An injection attempt in a user name finds nothing (and matches no one).
    auto injection = inspect(*d, std::string("*)(objectClass=*"), cert.info(), {});
    REQUIRE_FALSE(injection);
    CHECK(injection.error().code == ErrorCode::AccountNotFound);
    auto wildcard = inspect(*d, std::string("*"), cert.info(), {});
    REQUIRE_FALSE(wildcard);
    CHECK(wildcard.error().code == ErrorCode::AccountNotFound);

    // Two accounts share the certificate's CN: ambiguous, with both DNs.
    const std::string cn = uniqueName("dup");
    auto dupCert = testpki::parse(issueUser(cn));
    seedUser({cn});
    SeedUser second{uniqueName("dup2")};
    second.upn = uniqueName("u") + "@contoso.test";
    const auto secondDn = seedUser(second);
    ldapModify("dn: " + secondDn + "\nchangetype: modify\nreplace: displayName\ndisplayName: x\n-\n\n");
    auto byCn = inspect(*d, std::nullopt, dupCert.info(), {});
    REQUIRE(byCn);  // cn and sAMAccountName are the same here: one account
    CHECK(byCn->foundBy == FoundBy::CertificateCommonName);
}

TEST_CASE("live: connection security", "[live][tls]")
{
    const auto password = dc().adminPassword();
    LdapOptions o;
    o.uri = dc().uri;
    o.caFile = dc().caFile;
    o.bindDn = dc().adminDn;
    o.password = &password;

    SECTION("a simple bind over cleartext is refused before anything is sent")
    {
        auto plain = o;
        plain.uri = "ldap://127.0.0.1";
        plain.startTls = false;
        auto r = connectLdap(plain);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::CleartextBindRefused);
    }
    SECTION("StartTLS on 389 works and is verified")
    {
        auto starttls = o;
        starttls.uri = "ldap://127.0.0.1";
        auto r = connectLdap(starttls);
        REQUIRE(r);
        CHECK((*r)->describe().find("verified") != std::string::npos);
        CHECK((*r)->rootDse()->defaultNamingContext == dc().base);
    }
    SECTION("an untrusted server certificate is a TLS failure")
    {
        auto wrongCa = o;
        const auto other = testpki::make([] {
            testpki::CertificateSpec s;
            s.subject = {{{"CN", "Some Other CA"}}};
            s.ca = true;
            return s;
        }());
        const auto path = dc().work + "/other-ca.pem";
        REQUIRE(eascert::lab::writeFile(path, other.pem()));
        wrongCa.caFile = path;
        auto r = connectLdap(wrongCa);
        REQUIRE_FALSE(r);
        INFO(r.error().detail);
        CHECK(r.error().code == ErrorCode::TlsFailure);
    }
    SECTION("a wrong password")
    {
        Secret wrong(std::string("not-the-password"));
        auto bad = o;
        bad.password = &wrong;
        auto r = connectLdap(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::AuthenticationFailed);
        CHECK(r.error().detail.find("not-the-password") == std::string::npos);
    }
}

TEST_CASE("live: paged search delivers every entry and skips references", "[live][paging]")
{
    auto d = adminDirectory();
    const std::string prefix = uniqueName("page");
    for (int i = 0; i < 23; ++i)
        seedUser({prefix + "n" + std::to_string(i), {"X509:<SKI>" + std::to_string(1000 + i)}});
    SearchRequest r;
    r.base = dc().base;
    r.filter = Filter::present("altSecurityIdentities");
    r.attributes = {"sAMAccountName"};
    r.pageSize = 5;
    std::size_t mine = 0;
    auto n = d->search(r, [&](Entry&& e) {
        if (e.first("sAMAccountName").starts_with(prefix))
            ++mine;
        return true;
    });
    REQUIRE(n);
    CHECK(mine == 23);
    CHECK(*n >= 23);
}

TEST_CASE("live: Kerberos (SASL GSSAPI) with and without a ticket", "[live][kerberos]")
{
    LdapOptions o;
    o.uri = "ldap://127.0.0.1";
    o.bind = BindMethod::SaslGssapi;
    o.timeout = std::chrono::seconds(10);

    // No ticket yet: a clear authentication error.
    REQUIRE(runProcess("kdestroy", {}).exitCode >= 0);
    auto none = connectLdap(o);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::AuthenticationFailed);

    // With a ticket (kinit from the administrator's keytab): a sealed Kerberos session.
    const char* keytab = std::getenv("EASCERT_DC_KEYTAB");
    REQUIRE(keytab);
    auto kinit = runProcess("kinit", {"-k", "-t", keytab, "Administrator@CONTOSO.TEST"});
    INFO(kinit.err);
    REQUIRE(kinit.exitCode == 0);
    auto d = connectLdap(o);
    INFO((d ? std::string() : d.error().detail));
    REQUIRE(d);
    CHECK((*d)->describe().find("Kerberos") != std::string::npos);
    auto dse = (*d)->rootDse();
    REQUIRE(dse);
    CHECK(dse->defaultNamingContext == dc().base);
    // And it can read accounts as the ticket's owner.
    const std::string sam = uniqueName("krb");
    seedUser({sam});
    auto c = testpki::parse(issueUser(sam));
    auto in = inspect(**d, sam, c.info(), {});
    REQUIRE(in);
    CHECK(in->primary() == InspectState::NoMapping);
    runProcess("kdestroy", {});
}
