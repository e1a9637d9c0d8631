#pragma once

// The Customer.io model: what every language adapter extracts from a syntax tree and
// what every rule reads. Rules never look at syntax; if a rule needs a new fact, the
// fact is added here and every adapter answers it.

#include "language/language.h"
#include "model/range.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace cio {

// Which Customer.io surface a client or call talks to.
enum class Sdk {
  Track,             // Track API: customerio-node TrackClient, Python CustomerIO, Ruby Client, Go NewTrackClient
  App,               // App API: APIClient (transactional messages, broadcasts, exports)
  Pipelines,         // Data Pipelines (CDP): timestamps are ms/ISO by design
  BrowserSnippet,    // classic `_cio` snippet (track.js)
  PipelinesBrowser,  // `cioanalytics` / AnalyticsBrowser
};

enum class Operation {
  Identify,
  Track,
  TrackAnonymous,
  Page,
  Suppress,
  Unsuppress,
  Delete,
  AddDevice,
  DeleteDevice,
  Merge,
  SendEmail,  // transactional email
  SendPush,
  SendSms,
  SendOther,  // inbox / in-app / whatsapp
  TriggerBroadcast,
  Batch,
  Other,
};

// What kind of expression a value is. The adapter classifies; rules read the kind.
enum class ValueKind {
  Unknown,
  StringLiteral,       // 'a', "a", `a` without interpolation, Python/Ruby/Go plain strings
  NumberLiteral,
  InterpolatedString,  // `a${b}`, f"a{b}", "a#{b}" (with at least one interpolation)
  Concatenation,       // "a" + b
  FormatCall,          // "a%s" % b, "{}".format(b), fmt.Sprintf, util.format
  CallResult,          // any other call: getName(), buildEvent()
  Identifier,          // a bare variable or constant name
  Member,              // obj.prop, obj["prop"], obj[:prop], obj.Prop
  ObjectLiteral,       // {…}, dict(…), {…} hash, map[string]any{…}
  Other,
};

// Facts about one expression, answered by the adapter for its language.
struct Expr {
  Range range;
  QString text;  // source text of the expression (as written)
  ValueKind kind = ValueKind::Unknown;

  // StringLiteral: the string's value (escapes left as written).
  // InterpolatedString / Concatenation / FormatCall: the literal parts joined with
  // "{}" where a dynamic part stands, e.g. `signup_${plan}` -> "signup_{}".
  QString stringValue;
  // StringLiteral only: the range of the string's content without the quotes, so a
  // fix can replace the value.
  std::optional<Range> contentRange;

  // Every identifier, property name and string subscript key that the expression
  // reads, in source order, as written: `req.body.email` -> [req, body, email];
  // `user["email"]` -> [user, email]; f"{user.name}" -> [user, name].
  // For dynamic strings: only the names inside the dynamic parts.
  QStringList names;
  // The names read by the values last assigned to the local variables this expression
  // is (an identifier) or interpolates (a bare variable in a dynamic part), one step
  // back, same function: with `friend = body["friend_email"]`, f"referred_{friend}" has
  // names [friend] and assignedNames [body, friend_email]. Parameters have none.
  QStringList assignedNames;

  // A clock in milliseconds: Date.now(), d.getTime(), +new Date(), d.valueOf(),
  // time.time()*1000, int(dt.timestamp()*1000), (Time.now.to_f*1000).to_i,
  // Time.now.to_i*1000, strftime('%Q'), time.Now().UnixMilli(), UnixNano(), or a
  // 13-digit number literal. False once divided by 1000 (Math.floor(Date.now()/1000)).
  bool millisecondClock = false;
  // When millisecondClock: the same expression rewritten to whole seconds in this
  // language (Math.floor(Date.now() / 1000), int(time.time()), Time.now.to_i,
  // time.Now().Unix()). Empty when no mechanical rewrite exists.
  QString secondsRewrite;

  // Request input: req.body/query/params, request.json/args/form, params[...] etc.
  bool requestInput = false;

  bool isValid() const { return kind != ValueKind::Unknown || !text.isEmpty(); }
  bool isDynamicString() const {
    return kind == ValueKind::InterpolatedString || kind == ValueKind::Concatenation ||
           kind == ValueKind::FormatCall;
  }
};

// One attribute (identify attributes, event data, a request's fields) with its value.
struct Attribute {
  QString key;  // as written, without quotes: "created_at", "email"
  Range keyRange;
  Expr value;
};

// How a client object was built.
struct Client {
  int id = -1;
  Sdk sdk = Sdk::Track;
  Range range;          // the constructor call
  QString constructor;  // as written: "new TrackClient", "CustomerIO", "customerio.NewTrackClient"
  // Constructor arguments that carry credentials, in order: Track: site id, API key;
  // App: app API key; Pipelines: write key.
  std::vector<Expr> credentialArgs;
  QString region;  // "us", "eu", or empty when not given (the SDK default is US)
  bool legacyConstructor = false;  // customerio-node's pre-v3 default export, Go's NewCustomerIO

  // Where it is built. Module scope (or a constant/global/initializer) means once per
  // process. Inside a function it is built on every call, unless cached (lazy singleton
  // `client ??= new ...`, `@client ||= ...` on a long-lived object, lru_cache, sync.Once)
  // or built in a class constructor / __init__ / initialize (once per object).
  bool insideFunction = false;
  bool cached = false;
  bool inConstructor = false;
  int functionId = -1;  // the innermost FunctionScope it is built in, -1 at module scope

