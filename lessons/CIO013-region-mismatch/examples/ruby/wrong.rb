require "customerio"

# The account is in the EU region.
CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::EU
)
API = Customerio::APIClient.new(ENV.fetch("CUSTOMERIO_APP_API_KEY"))

# Called when a new release is published.
def announce_release(release)
  CIO.track(release.author_id, "release_published", version: release.version)
end
