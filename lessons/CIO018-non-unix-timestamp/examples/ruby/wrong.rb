require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Called when a subscription renews.
def record_renewal(subscription)
  CIO.track(
    subscription.customer_id,
    "subscription_renewed",
    plan: subscription.plan,
    renews_at: 30.days.from_now
  )
end
