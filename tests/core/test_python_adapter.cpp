// The Python adapter's model facts, asserted directly (the fixtures test the rules on
// top). Set CIO_DUMP_MODEL=<file.py> to print the model of any file instead.
#include "adapters/adapter.h"
#include "language/language.h"
#include "project/analyzer.h"

#include <QFile>
#include <QtTest>

using namespace cio;

namespace {

FileModel extract(const QByteArray &source, const QString &path = QStringLiteral("app/views.py")) {
  const Language &lang = LanguageRegistry::byId(LanguageId::Python);
  Document doc(lang, source);
  if (!doc.parse()) return {};
  return adapterFor(LanguageId::Python)->extract(doc, path);
}

const char *kindName(ValueKind k) {
  switch (k) {
    case ValueKind::Unknown: return "unknown";
    case ValueKind::StringLiteral: return "string";
    case ValueKind::NumberLiteral: return "number";
    case ValueKind::InterpolatedString: return "interpolated";
    case ValueKind::Concatenation: return "concat";
    case ValueKind::FormatCall: return "format";
    case ValueKind::CallResult: return "call";
    case ValueKind::Identifier: return "identifier";
    case ValueKind::Member: return "member";
    case ValueKind::ObjectLiteral: return "object";
    case ValueKind::Other: return "other";
  }
  return "?";
}

QString describe(const Expr &e) {
  QString s = QStringLiteral("%1 [%2] names=%3").arg(e.text, QLatin1String(kindName(e.kind)), e.names.join(QLatin1Char(',')));
  if (!e.stringValue.isEmpty()) s += QStringLiteral(" value=\"%1\"").arg(e.stringValue);
  if (e.millisecondClock) s += QStringLiteral(" ms(rewrite=%1)").arg(e.secondsRewrite);
  if (e.requestInput) s += QStringLiteral(" request-input");
  return s;
}

void dump(const FileModel &m) {
  QTextStream out(stdout);
  for (const Client &c : m.clients)
    out << "client " << c.id << " sdk=" << int(c.sdk) << " ctor=" << c.constructor << " line=" << c.range.startRow + 1
        << " fn=" << c.functionId << " inside=" << c.insideFunction << " cached=" << c.cached
        << " ctorInit=" << c.inConstructor << " region=" << c.region << " names=" << c.names.join(QLatin1Char(','))
        << "\n";
  for (const FunctionScope &f : m.functions)
    if (f.requestHandler || f.backgroundTask)
      out << "fn " << f.id << " " << f.name << " handler=" << f.requestHandler << " background=" << f.backgroundTask
          << "\n";
  auto printCall = [&](const Call &c, const QString &prefix) {
    out << prefix << c.method << " line=" << c.range.startRow + 1 << " op=" << int(c.op) << " sdk=" << int(c.sdk)
        << " client=" << c.clientId << " fn=" << c.functionId << " waits=" << c.waitsForResult << " loop=" << c.inLoop
        << " throttled=" << c.loopThrottled << " visible=" << c.attributesFullyVisible << "\n";
    if (c.personId) out << "    person: " << describe(*c.personId) << "\n";
    if (c.eventName) out << "    event: " << describe(*c.eventName) << "\n";
    for (const Attribute &a : c.attributes) out << "    attr " << a.key << ": " << describe(a.value) << "\n";
  };
  for (const Call &c : m.calls) printCall(c, QStringLiteral("call "));
  for (const auto &[r, c] : m.pendingCalls) printCall(c, QStringLiteral("pending(%1) ").arg(r));
  for (const HttpRequest &h : m.httpRequests)
    out << "http " << h.host << " auth=" << int(h.auth) << " line=" << h.range.startRow + 1 << "\n";
  for (const ClientExport &e : m.exports) out << "export " << e.exportedName << " -> " << e.clientId << "\n";
  for (const LocalImport &i : m.imports)
    out << "import " << i.localName << " = " << i.importedName << " from " << i.specifier << "\n";
  out << "bounce webhook: " << m.handlesBounceWebhook << " comments: " << m.comments.size() << "\n";
}

const Attribute *attribute(const Call &c, const QString &key) {
  for (const Attribute &a : c.attributes)
    if (a.key == key) return &a;
  return nullptr;
}

}  // namespace

