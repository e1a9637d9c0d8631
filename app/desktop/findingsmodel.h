#pragma once

#include "findings/finding.h"

#include <QAbstractListModel>
#include <QByteArray>

#include <vector>

namespace cio::desktop {

// The findings of one buffer and the exact text they were computed on. The editor paints
// them; the list under the editor shows them; neither owns them.
class FindingsModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Roles { RuleIdRole = Qt::UserRole + 1, LineRole, StartByteRole, HasFixRole };

  explicit FindingsModel(QObject *parent = nullptr);

  void setFindings(std::vector<cio::Finding> findings, QByteArray source);
  void clear();
  const std::vector<cio::Finding> &findings() const { return m_findings; }
  // The text the findings' byte ranges refer to.
  const QByteArray &source() const { return m_source; }
  const cio::Finding *at(int row) const;

  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;

 private:
  std::vector<cio::Finding> m_findings;
  QByteArray m_source;
};

}  // namespace cio::desktop
