require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

class CheckoutsController < ApplicationController
  def create
    order = Order.create!(user: current_user, items: params[:items])
    CIO.track(current_user.id, "checkout_completed", { order_id: order.id, total: order.total })
    render json: order, status: :created
  end
end