class TestPythonAdapter : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void dumpModel();
  void importsAndConstructors();
  void otherAnalyticsLibrariesAreIgnored();
  void identifyShapes();
  void trackShapesAndEventNames();
  void millisecondClocks();
  void requestInputAndNames();
  void handlersAndBackgroundWork();
  void clientPlacement();
  void loops();
  void pipelinesAndTransactional();
  void asyncClient();
  void rawHttpAndWebhooks();
  void crossFileLinking();
  void clientsPassedAround();
  void wholeProjectFindings();
};

void TestPythonAdapter::dumpModel() {
  const QByteArray file = qgetenv("CIO_DUMP_MODEL");
  if (file.isEmpty()) QSKIP("set CIO_DUMP_MODEL=<file.py> to print a model");
  QFile f(QString::fromLocal8Bit(file));
  QVERIFY(f.open(QIODevice::ReadOnly));
  dump(extract(f.readAll(), QString::fromLocal8Bit(file)));
}

void TestPythonAdapter::importsAndConstructors() {
  const FileModel m = extract(R"(
import customerio
from customerio import CustomerIO as CIO, APIClient, Regions
from customerio.analytics import Client
from async_customerio import AsyncCustomerIO

track = CIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_API_KEY"], region=Regions.EU)
legacy = customerio.CustomerIO(site_id=SITE_ID, api_key=API_KEY)
app_api = APIClient(settings.CIO_APP_KEY)
pipelines = Client("write-key")
aio = AsyncCustomerIO(SITE_ID, API_KEY)
)");
  QCOMPARE(int(m.clients.size()), 5);
  const Client &t = m.clients[0];
  QCOMPARE(t.sdk, Sdk::Track);
  QCOMPARE(t.constructor, QStringLiteral("CIO"));
  QCOMPARE(t.region, QStringLiteral("eu"));
  QCOMPARE(int(t.credentialArgs.size()), 2);
  QCOMPARE(t.credentialArgs[1].names, QStringList({"os", "environ", "CUSTOMERIO_API_KEY"}));
  QCOMPARE(t.names, QStringList{"track"});
  QVERIFY(!t.insideFunction);
  QCOMPARE(m.clients[1].constructor, QStringLiteral("customerio.CustomerIO"));
  QCOMPARE(m.clients[1].credentialArgs[0].text, QStringLiteral("SITE_ID"));
  QCOMPARE(m.clients[1].credentialArgs[1].text, QStringLiteral("API_KEY"));
  QCOMPARE(m.clients[2].sdk, Sdk::App);
  QCOMPARE(m.clients[2].credentialArgs[0].names, QStringList({"settings", "CIO_APP_KEY"}));
  QCOMPARE(m.clients[3].sdk, Sdk::Pipelines);
  QCOMPARE(m.clients[4].sdk, Sdk::Track);
  // module-level clients are exported
  QCOMPARE(int(m.exports.size()), 5);
}

void TestPythonAdapter::otherAnalyticsLibrariesAreIgnored() {
  const FileModel m = extract(R"(
import analytics
import mixpanel
from posthog import Posthog
analytics.write_key = "x"
mp = mixpanel.Mixpanel("token")
posthog = Posthog("key")
def signup(request):
  analytics.track(user_id=request.user.id, event="Signed Up")
  analytics.identify(request.user.id, {"email": request.user.email})
  mp.track(request.user.id, "Signed Up")
  posthog.capture(request.user.id, "signed_up")
)");
  QVERIFY(m.clients.empty());
  QVERIFY(m.calls.empty());
  QVERIFY(m.pendingCalls.empty());
}

