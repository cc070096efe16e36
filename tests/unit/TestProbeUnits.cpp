// The probe's pure parts: URL parsing, the bounded HTTP reader, and classification from plain data.

#include "CatchCompat.h"

#include "HttpResponse.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/probe/Classification.h"

using namespace eascert;
using namespace eascert::probe;

TEST_CASE("URLs: https only, IPv6, ports, paths", "[probe][url]")
{
    auto u = parseUrl("https://mail.contoso.com/Microsoft-Server-ActiveSync");
    REQUIRE(u);
    CHECK(u->host == "mail.contoso.com");
    CHECK(u->port == 443);
    CHECK(u->path == "/Microsoft-Server-ActiveSync");
    CHECK(parseUrl("https://mail.contoso.com")->path == "/Microsoft-Server-ActiveSync");
    CHECK(parseUrl("HTTPS://[2001:db8::1]:8443/eas")->host == "2001:db8::1");
    CHECK_FALSE(parseUrl("http://mail.contoso.com/"));
    CHECK_FALSE(parseUrl("https://user:pw@mail.contoso.com/"));
    CHECK_FALSE(parseUrl("https://mail.contoso.com:0/"));
    CHECK_FALSE(parseUrl("https://mail.contoso.com/a b"));
    CHECK_FALSE(parseUrl("https:///path"));
}

TEST_CASE("URLs: a bare host name is completed as the Remote Connectivity Analyzer does", "[probe][url]")
{
    CHECK(completeUrl("mail.contoso.com") == "https://mail.contoso.com/Microsoft-Server-ActiveSync");
    CHECK(completeUrl("  mail.contoso.com  ") == "https://mail.contoso.com/Microsoft-Server-ActiveSync");
    CHECK(completeUrl("mail:8443") == "https://mail:8443/Microsoft-Server-ActiveSync");
    CHECK(completeUrl("[2001:db8::1]:8443") == "https://[2001:db8::1]:8443/Microsoft-Server-ActiveSync");
    CHECK(completeUrl("mail.contoso.com/eas") == "https://mail.contoso.com/eas");  // a path is kept
    CHECK(parseUrl(completeUrl("mail.contoso.com"))->host == "mail.contoso.com");
    // A scheme is the admin's choice: kept, and parseUrl says what is wrong with it.
    CHECK(completeUrl("http://mail.contoso.com/") == "http://mail.contoso.com/");
    CHECK_FALSE(parseUrl(completeUrl("http://mail.contoso.com/")));
    CHECK(completeUrl("HTTPS://mail/x") == "HTTPS://mail/x");
    CHECK(completeUrl("").empty());
    CHECK(completeUrl("   ").empty());
    // A domain controller typed as ADUC takes it: LDAPS.
    CHECK(directory::completeLdapUri("dc1") == "ldaps://dc1");
    CHECK(directory::completeLdapUri(" dc1.contoso.com:636 ") == "ldaps://dc1.contoso.com:636");
    CHECK(directory::completeLdapUri("ldap://dc1") == "ldap://dc1");
    CHECK(directory::completeLdapUri("").empty());
}

TEST_CASE("HTTP reader: lengths, chunks, limits", "[probe][http]")
{
    {
        HttpReader r(1024, 1024);
        auto done =
            r.feed("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nWWW-Authenticate: Negotiate\r\n"
                   "Content-Length: 44\r\n\r\n<h3>HTTP Error 401.2 - Unauthorized</h3>\r\n",
                   false);
        REQUIRE(done);
        CHECK_FALSE(*done);  // 42 of 44 bytes
        REQUIRE(*r.feed("..", false));
        auto facts = r.result();
        REQUIRE(facts);
        CHECK(facts->status == 401);
        CHECK(facts->substatus == 2);
        CHECK(facts->wwwAuthenticate.size() == 2);
    }
    {
        HttpReader r(1024, 1024);
        REQUIRE(*r.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nMS-ASProtocolVersions: 14.1\r\n\r\n"
                        "5\r\nhello\r\n0\r\n\r\n",
                        false));
        CHECK(r.result()->bodyExcerpt == "hello");
        CHECK(r.result()->msAsProtocolVersions == "14.1");
    }
    {
        HttpReader r(64, 1024);
        auto over = r.feed("HTTP/1.1 200 OK\r\n" + std::string(100, 'x'), false);
        REQUIRE_FALSE(over);
        CHECK(over.error().code == ErrorCode::ProtocolError);
    }
    {
        HttpReader r(1024, 8);
        REQUIRE(*r.feed("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", false));
        CHECK(r.result()->bodyTruncated);
        CHECK(r.result()->bodyBytes == 8);
    }
    {
        HttpReader r(1024, 1024);
        CHECK_FALSE(r.feed("SSH-2.0-OpenSSH_9.2\r\n\r\n", false));
        HttpReader cut(1024, 1024);
        CHECK_FALSE(cut.feed("HTTP/1.1 200 OK\r\nX: y", true));
    }
}

