// Through a real HTTP proxy (tinyproxy, CONNECT): given explicitly, and found as the system proxy
// by the CLI through Qt Network (https_proxy).

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "ProbeFixture.h"
#include "Process.h"

#include "eascert/lab/IisEndpoint.h"
#include "eascert/probe/Classification.h"

TEST_CASE("proxy: the probe goes through HTTP CONNECT", "[probe][proxy]")
{
    ProbeFixture f;
    const std::string tinyproxy = "/usr/bin/tinyproxy";
    INFO("tinyproxy is installed by scripts/setup.sh");
    REQUIRE(std::filesystem::exists(tinyproxy));
    const auto proxyPort = freePort();
    REQUIRE(eascert::lab::writeFile(f.dir / "tinyproxy.conf", "Port " + std::to_string(proxyPort) +
                                                                  "\nListen 127.0.0.1\nTimeout 30\n"
                                                                  "MaxClients 10\nLogLevel Info\nAllow 127.0.0.1\n"));
    BackgroundProcess proxy(tinyproxy, {"-d", "-c", (f.dir / "tinyproxy.conf").string()}, f.dir / "tinyproxy.log");
    REQUIRE(waitForPort(proxyPort));

    eascert::lab::EndpointOptions o;
    o.serverCertificatePem = f.serverPem;
    o.serverKeyPem = f.serverKey;
    o.trustedClientCas = f.caPem;
    o.address = "127.0.0.2";  // not on the proxy bypass list (localhost, 127.0.0.1, ::1)
    eascert::lab::IisEndpoint endpoint(o);
    REQUIRE(endpoint.start());
    const auto jane = f.user("jane");

    eascert::probe::ProbeOptions po;
    po.url = endpoint.url();
    po.client = &jane;
    po.caFile = f.caPem;
    po.proxy = "http://127.0.0.1:" + std::to_string(proxyPort);
    auto r = eascert::probe::runProbe(po);
    REQUIRE(r);
    INFO((r->failure ? r->failure->detail : std::string()));
    CHECK(r->proxied);
    CHECK(r->address == "127.0.0.1");  // we talked to the proxy
    CHECK(eascert::probe::classify(*r, po.method).outcome == eascert::probe::Outcome::Authenticated);
    CHECK(r->tls.requested == eascert::probe::CertificateRequest::ByRenegotiation);

    // A proxy that is not there: a connection failure at the proxy stage.
    po.proxy = "http://127.0.0.1:1";
    auto down = eascert::probe::runProbe(po);
    REQUIRE(down);
    CHECK(down->stage == eascert::probe::Stage::Proxy);
    CHECK(eascert::probe::classify(*down, po.method).outcome == eascert::probe::Outcome::ConnectFailed);

    // The CLI takes the system proxy from Qt Network (https_proxy here), unless --no-proxy.
    const auto pemFile = (f.dir / "jane.pem").string();
    ProcessOptions env;
    env.env["https_proxy"] = "http://127.0.0.1:" + std::to_string(proxyPort);
    auto viaSystem = runEascert({"probe", endpoint.url(), "--ca-file", f.caPem, "--json"}, env);
    INFO(viaSystem.out << viaSystem.err);
    auto j = nlohmann::json::parse(viaSystem.out);
    CHECK(j["proxied"] == true);
    CHECK(j["http"]["status"] == 403);  // no certificate given: 403.7, through the proxy
    auto direct = runEascert({"probe", endpoint.url(), "--ca-file", f.caPem, "--json", "--no-proxy"}, env);
    CHECK(nlohmann::json::parse(direct.out)["proxied"] == false);
}
