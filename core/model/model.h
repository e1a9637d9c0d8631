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

// A time value that is not whole UNIX seconds (CIO018), as the expression is written.
enum class TimeForm {
  None,               // not recognisably a time, or whole seconds / a millisecond clock (CIO002)
  DateObject,         // new Date(), datetime.now(), Time.now, time.Now(): serialised as a string
  IsoString,          // toISOString(), isoformat(), iso8601, Format(time.RFC3339), strftime('%Y-%m-%d')
  FractionalSeconds,  // Date.now() / 1000, time.time(), dt.timestamp(), Time.now.to_f: not whole seconds
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
  // Request input that the code checks before this use, in the same function: the value
  // (or the variable holding it) is tested against an allow-list (`ALLOWED.includes(v)`,
  // `v in ALLOWED`, `ALLOWED.include?(v)`, `slices.Contains(allowed, v)`, a map lookup),
  // or the request data went through a schema or validator (`schema.parse(req.body)`).
  bool validatedInput = false;

  TimeForm timeForm = TimeForm::None;
  // When timeForm is not None: the same time in whole UNIX seconds in this language
  // (Math.floor(d.getTime() / 1000), int(dt.timestamp()), Time.now.to_i,
  // time.Now().Unix()). Empty when no mechanical rewrite exists (an ISO string).
  QString unixSecondsRewrite;

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
  // The SDK turns a date/time object given here into UNIX seconds itself (every
  // datetime in customerio-python's payloads, Go's WithEventTimestamp(t)).
  bool sdkConvertsDates = false;
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
  QString region;  // "us", "eu", or empty when not given (the SDK default is US) or not known
  // A region (or a host URL) is passed at all: with an empty `region` it is one the
  // adapter cannot resolve (`region: config.region`), not the US default.
  bool regionGiven = false;
  bool legacyConstructor = false;  // customerio-node's pre-v3 default export, Go's NewCustomerIO
  // Its methods return promises that reject on failure (Call::returnsPromise); the
  // project linker copies it onto calls made through an imported client.
  bool returnsPromises = false;

  // Where it is built. Module scope (or a constant/global/initializer) means once per
  // process. Inside a function it is built on every call, unless cached (lazy singleton
  // `client ??= new ...`, `@client ||= ...` on a long-lived object, lru_cache, sync.Once)
  // or built in a class constructor / __init__ / initialize (once per object).
  bool insideFunction = false;
  bool cached = false;
  bool inConstructor = false;
  int functionId = -1;  // the innermost FunctionScope it is built in, -1 at module scope
  // Built in code that runs on the server only, in a file that may also render UI
  // (Next.js getServerSideProps / getStaticProps / getStaticPaths, a 'use server'
  // action), and not handed back to the page (returned as props): it is in no browser
  // bundle.
  bool serverOnly = false;

  // Names the client is reachable by in this file (variables, fields, properties):
  // "cio", "this.cio", "self.cio", "@client", "$customerio", "Cio".
  QStringList names;
};

// One replacement of the source bytes [range.startByte, range.endByte) with `text`
// (an insertion when the range is empty): the building block of a rewrite an adapter
// offers in its language.
struct SourceEdit {
  Range range;
  QString text;
};

// One arm of a conditional that encloses a call (within the call's function): which
// conditional (any id unique within the file), which arm of it, and whether the arm
// always leaves the function (ends in return / throw), so no code after the
// conditional runs once this arm was taken.
struct BranchArm {
  int conditional = -1;
  int arm = 0;
  bool exits = false;
};

// One call into Customer.io through a client (or a global such as `_cio`).
struct Call {
  Operation op = Operation::Other;
  QString method;   // as written: "identify", "trackAnonymous", "IdentifyCtx", "send_email"
  Sdk sdk = Sdk::Track;
  int clientId = -1;  // index into FileModel::clients, -1 for globals and imported clients
  Range range;        // the whole call expression
  Range calleeRange;  // the method name