void TestPythonAdapter::identifyShapes() {
  const FileModel m = extract(R"(
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, API_KEY)
def a(user, attrs):
  cio.identify(id=user.id, email=user.email, created_at=int(time.time()))
  cio.identify(user.id, **attrs)
  cio.identify(user.email, plan="pro")
  cio.identify(id=user.id, **{"email": user.email})
)");
  QCOMPARE(int(m.calls.size()), 4);
  const Call &first = m.calls[0];
  QCOMPARE(first.op, Operation::Identify);
  QCOMPARE(first.clientId, 0);
  QCOMPARE(first.personId->text, QStringLiteral("user.id"));
  QCOMPARE(first.personId->kind, ValueKind::Member);
  QVERIFY(first.attributesFullyVisible);
  QCOMPARE(int(first.attributes.size()), 2);
  QVERIFY(!attribute(first, "created_at")->value.millisecondClock);
  QVERIFY(first.waitsForResult);
  QVERIFY(!m.calls[1].attributesFullyVisible);
  QCOMPARE(m.calls[2].personId->names, QStringList({"user", "email"}));
  QVERIFY(m.calls[3].attributesFullyVisible);
  QVERIFY(attribute(m.calls[3], "email"));
}

void TestPythonAdapter::trackShapesAndEventNames() {
  const FileModel m = extract(R"(
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, API_KEY)
def a(user, plan, data):
  cio.track(customer_id=user.id, name="signed_up", plan=plan)
  cio.track(user.id, f"upgraded_to_{plan}", data={"plan": plan}, timestamp=int(time.time() * 1000))
  cio.track(user.id, "plan_%s" % plan)
  cio.track(user.id, "plan_{}".format(plan))
  cio.track(user.id, "plan_" + plan, **data)
  cio.track(user.id, event_name(plan))
  cio.track_anonymous(anon_id, "page_seen")
  cio.backfill(user.id, "imported", 1700000000000)
)");
  QCOMPARE(int(m.calls.size()), 8);
  QCOMPARE(m.calls[0].eventName->kind, ValueKind::StringLiteral);
  QCOMPARE(m.calls[0].eventName->stringValue, QStringLiteral("signed_up"));
  QVERIFY(m.calls[0].eventName->contentRange.has_value());
  QVERIFY(attribute(m.calls[0], "plan"));
  QVERIFY(m.calls[0].attributesFullyVisible);
  const Call &fstr = m.calls[1];
  QCOMPARE(fstr.eventName->kind, ValueKind::InterpolatedString);
  QCOMPARE(fstr.eventName->stringValue, QStringLiteral("upgraded_to_{}"));
  QCOMPARE(fstr.eventName->names, QStringList{"plan"});
  const Attribute *ts = attribute(fstr, "timestamp");
  QVERIFY(ts && ts->value.millisecondClock);
  QCOMPARE(ts->value.secondsRewrite, QStringLiteral("int(time.time())"));
  QVERIFY(attribute(fstr, "plan"));
  QCOMPARE(m.calls[2].eventName->kind, ValueKind::FormatCall);
  QCOMPARE(m.calls[2].eventName->stringValue, QStringLiteral("plan_{}"));
  QCOMPARE(m.calls[3].eventName->kind, ValueKind::FormatCall);
  QCOMPARE(m.calls[3].eventName->stringValue, QStringLiteral("plan_{}"));
  QCOMPARE(m.calls[4].eventName->kind, ValueKind::Concatenation);
  QVERIFY(!m.calls[4].attributesFullyVisible);
  QCOMPARE(m.calls[5].eventName->kind, ValueKind::CallResult);
  QCOMPARE(m.calls[6].op, Operation::TrackAnonymous);
  const Attribute *back = attribute(m.calls[7], "timestamp");
  QVERIFY(back && back->value.millisecondClock);
}

