// The baseline for tests/bench/bench-gui.sh: a bare QWizard with one empty page, built and started
// the same way as eas-cert-doctor (same Qt, same flags, same exit hook).

#include <QApplication>
#include <QTimer>
#include <QWizard>
#include <QWizardPage>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QWizard wizard;
    wizard.addPage(new QWizardPage);
    wizard.show();
    if (qEnvironmentVariableIsSet("EASCERT_EXIT_WHEN_SHOWN"))
        QTimer::singleShot(0, &app, &QApplication::quit);
    return QApplication::exec();
}
