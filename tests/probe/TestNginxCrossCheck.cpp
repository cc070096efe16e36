// Cross-check against an independent real server: nginx asking for client certificates. The probe's
// and `eascert probe`'s CA list, protocol, server verification and HTTP status agree with
// `openssl s_client`'s (also for the Windows eascert.exe: windows.probe).

#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "ProbeFixture.h"
#include "Process.h"

#include "eascert/probe/Classification.h"

using namespace eascert;

namespace {

struct SClient
{
    std::vector<std::string> caNames;  // converted to our display form
    std::string protocol;
    bool serverVerified = false;
    int status = 0;
};

// "DC = test, DC = contoso, CN = Contoso Standalone CA" -> "CN=Contoso Standalone CA, DC=contoso, DC=test"
std::string fromOneline(std::string line)
{
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= line.size()) {
        const std::size_t comma = line.find(", ", pos);
        std::string part = line.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        part = std::regex_replace(part, std::regex(" = "), "=");
        parts.push_back(part);
        if (comma == std::string::npos)
            break;
        pos = comma + 2;
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        out += (out.empty() ? "" : ", ") + *it;
    return out;
}

SClient sClient(std::uint16_t port, const std::string& caFile, const std::string& certFile, const std::string& keyFile)
{
    std::vector<std::string> args = {"s_client",         "-connect", "127.0.0.1:" + std::to_string(port),
                                     "-CAfile",          caFile,     "-servername",
                                     "eas.contoso.test", "-ign_eof"};
    if (!certFile.empty())
        args.insert(args.end(), {"-cert", certFile, "-key", keyFile});
    ProcessOptions o;
    o.stdinText = "GET / HTTP/1.0\r\nHost: eas.contoso.test\r\n\r\n";
    auto r = runProcess("openssl", args, o);
    SClient s;
    std::istringstream in(r.out);
    std::string line;
    bool inCaList = false;
    static const std::regex status(R"(^HTTP/1\.[01] (\d{3}))");
    static const std::regex protocol(R"(^(?:New, |    Protocol  : )(TLSv1\.[0-3]))");
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line == "Acceptable client certificate CA names") {
            inCaList = true;
            continue;
        }
        if (inCaList) {
            if (line.rfind("Requested Signature", 0) == 0 || line.rfind("Client Certificate Types", 0) == 0 ||
                line.rfind("---", 0) == 0 || line.rfind("Shared", 0) == 0) {
                inCaList = false;
            } else if (!line.empty()) {
                s.caNames.push_back(fromOneline(line));
                continue;
            }
        }
        std::smatch m;
        if (std::regex_search(line, m, status))
            s.status = std::stoi(m[1]);
        if (s.protocol.empty() && std::regex_search(line, m, protocol))
            s.protocol = m[1];
        if (line.find("Verify return code: 0 (ok)") != std::string::npos)
            s.serverVerified = true;
    }
    return s;
}

}  // namespace

