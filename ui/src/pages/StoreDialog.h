#pragma once

#include <vector>

#include <QDialog>

#include "eascert/cert/WinCertStore.h"

class QDialogButtonBox;
class QTreeWidget;

namespace eascert::ui {

// Lists the personal certificates of the Windows stores (as certmgr shows them) for the admin to
// pick the one the phone uses.
class StoreDialog : public QDialog
{
    Q_OBJECT

public:
    StoreDialog(const std::vector<cert::StoreCertificate>& certificates, QWidget* parent = nullptr);
    // The index of the chosen certificate in the list given, or -1.
    int chosen() const;

private:
    QTreeWidget* m_list;
    QDialogButtonBox* m_buttons;
};

}  // namespace eascert::ui
