#include "findingsmodel.h"

#include <QIcon>

namespace cio::desktop {

FindingsModel::FindingsModel(QObject *parent) : QAbstractListModel(parent) {}

void FindingsModel::setFindings(std::vector<cio::Finding> findings, QByteArray source) {
  beginResetModel();
  m_findings = std::move(findings);
  m_source = std::move(source);
  endResetModel();
}

void FindingsModel::clear() { setFindings({}, {}); }

const cio::Finding *FindingsModel::at(int row) const {
  if (row < 0 || row >= static_cast<int>(m_findings.size())) return nullptr;
  return &m_findings[static_cast<size_t>(row)];
}

int FindingsModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const {
  const cio::Finding *f = at(index.row());
  if (!f) return {};
  switch (role) {
    case Qt::DisplayRole:
      return tr("Line %1  ·  %2  %3").arg(f->line).arg(f->ruleId, f->message);
    case Qt::ToolTipRole:
      return tr("%1 %2 (%3): %4").arg(f->ruleId, f->ruleName, cio::severityName(f->severity), f->message);
    case Qt::DecorationRole:
      return QIcon(QStringLiteral(":/icons/%1.svg").arg(cio::severityName(f->severity)));
    case RuleIdRole: return f->ruleId;
    case LineRole: return f->line;
    case StartByteRole: return f->range.startByte;
    case HasFixRole: return !f->fixes.empty();
    default: return {};
  }
}

}  // namespace cio::desktop
