require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Runs after the new password is saved; a campaign sends the security notice.
def record_password_change(user)
  CIO.track(user.email, "password_changed", { ip_country: user.last_login_country })
end
