require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs when someone ticks the newsletter box on their account page.
def record_newsletter_signup(user, source)
  CIO.track(user.id, "newsletter_subscribed", { source: source })
end
