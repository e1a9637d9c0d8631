#include "rules/untrusted_input.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &UntrustedInputRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO019"), QStringLiteral("untrusted-input"), Severity::Warning,
                             QStringLiteral("request input flows unchecked into an event name, a person id, a "
                                            "recipient address or the attributes")};
  return info;
}

static bool unchecked(const Expr &e) {
  return e.requestInput && !e.validatedInput;
}

// Operations that write to the profile they name.
static bool writesProfile(Operation op) {
  switch (op) {
    case Operation::Identify:
    case Operation::Track:
    case Operation::Page:
    case Operation::AddDevice:
    case Operation::DeleteDevice:
    case Operation::Delete:
    case Operation::Suppress:
    case Operation::Unsuppress:
      return true;
    default:
      return false;
  }
}

static bool isMessage(Operation op) {
  return op == Operation::SendEmail || op == Operation::SendSms || op == Operation::SendPush ||
         op == Operation::SendOther;
}

void UntrustedInputRule::check(const FileModel &file, const FindingSink &sink) const {
  for (const Call &c : file.calls) {
    if (facts::isEventOperation(c.op) && c.eventName && unchecked(*c.eventName))
      sink.report(file.path, c.eventName->range,
                  QStringLiteral("the event name comes straight from the request: any caller can create event "
                                 "names, fire the events your campaigns trigger on, and flood your workspace "
                                 "with new ones; map the input to a name from an allow-list"));
    if (writesProfile(c.op) && c.personId && unchecked(*c.personId))
      sink.report(file.path, c.personId->range,
                  QStringLiteral("the person id comes straight from the request: any caller can write to "
                                 "anybody's profile or act as them; take the id from the authenticated "
                                 "session, not from what the client sends"));
    if (isMessage(c.op))
      for (const Attribute &a : c.attributes)
        if (a.key.compare(QLatin1String("to"), Qt::CaseInsensitive) == 0 && unchecked(a.value))
          sink.report(file.path, a.value.range,
                      QStringLiteral("the message goes to an address taken from the request: anyone can use "
                                     "this endpoint to send your messages, from your domain, to anybody (an "
                                     "open relay); send to the address stored for the person"));
    for (const Expr &spread : c.spreadAttributes)
      if (unchecked(spread))
        sink.report(file.path, spread.range,
                    QStringLiteral("the request data becomes the %1 whole: a caller can set any attribute, "
                                   "including email, unsubscribed or plan, and add hundreds of junk ones; "
                                   "copy the fields you expect one by one")
                        .arg(isMessage(c.op) ? QStringLiteral("message request") : QStringLiteral("attributes")));
  }
}

}  // namespace cio
