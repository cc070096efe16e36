// Any bytes as a server's answer, through the whole pipeline: the HTTP reader (fed in three pieces),
// the classification, the diagnosis and both renderings of the report. The JSON must parse and the
// page must be whole, whatever the server sent.
#include <cstddef>
#include <cstdint>

#include "FuzzSupport.h"
#include "HttpResponse.h"
#include "eascert/probe/Classification.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace eascert;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    probe::HttpReader reader(8192, 16384);
    probe::ProbeResult result;
    result.url = probe::Url{"mail.contoso.test", 443, "/Microsoft-Server-ActiveSync"};
    result.tls.established = true;
    result.tls.requested = probe::CertificateRequest::ByRenegotiation;
    const std::size_t a = size / 3, b = 2 * size / 3;
    Result<bool> fed = reader.feed(bytes.substr(0, a), false);
    if (fed && !*fed)
        fed = reader.feed(bytes.substr(a, b - a), false);
    if (fed && !*fed)
        fed = reader.feed(bytes.substr(b), true);
    if (!fed) {
        result.stage = probe::Stage::Response;
        result.failure = fed.error();
    } else if (auto http = reader.result()) {
        result.http = std::move(*http);
    } else {
        result.stage = probe::Stage::Response;
        result.failure = http.error();
    }
    diagnosis::Session session(fuzzsupport::certificate());
    diagnosis::ProbeRun run;
    run.url = "https://mail.contoso.test/Microsoft-Server-ActiveSync";
    run.verdict = probe::classify(result, probe::Method::Options, true);
    run.result = std::move(result);
    session.record(std::move(run));
    fuzzsupport::renderBoth(session);
    return 0;
}