void TestPythonAdapter::millisecondClocks() {
  const FileModel m = extract(R"(
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, API_KEY)
def a(user, dt):
  now_ms = int(time.time() * 1000)
  cio.identify(user.id, a_at=time.time() * 1000, b_at=int(dt.timestamp() * 1000), c_at=round(time.time() * 1000),
               d_at=time.time_ns() // 1_000_000, e_at=1700000000000, f_at=now_ms,
               g_at=int(time.time()), h_at=int(dt.timestamp()), i_at=time.time_ns() // 1_000_000_000)
)");
  const Call &c = m.calls.at(0);
  for (const char *k : {"a_at", "b_at", "c_at", "d_at", "e_at", "f_at"})
    QVERIFY2(attribute(c, k)->value.millisecondClock, k);
  for (const char *k : {"g_at", "h_at", "i_at"}) QVERIFY2(!attribute(c, k)->value.millisecondClock, k);
  QCOMPARE(attribute(c, "b_at")->value.secondsRewrite, QStringLiteral("int(dt.timestamp())"));
}

void TestPythonAdapter::requestInputAndNames() {
  const FileModel m = extract(R"(
from flask import request
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, API_KEY)
@bp.post("/signup")
def signup():
  payload = request.get_json()
  cio.identify(request.json["email"])
  cio.identify(payload["email"])
  cio.identify(request.args.get("email"))
  cio.identify(request.user.email)
)");
  QCOMPARE(int(m.calls.size()), 4);
  QCOMPARE(m.calls[0].personId->names, QStringList({"request", "json", "email"}));
  QVERIFY(m.calls[0].personId->requestInput);
  QVERIFY(m.calls[1].personId->requestInput);
  QVERIFY(m.calls[2].personId->requestInput);
  QCOMPARE(m.calls[2].personId->names, QStringList({"request", "args", "get", "email"}));
  QVERIFY(!m.calls[3].personId->requestInput);
  QVERIFY(m.functions[0].requestHandler);
  QVERIFY(m.inRequestPath(m.calls[0].functionId));
}

void TestPythonAdapter::handlersAndBackgroundWork() {
  const FileModel m = extract(R"(
from customerio import CustomerIO
from celery import shared_task
import threading
cio = CustomerIO(SITE_ID, API_KEY)

@app.route("/a", methods=["POST"])
def a():
  cio.track(1, "x")
  threading.Thread(target=lambda: cio.track(2, "y")).start()
  threading.Thread(target=send_later, args=(3,)).start()

@router.post("/b")
async def b(background_tasks: BackgroundTasks):
  background_tasks.add_task(notify, 4)

@shared_task
def welcome(user_id):
  cio.track(user_id, "welcome")

def send_later(uid):
  cio.track(uid, "later")

def notify(uid):
  cio.track(uid, "notify")

class SignupView(APIView):
  def post(self, request):
      cio.track(request.user.id, "signed_up")
)");
  QCOMPARE(int(m.calls.size()), 6);
  QVERIFY(m.calls[0].waitsForResult);
  QVERIFY(m.inRequestPath(m.calls[0].functionId));
  QVERIFY(!m.calls[1].waitsForResult);  // the thread's lambda
  QVERIFY(!m.inRequestPath(m.calls[1].functionId));
  QVERIFY(!m.calls[2].waitsForResult);  // celery
  QVERIFY(!m.calls[3].waitsForResult);  // thread target
  QVERIFY(!m.calls[4].waitsForResult);  // BackgroundTasks target
  QVERIFY(m.calls[5].waitsForResult);
  QVERIFY(m.inRequestPath(m.calls[5].functionId));
}

