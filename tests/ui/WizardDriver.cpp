#include "WizardDriver.h"

#include <QApplication>
#include <QDir>
#include <QKeyEvent>
#include <QListWidget>
#include <QPixmap>
#include <QTest>

bool waitFor(const std::function<bool()>& pred, int timeoutMs)
{
    return QTest::qWaitFor(pred, timeoutMs);
}

void click(QWidget& root, const char* name)
{
    auto* b = widget<QAbstractButton>(root, name);
    INFO("button " << name);
    REQUIRE(b->isEnabled());
    b->click();
}

void pressEnter(QWidget* w)
{
    w->setFocus();
    QKeyEvent press(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
    QApplication::sendEvent(w, &press);
    QKeyEvent release(QEvent::KeyRelease, Qt::Key_Return, Qt::NoModifier);
    QApplication::sendEvent(w, &release);
}

void next(eascert::ui::Wizard& wizard, int expectedPage)
{
    auto* button = wizard.button(QWizard::NextButton);
    REQUIRE(waitFor([&] { return button->isEnabled(); }));
    button->click();
    INFO("expected page " << expectedPage << ", at " << wizard.currentId());
    REQUIRE(waitFor([&] { return wizard.currentId() == expectedPage; }, 5000));
}

void back(eascert::ui::Wizard& wizard, int expectedPage)
{
    auto* button = wizard.button(QWizard::BackButton);
    REQUIRE(waitFor([&] { return button->isEnabled(); }));
    button->click();
    INFO("expected page " << expectedPage << ", at " << wizard.currentId());
    REQUIRE(waitFor([&] { return wizard.currentId() == expectedPage; }, 5000));
}

void screenshot(QWidget& window, const std::string& name)
{
    const QByteArray dir = qgetenv("EASCERT_UI_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(QString::fromLocal8Bit(dir));
    QTest::qWait(50);  // let layouts settle
    const QPixmap shot = window.grab();
    CHECK(shot.save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + QString::fromStdString(name) +
                    QStringLiteral(".png")));
}

QStringList listedFindings(QWidget& root, const char* listName)
{
    auto* list = widget<QListWidget>(root, listName);
    QStringList ids;
    for (int i = 0; i < list->count(); ++i)
        ids << list->item(i)->data(Qt::UserRole).toString();
    return ids;
}
