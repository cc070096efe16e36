#pragma once

#include <string_view>

#include "eascert/probe/Classification.h"

namespace eascert::cli {

struct OutcomeText
{
    std::string_view title;
    std::string_view meaning;
};

OutcomeText outcomeText(probe::Outcome outcome);
std::string_view requestText(probe::CertificateRequest r);

}  // namespace eascert::cli
