// The hostile-server suite: `eascert probe` against servers that answer with malformed, overlong,
// slow and non-UTF-8 bytes. Each run must end within its --timeout (+1 s) for the whole operation,
// stay within 64 MiB of a normal probe's peak memory, print valid JSON with a typed outcome, and name
// the problem in words.

#include <cstdio>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "HostileServer.h"
#include "ProbeFixture.h"
#include "Process.h"

#include "eascert/lab/IisEndpoint.h"

namespace {

using Send = HostileServer::Send;
constexpr int kTimeout = 3;

struct Case
{
    const char* name;
    HostileServer::Script script;
    const char* outcome;  // the typed outcome in the JSON
    const char* words;    // what the failure's detail or the answer must say
};

// Sends bytes every `pause` until the client goes away or the test ends.
HostileServer::Script forever(std::string first, std::string again, std::chrono::milliseconds pause = {})
{
    return [first = std::move(first), again = std::move(again), pause](const Send& send, std::stop_token stop) {
        if (!send(first))
            return;
        while (!stop.stop_requested() && send(again))
            if (pause.count() > 0 && !sleepUnlessStopped(pause, stop))
                return;
    };
}

HostileServer::Script once(std::string bytes)
{
    return [bytes = std::move(bytes)](const Send& send, std::stop_token) { send(bytes); };
}

const std::string kUnauthorized = "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\n";

struct Probed
{
    ProcessResult process;
    nlohmann::json json;
};

Probed probeJson(const ProbeFixture& f, std::uint16_t port, int timeout = kTimeout)
{
    Probed p;
    p.process = runEascert({"probe", "https://127.0.0.1:" + std::to_string(port) + "/Microsoft-Server-ActiveSync",
                            "--ca-file", f.caPem, "--timeout", std::to_string(timeout), "--json"},
                           ProcessOptions{.timeoutSeconds = 30});
    p.json = nlohmann::json::parse(p.process.out, nullptr, false);
    return p;
}

}  // namespace

TEST_CASE("hostile servers: every answer ends in time, bounded, typed and worded", "[probe][hostile]")
{
    ProbeFixture f;
    // The baseline: a normal probe of a well-behaved server, for the memory bound.
    HostileServer normal(once(kUnauthorized + "Content-Length: 5\r\n\r\nhello"), f.serverPem, f.serverKey);
    const auto base = probeJson(f, normal.port());
    INFO(base.process.out << base.process.err);
    REQUIRE(base.json.is_object());
    REQUIRE(base.json["http"]["status"] == 401);
    const long baselineKiB = base.process.maxRssKiB;

    const std::string loopUrl = "https://127.0.0.1/loop";
    const std::vector<Case> cases = {
        {"chunk size near 2^64 (offset wrap)",
         forever(kUnauthorized + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFEC\r\n", std::string(4096, 'x')),
         "mapping-failed", ""},
        {"chunk size beyond 64 bits",
         once(kUnauthorized + "Transfer-Encoding: chunked\r\n\r\n1FFFFFFFFFFFFFFFF0\r\nxx"), "protocol-error", "chunk"},
        {"chunk size that is not hex", once(kUnauthorized + "Transfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n"),
         "protocol-error", "chunk"},
        {"endless 100 Continue", forever("", "HTTP/1.1 100 Continue\r\n\r\n"), "protocol-error", "interim"},
        {"a header stream that never ends",
         forever("HTTP/1.1 200 OK\r\n", "X-Endless: " + std::string(64, 'a') + "\r\n"), "protocol-error", "exceed"},
        {"a slow drip of one byte a second", forever("H", "T", std::chrono::milliseconds(1000)), "timeout",
         "limited to 3 s"},
        {"a body that never ends (no length)", forever("HTTP/1.1 401 Unauthorized\r\n\r\n", std::string(16384, 'b')),
         "mapping-failed", ""},
        {"an absurd Content-Length", once(kUnauthorized + "Content-Length: 99999999999999999999999999\r\n\r\nx"),
         "protocol-error", "Content-Length"},
        {"a negative Content-Length", once(kUnauthorized + "Content-Length: -1\r\n\r\nx"), "protocol-error",
         "Content-Length"},
        {"conflicting Content-Length", once(kUnauthorized + "Content-Length: 5\r\nContent-Length: 50\r\n\r\nhello"),
         "protocol-error", "conflicting"},
        {"a huge Content-Length, then bytes forever",
         forever(kUnauthorized + "Content-Length: 1152921504606846976\r\n\r\n", std::string(16384, 'c')),
         "mapping-failed", ""},
        {"NUL in a header", once(kUnauthorized + std::string("WWW-Authenticate: Basic\0realm=x\r\n\r\n", 36)),
         "protocol-error", "NUL or control"},
        {"an escape sequence in a header", once(kUnauthorized + "X-Evil: \x1b[2J\x1b]0;pwned\x07\r\n\r\n"),
         "protocol-error", "NUL or control"},
        {"a status line that is not HTTP", once("SSH-2.0-OpenSSH_9.2\r\n\r\n"), "protocol-error",
         "not an HTTP response"},
        {"closed before the headers end", once("HTTP/1.1 401 Unauth"), "protocol-error", "closed before"},
        {"a redirect loop",
         forever("HTTP/1.1 302 Found\r\nLocation: " + loopUrl + "\r\nContent-Length: 0\r\n\r\n", "",
                 std::chrono::milliseconds(100)),
         "redirect", ""},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            HostileServer server(c.script, f.serverPem, f.serverKey);
            const auto p = probeJson(f, server.port());
            INFO(c.name << "\nexit " << p.process.exitCode << " after " << p.process.seconds << " s, "
                        << p.process.maxRssKiB << " KiB (baseline " << baselineKiB << ")\n"
                        << p.process.out << p.process.err);
            // One line each in the test log: the figures the README and the issue quote.
            std::printf("hostile: %-42s exit %d in %.2f s, peak %ld KiB (normal probe %ld KiB), outcome %s\n", c.name,
                        p.process.exitCode, p.process.seconds, p.process.maxRssKiB, baselineKiB,
                        p.json.is_object() ? p.json.value("outcome", "?").c_str() : "no JSON");
            CHECK(p.process.seconds <= kTimeout + 1.0);
            CHECK((p.process.exitCode == 12 || p.process.exitCode == 13));  // a finding, not a crash or exit 1
            if (!runsOtherEascert())
                CHECK(p.process.maxRssKiB <= baselineKiB + 64 * 1024);
            REQUIRE(p.json.is_object());
            CHECK(p.json["outcome"] == c.outcome);
            CHECK(p.json.dump().find(c.words) != std::string::npos);
        }
    }
}

