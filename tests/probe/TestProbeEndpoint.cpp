// The probe against the IIS-like lab endpoint: every classification, in both the IIS default
// (certificate by renegotiation after the request) and the handshake mode.

#include "CatchCompat.h"
#include "HostileServer.h"
#include "ProbeFixture.h"

#include "eascert/directory/LdifDirectory.h"
#include "eascert/lab/IisEndpoint.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/probe/Classification.h"

using namespace eascert;
using namespace eascert::probe;
using Mode = lab::EndpointOptions::CertificateMode;

namespace {

lab::EndpointOptions endpointOptions(const ProbeFixture& f, Mode mode)
{
    lab::EndpointOptions o;
    o.serverCertificatePem = f.serverPem;
    o.serverKeyPem = f.serverKey;
    o.trustedClientCas = f.caPem;
    o.mode = mode;
    return o;
}

struct Run
{
    ProbeResult result;
    Classification verdict;
};

Run probeOnce(const lab::IisEndpoint& endpoint, const ProbeFixture& f, const cert::LoadedCertificate* client,
              Method method = Method::Options)
{
    ProbeOptions o;
    o.url = endpoint.url();
    o.client = client;
    o.caFile = f.caPem;
    o.method = method;
    o.ioTimeout = std::chrono::seconds(5);
    auto r = runProbe(o);
    REQUIRE(r);
    INFO("stage " << stageId(r->stage) << (r->failure ? " " + r->failure->detail : std::string()));
    return Run{*r, classify(*r, method)};
}

}  // namespace

TEST_CASE("probe: every IIS answer is classified, in renegotiation and handshake modes", "[probe]")
{
    ProbeFixture f;
    const auto jane = f.user("jane");
    for (Mode mode : {Mode::Renegotiation, Mode::Handshake}) {
        const auto expected =
            mode == Mode::Renegotiation ? CertificateRequest::ByRenegotiation : CertificateRequest::InHandshake;
        INFO("mode " << (mode == Mode::Renegotiation ? "renegotiation" : "handshake"));
        SECTION("authenticated: OPTIONS 200 with the MS-AS headers, GET 505")
        {
            lab::IisEndpoint e(endpointOptions(f, mode));
            REQUIRE(e.start());
            auto run = probeOnce(e, f, &jane);
            CHECK(run.verdict.outcome == Outcome::Authenticated);
            CHECK(run.verdict.ok());
            CHECK(run.result.tls.requested == expected);
            CHECK(run.result.tls.serverVerified);
            CHECK(run.result.tls.protocol == "TLSv1.2");
            REQUIRE(run.result.tls.caList.size() == 1);
            CHECK(run.result.tls.caList[0] == "CN=Contoso Standalone CA, DC=contoso, DC=test");
            CHECK(run.result.tls.issuerInCaList == true);
            REQUIRE(run.result.http);
            CHECK(run.result.http->msAsProtocolVersions.find("14.1") != std::string::npos);
            auto get = probeOnce(e, f, &jane, Method::Get);
            CHECK(get.result.http->status == 505);
            CHECK(get.verdict.outcome == Outcome::Authenticated);
        }
        SECTION("mapping failed: 401.2 with a password challenge (why the phone prompts)")
        {
            auto ldif = directory::LdifDirectory::fromEntries({directory::Entry{
                "CN=jane,CN=Users,DC=contoso,DC=test", {{"objectClass", {"user"}}, {"sAMAccountName", {"jane"}}}}});
            auto o = endpointOptions(f, mode);
            o.directory = ldif.get();
            lab::IisEndpoint e(o);
            REQUIRE(e.start());
            auto run = probeOnce(e, f, &jane);
            CHECK(run.verdict.outcome == Outcome::MappingFailed);
            CHECK(run.result.http->substatus == 2);
            CHECK(run.verdict.passwordChallenge);
            CHECK(run.verdict.certificateSent);
        }
        SECTION("certificate not sent: 403.7, with the CA list as evidence")
        {
            lab::IisEndpoint e(endpointOptions(f, mode));
            REQUIRE(e.start());
            auto run = probeOnce(e, f, nullptr);
            CHECK(run.verdict.outcome == Outcome::CertificateNotSent);
            CHECK(run.result.tls.requested == expected);
            CHECK(run.result.tls.caList.size() == 1);
            CHECK_FALSE(run.verdict.certificateSent);
        }
        SECTION("untrusted: 403.16, and our issuer is not in the CA list")
        {
            lab::IisEndpoint e(endpointOptions(f, mode));
            REQUIRE(e.start());
            const auto stranger = f.user("stranger", false, true);
            auto run = probeOnce(e, f, &stranger);
            CHECK(run.verdict.outcome == Outcome::Untrusted);
            CHECK(run.result.tls.issuerInCaList == false);
        }
        SECTION("revoked: 403.13")
        {
            auto o = endpointOptions(f, mode);
            o.revokedSerialsHex = {toHex(jane.certificate.info().serialMagnitude())};
            lab::IisEndpoint e(o);
            REQUIRE(e.start());
            CHECK(probeOnce(e, f, &jane).verdict.outcome == Outcome::Revoked);
        }
        SECTION("expired: 403.17")
        {
            lab::IisEndpoint e(endpointOptions(f, mode));
            REQUIRE(e.start());
            const auto old = f.user("old", true);
            CHECK(probeOnce(e, f, &old).verdict.outcome == Outcome::Expired);
        }
        SECTION("mapper denied: 403.12")
        {
            auto o = endpointOptions(f, mode);
            o.mapperDenies = true;
            lab::IisEndpoint e(o);
            REQUIRE(e.start());
            CHECK(probeOnce(e, f, &jane).verdict.outcome == Outcome::MapperDenied);
        }
        SECTION("no CA list sent (SendTrustedIssuerList off)")
        {
            auto o = endpointOptions(f, mode);
            o.sendCaList = false;
            lab::IisEndpoint e(o);
            REQUIRE(e.start());
            auto run = probeOnce(e, f, &jane);
            CHECK(run.result.tls.caList.empty());
            CHECK_FALSE(run.result.tls.issuerInCaList.has_value());
            CHECK(run.verdict.outcome == Outcome::Authenticated);
        }
    }
}

