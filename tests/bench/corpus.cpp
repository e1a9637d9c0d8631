// Generates a deterministic benchmark corpus: ordinary application code in JavaScript,
// TypeScript, Python, Ruby and Go, some of it integrating Customer.io with planted
// pitfalls, plus a few large files. Nothing is downloaded; the same seed gives the same
// bytes.
//
//   cio_bench_corpus --out DIR --kind realistic|dense [--files N] [--seed S]
//
// Writes DIR/expected.tsv: one line per planted pitfall, "relative/path<TAB>RULE", so the
// benchmark can check that nothing was missed (including calls that reach the client
// through a local module that re-exports it).
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <cstdint>

namespace {

class Rng {
 public:
  explicit Rng(quint64 seed) : m_state(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  quint32 next() {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<quint32>(m_state >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<quint32>(n)); }
  template <typename T>
  const T &pick(const QList<T> &list) { return list.at(below(static_cast<int>(list.size()))); }

 private:
  quint64 m_state;
};

const QStringList kNouns = {"order", "invoice", "cart", "account", "session", "product", "report", "payment",
                            "shipment", "ticket", "review", "coupon", "profile", "team", "project", "comment"};
const QStringList kVerbs = {"load", "save", "update", "validate", "render", "compute", "merge", "sync",
                            "archive", "publish", "resolve", "format", "apply", "refresh", "expire", "notify"};

QString camel(const QString &a, const QString &b) { return a + b.left(1).toUpper() + b.mid(1); }
QString pascal(const QString &a) { return a.left(1).toUpper() + a.mid(1); }

// --- ordinary code, no Customer.io ---------------------------------------------------

QString jsModule(Rng &r, bool typescript, int functions) {
  QString s;
  QTextStream o(&s);
  const QString noun = r.pick(kNouns);
  o << "// " << pascal(noun) << " helpers used by the API and the workers.\n";
  o << (typescript ? "import { db } from '../db';\nimport type { Request } from 'express';\n\n"
                   : "const { db } = require('../db');\nconst _ = require('lodash');\n\n");
  if (typescript) o << "export interface " << pascal(noun) << " {\n  id: string;\n  total: number;\n  items: string[];\n}\n\n";
  for (int i = 0; i < functions; ++i) {
    const QString fn = camel(r.pick(kVerbs), r.pick(kNouns)) + QString::number(i);
    o << (typescript ? "export async function " : "async function ") << fn
      << (typescript ? "(id: string, opts: Record<string, unknown> = {}): Promise<number> {\n" : "(id, opts = {}) {\n");
    o << "  const rows = await db.query('select * from " << noun << "s where id = $1', [id]);\n";
    o << "  let total = 0;\n";
    o << "  for (const row of rows) {\n    if (row.amount > " << r.below(500) << ") {\n      total += row.amount * "
      << (r.below(9) + 1) << ";\n    } else {\n      total -= Math.min(row.amount, " << r.below(100) << ");\n    }\n  }\n";
    o << "  const labels = rows.map((row) => `${row.id}:${row.status}`).filter(Boolean);\n";
    o << "  if (opts.verbose) console.log('" << fn << "', labels.length, total);\n";
    o << "  return Math.round(total * 100) / 100;\n}\n\n";
  }
  if (!typescript) {
    o << "module.exports = {";
    o << " helpers: true };\n";
  }
  return s;
}

QString pyModule(Rng &r, int functions) {
  QString s;
  QTextStream o(&s);
  const QString noun = r.pick(kNouns);
  o << "\"\"\"" << pascal(noun) << " services.\"\"\"\nimport logging\nfrom decimal import Decimal\n\nfrom .db import session\n\n"
    << "log = logging.getLogger(__name__)\n\n\n";
  o << "class " << pascal(noun) << "Service:\n    def __init__(self, repo):\n        self.repo = repo\n\n";
  for (int i = 0; i < functions; ++i) {
    o << "    def " << r.pick(kVerbs) << "_" << r.pick(kNouns) << "_" << i << "(self, item_id, *, limit=" << r.below(90) + 10
      << "):\n        rows = self.repo.fetch(item_id, limit=limit)\n        total = Decimal(0)\n"
      << "        for row in rows:\n            if row.amount > " << r.below(400) << ":\n                total += row.amount\n"
      << "            else:\n                log.debug(\"skipping %s\", row.id)\n"
      << "        labels = [f\"{row.id}:{row.status}\" for row in rows if row.status]\n"
      << "        return {\"total\": total, \"labels\": labels}\n\n";
  }
  return s;
}

QString rbModule(Rng &r, int functions) {
  QString s;
  QTextStream o(&s);
  const QString noun = r.pick(kNouns);
  o << "# frozen_string_literal: true\n\nclass " << pascal(noun) << "Service\n  def initialize(repo)\n    @repo = repo\n  end\n\n";
  for (int i = 0; i < functions; ++i) {
    o << "  def " << r.pick(kVerbs) << "_" << r.pick(kNouns) << "_" << i << "(id, limit: " << r.below(90) + 10
      << ")\n    rows = @repo.fetch(id, limit: limit)\n    total = rows.sum { |row| row.amount > " << r.below(400)
      << " ? row.amount : 0 }\n    labels = rows.map { |row| \"#{row.id}:#{row.status}\" }.compact\n"
      << "    Rails.logger.debug(\"" << noun << " #{id}: #{labels.size}\")\n    { total: total, labels: labels }\n  end\n\n";
  }
  o << "end\n";
  return s;
}

QString goModule(Rng &r, const QString &pkg, int functions) {
  QString s;
  QTextStream o(&s);
  const QString noun = r.pick(kNouns);
  o << "package " << pkg << "\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\n";
  o << "type " << pascal(noun) << " struct {\n\tID     string\n\tAmount int\n\tStatus string\n}\n\n";
  for (int i = 0; i < functions; ++i) {
    o << "func " << pascal(r.pick(kVerbs)) << pascal(r.pick(kNouns)) << i << "(ctx context.Context, rows []" << pascal(noun)
      << ") (int, []string) {\n\ttotal := 0\n\tlabels := make([]string, 0, len(rows))\n\tfor _, row := range rows {\n"
      << "\t\tif row.Amount > " << r.below(400) << " {\n\t\t\ttotal += row.Amount\n\t\t}\n"
      << "\t\tlabels = append(labels, fmt.Sprintf(\"%s:%s\", row.ID, row.Status))\n\t}\n\t_ = ctx\n\treturn total, labels\n}\n\n";
  }
  return s;
}

// --- Customer.io code with planted pitfalls ---------------------------------------------

struct Planted {
  QString file;
  QString rule;
};

void write(const QString &root, const QString &rel, const QString &text) {
  const QString path = root + QLatin1Char('/') + rel;
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(text.toUtf8());
}

}  // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCommandLineParser p;
  p.addHelpOption();
  p.addOption({"out", "output folder", "dir"});
  p.addOption({"kind", "realistic or dense", "kind", "realistic"});
  p.addOption({"files", "number of ordinary files", "n", "3000"});
  p.addOption({"seed", "random seed", "s", "42"});
  p.process(app);
  const QString out = p.value("out");
  if (out.isEmpty()) {
    QTextStream(stderr) << "--out is required\n";
    return 2;
  }
  const bool dense = p.value("kind") == QLatin1String("dense");
  const int files = p.value("files").toInt();
  Rng r(p.value("seed").toULongLong());
  QDir(out).removeRecursively();
  QDir().mkpath(out);
  QList<Planted> planted;

