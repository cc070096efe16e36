// IIS W3C and HTTPERR logs: read as IIS writes them (directives, #Fields that change mid-file, "-" for
// empty, CRLF, a BOM), the ActiveSync query, the status meanings, and damaged input counted, never thrown.

#include "CatchCompat.h"

#include <string>

#include "eascert/evidence/IisLog.h"

using namespace eascert;
using namespace eascert::evidence;

namespace {

// The seed report's log: three 401.2s from one iPhone, then a success after the fix.
const std::string kSeedLog =
    "#Software: Microsoft Internet Information Services 10.0\r\n"
    "#Version: 1.0\r\n"
    "#Date: 2026-12-01 09:28:18\r\n"
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
    "2026-12-01 09:28:18 10.0.0.5 OPTIONS /Microsoft-Server-ActiveSync/default.eas "
    "User=usertest1&DeviceId=ApplF17XK1&DeviceType=iPhone&Cmd=Ping 443 - 192.0.2.20 Apple-iPhone13C2/2003.1 - "
    "401 2 5 15\r\n"
    "2026-12-01 09:29:02 10.0.0.5 POST /Microsoft-Server-ActiveSync/default.eas "
    "User=usertest1&DeviceId=ApplF17XK1&DeviceType=iPhone&Cmd=Sync 443 - 192.0.2.20 Apple-iPhone13C2/2003.1 - "
    "401 2 5 12\r\n"
    "2026-12-01 09:30:40 10.0.0.5 POST /Microsoft-Server-ActiveSync/default.eas "
    "User=CONTOSO%5Cusertest2&DeviceId=SEC1234&DeviceType=SAMSUNGSMG991B&Cmd=Sync 443 - 192.0.2.21 Android - "
    "401 2 5 9\r\n"
    "2026-12-01 11:02:13 10.0.0.5 POST /Microsoft-Server-ActiveSync/default.eas "
    "User=usertest1&DeviceId=ApplF17XK1&DeviceType=iPhone&Cmd=Sync 443 CONTOSO\\usertest1 192.0.2.20 "
    "Apple-iPhone13C2/2003.1 - 200 0 0 48\r\n";

}  // namespace

TEST_CASE("IIS log: the seed's 401.2s, the ActiveSync query and the mapping failures", "[evidence][iis]")
{
    REQUIRE(looksLikeIisLog(kSeedLog));
    const auto log = parseIisLog(kSeedLog);
    REQUIRE(log);
    CHECK(log->kind == IisLogKind::W3c);
    CHECK(log->damagedLines == 0);
    REQUIRE(log->requests.size() == 4);
    const auto& first = log->requests[0];
    CHECK(first.line == 5);
    CHECK(first.timestamp() == "2026-12-01 09:28:18");
    CHECK(first.method == "OPTIONS");
    CHECK(first.uriStem == "/Microsoft-Server-ActiveSync/default.eas");
    CHECK(first.userName.empty());  // "-": not authenticated
    CHECK(first.clientIp == "192.0.2.20");
    CHECK(first.status == 401);
    CHECK(first.substatus == 2);
    CHECK(first.win32Status == 5u);
    CHECK(first.easUser == "usertest1");
    CHECK(first.deviceId == "ApplF17XK1");
    CHECK(first.deviceType == "iPhone");
    CHECK(first.easCommand == "Ping");
    CHECK(log->requests[2].easUser == "CONTOSO\\usertest2");  // percent-decoded
    CHECK(log->requests[3].userName == "CONTOSO\\usertest1");

    const auto failures = mappingFailures(*log);
    CHECK(failures.count == 3);
    CHECK(failures.first == "2026-12-01 09:28:18");
    CHECK(failures.last == "2026-12-01 09:30:40");
    REQUIRE(failures.devices.size() == 2);
    CHECK(failures.devices[0] == "iPhone ApplF17XK1");
    CHECK(failures.devices[1] == "SAMSUNGSMG991B SEC1234");
    CHECK(failures.accounts == std::vector<std::string>{"usertest1", "CONTOSO\\usertest2"});
}

