#include "eascert/cert/WinCertStore.h"

// StoreKey is plain data: every build has it (the wizard's certificate page holds one), only the
// store functions that make one are Windows-only (win/WinCertStore.cpp).

namespace eascert::cert {

StoreKey::StoreKey(Bytes certificateDer, Bytes privateKeyBlob)
    : m_der(std::move(certificateDer)), m_blob(std::move(privateKeyBlob))
{
}

StoreKey& StoreKey::operator=(StoreKey&& other) noexcept
{
    if (this != &other) {
        secureWipe(m_blob.data(), m_blob.size());
        m_der = std::move(other.m_der);
        m_blob = std::move(other.m_blob);
    }
    return *this;
}

StoreKey::~StoreKey()
{
    secureWipe(m_blob.data(), m_blob.size());
}

}  // namespace eascert::cert
