// Enter runs the page's own action and never skips a step; closing with unsaved work asks first.

#include <filesystem>
#include <memory>

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>

#include "WizardDriver.h"
#include "eascert/support/Path.h"
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

}  // namespace

TEST_CASE("wizard: Enter in the URL field tests the endpoint; closing with unsaved work asks first", "[ui][keyboard]")
{
    eascert::ui::Wizard wizard;
    wizard.show();
    click(wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard.currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }));
    next(wizard, PageId::Endpoint);
    auto* verdict = widget<QLabel>(wizard, "probeVerdict");
    REQUIRE(waitFor([&] {
        return wizard.button(QWizard::NextButton)->isEnabled() && verdict->text().contains(QStringLiteral("401.2"));
    }));

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

TEST_CASE("wizard: Finish keeps a report exported into the demo folder", "[ui][keyboard]")
{
    auto wizard = std::make_unique<eascert::ui::Wizard>();
    wizard->show();
    click(*wizard, "startDemo");
    REQUIRE(waitFor([&] { return wizard->currentId() == PageId::Certificate; }));
    REQUIRE(waitFor([&] { return wizard->button(QWizard::NextButton)->isEnabled(); }));
    const auto folder = wizard->context()->workFolder();
    REQUIRE(std::filesystem::is_directory(folder));
    next(*wizard, PageId::Endpoint);
    next(*wizard, PageId::Directory);
    next(*wizard, PageId::Evidence);
    next(*wizard, PageId::Fix);
    next(*wizard, PageId::Report);
    const auto report = folder / "ticket.html";
    widget<QLineEdit>(*wizard, "reportPath")->setText(QString::fromStdString(eascert::utf8Path(report)));
    click(*wizard, "exportReport");
    REQUIRE(std::filesystem::exists(report));

    // Nothing unsaved (no fix applied, the report exported): Finish closes without asking.
    wizard->button(QWizard::FinishButton)->click();
    REQUIRE(waitFor([&] { return !wizard->isVisible(); }));
    CHECK(wizard->findChild<QMessageBox*>(QStringLiteral("closeConfirmation")) == nullptr);
    wizard.reset();
    CHECK(std::filesystem::exists(report));  // where the admin put it, after the wizard is gone
    std::filesystem::remove_all(folder);
}
