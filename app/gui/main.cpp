// eas-cert-doctor — the wizard front end of EAS Cert Doctor.

#include <csignal>

#include <QApplication>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include "eascert/ui/Wizard.h"

int main(int argc, char** argv)
{
#ifdef SIGPIPE
    std::signal(SIGPIPE, SIG_IGN);  // a closed server connection is an error value, not a crash
#endif
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EAS Cert Doctor"));
    // No organization name: Qt would nest every folder as "EAS Cert Doctor/EAS Cert Doctor".
    QApplication::setApplicationVersion(QStringLiteral(EASCERT_VERSION));

    // Translations compiled in from resources/translations (the system's language, when there is one).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("eas-cert-doctor"), QStringLiteral("_"),
                        QStringLiteral(":/eascert/translations")))
        QApplication::installTranslator(&translator);

    eascert::ui::Wizard wizard;
    wizard.show();
    // For tests/bench/bench-gui.sh: quit once the first page has been shown.
    if (qEnvironmentVariableIsSet("EASCERT_EXIT_WHEN_SHOWN"))
        QTimer::singleShot(0, &app, &QApplication::quit);
    return QApplication::exec();
}
