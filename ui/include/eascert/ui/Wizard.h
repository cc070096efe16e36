#pragma once

#include <QWizard>

namespace eascert::ui {

// The EAS Cert Doctor wizard: certificate → endpoint → directory → fix → report.
// Only the welcome page exists so far; later pages are added by id (see PageId.h).
class Wizard : public QWizard
{
    Q_OBJECT

public:
    explicit Wizard(QWidget* parent = nullptr);
};

} // namespace eascert::ui
