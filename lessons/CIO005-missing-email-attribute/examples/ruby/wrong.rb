require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs whenever a user saves their account settings.
def sync_profile(user)
  CIO.identify(
    id: user.id,
    first_name: user.first_name,
    plan: user.plan
  )
end

# Called when Customer.io reports a hard bounce for this person.
def stop_emailing(user_id)
  CIO.suppress(user_id)
end