TEST_CASE("IIS log: #Fields that change in the middle of the file, LF or CRLF, a BOM", "[evidence][iis]")
{
    const std::string text = "\xEF\xBB\xBF#Software: Microsoft Internet Information Services 10.0\n"
                             "#Fields: date time cs-method sc-status\n"
                             "2026-12-01 09:00:00 GET 200\n"
                             "#Software: Microsoft Internet Information Services 10.0\n"
                             "#Fields: time sc-substatus sc-status cs-method date sc-win32-status\n"
                             "09:01:00 2 401 POST 2026-12-01 5\r\n";
    const auto log = parseIisLog(text);
    REQUIRE(log);
    REQUIRE(log->requests.size() == 2);
    CHECK(log->requests[0].status == 200);
    CHECK_FALSE(log->requests[0].substatus);
    CHECK(log->requests[1].status == 401);
    CHECK(log->requests[1].substatus == 2);
    CHECK(log->requests[1].method == "POST");
    CHECK(log->requests[1].date == "2026-12-01");
    CHECK(log->requests[1].win32Status == 5u);
}

TEST_CASE("HTTPERR log: recognised, the URI split, the reason kept", "[evidence][iis]")
{
    const std::string text =
        "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-12-01 09:00:00\r\n"
        "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid "
        "s-reason s-queuename\r\n"
        "2026-12-01 09:00:05 192.0.2.20 50123 10.0.0.5 443 HTTP/1.1 POST "
        "/Microsoft-Server-ActiveSync/default.eas?User=usertest1&DeviceId=X&DeviceType=iPhone&Cmd=Sync - 400 - "
        "BadRequest -\r\n";
    const auto log = parseIisLog(text);
    REQUIRE(log);
    CHECK(log->kind == IisLogKind::HttpErr);
    REQUIRE(log->requests.size() == 1);
    CHECK(log->requests[0].uriStem == "/Microsoft-Server-ActiveSync/default.eas");
    CHECK(log->requests[0].easUser == "usertest1");
    CHECK(log->requests[0].reason == "BadRequest");
    CHECK(log->requests[0].status == 400);
}

TEST_CASE("IIS log: other files are not taken for a log; damaged lines are counted, never thrown", "[evidence][iis]")
{
    for (const std::string& other :
         {std::string(), std::string("hello\n#Fields: date\n"), std::string("<Events><Event/></Events>"),
          std::string("#Fields\n1 2\n"), std::string("#Remark: nothing\n#Fields: date\n")}) {
        INFO(other);
        CHECK_FALSE(looksLikeIisLog(other));
        const auto r = parseIisLog(other);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::UnrecognizedFormat);
    }

    std::string text = "#Version: 1.0\n#Fields: date time sc-status\n"
                       "2026-12-01 09:00:00 200\n"
                       "2026-12-01 09:00:01\n"                       // a field short
                       "2026-12-01 09:00:02 401 extra\n"             // one too many
                       "2026-12-01 09:00:03 4x1\n";                  // a status that is not a number: kept, no status
    text += "2026-12-01 " + std::string(70 * 1024, 'a') + " 200\n";  // too long
    text += "2026-12-01 09:00:04 20";                                // cut off at the end of the file
    const auto log = parseIisLog(text);
    REQUIRE(log);
    CHECK(log->damagedLines == 3);
    CHECK(log->firstDamagedLine == 4);
    REQUIRE(log->requests.size() == 3);
    CHECK_FALSE(log->requests[1].status);
    CHECK(log->requests[2].status == 20);

    IisLogLimits limits;
    limits.maxRequests = 2;
    const auto bounded = parseIisLog(kSeedLog, limits);
    REQUIRE(bounded);
    CHECK(bounded->requests.size() == 2);
    CHECK(bounded->skipped == 2);

    // A lone or bad % in the query is kept as written; bytes that are not UTF-8 are kept.
    const auto odd = parseIisLog("#Fields: cs-uri-query\nUser=a%2&DeviceId=%zz%C3%A9\xff\n");
    REQUIRE(odd);
    REQUIRE(odd->requests.size() == 1);
    CHECK(odd->requests[0].easUser == "a%2");
    CHECK(odd->requests[0].deviceId == "%zz\xC3\xA9\xff");
}

TEST_CASE("IIS status meanings follow domain.md 9b; a Negotiate first leg is not a failure", "[evidence][iis]")
{
    CHECK(iisStatusMeaning(401, 2, 5).find("could not map the client certificate") != std::string_view::npos);
    CHECK(iisStatusMeaning(401, 1, 2148074254U).find("normal, not a certificate failure") != std::string_view::npos);
    CHECK(iisStatusMeaning(401, 1, 3221225581U).find("0xC000006D") != std::string_view::npos);
    CHECK(iisStatusMeaning(403, 16, 2148204809U).find("Trusted Root") != std::string_view::npos);
    CHECK(iisStatusMeaning(403, 17, 2148204801U).find("expired") != std::string_view::npos);
    CHECK(iisStatusMeaning(403, 13, 2148081683U).find("offline") != std::string_view::npos);
    CHECK(iisStatusMeaning(403, 13, 2148081680U).find("revoked") != std::string_view::npos);
    CHECK(iisStatusMeaning(403, 7, 0).find("none was sent") != std::string_view::npos);
    CHECK(iisStatusMeaning(413, 0, 0).find("uploadReadAheadSize") != std::string_view::npos);
    CHECK(iisStatusMeaning(500, 0, 2147942450U).find("TLS 1.3") != std::string_view::npos);
    CHECK(iisStatusMeaning(200, 0, 0).empty());
    CHECK(iisStatusMeaning(404, 0, 2).empty());
}

