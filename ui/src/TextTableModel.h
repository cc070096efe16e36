#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QStringList>

namespace eascert::ui {

// Rows of display text under column headers: what the domain path's tables show (an audit, a
// plan), sorted and filtered through a QSortFilterProxyModel. Every cell is already words for the
// admin (outside text through words::outside), never an internal id.
class TextTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit TextTableModel(QStringList headers, QObject* parent = nullptr);

    void setRows(std::vector<QStringList> rows);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    std::vector<QStringList> m_rows;
};

}  // namespace eascert::ui
