require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Called by EventsController#create: the web player reports what the listener does.
module PlayerEvents
  def self.record(user, params)
    CIO.track(user.id, params[:event], episode_id: params[:episode_id])
  end
end
