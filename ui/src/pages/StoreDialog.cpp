#include "StoreDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "eascert/cert/Validity.h"

namespace eascert::ui {

StoreDialog::StoreDialog(const std::vector<cert::StoreCertificate>& certificates, QWidget* parent)
    : QDialog(parent), m_list(new QTreeWidget(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("storeDialog"));
    setWindowTitle(tr("Certificates in the Windows stores"));
    m_list->setObjectName(QStringLiteral("storeCertificates"));
    m_list->setAccessibleName(tr("Personal certificates"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Issued to"), tr("Issued by"), tr("Expires"), tr("Private key"), tr("Store")});
    const auto now = cert::currentTime();
    for (std::size_t i = 0; i < certificates.size(); ++i) {
        const auto& c = certificates[i];
        const bool expired = c.notAfter < now;
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::fromStdString(c.subject));
        item->setText(1, QString::fromStdString(c.issuer));
        item->setText(2, expired ? tr("%1 (expired)").arg(QString::fromStdString(cert::formatTime(c.notAfter)))
                                 : QString::fromStdString(cert::formatTime(c.notAfter)));
        item->setText(3, c.hasPrivateKey ? tr("yes") : tr("no"));
        item->setText(4, c.location == cert::StoreLocation::CurrentUser ? tr("Current user") : tr("Local computer"));
        item->setToolTip(0, tr("SHA-1 thumbprint %1").arg(QString::fromStdString(c.sha1Thumbprint)));
        item->setData(0, Qt::UserRole, static_cast<int>(i));
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Use this certificate"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Pick the certificate the phone presents. With a private key Windows lets us export, "
                               "the endpoint test can present it too."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);

    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(chosen() >= 0); });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 360);
}

int StoreDialog::chosen() const
{
    const auto* item = m_list->currentItem();
    return item && item->isSelected() ? item->data(0, Qt::UserRole).toInt() : -1;
}

}  // namespace eascert::ui