void TestPythonAdapter::clientPlacement() {
  const FileModel m = extract(R"(
import functools
from customerio import CustomerIO, APIClient
_client = None

def get_client():
  global _client
  if _client is None:
      _client = CustomerIO(SITE_ID, API_KEY)
  return _client

@functools.lru_cache(maxsize=None)
def api():
  return APIClient(APP_KEY)

class Tracker:
  shared = CustomerIO(SITE_ID, API_KEY)
  def __init__(self):
      self.cio = CustomerIO(SITE_ID, API_KEY)
  def hit(self, uid):
      self.cio.track(uid, "hit")
      self.shared.identify(uid)

@app.post("/signup")
def signup():
  cio = CustomerIO(SITE_ID, API_KEY)
  cio.identify(1, email="a@b.c")
  get_client().track(1, "signed_up")
  with CustomerIO(SITE_ID, API_KEY) as c:
      c.track(1, "x")
)");
  QCOMPARE(int(m.clients.size()), 6);
  QVERIFY(m.clients[0].insideFunction && m.clients[0].cached);
  QVERIFY(m.clients[1].insideFunction && m.clients[1].cached);
  QVERIFY(!m.clients[2].insideFunction);
  QVERIFY(m.clients[3].inConstructor && !m.clients[3].cached);
  QVERIFY(m.clients[4].insideFunction && !m.clients[4].cached && !m.clients[4].inConstructor);
  QVERIFY(m.clients[5].insideFunction && !m.clients[5].cached);
  QCOMPARE(int(m.calls.size()), 5);
  QCOMPARE(m.calls[0].clientId, 3);
  QCOMPARE(m.calls[1].clientId, 2);
  QCOMPARE(m.calls[2].clientId, 4);
  QCOMPARE(m.calls[3].clientId, 0);
  QCOMPARE(m.calls[4].clientId, 5);
  bool exportsFactory = false;
  for (const ClientExport &e : m.exports) exportsFactory = exportsFactory || e.exportedName == "get_client()";
  QVERIFY(exportsFactory);
}

void TestPythonAdapter::loops() {
  const FileModel m = extract(R"(
import time
from customerio import CustomerIO
from ratelimit import limits, sleep_and_retry
cio = CustomerIO(SITE_ID, API_KEY)
def a(users):
  for u in users:
      cio.identify(u.id, email=u.email)
  for u in users:
      cio.identify(u.id, email=u.email)
      time.sleep(0.05)
  [cio.track(u.id, "x") for u in users]
  list(map(lambda u: cio.track(u.id, "y"), users))
  for attempt in range(3):
      cio.track(1, "retry")
  for name in ("a_done", "b_done"):
      cio.track(1, name)
  cio.batch([{"type": "person"} for u in users])
  while queue:
      with limiter.ratelimit("cio", delay=True):
          cio.track(queue.pop(), "z")

@sleep_and_retry
@limits(calls=50, period=1)
def b(users):
  for u in users:
      cio.track(u.id, "limited")
)");
  QCOMPARE(int(m.calls.size()), 9);
  QVERIFY(m.calls[0].inLoop && !m.calls[0].loopThrottled);
  QVERIFY(m.calls[1].inLoop && m.calls[1].loopThrottled);
  QVERIFY(m.calls[2].inLoop && !m.calls[2].loopThrottled);
  QVERIFY(m.calls[3].inLoop);
  QVERIFY(!m.calls[4].inLoop);
  QVERIFY(!m.calls[5].inLoop);  // two literal names
  QCOMPARE(m.calls[6].op, Operation::Batch);
  QVERIFY(m.calls[6].loopThrottled);
  QVERIFY(m.calls[7].inLoop && m.calls[7].loopThrottled);
  QVERIFY(m.calls[8].inLoop && m.calls[8].loopThrottled);
}

void TestPythonAdapter::pipelinesAndTransactional() {
  const FileModel m = extract(R"(
from customerio import analytics, APIClient, SendEmailRequest
api = APIClient(APP_KEY)
def a(user):
  analytics.track(user_id=user.id, event="Order Completed", properties={"total": 3}, timestamp=int(time.time() * 1000))
  analytics.identify(user.id, {"email": user.email})
  req = SendEmailRequest(to=user.email, transactional_message_id="3", identifiers={"id": user.id})
  api.send_email(req)
  api.send_email(SendEmailRequest(to=user.email, identifiers={"email": user.email}, message_data={}))
)");
  QCOMPARE(int(m.calls.size()), 4);
  QCOMPARE(m.calls[0].sdk, Sdk::Pipelines);
  QCOMPARE(m.calls[0].eventName->stringValue, QStringLiteral("Order Completed"));
  QVERIFY(attribute(m.calls[0], "timestamp")->value.millisecondClock);
  QVERIFY(attribute(m.calls[0], "total"));
  QVERIFY(!m.calls[0].waitsForResult);
  QCOMPARE(m.calls[1].op, Operation::Identify);
  QVERIFY(attribute(m.calls[1], "email"));
  QCOMPARE(m.calls[1].personId->text, QStringLiteral("user.id"));
  QCOMPARE(m.calls[2].op, Operation::SendEmail);
  QCOMPARE(m.calls[2].sdk, Sdk::App);
  QVERIFY(attribute(m.calls[2], "to"));
  QCOMPARE(m.calls[2].personId->text, QStringLiteral("user.id"));
  QVERIFY(attribute(m.calls[3], "message_data"));
  QVERIFY(!m.calls[3].personId.has_value());
}

