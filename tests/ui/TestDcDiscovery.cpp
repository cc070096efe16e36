// Domain controller discovery through DNS SRV, against a real DNS server (dnsmasq) on loopback,
// inside a private network and mount namespace whose /etc/resolv.conf points at it (see
// CMakeLists.txt). Covers common::DcDiscovery and the wizard's "Find domain controllers" button.

#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>

#include "DcDiscovery.h"
#include "Process.h"
#include "Settings.h"
#include "TempDir.h"
#include "WizardDriver.h"
#include "eascert/ui/PageId.h"

namespace {

// dnsmasq answering for contoso.test only: two DCs (dc2 preferred by priority), nothing else.
std::unique_ptr<BackgroundProcess> startDns(const TempDir& tmp)
{
    auto dns = std::make_unique<BackgroundProcess>(
        EASCERT_DNSMASQ,
        std::vector<std::string>{"--keep-in-foreground", "--log-facility=-", "--conf-file=/dev/null", "--no-resolv",
                                 "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=53",
                                 "--user=root", "--pid-file=" + (tmp / "dnsmasq.pid").string(),
                                 "--local=/contoso.test/",
                                 "--srv-host=_ldap._tcp.dc._msdcs.contoso.test,dc1.contoso.test,389,10,100",
                                 "--srv-host=_ldap._tcp.dc._msdcs.contoso.test,dc2.contoso.test,389,0,100"},
        tmp / "dnsmasq.log");
    REQUIRE(waitFor([&] { return std::filesystem::exists(tmp / "dnsmasq.pid"); }, 5000));
    return dns;
}

}  // namespace

TEST_CASE("DC discovery: SRV records, best priority first", "[ui][discovery]")
{
    TempDir tmp;
    auto dns = startDns(tmp);
    eascert::common::DcDiscovery discovery;
    QSignalSpy spy(&discovery, &eascert::common::DcDiscovery::finished);
    discovery.start(QStringLiteral("Contoso.Test"), QHostAddress(QStringLiteral("127.0.0.1")));
    REQUIRE(spy.wait(10000));
    const auto uris = spy.at(0).at(0).toStringList();
    CHECK(spy.at(0).at(1).toString().isEmpty());
    CHECK(uris == QStringList{QStringLiteral("ldaps://dc2.contoso.test"), QStringLiteral("ldaps://dc1.contoso.test")});

    // A domain without records: an error that says so, no URIs.
    discovery.start(QStringLiteral("fabrikam.test"), QHostAddress(QStringLiteral("127.0.0.1")));
    REQUIRE(spy.wait(10000));
    CHECK(spy.at(1).at(0).toStringList().isEmpty());
    CHECK_FALSE(spy.at(1).at(1).toString().isEmpty());
}

TEST_CASE("DC discovery: the wizard's button, through the system resolver", "[ui][discovery]")
{
    TempDir tmp;
    auto dns = startDns(tmp);
    eascert::ui::Wizard wizard;
    wizard.show();
    // Straight to the directory page: discovery needs no certificate.
    wizard.setStartId(eascert::ui::PageId::Directory);
    wizard.restart();
    REQUIRE(wizard.currentId() == eascert::ui::PageId::Directory);
    widget<QLineEdit>(wizard, "dcDomain")->setText(QStringLiteral("contoso.test"));
    click(wizard, "discoverDc");
    auto* dc = widget<QComboBox>(wizard, "dcUri");
    REQUIRE(waitFor([&] { return dc->count() == 2; }, 10000));
    CHECK(dc->currentText() == QStringLiteral("ldaps://dc2.contoso.test"));
    CHECK(widget<QLabel>(wizard, "directoryState")->text().contains(QStringLiteral("2 domain controller")));
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Every run starts as a first run: nothing remembered from an earlier run of the tests.
    QSettings(eascert::common::Settings::location(), QSettings::NativeFormat).clear();
    return Catch::Session().run(argc, argv);
}
