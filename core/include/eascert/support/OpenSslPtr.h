#pragma once

// RAII owners for every OpenSSL handle core touches. Never call *_free by hand on an exit path.

#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace eascert::ossl {

template <typename T, void (*Free)(T*)> struct Deleter
{
    void operator()(T* p) const noexcept
    {
        if (p)
            Free(p);
    }
};

template <typename T, void (*Free)(T*)> using Ptr = std::unique_ptr<T, Deleter<T, Free>>;

using BioPtr = Ptr<BIO, BIO_free_all>;
using X509Ptr = Ptr<X509, X509_free>;
using X509NamePtr = Ptr<X509_NAME, X509_NAME_free>;
using EvpPkeyPtr = Ptr<EVP_PKEY, EVP_PKEY_free>;
using EvpMdCtxPtr = Ptr<EVP_MD_CTX, EVP_MD_CTX_free>;
using Pkcs12Ptr = Ptr<PKCS12, PKCS12_free>;
using Pkcs7Ptr = Ptr<PKCS7, PKCS7_free>;
using Asn1IntegerPtr = Ptr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1OctetStringPtr = Ptr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1ObjectPtr = Ptr<ASN1_OBJECT, ASN1_OBJECT_free>;
using Asn1StringPtr = Ptr<ASN1_STRING, ASN1_STRING_free>;
using Asn1TypePtr = Ptr<ASN1_TYPE, ASN1_TYPE_free>;
using GeneralNamePtr = Ptr<GENERAL_NAME, GENERAL_NAME_free>;
using GeneralNamesPtr = Ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using AuthorityKeyIdPtr = Ptr<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;
using ExtKeyUsagePtr = Ptr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using BasicConstraintsPtr = Ptr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using Asn1BitStringPtr = Ptr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using X509ExtensionPtr = Ptr<X509_EXTENSION, X509_EXTENSION_free>;
using X509NameEntryPtr = Ptr<X509_NAME_ENTRY, X509_NAME_ENTRY_free>;
using EvpPkeyCtxPtr = Ptr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EcGroupPtr = Ptr<EC_GROUP, EC_GROUP_free>;
using BignumPtr = Ptr<BIGNUM, BN_free>;
using SslPtr = Ptr<SSL, SSL_free>;
using SslCtxPtr = Ptr<SSL_CTX, SSL_CTX_free>;

// Memory returned by OpenSSL_malloc-family functions.
struct OpenSslFree
{
    void operator()(void* p) const noexcept { OPENSSL_free(p); }
};
using OsslString = std::unique_ptr<char, OpenSslFree>;
using OsslBytes = std::unique_ptr<unsigned char, OpenSslFree>;

// Stacks: free the stack and its elements.
struct X509StackDeleter
{
    void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_pop_free(s, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

struct Asn1SequenceAnyDeleter
{
    void operator()(ASN1_SEQUENCE_ANY* s) const noexcept { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); }
};
using Asn1SequenceAnyPtr = std::unique_ptr<ASN1_SEQUENCE_ANY, Asn1SequenceAnyDeleter>;

// Take an extra reference to an object that another owner keeps.
inline X509Ptr upRef(X509* x)
{
    if (x)
        X509_up_ref(x);
    return X509Ptr(x);
}
inline EvpPkeyPtr upRef(EVP_PKEY* k)
{
    if (k)
        EVP_PKEY_up_ref(k);
    return EvpPkeyPtr(k);
}

}  // namespace eascert::ossl
