#include "DcFixture.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "CatchCompat.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/directory/Ldif.h"

namespace {
std::string env(const char* name)
{
    const char* v = std::getenv(name);
    if (!v)
        FAIL(name << " is not set: run this through tests/fixtures/dc/run-with-dc.sh (ctest does)");
    return v;
}
}  // namespace

eascert::Secret Dc::adminPassword() const
{
    std::ifstream in(rawPasswordFile);
    std::string pw;
    std::getline(in, pw);
    return eascert::Secret(pw);
}

const Dc& dc()
{
    static const Dc d = [] {
        Dc x;
        x.uri = env("EASCERT_DC_URI");
        x.caFile = env("EASCERT_DC_CA_FILE");
        x.base = env("EASCERT_DC_BASE");
        x.adminDn = env("EASCERT_DC_ADMIN_DN");
        x.passwordFile = env("EASCERT_DC_PASSWORD_FILE");
        x.rawPasswordFile = x.passwordFile + ".raw";
        x.control = env("EASCERT_DC_CONTROL");
        x.work = env("EASCERT_DC_WORK");
        return x;
    }();
    return d;
}

std::unique_ptr<eascert::directory::Directory> adminDirectory()
{
    const auto password = dc().adminPassword();
    eascert::directory::LdapOptions o;
    o.uri = dc().uri;
    o.caFile = dc().caFile;
    o.bindDn = dc().adminDn;
    o.password = &password;
    auto d = eascert::directory::connectLdap(o);
    if (!d)
        FAIL("admin connection: " << d.error().detail);
    return std::move(*d);
}

ProcessResult ldapTool(const std::string& tool, const std::vector<std::string>& args, const std::string& input)
{
    std::vector<std::string> all = {"-H", dc().uri,       "-x", "-D", dc().adminDn, "-y", dc().rawPasswordFile,
                                    "-o", "nettimeout=10"};
    all.insert(all.end(), args.begin(), args.end());
    ProcessOptions o;
    o.env["LDAPTLS_CACERT"] = dc().caFile;
    o.env["LDAPTLS_REQCERT"] = "demand";
    if (!input.empty())
        o.stdinText = input;
    return runProcess(tool, all, o);
}

void ldapModify(const std::string& ldif)
{
    auto r = ldapTool("ldapmodify", {}, ldif);
    INFO("ldapmodify:\n" << ldif << "\n" << r.out << r.err);
    REQUIRE(r.exitCode == 0);
}

std::string uniqueName(const std::string& prefix)
{
    static std::atomic<int> counter{0};
    return prefix + std::to_string(getpid() % 10000) + "x" + std::to_string(++counter);
}

std::string seedUser(const SeedUser& u)
{
    using eascert::directory::ldifAttribute;
    const std::string dn = "CN=" + u.sam + "," + (u.parent.empty() ? "CN=Users," + dc().base : u.parent);
    std::string ldif = ldifAttribute("dn", dn) + "changetype: add\nobjectClass: user\n" +
                       ldifAttribute("sAMAccountName", u.sam) +
                       ldifAttribute("userPrincipalName", u.upn.empty() ? u.sam + "@contoso.test" : u.upn);
    for (const auto& v : u.altSecurityIdentities)
        ldif += ldifAttribute("altSecurityIdentities", v);
    for (const auto& der : u.userCertificates)
        ldif += ldifAttribute("userCertificate", std::string(reinterpret_cast<const char*>(der.data()), der.size()));
    if (!u.password.empty()) {
        const std::string quoted = "\"" + u.password + "\"";
        std::string utf16;
        for (char c : quoted) {
            utf16 += c;
            utf16 += '\0';
        }
        ldif += ldifAttribute("unicodePwd", utf16);
        ldif += "userAccountControl: 512\n";
    } else {
        ldif += std::string("userAccountControl: ") + (u.disabled ? "546" : "544") + "\n";
    }
    ldapModify(ldif + "\n");
    return dn;
}

std::string seedOu(const std::string& name)
{
    using eascert::directory::ldifAttribute;
    const std::string dn = "OU=" + name + "," + dc().base;
    ldapModify(ldifAttribute("dn", dn) + "changetype: add\nobjectClass: organizationalUnit\n\n");
    return dn;
}

