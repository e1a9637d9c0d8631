#include "rules/untrusted_input.h"

#include "rules/facts.h"

namespace cio {

const RuleInfo &UntrustedInputRule::info() const {
  static const RuleInfo info{QStringLiteral("CIO019"), QStringLiteral("untrusted-input"), Severity::Warning,
                             QStringLiteral("request input flows unchecked into an event name, a recipient address or "
                                            "the attributes")};
  return info;
}

static bool unchecked(const Expr &e) {
  return e.requestInput && !e.validatedInput;
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
    // One step through a tracking helper in the same file: its caller passes the input.
    if (facts::isEventOperation(c.op) && c.eventName && !c.eventNameHelper.isEmpty())
      for (const Expr &arg : c.eventNameArguments)
        if (unchecked(arg))
          sink.report(file.path, arg.range,
                      QStringLiteral("the event name comes straight from the request, through %1() (its `%2` "
                                     "parameter becomes the event name): any caller can create event names, fire "
                                     "the events your campaigns trigger on, and flood your workspace with new "
                                     "ones; map the input to a name from an allow-list")
                          .arg(c.eventNameHelper, c.eventName->text));
    // Person ids from the request are not reported: webhooks, internal services and
    // signup forms carry them by design, and the model cannot tell those endpoints from a
    // public one that should use the session's id.
    if (isMessage(c.op))
      for (const Attribute &a : c.attributes)
        if (a.key.compare(QLatin1String("to"), Qt::CaseInsensitive) == 0 && unchecked(a.value))
          sink.report(file.path, a.value.range,
                      QStringLiteral("the message goes to an address taken from the request: anyone can use "
                                     "this endpoint to send your messages, from your domain, to anybody (an "
                                     "open relay); send to the address stored for the person"));
    // Profile attributes and message requests; event data copied from the request is a
    // smaller matter (it writes no profile and sends nothing) and stays unreported.
    if (c.op != Operation::Identify && !isMessage(c.op)) continue;
    for (const Expr &spread : c.spreadAttributes)
      if (unchecked(spread))
        sink.report(file.path, spread.range,
                    isMessage(c.op)
                        ? QStringLiteral("the request data becomes the message request whole: a caller can set "
                                         "the recipient, the sender and the content of your message; copy the "
                                         "fields you expect one by one")
                        : QStringLiteral("the request data becomes the attributes whole: a caller can set any "
                                         "attribute, including email, unsubscribed or plan, and add hundreds of "
                                         "junk ones; copy the fields you expect one by one"));
  }
}

}  // namespace cio
