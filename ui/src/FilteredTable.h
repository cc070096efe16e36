#pragma once

#include <QWidget>

#include "TextTableModel.h"

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace eascert::ui {

// A table the admin can sort and filter by keyboard alone: a filter field (any column, any case), a
// "sort by" choice, and the header, which sorts by click as well.
class FilteredTable : public QWidget
{
    Q_OBJECT

public:
    // name: the object names' stem ("audit" → auditTable, auditFilter, auditSort); the labels carry
    // the page's own Alt letters.
    FilteredTable(const QStringList& headers, const QString& name, const QString& filterLabel, const QString& sortLabel,
                  QWidget* parent = nullptr);

    TextTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    int shownRows() const;

private:
    TextTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_sort;
};

}  // namespace eascert::ui