  // The client lives in one module that does not say "customerio" in its name; the
  // routes reach it only through that module.
  write(out, "web/lib/messaging.js",
        "const { TrackClient, RegionUS } = require('customerio-node');\n\n"
        "const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {\n"
        "  region: RegionUS,\n});\n\nmodule.exports = { cio };\n");
  write(out, "api/app/messaging.py",
        "import os\n\nfrom customerio import CustomerIO, Regions\n\n"
        "cio = CustomerIO(os.environ[\"CIO_SITE_ID\"], os.environ[\"CIO_TRACK_KEY\"], region=Regions.US)\n");

  for (int i = 0; i < files; ++i) {
    const int lang = i % 10;  // 4 JS, 2 TS, 2 Python, 1 Ruby, 1 Go of every ten
    // Realistic: one run of ten files (every language) in 250 touches Customer.io, 4 %.
    const bool cio = dense || (i / 10) % 25 == 3;
    const QString n = QString::number(i);
    const int functions = 3 + r.below(10);
    if (lang < 4) {
      const QString rel = QStringLiteral("web/src/module_%1.js").arg(n);
      QString text = jsModule(r, false, functions);
      if (cio) {
        text.prepend("const { cio } = require('../lib/messaging');\n");
        text += QStringLiteral("async function recordSignup%1(user) {\n"
                               "  await cio.identify(user.id, { email: user.email, created_at: Date.now() });\n}\n")
                    .arg(n);
        planted.append({rel, "CIO002"});
      }
      write(out, rel, text);
    } else if (lang < 6) {
      const QString rel = QStringLiteral("web/src/feature_%1.ts").arg(n);
      QString text = jsModule(r, true, functions);
      if (cio && (i / 10) % 2 == 0) {
        // An Express route that waits on the client exported by web/lib/messaging.js.
        text.prepend("import express from 'express';\nimport { cio } from '../lib/messaging';\n");
        text += QStringLiteral("export const routes%1 = express.Router();\n"
                               "routes%1.post('/signup/%1', async (req: Request, res) => {\n"
                               "  await cio.identify(String(req.body.id), { email: req.body.email });\n"
                               "  res.sendStatus(201);\n});\n")
                    .arg(n);
        planted.append({rel, "CIO007"});
      } else if (cio) {
        text.prepend("import { TrackClient } from 'customerio-node';\n");
        text += QStringLiteral("export async function handle%1(req: Request) {\n"
                               "  const client = new TrackClient(process.env.SITE_ID!, process.env.TRACK_KEY!);\n"
                               "  client.track(String(req.params.id), { name: `viewed_${req.params.page}` }).catch(() => {});\n}\n")
                    .arg(n);
        planted.append({rel, "CIO009"});
        planted.append({rel, "CIO006"});
      }
      write(out, rel, text);
    } else if (lang < 8) {
      const QString rel = QStringLiteral("api/app/service_%1.py").arg(n);
      QString text = pyModule(r, functions);
      if (cio) {
        text.prepend("import time\n\nfrom .messaging import cio\n");
        text += QStringLiteral("\n\ndef backfill_%1(users):\n    for user in users:\n"
                               "        cio.identify(id=user.id, email=user.email, created_at=int(time.time() * 1000))\n")
                    .arg(n);
        planted.append({rel, "CIO002"});
        planted.append({rel, "CIO011"});
      }
      write(out, rel, text);
    } else if (lang < 9) {
      const QString rel = QStringLiteral("rails/app/services/service_%1.rb").arg(n);
      QString text = rbModule(r, functions);
      if (cio) {
        text += QStringLiteral("\nclass Signup%1\n  def call(user)\n"
                               "    client = Customerio::Client.new(ENV['CIO_SITE_ID'], ENV['CIO_API_KEY'])\n"
                               "    client.identify(id: user.id, email: user.email)\n  end\nend\n")
                    .arg(n);
        planted.append({rel, "CIO009"});
      }
      write(out, rel, text);
    } else {
      const QString rel = QStringLiteral("svc/internal/pkg%1/file_%2.go").arg(i % 7).arg(n);
      QString text = goModule(r, QStringLiteral("pkg%1").arg(i % 7), functions);
      if (cio) {
        text.replace("import (\n", "import (\n\t\"time\"\n\n\tcustomerio \"github.com/customerio/go-customerio/v3\"\n");
        text += QStringLiteral("func Record%1(client *customerio.CustomerIO, id string) error {\n"
                               "\treturn client.Identify(id, map[string]interface{}{\"email\": id + \"@example.com\", "
                               "\"created_at\": time.Now().UnixMilli()})\n}\n")
                    .arg(n);
        planted.append({rel, "CIO002"});
      }
      write(out, rel, text);
    }
  }

