#pragma once

// Windows only (std + Win32 / crypt32): a name as Windows shows it ("CN=usertest1, O=Contoso, C=US").

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <wincrypt.h>

#include <string>

#include "eascert/support/win/WideText.h"

namespace eascert::win {

inline std::string nameText(const CERT_NAME_BLOB& blob)
{
    CERT_NAME_BLOB copy = blob;
    const DWORD flags = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
    const DWORD n = CertNameToStrW(X509_ASN_ENCODING, &copy, flags, nullptr, 0);
    if (n <= 1)
        return {};
    std::wstring out(n, L'\0');
    CertNameToStrW(X509_ASN_ENCODING, &copy, flags, out.data(), n);
    out.resize(n - 1);
    return narrow(out);
}

}  // namespace eascert::win
