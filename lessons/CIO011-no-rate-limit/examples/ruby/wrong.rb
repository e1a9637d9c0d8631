require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Nightly job: tells Customer.io about every order shipped today.
def report_shipments(orders)
  orders.each do |order|
    CIO.track(order.customer_id, "order_shipped", { order_id: order.id, carrier: order.carrier })
  end
end
