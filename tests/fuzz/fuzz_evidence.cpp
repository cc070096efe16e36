// Any bytes as an evidence file: the format detection, every event reader (XML, text, CSV, .evtx
// through libevtx) and the IIS reader, then matching and the findings. Small limits; what is kept
// stays within them, and every finding counts only records that were read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "eascert/diagnosis/Diagnosis.h"
#include "eascert/evidence/Evidence.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    eascert::evidence::EvidenceLimits limits;
    limits.events.maxEvents = 64;
    limits.events.maxFields = 32;
    limits.events.maxRecordBytes = 8192;
    limits.iis.maxRequests = 64;
    limits.config.maxSettings = 64;
    auto source = eascert::evidence::readEvidence(bytes, limits);
    if (!source)
        return 0;
    // What is kept stays within the limits; an IIS log's records() counts every request read (for
    // the timeline), kept or not.
    const std::size_t kept = source->iis      ? source->iis->requests.size()
                             : source->config ? source->config->settings.size()
                                              : source->events.events.size();
    if (kept > 64 || (source->iis && source->iis->requests.size() + source->iis->skipped > source->records()))
        std::abort();
    for (const auto& e : source->events.events)
        if (e.data.size() > 64 || e.record == 0)  // readers nest at most one level of limits
            std::abort();
    std::vector<eascert::evidence::EvidenceSource> sources{std::move(*source)};
    eascert::evidence::MatchTarget target;
    target.accounts = {"usertest1", "CONTOSO\\usertest1"};
    const auto records = eascert::evidence::relevantRecords(sources, target);
    if (records.size() > sources[0].records())
        std::abort();
    for (const auto& f : eascert::diagnosis::evidenceFindings(sources, target, eascert::cert::TimePoint{})) {
        for (const auto& [key, value] : f.evidence)
            if (key == "count" && std::stoul(value) > records.size())
                std::abort();
    }
    (void)eascert::evidence::keepSince(sources[0], 0);
    return 0;
}
