// Drives the real wizard offscreen (QT_QPA_PLATFORM=offscreen).

#define CATCH_CONFIG_RUNNER
#include "CatchCompat.h"

#include <QAbstractButton>
#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QSettings>

#include "Settings.h"

#include "eascert/ui/Icons.h"
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
    // The icons render (SVG with Qt's SVG plugin on Linux, the PNGs made from them on Windows): a
    // solid pixel in the middle of each.
    for (const char* name : {"critical", "warning", "info", "ok", "eas-cert-doctor"}) {
        INFO(name);
        const QImage image = eascert::ui::resourceIcon(QLatin1String(name)).pixmap(32, 32).toImage();
        REQUIRE_FALSE(image.isNull());
        CHECK(qAlpha(image.pixel(16, 16)) == 255);
    }
    const QPixmap shot = wizard.grab();
    CHECK(shot.width() >= 600);
    if (const char* path = std::getenv("EASCERT_UI_SCREENSHOT"))
        CHECK(shot.save(QString::fromLocal8Bit(path)));
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Every run starts as a first run: nothing remembered from an earlier run of the tests.
    QSettings(eascert::common::Settings::location(), QSettings::NativeFormat).clear();
    return Catch::Session().run(argc, argv);
}