TEST_CASE("IIS log read in pieces: any split gives what one piece gives; a file of any size keeps what matters",
          "[evidence][iis][stream]")
{
    const auto whole = parseIisLog(kSeedLog);
    REQUIRE(whole);
    CHECK(whole->total == 4);
    // The timeline's counts: every request by minute (UTC), whatever is kept.
    REQUIRE(whole->minutes.size() == 4);
    CHECK(whole->minutes.begin()->second.mappingFailed == 1);
    CHECK(whole->minutes.rbegin()->second.ok == 1);
    for (const std::size_t piece : {1u, 2u, 7u, 64u, 1000u}) {
        INFO("pieces of " << piece << " bytes");
        IisLogReader reader;
        for (std::size_t at = 0; at < kSeedLog.size(); at += piece)
            reader.feed(std::string_view(kSeedLog).substr(at, piece));
        const auto log = reader.finish();
        REQUIRE(log.requests.size() == whole->requests.size());
        for (std::size_t i = 0; i < log.requests.size(); ++i) {
            CHECK(log.requests[i].line == whole->requests[i].line);
            CHECK(log.requests[i].easUser == whole->requests[i].easUser);
            CHECK(log.requests[i].status == whole->requests[i].status);
        }
        CHECK(log.total == whole->total);
        CHECK(log.damagedLines == whole->damagedLines);
    }

    // relevantOnly: the 200 is counted, not kept. A line longer than a line may be, split over
    // pieces, is one damaged line and the reader goes on after it.
    IisLogLimits limits;
    limits.relevantOnly = true;
    limits.maxLineBytes = 400;
    IisLogReader reader(limits);
    const std::string longLine = "2026-12-01 09:31:00 " + std::string(1000, 'x') + "\r\n";
    const auto header = kSeedLog.substr(0, kSeedLog.find("2026-12-01 09:28:18 10"));
    reader.feed(header);
    reader.feed(longLine.substr(0, 300));
    reader.feed(longLine.substr(300));
    reader.feed(kSeedLog.substr(header.size()));
    const auto kept = reader.finish();
    CHECK(kept.requests.size() == 3);  // the three 401.2s
    CHECK(kept.total == 4);
    CHECK(kept.damagedLines == 1);
    CHECK(kept.firstDamagedLine == 5);
}

TEST_CASE("IIS log: fields split the same whatever the spacing and wherever a word boundary falls",
          "[evidence][iis][stream]")
{
    // The splitter reads eight bytes at a time: fields of every length and runs of spaces at every
    // offset must give the fields a plain split gives.
    const std::string header =
        "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time cs-uri-stem "
        "cs-username sc-status sc-substatus sc-win32-status\n";
    for (int pad = 0; pad < 9; ++pad)
        for (int run = 1; run < 10; run += 4) {
            const std::string gap(static_cast<std::size_t>(run), ' ');
            const std::string user = std::string(static_cast<std::size_t>(pad), 'u') + "x";
            const std::string line = std::string(static_cast<std::size_t>(pad % 3), ' ') + "2026-12-01" + gap +
                                     "09:28:18" + gap + "/Microsoft-Server-ActiveSync" + gap + user + gap + "401" +
                                     gap + "2" + gap + "5" + std::string(static_cast<std::size_t>(run % 2), ' ') + "\n";
            INFO("pad " << pad << ", run " << run << ": [" << line << "]");
            const auto log = parseIisLog(header + line);
            REQUIRE(log);
            REQUIRE(log->requests.size() == 1);
            CHECK(log->damagedLines == 0);
            const auto& r = log->requests[0];
            CHECK(r.date == "2026-12-01");
            CHECK(r.time == "09:28:18");
            CHECK(r.uriStem == "/Microsoft-Server-ActiveSync");
            CHECK(r.userName == user);
            CHECK(r.status == 401);
            CHECK(r.substatus == 2);
            CHECK(r.win32Status == 5u);
        }
}
