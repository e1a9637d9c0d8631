require "customerio"

# Runs after every successful login.
def record_login(user, method)
  cio = Customerio::Client.new(
    ENV.fetch("CUSTOMERIO_SITE_ID"),
    ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
    region: Customerio::Regions::US
  )
  cio.track(user.id, "logged_in", { method: method })
end
