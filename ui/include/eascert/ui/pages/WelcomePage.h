#pragma once

#include <QWizardPage>

class QLabel;

namespace eascert::ui {

class WelcomePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

private:
    QLabel* m_intro = nullptr;
};

} // namespace eascert::ui
