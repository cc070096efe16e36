// Opening a protected PFX (no password, wrong password, right password), and a probe against a
// server that never answers: the window keeps processing events and Cancel ends the test within 1 s.

#include <chrono>

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>

#include "HostileServer.h"
#include "TempDir.h"
#include "TestPki.h"
#include "WizardDriver.h"
#include "eascert/cert/CertificateLoader.h"
#include "eascert/lab/LabPki.h"
#include "eascert/support/Secret.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"
#include "eascert/ui/pages/EndpointPage.h"

using eascert::ui::PageId;

namespace {

// A user PFX protected by "Right-Password-1".
std::string writePfx(const TempDir& tmp)
{
    testpki::CertificateSpec ca;
    ca.subject = {{{"CN", "Contoso Test CA"}}};
    ca.ca = true;
    const auto issuer = testpki::make(ca);
    auto spec = testpki::userSpec({{{"CN", "usertest2"}}});
    spec.upns = {"usertest2@contoso.test"};
    const auto user = testpki::make(spec, &issuer);
    eascert::lab::Pkcs12Spec p12;
    p12.password = "Right-Password-1";
    auto pfx = eascert::lab::pkcs12(user, {&issuer}, p12);
    REQUIRE(pfx);
    const auto path = (tmp / "usertest2.pfx").string();
    REQUIRE(eascert::lab::writeFile(path, *pfx, true));
    return path;
}

void open(eascert::ui::Wizard& wizard, const std::string& path, const QString& password)
{
    widget<QLineEdit>(wizard, "certificatePath")->setText(QString::fromStdString(path));
    widget<QLineEdit>(wizard, "certificatePassword")->setText(password);
    click(wizard, "openCertificate");
    auto* state = widget<QLabel>(wizard, "certificateState");
    REQUIRE(waitFor([&] {
        return state->property("state").isValid() && widget<QAbstractButton>(wizard, "openCertificate")->isEnabled();
    }));
}

// The wizard on the endpoint page with the PFX open and the URL of a server on this port.
void toEndpoint(eascert::ui::Wizard& wizard, const std::string& pfx, std::uint16_t port)
{
    wizard.show();
    next(wizard, PageId::Certificate);
    open(wizard, pfx, QStringLiteral("Right-Password-1"));
    next(wizard, PageId::Endpoint);
    widget<QLineEdit>(wizard, "endpointUrl")
        ->setText(QStringLiteral("https://127.0.0.1:%1/Microsoft-Server-ActiveSync").arg(port));
}

}  // namespace

TEST_CASE("wizard: a protected PFX asks for its password inline and says when it is wrong", "[ui][certificate]")
{
    TempDir tmp;
    const auto pfx = writePfx(tmp);
    eascert::ui::Wizard wizard;
    wizard.show();
    next(wizard, PageId::Certificate);
    auto* state = widget<QLabel>(wizard, "certificateState");
    auto* nextButton = wizard.button(QWizard::NextButton);

    open(wizard, pfx, QString());
    CHECK(state->property("state").toString() == QStringLiteral("password"));
    CHECK(state->text().contains(QStringLiteral("protected")));
    CHECK_FALSE(nextButton->isEnabled());

    state->setProperty("state", QVariant());
    open(wizard, pfx, QStringLiteral("wrong"));
    CHECK(state->property("state").toString() == QStringLiteral("password"));
    CHECK(state->text().startsWith(QStringLiteral("Wrong password")));
    CHECK_FALSE(nextButton->isEnabled());
    screenshot(wizard, "2a-certificate-wrong-password");

    state->setProperty("state", QVariant());
    open(wizard, pfx, QStringLiteral("Right-Password-1"));
    CHECK(state->property("state").toString() == QStringLiteral("open"));
    CHECK(widget<QLabel>(wizard, "certUpn")->text().contains(QStringLiteral("usertest2@contoso.test")));
    CHECK(nextButton->isEnabled());

    // The endpoint URL is guessed from the UPN's domain when nothing was used before.
    QSettings().remove(QStringLiteral("endpoint/lastUrl"));
    next(wizard, PageId::Endpoint);
    CHECK(widget<QLineEdit>(wizard, "endpointUrl")->text() ==
          QStringLiteral("https://mail.contoso.test/Microsoft-Server-ActiveSync"));
}

TEST_CASE("wizard: a certificate file dropped on the page opens", "[ui][certificate]")
{
    TempDir tmp;
    testpki::CertificateSpec spec = testpki::userSpec({{{"CN", "dropped-user"}}});
    const auto cert = testpki::make(spec);
    const auto path = (tmp / "dropped.cer").string();
    REQUIRE(eascert::lab::writeFile(path, cert.der()));
    eascert::ui::Wizard wizard;
    wizard.show();
    next(wizard, PageId::Certificate);
    auto* page = wizard.currentPage();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(path))});
    const QPointF centre = QPointF(page->rect().center());
    QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &drop);
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    CHECK(widget<QLabel>(wizard, "certSubject")->text() == QStringLiteral("CN=dropped-user"));
    CHECK(widget<QLabel>(wizard, "certKey")->text().startsWith(QStringLiteral("no")));
    CHECK(listedFindings(wizard, "preflightFindings").contains(QStringLiteral("no-private-key")));
}

