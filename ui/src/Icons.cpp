#include "eascert/ui/Icons.h"

#include <QFile>

namespace eascert::ui {

QIcon resourceIcon(const QString& name)
{
    const QString svg = QStringLiteral(":/eascert/icons/%1.svg").arg(name);
    if (QFile::exists(svg))
        return QIcon(svg);
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        const QString png = QStringLiteral(":/eascert/icons/%1-%2.png").arg(name).arg(size);
        if (QFile::exists(png))
            icon.addFile(png, QSize(size, size));
    }
    return icon;
}

}  // namespace eascert::ui
