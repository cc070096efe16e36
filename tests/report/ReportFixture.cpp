#include "ReportFixture.h"

#include <chrono>

#include "CatchCompat.h"
#include "ReportWording.h"
#include "TestPki.h"
#include "eascert/cert/CertificateLoader.h"
#include "eascert/lab/DemoLab.h"

using namespace eascert;

eascert::cert::TimePoint now()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

DemoRun runDemo(const std::filesystem::path& folder)
{
    auto lab = lab::DemoLab::start(folder);
    REQUIRE(lab);
    auto password = readText((*lab)->files().userPfxPassword);
    password.erase(password.find_last_not_of("\r\n") + 1);
    Secret secret{std::string(password)};
    cert::LoadOptions lo;
    lo.password = &secret;
    auto loaded = cert::loadCertificateFile((*lab)->files().userPfx, lo);
    REQUIRE(loaded);
    auto session = std::make_unique<diagnosis::Session>(std::move(*loaded));
    probe::ProbeOptions po;
    po.url = (*lab)->url();
    po.caFile = (*lab)->files().caPem.string();
    auto& dir = (*lab)->directory();
    REQUIRE(session->probe(po));
    REQUIRE(session->inspect(dir, std::nullopt));
    auto plan = session->planFix({}, true);  // the strong mapping, and the standalone CA into NTAuth
    REQUIRE(plan);
    REQUIRE(session->applyFix(dir, *plan, folder / "backup.json"));
    REQUIRE(session->probe(po));
    REQUIRE(session->inspect(dir, std::nullopt));
    return {std::move(session), password};
}

std::unique_ptr<diagnosis::Session> hostileSession(const std::filesystem::path& folder)
{
    testpki::CertificateSpec caSpec;
    caSpec.subject = {{{"O", "Evil & Sons \"CA\""}}, {{"CN", "<b>Evil</b> CA"}}};
    caSpec.ca = true;
    const auto ca = testpki::make(caSpec);
    auto spec = testpki::userSpec({{{"OU", "'quoted' & <em>"}}, {{"O", kHostileO}}, {{"CN", kHostileCn}}});
    spec.emails = {"x@<script>.test"};
    const auto user = testpki::make(spec, &ca);

    directory::Entry e;
    e.dn = std::string("CN=") + "\\<script\\>alert(1)\\</script\\>,CN=Users,DC=contoso,DC=test";
    e.attributes["objectClass"] = {"top", "user"};
    e.attributes["sAMAccountName"] = {"<script>alert(2)</script>"};
    e.attributes["userAccountControl"] = {"512"};
    const auto der = user.der();
    e.attributes["userCertificate"] = {std::string(reinterpret_cast<const char*>(der.data()), der.size())};
    e.attributes["altSecurityIdentities"] = {"X509:<I><script>alert(3)</script><S>CN=<img src=x onerror=alert(4)>"};
    auto dir = directory::LdifDirectory::fromEntries({e}, folder / "changes.ldif");

    auto loaded = cert::loadCertificate(der);
    REQUIRE(loaded);
    auto session = std::make_unique<diagnosis::Session>(std::move(*loaded));
    REQUIRE(session->inspect(*dir, e.dn));
    return session;
}

report::Rendered renderReport(const diagnosis::Session& session, bool redact)
{
    const common::ReportWording wording;
    report::Environment env;
    env.ranBy = "tester@workstation1";
    report::Options o;
    o.redact = redact;
    auto r = report::render(session, wording, env, now(), o);
    REQUIRE(r);
    return *r;
}
