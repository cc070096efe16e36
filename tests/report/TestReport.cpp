// The report: content, escaping, redaction, secrets, and the demo lab's story through the core session.

#include <algorithm>
#include <cctype>
#include <regex>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "ReportFixture.h"
#include "ReportWording.h"
#include "Terms.h"

using namespace eascert;

TEST_CASE("demo lab session: 401.2, published only, fixed, 200, then undone", "[report][demo]")
{
    TempDir tmp;
    auto run = runDemo(tmp.path());
    auto& s = *run.session;
    REQUIRE(s.before().probe);
    CHECK(s.before().probe->verdict.outcome == probe::Outcome::MappingFailed);
    CHECK(s.before().probe->result.http->substatus == 2);
    CHECK(s.before().directory->inspection.primary() == directory::InspectState::PublishedOnly);
    const auto before = s.findings(s.before(), now());
    REQUIRE_FALSE(before.empty());
    CHECK(before.front().id == diagnosis::FindingId::PublishedOnly);
    CHECK(before.front().fixValue == s.before().directory->inspection.recommendedValue);
    CHECK(s.after().probe->verdict.outcome == probe::Outcome::Authenticated);
    CHECK(s.verdict(now()) == diagnosis::Verdict::Fixed);

    // The fix went to the lab's change file as an LDIF modify record, and a backup was written.
    CHECK(readText(tmp / "demo-directory.changes.ldif").find("add: altSecurityIdentities") != std::string::npos);
    CHECK(std::filesystem::exists(tmp / "backup.json"));

    const auto json = nlohmann::json::parse(renderReport(s).json);
    CHECK(json["schema"] == report::kReportSchema);
    CHECK(json["verdict"]["id"] == "fixed");
    CHECK(json["findings"][0]["id"] == "published-only");
    CHECK(json["before"]["probe"]["http"]["substatus"] == 2);
    CHECK(json["after"]["probe"]["outcome"] == "authenticated");
    CHECK(json["fix"]["added"].size() == 1);
    // KB5057784: the demo forest has no NTAuth store; the fix created it with the standalone CA.
    CHECK(std::any_of(before.begin(), before.end(), [](const diagnosis::Finding& f) {
        return f.id == diagnosis::FindingId::NtAuthIssuerAbsent && f.severity == diagnosis::Severity::Critical;
    }));
    CHECK(json["fix"]["ntAuth"]["published"] == true);
    CHECK(json["fix"]["ntAuth"]["createdStore"] == true);
    CHECK(readText(tmp / "demo-directory.changes.ldif").find("CN=NTAuthCertificates") != std::string::npos);
    CHECK(json["notChecked"].empty());
}

TEST_CASE("report: hostile names are escaped, never markup", "[report][escape]")
{
    TempDir tmp;
    const auto session = hostileSession(tmp.path());
    const auto r = renderReport(*session);
    // The only markup is the template's own: no script, no image, no event handler from a value.
    CHECK(r.html.find("<script") == std::string::npos);
    CHECK(r.html.find("<img") == std::string::npos);
    CHECK(r.html.find("<b>Evil") == std::string::npos);
    CHECK(r.html.find("<em>") == std::string::npos);
    CHECK(r.html.find("&lt;script&gt;document.title=&apos;pwned&apos;&lt;/script&gt;") != std::string::npos);
    CHECK(r.html.find("&lt;script&gt;alert(2)&lt;/script&gt;") != std::string::npos);
    CHECK(r.html.find("Evil &amp; Sons &quot;&quot;CA&quot;&quot;") !=
          std::string::npos);  // Windows doubles quotes first
    // JSON keeps the values exactly (it is data, not a page).
    const auto json = nlohmann::json::parse(r.json);
    CHECK(json["certificate"]["subject"].get<std::string>().find(kHostileO) != std::string::npos);
}

TEST_CASE("report: self-contained page that declares no external resource", "[report]")
{
    TempDir tmp;
    const auto html = renderReport(*runDemo(tmp.path()).session).html;
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("Content-Security-Policy") != std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
    // No src=, no <link>, no url(...) in CSS, no @import: nothing for a browser to fetch.
    CHECK_FALSE(std::regex_search(html, std::regex(R"(\bsrc\s*=|<link\b|url\(|@import)", std::regex::icase)));
    CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("report: no password or private key, ever", "[report][secret]")
{
    TempDir tmp;
    auto run = runDemo(tmp.path());
    REQUIRE(run.pfxPassword.size() >= 12);
    const auto r = renderReport(*run.session);
    for (const auto& text : {r.html, r.json}) {
        CHECK(text.find(run.pfxPassword) == std::string::npos);
        CHECK(text.find("PRIVATE KEY") == std::string::npos);
    }
    // The server key file's body is not in it either.
    const auto key = readText(tmp / "server.key");
    const auto line = key.substr(key.find('\n') + 1, 40);
    CHECK(r.html.find(line) == std::string::npos);
}

TEST_CASE("report: --redact replaces user names and hosts in both renderings", "[report][redact]")
{
    TempDir tmp;
    const auto run = runDemo(tmp.path());
    const auto plain = renderReport(*run.session, false);
    const auto redacted = renderReport(*run.session, true);
    CHECK(plain.html.find("usertest1") != std::string::npos);
    CHECK(plain.json.find("127.0.0.1") != std::string::npos);
    for (const auto& text : {redacted.html, redacted.json}) {
        CHECK(text.find("usertest1") == std::string::npos);
        CHECK(text.find("User Test1") == std::string::npos);
        CHECK(text.find("127.0.0.1") == std::string::npos);
        CHECK(text.find("tester") == std::string::npos);
        CHECK(text.find("user-1") != std::string::npos);
        CHECK(text.find("host-1") != std::string::npos);
        // Every form of every name: the domain in DN components (either order) and in UPN and mail
        // suffixes, the CA's name in the issuer, the DC's host.
        std::string folded = text;
        std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char ch) { return std::tolower(ch); });
        INFO(text.substr(0, 4000));
        CHECK(folded.find("contoso") == std::string::npos);
        CHECK(folded.find("standalone ca") == std::string::npos);
        CHECK(folded.find("dc=test") == std::string::npos);
        CHECK(text.find("domain-1") != std::string::npos);
    }
    // Still a report: the words and the references are left alone.
    CHECK(redacted.html.find("learn.microsoft.com") != std::string::npos);
    CHECK(redacted.html.find("Microsoft-Server-ActiveSync") != std::string::npos);
    CHECK(nlohmann::json::parse(redacted.json)["environment"]["redacted"] == true);
}