void TestPythonAdapter::asyncClient() {
  const FileModel m = extract(R"(
from async_customerio import AsyncCustomerIO
cio = AsyncCustomerIO(SITE_ID, API_KEY)
@app.post("/x")
async def x():
  await cio.track(1, "a")
  asyncio.create_task(cio.track(1, "b"))
)");
  QCOMPARE(int(m.calls.size()), 2);
  QVERIFY(m.calls[0].waitsForResult);
  QVERIFY(!m.calls[1].waitsForResult);
}

void TestPythonAdapter::rawHttpAndWebhooks() {
  const FileModel m = extract(R"(
import requests, httpx
TRACK = "https://track.customer.io/api/v1"
def a(uid):
  requests.put(f"{TRACK}/customers/{uid}", auth=(SITE_ID, API_KEY), json={})
  httpx.post("https://api.customer.io/v1/send/email", headers={"Authorization": f"Bearer {APP_KEY}"})
  requests.post("https://track.customer.io/api/v1/events", headers={"Authorization": "Bearer " + KEY})

@app.post("/webhooks/cio")
def hook():
  event = request.get_json()
  if event["metric"] == "bounced":
      pass
# trailing comment
)");
  QCOMPARE(int(m.httpRequests.size()), 3);
  QCOMPARE(m.httpRequests[0].host, QStringLiteral("track.customer.io"));
  QCOMPARE(m.httpRequests[0].auth, HttpAuth::Basic);
  QCOMPARE(m.httpRequests[1].host, QStringLiteral("api.customer.io"));
  QCOMPARE(m.httpRequests[1].auth, HttpAuth::Bearer);
  QCOMPARE(m.httpRequests[2].auth, HttpAuth::Bearer);
  QVERIFY(m.handlesBounceWebhook);
  QCOMPARE(int(m.comments.size()), 1);
}

