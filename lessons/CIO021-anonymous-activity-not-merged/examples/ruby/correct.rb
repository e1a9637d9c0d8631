require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Visitors are tracked by their cookie id before they sign up.
def pricing_viewed(visitor_id, plan)
  CIO.track_anonymous(visitor_id, "pricing_viewed", plan: plan)
end

def signed_up(user, visitor_id)
  CIO.identify(id: user.id, email: user.email, plan: user.plan, anonymous_id: visitor_id)
end

# Bounce handling, the subject of lesson CIO008 (not of this one).
def on_reporting_webhook(event)
  User.mark_undeliverable(event.dig("data", "customer_id")) if event["metric"] == "bounced"
end
