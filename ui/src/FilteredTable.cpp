#include "FilteredTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace eascert::ui {

FilteredTable::FilteredTable(const QStringList& headers, const QString& name, const QString& filterLabel,
                             const QString& sortLabel, QWidget* parent)
    : QWidget(parent), m_model(new TextTableModel(headers, this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setObjectName(name + QStringLiteral("Table"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(name + QStringLiteral("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("any part of any column"));
    m_sort = new QComboBox(this);
    m_sort->setObjectName(name + QStringLiteral("Sort"));
    m_sort->addItems(headers);
    auto* filterText = new QLabel(filterLabel, this);
    filterText->setBuddy(m_filter);
    auto* sortText = new QLabel(sortLabel, this);
    sortText->setBuddy(m_sort);
    auto* row = new QHBoxLayout;
    row->addWidget(filterText);
    row->addWidget(m_filter, 1);
    row->addWidget(sortText);
    row->addWidget(m_sort);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_sort, &QComboBox::currentIndexChanged, this,
            [this](int column) { m_view->sortByColumn(column, Qt::AscendingOrder); });
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder) {
        const QSignalBlocker block(m_sort);
        m_sort->setCurrentIndex(column);
    });
}

int FilteredTable::shownRows() const
{
    return m_proxy->rowCount();
}

}  // namespace eascert::ui
