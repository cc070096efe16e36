#include "eascert/directory/LdapDirectory.h"

// Builds that have OpenLDAP (Linux): the front ends' connection is the OpenLDAP backend.
// Windows builds use win/WinConnect.cpp instead.

namespace eascert::directory {

Result<std::unique_ptr<Directory>> connectDirectory(const LdapOptions& options)
{
    return connectLdap(options);
}

}  // namespace eascert::directory