std::vector<std::string> mappingValues(const std::string& dn)
{
    auto r = ldapTool("ldapsearch", {"-LLL", "-o", "ldif-wrap=no", "-b", dn, "-s", "base", "(objectClass=*)",
                                     "altSecurityIdentities"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    auto entries = eascert::directory::parseLdif(r.out);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    auto values = entries->front().values("altSecurityIdentities");
    std::sort(values.begin(), values.end());
    return values;
}

std::string ntAuthDn()
{
    return "CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration," + dc().base;
}

std::optional<std::vector<std::string>> ntAuthCertificates()
{
    auto r = ldapTool("ldapsearch", {"-LLL", "-o", "ldif-wrap=no", "-b", ntAuthDn(), "-s", "base", "(objectClass=*)",
                                     "cACertificate"});
    if (r.exitCode == 32)  // noSuchObject
        return std::nullopt;
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    auto entries = eascert::directory::parseLdif(r.out);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    return entries->front().values("cACertificate");
}

NtAuthPublished::NtAuthPublished()
{
    // As Windows creates it (test-infrastructure.md): cACertificate and both revocation lists, a NUL each.
    const auto& der = labCa().der();
    eascert::directory::Entry store;
    store.dn = ntAuthDn();
    store.attributes["objectClass"] = {"top", "certificationAuthority"};
    store.attributes["cACertificate"] = {std::string(reinterpret_cast<const char*>(der.data()), der.size())};
    store.attributes["authorityRevocationList"] = {std::string(1, '\0')};
    store.attributes["certificateRevocationList"] = {std::string(1, '\0')};
    ldapModify(eascert::directory::ldifAddRecord(store));
}

NtAuthPublished::~NtAuthPublished()
{
    ldapTool("ldapdelete", {ntAuthDn()});
}

const testpki::IssuedCertificate& labCa()
{
    static const auto ca = [] {
        testpki::CertificateSpec spec;
        spec.subject = {{{"DC", "test"}}, {{"DC", "contoso"}}, {{"CN", "Contoso Standalone CA"}}};
        spec.ca = true;
        return testpki::make(spec);
    }();
    return ca;
}

testpki::IssuedCertificate issueUser(const std::string& cn, const std::vector<std::string>& emails)
{
    auto spec = testpki::userSpec({{{"C", "US"}}, {{"O", "Contoso, Inc."}}, {{"CN", cn}}});
    spec.emails = emails;
    return testpki::make(spec, &labCa());
}

LiveEndpoint::LiveEndpoint(const testpki::IssuedCertificate& trustedCa) : m_directory(adminDirectory())
{
    testpki::CertificateSpec s;
    s.subject = {{{"CN", "eas.contoso.test"}}};
    s.ipAddresses = {"127.0.0.1"};
    s.clientAuth = false;
    const auto server = testpki::make(s, &labCa());
    REQUIRE(eascert::lab::writeFile(m_tmp / "server.pem", server.pem()));
    REQUIRE(eascert::lab::writeFile(m_tmp / "server.key", server.privateKeyPem(), true));
    REQUIRE(eascert::lab::writeFile(m_tmp / "trusted-clients.pem", trustedCa.pem()));
    REQUIRE(eascert::lab::writeFile(caFile(), labCa().pem()));
    eascert::lab::EndpointOptions o;
    o.serverCertificatePem = m_tmp / "server.pem";
    o.serverKeyPem = m_tmp / "server.key";
    o.trustedClientCas = m_tmp / "trusted-clients.pem";
    o.directory = m_directory.get();
    o.strongMappingsOnly = true;
    m_endpoint = std::make_unique<eascert::lab::IisEndpoint>(o);
    REQUIRE(m_endpoint->start());
}

std::string LiveEndpoint::writePfx(const testpki::IssuedCertificate& user, const std::string& password) const
{
    eascert::lab::Pkcs12Spec p12;
    p12.password = password;
    auto pfx = eascert::lab::pkcs12(user, {&labCa()}, p12);
    REQUIRE(pfx);
    REQUIRE(eascert::lab::writeFile(m_tmp / "user.pfx", *pfx, true));
    REQUIRE(eascert::lab::writeFile(m_tmp / "user.pfx.password", password + "\n", true));
    return (m_tmp / "user.pfx").string();
}
