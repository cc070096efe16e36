// The report in a real browser: headless Chromium renders it, prints it, and makes no network request.

#include <fstream>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "Process.h"
#include "ReportFixture.h"

namespace {

struct BrowserRun
{
    std::string dom;
    std::vector<std::string> pageRequests;  // requests made for the page (not Chromium's own updates)
};

// Chromium's own background traffic (updates, accounts) has the initiator "not an origin"; anything a
// file:// page asks for has the opaque origin "null" (or an origin).
std::vector<std::string> pageRequests(const std::filesystem::path& netLog)
{
    const auto log = nlohmann::json::parse(readText(netLog));
    const auto type = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].get<int>();
    std::vector<std::string> out;
    for (const auto& e : log["events"]) {
        if (e["type"] != type || !e.contains("params") || !e["params"].contains("url"))
            continue;  // the job's end event carries no URL
        const auto& p = e["params"];
        if (p.value("initiator", std::string()) != "not an origin")
            out.push_back(p["url"].get<std::string>());
    }
    return out;
}

std::vector<std::string> chromium(const TempDir& tmp, const std::string& name, std::vector<std::string> extra)
{
    std::vector<std::string> args{"--headless=new",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--no-first-run",
                                  "--disable-default-apps",
                                  "--disable-sync",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--user-data-dir=" + (tmp / ("profile-" + name)).string(),
                                  "--log-net-log=" + (tmp / (name + ".netlog.json")).string(),
                                  "--net-log-capture-mode=Everything"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

BrowserRun open(const TempDir& tmp, const std::string& name, const std::string& html)
{
    const auto page = tmp / (name + ".html");
    {
        std::ofstream(page, std::ios::binary) << html;
    }
    auto args = chromium(tmp, name, {"--dump-dom", "file://" + page.string()});
    ProcessOptions o;
    o.timeoutSeconds = 90;
    const auto r = runProcess(EASCERT_CHROMIUM, args, o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return {r.out, pageRequests(tmp / (name + ".netlog.json"))};
}

}  // namespace

TEST_CASE("browser: the checker sees a page's requests (control)", "[report][browser]")
{
    TempDir tmp;
    const auto run =
        open(tmp, "control", "<!DOCTYPE html><html><body><img src=\"http://198.51.100.7/x.png\"></body></html>");
    REQUIRE(run.pageRequests.size() == 1);
    CHECK(run.pageRequests[0] == "http://198.51.100.7/x.png");
}

TEST_CASE("browser: the demo report renders, prints and requests nothing", "[report][browser]")
{
    TempDir tmp;
    const auto html = renderReport(*runDemo(tmp / "lab").session).html;
    const auto run = open(tmp, "demo", html);
    CHECK(run.pageRequests.empty());
    CHECK(run.dom.find("id=\"verdict\"") != std::string::npos);
    CHECK(run.dom.find("published-only") != std::string::npos);

    const auto page = tmp / "demo.html";
    const auto pdf = tmp / "demo.pdf";
    ProcessOptions o;
    o.timeoutSeconds = 90;
    const auto r = runProcess(
        EASCERT_CHROMIUM,
        chromium(tmp, "print", {"--no-pdf-header-footer", "--print-to-pdf=" + pdf.string(), "file://" + page.string()}),
        o);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto bytes = readText(pdf);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes.size() > 10000);
    CHECK(pageRequests(tmp / "print.netlog.json").empty());
}

TEST_CASE("browser: hostile names stay text in the rendered page", "[report][browser]")
{
    TempDir tmp;
    const auto html = renderReport(*hostileSession(tmp.path())).html;
    const auto run = open(tmp, "hostile", html);
    CHECK(run.pageRequests.empty());                   // the <img> in the CN was not loaded
    CHECK(run.dom.find("<img") == std::string::npos);  // ... because it is not an element
    CHECK(run.dom.find("<script") == std::string::npos);
    CHECK(run.dom.find("pwned</title>") == std::string::npos);
    CHECK(run.dom.find("&lt;script&gt;document.title='pwned'&lt;/script&gt;") != std::string::npos);
}
