#pragma once

// Helpers for attribute values shared by the single-account fix and the domain-wide migration.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "eascert/directory/Directory.h"

namespace eascert::directory::values {

bool containsCi(const Values& values, std::string_view v);
bool containsExact(const Values& values, std::string_view v);
bool sameSet(Values a, Values b);

// A PowerShell single-quoted string, every quote character PowerShell knows doubled.
std::string psQuote(std::string_view s);
// "Set-ADUser -Identity '<dn>' -Remove @{altSecurityIdentities=...} -Add @{...}"
std::string setAdUser(const std::string& dn, const std::vector<std::string>& remove,
                      const std::vector<std::string>& add);

// Values in JSON: a string when it is UTF-8, else {"hex": "..."}, so every byte comes back.
nlohmann::ordered_json toJson(const std::vector<std::string>& values);
nlohmann::ordered_json toJsonValue(std::string_view value);
// The same, appended as dump() writes them, without a document (a line written per account).
void appendJson(std::string& out, const std::vector<std::string>& values);
void appendJsonValue(std::string& out, std::string_view value);
// One value as toJson wrote it; nullopt when it is neither.
std::optional<std::string> fromJsonValue(const nlohmann::json& v);
// key missing: empty; not a list of such values: nullopt.
std::optional<std::vector<std::string>> fromJson(const nlohmann::json& j, const char* key);

// altSecurityIdentities of one entry (NoSuchEntry when it is gone).
Result<Values> current(Directory& directory, const std::string& dn);

}  // namespace eascert::directory::values
