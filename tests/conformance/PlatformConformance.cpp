// What core needs from the platform, the same in every build: TCP sockets (BSD sockets or Winsock),
// base64, digests and reading a certificate, checked on Linux and under Wine against what the openssl
// command line and the Linux build of eascert say about the same file.

#include <map>
#include <sstream>
#include <thread>

#include "CatchCompat.h"
#include <nlohmann/json.hpp>

#include "Conformance.h"
#include "eascert/mapping/Mapping.h"
#include "eascert/support/Base64.h"
#include "eascert/support/Digest.h"
#include "eascert/support/Socket.h"

using namespace eascert;
using namespace std::chrono_literals;

namespace {

std::string hexOf(std::string_view text)
{
    return toHex(std::as_bytes(std::span(text)));
}

// "key=value" lines written by run-conformance.sh from `openssl x509` output.
std::map<std::string, std::string> facts(const std::string& name)
{
    std::map<std::string, std::string> out;
    std::istringstream in(conformance::readFile(name));
    for (std::string line; std::getline(in, line);)
        if (const auto eq = line.find('='); eq != std::string::npos)
            out[line.substr(0, eq)] = line.substr(eq + 1);
    return out;
}

}  // namespace

TEST_CASE("base64: the RFC 4648 vectors, whitespace, and what is not base64")
{
    const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"},
                                                           {std::string("\x00\xff\x10", 3), "AP8Q"}};
    for (const auto& [plain, encoded] : vectors) {
        CHECK(base64Encode(plain) == encoded);
        std::string decoded;
        CHECK(base64Decode(encoded, decoded));
        CHECK(decoded == plain);
    }
    const std::string long1000(1000, 'x');
    std::string back;
    REQUIRE(base64Decode(base64Encode(long1000), back));  // no line breaks in, any length out
    CHECK(back == long1000);
    CHECK(base64Encode(long1000).find('\n') == std::string::npos);
    std::string decoded;
    CHECK(base64Decode("Zm9v\r\n YmFy", decoded));
    CHECK(decoded == "foobar");
    CHECK_FALSE(base64Decode("Zm9", decoded));
    CHECK_FALSE(base64Decode("Zm9v!mFy", decoded));
}

