require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Called by EventsController#create: the web player reports what the listener does.
module PlayerEvents
  ALLOWED = %w[episode_played episode_paused episode_finished].freeze

  def self.record(user, params)
    return false unless ALLOWED.include?(params[:event])

    CIO.track(user.id, params[:event], episode_id: params[:episode_id])
  end
end
