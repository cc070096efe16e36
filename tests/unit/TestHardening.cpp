// Issue 13's cases that need no server: each failed before its fix.

#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "CatchCompat.h"
#include "TempDir.h"

#include "HttpResponse.h"
#include "eascert/cert/WinCertStore.h"
#include "eascert/directory/LdapDirectory.h"
#include "eascert/support/File.h"
#include "eascert/support/JsonText.h"
#include "eascert/support/Secret.h"
#include "eascert/support/Text.h"

#ifndef _WIN32
#include <sys/stat.h>
#endif

using namespace eascert;

TEST_CASE("HTTP reader: a chunk size near 2^64 cannot wrap an offset", "[probe][http][hardening]")
{
    // Before the fix: pos + size + 2 wrapped, the loop appended the body again and again (GBs).
    probe::HttpReader r(4096, 4096);
    const auto t0 = std::chrono::steady_clock::now();
    auto fed = r.feed("HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFEC\r\n" +
                          std::string(100, 'x'),
                      false);
    REQUIRE(fed);
    CHECK_FALSE(*fed);  // incomplete: the chunk is far from all there
    REQUIRE(*r.feed("", true));
    auto facts = r.result();
    REQUIRE(facts);
    CHECK(facts->status == 401);
    CHECK(facts->bodyBytes == 100);  // what arrived, once
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));

    probe::HttpReader beyond(4096, 4096);
    auto over = beyond.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1FFFFFFFFFFFFFFFF0\r\nxx", false);
    REQUIRE_FALSE(over);
    CHECK(over.error().detail.find("chunk") != std::string::npos);
}

TEST_CASE("HTTP reader: interim answers, conflicting lengths, control bytes", "[probe][http][hardening]")
{
    probe::HttpReader r(4096, 4096);
    REQUIRE(*r.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n"
                    "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\nok",
                    false));
    CHECK(r.result()->status == 401);

    std::string endless;
    for (int i = 0; i < 20; ++i)
        endless += "HTTP/1.1 100 Continue\r\n\r\n";
    probe::HttpReader loop(1 << 20, 4096);
    auto e = loop.feed(endless, false);
    REQUIRE_FALSE(e);
    CHECK(e.error().detail.find("interim") != std::string::npos);

    probe::HttpReader conflict(4096, 4096);
    auto c = conflict.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", false);
    REQUIRE_FALSE(c);
    CHECK(c.error().detail.find("conflicting") != std::string::npos);

    probe::HttpReader nul(4096, 4096);
    auto n = nul.feed(std::string("HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n", 29), false);
    REQUIRE_FALSE(n);
    CHECK(n.error().detail.find("x00") != std::string::npos);  // the byte is shown, escaped
}

