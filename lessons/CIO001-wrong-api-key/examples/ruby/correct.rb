require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Called once the payment provider confirms the charge.
def record_payment(order)
  CIO.track(order.customer_id, "order_paid", { order_id: order.id, total: order.total })
end