  // A few large files: a 5 MB minified bundle (one line) and a 20,000-line module.
  QString bundle;
  bundle.reserve(5'100'000);
  bundle += "!function(e){\"use strict\";";
  int k = 0;
  while (bundle.size() < 5'000'000)
    bundle += QStringLiteral("var a%1=function(t,n){for(var r=0,o=t.length;r<o;r++)n(t[r],r);return t},b%1={x:%2,y:\"%3\"};")
                  .arg(k++)
                  .arg(r.below(1000))
                  .arg(r.pick(kNouns));
  // Dense: the large files call Customer.io too (analysis cost on every byte).
  if (dense) {
    bundle.prepend("const{TrackClient}=require(\"customerio-node\");const cio=new TrackClient(process.env.S,process.env.K);");
    bundle += "function q(u){cio.identify(u.id,{email:u.email,created_at:Date.now()})}";
    planted.append(Planted{QStringLiteral("web/public/vendor.bundle.min.js"), QStringLiteral("CIO002")});
  }
  bundle += "}(window);\n";
  write(out, "web/public/vendor.bundle.min.js", bundle);
  QString big;
  if (dense) big += "const { cio } = require('../../lib/messaging');\n";
  while (big.count(QLatin1Char('\n')) < 20'000) big += jsModule(r, false, 50);
  if (dense) {
    big += "async function recordSignupHuge(user) {\n"
           "  await cio.identify(user.id, { email: user.email, created_at: Date.now() });\n}\n";
    planted.append(Planted{QStringLiteral("web/src/generated/huge_module.js"), QStringLiteral("CIO002")});
  }
  write(out, "web/src/generated/huge_module.js", big);

  QFile exp(out + "/expected.tsv");
  if (!exp.open(QIODevice::WriteOnly)) return 1;
  for (const Planted &pl : planted) exp.write((pl.file + QLatin1Char('\t') + pl.rule + QLatin1Char('\n')).toUtf8());
  QTextStream(stdout) << "wrote " << files + 4 << " files to " << out << " (" << planted.size() << " planted pitfalls)\n";
  return 0;
}
