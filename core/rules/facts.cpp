#include "rules/facts.h"

#include <QDir>
#include <QRegularExpression>

namespace cio::facts {

QString snakeName(const QString &name) {
  QString out;
  out.reserve(name.size() + 4);
  for (int i = 0; i < name.size(); ++i) {
    const QChar c = name.at(i);
    if (c.isUpper()) {
      const bool prevLower = i > 0 && (name.at(i - 1).isLower() || name.at(i - 1).isDigit());
      const bool nextLower = i + 1 < name.size() && name.at(i + 1).isLower();
      const bool prevUpper = i > 0 && name.at(i - 1).isUpper();
      if (!out.isEmpty() && !out.endsWith(QLatin1Char('_')) && (prevLower || (prevUpper && nextLower)))
        out += QLatin1Char('_');
      out += c.toLower();
    } else if (c.isLetterOrNumber()) {
      out += c;
    } else if (!out.isEmpty() && !out.endsWith(QLatin1Char('_'))) {
      out += QLatin1Char('_');
    }
  }
  while (out.endsWith(QLatin1Char('_'))) out.chop(1);
  return out;
}

bool isSnakeCase(const QString &eventName) {
  static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"));
  return re.match(eventName).hasMatch();
}

QString toSnakeCase(const QString &eventName) { return snakeName(eventName); }

QString nearDuplicateKey(const QString &eventName) {
  QString out;
  for (const QChar c : eventName)
    if (c.isLetterOrNumber()) out += c.toLower();
  return out;
}

bool isEmailName(const QString &name) {
  static const QRegularExpression re(QStringLiteral("(^|_)e_?mail(_addr|_address)?$"));
  return re.match(snakeName(name)).hasMatch();
}

bool containsEmailAddress(const QString &text) {
  static const QRegularExpression re(QStringLiteral(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"));
  return re.match(text).hasMatch();
}

bool containsPhoneNumber(const QString &text) {
  // International or grouped numbers: +44 20 7946 0958, (555) 123-4567, 555-123-4567.
  static const QRegularExpression re(
      QStringLiteral(R"((\+\d{1,3}[\s.-]?)?(\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{3,4})"));
  static const QRegularExpression intl(QStringLiteral(R"(\+\d{8,15})"));
  return re.match(text).hasMatch() || intl.match(text).hasMatch();
}

bool denotesEmail(const Expr &e) {
  if (e.kind == ValueKind::StringLiteral) return e.stringValue.contains(QLatin1Char('@'));
  if (e.kind == ValueKind::NumberLiteral || e.kind == ValueKind::ObjectLiteral) return false;
  if (e.isDynamicString()) {
    // `${user.email}` alone, not `user-${id}` with an email elsewhere.
    return e.stringValue == QLatin1String("{}") && !e.names.isEmpty() && isEmailName(e.names.constLast());
  }
  if (!e.names.isEmpty() && isEmailName(e.names.constLast())) return true;
  // A local variable assigned the address: `key = user.email` ... identify(key)
  return e.kind == ValueKind::Identifier && !e.assignedNames.isEmpty() && isEmailName(e.assignedNames.constLast());
}

static QString personalDataIn(const QStringList &names);

QString personalDataName(const Expr &e) {
  const QString written = personalDataIn(e.names);
  return written.isEmpty() ? personalDataIn(e.assignedNames) : written;
}

static QString personalDataIn(const QStringList &names) {
  // Names that are personal data wherever they appear.
  static const QRegularExpression specific(QStringLiteral(
      "(^|_)(e_?mail(_address)?|phone(_number)?|mobile(_number)?|first_?name|last_?name|full_?name|"
      "user_?name|surname|given_name|family_name|street(_address)?|home_address|postal_address|"
      "date_of_birth|birth_?date|birthday|dob|ssn|social_security_number)$"));
  // Generic names that are personal data only when they belong to a person.
  static const QRegularExpression generic(QStringLiteral("^(name|address|phone)$"));
  static const QRegularExpression personOwner(QStringLiteral(
      "(^|_)(user|customer|person|member|account|profile|contact|subscriber|recipient|patient|buyer|"
      "owner|current_user)$"));
  for (int i = 0; i < names.size(); ++i) {
    const QString n = snakeName(names.at(i));
    if (specific.match(n).hasMatch()) return names.at(i);
    if (generic.match(n).hasMatch()) {
      if (names.size() == 1) return names.at(i);
      if (i > 0 && personOwner.match(snakeName(names.at(i - 1))).hasMatch()) return names.at(i);
    }
  }
  return QString();
}

bool isTimestampKey(const QString &key) {
  static const QRegularExpression re(QStringLiteral("^(timestamp|ts)$|_at$|[a-z]At$"));
  return re.match(key).hasMatch();
}

bool isTrackingOperation(Operation op) {
  switch (op) {
    case Operation::Identify:
    case Operation::Track:
    case Operation::TrackAnonymous:
    case Operation::Page:
    case Operation::AddDevice: return true;
    default: return false;
  }
}

bool isEventOperation(Operation op) { return op == Operation::Track || op == Operation::TrackAnonymous; }

bool takesUnixSeconds(Sdk sdk) {
  return sdk == Sdk::Track || sdk == Sdk::App || sdk == Sdk::BrowserSnippet;
}

bool isTestFile(const QString &path) {
  static const QRegularExpression re(
      QStringLiteral("(^|/)__tests__/|(^|/)(test_[^/]*|[^/]*_test)\\.py$|(^|/)conftest\\.py$|_test\\.go$|"
                     "_spec\\.rb$|_test\\.rb$|\\.(test|spec)\\.[cm]?[jt]sx?$"));
  const QString p = QDir::fromNativeSeparators(path);
  if (re.match(p).hasMatch()) return true;
  // Test folders (helpers, factories, mocha's test/*.js) count in paths relative to the
  // scanned folder only: an absolute path says nothing about where the project starts
  // (a checkout under /home/me/tests/ is not a test).
  static const QRegularExpression folder(QStringLiteral("(^|/)(tests?|spec)/"));
  return QDir::isRelativePath(p) && folder.match(p).hasMatch();
}

QString sameValueKey(const Expr &e) {
  QString out;
  for (const QChar c : e.text)
    if (!c.isSpace()) out += c;
  return out;
}

QString sdkName(Sdk sdk) {
  switch (sdk) {
    case Sdk::Track: return QStringLiteral("Track API");
    case Sdk::App: return QStringLiteral("App API");
    case Sdk::Pipelines: return QStringLiteral("Data Pipelines");
    case Sdk::BrowserSnippet: return QStringLiteral("JavaScript snippet");
    case Sdk::PipelinesBrowser: return QStringLiteral("Data Pipelines browser SDK");
  }
  return QString();
}

std::vector<Fix> eventDataFix(const Call &c) {
  if (c.eventDataRewrite.empty()) return {};
  Fix fix;
  QStringList quoted;
  for (const QString &k : c.dynamicFields) quoted << QStringLiteral("`%1`").arg(k);
  fix.title = QStringLiteral("name the event \"%1\" and send %2 as event data")
                  .arg(c.constantEventName, quoted.join(QStringLiteral(", ")));
  for (const SourceEdit &e : c.eventDataRewrite) fix.edits.push_back(TextEdit{e.range, e.text});
  return {fix};
}

}  // namespace cio::facts
