#pragma once

#include <string>
#include <string_view>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/mapping/MappingMatch.h"
#include "eascert/support/Error.h"

// The CLI's words for core's codes. The wizard has its own table (with tr()).
namespace eascert::cli {

struct ErrorText
{
    std::string_view problem;
    std::string_view fix;
};

ErrorText errorText(ErrorCode code);
// One line: "<problem> (<detail>). <fix>"
std::string describeError(const Error& error);
// describeError in an evidence file's words (eascert evidence, diagnose --evidence).
std::string describeEvidenceError(const Error& error);

std::string_view formName(mapping::MappingForm form);
std::string_view noteText(mapping::Note note);
std::string_view unavailableText(mapping::Unavailable u);
std::string_view verdictText(mapping::Verdict verdict);
std::string_view selectionText(cert::SelectionRule rule);

}  // namespace eascert::cli