TEST_CASE("report words: every finding, verdict and label has text", "[report][words]")
{
    const common::ReportWording w;
    for (int i = 0; i <= static_cast<int>(diagnosis::FindingId::ServerSideChecks); ++i) {
        diagnosis::Finding f;
        f.id = static_cast<diagnosis::FindingId>(i);
        const auto words = w.finding(f);
        INFO(diagnosis::findingId(f.id));
        CHECK_FALSE(words.title.empty());
        CHECK_FALSE(words.cause.empty());
        if (f.id != diagnosis::FindingId::Healthy)
            CHECK_FALSE(words.fixSteps.empty());
    }
    for (auto l : report::allLabels()) {
        INFO(report::labelId(l));
        CHECK_FALSE(w.label(l).empty());
    }
    for (auto v : {diagnosis::Verdict::Healthy, diagnosis::Verdict::NoProblemFound, diagnosis::Verdict::ProblemFound,
                   diagnosis::Verdict::Fixed})
        CHECK_FALSE(w.verdict(v).empty());
}

TEST_CASE("report template: values are only ever inserted escaped", "[report][template]")
{
    // {{{x}}} and {{&x}} insert raw text: only our stylesheet may be inserted that way.
    for (const char* file : {"report.html.mustache", "finding.mustache", "probe.mustache", "directory.mustache"}) {
        const auto text = readText(std::filesystem::path(EASCERT_REPORT_RESOURCES) / file);
        REQUIRE_FALSE(text.empty());
        std::string raw = text;
        const auto css = raw.find("{{{css}}}");
        if (css != std::string::npos)
            raw.erase(css, 9);
        INFO(file);
        CHECK(raw.find("{{{") == std::string::npos);
        CHECK(raw.find("{{&") == std::string::npos);
        CHECK(raw.find("{{=") == std::string::npos);  // no delimiter changes hiding a raw tag
    }
}

namespace {

// The text a reader sees: the page without its style sheet, tags and attributes.
std::string visibleText(std::string html)
{
    html = std::regex_replace(html, std::regex("<style[^]*?</style>"), " ");
    html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
    for (const auto& [entity, c] :
         {std::pair{"&apos;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
        html = std::regex_replace(html, std::regex(entity), c);
    return html;
}

template <typename Enum, typename IdFunction> void addIds(std::vector<std::string>& ids, Enum last, IdFunction id)
{
    for (int i = 0; i <= static_cast<int>(last); ++i)
        if (const std::string text(id(static_cast<Enum>(i))); text.find('-') != std::string::npos)
            ids.push_back(text);
}

}  // namespace

TEST_CASE("report: codes are shown as words, never as ids", "[report][words]")
{
    TempDir tmp;
    auto run = runDemo(tmp.path());
    const auto rendered = renderReport(*run.session);
    const auto text = visibleText(rendered.html);
    std::vector<std::string> ids;
    addIds(ids, diagnosis::FindingId::ServerSideChecks, diagnosis::findingId);
    addIds(ids, directory::InspectState::AccountDisabled, directory::inspectStateId);
    addIds(ids, directory::FoundBy::CertificateCommonName, directory::foundById);
    addIds(ids, directory::NtAuthState::Unknown, directory::ntAuthId);
    addIds(ids, probe::Outcome::Unexpected, probe::outcomeId);
    addIds(ids, mapping::Reason::Unparseable, mapping::reasonId);
    addIds(ids, mapping::Verdict::Invalid, mapping::verdictId);
    REQUIRE(ids.size() > 30);
    for (const auto& id : ids) {
        INFO(id);
        CHECK(text.find(id) == std::string::npos);
    }
    // ... and the JSON keeps the ids for scripts.
    CHECK(rendered.json.find("\"published-only\"") != std::string::npos);
    CHECK(rendered.json.find("\"mapping-failed\"") != std::string::npos);
    // The words the wizard and the CLI use for the same codes.
    CHECK(text.find(common::terms::probeOutcome(probe::Outcome::MappingFailed)) != std::string::npos);
    CHECK(text.find(common::terms::inspectState(directory::InspectState::PublishedOnly)) != std::string::npos);
    CHECK(text.find(common::terms::foundBy(directory::FoundBy::CertificateEmail)) != std::string::npos);
}