  std::optional<Expr> personId;  // the person the call is about
  // Anonymous events: the anonymous id the event is recorded under. Absent, or an
  // empty literal / None / nil, for an invite event (no anonymous id at all).
  std::optional<Expr> anonymousId;
  std::optional<Expr> eventName;  // track/anonymous/page: the event (or page) name
  // When the event name is a parameter of the function the call is in (a tracking helper
  // in the same file: `function trackEvent(userId, name) { return cio.track(userId, { name }) }`):
  // that function's name and what its callers in this file pass for the parameter, one
  // step back (`trackEvent(user.id, req.body.event)` gives `req.body.event`).
  QString eventNameHelper;
  std::vector<Expr> eventNameArguments;
  // When the event name has dynamic parts: the same call rewritten, in this language, so
  // that the name is its constant part (`constantEventName`) and every dynamic part is a
  // field of the event data (`dynamicFields`, the keys). Empty when no mechanical
  // rewrite exists (no constant part left, a part without a clear key, data not written
  // in the call).
  std::vector<SourceEdit> eventDataRewrite;
  QString constantEventName;
  QStringList dynamicFields;
  // Identify attributes, or event data (the `data` object's keys and top-level keys such
  // as `timestamp`). For transactional email: the request's fields (to, identifiers...).
  std::vector<Attribute> attributes;
  // True when every attribute is written out: no spread, no **kwargs, no variable
  // passed instead of a literal object. Rules that need "lacks key X" require this.
  bool attributesFullyVisible = false;
  // Whole objects that become the attributes or event data: the variable passed instead
  // of a literal (`identify(id, req.body)`), a spread (`{...req.body}`), `**request.json`,
  // a double splat. Their Expr facts say whether they are request input.
  std::vector<Expr> spreadAttributes;
  // Python customerio track/track_anonymous given event data as keyword arguments
  // (`track(id, "name", plan="pro")`, `**props`): the shape of customerio < 3.0, whose
  // 3.0 signature takes `data=` instead. The range covers the first such argument.
  bool keywordEventData = false;
  Range keywordEventDataRange;

  // The caller waits for the network round trip: `await`ed in JS/TS; any synchronous
  // SDK call in Python/Ruby/Go (outside a thread/goroutine/background task).
  bool waitsForResult = false;
  // JS/TS promise handling: returned, stored in a variable, or given a rejection
  // handler (.catch / .then(_, onRejected)).
  bool promiseHandled = false;
  // The call returns a promise that rejects when the request fails (every method of
  // customerio-node's TrackClient, APIClient and PipelinesClient). False where failures
  // come back otherwise: raised or returned errors (Python, Ruby, Go), a queue with an
  // error callback (@customerio/cdp-analytics-node, the browser snippets).
  bool returnsPromise = false;
  // When returnsPromise: a rejection handler that can be appended right after the call
  // in this language (`.catch((err) => console.error(err))`); empty if none fits.
  QString rejectionHandler;

