// .evtx files made by the test writer (tests/fixtures/evtx) read three ways that must agree: our
// reader (libevtx), Debian's evtxexport and python-evtx's evtx_dump.py. Then damaged files: what can
// be read is kept and the rest is counted, never a crash.

#include "CatchCompat.h"

#include <string>

#include "EvtxWriter.h"
#include "Process.h"
#include "TempDir.h"
#include "eascert/evidence/Event.h"
#include "eascert/evidence/Evidence.h"
#include "eascert/lab/LabPki.h"

using namespace eascert;
using namespace eascert::evidence;

namespace {

// Events over several chunks: certificate lookups, KDC events, non-ASCII and markup in values, an
// empty value, and enough of them to need more than one 64 KiB chunk.
std::vector<Event> sampleEvents()
{
    std::vector<Event> out;
    for (int i = 0; i < 400; ++i) {
        Event e;
        const bool kdc = i % 3 == 1;
        e.id = kdc ? (i % 2 ? 45u : 39u) : 4768u;
        e.provider = kdc ? "Microsoft-Windows-Kerberos-Key-Distribution-Center" : "Microsoft-Windows-Security-Auditing";
        e.channel = kdc ? "System" : "Security";
        e.computer = "DC" + std::to_string(i % 2 + 1) + ".contoso.com";
        e.level = kdc ? "3" : "0";
        e.time = "2026-12-01T09:" + std::string(i / 60 % 60 < 10 ? "0" : "") + std::to_string(i / 60 % 60) + ":" +
                 std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + ".1234567Z";
        e.record = static_cast<std::size_t>(i) + 1;
        if (kdc)
            e.data = {{"AccountName", "user" + std::to_string(i)},
                      {"Subject", "@@@CN=Jürgen Müller, O=Contoso & Partner <EU>"},
                      {"Issuer", "Contoso Issuing CA"},
                      {"SerialNumber", "1A2B3C" + std::to_string(i)},
                      {"Thumbprint", ""}};
        else
            e.data = {{"TargetUserName", i % 5 ? "X509N:<S>CN=usertest" + std::to_string(i) : "administrator"},
                      {"TargetDomainName", "CONTOSO"},
                      {"Status", "0x6"},
                      {"CertIssuerName", ""},
                      {"IpAddress", "::ffff:192.0.2." + std::to_string(i % 250)}};
        out.push_back(std::move(e));
    }
    return out;
}

void requireSame(const std::vector<Event>& read, const std::vector<Event>& written, const char* reader)
{
    INFO(reader);
    REQUIRE(read.size() == written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        INFO("record " << i + 1);
        CHECK(read[i].id == written[i].id);
        CHECK(read[i].provider == written[i].provider);
        CHECK(read[i].channel == written[i].channel);
        CHECK(read[i].computer == written[i].computer);
        CHECK(read[i].kind == eventKindOf(written[i].provider, written[i].channel));
        // The second is what every reader agrees on (python-evtx writes microseconds and no zone).
        const auto expected = parseUtcTime(written[i].time.substr(0, 19));
        auto time = read[i].time.substr(0, 19);
        if (time.size() == 19 && time[10] == ' ')
            time[10] = 'T';
        CHECK(parseUtcTime(time) == expected);
        CHECK(read[i].data == written[i].data);
    }
}

std::vector<Event> readXml(const std::string& xml)
{
    auto log = parseEventXml(xml);
    REQUIRE(log);
    CHECK(log->damaged == 0);
    return log->events;
}

}  // namespace

TEST_CASE("evtx: our reader, evtxexport and python-evtx read the writer's file identically", "[evidence][evtx]")
{
    const auto events = sampleEvents();
    TempDir dir;
    const auto path = dir / "Security.evtx";
    evtxfixture::writeEvtx(path, events);
    const std::string bytes = readText(path);
    REQUIRE(bytes.size() > 4096 + 2 * 65536);  // more than one chunk

    auto source = readEvidence(bytes);
    REQUIRE(source);
    CHECK(source->format == SourceFormat::Evtx);
    CHECK(source->errors() == 0);
    requireSame(source->events.events, events, "eascert (libevtx)");
    CHECK(source->events.events[0].utc == *parseUtcTime("2026-12-01T09:00:00Z"));

    const auto evtxexport = runProcess("/usr/bin/evtxexport", {"-f", "xml", path.string()});
    REQUIRE(evtxexport.exitCode == 0);
    // evtxexport prints its name and version before the events.
    REQUIRE(evtxexport.out.starts_with("evtxexport "));
    requireSame(readXml(evtxexport.out.substr(evtxexport.out.find('<'))), events, "evtxexport");

    const auto pyEvtx = runProcess("/usr/bin/evtx_dump.py", {path.string()});
    REQUIRE(pyEvtx.exitCode == 0);
    requireSame(readXml(pyEvtx.out), events, "python-evtx");
}

