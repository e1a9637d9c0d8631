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

# Called when Customer.io reports a hard bounce for this person.
def stop_emailing(user_id)
  CIO.suppress(user_id)
end
