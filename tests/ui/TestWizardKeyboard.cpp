// Enter runs the page's own action and never skips a step; closing with unsaved work asks first.

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>

#include "WizardDriver.h"
#include "eascert/ui/PageId.h"
#include "eascert/ui/WizardContext.h"

using eascert::ui::PageId;

namespace {

QMessageBox* closeQuestion(QWidget& root)
{
    QMessageBox* box = nullptr;
    REQUIRE(waitFor([&] {
        box = root.findChild<QMessageBox*>(QStringLiteral("closeConfirmation"));
        return box && box->isVisible();
    }));
    return box;
}

} // namespace

TEST_CASE("wizard: Enter in the URL field tests the endpoint; closing with unsaved work asks first", "[ui][keyboard]")
{
    eascert::ui::Wizard wizard;
    wizard.show();
    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    next(wizard, PageId::Endpoint);
    auto* verdict = widget<QLabel>(wizard, "probeVerdict");
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled() && verdict->text().contains(QStringLiteral("401.2")); }));

    // Enter in the URL field: a new test on this page, not the next page.
    auto* url = widget<QLineEdit>(wizard, "endpointUrl");
    verdict->clear();
    pressEnter(url);
    CHECK(wizard.currentId() == PageId::Endpoint);
    REQUIRE(waitFor([&] { return verdict->text().contains(QStringLiteral("401.2")); }));
    CHECK(wizard.currentId() == PageId::Endpoint);

    // Esc/Cancel with a test done and no report exported: asked first; Stay keeps everything.
    wizard.reject();
    auto* box = closeQuestion(wizard);
    CHECK(box->text().contains(QStringLiteral("report was not exported")));
    widget<QAbstractButton>(*box, "stayOpen")->click();
    REQUIRE(waitFor([&] { return !box->isVisible(); }));
    CHECK(wizard.isVisible());
    CHECK(wizard.context()->session() != nullptr);

    // Asked again; "Close anyway" closes.
    wizard.reject();
    box = closeQuestion(wizard);
    widget<QAbstractButton>(*box, "confirmClose")->click();
    REQUIRE(waitFor([&] { return !wizard.isVisible(); }));
}
