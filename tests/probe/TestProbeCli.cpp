// `eascert probe` end to end: exit codes, JSON, and no secret in any output.

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "ProbeFixture.h"
#include "Process.h"

#include "eascert/lab/IisEndpoint.h"

TEST_CASE("cli: eascert probe prints the verdict and never the key or the PFX password", "[probe][cli]")
{
    ProbeFixture f;
    auto spec = testpki::userSpec({{{"CN", "jane"}}});
    auto jane = testpki::make(spec, &f.ca);
    eascert::lab::Pkcs12Spec p12;
    p12.password = "Pfx-Pa55-never-shown";
    auto pfx = eascert::lab::pkcs12(jane, {&f.ca}, p12);
    REQUIRE(pfx);
    const auto pfxFile = (f.dir / "jane.pfx").string();
    REQUIRE(eascert::lab::writeFile(pfxFile, *pfx, true));

    eascert::lab::EndpointOptions o;
    o.serverCertificatePem = f.serverPem;
    o.serverKeyPem = f.serverKey;
    o.trustedClientCas = f.caPem;
    eascert::lab::IisEndpoint endpoint(o);
    REQUIRE(endpoint.start());

    ProcessOptions env;
    env.env["PFX_PW"] = p12.password;
    auto json = runEascert({"--log-level", "trace", "probe", endpoint.url(), "--cert", pfxFile, "--cert-password-env",
                            "PFX_PW", "--ca-file", f.caPem, "--json"},
                           env);
    INFO(json.out << json.err);
    CHECK(json.exitCode == 0);
    auto j = nlohmann::json::parse(json.out);
    CHECK(j["schema"] == "eascert.probe.v1");
    CHECK(j["outcome"] == "authenticated");
    CHECK(j["tls"]["certificateRequested"] == "renegotiation");
    CHECK(j["tls"]["issuerInCaList"] == true);
    const std::string keyBase64 = jane.privateKeyPem().substr(40, 40);
    for (const auto* text : {&json.out, &json.err}) {
        CHECK(text->find(p12.password) == std::string::npos);
        CHECK(text->find("PRIVATE KEY") == std::string::npos);
        CHECK(text->find(keyBase64) == std::string::npos);
    }

    auto text = runEascert({"probe", endpoint.url(), "--ca-file", f.caPem});
    CHECK(text.exitCode == 12);
    CHECK(text.out.find("403.7") != std::string::npos);
    CHECK(text.out.find("CN=Contoso Standalone CA, DC=contoso, DC=test") != std::string::npos);

    auto down = runEascert({"probe", "https://127.0.0.1:1/", "--timeout", "2"});
    CHECK(down.exitCode == 13);
    auto bad = runEascert({"probe", "http://example.test/"});
    CHECK(bad.exitCode == 2);
}
