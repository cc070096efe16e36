// The certificate page's Windows-store path, driven offscreen. Linux has no Windows store, so the
// wizard gets a stand-in made of real certificates and keys (PRIVATEKEYBLOB exports, as Windows
// makes them); the crypt32 store itself runs under Wine in windows.certstore.
#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>

#include "TestPki.h"
#include "WizardDriver.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

using eascert::ui::PageId;
using namespace eascert;

namespace {

struct StoreEntry
{
    cert::StoreCertificate listed;
    Bytes keyBlob;  // empty: Windows refuses to export the key
};

class StandInStore final : public ui::CertificateStore
{
public:
    std::vector<StoreEntry> entries;
    int exports = 0;

    Result<std::vector<cert::StoreCertificate>> list() override
    {
        std::vector<cert::StoreCertificate> out;
        for (const auto& e : entries)
            out.push_back(e.listed);
        return out;
    }

    Result<cert::StoreKey> exportKey(cert::StoreLocation, const std::string& thumbprint) override
    {
        ++exports;
        for (const auto& e : entries) {
            if (e.listed.sha1Thumbprint != thumbprint)
                continue;
            if (e.keyBlob.empty())
                return fail(ErrorCode::KeyNotExportable, "the key is marked not exportable (Windows error 0x8009000B)");
            return cert::StoreKey(e.listed.der, e.keyBlob);
        }
        return fail(ErrorCode::NoCertificate, thumbprint);
    }
};

StoreEntry entry(const std::string& cn, bool exportable)
{
    auto spec = testpki::userSpec({{{"CN", cn}}});
    spec.upns = {cn + "@contoso.test"};
    spec.keyType = lab::LabKeyType::Rsa2048;
    const auto issued = testpki::make(spec, &testpki::hierarchy().issuing);
    const auto info = testpki::parse(issued).info();
    StoreEntry e;
    e.listed.subject = "CN=" + cn;
    e.listed.issuer = "CN=Contoso Issuing CA, DC=contoso, DC=test";
    e.listed.notAfter = info.notAfter;
    e.listed.sha1Thumbprint = toHex(info.sha1Thumbprint);
    e.listed.hasPrivateKey = true;
    e.listed.der = issued.der();
    if (exportable)
        e.keyBlob = testpki::privateKeyBlob(issued.key());
    return e;
}

// Opens the store dialog, picks the row whose subject is cn, and waits for the page to load it.
void pick(ui::Wizard& wizard, const QString& cn)
{
    click(wizard, "certificateFromStore");
    QDialog* dialog = nullptr;
    REQUIRE(waitFor([&] { return (dialog = wizard.findChild<QDialog*>(QStringLiteral("storeDialog"))) != nullptr; }));
    auto* list = widget<QTreeWidget>(*dialog, "storeCertificates");
    const auto rows = list->findItems(QStringLiteral("CN=") + cn, Qt::MatchExactly, 0);
    REQUIRE(rows.size() == 1);
    list->setCurrentItem(rows.front());
    dialog->accept();
    auto* state = widget<QLabel>(wizard, "certificateState");
    REQUIRE(waitFor([&] {
        return state->text().startsWith(QStringLiteral("Opened from the Windows certificate store")) &&
               widget<QAbstractButton>(wizard, "certificateFromStore")->isEnabled();
    }));
}

}  // namespace

TEST_CASE("wizard: a certificate from the Windows store, with its key and without", "[ui][certificate][store]")
{
    auto store = std::make_shared<StandInStore>();
    store->entries = {entry("storeuser1", true), entry("storeuser2", false)};
    ui::Wizard wizard;
    wizard.context()->certificateStore = store;
    wizard.show();
    next(wizard, PageId::Certificate);

    pick(wizard, QStringLiteral("storeuser1"));
    CHECK(widget<QLabel>(wizard, "certUpn")->text() == QStringLiteral("storeuser1@contoso.test"));
    CHECK(widget<QLabel>(wizard, "certKey")->text().startsWith(QStringLiteral("yes")));
    REQUIRE(wizard.context()->session());
    CHECK(wizard.context()->session()->certificate().hasPrivateKey);
    CHECK(wizard.context()->session()->certificate().format == cert::SourceFormat::WindowsStore);
    CHECK(wizard.context()->certificatePath().isEmpty());  // nothing to reopen from a recent session
    CHECK(wizard.button(QWizard::NextButton)->isEnabled());
    screenshot(wizard, "2c-certificate-from-store");

    pick(wizard, QStringLiteral("storeuser2"));
    CHECK(widget<QLabel>(wizard, "certUpn")->text() == QStringLiteral("storeuser2@contoso.test"));
    CHECK(widget<QLabel>(wizard, "certKey")->text().startsWith(QStringLiteral("no")));
    CHECK_FALSE(wizard.context()->session()->certificate().hasPrivateKey);
    const auto findings = listedFindings(wizard, "preflightFindings");
    CHECK(findings.contains(QStringLiteral("store-key-not-exportable")));
    CHECK_FALSE(findings.contains(QStringLiteral("no-private-key")));
    CHECK(wizard.button(QWizard::NextButton)->isEnabled());  // the directory can still be checked
    CHECK(store->exports == 2);
}

TEST_CASE("wizard: without the Windows stores the page offers files only", "[ui][certificate]")
{
    ui::Wizard wizard;
    wizard.context()->certificateStore.reset();
    wizard.show();
    next(wizard, PageId::Certificate);
    CHECK(wizard.findChild<QPushButton*>(QStringLiteral("certificateFromStore")) == nullptr);
    CHECK(wizard.findChild<QPushButton*>(QStringLiteral("browseCertificate")) != nullptr);
}
