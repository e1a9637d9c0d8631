require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs when billing confirms a plan change.
def record_upgrade(user, plan)
  CIO.track(user.id, "upgraded_to_#{plan}", { previous_plan: user.plan })
end