TEST_CASE("text: bytes that are not UTF-8 are kept and shown, Windows-1252 decoded when labelled", "[text][hardening]")
{
    CHECK(text::printable("Soci\xe9t\xe9") == "Soci\\xE9t\\xE9");
    CHECK(text::printable("caf\u00e9 \t\n") == "caf\u00e9 \t\n");  // valid text untouched
    CHECK(text::printable("\x1b[2J") == "\\x1B[2J");               // no escape sequence reaches a terminal
    CHECK(text::printable(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(text::printable("\xed\xa0\x80") == "\\xED\\xA0\\x80");  // an encoded surrogate is not UTF-8
    CHECK(text::serverText("Non autoris\xe9", "windows-1252") == "Non autoris\u00e9");
    CHECK(text::serverText("\x80\x81\x9f", "iso-8859-1") == "\u20ac\u0081\u0178");  // every byte kept
    CHECK(text::serverText("Non autoris\xe9", "") == "Non autoris\\xE9");
    CHECK(text::charsetOf("text/html; Charset=\"Windows-1252\"") == "windows-1252");

    nlohmann::ordered_json j;
    j["reason"] = "Non autoris\xe9";
    j["list"] = {"ok", std::string("\xff\xfe")};
    j["Soci\xe9t\xe9"] = 1;
    CHECK_THROWS(j.dump());  // what nlohmann does with such text: the internal error of issue 13
    const std::string dumped = text::safeDump(j);
    CHECK(dumped == R"({"reason":"Non autoris\\xE9","list":["ok","\\xFF\\xFE"],"Soci\\xE9t\\xE9":1})");
    CHECK(nlohmann::json::parse(dumped)["reason"] == "Non autoris\\xE9");
}

TEST_CASE("a bind name with an empty password is refused, never sent", "[directory][hardening]")
{
    // An unauthenticated bind (RFC 4513 5.1.2) succeeds on many servers and proves nothing. The check
    // comes before any connection: this port has no server.
    const Secret empty;
    directory::LdapOptions o;
    o.uri = "ldaps://127.0.0.1:1";
    o.bindDn = "CN=Administrator,CN=Users,DC=contoso,DC=test";
    o.timeout = std::chrono::seconds(2);
    for (const Secret* password : {static_cast<const Secret*>(nullptr), &empty}) {
        o.password = password;
        auto d = directory::connectDirectory(o);
        REQUIRE_FALSE(d);
        CHECK(d.error().code == ErrorCode::EmptyPasswordRefused);
    }
}

TEST_CASE("a moved Secret leaves no byte of the password behind", "[secret][hardening]")
{
    // 7 bytes: inside std::string's small buffer, which a move copies and does not clear.
    Secret a(std::string("hunter2"));
    const char* buffer = a.c_str();
    Secret b(std::move(a));
    CHECK(b.view() == "hunter2");
    CHECK(std::string_view(buffer, 7) == std::string_view("\0\0\0\0\0\0\0", 7));

    Secret c(std::string("s3cret!"));
    const char* fromB = b.c_str();
    c = std::move(b);
    CHECK(c.view() == "hunter2");
    CHECK(std::string_view(fromB, 7) == std::string_view("\0\0\0\0\0\0\0", 7));
}

TEST_CASE("files are created with their final mode, exclusively when asked, and failures say write",
          "[file][hardening]")
{
    TempDir tmp;
#ifndef _WIN32
    const auto modeOf = [](const std::filesystem::path& p) {
        struct stat st
        {
        };
        ::stat(p.c_str(), &st);
        return st.st_mode & 0777;
    };
    // A file that grows while another thread watches its mode: it must never be readable by others,
    // not even for a moment (before: created 0644, then chmod 0600).
    const auto secret = tmp / "key.pem";
    std::atomic<bool> stop{false};
    std::atomic<int> wideOpen{0};
    std::jthread watcher([&] {
        while (!stop) {
            struct stat st
            {
            };
            if (::stat(secret.c_str(), &st) == 0 && (st.st_mode & 0077) != 0)
                ++wideOpen;
        }
    });
    for (int i = 0; i < 200; ++i) {
        std::filesystem::remove(secret);
        REQUIRE(writeFile(secret, std::string(4096, 'k'), FileAccess::Secret));
    }
    stop = true;
    watcher.join();
    CHECK(wideOpen == 0);
    CHECK(modeOf(secret) == 0600);
#endif
    const auto backup = tmp / "backup.json";
    REQUIRE(writeFile(backup, std::string_view("first"), FileAccess::Secret, IfExists::Refuse));
    auto again = writeFile(backup, std::string_view("second"), FileAccess::Secret, IfExists::Refuse);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::FileExists);
    CHECK(readText(backup) == "first");

    // A folder where a file should be: the error is about writing, not reading.
    std::filesystem::create_directories(tmp / "is-a-folder");
    auto w = writeFile(tmp / "is-a-folder", std::string_view("x"));
    REQUIRE_FALSE(w);
    CHECK(w.error().code == ErrorCode::FileUnwritable);
    CHECK(w.error().detail.find("is-a-folder") != std::string::npos);
    // Replacing keeps the old content when the new one cannot be written; no temporary file is left.
    REQUIRE(writeFile(tmp / "report.html", std::string_view("old")));
    REQUIRE(writeFile(tmp / "report.html", std::string_view("new")));
    CHECK(readText(tmp / "report.html") == "new");
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(tmp.path()))
        files += e.is_regular_file() ? 1 : 0;
#ifdef _WIN32
    CHECK(files == 2);  // backup.json, report.html
#else
    CHECK(files == 3);  // key.pem, backup.json, report.html
#endif
}

TEST_CASE("HTTP reader: a status line as long as the header limit is read, not recursed over",
          "[probe][http][hardening]")
{
    // On a worker thread with a small stack (Windows gives 1 MiB), as the wizard's jobs run.
    std::optional<Result<bool>> fed;
    std::thread worker([&] {
        probe::HttpReader r(64 * 1024, 1024);
        fed = r.feed("HTTP/1.1 401 " + std::string(60000, 'x') + "\r\nContent-Length: 0\r\n\r\n", false);
    });
    worker.join();
    REQUIRE(fed.has_value());
    REQUIRE(fed->has_value());
    CHECK(fed->value());
    probe::HttpReader bad(4096, 4096);
    CHECK_FALSE(bad.feed("HTTP/1.1 20 OK\r\n\r\n", false));
    probe::HttpReader noReason(4096, 4096);
    REQUIRE(*noReason.feed("HTTP/1.0 204\r\n\r\n", false));
    CHECK(noReason.result()->status == 204);
}
