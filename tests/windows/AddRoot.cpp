// Test helper: adds a DER or PEM CA certificate to the current user's ROOT store, as an admin does
// with "certutil -user -addstore Root ca.cer".   eascert_add_root.exe CA_FILE
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <wincrypt.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fputs("usage: eascert_add_root CA_FILE\n", stderr);
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<char> text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    DWORD size = 0;
    // PEM (BEGIN CERTIFICATE) is decoded; anything else is taken as DER.
    std::vector<BYTE> der(text.begin(), text.end());
    if (CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64HEADER, nullptr, &size,
                             nullptr, nullptr)) {
        der.resize(size);
        CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64HEADER, der.data(), &size,
                             nullptr, nullptr);
    }
    if (!CertAddEncodedCertificateToSystemStoreA("ROOT", der.data(), static_cast<DWORD>(der.size()))) {
        std::fprintf(stderr, "eascert_add_root: %s: error 0x%08lx\n", argv[1], GetLastError());
        return 1;
    }
    std::printf("added %s to the ROOT store\n", argv[1]);
    return 0;
}
