#include "eascert/lab/ServerLogs.h"

#include <chrono>
#include <fstream>

#include "eascert/support/File.h"
#include "eascert/support/Path.h"

namespace eascert::lab {

namespace {

// A W3C field: '-' when empty, spaces as '+' (IIS's own convention), no control characters.
std::string field(std::string_view value)
{
    if (value.empty())
        return "-";
    std::string out;
    for (const char c : value)
        out += c == ' ' ? '+' : static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    return out;
}

std::string two(unsigned v)
{
    return (v < 10 ? "0" : "") + std::to_string(v);
}

}  // namespace

ServerLogs::ServerLogs(std::filesystem::path folder) : m_folder(std::move(folder)) {}

Result<void> ServerLogs::request(const Request& r)
{
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const year_month_day ymd{floor<days>(now)};
    const hh_mm_ss clock{now - floor<days>(now)};
    const unsigned year = static_cast<unsigned>(static_cast<int>(ymd.year()));
    const std::string date = std::to_string(year) + "-" + two(unsigned(ymd.month())) + "-" + two(unsigned(ymd.day()));
    const std::string time = two(static_cast<unsigned>(clock.hours().count())) + ":" +
                             two(static_cast<unsigned>(clock.minutes().count())) + ":" +
                             two(static_cast<unsigned>(clock.seconds().count()));
    const auto path =
        iisLogFolder() / ("u_ex" + two(year % 100) + two(unsigned(ymd.month())) + two(unsigned(ymd.day())) + ".log");

    std::lock_guard lock(m_mutex);
    std::error_code ec;
    std::filesystem::create_directories(iisLogFolder(), ec);
    const bool fresh = !std::filesystem::exists(path, ec);
    std::ofstream out(path, std::ios::binary | std::ios::app);
    if (fresh)
        out << "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: " << date << " "
            << time
            << "\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
               "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";
    out << date << ' ' << time << " 127.0.0.1 " << field(r.method) << ' ' << field(r.uriStem) << ' '
        << field(r.uriQuery) << ' ' << r.port << ' ' << field(r.user) << ' ' << field(r.clientIp) << ' '
        << field(r.userAgent) << " - " << r.status << ' ' << r.substatus << ' ' << r.win32Status << ' ' << r.timeTakenMs
        << "\r\n";
    out.flush();
    if (!out)
        return fail(ErrorCode::FileUnwritable, utf8Path(path));
    return {};
}

Result<void> ServerLogs::event(evidence::Event e)
{
    using namespace std::chrono;
    const auto now = floor<microseconds>(system_clock::now());
    const auto secs = floor<seconds>(now);
    const year_month_day ymd{floor<days>(secs)};
    const hh_mm_ss clock{secs - floor<days>(secs)};
    std::string micro = std::to_string((now - secs).count());
    micro.insert(0, 6 - micro.size(), '0');
    e.time = std::to_string(static_cast<int>(ymd.year())) + "-" + two(unsigned(ymd.month())) + "-" +
             two(unsigned(ymd.day())) + "T" + two(static_cast<unsigned>(clock.hours().count())) + ":" +
             two(static_cast<unsigned>(clock.minutes().count())) + ":" +
             two(static_cast<unsigned>(clock.seconds().count())) + "." + micro + "0Z";
    e.utc = secs.time_since_epoch().count();
    e.computer = kComputer;

    std::lock_guard lock(m_mutex);
    e.record = m_nextRecord++;
    if (m_events.size() >= kMaxEvents)
        m_events.erase(m_events.begin());
    m_events.push_back(std::move(e));
    std::error_code ec;
    std::filesystem::create_directories(m_folder, ec);
    return writeFile(eventsFile(), evidence::toEventsDocument(m_events));
}

}  // namespace eascert::lab
