#include "eascert/cert/WinCertStore.h"

// StoreKey is plain data: every build has it (the wizard's certificate page holds one), only the
// store functions that make one are Windows-only (win/WinCertStore.cpp).

namespace eascert::cert {

StoreKey::StoreKey(Bytes certificateDer, Bytes privateKeyBlob)
    : m_der(std::move(certificateDer)), m_blob(std::move(privateKeyBlob))
{
}

StoreKey::~StoreKey()
{
    secureWipe(m_blob.data(), m_blob.size());
}

} // namespace eascert::cert