TEST_CASE("evtx: damaged files give what can be read and a counted error, never a crash", "[evidence][evtx]")
{
    const auto events = sampleEvents();
    evtxfixture::EvtxWriter writer;
    for (const auto& e : events)
        writer.add(e);
    const std::string whole = writer.finish();
    REQUIRE(writer.chunks() == 0);  // finish() hands the chunks over

    SECTION("cut in the middle of the second chunk")
    {
        const auto source = readEvidence(whole.substr(0, 4096 + 65536 + 30000));
        if (source) {
            CHECK(source->records() >= 1);
            CHECK(source->records() < events.size());
        } else {
            CHECK(source.error().code == ErrorCode::CorruptData);
        }
    }
    SECTION("only the file header")
    {
        const auto source = readEvidence(whole.substr(0, 4096));
        if (source)
            CHECK(source->records() == 0);
        else
            CHECK(source.error().code == ErrorCode::CorruptData);
    }
    SECTION("a record's binary XML overwritten")
    {
        std::string damaged = whole;
        // The first record of the first chunk starts at 4096 + 512; its binary XML 24 bytes later.
        for (std::size_t i = 4096 + 512 + 24 + 40; i < 4096 + 512 + 24 + 140; ++i)
            damaged[i] = '\x7f';
        const auto source = readEvidence(damaged);
        REQUIRE(source);
        CHECK(source->records() + source->errors() >= events.size() - 1);
        CHECK(source->records() >= events.size() - 200);  // the other chunks are whole
    }
    SECTION("a chunk signature destroyed")
    {
        std::string damaged = whole;
        damaged[4096 + 65536] = 'X';
        const auto source = readEvidence(damaged);
        REQUIRE(source);
        CHECK(source->records() < events.size());
        CHECK(source->records() > 0);
    }
}

TEST_CASE("evtx: files that crash Debian's libevtx are damaged evidence, not a crash of ours", "[evidence][evtx]")
{
    // Found by fuzz_evidence: a double free inside libevtx's XML rendering, and a leak. libevtx runs
    // in a child process; its death costs the records from there on, which are counted.
    for (const char* name : {"evtx-libevtx-double-free", "evtx-libevtx-leak", "evtx-cut-header-libbfio-overread"}) {
        INFO(name);
        const std::string bytes = readText(std::filesystem::path(EASCERT_FUZZ_CORPUS) / "evidence" / name);
        REQUIRE(bytes.starts_with(std::string("ElfFile\0", 8)));
        const auto source = readEvidence(bytes);
        if (source)
            CHECK(source->errors() >= 1);
        else
            CHECK(source.error().code == ErrorCode::CorruptData);
    }
    // Whatever happened in the reader, this process goes on reading.
    const auto events = sampleEvents();
    evtxfixture::EvtxWriter writer;
    writer.add(events[0]);
    const auto again = readEvidence(writer.finish());
    REQUIRE(again);
    CHECK(again->records() == 1);
}

TEST_CASE("evtx read from its file: the same events, or only those that matter for certificates",
          "[evidence][evtx][stream]")
{
    auto events = sampleEvents();
    // An ordinary logon and an unrelated service event: read, counted, not kept when streaming.
    Event logon = events.front();
    logon.id = 4624;
    logon.data = {{"TargetUserName", "jdoe"}, {"LogonType", "3"}};
    events.insert(events.begin() + 3, logon);
    TempDir dir;
    const auto path = dir / "Security.evtx";
    evtxfixture::writeEvtx(path, events);

    auto all = parseEvtxFile(path);
    REQUIRE(all);
    requireSame(all->events, events, "eascert (libevtx, from the file)");
    CHECK(all->total == events.size());

    EventLimits limits;
    limits.relevantOnly = true;
    auto relevant = parseEvtxFile(path, limits);
    REQUIRE(relevant);
    CHECK(relevant->total == events.size());
    CHECK(relevant->damaged == 0);
    // Kept: the KDC's events and the 4768s for X509N: names; not the logon, not the 4768s for an
    // ordinary account name (no certificate lookup).
    std::size_t expected = 0;
    for (const auto& e : events)
        expected += e.id == 39 || e.id == 45 || (e.id == 4768 && e.data[0].second.starts_with("X509N:"));
    CHECK(relevant->events.size() == expected);
    for (const auto& e : relevant->events)
        CHECK(e.id != 4624);

    // Through readEvidenceFile: streamed, the source counts every record.
    auto source = readEvidenceFile(path);
    REQUIRE(source);
    CHECK(source->format == SourceFormat::Evtx);
    CHECK(source->records() == events.size());
    CHECK(source->events.events.size() == expected);

    // A file that is not there, or is cut inside its header: errors that say so.
    CHECK(parseEvtxFile(dir / "missing.evtx").error().code == ErrorCode::FileUnreadable);
    REQUIRE(eascert::lab::writeFile(dir / "cut.evtx", readText(path).substr(0, 100)));
    CHECK(parseEvtxFile(dir / "cut.evtx").error().code == ErrorCode::CorruptData);
}
