require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

class TrackCheckoutJob < ApplicationJob
  queue_as :default

  def perform(user_id, order_id, total)
    CIO.track(user_id, "checkout_completed", { order_id: order_id, total: total })
  end
end

class CheckoutsController < ApplicationController
  def create
    order = Order.create!(user: current_user, items: params[:items])
    TrackCheckoutJob.perform_later(current_user.id, order.id, order.total)
    render json: order, status: :created
  end
end