TEST_CASE("probe: TLS alerts from a server that rejects at TLS level, in both modes", "[probe][alerts]")
{
    ProbeFixture f;
    const Mode mode = GENERATE(Mode::Handshake, Mode::Renegotiation);
    INFO("mode " << (mode == Mode::Renegotiation ? "renegotiation" : "handshake"));
    auto o = endpointOptions(f, mode);
    o.rejectAtTls = true;
    lab::IisEndpoint e(o);
    REQUIRE(e.start());
    const auto stranger = f.user("stranger", false, true);
    auto unknown = probeOnce(e, f, &stranger);
    CHECK(unknown.verdict.outcome == Outcome::TlsAlert);
    CHECK(unknown.verdict.alert == "unknown CA");
    const auto old = f.user("old", true);
    auto expired = probeOnce(e, f, &old);
    CHECK(expired.verdict.outcome == Outcome::TlsAlert);
    CHECK(expired.verdict.alert == "certificate expired");
    auto none = probeOnce(e, f, nullptr);
    CHECK(none.verdict.outcome == Outcome::TlsAlert);
    CHECK(none.verdict.alert == "handshake failure");
}

TEST_CASE("probe: a TLS 1.3 server that never asks", "[probe]")
{
    ProbeFixture f;
    auto o = endpointOptions(f, Mode::Never);
    o.allowTls13 = true;
    lab::IisEndpoint e(o);
    REQUIRE(e.start());
    const auto jane = f.user("jane");
    auto run = probeOnce(e, f, &jane);
    CHECK(run.result.tls.protocol == "TLSv1.3");
    CHECK(run.result.tls.requested == CertificateRequest::Never);
    CHECK(run.verdict.outcome == Outcome::CertificateNotSent);
}