void TestPythonAdapter::crossFileLinking() {
  const FileModel lib = extract(R"(
from customerio import CustomerIO, APIClient
cio = CustomerIO(SITE_ID, API_KEY)
api = APIClient(APP_KEY)
)",
                                QStringLiteral("proj/app/clients.py"));
  const FileModel rel = extract(R"(
from .clients import cio
def a(uid):
  cio.track(uid, "x")
)",
                                QStringLiteral("proj/app/views.py"));
  const FileModel factories = extract(R"(
from customerio import CustomerIO
from functools import lru_cache
@lru_cache
def get_cio():
    return CustomerIO(SITE_ID, API_KEY)
)",
                                      QStringLiteral("proj/app/cio.py"));
  const FileModel viaFactory = extract(R"(
from app.cio import get_cio
from app import cio as cio_module
def c(uid):
    get_cio().track(uid, "x")
    cio_module.get_cio().identify(uid, email="a@b.c")
)",
                                       QStringLiteral("proj/app/jobs.py"));
  const FileModel settings = extract(R"(
from customerio import CustomerIO
CUSTOMERIO = CustomerIO(SITE_ID, API_KEY)
)",
                                     QStringLiteral("proj/mysite/settings.py"));
  const FileModel viaSettings = extract(R"(
from django.conf import settings
def signup(request):
    settings.CUSTOMERIO.identify(request.user.pk, email=request.user.email)
)",
                                        QStringLiteral("proj/accounts/views.py"));
  const FileModel abs = extract(R"(
from app.clients import api as transactional
from app import clients
def b(uid):
  transactional.send_email({"to": "a@b.c", "transactional_message_id": 1})
  clients.cio.identify(uid, email="a@b.c")
)",
                                QStringLiteral("proj/app/jobs/tasks.py"));
  QCOMPARE(int(rel.pendingCalls.size()), 1);
  QCOMPARE(rel.imports.at(0).specifier, QStringLiteral("./clients"));
  QCOMPARE(int(abs.pendingCalls.size()), 2);
  QCOMPARE(int(factories.exports.size()), 1);
  QCOMPARE(factories.exports[0].exportedName, QStringLiteral("get_cio()"));
  std::vector<FileModel> models{lib, rel, abs, settings, viaSettings, factories, viaFactory};
  linkProject(models);
  QCOMPARE(int(models[6].calls.size()), 2);
  QCOMPARE(models[6].calls[0].op, Operation::Track);
  QCOMPARE(int(models[4].calls.size()), 1);
  QVERIFY(models[4].inRequestPath(models[4].calls[0].functionId));
  QCOMPARE(int(models[1].calls.size()), 1);
  QCOMPARE(models[1].calls[0].sdk, Sdk::Track);
  QCOMPARE(int(models[2].calls.size()), 2);
  QCOMPARE(models[2].calls[0].sdk, Sdk::App);
  QCOMPARE(models[2].calls[0].op, Operation::SendEmail);
  QCOMPARE(models[2].calls[1].op, Operation::Identify);
}

void TestPythonAdapter::clientsPassedAround() {
  const FileModel m = extract(R"(
from customerio import CustomerIO
from .models import User

def build_client():
    return CustomerIO(SITE_ID, API_KEY)

cio = build_client()

class Tracker:
    def __init__(self, client):
        self.client = client
    def seen(self, uid):
        self.client.track(uid, "seen")

def sync(client, users):
    for u in users:
        client.identify(u.id, email=u.email)

tracker = Tracker(cio)
sync(cio, User.objects.all())
User.objects.filter(active=False).delete()
)");
  QCOMPARE(int(m.clients.size()), 1);
  QVERIFY(m.clients[0].insideFunction);
  QVERIFY(m.clients[0].cached);  // the factory only runs at import time
  QCOMPARE(int(m.calls.size()), 2);
  QCOMPARE(m.calls[0].clientId, 0);
  QCOMPARE(m.calls[1].clientId, 0);
  QVERIFY(m.calls[1].inLoop);
  QVERIFY(m.pendingCalls.empty());  // `User.objects...delete()` is not a Customer.io call
}

// Through the analyzer: a client exported by one module and used by a Flask route in
// another yields the route's findings, and CIO008 sees the project's email sending.
void TestPythonAdapter::wholeProjectFindings() {
  const QByteArray clients = R"(
import os
from customerio import CustomerIO
cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_KEY"])
)";
  const QByteArray routes = R"(
from flask import Blueprint, request
from .clients import cio

bp = Blueprint("a", __name__)

@bp.post("/signup")
def signup():
    cio.identify(request.json["email"], email=request.json["email"])
    return "", 201
)";
  const std::vector<SourceFile> files{
      SourceFile{QStringLiteral("web/clients.py"), QStringLiteral("web/clients.py"), clients},
      SourceFile{QStringLiteral("web/routes.py"), QStringLiteral("web/routes.py"), routes}};
  const AnalysisResult r = Analyzer().analyzeFiles(files);
  QStringList got;
  for (const Finding &f : r.findings) got << QStringLiteral("%1:%2:%3").arg(f.file).arg(f.line).arg(f.ruleId);
  got.sort();
  QCOMPARE(got, QStringList({"web/routes.py:9:CIO004", "web/routes.py:9:CIO007", "web/routes.py:9:CIO008"}));
}

QTEST_GUILESS_MAIN(TestPythonAdapter)
#include "test_python_adapter.moc"
