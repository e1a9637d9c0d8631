require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs after every successful login.
def record_login(user, method)
  CIO.track(user.id, "logged_in", { method: method })
end