TEST_CASE("probe: server certificate problems are findings, not aborts", "[probe]")
{
    ProbeFixture f;
    lab::IisEndpoint e(endpointOptions(f, Mode::Renegotiation));
    REQUIRE(e.start());
    const auto jane = f.user("jane");
    ProbeOptions o;
    o.url = e.url();
    o.client = &jane;
    o.caFile = (f.dir / "other.pem").string();
    REQUIRE(eascert::lab::writeFile(o.caFile, f.otherCa.pem()));
    auto r = runProbe(o);
    REQUIRE(r);
    CHECK_FALSE(r->tls.serverVerified);
    CHECK_FALSE(r->tls.verifyError.empty());
    auto c = classify(*r, Method::Options);
    CHECK(c.outcome == Outcome::Authenticated);
    CHECK(c.also == std::vector{Outcome::ServerCertificate});
    CHECK_FALSE(c.ok());

    // A name the server's certificate does not carry.
    o.caFile = f.caPem;
    o.url = "https://localhost:" + std::to_string(e.port()) + "/Microsoft-Server-ActiveSync";
    auto byName = runProbe(o);
    REQUIRE(byName);
    CHECK(byName->tls.serverVerified);  // localhost is in the SAN
}

TEST_CASE("probe: network failures and hostile servers end with a clear finding within the timeout", "[probe][hostile]")
{
    ProbeFixture f;
    ProbeOptions o;
    o.caFile = f.caPem;
    o.connectTimeout = std::chrono::seconds(2);
    o.ioTimeout = std::chrono::seconds(2);
    const auto timed = [&](const std::string& url) {
        o.url = url;
        const auto t0 = std::chrono::steady_clock::now();
        auto r = runProbe(o);
        const auto took = std::chrono::steady_clock::now() - t0;
        REQUIRE(r);
        CHECK(took < std::chrono::seconds(4));
        return classify(*r, Method::Options);
    };
    CHECK(timed("https://no-such-host.invalid/").outcome == Outcome::NameNotResolved);
    {
        // A port nobody listens on.
        HostileServer probePort(HostileServer::Kind::Silent);
        const auto port = probePort.port();
        (void)port;
    }
    CHECK(timed("https://127.0.0.1:1/").outcome == Outcome::ConnectFailed);
    HostileServer silent(HostileServer::Kind::Silent);
    CHECK(timed("https://127.0.0.1:" + std::to_string(silent.port()) + "/").outcome == Outcome::Timeout);
    HostileServer garbage(HostileServer::Kind::GarbageRecord);
    CHECK(timed("https://127.0.0.1:" + std::to_string(garbage.port()) + "/").outcome == Outcome::ProtocolError);
    HostileServer endless(HostileServer::Kind::EndlessHeaders, f.serverPem, f.serverKey);
    auto c = timed("https://127.0.0.1:" + std::to_string(endless.port()) + "/");
    CHECK(c.outcome == Outcome::ProtocolError);

    CHECK(parseUrl("http://x/").error().code == ErrorCode::InvalidArgument);
    CHECK(parseUrl("https://[::1]:8443/eas").value().port == 8443);
    CHECK(parseUrl("https://host:99999/").error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("probe: IPv6", "[probe][ipv6]")
{
    ProbeFixture f;
    auto o = endpointOptions(f, Mode::Renegotiation);
    o.address = "::1";
    lab::IisEndpoint e(o);
    REQUIRE(e.start());
    CHECK(e.url().rfind("https://[::1]:", 0) == 0);
    const auto jane = f.user("jane");
    auto run = probeOnce(e, f, &jane);
    CHECK(run.result.address == "::1");
    CHECK(run.result.tls.serverVerified);  // the server certificate has the IP SAN ::1
    CHECK(run.verdict.outcome == Outcome::Authenticated);
}