TEST_CASE("hostile servers: garbage instead of TLS, and a server that never speaks", "[probe][hostile]")
{
    ProbeFixture f;
    for (auto kind : {HostileServer::Kind::GarbageRecord, HostileServer::Kind::Silent}) {
        HostileServer server(kind);
        const auto p = probeJson(f, server.port());
        INFO(p.process.out << p.process.err);
        CHECK(p.process.seconds <= kTimeout + 1.0);
        CHECK(p.process.exitCode == 13);
        REQUIRE(p.json.is_object());
        CHECK(p.json["outcome"] == (kind == HostileServer::Kind::Silent ? "timeout" : "protocol-error"));
    }
}

TEST_CASE("hostile servers: text that is not UTF-8 is kept, shown and flagged, never an internal error",
          "[probe][hostile][text]")
{
    ProbeFixture f;
    // A French IIS in Windows-1252: "401 Non autorisé", realm "Société", an error page in the same.
    const std::string page = "<h1>HTTP Error 401.2 - Non autoris\xe9</h1><p>Acc\xe8s refus\xe9.</p>";
    const std::string cp1252 = "HTTP/1.1 401 Non autoris\xe9\r\nContent-Type: text/html; charset=windows-1252\r\n"
                               "WWW-Authenticate: Basic realm=\"Soci\xe9t\xe9\"\r\nContent-Length: " +
                               std::to_string(page.size()) + "\r\n\r\n" + page;
    HostileServer labelled(once(cp1252), f.serverPem, f.serverKey);
    auto p = probeJson(f, labelled.port());
    INFO(p.process.exitCode << "\n" << p.process.out << p.process.err);
    CHECK(p.process.exitCode == 12);
    REQUIRE(p.json.is_object());
    CHECK(p.json["http"]["reason"] == "Non autoris\u00e9");
    CHECK(p.json["http"]["nonUtf8Text"] == true);
    CHECK(p.json.dump().find("Soci\u00e9t\u00e9") != std::string::npos);
    CHECK(p.json["http"]["substatus"] == 2);

    // No charset: the bytes are shown as \xNN, none dropped.
    HostileServer unlabelled(once("HTTP/1.1 401 Non autoris\xe9\r\nWWW-Authenticate: Basic realm=\"Soci\xe9t\xe9\"\r\n"
                                  "Content-Length: 0\r\n\r\n"),
                             f.serverPem, f.serverKey);
    p = probeJson(f, unlabelled.port());
    REQUIRE(p.json.is_object());
    CHECK(p.json["http"]["reason"] == "Non autoris\\xE9");
    CHECK(p.json.dump().find("Soci\\\\xE9t\\\\xE9") != std::string::npos);

    // The text form says the same, and the whole diagnosis writes its reports.
    auto text = runEascert({"probe", "https://127.0.0.1:" + std::to_string(labelled.port()) + "/", "--ca-file", f.caPem,
                            "--timeout", "3"});
    CHECK(text.exitCode == 12);
    CHECK(text.out.find("Non autoris\u00e9") != std::string::npos);

    const auto jane = testpki::make(testpki::userSpec({{{"CN", "jane"}}}), &f.ca);
    const auto pem = (f.dir / "jane.pem").string();
    REQUIRE(eascert::lab::writeFile(pem, jane.pem() + jane.privateKeyPem(), true));
    const auto html = (f.dir / "report.html").string();
    const auto json = (f.dir / "report.json").string();
    auto d = runEascert({"diagnose", "--cert", pem, "--url",
                         "https://127.0.0.1:" + std::to_string(labelled.port()) + "/Microsoft-Server-ActiveSync",
                         "--endpoint-ca-file", f.caPem, "--report", html, "--json", json, "--quiet"});
    INFO(d.out << d.err);
    CHECK(d.exitCode == 12);
    const auto report = nlohmann::json::parse(readText(json), nullptr, false);
    REQUIRE(report.is_object());
    CHECK(report.dump().find("Non autoris\u00e9") != std::string::npos);
    const std::string page2 = readText(html);
    CHECK(page2.find("Non autoris\u00e9") != std::string::npos);
    CHECK(page2.find("not UTF-8") != std::string::npos);
}