TEST_CASE("classify: from plain probe results", "[probe][classify]")
{
    auto answer = [](int status, std::optional<int> sub, std::vector<std::string> auth = {}) {
        ProbeResult r;
        r.tls.established = true;
        r.tls.serverVerified = true;
        r.tls.clientCertificateSent = true;
        HttpFacts h;
        h.status = status;
        h.substatus = sub;
        h.wwwAuthenticate = std::move(auth);
        if (status == 200)
            h.msAsProtocolVersions = "14.1";
        r.http = h;
        return r;
    };
    CHECK(classify(answer(200, {}), Method::Options).outcome == Outcome::Authenticated);
    CHECK(classify(answer(505, 0), Method::Get).outcome == Outcome::Authenticated);
    CHECK(classify(answer(501, {}), Method::Get).outcome == Outcome::Authenticated);
    auto c401 = classify(answer(401, {}, {"Basic realm=\"x\""}), Method::Options);
    CHECK(c401.outcome == Outcome::MappingFailed);
    CHECK(c401.passwordChallenge);
    CHECK(classify(answer(401, 2), Method::Options).outcome == Outcome::MappingFailed);
    CHECK(classify(answer(403, 7), Method::Options).outcome == Outcome::CertificateNotSent);
    CHECK(classify(answer(403, 12), Method::Options).outcome == Outcome::MapperDenied);
    CHECK(classify(answer(403, 13), Method::Options).outcome == Outcome::Revoked);
    CHECK(classify(answer(403, 16), Method::Options).outcome == Outcome::Untrusted);
    CHECK(classify(answer(403, 17), Method::Options).outcome == Outcome::Expired);
    CHECK(classify(answer(451, {}), Method::Options).outcome == Outcome::Redirect);
    CHECK(classify(answer(503, {}), Method::Options).outcome == Outcome::ServerBusy);
    auto plain200 = answer(200, {});
    plain200.http->msAsProtocolVersions.clear();
    CHECK(classify(plain200, Method::Options).outcome == Outcome::NotActiveSync);

    auto untrustedServer = answer(200, {});
    untrustedServer.tls.serverVerified = false;
    CHECK(classify(untrustedServer, Method::Options).also == std::vector{Outcome::ServerCertificate});
    CHECK(classify(untrustedServer, Method::Options, false).also.empty());

    ProbeResult alert;
    alert.stage = Stage::Handshake;
    alert.failure = Error{ErrorCode::TlsFailure, ""};
    alert.tls.alertCode = 48;
    alert.tls.alertReceived = "unknown CA";
    CHECK(classify(alert, Method::Options).outcome == Outcome::TlsAlert);
    ProbeResult dns;
    dns.stage = Stage::Resolve;
    dns.failure = Error{ErrorCode::NameNotResolved, ""};
    CHECK(classify(dns, Method::Options).outcome == Outcome::NameNotResolved);
    ProbeResult slow;
    slow.stage = Stage::Response;
    slow.failure = Error{ErrorCode::NetworkTimeout, ""};
    CHECK(classify(slow, Method::Options).outcome == Outcome::Timeout);
}

TEST_CASE("HTTP reader: a huge IIS substatus is ignored, not thrown (fuzzer finding)", "[probe][http]")
{
    HttpReader r(1024, 1024);
    REQUIRE(*r.feed("HTTP/1.1 401 X\r\nContent-Length: 40\r\n\r\nHTTP Error 401.22222222222222222222222", true));
    auto facts = r.result();
    REQUIRE(facts);
    CHECK_FALSE(facts->substatus);
}
