#pragma once

// Events and text as the servers' tools write them, for the evidence tests.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eascert/evidence/Event.h"

namespace eventfixture {

// A Security log event (4768, 4771...) or a KDC System log event (39, 45, 21...) on DC1.
inline eascert::evidence::Event make(std::uint32_t id, bool kdc, std::vector<std::pair<std::string, std::string>> data,
                                     std::string time = "2026-12-01T09:28:18.5312345Z")
{
    eascert::evidence::Event e;
    e.id = id;
    e.kind = kdc ? eascert::evidence::EventKind::Kdc : eascert::evidence::EventKind::Security;
    e.provider = kdc ? "Microsoft-Windows-Kerberos-Key-Distribution-Center" : "Microsoft-Windows-Security-Auditing";
    e.channel = kdc ? "System" : "Security";
    e.computer = "DC1.contoso.com";
    e.level = kdc ? "3" : "0";
    e.time = std::move(time);
    e.data = std::move(data);
    return e;
}

// ASCII text as UTF-16 LE with a byte order mark: what Windows tools write with "Unicode".
inline std::string utf16le(std::string_view ascii)
{
    std::string out = "\xFF\xFE";
    for (const char c : ascii) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out;
}

}  // namespace eventfixture
