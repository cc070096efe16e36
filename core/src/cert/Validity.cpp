#include "eascert/cert/Validity.h"

#include <algorithm>

#include <cstdio>

namespace eascert::cert {

Validity validityAt(const CertificateInfo& cert, TimePoint now)
{
    Validity v;
    if (now < cert.notBefore)
        v.state = ValidityState::NotYetValid;
    else if (now > cert.notAfter)
        v.state = ValidityState::Expired;
    v.remaining = std::chrono::floor<std::chrono::days>(cert.notAfter - now);
    return v;
}

std::string_view validityId(ValidityState s)
{
    switch (s) {
    case ValidityState::NotYetValid: return "not-yet-valid";
    case ValidityState::Valid: return "valid";
    case ValidityState::Expired: return "expired";
    }
    return "valid";
}

std::string formatTime(TimePoint t)
{
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss hms(t - day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
    return buf;
}

std::string fileTimestamp(TimePoint t)
{
    std::string stamp = formatTime(t);
    std::replace(stamp.begin(), stamp.end(), ':', '-');
    return stamp;
}

TimePoint currentTime()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace eascert::cert
