#pragma once

#include "eascert/cert/Certificate.h"

namespace eascert::cert {

enum class ValidityState
{
    NotYetValid,
    Valid,
    Expired
};

struct Validity
{
    ValidityState state = ValidityState::Valid;
    std::chrono::days remaining{0};  // whole days until notAfter (negative once expired)
};

// Pure: the clock is a parameter, so "expires today" is a one-line test.
Validity validityAt(const CertificateInfo& cert, TimePoint now);
std::string_view validityId(ValidityState s);
std::string formatTime(TimePoint t);  // "2026-11-26T00:55:42Z"
// formatTime for file names: "2026-11-26T00-55-42Z" (no ':', which Windows does not allow).
std::string fileTimestamp(TimePoint t);
// The system clock in whole seconds: what front ends pass to the pure functions as "now".
TimePoint currentTime();

}  // namespace eascert::cert