TEST_CASE("SHA-1 and SHA-256: the FIPS 180 vectors")
{
    const std::string abc = "abc";
    CHECK(toHex(sha1(std::as_bytes(std::span(abc)))) == "A9993E364706816ABA3E25717850C26C9CD0D89D");
    CHECK(toHex(sha256(std::as_bytes(std::span(abc)))) ==
          "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    CHECK(toHex(sha1({})) == "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");
}

TEST_CASE("a certificate reads as OpenSSL reads it: every mapping value, serial, keys, names")
{
    const auto info = conformance::certificate("tricky.der");
    auto f = facts("tricky.facts");
    CHECK(toHex(info.serialMagnitude()) == f["serial"]);
    CHECK(info.serialHasSignByte());  // the serial's high bit is set: DER adds a 0x00 sign byte
    REQUIRE(info.subjectKeyId);
    CHECK(toHex(*info.subjectKeyId) == f["ski"]);
    REQUIRE(info.authorityKeyId);
    CHECK(toHex(*info.authorityKeyId) == f["aki"]);
    CHECK(toHex(info.sha1Thumbprint) == f["sha1"]);
    CHECK(toHex(info.sha256Thumbprint) == f["sha256"]);
    CHECK(info.upns() == std::vector<std::string>{f["upn"]});
    REQUIRE_FALSE(info.emails().empty());
    CHECK(info.emails().front() == f["email"]);
    CHECK(info.sid() == f["sid"]);
    CHECK(info.allowsClientAuth());
    CHECK_FALSE(info.isCa);
    CHECK(hexOf(info.subject.first("2.5.4.10")) == hexOf(f["organization"]));  // non-ASCII UTF-8

    // Every form, as the OpenSSL build of eascert built it (`eascert mapping --json`).
    const auto expected = nlohmann::json::parse(conformance::readFile("tricky.mapping.json"));
    std::size_t compared = 0;
    for (const auto& form : expected.at("forms")) {
        const auto id = form.at("form").get<std::string>();
        for (auto m :
             {mapping::MappingForm::IssuerSerial, mapping::MappingForm::SubjectKeyId,
              mapping::MappingForm::Sha1PublicKey, mapping::MappingForm::IssuerSid, mapping::MappingForm::IssuerSubject,
              mapping::MappingForm::Subject, mapping::MappingForm::Rfc822}) {
            if (mapping::formId(m) != id)
                continue;
            INFO(id);
            const auto built = mapping::buildMapping(info, m);
            if (form.at("value").is_null()) {
                CHECK_FALSE(built);
            } else {
                REQUIRE(built);
                CHECK(*built == form.at("value").get<std::string>());
            }
            ++compared;
        }
    }
    CHECK(compared == 7);

    const auto ca = conformance::certificate("ca.der");
    CHECK(ca.isCa);
    CHECK(ca.subject.der == info.issuer.der);
    CHECK(ca.subjectKeyId == info.authorityKeyId);
}

TEST_CASE("TCP: connect, accept, send and receive on loopback")
{
    std::uint16_t port = 0;
    auto listener = net::listenTcp("127.0.0.1", 0, &port);
    REQUIRE(listener);
    REQUIRE(port != 0);
    auto client = net::connectTcp("127.0.0.1", port, net::Clock::now() + 5s, {});
    INFO((client ? std::string() : client.error().detail));
    REQUIRE(client);
    CHECK(client->address == "127.0.0.1");
    REQUIRE(net::waitFor(listener->fd(), false, net::Clock::now() + 5s, {}));
    net::Socket server = net::acceptConnection(*listener);
    REQUIRE(server.valid());
    CHECK_FALSE(net::acceptConnection(*listener).valid());  // nothing else is pending: no blocking

    const std::string hello = "EHLO\r\n";
    REQUIRE(net::waitFor(client->socket.fd(), true, net::Clock::now() + 5s, {}));
    CHECK(net::sendSome(client->socket.fd(), hello.data(), hello.size()) == static_cast<long long>(hello.size()));
    REQUIRE(net::waitFor(server.fd(), false, net::Clock::now() + 5s, {}));
    char buffer[64] = {};
    CHECK(net::recvSome(server.fd(), buffer, sizeof buffer) == static_cast<long long>(hello.size()));
    CHECK(std::string(buffer) == hello);

    server = net::Socket();  // the peer closes: the client reads end of stream
    REQUIRE(net::waitFor(client->socket.fd(), false, net::Clock::now() + 5s, {}));
    CHECK(net::recvSome(client->socket.fd(), buffer, sizeof buffer) == 0);
}

TEST_CASE("TCP: a closed port is ConnectFailed, a name that does not exist NameNotResolved")
{
    std::uint16_t port = 0;
    {
        auto listener = net::listenTcp("127.0.0.1", 0, &port);
        REQUIRE(listener);
    }  // closed again: nothing listens on port now
    auto refused = net::connectTcp("127.0.0.1", port, net::Clock::now() + 5s, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::ConnectFailed);
    CHECK(refused.error().detail.find("127.0.0.1 port " + std::to_string(port)) != std::string::npos);

    auto unknown = net::connectTcp("no-such-host.invalid", 443, net::Clock::now() + 10s, {});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NameNotResolved);
    CHECK(unknown.error().detail.rfind("no-such-host.invalid: ", 0) == 0);

    CHECK(net::listenTcp("not-an-address", 0, nullptr).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("TCP: waiting for data that never comes ends at the deadline, and sooner on a stop")
{
    std::uint16_t port = 0;
    auto listener = net::listenTcp("127.0.0.1", 0, &port);
    REQUIRE(listener);
    auto client = net::connectTcp("127.0.0.1", port, net::Clock::now() + 5s, {});
    REQUIRE(client);

    auto t0 = net::Clock::now();
    CHECK_FALSE(net::waitFor(client->socket.fd(), false, t0 + 300ms, {}));  // the server never writes
    auto waited = net::Clock::now() - t0;
    CHECK(waited >= 250ms);  // poll() counts whole milliseconds: it may return a moment early
    CHECK(waited < 3s);

    std::stop_source stop;
    std::jthread stopper([&] {
        std::this_thread::sleep_for(200ms);
        stop.request_stop();
    });
    t0 = net::Clock::now();
    CHECK_FALSE(net::waitFor(client->socket.fd(), false, t0 + 30s, stop.get_token()));
    CHECK(net::Clock::now() - t0 < 5s);
}
