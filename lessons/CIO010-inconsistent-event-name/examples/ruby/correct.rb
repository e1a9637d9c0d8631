require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs when billing confirms a cancellation; a win-back campaign listens for it.
def record_cancellation(subscription)
  CIO.track(
    subscription.user_id,
    "subscription_cancelled",
    { plan: subscription.plan, reason: subscription.reason }
  )
end
