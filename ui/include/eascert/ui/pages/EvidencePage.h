#pragma once

#include "eascert/ui/pages/StepPage.h"

class QDragEnterEvent;
class QDropEvent;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace eascert::ui {

class AsyncJob;
class WizardContext;

// Optional: the servers' own evidence. Files dropped or chosen (the DC's events as .evtx, XML, text or
// CSV; IIS logs; applicationHost.config, netsh http show sslcert, .reg exports) or text pasted from
// Event Viewer; what was read, the records about this certificate (highlighted), and the findings,
// which go into the verdict. Nothing is sent anywhere.
class EvidencePage : public StepPage
{
    Q_OBJECT

public:
    EvidencePage(WizardContext* context, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    // Reads these files (off the UI thread) into the session.
    void readFiles(const QStringList& paths);
    void readPasted();
    void chooseFiles();
    void removeAll();

protected:
    void runAction() override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    // Enter in the paste box reads it (the page's action), Shift+Enter is a new line: text is pasted
    // here, not typed.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void build();
    void showEvidence();

    bool m_built = false;
    WizardContext* m_context;
    AsyncJob* m_job;
    QPlainTextEdit* m_paste = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_read = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_state = nullptr;
    QTreeWidget* m_sources = nullptr;
    QTreeWidget* m_records = nullptr;
    QListWidget* m_findings = nullptr;
};

}  // namespace eascert::ui
