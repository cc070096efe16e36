#pragma once
// What the whole-pipeline targets share: a certificate (made once), plain wording, and the check
// that both renderings of a report came out whole.

#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/diagnosis/Session.h"
#include "eascert/lab/LabPki.h"
#include "eascert/report/Report.h"

namespace fuzzsupport {

class PlainWording : public eascert::report::Wording
{
public:
    eascert::report::FindingWords finding(const eascert::diagnosis::Finding& f) const override
    {
        return {std::string(eascert::diagnosis::findingId(f.id)), "cause", {"step"}};
    }
    std::string verdict(eascert::diagnosis::Verdict v) const override
    {
        return std::string(eascert::diagnosis::verdictId(v));
    }
    std::string severity(eascert::diagnosis::Severity s) const override
    {
        return std::string(eascert::diagnosis::severityId(s));
    }
    std::string label(eascert::report::Label l) const override { return std::string(eascert::report::labelId(l)); }
};

// usertest1 (UPN usertest1@contoso.test) from "Contoso Standalone CA, contoso.test".
inline const eascert::cert::LoadedCertificate& certificate()
{
    static const eascert::cert::LoadedCertificate loaded = [] {
        eascert::lab::CertificateSpec ca;
        ca.subject = {{{"DC", "test"}, {"DC", "contoso"}, {"CN", "Contoso Standalone CA"}}};
        ca.ca = true;
        auto issuer = eascert::lab::issue(ca);
        eascert::lab::CertificateSpec user;
        user.subject = {{{"CN", "usertest1"}}};
        user.upns = {"usertest1@contoso.test"};
        auto leaf = eascert::lab::issue(user, &*issuer);
        const auto der = leaf->der();
        return *eascert::cert::loadCertificate(der);
    }();
    return loaded;
}

// Renders the session plainly and redacted; aborts unless the JSON parses and the HTML is a page.
inline void renderBoth(const eascert::diagnosis::Session& session)
{
    const PlainWording wording;
    for (bool redact : {false, true}) {
        eascert::report::Options options;
        options.redact = redact;
        auto rendered = eascert::report::render(session, wording, {}, eascert::cert::currentTime(), options);
        if (!rendered)
            std::abort();
        const auto j = nlohmann::json::parse(rendered->json, nullptr, false);
        if (j.is_discarded() || !j.is_object() || rendered->html.find("</html>") == std::string::npos)
            std::abort();
    }
}

}  // namespace fuzzsupport
