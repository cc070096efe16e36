// Drives the real wizard offscreen (QT_QPA_PLATFORM=offscreen).

#define CATCH_CONFIG_RUNNER
#include "CatchCompat.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QPixmap>

#include "eascert/ui/PageId.h"
#include "eascert/ui/Wizard.h"

TEST_CASE("the wizard opens on the welcome page", "[ui]")
{
    eascert::ui::Wizard wizard;
    wizard.show();
    QApplication::processEvents();
    CHECK(wizard.currentId() == eascert::ui::PageId::Welcome);
    auto* intro = wizard.findChild<QLabel*>(QStringLiteral("welcomeIntro"));
    REQUIRE(intro);
    CHECK(intro->text().contains(QStringLiteral("certificate")));
    CHECK_FALSE(wizard.windowIcon().isNull());
    const QPixmap shot = wizard.grab();
    CHECK(shot.width() >= 600);
    if (const char* path = std::getenv("EASCERT_UI_SCREENSHOT"))
        CHECK(shot.save(QString::fromLocal8Bit(path)));
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