TEST_CASE("wizard: a server that never answers does not freeze the window, and Cancel works", "[ui][responsive]")
{
    TempDir tmp;
    const auto pfx = writePfx(tmp);
    HostileServer silent(HostileServer::Kind::Silent);
    eascert::ui::Wizard wizard;
    toEndpoint(wizard, pfx, silent.port());
    // A timer on the UI thread: it only fires while the event loop runs.
    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(20);
    click(wizard, "runProbe");
    auto* cancel = widget<QAbstractButton>(wizard, "cancelProbe");
    REQUIRE(cancel->isEnabled());
    CHECK_FALSE(wizard.button(QWizard::NextButton)->isEnabled());

    // The probe waits for a TLS answer that never comes (its own timeout is 15 s).
    QElapsedTimer waited;
    waited.start();
    waitFor([] { return false; }, 1500);
    CHECK(ticks >= 30);          // ~75 expected: the window kept processing events the whole time
    CHECK(cancel->isEnabled());  // still running

    QElapsedTimer stopping;
    stopping.start();
    cancel->click();
    REQUIRE(waitFor([&] { return !cancel->isEnabled(); }, 5000));
    const auto ms = stopping.elapsed();
    INFO("cancel took " << ms << " ms");
    CHECK(ms < 1000);
    CHECK(widget<QLabel>(wizard, "probeVerdict")->text().startsWith(QStringLiteral("Cancelled")));
    CHECK(wizard.button(QWizard::NextButton)->isEnabled());
}

TEST_CASE("wizard: another certificate while a test runs: the job keeps what it uses, its answer is not "
          "recorded for the new certificate",
          "[ui][responsive][lifetime]")
{
    // Before: jobs held a raw Session*; opening another certificate deleted the session the probe was
    // about to write into (a use after free that ASan reports).
    TempDir tmp;
    const auto pfx = writePfx(tmp);
    const auto ca = testpki::make([] {
        testpki::CertificateSpec s;
        s.subject = {{{"CN", "Lifetime CA"}}};
        s.ca = true;
        return s;
    }());
    auto serverSpec = testpki::userSpec({{{"CN", "127.0.0.1"}}});
    const auto server = testpki::make(serverSpec, &ca);
    REQUIRE(eascert::lab::writeFile(tmp / "server.pem", server.pem()));
    REQUIRE(eascert::lab::writeFile(tmp / "server.key", server.privateKeyPem(), true));
    // Answers after 1.5 s: long enough for the admin to open another certificate meanwhile.
    HostileServer slow(
        [](const HostileServer::Send& send, std::stop_token stop) {
            if (sleepUnlessStopped(std::chrono::milliseconds(1500), stop))
                send("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        },
        tmp / "server.pem", tmp / "server.key");

    eascert::ui::Wizard wizard;
    toEndpoint(wizard, pfx, slow.port());
    auto* insecure = widget<QAbstractButton>(wizard, "endpointInsecure");
    insecure->setChecked(true);  // the lab CA is not in the trust store: not what this test is about
    click(wizard, "runProbe");
    auto* cancel = widget<QAbstractButton>(wizard, "cancelProbe");
    REQUIRE(cancel->isEnabled());
    const auto first = wizard.context()->session();
    std::weak_ptr<eascert::diagnosis::Session> firstAlive = first;
    waitFor([] { return false; }, 300);

    // Another certificate replaces the session while the worker waits for the answer.
    const eascert::Secret password(std::string("Right-Password-1"));
    eascert::cert::LoadOptions load;
    load.password = &password;
    auto other = eascert::cert::loadCertificateFile(tmp / "usertest2.pfx", load);
    REQUIRE(other);
    wizard.context()->setCertificate(std::move(*other), QStringLiteral("other.pfx"));
    const auto second = wizard.context()->session();
    REQUIRE(second != first);
    REQUIRE(waitFor([&] { return !cancel->isEnabled(); }, 10000));
    CHECK_FALSE(second->before().probe.has_value());  // the old answer is not the new certificate's
    CHECK(first->before().probe.has_value() == false);
    CHECK_FALSE(firstAlive.expired());  // we still hold it here; the job held it while it ran
}

TEST_CASE("wizard: a directory value that is not UTF-8 is shown byte for byte", "[ui][directory][text]")
{
    TempDir tmp;
    const auto pfx = writePfx(tmp);
    const auto ldif = tmp / "latin1.ldif";
    // usertest2 holds "X509:<S>CN=Société" in Windows-1252 (base64 in the export).
    REQUIRE(
        eascert::lab::writeFile(ldif, std::string_view("version: 1\n\ndn: CN=usertest2,CN=Users,DC=contoso,DC=test\n"
                                                       "objectClass: user\nsAMAccountName: usertest2\n"
                                                       "altSecurityIdentities:: WDUwOTo8Uz5DTj1Tb2Np6XTp\n")));
    eascert::ui::Wizard wizard;
    wizard.show();
    next(wizard, PageId::Certificate);
    open(wizard, pfx, QStringLiteral("Right-Password-1"));
    next(wizard, PageId::Endpoint);
    next(wizard, PageId::Directory);
    widget<QAbstractButton>(wizard, "sourceLdif")->click();
    widget<QLineEdit>(wizard, "ldifFile")->setText(QString::fromStdString(ldif.string()));
    widget<QLineEdit>(wizard, "accountName")->setText(QStringLiteral("usertest2"));
    click(wizard, "inspectDirectory");
    auto* values = widget<QTreeWidget>(wizard, "mappingValues");
    REQUIRE(waitFor([&] { return values->topLevelItemCount() > 0; }, 10000));
    CHECK(values->topLevelItem(0)->text(0) == QStringLiteral("X509:<S>CN=Soci\\xE9t\\xE9"));
}
