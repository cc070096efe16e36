#include "CliFixture.h"

#include "CatchCompat.h"

CliFixture::CliFixture()
{
    const auto& h = testpki::hierarchy();
    auto spec = testpki::userSpec({{{"C", "US"}},
                                   {{"ST", "Bavaria"}},
                                   {{"O", "Contoso, Inc."}},
                                   {{"CN", "usertest1"}},
                                   {{"emailAddress", "usertest1@contoso.test"}}});
    spec.serialMagnitude = testpki::bytes({0x2B, 0, 0, 0, 0, 0x11, 0xAC, 0, 0, 0, 0, 0x12});
    auto user = testpki::make(spec, &h.issuing);
    spec.serialMagnitude = testpki::bytes({0x2B, 0, 0, 0, 0, 0x11, 0xAC, 0, 0, 0, 0, 0x13});
    auto renewed = testpki::make(spec, &h.issuing);

    eascert::lab::Pkcs12Spec p12;
    p12.password = password;
    auto aes = eascert::lab::pkcs12(user, {&h.issuing, &h.root}, p12);
    p12.encryption = eascert::lab::Pkcs12Encryption::Legacy;
    auto legacy = eascert::lab::pkcs12(user, {&h.issuing, &h.root}, p12);
    REQUIRE(aes);
    REQUIRE(legacy);

    pfx = dir / "usertest1.pfx";
    legacyPfx = dir / "usertest1-legacy.pfx";
    userCer = dir / "usertest1.cer";
    renewedCer = dir / "usertest1-renewed.cer";
    passwordFile = dir / "password.txt";
    REQUIRE(eascert::lab::writeFile(pfx, *aes));
    REQUIRE(eascert::lab::writeFile(legacyPfx, *legacy));
    REQUIRE(eascert::lab::writeFile(userCer, user.der()));
    REQUIRE(eascert::lab::writeFile(renewedCer, renewed.der()));
    REQUIRE(eascert::lab::writeFile(passwordFile, password + "\r\n", true));
}

nlohmann::json parseJson(const ProcessResult& r)
{
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

std::size_t lineCount(const std::string& text)
{
    std::size_t n = 0;
    for (char c : text)
        n += c == '\n';
    if (!text.empty() && text.back() != '\n')
        ++n;
    return n;
}