TEST_CASE("cross-check: the probe, eascert probe and openssl s_client agree about nginx", "[probe][nginx][cli]")
{
    ProbeFixture f;
    const std::string nginx = "/usr/sbin/nginx";
    INFO("nginx is installed by scripts/setup.sh");
    REQUIRE(std::filesystem::exists(nginx));
    const auto port = freePort();
    const auto d = f.dir.path();
    std::filesystem::create_directories(d / "tmp");
    const std::string conf = "daemon off;\nmaster_process off;\npid " + (d / "nginx.pid").string() + ";\nerror_log " +
                             (d / "error.log").string() +
                             " info;\nevents {}\nhttp {\n"
                             "  access_log off;\n  client_body_temp_path " +
                             (d / "tmp").string() + ";\n  proxy_temp_path " + (d / "tmp").string() +
                             ";\n  fastcgi_temp_path " + (d / "tmp").string() + ";\n  uwsgi_temp_path " +
                             (d / "tmp").string() + ";\n  scgi_temp_path " + (d / "tmp").string() +
                             ";\n"
                             "  server {\n    listen 127.0.0.1:" +
                             std::to_string(port) +
                             " ssl;\n"
                             "    ssl_certificate " +
                             f.serverPem + ";\n    ssl_certificate_key " + f.serverKey +
                             ";\n"
                             "    ssl_client_certificate " +
                             f.caPem +
                             ";\n    ssl_verify_client optional;\n"
                             "    location / {\n      if ($ssl_client_verify != SUCCESS) { return 403; }\n"
                             "      return 200 \"mapped\\n\";\n    }\n  }\n}\n";
    REQUIRE(eascert::lab::writeFile(d / "nginx.conf", conf));
    BackgroundProcess server(nginx, {"-c", (d / "nginx.conf").string(), "-p", d.string()}, d / "nginx.out");
    REQUIRE(waitForPort(port));

    // Client identities as files for s_client, and loaded for the probe.
    auto spec = testpki::userSpec({{{"CN", "jane"}}});
    auto jane = testpki::make(spec, &f.ca);
    auto stranger = testpki::make(spec, &f.otherCa);
    struct Who
    {
        const char* name;
        const testpki::IssuedCertificate* cert;
    };
    for (const Who& who : {Who{"trusted", &jane}, Who{"untrusted", &stranger}, Who{"none", nullptr}}) {
        INFO("client: " << who.name);
        std::string certFile;
        std::string keyFile;
        std::optional<cert::LoadedCertificate> loaded;
        if (who.cert) {
            certFile = (d / (std::string(who.name) + ".pem")).string();
            keyFile = (d / (std::string(who.name) + ".key")).string();
            REQUIRE(eascert::lab::writeFile(certFile, who.cert->pem()));
            REQUIRE(eascert::lab::writeFile(keyFile, who.cert->privateKeyPem(), true));
            auto l = cert::loadCertificate(toBytes(who.cert->privateKeyPem() + who.cert->pem()));
            REQUIRE(l);
            loaded = *l;
        }
        const SClient reference = sClient(port, f.caPem, certFile, keyFile);
        probe::ProbeOptions o;
        o.url = "https://127.0.0.1:" + std::to_string(port) + "/";
        o.caFile = f.caPem;
        o.client = loaded ? &*loaded : nullptr;
        o.method = probe::Method::Get;
        auto r = probe::runProbe(o);
        REQUIRE(r);
        REQUIRE(r->http);
        CHECK(r->tls.caList == reference.caNames);
        CHECK(reference.caNames == std::vector<std::string>{"CN=Contoso Standalone CA, DC=contoso, DC=test"});
        CHECK(r->tls.protocol == reference.protocol);
        CHECK(r->tls.serverVerified == reference.serverVerified);
        CHECK(r->http->status == reference.status);
        CHECK(r->tls.requested == probe::CertificateRequest::InHandshake);
        // nginx's own answers: 200 mapped, 400 "The SSL certificate error" for a certificate it does not
        // trust, 403 from the location when none was sent.
        CHECK(r->http->status == (who.cert == &jane ? 200 : who.cert ? 400 : 403));

        // The probe command (this build's eascert, or the Windows eascert.exe under Wine) says the same.
        std::vector<std::string> args = {"probe",     o.url,   "--method", "GET",
                                         "--ca-file", f.caPem, "--json",   "--no-proxy"};
        if (who.cert) {
            const auto identity = (d / (std::string(who.name) + "-identity.pem")).string();
            REQUIRE(eascert::lab::writeFile(identity, who.cert->privateKeyPem() + who.cert->pem(), true));
            args.insert(args.end(), {"--cert", identity});
        }
        auto cli = runEascert(args);
        INFO("eascert probe: " << cli.out << cli.err);
        auto j = nlohmann::json::parse(cli.out, nullptr, false);
        REQUIRE(j.is_object());
        CHECK(j["tls"]["caList"] == reference.caNames);
        CHECK(j["tls"]["protocol"] == reference.protocol);
        CHECK(j["tls"]["serverVerified"] == reference.serverVerified);
        CHECK(j["http"]["status"] == reference.status);
    }
}