  // Names the client is reachable by in this file (variables, fields, properties):
  // "cio", "this.cio", "self.cio", "@client", "$customerio", "Cio".
  QStringList names;
};

// One call into Customer.io through a client (or a global such as `_cio`).
struct Call {
  Operation op = Operation::Other;
  QString method;   // as written: "identify", "trackAnonymous", "IdentifyCtx", "send_email"
  Sdk sdk = Sdk::Track;
  int clientId = -1;  // index into FileModel::clients, -1 for globals and imported clients
  Range range;        // the whole call expression
  Range calleeRange;  // the method name

  std::optional<Expr> personId;   // the person the call is about
  std::optional<Expr> eventName;  // track/anonymous/page: the event (or page) name
  // Identify attributes, or event data (the `data` object's keys and top-level keys such
  // as `timestamp`). For transactional email: the request's fields (to, identifiers...).
  std::vector<Attribute> attributes;
  // True when every attribute is written out: no spread, no **kwargs, no variable
  // passed instead of a literal object. Rules that need "lacks key X" require this.
  bool attributesFullyVisible = false;

  // The caller waits for the network round trip: `await`ed in JS/TS; any synchronous
  // SDK call in Python/Ruby/Go (outside a thread/goroutine/background task).
  bool waitsForResult = false;
  // JS/TS promise handling: returned, stored in a variable, or given a rejection
  // handler (.catch / .then(_, onRejected)).
  bool promiseHandled = false;

  int functionId = -1;  // innermost FunctionScope, -1 at module scope
  bool inLoop = false;  // inside a loop over a collection (for, for…of, forEach, map, while, each, range...)
  // The loop is throttled: a limiter (Bottleneck, p-limit, p-queue, ratelimit, rate.Limiter),
  // a sleep/delay inside the loop body, or a batch API.
  bool loopThrottled = false;
};

// A function, method, lambda or block the model knows about.
struct FunctionScope {
  int id = -1;
  int parentId = -1;
  QString name;
  Range range;
  // Handles an incoming HTTP request (Express/Koa/Fastify/Next.js routes, Flask/Django/
  // FastAPI views, Rails actions, Sinatra routes, net/http, gin, echo...).
  bool requestHandler = false;
  // Runs off the request path (Celery/RQ task, Sidekiq job, ActiveJob, goroutine,
  // thread, BackgroundTasks). A call inside it never blocks a request.
  bool backgroundTask = false;
};

enum class HttpAuth { Unknown, Basic, Bearer };

// A hand-written HTTP request to a Customer.io host.
struct HttpRequest {
  Range range;   // the URL literal
  QString host;  // "track.customer.io", "api-eu.customer.io", ...
  HttpAuth auth = HttpAuth::Unknown;
  int functionId = -1;
};

// A comment, kept for suppressions (`cio-lint-disable-next-line CIO002`).
struct Comment {
  Range range;
  QString text;
};

// Cross-file links (same project): a client exported by this module...
struct ClientExport {
  // "cio", "default"; a factory function that returns the client is exported as its
  // name with "()" ("getCio()", "default()"), and imported calls through it use the
  // receiver "getCio()" (LocalImport localName "getCio()", importedName "getCio()").
  QString exportedName;
  int clientId = -1;
};
// ...and a name imported from a relative module that may be a client.
struct LocalImport {
  QString localName;     // the name used in this file
  QString importedName;  // the exported name ("default" for default imports)
  QString specifier;     // "./lib/cio", "../cio.js"
};

struct FileModel {
  QString path;
  LanguageId language = LanguageId::Unknown;
  bool hasSyntaxErrors = false;

  std::vector<Client> clients;
  std::vector<Call> calls;
  std::vector<FunctionScope> functions;
  std::vector<HttpRequest> httpRequests;
  std::vector<Comment> comments;

  std::vector<ClientExport> exports;
  std::vector<LocalImport> imports;
  // Calls through names imported from local modules whose client is not known while
  // this file is analysed alone: `cio.track(...)` with `import { cio } from './cio'`.
  // The project linker moves those whose import resolves to an exported client into
  // `calls`, with the client's sdk.
  std::vector<std::pair<QString, Call>> pendingCalls;  // (local receiver name, call)

  // The file handles Customer.io reporting webhooks about bounces (reads a `bounced` /
  // `email_bounced` metric, or is a webhook route that suppresses people).
  bool handlesBounceWebhook = false;

  const FunctionScope *function(int id) const {
    return id >= 0 && id < static_cast<int>(functions.size()) ? &functions[id] : nullptr;
  }
  // Walks up from `id`: true when any enclosing function is a request handler and none
  // nearer is a background task.
  // Both walks stop after functions.size() steps: a parent cycle (an adapter bug) must
  // not hang the scan.
  bool inRequestPath(int functionId) const {
    std::size_t steps = 0;
    for (const FunctionScope *f = function(functionId); f && steps++ < functions.size(); f = function(f->parentId)) {
      if (f->backgroundTask) return false;
      if (f->requestHandler) return true;
    }
    return false;
  }
  bool inBackgroundTask(int functionId) const {
    std::size_t steps = 0;
    for (const FunctionScope *f = function(functionId); f && steps++ < functions.size(); f = function(f->parentId))
      if (f->backgroundTask) return true;
    return false;
  }
};

}  // namespace cio
