#pragma once

#include <QIcon>
#include <QString>

namespace eascert::ui {

// One of the icons compiled in from resources/icons ("critical", "eas-cert-doctor", ...): the SVG
// where the build has Qt's SVG support (Linux), else the PNG sizes made from it (Windows).
QIcon resourceIcon(const QString& name);

}  // namespace eascert::ui