  int functionId = -1;  // innermost FunctionScope, -1 at module scope
  // The conditional arms around the call inside its function, outermost first: if/else,
  // switch cases, ternaries. Two calls in different arms of one conditional never both
  // run; a call in an arm that exits is never followed by code after the conditional.
  // Empty where the adapter does not tell (then calls are taken to run in source order).
  std::vector<BranchArm> arms;
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
  // A request handler registered for GET (or HEAD) only: `router.get(...)`, `@app.get`.
  // Nothing posts a webhook to it.
  bool safeMethodsOnly = false;
  // Middleware, guards and filters that run before this handler, by the names this
  // file gives them (`router.post('/hook', verifyCioSignature, handler)`,
  // `@UseGuards(CioSignatureGuard)`, `auth.verify`). One imported from a project module
  // (FileModel::imports) checks whatever that module's file does.
  QStringList guards;
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

// A place that reads a Customer.io reporting webhook's payload: a `metric` /
// `event_type` compared with a delivery metric (`bounced`, `delivered`, `email_opened`).
struct WebhookRead {
  Range range;  // the metric literal
  int functionId = -1;
  bool bounce = false;  // a bounce, spam complaint or drop (what CIO008 asks for)
};

// The signature `X-CIO-Signature` compared with `==` / `===` / `!=`, which leaks
// through timing how much of a forged signature is right.
struct SignatureCompare {
  Range range;  // the comparison
  // The comparison rewritten as a constant-time compare in this language
  // (hmac.compare_digest(a, b), Rack::Utils.secure_compare(a, b), hmac.Equal(...));
  // empty when no rewrite fits.
  QString constantTimeRewrite;
};

// How a file checks Customer.io's webhook signature (HMAC-SHA256 over
// `v0:<X-CIO-Timestamp>:<body>`, sent as `X-CIO-Signature`).
struct WebhookSignature {
  std::vector<Range> headerReads;  // every `X-CIO-Signature` header name the file reads
  std::vector<SignatureCompare> plainCompares;
  bool constantTimeCompare = false;  // timingSafeEqual, compare_digest, secure_compare, hmac.Equal
  bool readsTimestamp = false;       // reads `X-CIO-Timestamp`
  // The timestamp is compared with a bound (`abs(now - ts) > 300`): an old request
  // cannot be replayed.
  bool timestampTolerance = false;
  // The verifiers it names but does not define (a middleware, decorator, filter or
  // concern), as the project would define them: "verify_cio_signature",
  // "CustomerioSignature" (a concern a controller includes), "cioauth.Verify" (a Go
  // middleware from a project package).
  QStringList verifierNames;
  bool referencesVerifier() const { return !verifierNames.isEmpty(); }
  // Verifier-like functions, methods and modules this file defines, under the same names:
  // another file's verifierNames that resolve here are checked by this file's own facts.
  QStringList verifierDefinitions;
  bool any() const { return !headerReads.empty() || referencesVerifier() || !verifierDefinitions.empty(); }
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
  // Set by the project linker: the analysed file the specifier names, empty when none of
  // the analysed files is that module (it is not part of the scan, or not a local file).
  QString resolvedPath;
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

  // The Customer.io SDK version the nearest dependency manifest names for this file's
  // language (package-lock.json, yarn.lock, pnpm-lock.yaml, package.json,
  // requirements*.txt, Pipfile.lock, poetry.lock, pyproject.toml, Gemfile.lock, go.mod),
  // e.g. "2.1.0", and that manifest's file name. Empty when none names it, and always
  // for text analysed alone (playground, lessons): only a project scan reads manifests.
  QString sdkVersion;
  QString sdkVersionSource;

  // The file handles Customer.io reporting webhooks about bounces (reads a `bounced` /
  // `email_bounced` metric, or is a webhook route that suppresses people).
  bool handlesBounceWebhook = false;
  std::vector<WebhookRead> webhookReads;
  WebhookSignature webhookSignature;
  // Why the file runs in a browser or an app bundle (`"use client"`, `useEffect`,
  // `window`, `react-native`), empty for server code: a key in it ships to every user.
  QString browserCode;

  const FunctionScope *function(int id) const {
    return id >= 0 && id < static_cast<int>(functions.size()) ? &functions[id] : nullptr;
  }
  // Walks up from `id`: true when any enclosing function is a request handler and none
  // nearer is a background task.
  // Both walks stop after functions.size() steps: a parent cycle (an adapter bug) must
  // not hang the scan.
  bool inRequestPath(int functionId) const { return requestHandlerOf(functionId) != nullptr; }
  // The nearest enclosing request handler (none when a background task comes first).
  const FunctionScope *requestHandlerOf(int functionId) const {
    std::size_t steps = 0;
    for (const FunctionScope *f = function(functionId); f && steps++ < functions.size(); f = function(f->parentId)) {
      if (f->backgroundTask) return nullptr;
      if (f->requestHandler) return f;
    }
    return nullptr;
  }
  bool inBackgroundTask(int functionId) const {
    std::size_t steps = 0;
    for (const FunctionScope *f = function(functionId); f && steps++ < functions.size(); f = function(f->parentId))
      if (f->backgroundTask) return true;
    return false;
  }
};

}  // namespace cio
