// Seeds bench-migrate.sh's accounts: prints LDIF adding users FROM..TO-1 under PARENT, each with a
// certificate of its own published (userCertificate) and the weak Issuer+Subject mapping of it, the
// state a domain is in before the migration. Certificates come from a CA made for the run.
//     eascert_bench_migrate_seed PARENT FROM TO

#include <cstdio>
#include <iostream>
#include <string>

#include "eascert/cert/Certificate.h"
#include "eascert/directory/Ldif.h"
#include "eascert/lab/LabPki.h"
#include "eascert/mapping/Mapping.h"

using namespace eascert;

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: eascert_bench_migrate_seed PARENT FROM TO\n";
        return 2;
    }
    const std::string parent = argv[1];
    const long from = std::stol(argv[2]);
    const long to = std::stol(argv[3]);
    lab::CertificateSpec caSpec;
    caSpec.subject = {{{"DC", "test"}}, {{"DC", "contoso"}}, {{"CN", "Bench Standalone CA"}}};
    caSpec.ca = true;
    auto ca = lab::issue(caSpec);
    if (!ca) {
        std::cerr << "cannot make the CA: " << ca.error().detail << '\n';
        return 1;
    }
    for (long i = from; i < to; ++i) {
        char sam[32];
        std::snprintf(sam, sizeof sam, "bench%06ld", i);
        lab::CertificateSpec spec;
        spec.subject = {{{"O", "Contoso"}}, {{"CN", sam}}};
        auto user = lab::issue(spec, &*ca);
        if (!user) {
            std::cerr << "cannot issue: " << user.error().detail << '\n';
            return 1;
        }
        const auto der = user->der();
        auto c = cert::Certificate::fromDer(der);
        const std::string dn = std::string("CN=") + sam + "," + parent;
        std::cout << directory::ldifAttribute("dn", dn) << "changetype: add\nobjectClass: user\n"
                  << directory::ldifAttribute("sAMAccountName", sam) << "userAccountControl: 544\n"
                  << directory::ldifAttribute("altSecurityIdentities",
                                              *mapping::buildMapping(c->info(), mapping::MappingForm::IssuerSubject))
                  << directory::ldifAttribute("userCertificate",
                                              std::string(reinterpret_cast<const char*>(der.data()), der.size()))
                  << '\n';
    }
    return 0;
}
