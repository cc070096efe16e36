#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "eascert/cert/CertificateLoader.h"
#include "eascert/cert/Validity.h"
#include "eascert/mapping/MappingMatch.h"

namespace eascert::cli {

// Versioned JSON schemas: bump on any incompatible change.
inline constexpr const char* kCertSchema = "eascert.cert.v1";
inline constexpr const char* kMappingSchema = "eascert.mapping.v1";
inline constexpr const char* kMappingCheckSchema = "eascert.mapping-check.v1";

nlohmann::ordered_json nameJson(const cert::DistinguishedName& dn);
nlohmann::ordered_json certificateJson(const cert::CertificateInfo& info, cert::TimePoint now);
nlohmann::ordered_json certificateSummaryJson(const cert::CertificateInfo& info);
nlohmann::ordered_json loadedJson(const cert::LoadedCertificate& loaded, const std::string& file, cert::TimePoint now);

// Reasons of a mapping check, for JSON output.
nlohmann::ordered_json reasonsJson(const mapping::MatchResult& result);

void printLoaded(std::ostream& out, const cert::LoadedCertificate& loaded, const std::string& file,
                 cert::TimePoint now);

cert::TimePoint now();

}  // namespace eascert::cli
