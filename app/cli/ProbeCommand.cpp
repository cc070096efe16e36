#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "eascert/support/JsonText.h"

#include "CertificateInput.h"
#include "CertificateJson.h"
#include "Commands.h"
#include "ExitCode.h"
#include "Messages.h"
#include "ProbeMessages.h"
#include "SystemProxy.h"
#include "Terms.h"
#include "eascert/mapping/WindowsName.h"
#include "eascert/probe/Classification.h"

namespace eascert::cli {

using nlohmann::ordered_json;

namespace {

constexpr const char* kProbeSchema = "eascert.probe.v1";

struct ProbeArgs
{
    std::string url;
    CertificateArgs certificate;
    std::string method = "OPTIONS";
    std::string caFile;
    bool insecure = false;
    std::string proxy;
    bool noProxy = false;
    int timeoutSeconds = 15;
    bool json = false;
};

ordered_json probeJson(const probe::ProbeResult& r, const probe::Classification& c, bool verifyWanted)
{
    ordered_json j;
    j["schema"] = kProbeSchema;
    j["url"] = "https://" + r.url.host + ":" + std::to_string(r.url.port) + r.url.path;
    j["address"] = r.address;
    j["proxied"] = r.proxied;
    j["outcome"] = probe::outcomeId(c.outcome);
    ordered_json also = ordered_json::array();
    for (auto o : c.also)
        also.push_back(probe::outcomeId(o));
    j["also"] = std::move(also);
    j["stage"] = probe::stageId(r.stage);
    j["error"] = r.failure ? ordered_json({{"code", errorId(r.failure->code)}, {"detail", r.failure->detail}})
                           : ordered_json(nullptr);
    ordered_json chain = ordered_json::array();
    for (const auto& s : r.tls.serverChain)
        chain.push_back(certificateSummaryJson(s));
    j["tls"] = {{"established", r.tls.established},
                {"protocol", r.tls.protocol},
                {"cipher", r.tls.cipher},
                {"serverVerified", r.tls.serverVerified},
                {"verificationRequested", verifyWanted},
                {"verifyError", r.tls.verifyError},
                {"serverChain", std::move(chain)},
                {"certificateRequested", probe::certificateRequestId(r.tls.requested)},
                {"caList", r.tls.caList},
                {"issuerInCaList", r.tls.issuerInCaList ? ordered_json(*r.tls.issuerInCaList) : ordered_json(nullptr)},
                {"clientCertificateSent", r.tls.clientCertificateSent},
                {"alert", r.tls.alertReceived}};
    if (r.http) {
        j["http"] = {{"status", r.http->status},
                     {"substatus", r.http->substatus ? ordered_json(*r.http->substatus) : ordered_json(nullptr)},
                     {"reason", r.http->reason},
                     {"wwwAuthenticate", r.http->wwwAuthenticate},
                     {"msServerActiveSync", r.http->msServerActiveSync},
                     {"msAsProtocolVersions", r.http->msAsProtocolVersions},
                     {"msAsProtocolCommands", r.http->msAsProtocolCommands},
                     {"location", r.http->location},
                     {"bodyBytes", r.http->bodyBytes},
                     {"bodyTruncated", r.http->bodyTruncated},
                     {"charset", r.http->charset},
                     {"nonUtf8Text", r.http->nonUtf8Text}};
    } else {
        j["http"] = nullptr;
    }
    const auto ms = [](std::chrono::milliseconds d) { return d.count(); };
    j["timingsMs"] = {{"dns", ms(r.timings.dns)},
                      {"connect", ms(r.timings.connect)},
                      {"handshake", ms(r.timings.handshake)},
                      {"renegotiation", ms(r.timings.renegotiation)},
                      {"firstByte", ms(r.timings.firstByte)},
                      {"total", ms(r.timings.total)}};
    return j;
}

void printProbe(const probe::ProbeResult& r, const probe::Classification& c, const cert::LoadedCertificate* client)
{
    std::cout << "Endpoint:    https://" << r.url.host << ":" << r.url.port << r.url.path;
    if (!r.address.empty())
        std::cout << "  (" << r.address << (r.proxied ? " via proxy" : "") << ")";
    std::cout << '\n';
    if (r.tls.established) {
        std::cout << "TLS:         " << r.tls.protocol << ", " << r.tls.cipher << '\n';
        if (!r.tls.serverChain.empty())
            std::cout << "Server cert: " << text::printable(mapping::displayName(r.tls.serverChain.front().subject))
                      << " (" << (r.tls.serverVerified ? "trusted" : "NOT trusted: " + r.tls.verifyError) << ")\n";
    }
    // Without a TLS connection nobody knows whether the server would have asked for a certificate.
    if (r.tls.established || r.tls.requested != probe::CertificateRequest::Never)
        std::cout << "Client cert: the server " << requestText(r.tls.requested) << '\n';
    else
        std::cout << "Client cert: not known: no TLS connection (stopped at: " << common::terms::stage(r.stage)
                  << ")\n";
    if (!r.tls.caList.empty()) {
        std::cout << "Acceptable CAs sent by the server (" << r.tls.caList.size() << "):\n";
        for (const auto& n : r.tls.caList)
            std::cout << "  " << text::printable(n) << '\n';
        if (r.tls.issuerInCaList)
            std::cout << "  -> our issuer " << (*r.tls.issuerInCaList ? "IS" : "is NOT") << " in this list\n";
    } else if (r.tls.requested != probe::CertificateRequest::Never) {
        std::cout << "Acceptable CAs: none sent (SendTrustedIssuerList off: the client picks any certificate)\n";
    }
    if (client)
        std::cout << "Sent:        " << (r.tls.clientCertificateSent ? "our certificate " : "nothing ")
                  << mapping::displayName(client->certificate.info().subject) << '\n';
    if (r.http) {
        std::cout << "HTTP:        " << r.http->status;
        if (r.http->substatus)
            std::cout << "." << *r.http->substatus;
        std::cout << " " << r.http->reason << '\n';
        for (const auto& w : r.http->wwwAuthenticate)
            std::cout << "             WWW-Authenticate: " << w << '\n';
        if (!r.http->msAsProtocolVersions.empty())
            std::cout << "             MS-ASProtocolVersions: " << r.http->msAsProtocolVersions << '\n';
    } else if (r.failure) {
        std::cout << "Failed at:   " << common::terms::stage(r.stage) << ": " << describeError(*r.failure) << '\n';
    }
    if (!r.tls.alertReceived.empty())
        std::cout << "TLS alert:   " << r.tls.alertReceived << '\n';
    std::cout << "Timings:     dns " << r.timings.dns.count() << " ms, connect " << r.timings.connect.count()
              << " ms, handshake " << r.timings.handshake.count() << " ms, renegotiation "
              << r.timings.renegotiation.count() << " ms, first byte " << r.timings.firstByte.count() << " ms, total "
              << r.timings.total.count() << " ms\n";
    const auto t = outcomeText(c.outcome);
    std::cout << "\nVerdict: " << t.title << "\n  " << t.meaning << '\n';
    if (c.passwordChallenge && c.outcome == probe::Outcome::MappingFailed)
        std::cout << "  The 401 offers password authentication: this is the phone's password prompt.\n";
    for (auto o : c.also) {
        const auto a = outcomeText(o);
        std::cout << "Also: " << a.title << "\n  " << a.meaning << '\n';
    }
}

int runProbeCommand(const ProbeArgs& args)
{
    std::optional<cert::LoadedCertificate> client;
    if (!args.certificate.file.empty()) {
        auto loaded = loadCertificate(args.certificate);
        if (!loaded)
            return reportError(loaded.error(), args.json, kProbeSchema);
        client = std::move(*loaded);
    }
    probe::ProbeOptions o;
    o.url = probe::completeUrl(args.url);
    o.method = args.method == "GET" ? probe::Method::Get : probe::Method::Options;
    o.client = client ? &*client : nullptr;
    o.caFile = args.caFile;
    o.verifyServer = !args.insecure;
    o.proxy = args.noProxy ? std::string() : !args.proxy.empty() ? args.proxy : common::systemProxyFor(o.url);
    o.connectTimeout = std::chrono::seconds(args.timeoutSeconds);
    o.ioTimeout = std::chrono::seconds(args.timeoutSeconds);
    o.totalTimeout = std::chrono::seconds(args.timeoutSeconds);  // the whole test, not each read
    if (args.insecure)
        std::cerr << "eascert: WARNING: the server's certificate is not checked (--insecure)\n";
    auto result = probe::runProbe(o);
    if (!result)
        return reportError(result.error(), args.json, kProbeSchema);
    const auto verdict = probe::classify(*result, o.method, o.verifyServer);
    if (args.json)
        std::cout << text::safeDump(probeJson(*result, verdict, o.verifyServer), 2) << '\n';
    else
        printProbe(*result, verdict, o.client);
    if (!result->http && !result->tls.established && verdict.outcome != probe::Outcome::TlsAlert)
        return EndpointUnreachable;
    return verdict.ok() ? Ok : ProblemFound;
}

}  // namespace

void addProbeCommand(CLI::App& app, Context& context)
{
    auto args = std::make_shared<ProbeArgs>();
    auto* cmd =
        app.add_subcommand("probe", "Test the ActiveSync/IIS endpoint with the client certificate, as a phone would");
    cmd->add_option("URL", args->url, "e.g. https://mail.contoso.com/Microsoft-Server-ActiveSync")->required();
    addCertificateFileOption(*cmd, args->certificate, false, "The client certificate with its key (.pfx/.p12 or PEM)");
    cmd->add_option("--method", args->method, "OPTIONS (default; what a device sends first) or GET")
        ->check(CLI::IsMember({"OPTIONS", "GET"}));
    cmd->add_option("--ca-file", args->caFile, "CA certificate(s) that verify the server (default: the system store)");
    cmd->add_flag("--insecure", args->insecure, "Do not treat an untrusted server certificate as a problem");
    auto* proxy = cmd->add_option("--proxy", args->proxy,
                                  "HTTP proxy for CONNECT, e.g. http://proxy:3128 (default: the system proxy)");
    cmd->add_flag("--no-proxy", args->noProxy, "Connect directly, ignoring the system proxy")->excludes(proxy);
    cmd->add_option("--timeout", args->timeoutSeconds, "Seconds for the whole endpoint test (DNS, connect, TLS, HTTP)")
        ->check(CLI::Range(1, 300));
    cmd->add_flag("--json", args->json, "Print JSON (schema eascert.probe.v1)");
    cmd->callback([args, &context] { context.exitCode = runProbeCommand(*args); });
}

}  // namespace eascert::cli
