#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eascert/directory/Directory.h"

namespace eascert::directory {

// RFC 2849 LDIF as ldifde and ldapsearch write it: content records only (an export).
// Folded lines, base64 values ("::"), comments and "version:" are handled; URL values ("<") are not.
Result<std::vector<Entry>> parseLdif(std::string_view text);

// One "attr: value" line (base64 when the value is not a safe string), folded at 78 columns.
std::string ldifAttribute(std::string_view attribute, std::string_view value);
// A "changetype: modify" record, as ldifde -i and ldapmodify read it.
std::string ldifModifyRecord(const std::string& dn, const std::vector<Modification>& changes);
// The entries as a content LDIF (for backups and the demo lab's directory).
std::string ldifContent(const std::vector<Entry>& entries);

} // namespace eascert::directory
