#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eascert/directory/Directory.h"

namespace eascert::directory {

// RFC 2849 LDIF as ldifde and ldapsearch write it: an export (content records; ldifde's
// "changetype: add" in each record is accepted, modify/delete/modrdn records are refused). Folded
// lines, base64 values ("::"), comments, "version:" or none, CRLF, and the file's encoding (UTF-8,
// ANSI, or ldifde -u's UTF-16) are handled; URL values ("<") are not.
Result<std::vector<Entry>> parseLdif(std::string_view bytes);

// One "attr: value" line (base64 when the value is not a safe string), folded at 78 columns.
std::string ldifAttribute(std::string_view attribute, std::string_view value);
// A "changetype: modify" record, as ldifde -i and ldapmodify read it.
std::string ldifModifyRecord(const std::string& dn, const std::vector<Modification>& changes);
// "changetype: add" and "changetype: delete" records.
std::string ldifAddRecord(const Entry& entry);
std::string ldifDeleteRecord(const std::string& dn);
// The entries as a content LDIF (for backups and the demo lab's directory).
std::string ldifContent(const std::vector<Entry>& entries);

}  // namespace eascert::directory
