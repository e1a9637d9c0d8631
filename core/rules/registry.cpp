#include "rules/rule.h"

#include "rules/wrong_api_key.h"
#include "rules/millisecond_timestamp.h"
#include "rules/track_before_identify.h"
#include "rules/email_as_id.h"
#include "rules/missing_email_attribute.h"
#include "rules/dynamic_event_name.h"
#include "rules/blocking_call_in_request.h"
#include "rules/no_bounce_handling.h"
#include "rules/client_per_request.h"
#include "rules/inconsistent_event_name.h"
#include "rules/no_rate_limit.h"
#include "rules/pii_in_event_name.h"
#include "rules/region_mismatch.h"
#include "rules/unhandled_promise.h"
#include "rules/hardcoded_credential.h"
#include "rules/credential_in_client_bundle.h"
#include "rules/unverified_webhook.h"
#include "rules/non_unix_timestamp.h"
#include "rules/untrusted_input.h"
#include "rules/placeholder_id.h"
#include "rules/anonymous_activity_not_merged.h"
#include "rules/deprecated_sdk_api.h"

namespace cio {

// One line per rule, sorted by id. Registration is explicit: no static self-registration.
const std::vector<std::unique_ptr<Rule>> &builtinRules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> r;
    r.push_back(std::make_unique<WrongApiKeyRule>());
    r.push_back(std::make_unique<MillisecondTimestampRule>());
    r.push_back(std::make_unique<TrackBeforeIdentifyRule>());
    r.push_back(std::make_unique<EmailAsIdRule>());
    r.push_back(std::make_unique<MissingEmailAttributeRule>());
    r.push_back(std::make_unique<DynamicEventNameRule>());
    r.push_back(std::make_unique<BlockingCallInRequestRule>());
    r.push_back(std::make_unique<NoBounceHandlingRule>());
    r.push_back(std::make_unique<ClientPerRequestRule>());
    r.push_back(std::make_unique<InconsistentEventNameRule>());
    r.push_back(std::make_unique<NoRateLimitRule>());
    r.push_back(std::make_unique<PiiInEventNameRule>());
    r.push_back(std::make_unique<RegionMismatchRule>());
    r.push_back(std::make_unique<UnhandledPromiseRule>());
    r.push_back(std::make_unique<HardcodedCredentialRule>());
    r.push_back(std::make_unique<CredentialInClientBundleRule>());
    r.push_back(std::make_unique<UnverifiedWebhookRule>());
    r.push_back(std::make_unique<NonUnixTimestampRule>());
    r.push_back(std::make_unique<UntrustedInputRule>());
    r.push_back(std::make_unique<PlaceholderIdRule>());
    r.push_back(std::make_unique<AnonymousActivityNotMergedRule>());
    r.push_back(std::make_unique<DeprecatedSdkApiRule>());
    return r;
  }();
  return rules;
}

}  // namespace cio
