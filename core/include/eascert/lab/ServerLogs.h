#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "eascert/evidence/Event.h"
#include "eascert/support/Error.h"

namespace eascert::lab {

// What the lab's servers write, as real ones do, for the evidence readers and the demo's report:
// IIS's W3C log (<folder>/W3SVC1/u_exYYMMDD.log, one line per request, UTC, with its #Fields header)
// and the DC's events (<folder>/dc-events.xml, Event Viewer's "Save as XML": an <Events> root with the
// Security log's 4768 and the KDC's 39, 45 and 21). Thread-safe; at most kMaxEvents events are kept.
class ServerLogs
{
public:
    static constexpr std::size_t kMaxEvents = 10'000;
    static constexpr const char* kComputer = "DC1.contoso.test";

    explicit ServerLogs(std::filesystem::path folder);

    struct Request
    {
        std::string method;
        std::string uriStem;
        std::string uriQuery;
        std::uint16_t port = 443;
        std::string user;  // the mapped account ("CONTOSO\\user"), empty when none
        std::string clientIp;
        std::string userAgent;
        int status = 0;
        int substatus = 0;
        std::uint32_t win32Status = 0;
        int timeTakenMs = 0;
    };
    Result<void> request(const Request& request);
    // The event with its time (now) and computer filled in, appended to the DC's log.
    Result<void> event(evidence::Event event);

    std::filesystem::path iisLogFolder() const { return m_folder / "W3SVC1"; }
    std::filesystem::path eventsFile() const { return m_folder / "dc-events.xml"; }

private:
    std::filesystem::path m_folder;
    std::mutex m_mutex;
    std::vector<evidence::Event> m_events;
    std::size_t m_nextRecord = 1;
};

}  // namespace eascert::lab
