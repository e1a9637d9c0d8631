require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs after the new account is saved.
def complete_signup(user)
  CIO.identify(id: user.id, email: user.email, plan: user.plan)
  CIO.track(user.id, "signed_up", { plan: user.plan })
end

# Bounce handling, the subject of lesson CIO008 (not of this one).
def on_reporting_webhook(event)
  User.mark_undeliverable(event.dig("data", "customer_id")) if event["metric"] == "bounced"
end
