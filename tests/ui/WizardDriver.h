#pragma once

#include <functional>
#include <string>

#include <QAbstractButton>
#include <QString>
#include <QWidget>

#include "CatchCompat.h"
#include "eascert/ui/Wizard.h"

// Finds widgets by their stable objectName and waits for the real wizard's background jobs, as a
// user would: by letting the event loop run (never by calling page internals).
template <class T> T* widget(QWidget& root, const char* name)
{
    auto* w = root.findChild<T*>(QString::fromLatin1(name));
    INFO("widget " << name);
    REQUIRE(w != nullptr);
    return w;
}

// Runs the event loop until pred() holds; false after timeoutMs.
bool waitFor(const std::function<bool()>& pred, int timeoutMs = 30000);

void click(QWidget& root, const char* name);
// Enter pressed in this widget (focused first), as a user presses it.
void pressEnter(QWidget* w);
// Next, and wait until the wizard shows the page with this id.
void next(eascert::ui::Wizard& wizard, int expectedPage);
// Back, and wait until the wizard shows the page with this id.
void back(eascert::ui::Wizard& wizard, int expectedPage);
// Saves a screenshot of the whole wizard as <dir>/<name>.png when EASCERT_UI_SCREENSHOT_DIR is set.
void screenshot(QWidget& window, const std::string& name);
// The finding ids (Qt::UserRole) listed in a QListWidget.
QStringList listedFindings(QWidget& root, const char* listName);
